// The sales-inbox poller's status (src/intake/mailbox): whether a mailbox is configured, when it was
// last polled, the last error and how many messages it has taken. Read from the database, so it
// shows the server's poller and `shixu mailbox poll` alike. For the administrator who configures
// the mailbox and the sales department that works it (the general manager passes every check).
import { z } from 'zod';
import { getMailboxStatus } from '../../intake/mailbox/index.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';

const statusSchema = z
  .object({
    configured: z.boolean().describe('是否配置了 SHIXU_IMAP_HOST / whether a mailbox is configured'),
    mailbox: z.string().nullable().describe('user@host:port/folder'),
    pollSeconds: z.number().int().nullable(),
    lastPollAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    lastError: z
      .object({ zh: z.string(), en: z.string() })
      .nullable()
      .describe('上次轮询的错误，成功后为空 / the last poll’s error, null after a successful poll'),
    lastTaken: z.number().int().describe('上次轮询收取的邮件数 / messages taken by the last poll'),
    messagesTaken: z.number().int().describe('累计收取的邮件数 / messages taken in total'),
    lastUid: z.number().int(),
    uidValidity: z.string().nullable(),
  })
  .meta({ id: 'MailboxStatus' });

export const mailboxRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/intake/mailbox',
    {
      schema: {
        tags: ['intake'],
        summary: '销售邮箱收取状态 / Status of the sales-inbox poller (IMAP)',
        response: { 200: statusSchema, ...problemResponses(401, 403) },
      },
    },
    async () => getMailboxStatus(ctx.store.db, ctx.config.imap),
  );
};
