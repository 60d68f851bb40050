// Customer satisfaction surveys: scores per dimension on a 1–5 or 0–100 scale, normalised to
// 0–100 so periods and customers can be compared, with the trend between consecutive periods.

export const SATISFACTION_DIMENSIONS = ['quality', 'delivery', 'price', 'service', 'communication'] as const;
export type SatisfactionDimension = (typeof SATISFACTION_DIMENSIONS)[number];
export const SATISFACTION_SCALES = [5, 100] as const;
export type SatisfactionScale = (typeof SATISFACTION_SCALES)[number];

export type DimensionScores = Partial<Record<SatisfactionDimension, number | null>>;

export interface SurveyScores {
  customerId: string;
  /** YYYY-MM or YYYY-Qn or YYYY. */
  period: string;
  scale: SatisfactionScale;
  scores: DimensionScores;
}

/** A survey period: a month (2026-03), a quarter (2026-Q1) or a year (2026). */
export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

/** First month (YYYY-MM) a survey period covers. */
export function periodStartMonth(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}`;
  return period.length === 4 ? `${period}-01` : period.slice(0, 7);
}

/** Last month (YYYY-MM) a survey period covers. */
export function periodEndMonth(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}`;
  return period.length === 4 ? `${period}-12` : period.slice(0, 7);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** One score on 0–100: a 1–5 answer maps 1 → 0 and 5 → 100. */
export function toPercent(value: number, scale: SatisfactionScale): number {
  return scale === 5 ? ((value - 1) / 4) * 100 : value;
}

export function scoreProblem(value: number, scale: SatisfactionScale): string | null {
  const [lo, hi] = scale === 5 ? [1, 5] : [0, 100];
  if (!Number.isFinite(value) || value < lo || value > hi) {
    return `分数应在 ${lo}–${hi} 之间 / score must be between ${lo} and ${hi}`;
  }
  return null;
}

/** Mean of the answered dimensions on 0–100; null when none was answered. */
export function surveyIndex(s: SurveyScores): number | null {
  const values = SATISFACTION_DIMENSIONS.map((d) => s.scores[d]).filter(
    (v): v is number => typeof v === 'number',
  );
  if (values.length === 0) return null;
  return round1(values.reduce((a, v) => a + toPercent(v, s.scale), 0) / values.length);
}

export interface TrendPoint {
  period: string;
  index: number;
  /** Change against the previous period with a score; null for the first. */
  change: number | null;
  byDimension: Partial<Record<SatisfactionDimension, number>>;
}

/** Per period (sorted), the mean index over the surveys of that period and the change. */
export function satisfactionTrend(surveys: readonly SurveyScores[]): TrendPoint[] {
  const byPeriod = new Map<string, SurveyScores[]>();
  for (const s of surveys) byPeriod.set(s.period, [...(byPeriod.get(s.period) ?? []), s]);
  const out: TrendPoint[] = [];
  for (const period of [...byPeriod.keys()].sort()) {
    const group = byPeriod.get(period)!;
    const indices = group.map(surveyIndex).filter((v): v is number => v !== null);
    if (indices.length === 0) continue;
    const index = round1(indices.reduce((a, v) => a + v, 0) / indices.length);
    const byDimension: Partial<Record<SatisfactionDimension, number>> = {};
    for (const d of SATISFACTION_DIMENSIONS) {
      const vals = group.flatMap((s) =>
        typeof s.scores[d] === 'number' ? [toPercent(s.scores[d]!, s.scale)] : [],
      );
      if (vals.length) byDimension[d] = round1(vals.reduce((a, v) => a + v, 0) / vals.length);
    }
    const prev = out.at(-1);
    out.push({ period, index, change: prev ? round1(index - prev.index) : null, byDimension });
  }
  return out;
}
