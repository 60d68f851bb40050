// The review configuration the workflow runs with: fixed policy (48-h clock, meeting quorum, who
// signs conclusions) plus the people directory read from the database (sales managers and planners
// from review_roles, registered deputies from users.deputy_for).
import type { Kysely } from 'kysely';
import { isDepartment } from '../auth/roles.js';
import { DEFAULT_CLOCK_CONFIG } from '../review/feedback-clock.js';
import type { ReviewConfig } from '../review/types.js';
import type { Database } from '../store/schema.js';

export const REVIEW_TITLES = ['sales_manager', 'sales_planner'] as const;
export type ReviewTitle = (typeof REVIEW_TITLES)[number];

export const REVIEW_POLICY: Omit<ReviewConfig, 'salesManagers' | 'salesPlanners' | 'deputies'> = {
  clock: DEFAULT_CLOCK_CONFIG,
  meetingQuorum: { minDepartments: 3, mustInclude: ['technical', 'quality'] },
  conclusionAuthority: { regular: 'sales_manager', special: 'general_manager', temporary: 'sales_manager' },
  financeAlwaysReviews: false,
};

export async function loadReviewConfig(
  db: Kysely<Database>,
  policy: Partial<typeof REVIEW_POLICY> = {},
): Promise<ReviewConfig> {
  const titles = await db.selectFrom('review_roles').select(['user_id', 'role']).execute();
  const deputies = await db
    .selectFrom('users')
    .select(['id', 'deputy_for'])
    .where('deputy_for', 'is not', null)
    .where('active', '=', 1)
    .execute();
  return {
    ...REVIEW_POLICY,
    ...policy,
    salesManagers: titles.filter((t) => t.role === 'sales_manager').map((t) => t.user_id),
    salesPlanners: titles.filter((t) => t.role === 'sales_planner').map((t) => t.user_id),
    deputies: deputies.flatMap((u) =>
      u.deputy_for && isDepartment(u.deputy_for) ? [{ userId: u.id, department: u.deputy_for }] : [],
    ),
  };
}

/** Gives a user a review title (e.g. sales manager, who signs regular conclusions). Idempotent. */
export async function grantReviewTitle(
  db: Kysely<Database>,
  userId: string,
  role: ReviewTitle,
): Promise<void> {
  await db
    .insertInto('review_roles')
    .values({ user_id: userId, role })
    .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
    .execute();
}
