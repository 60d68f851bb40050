// Data access for feedback and complaints: recording runs the analysis (sentiment, intent,
// requirement categories) and the cause classifier; status changes follow the 8D flow in
// status.ts. Every write leaves an audit row in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import { analyze } from '../analysis/analyze.js';
import type { RequirementCategory } from '../analysis/result.js';
import { AppError } from '../shared/errors.js';
import type { Actor } from '../store/audit.js';
import { NotFoundError } from '../store/errors.js';
import type { Database, FeedbackTable } from '../store/schema.js';
import { orderBySort, type SortColumn, type SortOrder } from '../store/sort.js';
import { inTransaction } from '../store/transaction.js';
import { writeAudit } from './audit.js';
import { type CauseClassification, type ComplaintCause, classifyCause } from './cause.js';
import {
  checkTransition,
  defaultDueAt,
  type EightD,
  type FeedbackChannel,
  type FeedbackKind,
  type FeedbackStatus,
  isOverdue,
  type RootCauseType,
  VOID_REASON_MIN,
} from './status.js';

type Db = Kysely<Database>;

export interface FeedbackRecord extends EightD {
  id: string;
  customerId: string | null;
  customerName: string | null;
  contractId: string | null;
  productCode: string | null;
  channel: string | null;
  kind: FeedbackKind;
  text: string;
  intent: string | null;
  sentiment: string | null;
  sentimentScore: number | null;
  categories: RequirementCategory[];
  cause: ComplaintCause | null;
  causeExplanation: string | null;
  status: FeedbackStatus;
  receivedAt: string;
  dueAt: string | null;
  overdue: boolean;
  investigatingAt: string | null;
  actionAt: string | null;
  closedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Set when the entry was voided (kept for the audit trail, left out of lists and KPIs). */
  voidedAt: string | null;
  voidedBy: string | null;
  voidReason: string | null;
}

export interface FeedbackInput {
  customerId?: string | null;
  contractId?: string | null;
  productCode?: string | null;
  channel?: FeedbackChannel | null;
  text: string;
  receivedAt: string;
  /** Omitted → complaint when the analysis reads a complaint or a negative tone, else feedback. */
  kind?: FeedbackKind;
  /** Omitted → classified from the text. */
  cause?: ComplaintCause | null;
  dueAt?: string | null;
}

export type FeedbackPatch = Partial<Omit<FeedbackInput, 'receivedAt'>> &
  Partial<EightD> & { receivedAt?: string };

type Row = Selectable<FeedbackTable> & { customer_name?: string | null };

function fromRow(r: Row, now: Date): FeedbackRecord {
  const dueAt = r.due_at;
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name ?? null,
    contractId: r.contract_id,
    productCode: r.product_code,
    channel: r.channel,
    kind: r.kind as FeedbackKind,
    text: r.text,
    intent: r.intent,
    sentiment: r.sentiment,
    sentimentScore: r.sentiment_score === null ? null : Number(r.sentiment_score),
    categories: r.categories ? (JSON.parse(r.categories) as RequirementCategory[]) : [],
    cause: r.cause as ComplaintCause | null,
    causeExplanation: r.cause_explanation,
    containment: r.containment,
    rootCause: r.root_cause,
    rootCauseType: r.root_cause_type as RootCauseType | null,
    correctiveAction: r.corrective_action,
    verification: r.verification,
    status: r.status as FeedbackStatus,
    receivedAt: r.received_at,
    dueAt,
    overdue: isOverdue({ status: r.status, dueAt }, now),
    investigatingAt: r.investigating_at,
    actionAt: r.action_at,
    closedAt: r.closed_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    voidedAt: r.voided_at ?? null,
    voidedBy: r.voided_by ?? null,
    voidReason: r.void_reason ?? null,
  };
}

export interface FeedbackAnalysis {
  kind: FeedbackKind;
  intent: string;
  sentiment: string;
  sentimentScore: number;
  categories: RequirementCategory[];
  cause: CauseClassification;
}

/** Pure: what the analysis and the cause classifier read in a message. */
export function analyseFeedback(text: string, receivedAt: string, channel?: string | null): FeedbackAnalysis {
  const refDate = new Date(Date.parse(receivedAt) + 8 * 3600_000).toISOString().slice(0, 10);
  const result = analyze(text, { refDate, ...(channel ? { channel } : {}) });
  const categories = [...new Set(result.requirements.map((r) => r.category))];
  const complaintLike = result.intent.label === 'complaint' || result.sentiment.label === 'negative';
  return {
    kind: complaintLike ? 'complaint' : 'feedback',
    intent: result.intent.label,
    sentiment: result.sentiment.label,
    sentimentScore: result.sentiment.score,
    categories,
    cause: classifyCause(text, categories),
  };
}

async function checkLinks(db: Db, input: { customerId?: string | null; contractId?: string | null }) {
  if (input.customerId) {
    const c = await db
      .selectFrom('customers')
      .select('id')
      .where('id', '=', input.customerId)
      .executeTakeFirst();
    if (!c) throw new NotFoundError('customer', input.customerId);
  }
  if (input.contractId) {
    const c = await db
      .selectFrom('contracts')
      .select('id')
      .where('id', '=', input.contractId)
      .executeTakeFirst();
    if (!c) throw new NotFoundError('contract', input.contractId);
  }
}

function selectWithCustomer(db: Db) {
  return db
    .selectFrom('feedback')
    .leftJoin('customers', 'customers.id', 'feedback.customer_id')
    .selectAll('feedback')
    .select('customers.name as customer_name');
}

export async function getFeedback(db: Db, id: string, now = new Date()): Promise<FeedbackRecord | null> {
  const row = await selectWithCustomer(db).where('feedback.id', '=', id).executeTakeFirst();
  return row ? fromRow(row, now) : null;
}

export async function recordFeedback(
  db: Db,
  actor: Actor,
  input: FeedbackInput,
  now = new Date(),
): Promise<FeedbackRecord> {
  await checkLinks(db, input);
  const a = analyseFeedback(input.text, input.receivedAt, input.channel);
  const kind = input.kind ?? a.kind;
  const id = randomUUID();
  const at = now.toISOString();
  const manualCause = input.cause !== undefined;
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('feedback')
      .values({
        id,
        customer_id: input.customerId ?? null,
        contract_id: input.contractId ?? null,
        product_code: input.productCode ?? null,
        channel: input.channel ?? null,
        kind,
        text: input.text,
        intent: a.intent,
        sentiment: a.sentiment,
        sentiment_score: a.sentimentScore,
        categories: JSON.stringify(a.categories),
        cause: manualCause ? (input.cause ?? null) : kind === 'complaint' ? a.cause.cause : null,
        cause_explanation: manualCause
          ? `人工指定 / set by hand（系统建议 suggested: ${a.cause.cause ?? '—'}）`
          : kind === 'complaint'
            ? a.cause.explanation
            : null,
        status: 'open',
        received_at: input.receivedAt,
        due_at: input.dueAt !== undefined ? input.dueAt : defaultDueAt(input.receivedAt, kind),
        closed_at: null,
        created_by: actor.id.startsWith('system:') ? null : actor.id,
        created_at: at,
        updated_at: at,
        containment: null,
        root_cause: null,
        root_cause_type: null,
        corrective_action: null,
        verification: null,
        investigating_at: null,
        action_at: null,
        voided_at: null,
        voided_by: null,
        void_reason: null,
      })
      .execute();
    await writeAudit(trx, actor, 'feedback.created', id, undefined, { kind, text: input.text }, at);
  });
  return (await getFeedback(db, id, now))!;
}

export interface FeedbackQuery {
  customerId?: string;
  contractId?: string;
  kind?: FeedbackKind;
  status?: FeedbackStatus;
  cause?: ComplaintCause;
  sentiment?: string;
  from?: string;
  to?: string;
  search?: string;
  overdue?: boolean;
  /** Voided entries are left out unless asked for: 'include' adds them, 'only' lists just them. */
  voided?: 'include' | 'only';
  /** Column to sort by (default: received, newest first). */
  sort?: FeedbackSort;
  order?: SortOrder;
  limit?: number;
  offset?: number;
}

/** Columns the complaints list sorts by (the API's `sort`). */
export const FEEDBACK_SORTS = [
  'receivedAt',
  'customer',
  'kind',
  'sentiment',
  'cause',
  'status',
  'dueAt',
] as const;
export type FeedbackSort = (typeof FEEDBACK_SORTS)[number];

const FEEDBACK_SORT_COLUMNS: Record<FeedbackSort, SortColumn> = {
  receivedAt: { column: 'feedback.received_at' },
  customer: { column: 'customers.name' },
  kind: { column: 'feedback.kind' },
  sentiment: { column: 'feedback.sentiment' },
  cause: { column: 'feedback.cause' },
  status: { column: 'feedback.status' },
  dueAt: { column: 'feedback.due_at' },
};

export async function listFeedback(
  db: Db,
  q: FeedbackQuery = {},
  now = new Date(),
): Promise<{ items: FeedbackRecord[]; total: number }> {
  let base = selectWithCustomer(db);
  if (q.voided === 'only') base = base.where('feedback.voided_at', 'is not', null);
  else if (q.voided !== 'include') base = base.where('feedback.voided_at', 'is', null);
  if (q.customerId) base = base.where('feedback.customer_id', '=', q.customerId);
  if (q.contractId) base = base.where('feedback.contract_id', '=', q.contractId);
  if (q.kind) base = base.where('feedback.kind', '=', q.kind);
  if (q.status) base = base.where('feedback.status', '=', q.status);
  if (q.cause) base = base.where('feedback.cause', '=', q.cause);
  if (q.sentiment) base = base.where('feedback.sentiment', '=', q.sentiment);
  if (q.from) base = base.where('feedback.received_at', '>=', q.from);
  if (q.to)
    base = base.where('feedback.received_at', '<=', q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to);
  if (q.overdue) {
    base = base
      .where('feedback.status', '!=', 'closed')
      .where('feedback.due_at', 'is not', null)
      .where('feedback.due_at', '<', now.toISOString());
  }
  const search = q.search?.trim().toLowerCase();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`lower(feedback.text) like ${pattern} escape '\\'`,
        sql<boolean>`lower(customers.name) like ${pattern} escape '\\'`,
      ]),
    );
  }
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const sort = q.sort ?? 'receivedAt';
  const rows = await orderBySort(
    base,
    FEEDBACK_SORT_COLUMNS[sort],
    q.order ?? (sort === 'receivedAt' ? 'desc' : 'asc'),
    'feedback.id',
  )
    .limit(limit)
    .offset(Math.max(q.offset ?? 0, 0))
    .execute();
  const count = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map((r) => fromRow(r, now)), total: Number(count.n) };
}

function columnsOf(p: FeedbackPatch) {
  return {
    ...(p.customerId !== undefined ? { customer_id: p.customerId } : {}),
    ...(p.contractId !== undefined ? { contract_id: p.contractId } : {}),
    ...(p.productCode !== undefined ? { product_code: p.productCode } : {}),
    ...(p.channel !== undefined ? { channel: p.channel } : {}),
    ...(p.kind !== undefined ? { kind: p.kind } : {}),
    ...(p.receivedAt !== undefined ? { received_at: p.receivedAt } : {}),
    ...(p.dueAt !== undefined ? { due_at: p.dueAt } : {}),
    ...(p.containment !== undefined ? { containment: p.containment } : {}),
    ...(p.rootCause !== undefined ? { root_cause: p.rootCause } : {}),
    ...(p.rootCauseType !== undefined ? { root_cause_type: p.rootCauseType } : {}),
    ...(p.correctiveAction !== undefined ? { corrective_action: p.correctiveAction } : {}),
    ...(p.verification !== undefined ? { verification: p.verification } : {}),
  };
}

export async function updateFeedback(
  db: Db,
  actor: Actor,
  id: string,
  patch: FeedbackPatch,
  now = new Date(),
): Promise<FeedbackRecord> {
  const before = await getFeedback(db, id, now);
  if (!before) throw new NotFoundError('feedback', id);
  refuseVoided(before);
  await checkLinks(db, patch);
  const at = now.toISOString();
  const set: Record<string, unknown> = { ...columnsOf(patch), updated_at: at };
  if (patch.text !== undefined && patch.text !== before.text) {
    // New wording is analysed again; a cause set by hand stays unless this patch sets one.
    const a = analyseFeedback(
      patch.text,
      patch.receivedAt ?? before.receivedAt,
      patch.channel ?? before.channel,
    );
    Object.assign(set, {
      text: patch.text,
      intent: a.intent,
      sentiment: a.sentiment,
      sentiment_score: a.sentimentScore,
      categories: JSON.stringify(a.categories),
    });
    if (patch.cause === undefined && !before.causeExplanation?.startsWith('人工指定')) {
      Object.assign(set, { cause: a.cause.cause, cause_explanation: a.cause.explanation });
    }
  }
  if (patch.cause !== undefined) {
    Object.assign(set, { cause: patch.cause, cause_explanation: '人工指定 / set by hand' });
  }
  await inTransaction(db, async (trx) => {
    await trx.updateTable('feedback').set(set).where('id', '=', id).execute();
    await writeAudit(trx, actor, 'feedback.updated', id, before, set, at);
  });
  return (await getFeedback(db, id, now))!;
}

/** A voided entry is a closed record: changing it would rewrite what the auditor reads. */
function refuseVoided(f: FeedbackRecord): void {
  if (f.voidedAt) {
    throw new AppError('CONFLICT', {
      zh: `该反馈已作废（${f.voidReason ?? ''}），不能再修改`,
      en: `this entry was voided and cannot change`,
    });
  }
}

/**
 * Voids an entry recorded by mistake (duplicate, wrong customer, not customer feedback). The row
 * stays with who voided it, when and why; lists and KPIs leave it out from then on.
 */
export async function voidFeedback(
  db: Db,
  actor: Actor,
  id: string,
  reason: string,
  now = new Date(),
): Promise<FeedbackRecord> {
  const before = await getFeedback(db, id, now);
  if (!before) throw new NotFoundError('feedback', id);
  const why = reason.trim();
  if (why.length < VOID_REASON_MIN) {
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: '作废需写明原因（至少 4 个字）', en: 'give a reason for voiding (4+ characters)' },
      {
        errors: [{ in: 'body', path: '/reason', message: '需填写作废原因 / reason is required' }],
      },
    );
  }
  refuseVoided(before);
  const at = now.toISOString();
  const set = {
    voided_at: at,
    voided_by: actor.id.startsWith('system:') ? null : actor.id,
    void_reason: why,
    updated_at: at,
  };
  await inTransaction(db, async (trx) => {
    await trx.updateTable('feedback').set(set).where('id', '=', id).execute();
    await writeAudit(trx, actor, 'feedback.voided', id, before, { reason: why }, at);
  });
  return (await getFeedback(db, id, now))!;
}

export async function deleteFeedback(db: Db, actor: Actor, id: string, now = new Date()): Promise<boolean> {
  const before = await getFeedback(db, id, now);
  if (!before) return false;
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('feedback').where('id', '=', id).execute();
    await writeAudit(trx, actor, 'feedback.deleted', id, before, undefined, now.toISOString());
  });
  return true;
}

/** Moves a complaint along the 8D flow; the 8D fields given are saved with the step. */
export async function transitionFeedback(
  db: Db,
  actor: Actor,
  id: string,
  to: FeedbackStatus,
  fields: Partial<EightD> = {},
  now = new Date(),
): Promise<FeedbackRecord> {
  const before = await getFeedback(db, id, now);
  if (!before) throw new NotFoundError('feedback', id);
  refuseVoided(before);
  const merged: EightD = {
    containment: fields.containment ?? before.containment,
    rootCause: fields.rootCause ?? before.rootCause,
    rootCauseType: fields.rootCauseType ?? before.rootCauseType,
    correctiveAction: fields.correctiveAction ?? before.correctiveAction,
    verification: fields.verification ?? before.verification,
  };
  const check = checkTransition(before.kind, before.status, to, merged);
  if (!check.ok) {
    const notAllowed = check.problems.some((p) => p.field === 'status');
    throw new AppError(
      notAllowed ? 'CONFLICT' : 'VALIDATION_FAILED',
      check.problems.map((p) => p.message).join('；'),
      {
        errors: check.problems.map((p) => ({ in: 'body', path: `/${p.field}`, message: p.message })),
      },
    );
  }
  const at = now.toISOString();
  const set = {
    ...columnsOf(fields),
    status: to,
    updated_at: at,
    ...(to === 'investigating' ? { investigating_at: at, closed_at: null } : {}),
    ...(to === 'action' ? { action_at: at } : {}),
    ...(to === 'closed' ? { closed_at: at } : {}),
  };
  await inTransaction(db, async (trx) => {
    await trx.updateTable('feedback').set(set).where('id', '=', id).execute();
    await writeAudit(trx, actor, 'feedback.transitioned', id, { status: before.status }, set, at);
  });
  return (await getFeedback(db, id, now))!;
}
