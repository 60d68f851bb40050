// The sign-in gate against every spelling of every API path. An attacker does not use the path the
// router prints: the router decodes escapes, proxies collapse slashes, clients fold case. Every
// operation in the OpenAPI document is requested in each spelling below without a session, and
// must answer 401 — or, for the explicitly public operations, never anything protected.
import { expect, it } from 'vitest';
import { canonicalPath, isApiPath } from '../../src/auth/request-path.js';
import { createUser } from '../../src/auth/user-repository.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login } from './helpers.js';

/** Operations anyone may call; everything else needs a session. */
const PUBLIC_OPERATIONS = new Set([
  'GET /api/health',
  'GET /api/ready',
  'GET /api/errors',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /parse',
]);

const encodeFirst = (segment: string) =>
  segment.length === 0 ? segment : `%${segment.charCodeAt(0).toString(16)}${segment.slice(1)}`;
const encodeAll = (segment: string) =>
  [...segment].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');

/** Spellings of one path that a lenient router, proxy or client may read as the same path. */
export function spellings(path: string): string[] {
  const segments = path.split('/').slice(1);
  const join = (parts: string[]) => `/${parts.join('/')}`;
  return [
    path,
    join(segments.map(encodeFirst)),
    join(segments.map(encodeAll)),
    path.replace('/api', '/%2561pi'),
    path.replace('/api/', '/api%2F'),
    `/${path}`,
    path.replace('/api/', '/api//'),
    `${path}/`,
    `${path}.`,
    path.replace('/api/', '/api./'),
    path.toUpperCase(),
    path.replace('/api/', '/Api/'),
    path.replace('/api/', '/api;x=1/'),
    path.replace('/api/', '/x/../api/'),
    `${path}?x=/health`,
  ];
}

function concretePath(template: string): string {
  return template.replace(/\{[^}]+\}/g, (name) =>
    name === '{username}' ? 'sales' : '00000000-0000-4000-8000-000000000000',
  );
}

describeEachDatabase('sign-in gate', (t) => {
  it('reads lenient spellings of a path as the router and proxies would', () => {
    expect(canonicalPath('/%61pi/contracts')).toBe('/api/contracts');
    expect(canonicalPath('/%2561pi//Contracts./')).toBe('/api/contracts');
    expect(canonicalPath('/api;jsessionid=1/x/../users?x=1')).toBe('/api/users');
    expect(isApiPath('/apis/x')).toBe(false);
    expect(isApiPath('/%zz/api')).toBe(false);
    expect(isApiPath('/assets/app.js')).toBe(false);
  });

  it('answers 401 to every protected operation in every spelling without a session', async () => {
    const app = await appFor(t.store());
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(operations.length).toBeGreaterThan(60);
    const leaks: string[] = [];
    let tried = 0;
    for (const { method, path } of operations) {
      if (PUBLIC_OPERATIONS.has(`${method} ${path}`)) continue;
      for (const url of spellings(concretePath(path))) {
        tried += 1;
        const res = await app.inject({
          method: method as 'GET',
          url,
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
        });
        if (res.statusCode !== 401) leaks.push(`${method} ${url} → ${res.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(tried).toBeGreaterThan(800);
    await app.close();
  });

  it('keeps the explicitly public operations reachable, and only those', async () => {
    const app = await appFor(t.store());
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const parse = await app.inject({
      method: 'POST',
      url: '/parse',
      payload: { text: '下周三交货五千件', locale: 'zh_CN' },
    });
    expect(parse.statusCode).toBe(200);
    // The web app's fallback serves pages, never the API: a lenient spelling of an API path
    // that no route matches is refused rather than answered with index.html.
    for (const url of ['//api/contracts', '/API/contracts', '/api./contracts']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
    await app.close();
  });

  it('serves a signed-in user under the canonical path only', async () => {
    await createUser(
      t.store().db,
      { username: 'gate.sales', password: 'gate-pass-2026', department: 'sales' },
      SYSTEM_ACTORS.cli,
    );
    const app = await appFor(t.store());
    const cookie = await login(app, 'gate.sales', 'gate-pass-2026');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const fallback = await app.inject({ method: 'GET', url: '//api/contracts', headers: { cookie } });
    expect(fallback.statusCode).toBe(404);
    expect(String(fallback.headers['content-type'])).toMatch(/problem\+json/);
    await app.close();
  });

  it('limits the public /parse: size per request and requests per address', async () => {
    const app = await appFor(t.store());
    const big = await app.inject({
      method: 'POST',
      url: '/parse',
      payload: { text: '五千件'.repeat(4000), locale: 'zh_CN' },
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().errors[0]).toMatchObject({ path: '/text' });
    expect(big.json().errors[0].message).toMatch(/10000/);
    const huge = await app.inject({
      method: 'POST',
      url: '/parse',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(200_000) }),
    });
    expect(huge.statusCode).toBe(413);
    let limited = 0;
    for (let i = 0; i < 130; i += 1) {
      const res = await app.inject({
        method: 'POST',
        url: '/parse',
        remoteAddress: '10.9.9.9',
        payload: { text: '明天', locale: 'zh_CN' },
      });
      if (res.statusCode === 429) {
        limited += 1;
        expect(res.json()).toMatchObject({ code: 'RATE_LIMITED' });
        expect(res.headers['retry-after']).toBeDefined();
      }
    }
    expect(limited).toBeGreaterThan(0);
    const other = await app.inject({
      method: 'POST',
      url: '/parse',
      remoteAddress: '10.9.9.10',
      payload: { text: '明天', locale: 'zh_CN' },
    });
    expect(other.statusCode).toBe(200);
    await app.close();
  });

  it('sends security headers with every answer', async () => {
    const app = await appFor(t.store());
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-frame-options']).toBeDefined();
    await app.close();
  });
});
