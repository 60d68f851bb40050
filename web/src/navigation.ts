// Which departments see which page: a page is shown to whoever may make the read behind it, as the
// server's permission matrix says (src/auth/permissions.ts, bundled as it is), so the menu and what
// the server allows cannot disagree.
import { type Access, departmentMay, ROUTE_PERMISSIONS, type RouteKey } from '../../src/auth/permissions';
import type { Department } from './api/types';
import type { MessageKey } from './i18n/messages';

export type PageId =
  | 'workbench'
  | 'intake'
  | 'intakeHistory'
  | 'ledger'
  | 'customers'
  | 'csrEvaluation'
  | 'catalogue'
  | 'rules'
  | 'dashboard'
  | 'feedback'
  | 'capability'
  | 'laws'
  | 'audit'
  | 'plans'
  | 'settings'
  | 'users';

export interface NavEntry {
  id: PageId;
  path: string;
  label: MessageKey;
  /** The read the page is built on; whoever may make it sees the page. */
  reads: RouteKey;
  /** Reached from another page rather than the top menu (which must fit one row for every department). */
  menu?: false;
  /** The menu entry highlighted while this page is open. */
  under?: PageId;
}

export const NAVIGATION: readonly NavEntry[] = [
  { id: 'workbench', path: '/', label: 'nav.workbench', reads: 'GET /api/workbench' },
  { id: 'intake', path: '/intake', label: 'nav.intake', reads: 'GET /api/intake' },
  // The same list read, as a page of one's own records with their status and result.
  // Opened from the intake page and the workbench, so the top menu keeps to one row.
  {
    id: 'intakeHistory',
    path: '/intake-history',
    label: 'nav.intakeHistory',
    reads: 'GET /api/intake',
    menu: false,
    under: 'intake',
  },
  { id: 'ledger', path: '/ledger', label: 'nav.ledger', reads: 'GET /api/contracts' },
  { id: 'customers', path: '/customers', label: 'nav.customers', reads: 'GET /api/customers' },
  // The CSR identification and evaluation table, opened from the customers page.
  {
    id: 'csrEvaluation',
    path: '/csr-evaluation',
    label: 'csrEval.nav',
    reads: 'GET /api/csr/evaluations',
    menu: false,
    under: 'customers',
  },
  { id: 'catalogue', path: '/catalogue', label: 'nav.catalogue', reads: 'GET /api/catalog/products' },
  { id: 'rules', path: '/rules', label: 'nav.rules', reads: 'GET /api/rules' },
  { id: 'dashboard', path: '/dashboard', label: 'nav.dashboard', reads: 'GET /api/dashboard' },
  // Everyone reads; improvement actions are owned (and updated) by any department.
  { id: 'feedback', path: '/feedback', label: 'nav.feedback', reads: 'GET /api/feedback' },
  // Quality runs evaluations; findings go to sales, technical and quality; management reads them.
  {
    id: 'capability',
    path: '/capability',
    label: 'nav.capability',
    reads: 'GET /api/capability-evaluations',
  },
  // Everyone reads the register and confirms it for their department; quality and admin keep it.
  { id: 'laws', path: '/laws', label: 'nav.laws', reads: 'GET /api/laws' },
  // The people who answer to auditors: the administrator and quality (permissions.ts AUDIT_READERS).
  // Off the menu (the administrator's would no longer fit one row): linked from the dashboard, which
  // both read, and from the administrator's settings page.
  {
    id: 'audit',
    path: '/audit',
    label: 'nav.audit',
    reads: 'GET /api/audit',
    menu: false,
    under: 'dashboard',
  },
  // Plan items and the requirements to pass on to suppliers: every department owns plan items, so
  // everyone reads them. Opened from the workbench and the dashboard, so the top menu keeps to one row.
  {
    id: 'plans',
    path: '/plans',
    label: 'nav.plans',
    reads: 'GET /api/plan-items',
    menu: false,
    under: 'workbench',
  },
  // The review policy and the mail outbox: the administrator edits, the GM reads the policy.
  { id: 'settings', path: '/settings', label: 'nav.settings', reads: 'GET /api/settings/review-policy' },
  // Accounts are the administrator's alone; opened from the settings page, so the menu keeps one row.
  {
    id: 'users',
    path: '/users',
    label: 'nav.users',
    reads: 'GET /api/users',
    menu: false,
    under: 'settings',
  },
];

export function canSee(entry: NavEntry, department: Department, deputyFor: Department | null): boolean {
  return departmentMay(ROUTE_PERMISSIONS[entry.reads] as Access, department, deputyFor);
}

/** The navigation entry a path belongs to (the first path segment decides). */
export function entryOfPath(path: string): NavEntry | undefined {
  const first = `/${path.split('/')[1] ?? ''}`;
  return NAVIGATION.find((e) => e.path === first);
}
