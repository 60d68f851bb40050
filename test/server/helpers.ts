// Builds the real application over a test database and signs users in through the real API.

import type { InjectOptions } from 'fastify';
import { loadConfig } from '../../src/config/config.js';
import { type BuildAppOptions, buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/context.js';
import type { Store } from '../../src/store/connect.js';

export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({ SHIXU_DEMO: '0', LOG_LEVEL: 'silent', ...env });
}

export async function appFor(store: Store, extra: Partial<BuildAppOptions> = {}): Promise<App> {
  return asBrowser(await buildApp({ config: testConfig(), store, ...extra }));
}

/** The origin inject() addresses (Host: localhost:80), as a browser on the app's own page names it. */
export const APP_ORIGIN = 'http://localhost';

/**
 * The app whose inject() acts like the web app in a browser: a signed-in write names the page's
 * origin, as browsers do on every POST/PUT/PATCH/DELETE. A test that sets Origin or Referer itself
 * (the cross-site tests) keeps what it set.
 */
export function asBrowser(app: App): App {
  const inject = app.inject.bind(app) as (opts: InjectOptions) => ReturnType<App['inject']>;
  const patched = (opts?: InjectOptions | string) => {
    if (opts === undefined || typeof opts === 'string') return (inject as (o?: unknown) => unknown)(opts);
    const headers = Object.fromEntries(
      Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    ) as Record<string, unknown>;
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(String(opts.method ?? 'GET').toUpperCase());
    if (write && headers.cookie && headers.origin === undefined && headers.referer === undefined) {
      return inject({ ...opts, headers: { ...opts.headers, origin: APP_ORIGIN } });
    }
    return inject(opts);
  };
  app.inject = patched as App['inject'];
  return app;
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
