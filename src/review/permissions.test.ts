import { describe, expect, it } from 'vitest';
import { CONFIG, PEOPLE } from '../../test/review/fixtures.js';
import {
  actorMay,
  PERMISSIONS,
  REVIEW_ACTIONS,
  REVIEW_ROLES,
  type ReviewAction,
  type ReviewRole,
  rolesOf,
} from './permissions.js';

// The expected matrix, written out by hand so that a change to PERMISSIONS must be made twice.
const Y = true;
const N = false;
// biome-ignore format: a table reads better aligned
const EXPECTED: Record<ReviewRole, Record<ReviewAction, boolean>> = {
  //               edit ask  conf sign meet cmeet nego gm   concl feed cust amend void route temp
  sales:           row(Y, Y, Y, Y, Y, Y, Y, N, N, Y, Y, Y, N, Y, Y),
  sales_manager:   row(Y, Y, Y, Y, Y, Y, Y, N, Y, Y, Y, Y, Y, Y, Y),
  sales_planner:   row(Y, Y, Y, Y, Y, Y, Y, N, N, Y, Y, Y, N, Y, Y),
  technical:       row(N, N, N, Y, N, Y, N, N, N, N, N, N, N, N, N),
  purchasing:      row(N, N, N, Y, N, Y, N, N, N, N, N, N, N, N, N),
  production:      row(N, N, N, Y, N, Y, N, N, N, N, N, N, N, N, N),
  quality:         row(N, N, N, Y, N, Y, N, N, N, N, N, N, N, N, N),
  finance:         row(N, N, N, Y, N, Y, N, N, N, N, N, N, N, N, N),
  // The GM confirms his own attendance and decides; he never signs a department's part.
  general_manager: row(N, N, N, N, N, Y, N, Y, Y, N, N, N, Y, N, N),
  admin:           row(N, N, N, N, N, N, N, N, N, N, N, N, N, N, N),
};

function row(...flags: boolean[]): Record<ReviewAction, boolean> {
  return Object.fromEntries(REVIEW_ACTIONS.map((a, i) => [a, flags[i]!])) as Record<ReviewAction, boolean>;
}

describe('permission matrix', () => {
  const cases = REVIEW_ROLES.flatMap((role) => REVIEW_ACTIONS.map((action) => [role, action] as const));

  it.each(cases)('%s × %s', (role, action) => {
    expect(PERMISSIONS[role].includes(action)).toBe(EXPECTED[role][action]);
  });

  it('covers every role and action', () => {
    expect(cases).toHaveLength(REVIEW_ROLES.length * REVIEW_ACTIONS.length);
  });
});

describe('roles of an actor', () => {
  it('adds titles from the directory and only registered deputyships', () => {
    expect(rolesOf(PEOPLE.salesManager, CONFIG).sort()).toEqual(['sales', 'sales_manager']);
    expect(rolesOf(PEOPLE.qualityDeputy, CONFIG).sort()).toEqual(['production', 'quality']);
    expect(rolesOf({ ...PEOPLE.technical, deputyFor: 'quality' }, CONFIG)).toEqual(['technical']);
  });

  it('a plain salesperson may not sign the conclusion; the sales manager and the GM may', () => {
    expect(actorMay(PEOPLE.sales, CONFIG, 'sign_conclusion')).toBe(false);
    expect(actorMay(PEOPLE.salesManager, CONFIG, 'sign_conclusion')).toBe(true);
    expect(actorMay(PEOPLE.gm, CONFIG, 'sign_conclusion')).toBe(true);
  });
});
