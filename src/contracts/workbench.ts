// The personal workbench: reviews waiting for my department's signature, new analysed intake not
// yet opened as a case, my overdue cases, and recent complaints.
import type { Kysely } from 'kysely';
import type { Department } from '../auth/roles.js';
import { readClock } from '../review/feedback-clock.js';
import type { ReviewConfig } from '../review/types.js';
import type { ReviewState } from '../review/workflow.js';
import type { Database } from '../store/schema.js';

const OPEN_STAGES = ['countersign', 'meetingReview', 'plannerReview', 'reReview'];

export async function workbenchFor(
  db: Kysely<Database>,
  user: { id: string; department: Department; deputyFor: Department | null },
  now: Date,
  config: ReviewConfig,
) {
  const nowIso = now.toISOString();
  const cases = await db
    .selectFrom('review_cases')
    .innerJoin('contracts', 'contracts.id', 'review_cases.contract_id')
    .select([
      'contracts.id',
      'contracts.number',
      'contracts.customer_name',
      'review_cases.snapshot',
      'review_cases.owner_id',
      'review_cases.feedback_sent_at',
      'contracts.feedback_due_at',
    ])
    .where('contracts.status', 'not in', ['declined', 'voided', 'confirmed'])
    .orderBy('contracts.received_at')
    .execute();
  const mine = new Set<Department>([user.department, ...(user.deputyFor ? [user.deputyFor] : [])]);
  const myOpenReviews = [];
  const overdue = [];
  for (const c of cases) {
    const state = JSON.parse(c.snapshot) as ReviewState;
    const d = state.context;
    const clock = readClock(d.receivedAt, nowIso, d.clock.pauses, config.clock, d.feedback?.sentAt ?? null);
    if (OPEN_STAGES.includes(state.value)) {
      for (const s of d.signOffs) {
        if (s.status === 'pending' && mine.has(s.department)) {
          myOpenReviews.push({
            contractId: c.id,
            number: c.number,
            customer: c.customer_name,
            department: s.department,
            deadline: clock.dueAt,
            overdue: clock.overdue,
          });
        }
      }
    }
    const responsible = c.owner_id === user.id || user.department === 'general_manager';
    if (clock.overdue && d.feedback === null && responsible) {
      overdue.push({ contractId: c.id, number: c.number, customer: c.customer_name, deadline: clock.dueAt });
    }
  }
  const opened = db.selectFrom('contracts').select('intake_id').where('intake_id', 'is not', null);
  const newIntake = await db
    .selectFrom('intake_records')
    .select(['id', 'channel', 'file_name', 'received_at', 'status'])
    .where('id', 'not in', opened.$narrowType<{ intake_id: string }>())
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('analyses')
          .select('analyses.id')
          .whereRef('analyses.intake_id', '=', 'intake_records.id'),
      ),
    )
    .orderBy('received_at', 'desc')
    .limit(20)
    .execute();
  const recentComplaints = await db
    .selectFrom('feedback')
    .select(['id', 'customer_id', 'contract_id', 'text', 'status', 'received_at'])
    .where('kind', '=', 'complaint')
    .orderBy('received_at', 'desc')
    .limit(10)
    .execute();
  return {
    myOpenReviews,
    newIntake: newIntake.map((i) => ({
      intakeId: i.id,
      channel: i.channel,
      fileName: i.file_name,
      receivedAt: i.received_at,
      status: i.status,
    })),
    overdue,
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
