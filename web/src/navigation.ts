// Which departments see which page. The server enforces permissions on every request; this only
// keeps each department's menu to the pages of its daily work.
import type { Department } from './api/types';
import type { MessageKey } from './i18n/messages';

export type PageId =
  | 'workbench'
  | 'intake'
  | 'ledger'
  | 'customers'
  | 'catalogue'
  | 'rules'
  | 'dashboard'
  | 'feedback'
  | 'capability'
  | 'laws'
  | 'settings';

export interface NavEntry {
  id: PageId;
  path: string;
  label: MessageKey;
  departments: readonly Department[] | 'all';
}

export const NAVIGATION: readonly NavEntry[] = [
  { id: 'workbench', path: '/', label: 'nav.workbench', departments: 'all' },
  {
    id: 'intake',
    path: '/intake',
    label: 'nav.intake',
    departments: ['sales', 'technical', 'quality', 'general_manager', 'admin'],
  },
  { id: 'ledger', path: '/ledger', label: 'nav.ledger', departments: 'all' },
  {
    id: 'customers',
    path: '/customers',
    label: 'nav.customers',
    departments: ['sales', 'technical', 'quality', 'finance', 'general_manager', 'admin'],
  },
  { id: 'catalogue', path: '/catalogue', label: 'nav.catalogue', departments: 'all' },
  {
    id: 'rules',
    path: '/rules',
    label: 'nav.rules',
    departments: ['sales', 'technical', 'quality', 'general_manager', 'admin'],
  },
  {
    id: 'dashboard',
    path: '/dashboard',
    label: 'nav.dashboard',
    departments: ['sales', 'quality', 'finance', 'general_manager', 'admin'],
  },
  // Everyone reads; improvement actions are owned (and updated) by any department.
  { id: 'feedback', path: '/feedback', label: 'nav.feedback', departments: 'all' },
  {
    id: 'capability',
    path: '/capability',
    label: 'nav.capability',
    // Quality runs evaluations; findings go to sales, technical and quality; management reads them.
    departments: ['sales', 'technical', 'quality', 'general_manager', 'admin'],
  },
  // Everyone reads the register and confirms it for their department; quality and admin keep it.
  { id: 'laws', path: '/laws', label: 'nav.laws', departments: 'all' },
  // The review policy and the mail outbox: the administrator edits, the GM reads the policy.
  { id: 'settings', path: '/settings', label: 'nav.settings', departments: ['admin', 'general_manager'] },
];

export function canSee(entry: NavEntry, department: Department, deputyFor: Department | null): boolean {
  if (entry.departments === 'all') return true;
  return (
    entry.departments.includes(department) || (deputyFor !== null && entry.departments.includes(deputyFor))
  );
}

/** The navigation entry a path belongs to (the first path segment decides). */
export function entryOfPath(path: string): NavEntry | undefined {
  const first = `/${path.split('/')[1] ?? ''}`;
  return NAVIGATION.find((e) => e.path === first);
}
