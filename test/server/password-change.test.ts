// Changing one's own password: the current password is checked, the policy names what is wrong
// with a new one, the change ends every other session of the user (not the one in use) and is in
// the audit trail.
import { beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login } from './helpers.js';

describeEachDatabase('changing one’s own password', (t) => {
  let app: App;
  beforeAll(async () => {
    app = await appFor(t.store());
    await createUser(
      t.store().db,
      { username: 'pw.sales', password: 'Old-Secret-2026!', department: 'sales' },
      SYSTEM_ACTORS.cli,
    );
    return () => app.close();
  });

  const change = (cookie: string, currentPassword: string, newPassword: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword, newPassword },
    });

  it('refuses a wrong current password with a clear message, and audits it', async () => {
    const cookie = await login(app, 'pw.sales', 'Old-Secret-2026!');
    const res = await change(cookie, 'not-my-password', 'Brand-New-Secret-77');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { in: 'body', path: '/currentPassword', message: '当前密码不正确 / the current password is wrong' },
    ]);
    // Still the old password; the session is still alive (a 400, not a sign-out).
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
    await login(app, 'pw.sales', 'Old-Secret-2026!');
    const refused = await t
      .store()
      .db.selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'user.password_change_refused')
      .execute();
    expect(refused).toHaveLength(1);
  });

  it('names the policy rule a new password breaks', async () => {
    const cookie = await login(app, 'pw.sales', 'Old-Secret-2026!');
    const cases: [string, RegExp][] = [
      ['short1!', /至少需要 10 个字符/],
      ['password123', /常见密码/],
      ['1234567890', /连续的数字/],
      ['my-pw.sales-2026', /不能包含用户名/],
      ['Old-Secret-2026!', /不能与当前密码相同/],
    ];
    for (const [newPassword, why] of cases) {
      const res = await change(cookie, 'Old-Secret-2026!', newPassword);
      expect(res.statusCode, newPassword).toBe(400);
      const [error] = res.json().errors;
      expect(error.path, newPassword).toBe('/newPassword');
      expect(error.message, newPassword).toMatch(why);
    }
    await login(app, 'pw.sales', 'Old-Secret-2026!');
  });

  it('ends every other session, keeps this one, and the new password signs in', async () => {
    const elsewhere = await login(app, 'pw.sales', 'Old-Secret-2026!');
    const here = await login(app, 'pw.sales', 'Old-Secret-2026!');
    const res = await change(here, 'Old-Secret-2026!', 'Brand-New-Secret-77');
    expect(res.statusCode).toBe(200);
    expect(res.json().sessionsEnded).toBeGreaterThanOrEqual(1);
    const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await me(here)).statusCode).toBe(200);
    const old = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'pw.sales', password: 'Old-Secret-2026!' },
    });
    expect(old.statusCode).toBe(401);
    await login(app, 'pw.sales', 'Brand-New-Secret-77');
    const changed = await t
      .store()
      .db.selectFrom('audit_log')
      .select(['actor_id', 'after'])
      .where('action', '=', 'user.password_changed')
      .execute();
    expect(changed).toHaveLength(1);
    expect(JSON.parse(String(changed[0]!.after))).toMatchObject({ by: 'self' });
  });

  it('counts wrong current passwords against the sign-in limit', async () => {
    const cookie = await login(app, 'pw.sales', 'Brand-New-Secret-77');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await change(cookie, `guess-${i}`, 'Another-New-Secret-88')).statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
    // The wait in words a person reads (分钟), not hundreds of seconds.
    const blocked = await change(cookie, 'guess-7', 'Another-New-Secret-88');
    expect(blocked.json().detail).toMatch(/请 \d+ 分钟后再试/);
  });
});
