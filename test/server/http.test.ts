import { describe, expect, inject, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import type { DatabaseConfig } from '../../src/config/config.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeTarget, openStore } from '../../src/store/connect.js';
import { createPostgresDatabase, createSqliteFile, describeEachDatabase } from '../support/databases.js';
import { appFor, login } from './helpers.js';

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
  status: number,
  code: string,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = res.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: `/api/errors#${code.toLowerCase()}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(typeof body.instance).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
  return body;
}

describeEachDatabase('HTTP basics', (t) => {
  it('answers liveness and readiness when the schema is current', async () => {
    const app = await appFor(t.store());
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: t.dialect });
    await app.close();
  });

  it('publishes an OpenAPI 3 document listing the routes, and the docs UI', async () => {
    const app = await appFor(t.store());
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/health',
      '/api/ready',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/users',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(Object.keys(doc.paths['/api/auth/login']!)).toContain('post');
    // the documentation itself is not listed as an API route
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/api/docs'))).toBe(false);
    const login = doc.paths['/api/auth/login']!.post as {
      requestBody: { content: Record<string, { schema: { required: string[] } }> };
    };
    expect(login.requestBody.content['application/json']!.schema.required).toEqual(['username', 'password']);
    const ui = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    await app.close();
  });

  it('answers an unknown route with a 404 problem once signed in, and 401 before', async () => {
    const app = await appFor(t.store());
    const anonymous = await app.inject({ method: 'GET', url: '/api/no-such-thing?x=1' });
    expectProblem(anonymous, 401, 'UNAUTHENTICATED');
    await createUser(
      t.store().db,
      { username: 'http.404', password: 'http-404-pass', department: 'quality' },
      SYSTEM_ACTORS.cli,
    );
    const cookie = await login(app, 'http.404', 'http-404-pass');
    const res = await app.inject({ method: 'GET', url: '/api/no-such-thing?x=1', headers: { cookie } });
    const body = expectProblem(res, 404, 'NOT_FOUND');
    expect(body.instance).toBe('/api/no-such-thing');
    await app.close();
  });

  it('lists each invalid field of a request with its path', async () => {
    const app = await appFor(t.store());
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '', password: 5 },
    });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    const errors = body.errors as { in: string; path: string }[];
    expect(errors.map((e) => e.path).sort()).toEqual(['/password', '/username']);
    expect(errors.every((e) => e.in === 'body')).toBe(true);
    await app.close();
  });

  it('reports malformed JSON, a wrong content type and an oversized body as problems', async () => {
    const app = await appFor(t.store(), { bodyLimit: 1024 });
    const broken = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a",',
    });
    expectProblem(broken, 400, 'MALFORMED_JSON');
    const xml = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expectProblem(xml, 415, 'UNSUPPORTED_MEDIA_TYPE');
    // form bodies (which a cross-site HTML form can send) are refused outside /parse
    const form = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=a&password=b',
    });
    expectProblem(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const big = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'x'.repeat(4096) },
    });
    expectProblem(big, 413, 'PAYLOAD_TOO_LARGE');
    await app.close();
  });

  it('serves the error catalogue that problem types point to', async () => {
    const app = await appFor(t.store());
    const res = await app.inject({ method: 'GET', url: '/api/errors' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ NOT_FOUND: { status: 404 }, UNAUTHENTICATED: { status: 401 } });
    await app.close();
  });

  it('analyses a message for a signed-in user and refuses without a session', async () => {
    const store = t.store();
    await createUser(
      store.db,
      { username: 'analyst', password: 'numbers-and-words', department: 'sales' },
      SYSTEM_ACTORS.cli,
    );
    const app = await appFor(store);
    const text = '您好，请报价 6061-T6 铝合金支架 500 件，2026年12月15日前交货。';
    expectProblem(
      await app.inject({ method: 'POST', url: '/api/analyze', payload: { text } }),
      401,
      'UNAUTHENTICATED',
    );
    const cookie = await login(app, 'analyst', 'numbers-and-words');
    const res = await app.inject({
      method: 'POST',
      url: '/api/analyze',
      headers: { cookie },
      payload: { text, refDate: '2026-11-20' },
    });
    expect(res.statusCode).toBe(200);
    const result = res.json() as { delivery: { date: string | null } };
    expect(result.delivery.date).toBe('2026-12-15');
    await app.close();
  });
});

describe('Duckling-compatible /parse', () => {
  it('extracts entities from a form-encoded request without a session', async () => {
    const f = createSqliteFile();
    const store = await openStore({ kind: 'sqlite', file: f.file });
    const app = await appFor(store);
    const reftime = String(Date.UTC(2026, 2, 2, 2, 0, 0)); // 2026-03-02 10:00 in Shanghai
    const res = await app.inject({
      method: 'POST',
      url: '/parse',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        locale: 'zh_CN',
        text: '明天下午3点',
        reftime,
        tz: 'Asia/Shanghai',
        dims: '["time"]',
      }).toString(),
    });
    expect(res.statusCode).toBe(200);
    const entities = res.json() as { dim: string; body: string; value: { value: string } }[];
    expect(entities).toHaveLength(1);
    expect(entities[0]!.dim).toBe('time');
    expect(entities[0]!.value.value).toMatch(/^2026-03-03T15:00:00(\.000)?\+08:00$/);
    await app.close();
    await store.close();
    f.remove();
  });
});

/** A database without any table, as on a first installation. */
async function emptyDatabase(
  dialect: 'sqlite' | 'postgres',
): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const f = createSqliteFile();
    return { config: { kind: 'sqlite', file: f.file }, drop: async () => f.remove() };
  }
  const d = await createPostgresDatabase();
  return { config: { kind: 'postgres', url: d.url }, drop: d.drop };
}

describe('readiness of an un-migrated or lost database', () => {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    it.skipIf(dialect === 'postgres' && !inject('pgAvailable'))(
      `[${dialect}] answers 503 naming the pending migration`,
      async () => {
        const target = await emptyDatabase(dialect);
        const store = await openStore(target.config);
        try {
          const app = await appFor(store);
          expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
          const res = await app.inject({ method: 'GET', url: '/api/ready' });
          const body = expectProblem(res, 503, 'MIGRATIONS_PENDING');
          expect(body.detail).toContain('0001-initial');
          expect(body.pendingMigrations).toContain('0001-initial');
          await app.close();
        } finally {
          await store.close();
          await target.drop();
        }
      },
    );
  }
});

// A PostgreSQL server can go away under a running Shixu (SQLite lives in the process and cannot).
describe.skipIf(!inject('pgAvailable'))(
  '[postgres] readiness when the database is dropped under the server',
  () => {
    it('answers 503 DATABASE_UNAVAILABLE naming the target while liveness stays 200', async () => {
      const target = await emptyDatabase('postgres');
      const store = await openStore(target.config);
      const app = await appFor(store);
      try {
        await target.drop();
        expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
        const body = expectProblem(
          await app.inject({ method: 'GET', url: '/api/ready' }),
          503,
          'DATABASE_UNAVAILABLE',
        );
        expect(body.detail).toContain(describeTarget(target.config));
      } finally {
        await app.close();
        await store.close().catch(() => {});
      }
    });
  },
);
