// Management cockpit (驾驶舱): read-only aggregates over intake, analyses, contracts, reviews and
// feedback for one period. Counting happens in SQL; only small projections (instants, JSON of the
// period's analyses and special contracts, capped) are folded in JS, so both databases give the
// same numbers and an empty database gives zeros, never an error.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { planCounts, plantToday } from '../../planning/planning-repository.js';
import { pendingSupplierCount } from '../../planning/supplier-repository.js';
import type { Database } from '../../store/schema.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';

type Db = Kysely<Database>;

const HOUR_MS = 3_600_000;
/** Analyses read for keywords and sentiment; the newest ones when a period holds more. */
const ANALYSIS_SAMPLE = 2000;
const TOP_KEYWORDS = 40;

const countRow = z.object({ key: z.string(), count: z.number().int() });

export const dashboardSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), days: z.number().int() }),
    intakeByChannel: z.array(countRow),
    requirementCategories: z.array(countRow),
    contracts: z.object({
      total: z.number().int(),
      byClass: z.array(countRow),
      specialShare: z.number().nullable(),
      specialReasons: z.array(countRow),
    }),
    reviewCycleHours: z.object({
      completed: z.number().int(),
      median: z.number().nullable(),
      p90: z.number().nullable(),
    }),
    feedback48h: z.object({
      due: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int(),
      overdueOpen: z.number().int(),
      compliance: z.number().nullable(),
    }),
    sentimentTrend: z.array(
      z.object({
        week: z.string(),
        positive: z.number().int(),
        neutral: z.number().int(),
        negative: z.number().int(),
        averageScore: z.number().nullable(),
      }),
    ),
    topKeywords: z.array(z.object({ word: z.string(), weight: z.number() })),
    complaintsByCause: z.array(countRow),
    planning: z
      .object({
        open: z.number().int().describe('未完成的计划项（含逾期）/ plan items not done, overdue included'),
        overdue: z.number().int(),
        done: z.number().int(),
        supplierPending: z.number().int().describe('待传递给供方的要求 / requirements not yet passed on'),
      })
      .describe('需求计划（当前，不限统计期）/ requirement planning, as of now'),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof dashboardSchema>;

/** Nearest-rank percentile of ascending `sorted`; null when empty. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** Monday (UTC) of the week of an ISO instant, as YYYY-MM-DD. */
export function weekOf(instant: string): string {
  const d = new Date(instant);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day);
  return d.toISOString().slice(0, 10);
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function sortedCounts(map: Map<string, number>): { key: string; count: number }[] {
  return [...map.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

async function groupCount(
  rows: Promise<{ key: string | null; n: string | number | bigint }[]>,
): Promise<{ key: string; count: number }[]> {
  const out = new Map<string, number>();
  for (const r of await rows) {
    const key = r.key ?? 'unknown';
    out.set(key, (out.get(key) ?? 0) + Number(r.n));
  }
  return sortedCounts(out);
}

export async function computeDashboard(db: Db, now: Date, days: number): Promise<Dashboard> {
  const to = now.toISOString();
  const from = new Date(now.getTime() - days * 24 * HOUR_MS).toISOString();

  const [intakeByChannel, requirementCategories, byClass, complaintsByCause] = await Promise.all([
    groupCount(
      db
        .selectFrom('intake_records')
        .select((eb) => ['channel as key', eb.fn.countAll().as('n')])
        .where('received_at', '>=', from)
        .groupBy('channel')
        .execute() as Promise<{ key: string | null; n: number }[]>,
    ),
    groupCount(
      db
        .selectFrom('requirements')
        .select((eb) => ['category as key', eb.fn.countAll().as('n')])
        .where('created_at', '>=', from)
        .groupBy('category')
        .execute() as Promise<{ key: string | null; n: number }[]>,
    ),
    groupCount(
      db
        .selectFrom('contracts')
        .select((eb) => ['class as key', eb.fn.countAll().as('n')])
        .where('received_at', '>=', from)
        .groupBy('class')
        .execute() as Promise<{ key: string | null; n: number }[]>,
    ),
    groupCount(
      db
        .selectFrom('feedback')
        .select((eb) => ['cause as key', eb.fn.countAll().as('n')])
        .where('kind', '=', 'complaint')
        .where('voided_at', 'is', null)
        .where('received_at', '>=', from)
        .groupBy('cause')
        .execute() as Promise<{ key: string | null; n: number }[]>,
    ),
  ]);

  const total = byClass.reduce((s, r) => s + r.count, 0);
  const special = byClass.find((r) => r.key === 'special')?.count ?? 0;

  // Reasons of the period's special contracts, from their stored classification.
  const specialRows = await db
    .selectFrom('contracts')
    .select('classification')
    .where('class', '=', 'special')
    .where('received_at', '>=', from)
    .orderBy('received_at', 'desc')
    .limit(ANALYSIS_SAMPLE)
    .execute();
  const reasons = new Map<string, number>();
  for (const row of specialRows) {
    const c = parseJson(row.classification) as { reasons?: { code?: unknown }[] } | null;
    for (const code of new Set((c?.reasons ?? []).map((r) => String(r.code ?? 'unknown')))) {
      reasons.set(code, (reasons.get(code) ?? 0) + 1);
    }
  }

  // Review cycle and 48-h feedback: a contract's review is complete when every department part
  // is signed; the last signature is when the result can go back to the customer.
  const contractRows = await db
    .selectFrom('contracts')
    .select(['id', 'received_at', 'feedback_due_at'])
    .where('received_at', '>=', from)
    .execute();
  const reviewRows = await db
    .selectFrom('reviews')
    .innerJoin('contracts', 'contracts.id', 'reviews.contract_id')
    .select(['reviews.contract_id as contractId', 'reviews.signed_at as signedAt'])
    .where('contracts.received_at', '>=', from)
    .execute();
  const lastSigned = new Map<string, string | null>();
  for (const r of reviewRows) {
    const prev = lastSigned.get(r.contractId);
    if (prev === null) continue; // an unsigned part already makes the review incomplete
    if (r.signedAt === null) lastSigned.set(r.contractId, null);
    else if (prev === undefined || r.signedAt > prev) lastSigned.set(r.contractId, r.signedAt);
  }
  const cycles: number[] = [];
  let due = 0;
  let onTime = 0;
  let late = 0;
  let overdueOpen = 0;
  for (const c of contractRows) {
    const done = lastSigned.get(c.id) ?? null;
    if (done) cycles.push((Date.parse(done) - Date.parse(c.received_at)) / HOUR_MS);
    const deadline = c.feedback_due_at ?? null;
    if (!deadline) continue;
    if (done) {
      due++;
      if (done <= deadline) onTime++;
      else late++;
    } else if (deadline < to) {
      due++;
      overdueOpen++;
    }
  }
  cycles.sort((a, b) => a - b);
  const median = percentile(cycles, 50);
  const p90 = percentile(cycles, 90);

  // Sentiment and keywords come from the period's stored analyses (newest first, capped).
  const analyses = await db
    .selectFrom('analyses')
    .select(['result', 'created_at'])
    .where('created_at', '>=', from)
    // Earlier versions of a record processed again would count its message twice.
    .where('superseded_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(ANALYSIS_SAMPLE)
    .execute();
  const weeks = new Map<string, { positive: number; neutral: number; negative: number; sum: number }>();
  const keywords = new Map<string, number>();
  for (const a of analyses) {
    const r = parseJson(a.result) as {
      sentiment?: { label?: string; score?: number };
      keywords?: { word?: string; weight?: number }[];
    } | null;
    if (!r) continue;
    const label = r.sentiment?.label;
    if (label === 'positive' || label === 'neutral' || label === 'negative') {
      const w = weeks.get(weekOf(a.created_at)) ?? { positive: 0, neutral: 0, negative: 0, sum: 0 };
      w[label]++;
      w.sum += typeof r.sentiment?.score === 'number' ? r.sentiment.score : 0;
      weeks.set(weekOf(a.created_at), w);
    }
    for (const k of r.keywords ?? []) {
      if (typeof k.word !== 'string' || k.word.length === 0) continue;
      keywords.set(k.word, (keywords.get(k.word) ?? 0) + (typeof k.weight === 'number' ? k.weight : 1));
    }
  }
  const sentimentTrend = [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, w]) => {
      const n = w.positive + w.neutral + w.negative;
      return {
        week,
        positive: w.positive,
        neutral: w.neutral,
        negative: w.negative,
        averageScore: n ? Math.round((w.sum / n) * 100) / 100 : null,
      };
    });

  // Planning is monitored as it stands today, whatever the period: an overdue item stays overdue.
  const planning = {
    ...(await planCounts(db, await plantToday(db, now))),
    supplierPending: await pendingSupplierCount(db),
  };

  return {
    period: { from, to, days },
    intakeByChannel,
    requirementCategories,
    contracts: {
      total,
      byClass,
      specialShare: total ? Math.round((special / total) * 1000) / 1000 : null,
      specialReasons: sortedCounts(reasons),
    },
    reviewCycleHours: {
      completed: cycles.length,
      median: median === null ? null : round1(median),
      p90: p90 === null ? null : round1(p90),
    },
    feedback48h: {
      due,
      onTime,
      late,
      overdueOpen,
      compliance: due ? Math.round((onTime / due) * 1000) / 1000 : null,
    },
    sentimentTrend,
    topKeywords: [...keywords.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP_KEYWORDS)
      .map(([word, weight]) => ({ word, weight: Math.round(weight * 1000) / 1000 })),
    complaintsByCause,
    planning,
  };
}

export const dashboardRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: '驾驶舱统计 / Management dashboard aggregates',
        querystring: z.object({
          days: z.coerce
            .number()
            .int()
            .min(1)
            .max(3660)
            .default(180)
            .describe('统计最近多少天 / period length in days'),
        }),
        response: { 200: dashboardSchema, ...problemResponses(400, 401) },
      },
    },
    async (request) => computeDashboard(ctx.store.db, ctx.clock(), request.query.days),
  );
};
