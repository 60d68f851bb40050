// Requirement planning in the database: the reviewer's ratings of a case's requirements, the plan
// items that carry accepted requirements out, the owner's to-dos and the dashboard's counts. A case's
// requirements live in its event-sourced snapshot; this module reads them from there and keeps its
// own rows by contract and requirement id. Every write records an audit entry in its transaction.
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { BUSINESS_DEPARTMENTS, type Department } from '../auth/roles.js';
import { loadReviewConfig } from '../contracts/review-config.js';
import { DEFAULT_RECORD_SETTINGS } from '../contracts/review-policy.js';
import type { OutputTable } from '../io/tabular.js';
import type { CaseRequirement } from '../review/types.js';
import { AppError } from '../shared/errors.js';
import { type Actor, recordAudit } from '../store/audit.js';
import { NotFoundError } from '../store/errors.js';
import type { Database, PlanItemsTable } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { acceptedRequirement, caseRequirements, requirementOf } from './case-requirements.js';
import { dayIn, type PlanItemInput, type PlanState, type PlanStatus, planState } from './plan-item.js';
import {
  type Assessment,
  byPriority,
  type Level,
  type RequirementPriority,
  requirementPriority,
} from './priority.js';
import { type SupplierRequirement, supplierRequirementsOf } from './supplier-repository.js';

type Db = Kysely<Database>;

/** Departments that plan and design (策划与设计): they create plan items and change any of them. */
export const PLANNERS: readonly Department[] = [
  'sales',
  'technical',
  'production',
  'quality',
  'general_manager',
];
/** Departments a plan item can be given to. */
export const PLAN_DEPARTMENTS = [...BUSINESS_DEPARTMENTS, 'general_manager'] as const;

export interface PlanningUser {
  id: string;
  department: Department;
  deputyFor: Department | null;
}

const actorOf = (u: PlanningUser): Actor => ({ id: u.id, department: u.department });
const isPlanner = (u: PlanningUser) =>
  PLANNERS.includes(u.department) ||
  (u.deputyFor !== null && u.deputyFor !== 'admin' && PLANNERS.includes(u.deputyFor));

export interface PlanItem {
  id: string;
  contractId: string;
  number: string;
  customer: string;
  requirementId: string;
  requirementText: string | null;
  owner: { id: string; name: string | null; department: string | null };
  department: string;
  dueDate: string;
  link: string | null;
  status: PlanStatus;
  /** The status as lists show it: overdue once past due and not done. */
  state: PlanState;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
}

export interface PlannedRequirement {
  id: string;
  text: string;
  category: CaseRequirement['category'];
  kind: CaseRequirement['kind'];
  special: boolean;
  status: CaseRequirement['status'];
  priority: RequirementPriority;
  assessedBy: { id: string; name: string | null } | null;
  assessedAt: string | null;
  planItem: PlanItem | null;
  suppliers: SupplierRequirement[];
}

const level = (n: number): Level => (n <= 1 ? 1 : n >= 3 ? 3 : 2);

/** A case's requirements with their priority (highest first), plan item and suppliers. */
export async function casePlanning(
  db: Db,
  contractId: string,
  today: string,
): Promise<{ contractId: string; number: string; requirements: PlannedRequirement[] }> {
  const { number, requirements } = await caseRequirements(db, contractId);
  const ratings = await db
    .selectFrom('requirement_assessments')
    .leftJoin('users', 'users.id', 'requirement_assessments.assessed_by')
    .selectAll('requirement_assessments')
    .select('users.display_name as assessor')
    .where('contract_id', '=', contractId)
    .execute();
  const items = await listPlanItems(db, { contractId, limit: 500, offset: 0 }, today);
  const suppliers = await supplierRequirementsOf(db, contractId);
  const out = requirements.map((r): PlannedRequirement => {
    const rated = ratings.find((x) => x.requirement_id === r.id);
    const assessment: Assessment | null = rated
      ? {
          urgency: level(Number(rated.urgency)),
          importance: level(Number(rated.importance)),
          cost: level(Number(rated.cost)),
        }
      : null;
    return {
      id: r.id,
      text: r.text,
      category: r.category,
      kind: r.kind,
      special: r.special,
      status: r.status,
      priority: requirementPriority(r, assessment),
      assessedBy: rated?.assessed_by ? { id: rated.assessed_by, name: rated.assessor } : null,
      assessedAt: rated?.assessed_at ?? null,
      planItem: items.items.find((p) => p.requirementId === r.id) ?? null,
      suppliers: suppliers.filter((s) => s.requirementId === r.id),
    };
  });
  return { contractId, number, requirements: out.sort(byPriority) };
}

/** Records the reviewer's rating of one requirement (replacing an earlier one). */
export async function assessRequirement(
  db: Db,
  user: PlanningUser,
  contractId: string,
  requirementId: string,
  rating: Assessment,
  now: Date,
): Promise<RequirementPriority> {
  const r = await requirementOf(db, contractId, requirementId);
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('requirement_assessments')
      .select(['urgency', 'importance', 'cost'])
      .where('contract_id', '=', contractId)
      .where('requirement_id', '=', requirementId)
      .executeTakeFirst();
    const values = { ...rating, assessed_by: user.id, assessed_at: at };
    if (before)
      await trx
        .updateTable('requirement_assessments')
        .set(values)
        .where('contract_id', '=', contractId)
        .where('requirement_id', '=', requirementId)
        .execute();
    else
      await trx
        .insertInto('requirement_assessments')
        .values({ contract_id: contractId, requirement_id: requirementId, ...values })
        .execute();
    const after = requirementPriority(r, rating);
    await recordAudit(trx, actorOf(user), {
      action: 'requirement.assessed',
      entityId: `${contractId}:${requirementId}`,
      before: before
        ? {
            urgency: Number(before.urgency),
            importance: Number(before.importance),
            cost: Number(before.cost),
          }
        : null,
      after: { ...rating, score: after.score, priority: after.priority },
      at,
    });
  });
  return requirementPriority(r, rating);
}

async function activeUser(db: Db, id: string) {
  const u = await db
    .selectFrom('users')
    .select(['id', 'department', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!u || Number(u.active) !== 1 || u.department === 'admin') throw new AppError('PLAN_OWNER_INVALID');
  return u;
}

function snapshotOf(r: Selectable<PlanItemsTable>) {
  return {
    requirementId: r.requirement_id,
    ownerId: r.owner_id,
    department: r.department,
    dueDate: r.due_date,
    link: r.link,
    status: r.status,
    notes: r.notes,
  };
}

/** Makes an accepted requirement a plan item (one per requirement). */
export async function createPlanItem(
  db: Db,
  user: PlanningUser,
  contractId: string,
  requirementId: string,
  input: PlanItemInput,
  now: Date,
  today: string,
): Promise<PlanItem> {
  await acceptedRequirement(db, contractId, requirementId);
  await activeUser(db, input.ownerId);
  const id = randomUUID();
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('plan_items')
      .select('id')
      .where('contract_id', '=', contractId)
      .where('requirement_id', '=', requirementId)
      .executeTakeFirst();
    if (existing) throw new AppError('PLAN_ITEM_EXISTS', undefined, { planItemId: existing.id });
    const row = {
      id,
      contract_id: contractId,
      requirement_id: requirementId,
      owner_id: input.ownerId,
      department: input.department,
      due_date: input.dueDate,
      link: input.link,
      status: 'planned' as const,
      notes: input.notes,
      created_by: user.id,
      created_at: at,
      updated_at: at,
      done_at: null,
    };
    await trx.insertInto('plan_items').values(row).execute();
    await recordAudit(trx, actorOf(user), {
      action: 'plan.created',
      entityId: id,
      after: { contractId, ...snapshotOf(row) },
      at,
    });
  });
  return (await getPlanItem(db, id, today))!;
}

export type PlanItemPatch = Partial<PlanItemInput> & { status?: PlanStatus };

/**
 * Changes a plan item. Its owner reports progress (status, link, notes); a planning department may
 * also hand it to someone else or move its due date.
 */
export async function updatePlanItem(
  db: Db,
  user: PlanningUser,
  id: string,
  patch: PlanItemPatch,
  now: Date,
  today: string,
): Promise<PlanItem> {
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('plan_items').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('plan item', id);
    const owner = row.owner_id === user.id;
    const planner = isPlanner(user);
    const reassigns =
      (patch.ownerId !== undefined && patch.ownerId !== row.owner_id) ||
      (patch.department !== undefined && patch.department !== row.department) ||
      (patch.dueDate !== undefined && patch.dueDate !== row.due_date);
    if (!planner && (!owner || reassigns)) throw new AppError('NOT_PLAN_OWNER');
    if (patch.ownerId !== undefined && patch.ownerId !== row.owner_id) await activeUser(trx, patch.ownerId);
    const status = patch.status ?? row.status;
    const next = {
      owner_id: patch.ownerId ?? row.owner_id,
      department: patch.department ?? row.department,
      due_date: patch.dueDate ?? row.due_date,
      link: patch.link === undefined ? row.link : patch.link,
      notes: patch.notes === undefined ? row.notes : patch.notes,
      status,
      done_at: status === 'done' ? (row.status === 'done' ? row.done_at : at) : null,
      updated_at: at,
    };
    await trx.updateTable('plan_items').set(next).where('id', '=', id).execute();
    await recordAudit(trx, actorOf(user), {
      action: 'plan.updated',
      entityId: id,
      before: snapshotOf(row),
      after: snapshotOf({ ...row, ...next }),
      at,
    });
  });
  return (await getPlanItem(db, id, today))!;
}

export interface PlanListQuery {
  contractId?: string;
  ownerId?: string;
  department?: string;
  state?: PlanState | 'open';
  /** Contract number, customer, requirement text, link or notes. */
  search?: string;
  limit: number;
  offset: number;
}

function planQuery(db: Db, q: Omit<PlanListQuery, 'limit' | 'offset'>, today: string) {
  let query = db
    .selectFrom('plan_items')
    .innerJoin('contracts', 'contracts.id', 'plan_items.contract_id')
    .leftJoin('users', 'users.id', 'plan_items.owner_id')
    .leftJoin('requirements', (j) =>
      j.on(sql<boolean>`requirements.id = plan_items.contract_id || ':' || plan_items.requirement_id`),
    );
  if (q.contractId) query = query.where('plan_items.contract_id', '=', q.contractId);
  if (q.ownerId) query = query.where('plan_items.owner_id', '=', q.ownerId);
  if (q.department) query = query.where('plan_items.department', '=', q.department);
  switch (q.state) {
    case 'overdue':
      query = query.where('plan_items.status', '!=', 'done').where('plan_items.due_date', '<', today);
      break;
    case 'open':
      query = query.where('plan_items.status', '!=', 'done');
      break;
    case 'done':
      query = query.where('plan_items.status', '=', 'done');
      break;
    case 'planned':
    case 'in_progress':
      query = query.where('plan_items.status', '=', q.state).where('plan_items.due_date', '>=', today);
      break;
    case undefined:
      break;
  }
  if (q.search) {
    const pattern = `%${q.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or(
        [
          'contracts.number',
          'contracts.customer_name',
          'requirements.text',
          'plan_items.link',
          'plan_items.notes',
        ].map((col) => sql<boolean>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`),
      ),
    );
  }
  return query;
}

type PlanRow = Selectable<PlanItemsTable> & {
  number: string;
  customer_name: string;
  owner_name: string | null;
  owner_department: string | null;
  requirement_text: string | null;
};

function itemOf(r: PlanRow, today: string): PlanItem {
  return {
    id: r.id,
    contractId: r.contract_id,
    number: r.number,
    customer: r.customer_name,
    requirementId: r.requirement_id,
    requirementText: r.requirement_text,
    owner: { id: r.owner_id, name: r.owner_name, department: r.owner_department },
    department: r.department,
    dueDate: r.due_date,
    link: r.link,
    status: r.status,
    state: planState(r.status, r.due_date, today),
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    doneAt: r.done_at,
  };
}

/** Plan items, soonest due first (what is done last). */
export async function listPlanItems(
  db: Db,
  q: PlanListQuery,
  today: string,
): Promise<{ items: PlanItem[]; total: number }> {
  const base = planQuery(db, q, today);
  const total = await base
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('plan_items')
    .select([
      'contracts.number',
      'contracts.customer_name',
      'users.display_name as owner_name',
      'users.department as owner_department',
      'requirements.text as requirement_text',
    ])
    .orderBy(sql`case when plan_items.status = 'done' then 1 else 0 end`)
    .orderBy('plan_items.due_date')
    .orderBy('contracts.number')
    .orderBy('plan_items.requirement_id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { items: rows.map((r) => itemOf(r as PlanRow, today)), total: Number(total.n) };
}

export async function getPlanItem(db: Db, id: string, today: string): Promise<PlanItem | null> {
  const rows = await planQuery(db, {}, today)
    .selectAll('plan_items')
    .select([
      'contracts.number',
      'contracts.customer_name',
      'users.display_name as owner_name',
      'users.department as owner_department',
      'requirements.text as requirement_text',
    ])
    .where('plan_items.id', '=', id)
    .execute();
  return rows[0] ? itemOf(rows[0] as PlanRow, today) : null;
}

/** Open and overdue plan items over the whole plant, for the dashboard. */
export async function planCounts(
  db: Db,
  today: string,
): Promise<{ open: number; overdue: number; done: number }> {
  const byStatus = await db
    .selectFrom('plan_items')
    .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .execute();
  const late = await db
    .selectFrom('plan_items')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '!=', 'done')
    .where('due_date', '<', today)
    .executeTakeFirstOrThrow();
  const n = (k: string) => Number(byStatus.find((r) => r.status === k)?.n ?? 0);
  // Overdue items are open too: "open" counts everything not done.
  return { open: n('planned') + n('in_progress'), overdue: Number(late.n), done: n('done') };
}

/** Every plan item not done whose owner is `userId`, for the to-do list (one person's are few). */
export async function openPlanItemsOf(db: Db, userId: string, today: string) {
  return listPlanItems(db, { ownerId: userId, state: 'open', limit: 100_000, offset: 0 }, today);
}

const STATE_WORDS: Record<PlanState, string> = {
  planned: '已计划 planned',
  in_progress: '进行中 in progress',
  done: '已完成 done',
  overdue: '已逾期 overdue',
};

/** The plan list as the export gives it (the list's filters apply). */
export async function planExportTable(
  db: Db,
  q: Omit<PlanListQuery, 'limit' | 'offset'>,
  today: string,
): Promise<OutputTable> {
  const { items } = await listPlanItems(db, { ...q, limit: 100_000, offset: 0 }, today);
  return {
    header: [
      '合同编号 Contract',
      '客户 Customer',
      '需求 Requirement',
      '需求内容 Text',
      '负责人 Owner',
      '部门 Department',
      '截止日期 Due',
      '生产计划/设计任务 Plan or design ref.',
      '状态 Status',
      '备注 Notes',
      '完成时间 Done at',
    ],
    rows: items.map((p) => [
      p.number,
      p.customer,
      p.requirementId,
      p.requirementText ?? '',
      p.owner.name ?? p.owner.id,
      p.department,
      p.dueDate,
      p.link ?? '',
      STATE_WORDS[p.state],
      p.notes ?? '',
      p.doneAt ?? '',
    ]),
  };
}

/** Who can be given a plan item: active users of the business departments and the GM. */
export async function planOwners(db: Db): Promise<{ id: string; name: string; department: string }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'department'])
    .where('active', '=', 1)
    .where('department', '!=', 'admin')
    .orderBy('department')
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, department: r.department }));
}

/** Today in the plant's zone (the review record's zone), the day due dates are compared with. */
export async function plantToday(db: Db, now: Date): Promise<string> {
  const config = await loadReviewConfig(db);
  return dayIn(now, config.record?.timeZone ?? DEFAULT_RECORD_SETTINGS.timeZone);
}
