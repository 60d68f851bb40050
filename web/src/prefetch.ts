// Starts, before React renders, what the page at the current address needs: its code chunk and, for
// list pages, its first API request. Without this the browser waits for the main bundle, then
// /api/auth/me, then the page chunk, then the data — four round trips in a row.
import { addressPage } from './address-list';
import { api } from './api/client';
import { entryOfPath } from './navigation';
import { loadCasePage, PAGE_LOADERS } from './pages';
import { LEDGER_PAGE_SIZE, ledgerApiUrl, ledgerFilters } from './pages/ledger/query';
import { caseIdOfPath } from './pages/review/route';

/** Answers started early, taken once by the page that asked for the same URL. */
const early = new Map<string, { at: number; answer: Promise<unknown> }>();
const FRESH_MS = 10_000;

function prefetch(url: string): void {
  const answer = api.get(url);
  // A signed-out visitor gets 401 here; the page asks again after sign-in (takePrefetched).
  answer.catch(() => undefined);
  early.set(url, { at: Date.now(), answer });
}

/** The early answer for this URL if one is fresh; a failed early request is simply made again. */
export function takePrefetched<T>(url: string): Promise<T> | undefined {
  const hit = early.get(url);
  early.delete(url);
  if (!hit || Date.now() - hit.at > FRESH_MS) return undefined;
  return (hit.answer as Promise<T>).catch(() => api.get<T>(url));
}

/** Who is signed in: asked once at start, alongside the page's own requests (see session.tsx). */
export const SESSION_URL = '/api/auth/me';

let pageCode: Promise<unknown> = Promise.resolve();

/**
 * Settles when the code of the page at the start address is loaded (or failed to load). The session
 * check waits for it, so the first signed-in render finds the page loaded and never suspends.
 */
export function startPageReady(): Promise<void> {
  return pageCode.then(
    () => undefined,
    () => undefined,
  );
}

export function preloadRoute(path: string, search: URLSearchParams): void {
  if (path !== '/login') prefetch(SESSION_URL);
  if (caseIdOfPath(path)) {
    pageCode = loadCasePage();
    return;
  }
  const entry = entryOfPath(path);
  if (!entry || entry.id === 'workbench') return;
  pageCode = PAGE_LOADERS[entry.id]();
  if (entry.id === 'ledger') {
    const { page, pageSize } = addressPage(search, LEDGER_PAGE_SIZE);
    prefetch(ledgerApiUrl(ledgerFilters(search), search.get('q') ?? '', page, pageSize));
  }
}
