// The review configuration the workflow runs with: the policy an administrator set (48-h clock,
// meeting quorum, who signs conclusions; review-policy.ts, default until saved) plus the people
// directory read from the database (sales managers and planners from review_roles, registered
// deputies from users.deputy_for).
import type { Kysely } from 'kysely';
import { isDepartment } from '../auth/roles.js';
import type { ReviewConfig } from '../review/types.js';
import type { Database } from '../store/schema.js';
import { DEFAULT_REVIEW_POLICY, getReviewPolicy, type ReviewPolicy } from './review-policy.js';

export const REVIEW_TITLES = ['sales_manager', 'sales_planner'] as const;
export type ReviewTitle = (typeof REVIEW_TITLES)[number];

/** The built-in policy, used until an administrator saves one. */
export const REVIEW_POLICY: ReviewPolicy = DEFAULT_REVIEW_POLICY;

/** The stored policy (or the default), with `policy` overriding parts of it (tests, dry runs). */
export async function loadReviewConfig(
  db: Kysely<Database>,
  policy: Partial<ReviewPolicy> = {},
): Promise<ReviewConfig> {
  const stored = await getReviewPolicy(db);
  const titles = await db.selectFrom('review_roles').select(['user_id', 'role']).execute();
  const deputies = await db
    .selectFrom('users')
    .select(['id', 'deputy_for'])
    .where('deputy_for', 'is not', null)
    .where('active', '=', 1)
    .execute();
  return {
    ...stored.policy,
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
