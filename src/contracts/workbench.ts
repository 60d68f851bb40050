// The personal workbench: reviews waiting for my department's signature, intake not yet turned into
// a case (waiting, failed, or analysed and awaiting its review), my overdue cases, amendment notices not yet read, and recent complaints.
import { type Kysely, sql } from 'kysely';
import type { Department } from '../auth/roles.js';
import { intakeTitle } from '../intake/intake-repository.js';
import { readClock } from '../review/feedback-clock.js';
import type { ReviewConfig } from '../review/types.js';
import type { ReviewState } from '../review/workflow.js';
import type { Database } from '../store/schema.js';

const OPEN_STAGES = ['countersign', 'meetingReview', 'plannerReview', 'reReview'];

/** Rows per section by default: the page shows the first ten, the counts tell how many there are. */
export const WORKBENCH_ROWS = 50;

/**
 * The SQL finds and counts the pending sign-offs of the user's departments and the cases past their
 * stored deadline (the `reviews` rows and `contracts.feedback_due_at` are rewritten on every event);
 * only the rows sent are parsed for their clock. Parsing every open case's snapshot took over a
 * second with 10,000 contracts (`npm run bench:web`).
 */
export async function workbenchFor(
  db: Kysely<Database>,
  user: { id: string; department: Department; deputyFor: Department | null },
  now: Date,
  config: ReviewConfig,
  limit: number = WORKBENCH_ROWS,
) {
  const nowIso = now.toISOString();
  const mine = [user.department, ...(user.deputyFor ? [user.deputyFor] : [])];
  const clockOf = (snapshot: string) => {
    const d = (JSON.parse(snapshot) as ReviewState).context;
    return {
      d,
      clock: readClock(d.receivedAt, nowIso, d.clock.pauses, config.clock, d.feedback?.sentAt ?? null),
    };
  };

  const pending = db
    .selectFrom('reviews')
    .innerJoin('review_cases', 'review_cases.contract_id', 'reviews.contract_id')
    .innerJoin('contracts', 'contracts.id', 'reviews.contract_id')
    .where('reviews.status', '=', 'pending')
    .where('reviews.department', 'in', mine)
    .where('review_cases.stage', 'in', OPEN_STAGES);
  const pendingTotal = await pending.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const pendingRows = await pending
    .select([
      'contracts.id',
      'contracts.number',
      'contracts.customer_name',
      'reviews.department',
      'review_cases.snapshot',
    ])
    .orderBy('contracts.received_at')
    .orderBy('contracts.id')
    .limit(limit)
    .execute();
  const myOpenReviews = pendingRows.map((r) => {
    const { clock } = clockOf(r.snapshot);
    return {
      contractId: r.id,
      number: r.number,
      customer: r.customer_name,
      // Filtered to the user's departments above.
      department: r.department as Department,
      deadline: clock.dueAt,
      overdue: clock.overdue,
    };
  });

  // The stored deadline is the clock's own: rewritten on every event, null while the clock is paused
  // (a question to the customer is open), so "past it and no feedback sent" is exactly "overdue".
  let late = db
    .selectFrom('review_cases')
    .innerJoin('contracts', 'contracts.id', 'review_cases.contract_id')
    .where('contracts.status', 'not in', ['declined', 'voided', 'confirmed'])
    .where('review_cases.feedback_sent_at', 'is', null)
    .where('contracts.feedback_due_at', '<', nowIso);
  if (user.department !== 'general_manager') late = late.where('review_cases.owner_id', '=', user.id);
  const lateTotal = await late.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const lateRows = await late
    .select(['contracts.id', 'contracts.number', 'contracts.customer_name', 'review_cases.snapshot'])
    .orderBy('contracts.feedback_due_at')
    .orderBy('contracts.id')
    .limit(limit)
    .execute();
  const overdue = lateRows.map((c) => ({
    contractId: c.id,
    number: c.number,
    customer: c.customer_name,
    deadline: clockOf(c.snapshot).clock.dueAt,
  }));
  // Intake still waiting for a person: not yet read, failed (to retry or replace), or analysed with no
  // review case opened from it. A record a case was opened from is finished work and drops off.
  const opened = db.selectFrom('contracts').select('intake_id').where('intake_id', 'is not', null);
  const newIntake = await db
    .selectFrom('intake_records')
    .select(['id', 'channel', 'file_name', 'received_at', 'status'])
    .select(sql<string | null>`substr(extracted_text, 1, 400)`.as('text_head'))
    .where('id', 'not in', opened.$narrowType<{ intake_id: string }>())
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  // Amendments reach a department as notices: until read they stay on the workbench.
  const notices = await db
    .selectFrom('notifications')
    .innerJoin('contracts', 'contracts.id', 'notifications.contract_id')
    .select([
      'notifications.id',
      'notifications.contract_id',
      'notifications.message_zh',
      'notifications.message_en',
      'notifications.created_at',
      'contracts.number',
      'contracts.customer_name',
    ])
    .where('notifications.user_id', '=', user.id)
    .where('notifications.kind', '=', 'amendment_recorded')
    .where('notifications.read_at', 'is', null)
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id')
    .limit(limit)
    .execute();
  const recentComplaints = await db
    .selectFrom('feedback')
    .select(['id', 'customer_id', 'contract_id', 'text', 'status', 'received_at'])
    .where('kind', '=', 'complaint')
    // A voided entry was recorded in error; it stays on file but is no complaint to work on.
    .where('voided_at', 'is', null)
    .orderBy('received_at', 'desc')
    .limit(10)
    .execute();
  return {
    myOpenReviews,
    myOpenReviewsTotal: Number(pendingTotal.n),
    overdue,
    overdueTotal: Number(lateTotal.n),
    amendmentNotices: notices.map((n) => ({
      notificationId: n.id,
      contractId: n.contract_id as string,
      number: n.number,
      customer: n.customer_name,
      message: { zh: n.message_zh, en: n.message_en },
      at: n.created_at,
    })),
    newIntake: newIntake.map((i) => ({
      intakeId: i.id,
      title: intakeTitle(i.text_head, i.file_name),
      channel: i.channel,
      fileName: i.file_name,
      receivedAt: i.received_at,
      // What is left to do: an analysed record waits for its review to be opened.
      status: i.status === 'done' ? 'awaiting_review' : i.status,
    })),
    recentComplaints: recentComplaints.map((f) => ({
      id: f.id,
      customerId: f.customer_id,
      contractId: f.contract_id,
      text: f.text,
      status: f.status,
      receivedAt: f.received_at,
    })),
  };
}
