// Improvement actions (改进措施) raised from complaints or capability findings: an owner
// department, a due day, a status and, once done, an effectiveness check. Overdue is judged
// against the caller's clock so tests and reports can ask "as of" any instant.
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { AppError } from '../shared/errors.js';
import type { Actor } from '../store/audit.js';
import { NotFoundError } from '../store/errors.js';
import type { Database, ImprovementActionsTable } from '../store/schema.js';
import { orderBySort, type SortColumn, type SortOrder } from '../store/sort.js';
import { inTransaction } from '../store/transaction.js';
import { writeAudit } from './audit.js';
import type { ActionStatus, Effectiveness } from './status.js';

type Db = Kysely<Database>;

export interface ImprovementAction {
  id: string;
  feedbackId: string | null;
  evaluationId: string | null;
  title: string;
  description: string | null;
  ownerDepartment: string;
  dueDate: string | null;
  status: ActionStatus;
  result: string | null;
  effectiveness: Effectiveness | null;
  effectivenessNote: string | null;
  effectivenessCheckedAt: string | null;
  closedAt: string | null;
  overdue: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ActionInput {
  feedbackId?: string | null;
  evaluationId?: string | null;
  title: string;
  description?: string | null;
  ownerDepartment: string;
  dueDate?: string | null;
}

export interface ActionPatch {
  title?: string;
  description?: string | null;
  ownerDepartment?: string;
  dueDate?: string | null;
  status?: ActionStatus;
  result?: string | null;
  effectiveness?: Effectiveness | null;
  effectivenessNote?: string | null;
}

/** The business day (Asia/Shanghai) of an instant. */
export function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Not closed and its due day is already past in Shanghai at `now`. */
export function actionOverdue(a: { status: string; dueDate: string | null }, now: Date): boolean {
  return a.status !== 'closed' && a.dueDate !== null && a.dueDate < shanghaiDay(now);
}

function fromRow(r: Selectable<ImprovementActionsTable>, now: Date): ImprovementAction {
  return {
    id: r.id,
    feedbackId: r.feedback_id,
    evaluationId: r.evaluation_id,
    title: r.title,
    description: r.description,
    ownerDepartment: r.owner_department,
    dueDate: r.due_date,
    status: r.status as ActionStatus,
    result: r.result,
    effectiveness: r.effectiveness as Effectiveness | null,
    effectivenessNote: r.effectiveness_note,
    effectivenessCheckedAt: r.effectiveness_checked_at,
    closedAt: r.closed_at,
    overdue: actionOverdue({ status: r.status, dueDate: r.due_date }, now),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getAction(db: Db, id: string, now = new Date()): Promise<ImprovementAction | null> {
  const r = await db.selectFrom('improvement_actions').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r, now) : null;
}

export async function createAction(
  db: Db,
  actor: Actor,
  input: ActionInput,
  now = new Date(),
): Promise<ImprovementAction> {
  if (input.feedbackId) {
    const f = await db
      .selectFrom('feedback')
      .select('id')
      .where('id', '=', input.feedbackId)
      .executeTakeFirst();
    if (!f) throw new NotFoundError('feedback', input.feedbackId);
  }
  if (input.evaluationId) {
    const e = await db
      .selectFrom('capability_evaluations')
      .select('id')
      .where('id', '=', input.evaluationId)
      .executeTakeFirst();
    if (!e) throw new NotFoundError('capability evaluation', input.evaluationId);
  }
  const id = randomUUID();
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('improvement_actions')
      .values({
        id,
        feedback_id: input.feedbackId ?? null,
        evaluation_id: input.evaluationId ?? null,
        title: input.title,
        description: input.description ?? null,
        owner_department: input.ownerDepartment,
        due_date: input.dueDate ?? null,
        status: 'open',
        result: null,
        effectiveness: null,
        effectiveness_note: null,
        effectiveness_checked_at: null,
        closed_at: null,
        created_by: actor.id.startsWith('system:') ? null : actor.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await writeAudit(trx, actor, 'action.created', id, undefined, input, at);
  });
  return (await getAction(db, id, now))!;
}

export async function updateAction(
  db: Db,
  actor: Actor,
  id: string,
  patch: ActionPatch,
  now = new Date(),
): Promise<ImprovementAction> {
  const before = await getAction(db, id, now);
  if (!before) throw new NotFoundError('improvement action', id);
  const result = patch.result !== undefined ? patch.result : before.result;
  if (patch.status === 'closed' && before.status !== 'closed' && !result?.trim()) {
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: '关闭措施前需填写实施结果', en: 'describe the result before closing' },
      {
        errors: [{ in: 'body', path: '/result', message: '需填写实施结果 / result is required' }],
      },
    );
  }
  const at = now.toISOString();
  const set = {
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.ownerDepartment !== undefined ? { owner_department: patch.ownerDepartment } : {}),
    ...(patch.dueDate !== undefined ? { due_date: patch.dueDate } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(patch.result !== undefined ? { result: patch.result } : {}),
    ...(patch.status === 'closed' && before.status !== 'closed' ? { closed_at: at } : {}),
    ...(patch.status !== undefined && patch.status !== 'closed' ? { closed_at: null } : {}),
    ...(patch.effectiveness !== undefined
      ? { effectiveness: patch.effectiveness, effectiveness_checked_at: patch.effectiveness ? at : null }
      : {}),
    ...(patch.effectivenessNote !== undefined ? { effectiveness_note: patch.effectivenessNote } : {}),
    updated_at: at,
  };
  await inTransaction(db, async (trx) => {
    await trx.updateTable('improvement_actions').set(set).where('id', '=', id).execute();
    await writeAudit(trx, actor, 'action.updated', id, before, set, at);
  });
  return (await getAction(db, id, now))!;
}

export interface ActionQuery {
  status?: ActionStatus;
  ownerDepartment?: string;
  feedbackId?: string;
  evaluationId?: string;
  overdue?: boolean;
  /** Words in the title or description. */
  search?: string;
  /** Column to sort by; without one, by due day (none last), then as created. */
  sort?: ActionSort;
  order?: SortOrder;
  limit?: number;
  offset?: number;
}

/** Columns the improvement-action list sorts by (the API's `sort`). */
export const ACTION_SORTS = ['dueDate', 'title', 'ownerDepartment', 'status', 'createdAt'] as const;
export type ActionSort = (typeof ACTION_SORTS)[number];

const ACTION_SORT_COLUMNS: Record<ActionSort, SortColumn> = {
  dueDate: { column: 'improvement_actions.due_date' },
  title: { column: 'improvement_actions.title' },
  ownerDepartment: { column: 'improvement_actions.owner_department' },
  // The order the work goes through, not the alphabet's.
  status: { column: 'improvement_actions.status', rank: ['open', 'in_progress', 'closed'] },
  createdAt: { column: 'improvement_actions.created_at' },
};

export async function listActions(
  db: Db,
  q: ActionQuery = {},
  now = new Date(),
): Promise<{ items: ImprovementAction[]; total: number }> {
  let base = db.selectFrom('improvement_actions');
  if (q.status) base = base.where('status', '=', q.status);
  if (q.ownerDepartment) base = base.where('owner_department', '=', q.ownerDepartment);
  if (q.feedbackId) base = base.where('feedback_id', '=', q.feedbackId);
  if (q.evaluationId) base = base.where('evaluation_id', '=', q.evaluationId);
  if (q.overdue) {
    base = base
      .where('status', '!=', 'closed')
      .where('due_date', 'is not', null)
      .where('due_date', '<', shanghaiDay(now));
  }
  const search = q.search?.trim().toLowerCase();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`lower(title) like ${pattern} escape '\\'`,
        sql<boolean>`lower(coalesce(description, '')) like ${pattern} escape '\\'`,
      ]),
    );
  }
  const selected = base.selectAll();
  const ordered = q.sort
    ? orderBySort(selected, ACTION_SORT_COLUMNS[q.sort], q.order ?? 'asc', 'improvement_actions.id')
    : selected
        // Same order on both databases: actions without a due day last.
        .orderBy(sql`coalesce(due_date, '9999-12-31')`)
        .orderBy('created_at', 'asc')
        .orderBy('id');
  const rows = await ordered
    .limit(Math.min(Math.max(q.limit ?? 50, 1), 500))
    .offset(Math.max(q.offset ?? 0, 0))
    .execute();
  const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map((r) => fromRow(r, now)), total: Number(count.n) };
}
