// A server-paged list whose whole state lives in the address: page, page size, keyword (q), sort
// column and direction and the list's own filters are URL search parameters, so a reload, Back
// and a shared link show exactly the same rows. Every change is a navigation (pushState); the rows
// are asked for again whenever the address changes. Parameters the list does not own (an open
// drawer's ?customer=…) are kept as they are.
import type { SortOrder as AntSortOrder } from 'antd/es/table/interface';
import { useEffect, useState } from 'react';
import { addressPage, addressValues, pagedApiUrl } from '../address-list';
import { api } from '../api/client';
import type { Paged } from '../api/types';
import { takePrefetched } from '../prefetch';
import { useRouter } from '../router';

export interface AddressListOptions {
  /** Filter parameters the list sends to the server as they are (besides q, page, sort …). */
  filters?: readonly string[];
  pageSize?: number;
  /** The server's order when no column is chosen, shown as the sorted column. */
  defaultSort?: { key: string; order: 'asc' | 'desc' };
}

export function useAddressPaged<T>(url: string, options: AddressListOptions = {}) {
  const { path, search, navigate } = useRouter();
  const defaultPageSize = options.pageSize ?? 20;
  const names = [...(options.filters ?? []), 'sort', 'order'];
  const values = addressValues(search, names);
  const q = search.get('q') ?? '';
  const { page, pageSize } = addressPage(search, defaultPageSize);
  const full = pagedApiUrl(url, values, q, page, pageSize);

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
   * Sets parameters (undefined or '' removes one) and goes there. Anything but a page change goes
   * back to page 1: page 7 of the old result may not exist any more.
   */
  const go = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    if (next.get('page') === '1') next.delete('page');
    if (next.get('pageSize') === String(defaultPageSize)) next.delete('pageSize');
    const s = next.toString();
    navigate(`${path}${s ? `?${s}` : ''}`);
  };

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
