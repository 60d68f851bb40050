import { expect, it } from 'vitest';
import { createUser, deactivateUser, setPassword } from '../../src/auth/user-repository.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login, sessionCookieOf } from './helpers.js';

describeEachDatabase('sign-in and roles', (t) => {
  const cli = SYSTEM_ACTORS.cli;
  let n = 0;
  /** A fresh user per test, so tests do not share throttle or session state. */
  async function newUser(department: string, extra: { deputyFor?: string } = {}) {
    n += 1;
    const username = `${department}.${n}`;
    const password = `pass-${n}-${department}`;
    const user = await createUser(t.store().db, { username, password, department, ...extra }, cli);
    return { ...user, password };
  }

  it('signs in with an HttpOnly, SameSite=Lax cookie and stores only the hash of the session id', async () => {
    const u = await newUser('sales');
    const app = await appFor(t.store());
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      user: { username: u.username, department: 'sales', departmentLabel: { zh: '销售部' } },
    });
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    expect(raw).toMatch(/Path=\//);
    expect(raw).not.toMatch(/Secure/i); // plain HTTP on the intranet; set automatically behind HTTPS
    const sid = sessionCookieOf(res.headers['set-cookie']).split('=')[1]!;
    expect(Buffer.from(sid, 'base64url')).toHaveLength(32);
    const rows = await t
      .store()
      .db.selectFrom('sessions')
      .select(['id'])
      .where('user_id', '=', u.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toContain(sid);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `shixu_session=${sid}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: u.id } });
    await app.close();
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const u = await newUser('quality');
    const app = await appFor(t.store());
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: 'not-it-at-all' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody.here', password: 'whatever1' },
    });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(wrong.json().detail).toBe(unknown.json().detail);
    const trail = await auditTrail(t.store().db, { entityId: u.id });
    expect(trail.map((e) => e.action)).toContain('user.login_failed');
    await app.close();
  });

  it('throttles repeated failures for one username and address, then lets the right user in after the window', async () => {
    const u = await newUser('finance');
    let now = new Date('2026-03-02T02:00:00Z');
    const app = await appFor(t.store(), {
      clock: () => now,
      loginThrottle: { maxFailures: 3, windowMs: 60_000 },
    });
    const attempt = (password: string, remoteAddress = '10.0.0.5') =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        payload: { username: u.username, password },
      });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
    const blocked = await attempt(u.password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The wait is said in minutes, as a person reads it (the window here is one minute).
    expect(blocked.json().detail).toContain('请 1 分钟后再试');
    expect(blocked.json().detail).not.toMatch(/\d+ 秒/);
    // another workstation is not blocked by someone else's typos
    expect((await attempt(u.password, '10.0.0.6')).statusCode).toBe(200);
    now = new Date(now.getTime() + 61_000);
    expect((await attempt(u.password)).statusCode).toBe(200);
    await app.close();
  });

  it('requires a session for protected routes and ends it at expiry', async () => {
    const u = await newUser('technical');
    let now = new Date('2026-03-02T02:00:00Z');
    const app = await appFor(t.store(), { clock: () => now });
    const anonymous = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const forged = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: 'shixu_session=forged' },
    });
    expect(forged.statusCode).toBe(401);
    const cookie = await login(app, u.username, u.password);
    const hours = 12; // config default (SHIXU_SESSION_HOURS)
    now = new Date(now.getTime() + hours * 3_600_000 - 1000);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
    now = new Date(now.getTime() + 2000);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
    await app.close();
  });

  it('logs out: the session stops working and the cookie is cleared', async () => {
    const u = await newUser('purchasing');
    const app = await appFor(t.store());
    const cookie = await login(app, u.username, u.password);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/shixu_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
    const actions = (await auditTrail(t.store().db, { entityId: u.id })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.login', 'user.logout']));
    await app.close();
  });

  it('ends sessions when the password changes or the user is deactivated', async () => {
    const a = await newUser('production');
    const b = await newUser('production');
    const app = await appFor(t.store());
    const ca = await login(app, a.username, a.password);
    const cb = await login(app, b.username, b.password);
    await setPassword(t.store().db, a.username, 'a-brand-new-pass', cli);
    await deactivateUser(t.store().db, b.username, cli);
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: ca } })).statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cb } })).statusCode,
    ).toBe(401);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: b.username, password: b.password },
        })
      ).statusCode,
    ).toBe(401);
    await login(app, a.username, 'a-brand-new-pass');
    await app.close();
  });

  it('keeps user administration to administrators: not the general manager, and no deputy of admin', async () => {
    const admin = await newUser('admin');
    const sales = await newUser('sales');
    const gm = await newUser('general_manager');
    const app = await appFor(t.store());
    const list = async (cookie: string) =>
      app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    for (const u of [sales, gm]) {
      const denied = await list(await login(app, u.username, u.password));
      expect(denied.statusCode, u.username).toBe(403);
      expect(denied.json()).toMatchObject({ code: 'FORBIDDEN', requiredDepartments: ['admin'] });
      expect(String(denied.headers['content-type'])).toMatch(/problem\+json/);
    }
    const gmCookie = await login(app, gm.username, gm.password);
    const selfPromotion = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: gmCookie },
      payload: { username: `gm.admin.${n}`, password: 'gm-wants-admin', department: 'admin' },
    });
    expect(selfPromotion.statusCode).toBe(403);
    const adminCookie = await login(app, admin.username, admin.password);
    const ok = await list(adminCookie);
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { items: { username: string }[] }).items.map((x) => x.username)).toContain(
      sales.username,
    );
    for (const [department, deputyFor] of [
      ['production', 'admin'],
      ['admin', 'quality'],
      ['quality', 'quality'],
    ] as const) {
      const refused = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: adminCookie },
        payload: {
          username: `deputy.${department}.${deputyFor}`,
          password: 'deputy-pass-1',
          department,
          deputyFor,
        },
      });
      expect(refused.statusCode, `${department} as deputy of ${deputyFor}`).toBe(400);
      expect(refused.json().errors[0]).toMatchObject({ path: '/deputyFor' });
    }
    const users = await t.store().db.selectFrom('users').select('username').execute();
    expect(
      users.map((u) => u.username).filter((u) => u.startsWith('deputy.') || u.startsWith('gm.admin')),
    ).toEqual([]);
    await app.close();
  });

  it('lets a registered deputy pass a business department check', async () => {
    const deputy = await newUser('technical', { deputyFor: 'quality' });
    const app = await appFor(t.store());
    const cookie = await login(app, deputy.username, deputy.password);
    // Rule editing is for quality (and admin): the deputy of quality may edit rules.
    const rules = await app.inject({ method: 'GET', url: '/api/rules', headers: { cookie } });
    expect(rules.statusCode).toBe(200);
    await app.close();
  });

  it('never deactivates the last active administrator, and reactivates an account', async () => {
    const db = t.store().db;
    const admins = await db
      .selectFrom('users')
      .select('username')
      .where('department', '=', 'admin')
      .execute();
    const only = await newUser('admin');
    for (const a of admins) await deactivateUser(db, a.username, cli);
    const app = await appFor(t.store());
    const cookie = await login(app, only.username, only.password);
    const self = await app.inject({
      method: 'POST',
      url: `/api/users/${only.username}/deactivate`,
      headers: { cookie },
    });
    expect(self.statusCode).toBe(409);
    const other = await newUser('purchasing');
    const off = await app.inject({
      method: 'POST',
      url: `/api/users/${other.username}/deactivate`,
      headers: { cookie },
    });
    expect(off.json()).toMatchObject({ user: { username: other.username } });
    // Only an administrator gives an account back; the general manager is refused and nothing changes.
    const gm = await newUser('general_manager');
    const refused = await app.inject({
      method: 'POST',
      url: `/api/users/${other.username}/reactivate`,
      headers: { cookie: await login(app, gm.username, gm.password) },
    });
    expect(refused.statusCode).toBe(403);
    const still = await db
      .selectFrom('users')
      .select('active')
      .where('username', '=', other.username)
      .executeTakeFirstOrThrow();
    expect(Number(still.active)).toBe(0);
    const on = await app.inject({
      method: 'POST',
      url: `/api/users/${other.username}/reactivate`,
      headers: { cookie },
    });
    expect(on.statusCode).toBe(200);
    await login(app, other.username, other.password);
    const trail = await auditTrail(db, { entityId: other.id });
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.deactivated', 'user.reactivated']),
    );
    await app.close();
  });

  it('lets an administrator create users and answers a duplicate with 409', async () => {
    const admin = await newUser('admin');
    const app = await appFor(t.store());
    const cookie = await login(app, admin.username, admin.password);
    const body = {
      username: `new.${n}`,
      password: 'ledger-keeper-26',
      department: 'finance',
      displayName: '钱会计',
    };
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      user: { username: body.username, displayName: '钱会计', department: 'finance' },
    });
    const again = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload: body });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CONFLICT' });
    const weak = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { ...body, username: 'weak.one', password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe('/password');
    await login(app, body.username, body.password);
    await app.close();
  });
});
