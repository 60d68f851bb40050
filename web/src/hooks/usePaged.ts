// Server-side pagination and search for a list endpoint answering {items, total}: the page, page
// size and search term live here and every change asks the server again (tables never hold more
// than one page).
import { useCallback, useEffect, useState } from 'react';
import { api, query } from '../api/client';
import type { Paged } from '../api/types';
import { takePrefetched } from '../prefetch';

export function usePaged<T>(
  url: string,
  extra: Record<string, string | undefined> = {},
  initialQ = '',
  initialPageSize = 20,
) {
  const [q, setQ] = useState(initialQ);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const [data, setData] = useState<Paged<T>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const extraKey = JSON.stringify(extra);
  // Other filters: back to the first page (page 7 of the old result may not exist any more).
  const [seenExtra, setSeenExtra] = useState(extraKey);
  if (seenExtra !== extraKey) {
    setSeenExtra(extraKey);
    setPage(1);
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: extraKey stands for extra; reloads forces a refetch
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    const full = `${url}${query({ ...JSON.parse(extraKey), q, page, pageSize })}`;
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
  }, [url, extraKey, q, page, pageSize, reloads]);

  const search = useCallback((term: string) => {
    setQ(term.trim());
    setPage(1);
  }, []);

  return {
    ...data,
    q,
    page,
    pageSize,
    loading,
    error,
    search,
    reload: () => setReloads((n) => n + 1),
    onPageChange: (p: number, size: number) => {
      setPage(size === pageSize ? p : 1);
      setPageSize(size);
    },
  };
}
