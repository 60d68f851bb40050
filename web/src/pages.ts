// The code of each page, loaded on demand. One loader per page so the shell can start a chunk's
// download early (prefetch.ts); once loaded, `loaded` holds the component so App can render it
// without suspending (a Suspense fallback, once shown, holds the page back for React's 300 ms
// fallback throttle even when the code is already there).
import type { ComponentType } from 'react';
import type { PageId } from './navigation';

export interface PageLoader<P = object> {
  (): Promise<{ default: ComponentType<P> }>;
  loaded?: ComponentType<P>;
}

function once<P>(load: () => Promise<{ default: ComponentType<P> }>): PageLoader<P> {
  let p: Promise<{ default: ComponentType<P> }> | undefined;
  const loader: PageLoader<P> = () => {
    p ??= load().then(
      (m) => {
        loader.loaded = m.default;
        return m;
      },
      (err: unknown) => {
        p = undefined; // a failed download (e.g. offline) is retried on the next visit
        throw err;
      },
    );
    return p;
  };
  return loader;
}

/** The workbench ships in the main bundle (see App.tsx), so it has no loader. */
export const PAGE_LOADERS: Record<Exclude<PageId, 'workbench'>, PageLoader> = {
  intake: once(() => import('./pages/intake/IntakePage')),
  intakeHistory: once(() => import('./pages/intake-history/IntakeHistoryPage')),
  ledger: once(() => import('./pages/ledger/LedgerPage')),
  customers: once(() => import('./pages/customers/CustomersPage')),
  csrEvaluation: once(() => import('./pages/csr-evaluation/CsrEvaluationPage')),
  catalogue: once(() => import('./pages/catalogue/CataloguePage')),
  rules: once(() => import('./pages/rules/RulesPage')),
  dashboard: once(() => import('./pages/dashboard/DashboardPage')),
  feedback: once(() => import('./pages/feedback/FeedbackPage')),
  capability: once(() => import('./pages/capability/CapabilityPage')),
  laws: once(() => import('./pages/laws/LawsPage')),
  audit: once(() => import('./pages/audit/AuditPage')),
  plans: once(() => import('./pages/planning/PlansPage')),
  settings: once(() => import('./pages/settings/SettingsPage')),
  users: once(() => import('./pages/users/UsersPage')),
};

export const loadCasePage = once<{ id: string }>(() => import('./pages/review/ContractCasePage'));
