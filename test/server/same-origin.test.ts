// Cross-site request forgery: a signed-in write must come from the app's own pages (Origin, or
// Referer when a client sends no Origin) or from a configured origin; a forged one is refused with
// 403 and changes nothing. Requests without the session cookie are not affected.
import { beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { snapshot } from '../support/snapshot.js';
import { login, testConfig } from './helpers.js';

describeEachDatabase('same-origin writes', (t) => {
  let app: App;
  let sales: string;
  let admin: string;

  beforeAll(async () => {
    for (const [username, department] of [
      ['origin.sales', 'sales'],
      ['origin.admin', 'admin'],
      ['origin.victim', 'technical'],
    ] as const) {
      await createUser(
        t.store().db,
        { username, password: 'origin-pass-2026', department },
        SYSTEM_ACTORS.cli,
      );
    }
    // Not the shared helper's app: these tests choose every Origin and Referer themselves.
    app = await buildApp({
      config: testConfig({ SHIXU_ALLOWED_ORIGINS: 'https://shixu.example.com, http://10.0.0.5:8080' }),
      store: t.store(),
    });
    sales = await login(app, 'origin.sales', 'origin-pass-2026');
    admin = await login(app, 'origin.admin', 'origin-pass-2026');
    return () => app.close();
  });

  const createCustomer = (headers: Record<string, string>, name = '跨站客户') =>
    app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie: sales, ...headers },
      payload: { name },
    });

  it('refuses a signed-in write with no Origin or Referer, from another site, or from an opaque origin', async () => {
    const before = await snapshot(t.store());
    const forged: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost.evil.example' },
      { origin: 'http://localhost:8081' },
      { referer: 'https://evil.example/page?x=http://localhost/' },
    ];
    for (const headers of forged) {
      const res = await createCustomer(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'CROSS_ORIGIN' });
      expect(res.json().detail).toMatch(/Origin|evil|localhost/);
    }
    // The forged requests of the attack report: an empty text/plain POST deactivating a user, a
    // form POST taking an intake in.
    const deactivate = await app.inject({
      method: 'POST',
      url: '/api/users/origin.victim/deactivate',
      headers: { cookie: admin, origin: 'https://evil.example', 'content-type': 'text/plain' },
      payload: '',
    });
    expect(deactivate.statusCode).toBe(403);
    const form = await app.inject({
      method: 'POST',
      url: '/api/intake',
      headers: {
        cookie: sales,
        referer: 'https://sub.example.com/form.html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'text=%E4%BA%94%E5%8D%83%E4%BB%B6',
    });
    expect(form.statusCode).toBe(403);
    expect(await snapshot(t.store())).toEqual(before);
  });

  it("accepts the app's own origin (Origin, or Referer without Origin) and the configured origins", async () => {
    const own = await createCustomer({ origin: 'http://localhost' }, '本站客户');
    expect(own.statusCode, own.body).toBe(201);
    const byReferer = await createCustomer({ referer: 'http://localhost/customers?page=2' }, '本站客户二');
    expect(byReferer.statusCode, byReferer.body).toBe(201);
    const configured = await createCustomer({ origin: 'https://shixu.example.com' }, '配置来源客户');
    expect(configured.statusCode, configured.body).toBe(201);
    const withPort = await createCustomer({ origin: 'http://10.0.0.5:8080' }, '内网客户');
    expect(withPort.statusCode, withPort.body).toBe(201);
    // Reads are never refused for their origin.
    const read = await app.inject({
      method: 'GET',
      url: '/api/customers',
      headers: { cookie: sales, origin: 'https://evil.example' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('compares with the host the request was sent to, and the scheme a trusted proxy reports', async () => {
    const behindProxy = await buildApp({
      config: testConfig({ SHIXU_TRUST_PROXY: 'true' }),
      store: t.store(),
    });
    try {
      const cookie = await login(behindProxy, 'origin.sales', 'origin-pass-2026');
      const send = (origin: string) =>
        behindProxy.inject({
          method: 'POST',
          url: '/api/customers',
          headers: {
            cookie,
            host: 'shixu.corp.example',
            'x-forwarded-proto': 'https',
            origin,
          },
          payload: { name: `代理客户 ${origin}` },
        });
      expect((await send('https://shixu.corp.example')).statusCode).toBe(201);
      expect((await send('http://shixu.corp.example')).statusCode).toBe(403);
    } finally {
      await behindProxy.close();
    }
  });

  it('leaves requests without the session cookie alone: sign-in, the public /parse, scripts', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://other.example' },
      payload: { username: 'origin.sales', password: 'origin-pass-2026' },
    });
    expect(signIn.statusCode).toBe(200);
    const parse = await app.inject({
      method: 'POST',
      url: '/parse',
      headers: { origin: 'https://other.example' },
      payload: { text: '下周三交货五千件' },
    });
    expect(parse.statusCode).toBe(200);
    const anonymous = await app.inject({ method: 'POST', url: '/api/customers', payload: { name: '匿名' } });
    expect(anonymous.statusCode).toBe(401);
  });
});
