// Decides what to show: the sign-in page, or the layout with the page of the current path.
// Pages load on demand so the workbench paints without the dashboard's chart library.
import { Button, Result, Spin } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { useI18n } from './i18n/i18n';
import { AppLayout } from './layout/AppLayout';
import { canSee, entryOfPath, type PageId } from './navigation';
import { LoginPage } from './pages/login/LoginPage';
import { caseIdOfPath } from './pages/review/route';
import WorkbenchPage from './pages/workbench/WorkbenchPage';
import { useRouter } from './router';
import { useSession } from './session';

const PAGES: Record<PageId, React.ComponentType> = {
  // The landing page ships with the main bundle: one round trip less before the first paint.
  workbench: WorkbenchPage,
  intake: lazy(() => import('./pages/intake/IntakePage')),
  ledger: lazy(() => import('./pages/ledger/LedgerPage')),
  customers: lazy(() => import('./pages/customers/CustomersPage')),
  catalogue: lazy(() => import('./pages/catalogue/CataloguePage')),
  rules: lazy(() => import('./pages/rules/RulesPage')),
  dashboard: lazy(() => import('./pages/dashboard/DashboardPage')),
  feedback: lazy(() => import('./pages/feedback/FeedbackPage')),
  capability: lazy(() => import('./pages/capability/CapabilityPage')),
};

const ContractCasePage = lazy(() => import('./pages/review/ContractCasePage'));

const PAGE_TITLES: Record<PageId, Parameters<ReturnType<typeof useI18n>['t']>[0]> = {
  workbench: 'nav.workbench',
  intake: 'nav.intake',
  ledger: 'nav.ledger',
  customers: 'nav.customers',
  catalogue: 'nav.catalogue',
  rules: 'nav.rules',
  dashboard: 'nav.dashboard',
  feedback: 'nav.feedback',
  capability: 'nav.capability',
};

export function App() {
  const { user } = useSession();
  const { path, navigate } = useRouter();
  const { t } = useI18n();
  const entry = entryOfPath(path);

  useEffect(() => {
    const title = entry ? t(PAGE_TITLES[entry.id]) : path === '/login' ? t('login.title') : '';
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [entry, path, t]);

  useEffect(() => {
    if (user && path === '/login') navigate('/');
  }, [user, path, navigate]);

  if (user === undefined) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <Spin aria-label={t('common.loading')} />
      </div>
    );
  }
  if (user === null) {
    return (
      <LoginPage onSignedIn={() => navigate(path === '/login' ? '/' : `${path}${window.location.search}`)} />
    );
  }
  if (path === '/login') return null; // the effect above moves on to the workbench

  let content: React.ReactNode;
  const caseId = caseIdOfPath(path);
  if (caseId) {
    // Every department opens cases (links from the workbench and the ledger); the server decides what each may do.
    content = <ContractCasePage id={caseId} />;
  } else if (!entry) {
    content = (
      <Result
        status="404"
        title={t('notFound.title')}
        extra={<Button onClick={() => navigate('/')}>{t('notFound.back')}</Button>}
      />
    );
  } else if (!canSee(entry, user.department, user.deputyFor)) {
    content = (
      <Result
        status="403"
        title={t('forbidden.title')}
        extra={<Button onClick={() => navigate('/')}>{t('notFound.back')}</Button>}
      />
    );
  } else {
    const Page = PAGES[entry.id];
    content = <Page />;
  }
  return (
    <AppLayout>
      <Suspense fallback={<Spin aria-label={t('common.loading')} />}>{content}</Suspense>
    </AppLayout>
  );
}
