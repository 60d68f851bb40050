// Loads one contract case and submits workflow steps with the version last read, so a step taken
// on a stale page is refused (409) instead of overwriting someone else's work; the page then shows
// the server's message and reloads what is current.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { todosChanged } from '../../todos/todos';
import type { ContractCase } from './types';

export function useContractCase(id: string) {
  const [data, setData] = useState<ContractCase | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [reloadedAfterConflict, setReloadedAfterConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const current = useRef<ContractCase | null>(null);
  current.current = data;

  const url = `/api/contracts/${encodeURIComponent(id)}`;

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setData(await api.get<ContractCase>(url));
    } catch (err) {
      setLoadError(err);
    }
  }, [url]);

  useEffect(() => {
    setData(null);
    void load();
  }, [load]);

  const act = useCallback(
    async (step: string, body: Record<string, unknown>): Promise<boolean> => {
      setBusy(true);
      setActionError(null);
      setReloadedAfterConflict(false);
      try {
        const next = await api.post<ContractCase>(`${url}/${step}`, {
          ...body,
          expectedVersion: current.current?.version,
        });
        setData(next);
        // A step taken ends someone's to-do and may start another's: the bell and lists reload.
        todosChanged();
        return true;
      } catch (err) {
        setActionError(err);
        if (err instanceof ApiError && err.status === 409) {
          await load();
          setReloadedAfterConflict(true);
        }
        return false;
      } finally {
        setBusy(false);
      }
    },
    [url, load],
  );

  return { data, loadError, actionError, reloadedAfterConflict, busy, load, act };
}
