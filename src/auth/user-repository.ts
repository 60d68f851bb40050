// Users of Shixu. Every change writes an audit row in the same transaction as the change.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../shared/errors.js';
import { type Actor, recordAudit } from '../store/audit.js';
import type { Database, UserRow } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './password.js';
import { type Department, isDepartment } from './roles.js';
import { hashSessionId } from './session-id.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  department: Department;
  /** A department this user stands in for (e.g. during the head's absence), or null. */
  deputyFor: Department | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewUserInput {
  username: string;
  password: string;
  department: string;
  displayName?: string;
  deputyFor?: string | null;
  /** Where review notifications are mailed; omitted = inbox only. */
  email?: string | null;
}

const USERNAME = /^[A-Za-z0-9._-]{2,64}$/;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    department: row.department as Department,
    deputyFor: row.deputy_for && isDepartment(row.deputy_for) ? row.deputy_for : null,
    active: Number(row.active) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkDepartment(value: string, field: string): Department {
  if (!isDepartment(value)) {
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: `未知部门：${value}`, en: `unknown department: ${value}` },
      {
        errors: [{ in: 'body', path: `/${field}`, message: 'unknown department' }],
      },
    );
  }
  return value;
}

/** The audit record of a user never holds the password hash. */
function auditView(u: User) {
  return {
    username: u.username,
    displayName: u.displayName,
    department: u.department,
    deputyFor: u.deputyFor,
    active: u.active,
  };
}

/**
 * A deputy stands in for a business department. Nobody deputises for the administrator (that
 * would hand out user administration), an administrator deputises for no business department
 * (separation of duties), and a deputy of one's own department means nothing.
 */
function checkDeputyship(department: Department, deputyFor: Department | null): void {
  if (deputyFor === null) return;
  const problem =
    deputyFor === 'admin'
      ? '不能指定系统管理员的代理人 / nobody may deputise for the administrator'
      : department === 'admin'
        ? '系统管理员不能代理业务部门 / an administrator may not deputise for a business department'
        : deputyFor === department
          ? '不能代理本部门 / a user cannot deputise for their own department'
          : null;
  if (problem) {
    throw new AppError('VALIDATION_FAILED', problem, {
      errors: [{ in: 'body', path: '/deputyFor', message: problem }],
    });
  }
}

export async function createUser(db: Kysely<Database>, input: NewUserInput, actor: Actor): Promise<User> {
  const username = input.username.trim();
  if (!USERNAME.test(username)) {
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: '用户名只能包含字母、数字和 . _ -，长度 2–64', en: 'username: 2–64 letters, digits, . _ -' },
      { errors: [{ in: 'body', path: '/username', message: 'invalid username' }] },
    );
  }
  const department = checkDepartment(input.department, 'department');
  const deputyFor = input.deputyFor ? checkDepartment(input.deputyFor, 'deputyFor') : null;
  checkDeputyship(department, deputyFor);
  const email = input.email ? checkEmail(input.email) : null;
  assertAcceptablePassword(input.password, username);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (existing)
      throw new AppError('CONFLICT', {
        zh: `用户名已存在：${username}`,
        en: `username already exists: ${username}`,
      });
    const now = new Date().toISOString();
    const row: UserRow = {
      id: randomUUID(),
      username,
      display_name: input.displayName?.trim() || username,
      password_hash: passwordHash,
      department,
      deputy_for: deputyFor,
      email,
      active: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('users').values(row).execute();
    const user = toUser(row);
    await recordAudit(trx, actor, { action: 'user.created', entityId: user.id, after: auditView(user) });
    return user;
  });
}

/** The stored row including the hash; only sign-in needs it. */
export async function findUserRowByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username.trim()).executeTakeFirst();
}

export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<User | undefined> {
  const row = await findUserRowByUsername(db, username);
  return row ? toUser(row) : undefined;
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function listUsers(
  db: Kysely<Database>,
  opts: { includeInactive?: boolean } = {},
): Promise<User[]> {
  let q = db.selectFrom('users').selectAll();
  if (!opts.includeInactive) q = q.where('active', '=', 1);
  const rows = await q.orderBy('username').execute();
  return rows.map(toUser);
}

async function requireUser(db: Kysely<Database>, username: string): Promise<UserRow> {
  const row = await findUserRowByUsername(db, username);
  if (!row)
    throw new AppError('NOT_FOUND', { zh: `用户不存在：${username}`, en: `no such user: ${username}` });
  return row;
}

/** Sets a new password and ends the user's sessions, so a leaked password stops working at once. */
export async function setPassword(
  db: Kysely<Database>,
  username: string,
  password: string,
  actor: Actor,
): Promise<void> {
  assertAcceptablePassword(password, username);
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (trx) => {
    const row = await requireUser(trx, username);
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: new Date().toISOString() })
      .where('id', '=', row.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
    await recordAudit(trx, actor, { action: 'user.password_changed', entityId: row.id });
  });
}

/** A field of the password-change form and why it was refused. */
function refusedField(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { errors: [{ in: 'body', path, message }] });
}

/**
 * A user changes their own password. The current password proves it is the person and not someone
 * at an unlocked screen; the new one meets the policy. Every other session of the user ends (a
 * session opened with the old password elsewhere stops working), the one in use stays.
 * Returns how many sessions were ended; a wrong current password is audited and refused.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  userId: string,
  input: { currentPassword: string; newPassword: string; keepSessionId: string | undefined },
): Promise<{ sessionsEnded: number }> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row || Number(row.active) !== 1) throw new AppError('UNAUTHENTICATED');
  const actor = { id: row.id, department: toUser(row).department };
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    await recordAudit(db, actor, { action: 'user.password_change_refused', entityId: row.id });
    throw refusedField('/currentPassword', '当前密码不正确 / the current password is wrong');
  }
  if (input.newPassword === input.currentPassword) {
    throw refusedField(
      '/newPassword',
      '新密码不能与当前密码相同 / the new password must differ from the current one',
    );
  }
  try {
    assertAcceptablePassword(input.newPassword, row.username);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const message = String(err.details?.errors?.[0]?.message ?? err.detail);
    throw refusedField('/newPassword', `新密码不符合要求：${message}`);
  }
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: new Date().toISOString() })
      .where('id', '=', row.id)
      .execute();
    let ended = trx.deleteFrom('sessions').where('user_id', '=', row.id);
    if (input.keepSessionId) ended = ended.where('id', '!=', hashSessionId(input.keepSessionId));
    const result = await ended.executeTakeFirst();
    const sessionsEnded = Number(result.numDeletedRows);
    await recordAudit(trx, actor, {
      action: 'user.password_changed',
      entityId: row.id,
      after: { by: 'self', sessionsEnded },
    });
    return { sessionsEnded };
  });
}

/** Users are deactivated, never deleted: the audit trail keeps pointing at them. */
export async function deactivateUser(db: Kysely<Database>, username: string, actor: Actor): Promise<User> {
  return inTransaction(db, async (trx) => {
    const row = await requireUser(trx, username);
    const before = toUser(row);
    if (before.department === 'admin' && before.active) {
      const { n } = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('department', '=', 'admin')
        .where('active', '=', 1)
        .executeTakeFirstOrThrow();
      // Without an active administrator nobody could manage users again from the application.
      if (Number(n) <= 1) {
        throw new AppError('CONFLICT', {
          zh: '不能停用最后一个有效的系统管理员',
          en: 'the last active administrator cannot be deactivated',
        });
      }
    }
    const updatedAt = new Date().toISOString();
    await trx
      .updateTable('users')
      .set({ active: 0, updated_at: updatedAt })
      .where('id', '=', row.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
    const after: User = { ...before, active: false, updatedAt };
    await recordAudit(trx, actor, {
      action: 'user.deactivated',
      entityId: row.id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/** Gives a deactivated account its access back (sessions stay gone: the user signs in again). */
export async function reactivateUser(db: Kysely<Database>, username: string, actor: Actor): Promise<User> {
  return inTransaction(db, async (trx) => {
    const row = await requireUser(trx, username);
    const before = toUser(row);
    if (before.active) return before;
    const updatedAt = new Date().toISOString();
    await trx
      .updateTable('users')
      .set({ active: 1, updated_at: updatedAt })
      .where('id', '=', row.id)
      .execute();
    const after: User = { ...before, active: true, updatedAt };
    await recordAudit(trx, actor, {
      action: 'user.reactivated',
      entityId: row.id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

// Deliberately loose: one @, no spaces, a dot in the domain. The mail server has the last word.
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function checkEmail(value: string): string {
  const email = value.trim();
  if (!EMAIL.test(email)) {
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: `电子邮件地址无效：${value}`, en: `invalid e-mail address: ${value}` },
      {
        errors: [{ in: 'body', path: '/email', message: 'invalid e-mail address' }],
      },
    );
  }
  return email;
}

/** Sets (or with null clears) the address review notifications are mailed to. */
export async function setUserEmail(
  db: Kysely<Database>,
  username: string,
  email: string | null,
  actor: Actor,
): Promise<void> {
  const value = email === null || email.trim() === '' ? null : checkEmail(email);
  await inTransaction(db, async (trx) => {
    const row = await requireUser(trx, username);
    await trx
      .updateTable('users')
      .set({ email: value, updated_at: new Date().toISOString() })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'user.updated',
      entityId: row.id,
      before: { email: row.email },
      after: { email: value },
    });
  });
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
