// Users of Shixu. Every change writes an audit row in the same transaction as the change.
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../shared/errors.js';
import { type Actor, recordAudit } from '../store/audit.js';
import type { Database, UserRow } from '../store/schema.js';
import { orderBySort, type SortColumn, type SortOrder } from '../store/sort.js';
import { inTransaction } from '../store/transaction.js';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './password.js';
import { DEPARTMENTS, type Department, isDepartment } from './roles.js';
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

/** A user as the administrator's list shows them. */
export interface UserListItem extends User {
  email: string | null;
  /** When the user last signed in (from the audit trail), or null if never. */
  lastSignInAt: string | null;
}

/** Columns the users page sorts by (the API's `sort`). */
export const USER_SORTS = ['username', 'displayName', 'department', 'active', 'lastSignInAt'] as const;
export type UserSort = (typeof USER_SORTS)[number];

const USER_SORT_COLUMNS: Record<UserSort, SortColumn> = {
  username: { column: 'u.username' },
  displayName: { column: 'u.display_name' },
  // In the order the organisation lists its departments, not the alphabet's.
  department: { column: 'u.department', rank: DEPARTMENTS },
  active: { column: 'u.active' },
  lastSignInAt: { column: 'u.last_sign_in_at' },
};

export interface UserListQuery {
  /** Substring of the username, display name or e-mail address. */
  search?: string;
  /** Only active (or only deactivated) users; both when absent. */
  active?: boolean;
  sort?: UserSort;
  order?: SortOrder;
  limit?: number;
  offset?: number;
}

/**
 * One page of users for the administrator. The last sign-in is not kept on the user: it is the
 * latest `user.login` entry of the audit trail (found through its entity index), so it cannot
 * disagree with the trail an auditor reads.
 */
export async function listUsersPage(
  db: Kysely<Database>,
  query: UserListQuery = {},
): Promise<{ items: UserListItem[]; total: number }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const offset = Math.max(query.offset ?? 0, 0);
  // A derived table, so the sort can treat the last sign-in like a column (PostgreSQL does not let
  // ORDER BY expressions name a select alias).
  const withLastSignIn = db
    .selectFrom('users')
    .selectAll('users')
    .select((eb) =>
      eb
        .selectFrom('audit_log')
        .select((a) => a.fn.max('audit_log.at').as('at'))
        .where('audit_log.entity_type', '=', 'user')
        .whereRef('audit_log.entity_id', '=', 'users.id')
        .where('audit_log.action', '=', 'user.login')
        .as('last_sign_in_at'),
    )
    .as('u');
  let base = db.selectFrom(withLastSignIn);
  if (query.active !== undefined) base = base.where('u.active', '=', query.active ? 1 : 0);
  const search = query.search?.trim().toLowerCase();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or(
        (['u.username', 'u.display_name', 'u.email'] as const).map(
          (col) => sql<boolean>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  const rows = await orderBySort(
    base.selectAll(),
    USER_SORT_COLUMNS[query.sort ?? 'username'],
    query.order ?? 'asc',
    'u.id',
  )
    .limit(limit)
    .offset(offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({
      ...toUser(r),
      email: r.email,
      lastSignInAt: r.last_sign_in_at ?? null,
    })),
    total: Number(count.n),
  };
}

export interface UserPatch {
  displayName?: string;
  department?: string;
  /** null removes the deputyship. */
  deputyFor?: string | null;
  /** null or '' removes the address. */
  email?: string | null;
}

/**
 * The administrator changes a user's display name, department, deputyship or e-mail address. The
 * same rules as at creation hold for the result (nobody deputises for the administrator, an
 * administrator deputises for nobody), and the last active administrator keeps that department.
 * A department change takes effect on the user's next request: sessions read the user afresh.
 */
export async function updateUser(
  db: Kysely<Database>,
  username: string,
  patch: UserPatch,
  actor: Actor,
): Promise<User> {
  const department =
    patch.department === undefined ? undefined : checkDepartment(patch.department, 'department');
  const deputyFor =
    patch.deputyFor === undefined
      ? undefined
      : patch.deputyFor
        ? checkDepartment(patch.deputyFor, 'deputyFor')
        : null;
  const email =
    patch.email === undefined
      ? undefined
      : patch.email === null || patch.email.trim() === ''
        ? null
        : checkEmail(patch.email);
  const displayName = patch.displayName?.trim();
  if (displayName !== undefined && displayName === '') {
    throw new AppError('VALIDATION_FAILED', '显示名称不能为空 / the display name must not be empty', {
      errors: [{ in: 'body', path: '/displayName', message: '显示名称不能为空 / must not be empty' }],
    });
  }
  return inTransaction(db, async (trx) => {
    const row = await requireUser(trx, username);
    const before = toUser(row);
    const after: User = {
      ...before,
      ...(displayName !== undefined ? { displayName } : {}),
      ...(department !== undefined ? { department } : {}),
      ...(deputyFor !== undefined ? { deputyFor } : {}),
    };
    checkDeputyship(after.department, after.deputyFor);
    const afterEmail = email === undefined ? row.email : email;
    const changed =
      after.displayName !== before.displayName ||
      after.department !== before.department ||
      after.deputyFor !== before.deputyFor ||
      afterEmail !== row.email;
    if (!changed) return before;
    if (before.department === 'admin' && after.department !== 'admin' && before.active) {
      await refuseLastAdministrator(trx, {
        zh: '不能把最后一个有效的系统管理员改到其他部门',
        en: 'the last active administrator cannot be moved to another department',
      });
    }
    const updatedAt = new Date().toISOString();
    await trx
      .updateTable('users')
      .set({
        display_name: after.displayName,
        department: after.department,
        deputy_for: after.deputyFor,
        email: afterEmail,
        updated_at: updatedAt,
      })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'user.updated',
      entityId: row.id,
      before: { ...auditView(before), email: row.email },
      after: { ...auditView(after), email: afterEmail },
    });
    return { ...after, updatedAt };
  });
}

async function requireUser(db: Kysely<Database>, username: string): Promise<UserRow> {
  const row = await findUserRowByUsername(db, username);
  if (!row)
    throw new AppError('NOT_FOUND', { zh: `用户不存在：${username}`, en: `no such user: ${username}` });
  return row;
}

/**
 * Sets a new password and ends the user's sessions, so a leaked password stops working at once.
 * `reset` marks an administrator's reset of someone else's password (the user forgot it) apart from
 * a change in the audit trail.
 */
export async function setPassword(
  db: Kysely<Database>,
  username: string,
  password: string,
  actor: Actor,
  options: { reset?: boolean } = {},
): Promise<{ sessionsEnded: number }> {
  assertAcceptablePassword(password, username);
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    const row = await requireUser(trx, username);
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: new Date().toISOString() })
      .where('id', '=', row.id)
      .execute();
    const ended = await trx.deleteFrom('sessions').where('user_id', '=', row.id).executeTakeFirst();
    const sessionsEnded = Number(ended.numDeletedRows);
    await recordAudit(
      trx,
      actor,
      options.reset
        ? { action: 'user.password_reset', entityId: row.id, after: { sessionsEnded } }
        : { action: 'user.password_changed', entityId: row.id },
    );
    return { sessionsEnded };
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

/**
 * Refuses a change that would leave no active administrator: without one nobody could manage users
 * again from the application.
 */
async function refuseLastAdministrator(
  trx: Kysely<Database>,
  why: { zh: string; en: string },
): Promise<void> {
  const { n } = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('department', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  if (Number(n) <= 1) throw new AppError('CONFLICT', why);
}

/** Users are deactivated, never deleted: the audit trail keeps pointing at them. */
export async function deactivateUser(db: Kysely<Database>, username: string, actor: Actor): Promise<User> {
  return inTransaction(db, async (trx) => {
    const row = await requireUser(trx, username);
    const before = toUser(row);
    if (before.department === 'admin' && before.active) {
      await refuseLastAdministrator(trx, {
        zh: '不能停用最后一个有效的系统管理员',
        en: 'the last active administrator cannot be deactivated',
      });
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
