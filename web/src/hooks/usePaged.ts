// A server-paged list ({items, total}) whose state — page, page size, keyword (q), sort column and
// direction and the list's own filters — is a set of URL search parameters. On a page they are the
// address itself, so a reload, Back and a shared link show exactly the same rows: every change is a
// navigation (pushState) and the rows are asked for again whenever the address changes; parameters the
// list does not own (an open drawer's ?customer=…) are kept as they are. A list inside a drawer keeps
// the same parameters in memory instead (`inAddress: false`), leaving the page's address alone.
import type { SortOrder as AntSortOrder } from 'antd/es/table/interface';
import { useEffect, useState } from 'react';
import { addressPage, addressValues, pagedApiUrl } from '../address-list';
import { api } from '../api/client';
import type { Paged } from '../api/types';
import { takePrefetched } from '../prefetch';
import { useRouter } from '../router';

export interface PagedOptions {
  /** Filter parameters the list sends to the server as they are (besides q, page, sort …). */
  filters?: readonly string[];
  /** Parameters always sent and never shown in the address (a drawer's customer, "only mine"). */
  fixed?: Record<string, string | undefined>;
  pageSize?: number;
  /** The server's order when no column is chosen, shown as the sorted column. */
  defaultSort?: { key: string; order: 'asc' | 'desc' };
  /** False: the state lives in the component (a list inside a drawer), not in the address. */
  inAddress?: boolean;
}

/**
 * The list's parameters and a way to change them: the address (each change a navigation), or the
 * component's memory. Exported for tabs whose state is not a server-paged list (a chart's period).
 */
export function useListParams(inAddress = true) {
  const router = useRouter();
  const [own, setOwn] = useState(() => new URLSearchParams());
  const search = inAddress ? router.search : own;
  /** Sets parameters (undefined or '' removes one). */
  const set = (
    changes: Record<string, string | number | undefined>,
    keep?: (next: URLSearchParams) => void,
  ) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    keep?.(next);
    if (!inAddress) {
      setOwn(next);
      return;
    }
    const s = next.toString();
    router.navigate(`${router.path}${s ? `?${s}` : ''}`);
  };
  return { search, set };
}

export function usePaged<T>(url: string, options: PagedOptions = {}) {
  const inAddress = options.inAddress ?? true;
  const { search, set } = useListParams(inAddress);
  // Fixed parameters another part of the page keeps (a filter form of its own) take a list in memory
  // back to page 1 when they change: page 7 of the old result may not exist any more. (In the address
  // every change is a navigation of this hook's, which does that itself.)
  const fixedKey = JSON.stringify(options.fixed ?? {});
  const [seenFixed, setSeenFixed] = useState(fixedKey);
  if (seenFixed !== fixedKey) {
    setSeenFixed(fixedKey);
    if (!inAddress && search.has('page')) set({ page: undefined });
  }
  const defaultPageSize = options.pageSize ?? 20;
  const names = [...(options.filters ?? []), 'sort', 'order'];
  const values = addressValues(search, names);
  const q = search.get('q') ?? '';
  const { page, pageSize } = addressPage(search, defaultPageSize);
  // The fixed parameters come first and only when there are any: the ledger's early request
  // (prefetch.ts) builds the same string without them.
  const full = pagedApiUrl(url, { ...options.fixed, ...values }, q, page, pageSize);

  const [data, setData] = useState<Paged<T>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads forces a refetch
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    (takePrefetched<Paged<T>>(full) ?? api.get<Paged<T>>(full))
      .then((r) => {
        if (live) setData({ items: r.items ?? [], total: r.total ?? 0 });
      })
      .catch((err: unknown) => {
        if (live) {
          setError(err);
          setData({ items: [], total: 0 });
        }
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [full, reloads]);

  /**
   * Sets parameters and goes there. Anything but a page change goes back to page 1: page 7 of the
   * old result may not exist any more.
   */
  const go = (changes: Record<string, string | number | undefined>) =>
    set(changes, (next) => {
      if (!('page' in changes)) next.delete('page');
      if (next.get('page') === '1') next.delete('page');
      if (next.get('pageSize') === String(defaultPageSize)) next.delete('pageSize');
    });

  const sortKey = values.sort ?? options.defaultSort?.key;
  const sortDirection = values.sort ? (values.order ?? 'asc') : options.defaultSort?.order;

  return {
    ...data,
    q,
    page,
    pageSize,
    loading,
    error,
    values,
    search: (term: string) => go({ q: term.trim() }),
    /** Sets one filter (or any other parameter of the list, e.g. a switch the page reads itself). */
    setFilter: (name: string, value: string | undefined) => go({ [name]: value }),
    /** Clears the filters and keyword, keeping the sort. */
    clearFilters: () => go(Object.fromEntries([...(options.filters ?? []), 'q'].map((n) => [n, undefined]))),
    reload: () => setReloads((n) => n + 1),
    onPageChange: (p: number, size: number) =>
      go({ page: size === pageSize ? p : 1, pageSize: size === defaultPageSize ? undefined : size }),
    /** Column props making `key` a server-sorted column showing the address's sort. */
    sortable: (key: string) => ({
      key,
      sorter: true,
      sortDirections: ['ascend', 'descend'] as AntSortOrder[],
      sortOrder: (sortKey === key ? (sortDirection === 'desc' ? 'descend' : 'ascend') : null) as AntSortOrder,
    }),
    /** The table's onChange: a click on a sortable header puts the sort in the address. */
    onTableChange: (_p: unknown, _f: unknown, sorter: unknown, extra: { action: string }) => {
      if (extra.action !== 'sort' || Array.isArray(sorter)) return;
      const { columnKey, order } = sorter as { columnKey?: unknown; order?: AntSortOrder };
      go(
        order && typeof columnKey === 'string'
          ? { sort: columnKey, order: order === 'ascend' ? 'asc' : 'desc' }
          : { sort: undefined, order: undefined },
      );
    },
    /** Sets or removes a parameter the list does not own (a drawer), without leaving the page. */
    setParam: (name: string, value: string | undefined) => go({ [name]: value, page }),
  };
}

export type PagedList<T> = ReturnType<typeof usePaged<T>>;
