// The password policy wherever a password is set: an administrator creating a user over HTTP, a
// password change, and `shixu user add|passwd` from the shell. Short, common (also with digits
// added), name-bearing, keyboard-run and repeated passwords are refused with a Chinese and English
// reason, and nothing is written; the demo accounts' password passes.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.js';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../src/auth/password-policy.js';
import { createUser, setPassword } from '../../src/auth/user-repository.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/demo-data.js';
import { AppError } from '../../src/shared/errors.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { snapshot } from '../support/snapshot.js';
import { appFor, login } from './helpers.js';

const ROOT = path.resolve('.');
const ENTRY = path.join(ROOT, 'test/support/cli-entry.ts');

/** Passwords a guesser tries first, for the user `li.wei`. */
const WEAK = {
  short: 'Xk9#mQ2v',
  common: 'iloveyou',
  commonWithDigits: 'Password2026!',
  chineseCommon: 'woaini1314',
  name: 'li.wei-2026-spring',
  digitRun: '1234567890',
  keyboardRun: 'qwertyuiop',
  reversedRun: '9876543210',
  repeated: 'aaaaaaaaaaaa',
  repeatedPiece: '12121212121212',
};

describe('password policy', () => {
  it('refuses each kind of guessable password with a reason in Chinese and English', () => {
    for (const [kind, password] of Object.entries(WEAK)) {
      const problem = passwordProblem(password, 'li.wei');
      expect(problem, kind).not.toBeNull();
      expect(problem!.zh, kind).toMatch(/[\u4e00-\u9fff]/);
      expect(problem!.en, kind).toMatch(/password/);
    }
    expect(passwordProblem('Xk9#mQ2v', 'li.wei')?.zh).toContain(`至少需要 ${MIN_PASSWORD_LENGTH} 个字符`);
    expect(passwordProblem('li.wei-2026-spring', 'li.wei')?.zh).toContain('用户名');
    expect(passwordProblem('Password2026!', 'li.wei')?.zh).toContain('常见密码');
  });

  it('accepts long, unusual passwords, and the demo accounts’ password for every demo user', () => {
    for (const good of ['ledger-keeper-26', 'Tiger lily on the 7th floor', '铝型材评审2026春季']) {
      expect(passwordProblem(good, 'li.wei'), good).toBeNull();
    }
    for (const u of DEMO_USERS) expect(passwordProblem(DEMO_PASSWORD, u.username), u.username).toBeNull();
  });
});

describeEachDatabase('password policy where passwords are set', (t) => {
  it('refuses a weak password when an administrator creates a user, naming /password, creating nothing', async () => {
    await createUser(
      t.store().db,
      { username: 'pw.admin', password: 'keeps-the-keys-26', department: 'admin' },
      SYSTEM_ACTORS.cli,
    );
    const app = await appFor(t.store());
    const cookie = await login(app, 'pw.admin', 'keeps-the-keys-26');
    const before = await snapshot(t.store());
    for (const [kind, password] of Object.entries(WEAK)) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie },
        payload: { username: 'li.wei', password, department: 'sales' },
      });
      expect(res.statusCode, kind).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().errors[0].path).toBe('/password');
      expect(res.json().detail).toMatch(/密码不符合要求：.+ \/ The password is not acceptable: .+/);
    }
    expect(await snapshot(t.store())).toEqual(before);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { username: 'li.wei', password: 'Tiger lily on the 7th floor', department: 'sales' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    await app.close();
  });

  it('refuses a weak new password and keeps the old one', async () => {
    await createUser(
      t.store().db,
      { username: 'zhao.min', password: 'first-of-many-26', department: 'quality' },
      SYSTEM_ACTORS.cli,
    );
    const change = setPassword(t.store().db, 'zhao.min', 'zhao.min2026', SYSTEM_ACTORS.cli);
    await expect(change).rejects.toBeInstanceOf(AppError);
    await expect(change).rejects.toThrow(/用户名/);
    const row = await t
      .store()
      .db.selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'zhao.min')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash, 'first-of-many-26')).toBe(true);
  });

  it('applies to `shixu user add` and `shixu user passwd`', () => {
    const env = {
      ...process.env,
      DATABASE_URL:
        t.dialect === 'sqlite'
          ? `sqlite:${(t.config as { file: string }).file}`
          : (t.config as { url: string }).url,
      LOG_LEVEL: 'silent',
    };
    const shixu = (args: string[], input: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
        cwd: ROOT,
        env,
        input,
        encoding: 'utf8',
        timeout: 120_000,
      });
    const weak = shixu(
      ['user', 'add', 'qian.li', '--department', 'finance', '--password-stdin'],
      'qwertyuiop\n',
    );
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toMatch(/密码不符合要求：.*键盘序列.*\/.*run of digits, letters or keys/);
    const added = shixu(
      ['user', 'add', 'qian.li', '--department', 'finance', '--password-stdin'],
      'abacus and ledger\n',
    );
    expect(added.status, added.stderr).toBe(0);
    const common = shixu(['user', 'passwd', 'qian.li', '--password-stdin'], 'sunshine2026\n');
    expect(common.status).not.toBe(0);
    expect(common.stderr).toMatch(/常见密码/);
  }, 300_000);
});
