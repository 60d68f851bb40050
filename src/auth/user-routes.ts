// Account administration over HTTP (the CLI `shixu user` does the same from the shell): the users
// and roles page lists, creates, edits, deactivates and reactivates accounts and resets passwords.
// Every route here is the administrator's alone (permissions.ts); the rules on what an account may
// become (no deputy of admin, no administrator deputising, the last administrator kept) live in
// user-repository.ts, so the CLI obeys them too.
import { z } from 'zod';
import type { RouteModule } from '../server/context.js';
import { problemResponses } from '../server/problem.js';
import { pageQuery } from '../server/routes/catalog.js';
import { sortQuery } from '../server/routes/sorting.js';
import { requiredText, text } from '../shared/values.js';
import { publicUser, userSchema } from './auth-routes.js';
import { currentUser } from './authenticate.js';
import { MIN_PASSWORD_LENGTH } from './password-policy.js';
import { DEPARTMENTS } from './roles.js';
import {
  createUser,
  deactivateUser,
  listUsersPage,
  reactivateUser,
  setPassword,
  USER_SORTS,
  updateUser,
} from './user-repository.js';

const email = text(200)
  .transform((s) => s.trim())
  .nullable()
  .optional()
  .describe('通知邮件地址；空 = 只在站内通知 / where notifications are mailed; empty = inbox only');

const newUserBody = z.object({
  username: requiredText(64).pipe(z.string().min(2)),
  password: text(1024).describe(
    `至少 ${MIN_PASSWORD_LENGTH} 个字符 / at least ${MIN_PASSWORD_LENGTH} characters`,
  ),
  department: z.enum(DEPARTMENTS),
  displayName: text(100)
    .transform((s) => s.trim())
    .optional(),
  deputyFor: z.enum(DEPARTMENTS).nullable().optional(),
  email,
});

const userPatchBody = z.object({
  displayName: text(100).optional().describe('显示名称 / display name'),
  department: z.enum(DEPARTMENTS).optional(),
  deputyFor: z.enum(DEPARTMENTS).nullable().optional().describe('null = 不代理 / no deputyship'),
  email,
});

const passwordResetBody = z.object({
  password: text(1024).describe(`新密码，至少 ${MIN_PASSWORD_LENGTH} 个字符 / the new password`),
});

const listedUserSchema = userSchema
  .extend({
    active: z.boolean(),
    email: z.string().nullable(),
    lastSignInAt: z
      .string()
      .nullable()
      .describe('最近登录时间（审计记录）/ last sign-in, from the audit trail'),
    createdAt: z.string(),
  })
  .meta({ id: 'ListedUser' });

const usernameParams = z.object({ username: z.string().min(1).max(64) });

export const userRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx.store;
  const actorOf = (request: Parameters<typeof currentUser>[0]) => {
    const u = currentUser(request);
    return { id: u.id, department: u.department };
  };

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表（搜索、排序、分页）/ Users, searchable, sortable and paged (admin)',
        querystring: pageQuery.extend({
          active: z
            .enum(['true', 'false'])
            .optional()
            .describe('true：仅在用；false：仅已停用；省略：全部 / filter by state; both when absent'),
          all: z
            .enum(['0', '1'])
            .optional()
            .describe('旧参数：0 = 仅在用 / older parameter: 0 = active users only'),
          ...sortQuery(USER_SORTS, 'username'),
        }),
        response: {
          200: z.object({ items: z.array(listedUserSchema), total: z.number().int() }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { q, page, pageSize, active, all, sort, order } = request.query;
      const state = active ? active === 'true' : all === '0' ? true : undefined;
      const r = await listUsersPage(db, {
        ...(q ? { search: q } : {}),
        ...(state !== undefined ? { active: state } : {}),
        ...(sort ? { sort } : {}),
        ...(order ? { order } : {}),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return {
        items: r.items.map((u) => ({
          ...publicUser(u),
          active: u.active,
          email: u.email,
          lastSignInAt: u.lastSignInAt,
          createdAt: u.createdAt,
        })),
        total: r.total,
      };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '新建用户 / Create a user (admin)',
        body: newUserBody,
        response: { 201: z.object({ user: userSchema }), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const user = await createUser(
        db,
        {
          username: b.username,
          password: b.password,
          department: b.department,
          ...(b.displayName ? { displayName: b.displayName } : {}),
          deputyFor: b.deputyFor ?? null,
          ...(b.email ? { email: b.email } : {}),
        },
        actorOf(request),
      );
      return reply.status(201).send({ user: publicUser(user) });
    },
  );

  app.put(
    '/api/users/:username',
    {
      schema: {
        tags: ['users'],
        summary:
          '修改用户（显示名称、部门、代理、邮箱）/ Edit a user’s name, department, deputyship, e-mail (admin)',
        params: usernameParams,
        body: userPatchBody,
        response: { 200: z.object({ user: userSchema }), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const b = request.body;
      const user = await updateUser(
        db,
        request.params.username,
        {
          ...(b.displayName !== undefined ? { displayName: b.displayName } : {}),
          ...(b.department !== undefined ? { department: b.department } : {}),
          ...(b.deputyFor !== undefined ? { deputyFor: b.deputyFor } : {}),
          ...(b.email !== undefined ? { email: b.email } : {}),
        },
        actorOf(request),
      );
      return { user: publicUser(user) };
    },
  );

  app.post(
    '/api/users/:username/password',
    {
      schema: {
        tags: ['users'],
        summary: '重置用户密码（其会话全部失效）/ Reset a user’s password; their sessions end (admin)',
        params: usernameParams,
        body: passwordResetBody,
        response: {
          200: z.object({ sessionsEnded: z.number().int() }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      setPassword(db, request.params.username, request.body.password, actorOf(request), { reset: true }),
  );

  app.post(
    '/api/users/:username/deactivate',
    {
      schema: {
        tags: ['users'],
        summary: '停用用户 / Deactivate a user (admin)',
        params: usernameParams,
        response: { 200: z.object({ user: userSchema }), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => ({
      user: publicUser(await deactivateUser(db, request.params.username, actorOf(request))),
    }),
  );

  app.post(
    '/api/users/:username/reactivate',
    {
      schema: {
        tags: ['users'],
        summary: '重新启用用户 / Reactivate a user (admin)',
        params: usernameParams,
        response: { 200: z.object({ user: userSchema }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({
      user: publicUser(await reactivateUser(db, request.params.username, actorOf(request))),
    }),
  );
};
