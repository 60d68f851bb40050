// Who may do what in a contract review, as data. Department scoping (quality signs only quality's
// part) is checked on top of this table, in the workflow; this table says whether a role may act at all.
import type { Department } from '../auth/roles.js';

export const REVIEW_ROLES = [
  'sales',
  'sales_manager',
  'sales_planner',
  'technical',
  'purchasing',
  'production',
  'quality',
  'finance',
  'general_manager',
  'admin',
] as const;
export type ReviewRole = (typeof REVIEW_ROLES)[number];

export const REVIEW_ACTIONS = [
  'edit_requirements',
  'ask_customer',
  'confirm_requirements',
  'sign_department_review',
  'record_meeting',
  'confirm_meeting',
  'record_negotiation',
  'gm_decide',
  'sign_conclusion',
  'send_feedback',
  'record_customer_confirmation',
  'amend',
  'void',
  'route_departments',
  'record_temporary_basis',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

const SALES_SIDE: ReviewAction[] = [
  'edit_requirements',
  'ask_customer',
  'confirm_requirements',
  'sign_department_review',
  'record_meeting',
  'confirm_meeting',
  'record_negotiation',
  'send_feedback',
  'record_customer_confirmation',
  'amend',
  'route_departments',
  'record_temporary_basis',
];
const REVIEWER: ReviewAction[] = ['sign_department_review', 'confirm_meeting'];

export const PERMISSIONS: Readonly<Record<ReviewRole, readonly ReviewAction[]>> = {
  sales: SALES_SIDE,
  sales_manager: [...SALES_SIDE, 'sign_conclusion', 'void'],
  sales_planner: [...SALES_SIDE],
  technical: REVIEWER,
  purchasing: REVIEWER,
  production: REVIEWER,
  quality: REVIEWER,
  finance: REVIEWER,
  // The GM sits in meetings and decides; he never signs a department's part in its name.
  general_manager: ['confirm_meeting', 'gm_decide', 'sign_conclusion', 'void'],
  // Administrators run the system; review evidence must come from the responsible people.
  admin: [],
};

export function roleMay(role: ReviewRole, action: ReviewAction): boolean {
  return PERMISSIONS[role].includes(action);
}

export interface RoleDirectory {
  salesManagers: readonly string[];
  salesPlanners: readonly string[];
  /** Registered deputies: userId may act for department. */
  deputies: readonly { userId: string; department: Department }[];
}

export interface ActorClaim {
  userId: string;
  department: Department;
  deputyFor?: Department;
}

/** Roles an actor holds: their department, titles from the directory, and a registered deputyship. */
export function rolesOf(actor: ActorClaim, directory: RoleDirectory): ReviewRole[] {
  const roles = new Set<ReviewRole>([actor.department]);
  if (directory.salesManagers.includes(actor.userId)) roles.add('sales_manager');
  if (directory.salesPlanners.includes(actor.userId)) roles.add('sales_planner');
  const deputy = actingDepartmentAsDeputy(actor, directory);
  if (deputy !== null) roles.add(deputy);
  return [...roles];
}

/** The department the actor stands in for, if the deputyship is registered; null otherwise. */
export function actingDepartmentAsDeputy(actor: ActorClaim, directory: RoleDirectory): Department | null {
  if (actor.deputyFor === undefined) return null;
  const registered = directory.deputies.some(
    (d) => d.userId === actor.userId && d.department === actor.deputyFor,
  );
  return registered ? actor.deputyFor : null;
}

export function actorMay(actor: ActorClaim, directory: RoleDirectory, action: ReviewAction): boolean {
  return rolesOf(actor, directory).some((r) => roleMay(r, action));
}
