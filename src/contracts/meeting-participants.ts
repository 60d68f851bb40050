// Who may stand in the minutes of a review meeting: every participant must be an active user of the
// department they stand for (or its registered deputy, or the GM's meeting deputy the review policy
// names). The pure core cannot see the users table, so the shell checks this before the step; each
// participant still confirms in their own session before the meeting counts (CONFIRM_MEETING).
import type { Kysely } from 'kysely';
import { DEPARTMENT_LABELS, type Department, isDepartment } from '../auth/roles.js';
import { caseDepartments, standsFor } from '../review/case-logic.js';
import { type Refusal, refuse } from '../review/refusals.js';
import type { CaseData, ReviewConfig, ReviewEvent } from '../review/types.js';
import type { Database } from '../store/schema.js';

type Participants = Extract<ReviewEvent, { type: 'RECORD_MEETING' }>['participants'];

/** Why the minutes name someone who cannot be there for that department, or null. */
export async function participantRefusal(
  db: Kysely<Database>,
  participants: Participants,
  config: ReviewConfig,
): Promise<Refusal | null> {
  const ids = [...new Set(participants.map((p) => p.userId))];
  const rows = ids.length
    ? await db
        .selectFrom('users')
        .select(['id', 'display_name', 'department', 'deputy_for', 'active'])
        .where('id', 'in', ids)
        .execute()
    : [];
  for (const p of participants) {
    const user = rows.find((r) => r.id === p.userId);
    if (!user) return refuse('UNKNOWN_PARTICIPANT', { zh: p.userId, en: p.userId });
    if (Number(user.active) !== 1)
      return refuse('PARTICIPANT_INACTIVE', { zh: user.display_name, en: user.display_name });
    if (!isDepartment(user.department)) return refuse('PARTICIPANT_WRONG_DEPARTMENT');
    const actor = {
      userId: user.id,
      department: user.department,
      ...(user.deputy_for && isDepartment(user.deputy_for) ? { deputyFor: user.deputy_for } : {}),
    };
    if (standsFor(actor, p.department, config) === null)
      return refuse('PARTICIPANT_WRONG_DEPARTMENT', {
        zh: `${user.display_name} → ${DEPARTMENT_LABELS[p.department].zh}`,
        en: `${user.display_name} → ${DEPARTMENT_LABELS[p.department].en}`,
      });
  }
  return null;
}

/** Active users who may stand for each department of the case and for the GM, for the organiser's form. */
export async function meetingCandidates(db: Kysely<Database>, d: CaseData, config: ReviewConfig) {
  const departments: Department[] = [...caseDepartments(d), 'general_manager'];
  const users = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'department', 'deputy_for'])
    .where('active', '=', 1)
    .orderBy('display_name')
    .execute();
  return departments.flatMap((department) =>
    users.flatMap((u) => {
      if (!isDepartment(u.department)) return [];
      const actor = {
        userId: u.id,
        department: u.department,
        ...(u.deputy_for && isDepartment(u.deputy_for) ? { deputyFor: u.deputy_for } : {}),
      };
      return standsFor(actor, department, config) === null
        ? []
        : [{ userId: u.id, displayName: u.display_name, department, ownDepartment: u.department }];
    }),
  );
}
