// Account administration over HTTP (the CLI `shixu user` does the same from the shell).
import { z } from 'zod';
import type { RouteModule } from '../server/context.js';
import { problemResponses } from '../server/problem.js';
import { requiredText, text } from '../shared/values.js';
import { publicUser, userSchema } from './auth-routes.js';
import { currentUser } from './authenticate.js';
import { DEPARTMENTS } from './roles.js';
import { createUser, deactivateUser, listUsers, reactivateUser } from './user-repository.js';

const newUserBody = z.object({
  username: requiredText(64).pipe(z.string().min(2)),
  password: text(1024),
  department: z.enum(DEPARTMENTS),
  displayName: text(100)
    .transform((s) => s.trim())
    .optional(),
  deputyFor: z.enum(DEPARTMENTS).nullable().optional(),
});

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
        summary: '用户列表 / List users (admin)',
        querystring: z.object({ all: z.enum(['0', '1']).optional() }),
        response: {
          200: z.object({ users: z.array(userSchema.extend({ active: z.boolean() })) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => {
      const users = await listUsers(db, { includeInactive: request.query.all === '1' });
      return { users: users.map((u) => ({ ...publicUser(u), active: u.active })) };
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
        },
        actorOf(request),
      );
      return reply.status(201).send({ user: publicUser(user) });
    },
  );

  app.post(
    '/api/users/:username/deactivate',
    {
      schema: {
        tags: ['users'],
        summary: '停用用户 / Deactivate a user (admin)',
        params: z.object({ username: z.string() }),
        response: { 200: z.object({ user: userSchema }), ...problemResponses(401, 403, 404) },
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
        params: z.object({ username: z.string() }),
        response: { 200: z.object({ user: userSchema }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({
      user: publicUser(await reactivateUser(db, request.params.username, actorOf(request))),
    }),
  );
};
