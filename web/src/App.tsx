// Decides what to show: the sign-in page, or the layout with the page of the current path.
// Pages load on demand so the workbench paints without the dashboard's chart library.
import { Button, Result, Spin } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useI18n } from './i18n/i18n';
import { AppLayout } from './layout/AppLayout';
import { canSee, entryOfPath, type PageId } from './navigation';
import { loadCasePage, PAGE_LOADERS, type PageLoader } from './pages';
import { LoginPage } from './pages/login/LoginPage';
import { caseIdOfPath } from './pages/review/route';
import WorkbenchPage from './pages/workbench/WorkbenchPage';
import { useRouter } from './router';
import { useSession } from './session';

const lazyOf = new Map<PageLoader<never>, React.ComponentType<never>>();

/**
 * A page rendered directly when its code is already loaded (the usual case: the shell preloads it,
 * see prefetch.ts) and through React.lazy otherwise. The choice is made once per mount, so a page
 * never remounts when its chunk arrives later; callers key it by page so each page mounts afresh.
 */
function LoadedPage<P extends object>({ loader, props }: { loader: PageLoader<P>; props: P }) {
  const [Loaded] = useState(() => loader.loaded);
  if (Loaded) return <Loaded {...props} />;
  let Lazy = lazyOf.get(loader as PageLoader<never>) as React.ComponentType<P> | undefined;
  if (!Lazy) {
    Lazy = lazy(loader) as unknown as React.ComponentType<P>;
    lazyOf.set(loader as PageLoader<never>, Lazy as React.ComponentType<never>);
  }
  return <Lazy {...props} />;
}

const PAGE_TITLES: Record<PageId, Parameters<ReturnType<typeof useI18n>['t']>[0]> = {
  workbench: 'nav.workbench',
  intake: 'nav.intake',
  intakeHistory: 'nav.intakeHistory',
  ledger: 'nav.ledger',
  customers: 'nav.customers',
  csrEvaluation: 'csrEval.nav',
  catalogue: 'nav.catalogue',
  rules: 'nav.rules',
  dashboard: 'nav.dashboard',
  feedback: 'nav.feedback',
  capability: 'nav.capability',
  laws: 'nav.laws',
  audit: 'nav.audit',
  plans: 'nav.plans',
  settings: 'nav.settings',
  users: 'nav.users',
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
    content = <LoadedPage key="case" loader={loadCasePage} props={{ id: caseId }} />;
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
    // The landing page ships with the main bundle: one round trip less before the first paint.
    content =
      entry.id === 'workbench' ? (
        <WorkbenchPage />
      ) : (
        <LoadedPage key={entry.id} loader={PAGE_LOADERS[entry.id]} props={{}} />
      );
  }
  return (
    <AppLayout>
      <Suspense fallback={<Spin aria-label={t('common.loading')} />}>{content}</Suspense>
    </AppLayout>
  );
}
