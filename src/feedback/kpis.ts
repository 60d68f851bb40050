// Customer-side KPIs as pure functions over plain rows, so the dashboard, the CLI and the API
// compute them the same way. Every rate is zero-safe: with nothing to divide by it is null
// ("no data"), never 0 % or NaN.
import { COMPLAINT_CAUSES, type ComplaintCause } from './cause.js';
import { periodEndMonth, periodStartMonth, type SurveyScores, surveyIndex } from './satisfaction.js';

export interface FeedbackFacts {
  customerId: string | null;
  kind: string;
  cause: string | null;
  sentimentScore: number | null;
  receivedAt: string;
  closedAt: string | null;
}

export interface ActionFacts {
  status: string;
  dueDate: string | null;
  closedAt: string | null;
}

export interface ContractFacts {
  receivedAt: string;
  feedbackDueAt: string | null;
  feedbackSentAt: string | null;
  feedbackCompliant: boolean | null;
}

export interface Period {
  /** Inclusive ISO instants or days. */
  from: string;
  to: string;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const ratio = (num: number, den: number): number | null => (den === 0 ? null : round((num / den) * 100));

/** The month (YYYY-MM) of an instant in Asia/Shanghai, where the business runs. */
export function monthOf(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 7);
}

export function inPeriod(instant: string, p: Period): boolean {
  const t = Date.parse(instant);
  const from = Date.parse(p.from);
  // A bare day as `to` includes the whole day.
  const to = /^\d{4}-\d{2}-\d{2}$/.test(p.to) ? Date.parse(p.to) + 86_400_000 - 1 : Date.parse(p.to);
  return t >= from && t <= to;
}

export interface ComplaintsByMonth {
  month: string;
  count: number;
  byCause: Record<ComplaintCause | 'unclassified', number>;
  /** Complaints per 100 contracts received that month; null without contracts. */
  ratePer100Contracts: number | null;
}

const emptyCauses = () =>
  Object.fromEntries([...COMPLAINT_CAUSES, 'unclassified'].map((c) => [c, 0])) as Record<
    ComplaintCause | 'unclassified',
    number
  >;

export function complaintsByMonth(
  feedback: readonly FeedbackFacts[],
  contracts: readonly ContractFacts[],
): ComplaintsByMonth[] {
  const months = new Map<string, ComplaintsByMonth>();
  const slot = (m: string) => {
    let s = months.get(m);
    if (!s) {
      s = { month: m, count: 0, byCause: emptyCauses(), ratePer100Contracts: null };
      months.set(m, s);
    }
    return s;
  };
  for (const f of feedback) {
    if (f.kind !== 'complaint') continue;
    const s = slot(monthOf(f.receivedAt));
    s.count += 1;
    const cause = (COMPLAINT_CAUSES as readonly string[]).includes(f.cause ?? '')
      ? (f.cause as ComplaintCause)
      : 'unclassified';
    s.byCause[cause] += 1;
  }
  const contractsPerMonth = new Map<string, number>();
  for (const c of contracts) {
    const m = monthOf(c.receivedAt);
    contractsPerMonth.set(m, (contractsPerMonth.get(m) ?? 0) + 1);
  }
  for (const s of months.values()) {
    const n = contractsPerMonth.get(s.month) ?? 0;
    s.ratePer100Contracts = n === 0 ? null : round((s.count / n) * 100);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** Mean days from receipt to closure over closed complaints; null when none closed. */
export function meanDaysToClose(feedback: readonly FeedbackFacts[]): number | null {
  const spans = feedback
    .filter((f) => f.kind === 'complaint' && f.closedAt)
    .map((f) => (Date.parse(f.closedAt!) - Date.parse(f.receivedAt)) / 86_400_000);
  if (spans.length === 0) return null;
  return round(spans.reduce((a, v) => a + v, 0) / spans.length);
}

/** Share (%) of closed actions with a due date that were closed on or before it. */
export function onTimeActionClosure(actions: readonly ActionFacts[]): {
  closed: number;
  onTime: number;
  rate: number | null;
} {
  const closed = actions.filter((a) => a.closedAt && a.dueDate);
  // The due date is a day; closing any time that day (Shanghai) is on time.
  const onTime = closed.filter(
    (a) => new Date(Date.parse(a.closedAt!) + 8 * 3600_000).toISOString().slice(0, 10) <= a.dueDate!,
  ).length;
  return { closed: closed.length, onTime, rate: ratio(onTime, closed.length) };
}

/** Mean survey index (0–100) over the surveys; null without any answered survey. */
export function satisfactionIndex(surveys: readonly SurveyScores[]): number | null {
  const values = surveys.map(surveyIndex).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  return round(values.reduce((a, v) => a + v, 0) / values.length);
}

/**
 * 48-hour feedback compliance: of the contracts whose feedback was due, the share answered in
 * time. Uses the recorded verdict when the review workflow stored one, otherwise compares sent
 * and due instants; a contract still waiting and past due counts as late.
 */
export function feedbackCompliance(
  contracts: readonly ContractFacts[],
  now: Date,
): { due: number; compliant: number; rate: number | null } {
  let due = 0;
  let compliant = 0;
  for (const c of contracts) {
    let verdict: boolean | null = c.feedbackCompliant;
    if (verdict === null && c.feedbackDueAt) {
      if (c.feedbackSentAt) verdict = Date.parse(c.feedbackSentAt) <= Date.parse(c.feedbackDueAt);
      else if (Date.parse(c.feedbackDueAt) < now.getTime()) verdict = false;
    }
    if (verdict === null) continue;
    due += 1;
    if (verdict) compliant += 1;
  }
  return { due, compliant, rate: ratio(compliant, due) };
}

export interface SentimentPoint {
  customerId: string;
  month: string;
  count: number;
  /** Mean sentiment score in −1…1. */
  meanScore: number;
}

/** Mean sentiment per customer and month, ordered by customer then month. */
export function sentimentTrend(feedback: readonly FeedbackFacts[]): SentimentPoint[] {
  const acc = new Map<string, { customerId: string; month: string; sum: number; count: number }>();
  for (const f of feedback) {
    if (!f.customerId || f.sentimentScore === null) continue;
    const month = monthOf(f.receivedAt);
    const key = `${f.customerId}\u0000${month}`;
    const a = acc.get(key) ?? { customerId: f.customerId, month, sum: 0, count: 0 };
    a.sum += f.sentimentScore;
    a.count += 1;
    acc.set(key, a);
  }
  return [...acc.values()]
    .map((a) => ({
      customerId: a.customerId,
      month: a.month,
      count: a.count,
      meanScore: round(a.sum / a.count, 3),
    }))
    .sort((x, y) => x.customerId.localeCompare(y.customerId) || x.month.localeCompare(y.month));
}

export interface KpiReport {
  period: Period;
  complaints: {
    total: number;
    byCause: Record<ComplaintCause | 'unclassified', number>;
    byMonth: ComplaintsByMonth[];
  };
  feedbackTotal: number;
  /** Complaints per 100 contracts in the period; null without contracts. */
  complaintRatePer100Contracts: number | null;
  meanDaysToClose: number | null;
  openComplaints: number;
  actionClosure: { closed: number; onTime: number; rate: number | null };
  satisfactionIndex: number | null;
  feedback48h: { due: number; compliant: number; rate: number | null };
  sentimentTrend: SentimentPoint[];
}

export interface KpiInput {
  feedback: readonly FeedbackFacts[];
  actions: readonly ActionFacts[];
  contracts: readonly ContractFacts[];
  surveys: readonly SurveyScores[];
}

/** Every KPI for the period; rows outside it are ignored (surveys by period label prefix). */
export function computeKpis(input: KpiInput, period: Period, now: Date): KpiReport {
  const feedback = input.feedback.filter((f) => inPeriod(f.receivedAt, period));
  const contracts = input.contracts.filter((c) => inPeriod(c.receivedAt, period));
  const actions = input.actions.filter((a) => a.closedAt === null || inPeriod(a.closedAt, period));
  const complaints = feedback.filter((f) => f.kind === 'complaint');
  const byCause = emptyCauses();
  for (const m of complaintsByMonth(complaints, contracts)) {
    for (const [k, v] of Object.entries(m.byCause)) byCause[k as keyof typeof byCause] += v;
  }
  const first = period.from.slice(0, 7);
  const last = period.to.slice(0, 7);
  const surveys = input.surveys.filter((s) => {
    // A survey counts when the period it covers overlaps the KPI period.
    return periodStartMonth(s.period) <= last && periodEndMonth(s.period) >= first;
  });
  return {
    period,
    complaints: { total: complaints.length, byCause, byMonth: complaintsByMonth(complaints, contracts) },
    feedbackTotal: feedback.length,
    complaintRatePer100Contracts:
      contracts.length === 0 ? null : round((complaints.length / contracts.length) * 100),
    meanDaysToClose: meanDaysToClose(complaints),
    openComplaints: complaints.filter((f) => f.closedAt === null).length,
    actionClosure: onTimeActionClosure(actions),
    satisfactionIndex: satisfactionIndex(surveys),
    feedback48h: feedbackCompliance(contracts, now),
    sentimentTrend: sentimentTrend(feedback),
  };
}
