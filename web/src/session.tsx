// Who is signed in. On start the application asks the server (GET /api/auth/me); any 401 later
// sends the user back to the sign-in page, which then says the session has expired.
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { ApiError, api, setUnauthenticatedHandler } from './api/client';
import type { User } from './api/types';
import { SESSION_URL, startPageReady, takePrefetched } from './prefetch';

interface Session {
  /** undefined while the first check runs, null when nobody is signed in. */
  user: User | null | undefined;
  /** True when the server ended a session that was in use (timeout, revoked), until the next sign-in. */
  expired: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const signedIn = useRef(false);
  signedIn.current = !!user;

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      // A 401 while nobody is signed in is the start-up check, not an expiry.
      if (signedIn.current) setExpired(true);
      setUser(null);
    });
    const me = takePrefetched<{ user: User }>(SESSION_URL) ?? api.get<{ user: User }>(SESSION_URL);
    // Both were started together before the first render; waiting for the page's code here costs
    // nothing extra and spares a suspended first render (see pages.ts).
    Promise.all([me, startPageReady()])
      .then(([r]) => setUser(r.user))
      .catch((err: unknown) => {
        if (!(err instanceof ApiError) || err.status !== 401) console.error(err);
        setUser(null);
      });
    return () => setUnauthenticatedHandler(undefined);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api.post<{ user: User }>('/api/auth/login', { username, password });
    setExpired(false);
    setUser(r.user);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, expired, login, logout }), [user, expired, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
