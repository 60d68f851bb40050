// Builds the real application over a test database and signs users in through the real API.
import { loadConfig } from '../../src/config/config.js';
import { type BuildAppOptions, buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/context.js';
import type { Store } from '../../src/store/connect.js';

export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({ SHIXU_DEMO: '0', LOG_LEVEL: 'silent', ...env });
}

export async function appFor(store: Store, extra: Partial<BuildAppOptions> = {}): Promise<App> {
  return buildApp({ config: testConfig(), store, ...extra });
}

/** The `name=value` part of the session cookie set by a response. */
export function sessionCookieOf(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const c = all.find((s) => s.startsWith('shixu_session='));
  if (!c) throw new Error(`no session cookie in ${JSON.stringify(setCookie)}`);
  return c.split(';')[0]!;
}

export async function login(app: App, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return sessionCookieOf(res.headers['set-cookie']);
}
