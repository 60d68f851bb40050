// Sign-in, sign-out and "who am I".
import { z } from 'zod';
import type { RouteModule } from '../server/context.js';
import { problemResponses } from '../server/problem.js';
import { AppError } from '../shared/errors.js';
import { requiredText, text } from '../shared/values.js';
import { waitInWords } from '../shared/wait-words.js';
import { recordAudit, SYSTEM_ACTORS } from '../store/audit.js';
import { currentUser } from './authenticate.js';
import { verifyAgainstDummy, verifyPassword } from './password.js';
import { MIN_PASSWORD_LENGTH } from './password-policy.js';
import { DEPARTMENT_LABELS, DEPARTMENTS } from './roles.js';
import { createSession, deleteSession, SESSION_COOKIE } from './sessions.js';
import { changeOwnPassword, findUserRowByUsername, toUser, type User } from './user-repository.js';

export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    department: z.enum(DEPARTMENTS),
    departmentLabel: z.object({ zh: z.string(), en: z.string() }),
    deputyFor: z.enum(DEPARTMENTS).nullable(),
  })
  .meta({ id: 'User' });

export function publicUser(u: User): z.output<typeof userSchema> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    department: u.department,
    departmentLabel: DEPARTMENT_LABELS[u.department],
    deputyFor: u.deputyFor,
  };
}

const passwordBody = z.object({
  currentPassword: text(1024).min(1).describe('当前密码 / the current password'),
  newPassword: text(1024).describe(`新密码，至少 ${MIN_PASSWORD_LENGTH} 个字符 / the new password`),
});

const loginBody = z.object({
  username: requiredText(64),
  password: text(1024).min(1),
});

export const authRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx.store;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' } as const;

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录 / Sign in',
        body: loginBody,
        response: {
          200: z.object({ user: userSchema, expiresAt: z.string() }),
          ...problemResponses(400, 401, 429),
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const now = ctx.clock();
      const wait = ctx.loginThrottle.retryAfterSeconds(username, request.ip, now.getTime());
      if (wait > 0) {
        const words = waitInWords(wait);
        throw new AppError(
          'RATE_LIMITED',
          {
            zh: `登录失败次数过多，请 ${words.zh}后再试`,
            en: `too many failed sign-ins; retry in ${words.en}`,
          },
          {
            retryAfterSeconds: wait,
          },
        );
      }
      // Counted before the password is checked, in the same tick as the check above: parallel
      // guesses each take a slot, so a burst cannot slip more than maxFailures past the limit.
      ctx.loginThrottle.recordFailure(username, request.ip, now.getTime());
      const row = await findUserRowByUsername(db, username);
      const ok =
        row && Number(row.active) === 1
          ? await verifyPassword(row.password_hash, password)
          : await verifyAgainstDummy(password);
      if (!row || !ok) {
        if (row) {
          await recordAudit(db, SYSTEM_ACTORS.server, {
            action: 'user.login_failed',
            entityId: row.id,
            after: { ip: request.ip },
          });
        }
        throw new AppError('INVALID_CREDENTIALS');
      }
      ctx.loginThrottle.recordSuccess(username, request.ip);
      const user = toUser(row);
      const session = await createSession(db, user.id, now, ctx.config.sessionHours);
      await recordAudit(
        db,
        { id: user.id, department: user.department },
        { action: 'user.login', entityId: user.id, after: { ip: request.ip } },
      );
      reply.setCookie(SESSION_COOKIE, session.id, { ...cookieOptions, expires: session.expiresAt });
      return { user: publicUser(user), expiresAt: session.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], summary: '退出登录 / Sign out', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const sid = request.cookies[SESSION_COOKIE];
      if (sid) {
        const userId = await deleteSession(db, sid);
        if (userId && request.user) {
          await recordAudit(
            db,
            { id: userId, department: request.user.department },
            { action: 'user.logout', entityId: userId },
          );
        }
      }
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: '当前用户 / Current user',
        response: { 200: z.object({ user: userSchema }), ...problemResponses(401) },
      },
    },
    async (request) => ({ user: publicUser(currentUser(request)) }),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: "修改本人密码 / Change one's own password",
        description:
          '需要当前密码；新密码须符合密码规则。成功后本人的其他会话全部失效，当前会话保留。/ ' +
          'Needs the current password; the new one must meet the policy. Every other session of the user ends; this one stays.',
        body: passwordBody,
        response: {
          200: z.object({ sessionsEnded: z.number().int() }),
          ...problemResponses(400, 401, 429),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const now = ctx.clock().getTime();
      // Guessing the current password from a borrowed session counts against sign-in's limit.
      const wait = ctx.loginThrottle.retryAfterSeconds(user.username, request.ip, now);
      if (wait > 0) {
        const words = waitInWords(wait);
        throw new AppError(
          'RATE_LIMITED',
          {
            zh: `密码错误次数过多，请 ${words.zh}后再试`,
            en: `too many wrong passwords; retry in ${words.en}`,
          },
          { retryAfterSeconds: wait },
        );
      }
      ctx.loginThrottle.recordFailure(user.username, request.ip, now);
      let knewCurrent = true;
      try {
        return await changeOwnPassword(db, user.id, {
          currentPassword: request.body.currentPassword,
          newPassword: request.body.newPassword,
          keepSessionId: request.cookies[SESSION_COOKIE],
        });
      } catch (err) {
        knewCurrent = !(err instanceof AppError && err.details?.errors?.[0]?.path === '/currentPassword');
        throw err;
      } finally {
        // Only a wrong current password stays counted; knowing it clears earlier failures.
        if (knewCurrent) ctx.loginThrottle.recordSuccess(user.username, request.ip);
      }
    },
  );
};
