// Satisfaction surveys per customer and period (one survey per customer and period).
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../shared/errors.js';
import type { Actor } from '../store/audit.js';
import { ConflictError, NotFoundError } from '../store/errors.js';
import type { Database, SatisfactionSurveysTable } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { writeAudit } from './audit.js';
import {
  type DimensionScores,
  PERIOD_PATTERN,
  SATISFACTION_DIMENSIONS,
  type SatisfactionScale,
  type SurveyScores,
  scoreProblem,
  surveyIndex,
} from './satisfaction.js';

type Db = Kysely<Database>;

export interface SurveyRecord extends SurveyScores {
  id: string;
  customerName: string | null;
  /** Mean of the answered dimensions on 0–100. */
  index: number | null;
  respondent: string | null;
  comment: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface SurveyInput {
  customerId: string;
  period: string;
  scale: SatisfactionScale;
  scores: DimensionScores;
  respondent?: string | null;
  comment?: string | null;
}

function fromRow(r: Selectable<SatisfactionSurveysTable> & { customer_name: string | null }): SurveyRecord {
  const scores: DimensionScores = {};
  for (const d of SATISFACTION_DIMENSIONS) scores[d] = r[d] === null ? null : Number(r[d]);
  const base: SurveyScores = {
    customerId: r.customer_id,
    period: r.period,
    scale: Number(r.scale) as SatisfactionScale,
    scores,
  };
  return {
    ...base,
    id: r.id,
    customerName: r.customer_name,
    index: surveyIndex(base),
    respondent: r.respondent,
    comment: r.comment,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** Field problems of a survey (period format, score range, at least one score). */
export function surveyProblems(input: SurveyInput): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!PERIOD_PATTERN.test(input.period)) {
    out.push({
      path: '/period',
      message: '期间格式应为 2026、2026-Q1 或 2026-03 / period must be 2026, 2026-Q1 or 2026-03',
    });
  }
  let answered = 0;
  for (const d of SATISFACTION_DIMENSIONS) {
    const v = input.scores[d];
    if (v === null || v === undefined) continue;
    answered += 1;
    const p = scoreProblem(v, input.scale);
    if (p) out.push({ path: `/scores/${d}`, message: p });
  }
  if (answered === 0) out.push({ path: '/scores', message: '至少填写一项评分 / give at least one score' });
  return out;
}

export async function recordSurvey(
  db: Db,
  actor: Actor,
  input: SurveyInput,
  now = new Date(),
): Promise<SurveyRecord> {
  const problems = surveyProblems(input);
  if (problems.length) {
    throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('；'), {
      errors: problems.map((p) => ({ in: 'body', ...p })),
    });
  }
  const customer = await db
    .selectFrom('customers')
    .select('id')
    .where('id', '=', input.customerId)
    .executeTakeFirst();
  if (!customer) throw new NotFoundError('customer', input.customerId);
  const dup = await db
    .selectFrom('satisfaction_surveys')
    .select('id')
    .where('customer_id', '=', input.customerId)
    .where('period', '=', input.period)
    .executeTakeFirst();
  if (dup) {
    throw new ConflictError({
      zh: `该客户 ${input.period} 已有满意度调查`,
      en: `a survey for ${input.period} already exists (${dup.id})`,
    });
  }
  const id = randomUUID();
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('satisfaction_surveys')
      .values({
        id,
        customer_id: input.customerId,
        period: input.period,
        scale: input.scale,
        quality: input.scores.quality ?? null,
        delivery: input.scores.delivery ?? null,
        price: input.scores.price ?? null,
        service: input.scores.service ?? null,
        communication: input.scores.communication ?? null,
        respondent: input.respondent ?? null,
        comment: input.comment ?? null,
        created_by: actor.id.startsWith('system:') ? null : actor.id,
        created_at: at,
      })
      .execute();
    await writeAudit(trx, actor, 'satisfaction.recorded', id, undefined, input, at);
  });
  return (await listSurveys(db, { id }))[0]!;
}

export async function listSurveys(
  db: Db,
  q: { customerId?: string; id?: string } = {},
): Promise<SurveyRecord[]> {
  let base = db
    .selectFrom('satisfaction_surveys')
    .leftJoin('customers', 'customers.id', 'satisfaction_surveys.customer_id')
    .selectAll('satisfaction_surveys')
    .select('customers.name as customer_name');
  if (q.customerId) base = base.where('satisfaction_surveys.customer_id', '=', q.customerId);
  if (q.id) base = base.where('satisfaction_surveys.id', '=', q.id);
  const rows = await base
    .orderBy('satisfaction_surveys.period')
    .orderBy('customers.name')
    .orderBy('satisfaction_surveys.id')
    .execute();
  return rows.map(fromRow);
}

export async function deleteSurvey(db: Db, actor: Actor, id: string, now = new Date()): Promise<boolean> {
  const [before] = await listSurveys(db, { id });
  if (!before) return false;
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('satisfaction_surveys').where('id', '=', id).execute();
    await writeAudit(trx, actor, 'satisfaction.deleted', id, before, undefined, now.toISOString());
  });
  return true;
}
