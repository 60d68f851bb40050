// The CSR identification and evaluation table (顾客特殊要求识别与评价表): each entry of a customer's
// CSR register judged — can it be met (yes / with conditions / no), at what cost and in what time,
// which department answers for it, the actions, their status and when it is next reviewed. One
// current evaluation per entry with an optimistic version; each save is audited (`csr.evaluated`,
// before and after), and the audit rows are its history. The table exports as the procedure's form.
import type { Kysely } from 'kysely';
import { BUSINESS_DEPARTMENTS, DEPARTMENT_LABELS } from '../auth/roles.js';
import type { OutputTable } from '../io/tabular.js';
import { CATEGORY_LABELS } from '../rules/csr-matrix.js';
import { AppError } from '../shared/errors.js';
import { type Actor, recordAudit } from '../store/audit.js';
import { NotFoundError } from '../store/errors.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import type { CsrEntry } from './customer-repository.js';
import { getCsrEntry } from './customer-repository.js';

type Db = Kysely<Database>;

export const CSR_FEASIBILITY = ['yes', 'conditional', 'no'] as const;
export type CsrFeasibility = (typeof CSR_FEASIBILITY)[number];
export const CSR_EVALUATION_STATUSES = ['open', 'in_progress', 'implemented', 'not_accepted'] as const;
export type CsrEvaluationStatus = (typeof CSR_EVALUATION_STATUSES)[number];
/** Departments that can answer for a CSR: the business departments and the GM. */
export const CSR_RESPONSIBLE = [...BUSINESS_DEPARTMENTS, 'general_manager'] as const;
export type CsrResponsible = (typeof CSR_RESPONSIBLE)[number];

export const FEASIBILITY_LABELS: Record<CsrFeasibility, { zh: string; en: string }> = {
  yes: { zh: '能满足', en: 'Can meet' },
  conditional: { zh: '有条件满足', en: 'With conditions' },
  no: { zh: '不能满足', en: 'Cannot meet' },
};
export const CSR_STATUS_LABELS: Record<CsrEvaluationStatus, { zh: string; en: string }> = {
  open: { zh: '待落实', en: 'Open' },
  in_progress: { zh: '落实中', en: 'In progress' },
  implemented: { zh: '已落实', en: 'Implemented' },
  not_accepted: { zh: '未接受（已与顾客沟通）', en: 'Not accepted (agreed with customer)' },
};

/** An entry due for review within this many days is listed as due. */
export const CSR_REVIEW_NOTICE_DAYS = 30;

export interface CsrEvaluation {
  csrId: string;
  feasible: CsrFeasibility;
  conditions: string | null;
  cost: string | null;
  timeNeeded: string | null;
  responsibleDepartment: CsrResponsible;
  actions: string | null;
  status: CsrEvaluationStatus;
  nextReviewDate: string;
  version: number;
  evaluatedBy: string | null;
  evaluatedByName: string | null;
  evaluatedAt: string;
}

export type CsrEvaluationInput = Omit<
  CsrEvaluation,
  'csrId' | 'version' | 'evaluatedBy' | 'evaluatedByName' | 'evaluatedAt'
>;

export interface CsrTableRow extends CsrEntry {
  customerName: string;
  evaluation: CsrEvaluation | null;
  /** Never evaluated, or its next review is within the notice days (or past). */
  reviewDue: boolean;
  overdue: boolean;
}

const dayPlus = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Today in Asia/Shanghai, where review dates are kept. */
export const shanghaiToday = (now: Date) =>
  new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

function invalid(path: string, zh: string, en: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    { zh, en },
    { errors: [{ in: 'body', path, message: `${zh} / ${en}` }] },
  );
}

export async function listCsrTable(
  db: Db,
  filter: { customerId?: string | undefined; view?: 'all' | 'due' | 'unevaluated' | undefined },
  now: Date,
): Promise<CsrTableRow[]> {
  let q = db
    .selectFrom('csr_entries')
    .innerJoin('customers', 'customers.id', 'csr_entries.customer_id')
    .leftJoin('csr_evaluations', 'csr_evaluations.csr_id', 'csr_entries.id')
    .leftJoin('users', 'users.id', 'csr_evaluations.evaluated_by')
    .selectAll('csr_entries')
    .select([
      'customers.name as customer_name',
      'csr_evaluations.csr_id as e_csr_id',
      'csr_evaluations.feasible',
      'csr_evaluations.conditions',
      'csr_evaluations.cost',
      'csr_evaluations.time_needed',
      'csr_evaluations.responsible_department',
      'csr_evaluations.actions',
      'csr_evaluations.status as e_status',
      'csr_evaluations.next_review_date',
      'csr_evaluations.version as e_version',
      'csr_evaluations.evaluated_by',
      'csr_evaluations.evaluated_at',
      'users.display_name as evaluator_name',
    ]);
  if (filter.customerId) q = q.where('csr_entries.customer_id', '=', filter.customerId);
  const today = shanghaiToday(now);
  const horizon = dayPlus(today, CSR_REVIEW_NOTICE_DAYS);
  // Entries no longer in force are not reviewed again; they stay in the full table.
  if (filter.view === 'due')
    q = q
      .where('csr_entries.status', '=', 'active')
      .where((eb) =>
        eb.or([
          eb('csr_evaluations.csr_id', 'is', null),
          eb('csr_evaluations.next_review_date', '<=', horizon),
        ]),
      );
  if (filter.view === 'unevaluated') q = q.where('csr_evaluations.csr_id', 'is', null);
  const rows = await q
    .orderBy('customers.name')
    .orderBy('csr_entries.clause')
    .orderBy('csr_entries.created_at')
    .orderBy('csr_entries.id')
    .execute();
  return rows.map((r) => {
    const evaluation: CsrEvaluation | null = r.e_csr_id
      ? {
          csrId: r.id,
          feasible: r.feasible as CsrFeasibility,
          conditions: r.conditions ?? null,
          cost: r.cost ?? null,
          timeNeeded: r.time_needed ?? null,
          responsibleDepartment: r.responsible_department as CsrResponsible,
          actions: r.actions ?? null,
          status: r.e_status as CsrEvaluationStatus,
          nextReviewDate: r.next_review_date ?? '',
          version: Number(r.e_version),
          evaluatedBy: r.evaluated_by ?? null,
          evaluatedByName: r.evaluator_name ?? null,
          evaluatedAt: r.evaluated_at!,
        }
      : null;
    const active = r.status === 'active';
    return {
      id: r.id,
      customerId: r.customer_id,
      customerName: r.customer_name,
      sourceDocument: r.source_document,
      clause: r.clause,
      text: r.text,
      category: r.category as CsrEntry['category'],
      appliesTo: r.applies_to,
      department: r.department,
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
      status: r.status as CsrEntry['status'],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      evaluation,
      reviewDue: active && (evaluation === null || evaluation.nextReviewDate <= horizon),
      overdue: active && evaluation !== null && evaluation.nextReviewDate < today,
    };
  });
}

export async function getCsrEvaluation(db: Db, csrId: string, now: Date): Promise<CsrTableRow | null> {
  const entry = await getCsrEntry(db, csrId);
  if (!entry) return null;
  const rows = await listCsrTable(db, { customerId: entry.customerId }, now);
  return rows.find((r) => r.id === csrId) ?? null;
}

/**
 * Saves the evaluation of one entry when `expectedVersion` is its current version (0 before the
 * first); a stale one is refused (409) rather than overwriting a colleague's judgement.
 */
export async function saveCsrEvaluation(
  db: Db,
  actor: Actor,
  csrId: string,
  input: CsrEvaluationInput,
  expectedVersion: number,
  now: Date,
): Promise<CsrTableRow> {
  if (input.feasible === 'conditional' && !input.conditions?.trim())
    throw invalid(
      '/conditions',
      '有条件满足时须写明条件',
      'state the conditions when it can be met with conditions',
    );
  if (input.feasible === 'no' && !input.actions?.trim())
    throw invalid(
      '/actions',
      '不能满足时须写明措施（如与顾客沟通）',
      'state the actions (e.g. agreed with the customer) when it cannot be met',
    );
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    const entry = await getCsrEntry(trx, csrId);
    if (!entry) throw new NotFoundError('csr', csrId);
    const before = await trx
      .selectFrom('csr_evaluations')
      .selectAll()
      .where('csr_id', '=', csrId)
      .executeTakeFirst();
    const current = before ? Number(before.version) : 0;
    if (current !== expectedVersion)
      throw new AppError(
        'STALE_VERSION',
        {
          zh: `该条顾客特殊要求的评价已被他人修改（当前版本 ${current}），请刷新后再改`,
          en: `the evaluation was changed by someone else (now version ${current}); reload and edit again`,
        },
        { reason: 'STALE_VERSION', currentVersion: current },
      );
    const row = {
      feasible: input.feasible,
      conditions: input.conditions?.trim() || null,
      cost: input.cost?.trim() || null,
      time_needed: input.timeNeeded?.trim() || null,
      responsible_department: input.responsibleDepartment,
      actions: input.actions?.trim() || null,
      status: input.status,
      next_review_date: input.nextReviewDate,
      version: current + 1,
      evaluated_by: actor.id.startsWith('system:') ? null : actor.id,
      evaluated_at: at,
    };
    if (before) await trx.updateTable('csr_evaluations').set(row).where('csr_id', '=', csrId).execute();
    else
      await trx
        .insertInto('csr_evaluations')
        .values({ csr_id: csrId, ...row })
        .execute();
    const { evaluated_by: _b, evaluated_at: _a, ...after } = row;
    await recordAudit(trx, actor, {
      action: 'csr.evaluated',
      entityId: csrId,
      before: before ? (({ csr_id: _c, evaluated_by: _eb, evaluated_at: _ea, ...b }) => b)(before) : null,
      after: { ...after, customerId: entry.customerId, clause: entry.clause },
      at,
    });
  });
  return (await getCsrEvaluation(db, csrId, now))!;
}

export interface CsrEvaluationChange {
  at: string;
  actorId: string | null;
  actorName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Every saved evaluation of an entry, newest first (the audit trail is its history). */
export async function csrEvaluationHistory(db: Db, csrId: string): Promise<CsrEvaluationChange[]> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.at',
      'audit_log.actor_id',
      'audit_log.before',
      'audit_log.after',
      'users.display_name',
    ])
    .where('audit_log.action', '=', 'csr.evaluated')
    .where('audit_log.entity_id', '=', csrId)
    .orderBy('audit_log.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    actorId: r.actor_id,
    actorName: r.display_name ?? null,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
  }));
}

export const CSR_TABLE_HEADER = [
  '序号',
  '顾客',
  '来源文件',
  '条款号',
  '顾客特殊要求',
  '类别',
  '适用范围',
  '能否满足',
  '满足条件',
  '成本评估',
  '所需时间',
  '责任部门',
  '措施',
  '状态',
  '评价人',
  '评价日期',
  '下次评审日期',
];

/** The table as the procedure's form (Chinese headers and values), one row per register entry. */
export function csrTableExport(rows: readonly CsrTableRow[]): OutputTable {
  return {
    header: CSR_TABLE_HEADER,
    rows: rows.map((r, i) => {
      const e = r.evaluation;
      return [
        i + 1,
        r.customerName,
        r.sourceDocument,
        r.clause,
        r.text,
        CATEGORY_LABELS[r.category]?.zh ?? r.category,
        r.appliesTo,
        e ? FEASIBILITY_LABELS[e.feasible].zh : '未评价',
        e?.conditions ?? null,
        e?.cost ?? null,
        e?.timeNeeded ?? null,
        e ? DEPARTMENT_LABELS[e.responsibleDepartment].zh : null,
        e?.actions ?? null,
        e ? CSR_STATUS_LABELS[e.status].zh : null,
        e?.evaluatedByName ?? null,
        e ? shanghaiToday(new Date(e.evaluatedAt)) : null,
        e?.nextReviewDate ?? null,
      ];
    }),
  };
}
