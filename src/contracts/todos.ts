// One user's to-do list (GET /api/todos, the workbench, the bell): every review step waiting for them,
// from the cases' state (src/review/todos.ts decides which), plus amendment notices until they
// acknowledge them. SQL narrows the cases to those that can hold a step of this user (their own, their
// departments' pending sign-offs, meetings naming them, the GM's and the authorised signer's stages);
// only those snapshots are parsed, all of them, and the sorted list is paged.
import type { Kysely } from 'kysely';
import type { Department } from '../auth/roles.js';
import { openPlanItemsOf, plantToday } from '../planning/planning-repository.js';
import { readClock } from '../review/feedback-clock.js';
import { rolesOf } from '../review/permissions.js';
import { type CaseTodo, caseTodos, TODO_ANCHORS, type TodoKind, todoTitle } from '../review/todos.js';
import type { Bilingual, ReviewConfig, ReviewingDepartment } from '../review/types.js';
import type { ReviewState } from '../review/workflow.js';
import type { Database } from '../store/schema.js';
import { actorFor } from './case-repository.js';

export interface Todo {
  /** Stable while the step waits: kind, case and department or notice. */
  id: string;
  kind: TodoKind;
  contractId: string;
  number: string;
  customer: string;
  stage: string;
  department: ReviewingDepartment | null;
  trigger: CaseTodo['trigger'];
  /** Confirming the requirements again after a void-and-re-sign. */
  resign: boolean;
  title: Bilingual;
  /** The case page at the place the step is taken. */
  href: string;
  /** Since when it waits: the case's last change, or the notice's time. */
  since: string;
  /** The 48-hour feedback deadline of the case while its clock runs (null once answered or paused). */
  deadline: string | null;
  overdue: boolean;
  /** Amendment notices: the notification to mark read when acknowledged. */
  notificationId: string | null;
  /** Amendment notices: what changed, as the notice says it. */
  message: Bilingual | null;
}

/** How many candidate cases are read per query: every one is read, this only bounds each round trip. */
export const TODO_BATCH = 500;

/** A page of the list: the first page of 100 unless the caller asks for another. */
export interface TodoPaging {
  page?: number;
  pageSize?: number;
  /** Candidate cases per query (tests make it small to read through several batches). */
  batch?: number;
}

interface User {
  id: string;
  department: Department;
  deputyFor: Department | null;
}

/**
 * Every to-do of the user, most pressing first, one page of it. The whole list is computed (every
 * candidate case is read, batch by batch) before it is sorted and cut, so `total` is exact and no
 * page leaves out a step that sorts before its last row.
 */
export async function todosFor(
  db: Kysely<Database>,
  user: User,
  now: Date,
  config: ReviewConfig,
  paging: TodoPaging = {},
): Promise<{ items: Todo[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, paging.page ?? 1);
  const pageSize = Math.max(1, paging.pageSize ?? 100);
  const batch = Math.max(1, paging.batch ?? TODO_BATCH);
  const actor = actorFor(user);
  const roles = rolesOf(actor, config);
  const mine = [user.department, ...(user.deputyFor ? [user.deputyFor] : [])];
  const gmSeat = user.department === 'general_manager' || config.meetingQuorum.gmDeputy === user.id;

  const candidates = db
    .selectFrom('review_cases')
    .innerJoin('contracts', 'contracts.id', 'review_cases.contract_id')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('review_cases.owner_id', '=', user.id),
          eb('review_cases.stage', 'in', [
            'requirementConfirmation',
            'meetingReview',
            'salesNegotiation',
            'feedbackPending',
            'awaitingCustomerConfirmation',
          ]),
        ]),
        eb.and([
          eb('review_cases.stage', 'in', ['countersign', 'plannerReview', 'reReview']),
          eb.exists(
            eb
              .selectFrom('reviews')
              .select('reviews.id')
              .whereRef('reviews.contract_id', '=', 'review_cases.contract_id')
              .where('reviews.status', '=', 'pending')
              .where('reviews.department', 'in', mine),
          ),
        ]),
        // A proposed meeting names its participants by user id; the snapshot is checked after parsing
        // (a '_' in an id matches more, never less).
        eb.and([
          eb('review_cases.stage', '=', 'meetingReview'),
          eb('review_cases.snapshot', 'like', `%${user.id}%`),
        ]),
        ...(gmSeat ? [eb('review_cases.stage', 'in', ['meetingReview', 'gmDecision', 'conclusion'])] : []),
        ...(roles.includes('general_manager') ? [eb('review_cases.stage', '=', 'gmDecision')] : []),
        ...(roles.includes('sales_manager') ? [eb('review_cases.stage', '=', 'conclusion')] : []),
      ]),
    );
  const rows: {
    id: string;
    number: string;
    customer_name: string;
    stage: string;
    snapshot: string;
    updated_at: string;
  }[] = [];
  // Keyset over the contract id: every candidate is read, however many there are.
  for (let after = ''; ; ) {
    const chunk = await candidates
      .select([
        'contracts.id',
        'contracts.number',
        'contracts.customer_name',
        'review_cases.stage',
        'review_cases.snapshot',
        'review_cases.updated_at',
      ])
      .where('contracts.id', '>', after)
      .orderBy('contracts.id')
      .limit(batch)
      .execute();
    rows.push(...chunk);
    if (chunk.length < batch) break;
    after = chunk.at(-1)!.id;
  }

  const nowIso = now.toISOString();
  const items: Todo[] = [];
  for (const r of rows) {
    const state = JSON.parse(r.snapshot) as ReviewState;
    const d = state.context;
    const clock = readClock(d.receivedAt, nowIso, d.clock.pauses, config.clock, d.feedback?.sentAt ?? null);
    for (const t of caseTodos(state, actor, config, now)) {
      items.push({
        id: [t.kind, r.id, t.department].filter(Boolean).join(':'),
        kind: t.kind,
        contractId: r.id,
        number: r.number,
        customer: r.customer_name,
        stage: r.stage,
        department: t.department,
        trigger: t.trigger,
        resign: t.resign,
        title: todoTitle(t),
        href: `/contracts/${encodeURIComponent(r.id)}#${TODO_ANCHORS[t.kind]}`,
        since: r.updated_at,
        // Once the customer has the answer, the 48 hours no longer bind the remaining steps.
        deadline: d.feedback ? null : clock.dueAt,
        overdue: d.feedback ? false : clock.overdue,
        notificationId: null,
        message: null,
      });
    }
  }
  // Amendment notices stay until the department acknowledges them (marks them read).
  const notices = await db
    .selectFrom('notifications')
    .innerJoin('contracts', 'contracts.id', 'notifications.contract_id')
    .innerJoin('review_cases', 'review_cases.contract_id', 'notifications.contract_id')
    .select([
      'notifications.id',
      'notifications.contract_id',
      'notifications.message_zh',
      'notifications.message_en',
      'notifications.created_at',
      'contracts.number',
      'contracts.customer_name',
      'review_cases.stage',
    ])
    .where('notifications.user_id', '=', user.id)
    .where('notifications.kind', '=', 'amendment_recorded')
    .where('notifications.read_at', 'is', null)
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id')
    .execute();
  for (const n of notices) {
    const t: CaseTodo = { kind: 'amendment_notice', department: null, trigger: null, resign: false };
    items.push({
      id: `amendment_notice:${n.id}`,
      kind: 'amendment_notice',
      contractId: n.contract_id as string,
      number: n.number,
      customer: n.customer_name,
      stage: n.stage,
      department: null,
      trigger: null,
      resign: false,
      title: todoTitle(t),
      href: `/contracts/${encodeURIComponent(n.contract_id as string)}#${TODO_ANCHORS.amendment_notice}`,
      since: n.created_at,
      deadline: null,
      overdue: false,
      notificationId: n.id,
      message: { zh: n.message_zh, en: n.message_en },
    });
  }
  // Plan items the user owns and has not finished (需求计划): due on a day, overdue after it.
  const today = await plantToday(db, now);
  const plans = await openPlanItemsOf(db, user.id, today);
  for (const p of plans.items) {
    const t: CaseTodo = { kind: 'plan_item', department: null, trigger: null, resign: false };
    items.push({
      id: `plan_item:${p.id}`,
      kind: 'plan_item',
      contractId: p.contractId,
      number: p.number,
      customer: p.customer,
      stage: p.state,
      department: null,
      trigger: null,
      resign: false,
      title: todoTitle(t),
      href: `/contracts/${encodeURIComponent(p.contractId)}#${TODO_ANCHORS.plan_item}`,
      since: p.createdAt,
      deadline: null,
      overdue: p.state === 'overdue',
      notificationId: null,
      message: {
        zh: `${p.requirementId}「${p.requirementText ?? ''}」截止 ${p.dueDate}`,
        en: `${p.requirementId} "${p.requirementText ?? ''}" due ${p.dueDate}`,
      },
    });
  }
  // What is late first, then what is due soonest, then the oldest waiting.
  items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.deadline ?? '\uffff').localeCompare(b.deadline ?? '\uffff') ||
      a.since.localeCompare(b.since) ||
      a.id.localeCompare(b.id),
  );
  const from = (page - 1) * pageSize;
  return { items: items.slice(from, from + pageSize), total: items.length, page, pageSize };
}
