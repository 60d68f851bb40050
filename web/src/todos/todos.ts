// The signed-in user's to-dos (GET /api/todos) and unread notifications (GET /api/notifications),
// loaded by the bell in the top bar and by the workbench. Whatever changes them (a step taken on a
// case, a notice acknowledged) announces it with todosChanged(), and every list reloads.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';

export interface Bilingual {
  zh: string;
  en: string;
}

/** One to-do as src/contracts/todos.ts gives it. */
export interface Todo {
  id: string;
  kind: string;
  contractId: string;
  number: string;
  customer: string;
  stage: string;
  department: string | null;
  trigger: 'initial' | 'negotiation' | 'amendment' | null;
  resign: boolean;
  title: Bilingual;
  href: string;
  since: string;
  deadline: string | null;
  overdue: boolean;
  notificationId: string | null;
  message: Bilingual | null;
}

export interface Notification {
  id: string;
  contractId: string | null;
  kind: string;
  message: Bilingual;
  createdAt: string;
  readAt: string | null;
}

const CHANGED = 'shixu:todos-changed';

/** Tells every to-do list on the page to reload. */
export function todosChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** Marks notifications read (an amendment notice acknowledged) and reloads the lists. */
export async function markRead(ids?: string[]): Promise<void> {
  await api.post('/api/notifications/read', ids ? { ids } : {});
  todosChanged();
}

/** The to-do code the catalogue labels: a re-sign and a repeated review read differently. */
export function todoLabelKey(t: Todo): string {
  if (t.kind === 'confirm_requirements' && t.resign) return 'resign';
  if (t.kind === 'department_review' && t.trigger && t.trigger !== 'initial') return 'department_rereview';
  return t.kind;
}

/** Rows per page of the to-do list (the server pages it; `total` counts every to-do). */
export const TODO_PAGE_SIZE = 50;

export function useTodos(options: { notifications?: boolean; refreshMs?: number; page?: number } = {}) {
  const [todos, setTodos] = useState<{ items: Todo[]; total: number } | null>(null);
  const [notifications, setNotifications] = useState<{ items: Notification[]; unread: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const withNotifications = options.notifications ?? false;

  const load = useCallback(async () => {
    try {
      const [t, n] = await Promise.all([
        api.get<{ items: Todo[]; total: number }>(
          `/api/todos?page=${options.page ?? 1}&pageSize=${TODO_PAGE_SIZE}`,
        ),
        withNotifications
          ? api.get<{ items: Notification[]; unread: number }>('/api/notifications?unread=true&limit=20')
          : Promise.resolve(null),
      ]);
      setTodos(t);
      if (n) setNotifications(n);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [withNotifications, options.page]);

  useEffect(() => {
    void load();
    const reload = () => void load();
    window.addEventListener(CHANGED, reload);
    const timer = options.refreshMs ? window.setInterval(reload, options.refreshMs) : undefined;
    return () => {
      window.removeEventListener(CHANGED, reload);
      if (timer) window.clearInterval(timer);
    };
  }, [load, options.refreshMs]);

  return { todos, notifications, error, load };
}
