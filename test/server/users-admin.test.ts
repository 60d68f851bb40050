// The users and roles page's API through the real app on both databases: the administrator lists
// (searched, sorted, paged, with the last sign-in), creates, edits, deactivates, reactivates and
// resets passwords, each audited; the escalation rules of issue 13 hold through the same requests —
// the general manager cannot make himself (or anyone) administrator, a deputy cannot create an
// administrator, nobody deputises for the administrator — and a refusal changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import type { App } from '../../src/server/context.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API under test
type Json = Record<string, any>;

const PASSWORDS = {
  admin: 'Admin-keeps-users-26',
  gm: 'General-manager-26!',
  deputy: 'Stands-in-for-quality-26',
};

describeEachDatabase('users and roles administration', (t) => {
  let app: App;
  let admin = '';
  let gm = '';
  let deputy = '';
  const db = () => t.store().db;

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const stored = (username: string) =>
    db().selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const trailOf = async (username: string) => {
    const row = await stored(username);
    return row ? (await auditTrail(db(), { entityId: row.id })).map((e) => e.action) : [];
  };

  beforeAll(async () => {
    app = await appFor(t.store());
    const cli = SYSTEM_ACTORS.cli;
    await createUser(db(), { username: 'ua.admin', password: PASSWORDS.admin, department: 'admin' }, cli);
    await createUser(
      db(),
      { username: 'ua.gm', password: PASSWORDS.gm, department: 'general_manager', displayName: '王总' },
      cli,
    );
    await createUser(
      db(),
      { username: 'ua.deputy', password: PASSWORDS.deputy, department: 'production', deputyFor: 'quality' },
      cli,
    );
    admin = await login(app, 'ua.admin', PASSWORDS.admin);
    gm = await login(app, 'ua.gm', PASSWORDS.gm);
    deputy = await login(app, 'ua.deputy', PASSWORDS.deputy);
  });
  afterAll(async () => {
    await app.close();
  });

  it('creates a user, refusing a weak password with a Chinese reason on the password field', async () => {
    const body = {
      username: 'ua.li',
      password: 'password123',
      department: 'technical',
      displayName: '李工',
      email: 'li@example.cn',
    };
    const weak = await call(admin, 'POST', '/api/users', body);
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ path: '/password' });
    expect(weak.json().errors[0].message).toContain('常见密码');
    const short = await call(admin, 'POST', '/api/users', { ...body, password: 'Ab3$x' });
    expect(short.json().errors[0].message).toContain('密码至少需要 10 个字符');
    expect(await stored('ua.li')).toBeUndefined();

    const created = await call(admin, 'POST', '/api/users', { ...body, password: 'Lathe-and-mill-2026' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().user).toMatchObject({
      username: 'ua.li',
      displayName: '李工',
      department: 'technical',
    });
    expect(await trailOf('ua.li')).toEqual(['user.created']);
    await login(app, 'ua.li', 'Lathe-and-mill-2026');
  });

  it('lists users with department, deputyship, state and last sign-in; searches, sorts and pages', async () => {
    const res = await call(admin, 'GET', '/api/users?q=ua.&sort=username&order=asc&pageSize=50');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Json[]; total: number };
    expect(body.items.map((u) => u.username)).toEqual(['ua.admin', 'ua.deputy', 'ua.gm', 'ua.li']);
    expect(body.total).toBe(4);
    const li = body.items.find((u) => u.username === 'ua.li')!;
    expect(li).toMatchObject({
      displayName: '李工',
      department: 'technical',
      departmentLabel: { zh: '技术部' },
      deputyFor: null,
      active: true,
      email: 'li@example.cn',
    });
    // Signed in in the test before: the time comes from the audit trail's sign-in entry.
    expect(Date.now() - Date.parse(li.lastSignInAt)).toBeLessThan(120_000);
    expect(body.items.find((u) => u.username === 'ua.deputy')).toMatchObject({ deputyFor: 'quality' });

    const byName = await call(admin, 'GET', '/api/users?q=%E7%8E%8B%E6%80%BB');
    expect(byName.json().items.map((u: Json) => u.username)).toEqual(['ua.gm']);
    const desc = await call(admin, 'GET', '/api/users?q=ua.&sort=department&order=desc&pageSize=2&page=1');
    // Departments in the organisation's order (production … general manager, admin), reversed.
    expect(desc.json().items.map((u: Json) => u.department)).toEqual(['admin', 'general_manager']);
    expect(desc.json().total).toBe(4);
    const page2 = await call(admin, 'GET', '/api/users?q=ua.&sort=department&order=desc&pageSize=2&page=2');
    expect(page2.json().items.map((u: Json) => u.department)).toEqual(['production', 'technical']);
    const badSort = await call(admin, 'GET', '/api/users?sort=password_hash');
    expect(badSort.statusCode).toBe(400);
  });

  it('edits display name, department, deputyship and e-mail, with before and after in the audit trail', async () => {
    const res = await call(admin, 'PUT', '/api/users/ua.li', {
      displayName: '李工程师',
      department: 'quality',
      deputyFor: 'technical',
      email: '',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({
      displayName: '李工程师',
      department: 'quality',
      deputyFor: 'technical',
    });
    const row = await stored('ua.li');
    expect(row).toMatchObject({ department: 'quality', deputy_for: 'technical', email: null });
    const updates = (await auditTrail(db(), { entityId: row!.id })).filter(
      (e) => e.action === 'user.updated',
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]!.before).toMatchObject({
      department: 'technical',
      deputyFor: null,
      email: 'li@example.cn',
    });
    expect(updates[0]!.after).toMatchObject({ department: 'quality', deputyFor: 'technical', email: null });
    // The new department applies to the user's next request: quality may now record complaints.
    const li = await login(app, 'ua.li', 'Lathe-and-mill-2026');
    const me = await call(li, 'GET', '/api/auth/me');
    expect(me.json().user).toMatchObject({ department: 'quality', deputyFor: 'technical' });
    // Saving the same values again changes and audits nothing.
    await call(admin, 'PUT', '/api/users/ua.li', { displayName: '李工程师', department: 'quality' });
    expect((await trailOf('ua.li')).filter((a) => a === 'user.updated')).toHaveLength(1);
  });

  it('refuses deputyships of and by the administrator on edit, naming /deputyFor, and keeps the user', async () => {
    for (const [payload, why] of [
      [{ deputyFor: 'admin' }, 'nobody deputises for the administrator'],
      [{ department: 'admin', deputyFor: 'sales' }, 'an administrator deputises for nobody'],
      [{ deputyFor: 'quality' }, 'not for one’s own department'],
    ] as const) {
      const res = await call(admin, 'PUT', '/api/users/ua.li', payload);
      expect(res.statusCode, why).toBe(400);
      expect(res.json().errors[0], why).toMatchObject({ path: '/deputyFor' });
    }
    expect(await stored('ua.li')).toMatchObject({ department: 'quality', deputy_for: 'technical' });
    const unknown = await call(admin, 'PUT', '/api/users/nobody.here', { displayName: 'x' });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses the general manager every account change, his own promotion included, and changes nothing', async () => {
    const before = await db().selectFrom('users').selectAll().orderBy('id').execute();
    const auditRows = async () =>
      Number(
        (
          await db()
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const auditBefore = await auditRows();
    for (const [method, url, payload] of [
      ['PUT', '/api/users/ua.gm', { department: 'admin' }],
      ['POST', '/api/users', { username: 'ua.gm2', password: 'Second-general-26', department: 'admin' }],
      ['POST', '/api/users/ua.admin/deactivate', undefined],
      ['POST', '/api/users/ua.admin/password', { password: 'Taken-over-admin-26' }],
      ['POST', '/api/users/ua.li/reactivate', undefined],
      ['GET', '/api/users', undefined],
    ] as const) {
      const res = await call(gm, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN', requiredDepartments: ['admin'] });
    }
    // A registered deputy (production for quality) passes quality's checks, never the administrator's.
    const byDeputy = await call(deputy, 'POST', '/api/users', {
      username: 'ua.deputy.admin',
      password: 'Deputy-made-admin-26',
      department: 'admin',
    });
    expect(byDeputy.statusCode).toBe(403);
    expect(await db().selectFrom('users').selectAll().orderBy('id').execute()).toEqual(before);
    expect(await auditRows()).toBe(auditBefore);
    await login(app, 'ua.admin', PASSWORDS.admin);
  });

  it('deactivates and reactivates a user, each audited; the deactivated user cannot sign in meanwhile', async () => {
    const li = await login(app, 'ua.li', 'Lathe-and-mill-2026');
    const off = await call(admin, 'POST', '/api/users/ua.li/deactivate');
    expect(off.statusCode).toBe(200);
    expect((await call(li, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ua.li', password: 'Lathe-and-mill-2026' },
    });
    expect(refused.statusCode).toBe(401);
    const inactive = await call(admin, 'GET', '/api/users?active=false&q=ua.');
    expect(inactive.json().items.map((u: Json) => u.username)).toEqual(['ua.li']);
    const on = await call(admin, 'POST', '/api/users/ua.li/reactivate');
    expect(on.statusCode).toBe(200);
    expect((await call(admin, 'GET', '/api/users?active=false&q=ua.')).json().items).toEqual([]);
    await login(app, 'ua.li', 'Lathe-and-mill-2026');
    expect(await trailOf('ua.li')).toEqual(expect.arrayContaining(['user.deactivated', 'user.reactivated']));
  });

  it('resets a password under the policy: old sessions end, the new password signs in, audited as a reset', async () => {
    const li = await login(app, 'ua.li', 'Lathe-and-mill-2026');
    const weak = await call(admin, 'POST', '/api/users/ua.li/password', { password: 'ua.li-2026-pass' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ path: '/password' });
    expect(weak.json().errors[0].message).toContain('密码不能包含用户名');
    const reset = await call(admin, 'POST', '/api/users/ua.li/password', {
      password: 'Fresh-start-for-Li-26',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await call(li, 'GET', '/api/auth/me')).statusCode).toBe(401);
    await login(app, 'ua.li', 'Fresh-start-for-Li-26');
    expect(await trailOf('ua.li')).toContain('user.password_reset');
  });

  it('keeps the last active administrator: not moved to another department, not deactivated', async () => {
    const others = await db()
      .selectFrom('users')
      .select('username')
      .where('department', '=', 'admin')
      .where('username', '!=', 'ua.admin')
      .where('active', '=', 1)
      .execute();
    for (const o of others) await call(admin, 'POST', `/api/users/${o.username}/deactivate`);
    const moved = await call(admin, 'PUT', '/api/users/ua.admin', { department: 'quality' });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().detailMessage.zh).toContain('最后一个有效的系统管理员');
    expect(await stored('ua.admin')).toMatchObject({ department: 'admin' });
    // A second administrator created by the first makes the move possible.
    const second = await call(admin, 'POST', '/api/users', {
      username: 'ua.admin2',
      password: 'Second-keeper-2026',
      department: 'admin',
    });
    expect(second.statusCode).toBe(201);
    const ok = await call(admin, 'PUT', '/api/users/ua.admin', { department: 'quality' });
    expect(ok.statusCode).toBe(200);
  });
});
