// A customer's message history (客户消息记录): the intake records taken in for the customer, each
// with what the analysis read (sentiment, intent), newest first and paged, and the monthly sentiment
// trend of those messages. Records are the customer's when intake matched them to the customer or
// they were taken in under the customer's exact name.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../store/schema.js';

type Db = Kysely<Database>;

export const historyItemSchema = z.object({
  id: z.string().describe('收件记录 id / intake record id'),
  receivedAt: z.string(),
  channel: z.string(),
  fileName: z.string().nullable(),
  status: z.string(),
  excerpt: z.string().describe('正文前 120 字 / first 120 characters of the text'),
  sentiment: z.enum(['positive', 'neutral', 'negative']).nullable(),
  sentimentScore: z.number().nullable().describe('-1 负面 … +1 正面 / negative … positive'),
  intent: z.string().nullable(),
});

export const trendPointSchema = z.object({
  month: z.string().describe('YYYY-MM（北京时间）/ month in Asia/Shanghai'),
  messages: z.number().int(),
  meanScore: z.number().nullable(),
  positive: z.number().int(),
  neutral: z.number().int(),
  negative: z.number().int(),
});

export const historySchema = z
  .object({
    items: z.array(historyItemSchema),
    total: z.number().int(),
    trend: z.array(trendPointSchema).describe('近 24 个月 / the last 24 months'),
  })
  .meta({ id: 'CustomerHistory' });

export type CustomerHistory = z.infer<typeof historySchema>;
type Sentiment = NonNullable<z.infer<typeof historyItemSchema>['sentiment']>;

const EXCERPT = 120;
const TREND_MONTHS = 24;

function readAnalysis(result: string | null): { sentiment: Sentiment; score: number; intent: string } | null {
  if (!result) return null;
  try {
    const a = JSON.parse(result) as {
      sentiment?: { label?: Sentiment; score?: number };
      intent?: { label?: string };
    };
    if (!a.sentiment?.label || typeof a.sentiment.score !== 'number') return null;
    return { sentiment: a.sentiment.label, score: a.sentiment.score, intent: a.intent?.label ?? '' };
  } catch {
    return null;
  }
}

const shanghaiMonth = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 7);

export async function customerHistory(
  db: Db,
  customer: { id: string; name: string },
  page: { limit: number; offset: number },
  now: Date,
): Promise<CustomerHistory> {
  const base = db
    .selectFrom('intake_records')
    // The current analysis only: a record processed again keeps its earlier versions.
    .leftJoin('analyses', (join) =>
      join.onRef('analyses.intake_id', '=', 'intake_records.id').on('analyses.superseded_at', 'is', null),
    )
    .where((eb) =>
      eb.or([
        eb('intake_records.customer_id', '=', customer.id),
        eb('intake_records.customer_name', '=', customer.name),
      ]),
    );
  const { total } = await base
    .select((eb) => eb.fn.count<number>('intake_records.id').distinct().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'intake_records.id',
      'intake_records.received_at',
      'intake_records.channel',
      'intake_records.file_name',
      'intake_records.status',
      'intake_records.extracted_text',
      'analyses.result',
    ])
    .orderBy('intake_records.received_at', 'desc')
    .orderBy('intake_records.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();

  const since = new Date(now.getTime() + 8 * 3600_000);
  since.setUTCMonth(since.getUTCMonth() - (TREND_MONTHS - 1), 1);
  const trendFrom = new Date(
    Date.parse(`${since.toISOString().slice(0, 7)}-01T00:00:00+08:00`),
  ).toISOString();
  const analysed = await base
    .select(['intake_records.received_at', 'analyses.result'])
    .where('analyses.result', 'is not', null)
    .where('intake_records.received_at', '>=', trendFrom)
    .execute();
  const months = new Map<string, { n: number; sum: number; counts: Record<Sentiment, number> }>();
  for (const r of analysed) {
    const a = readAnalysis(r.result);
    if (!a) continue;
    const key = shanghaiMonth(r.received_at);
    const m = months.get(key) ?? { n: 0, sum: 0, counts: { positive: 0, neutral: 0, negative: 0 } };
    m.n += 1;
    m.sum += a.score;
    m.counts[a.sentiment] += 1;
    months.set(key, m);
  }

  return {
    total: Number(total),
    items: rows.map((r) => {
      const a = readAnalysis(r.result);
      return {
        id: r.id,
        receivedAt: r.received_at,
        channel: r.channel,
        fileName: r.file_name,
        status: r.status,
        excerpt: (r.extracted_text ?? '').replace(/\s+/g, ' ').trim().slice(0, EXCERPT),
        sentiment: a?.sentiment ?? null,
        sentimentScore: a?.score ?? null,
        intent: a?.intent || null,
      };
    }),
    trend: [...months.entries()]
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([month, m]) => ({
        month,
        messages: m.n,
        meanScore: m.n ? Math.round((m.sum / m.n) * 1000) / 1000 : null,
        ...m.counts,
      })),
  };
}
