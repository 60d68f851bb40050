// The address (URL search parameters) of a server-paged list, read without React: the list hook
// (hooks/usePaged.ts) and the early first-page request (prefetch.ts) must build the very same
// API URL from it, or the early answer is never used.
import { query } from './api/client';

export type ListValues = Record<string, string | undefined>;

/** A positive whole number from the address, or the default (a hand-edited ?page=x is ignored). */
function positive(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/** The list's parameters as the address holds them, in `names` order (the API URL depends on it). */
export function addressValues(search: URLSearchParams, names: readonly string[]): ListValues {
  const out: ListValues = {};
  for (const name of names) {
    const v = search.get(name);
    if (v) out[name] = v;
  }
  return out;
}

/** The page and page size the address asks for. */
export function addressPage(search: URLSearchParams, defaultPageSize: number) {
  return {
    page: positive(search.get('page'), 1),
    pageSize: Math.min(positive(search.get('pageSize'), defaultPageSize), 500),
  };
}

/** The API request for one page; the prefetch of a list page builds the same string. */
export function pagedApiUrl(url: string, values: ListValues, q: string, page: number, pageSize: number) {
  return `${url}${query({ ...values, q, page, pageSize })}`;
}
