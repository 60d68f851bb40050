// The signed-in user's inbox: review requests, re-reviews after amendments, deadline reminders.
import { z } from 'zod';
import { currentUser } from '../../auth/authenticate.js';
import { listNotifications, markNotificationsRead } from '../../contracts/notifications.js';
import { identifier } from '../../shared/values.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';

const tags = ['notifications'];

const notificationSchema = z
  .object({
    id: z.string(),
    contractId: z.string().nullable(),
    kind: z.string(),
    message: z.object({ zh: z.string(), en: z.string() }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

export const notificationsRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: '我的通知 / My notifications',
        querystring: z.object({
          unread: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({ items: z.array(notificationSchema), unread: z.number().int() }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) =>
      listNotifications(ctx.store.db, currentUser(request).id, {
        unreadOnly: request.query.unread === 'true',
        limit: request.query.limit,
      }),
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags,
        summary: '标为已读（不给 ids 则全部）/ Mark read (all when ids is omitted)',
        body: z.object({ ids: z.array(identifier()).max(1000).optional() }),
        response: { 200: z.object({ updated: z.number().int() }), ...problemResponses(400, 401) },
      },
    },
    async (request) => ({
      updated: await markNotificationsRead(
        ctx.store.db,
        currentUser(request).id,
        ctx.clock().toISOString(),
        request.body.ids,
      ),
    }),
  );
};
