// Run-time settings over HTTP: the review policy (every signed-in user reads it, since it decides
// their deadlines; only an administrator changes it) and the mail outbox an administrator watches
// (mail not sent, with the error, and a retry).

import { z } from 'zod';
import { currentUser } from '../../auth/authenticate.js';
import { rescheduleOpenClocks } from '../../contracts/case-repository.js';
import { listOutbox, retryMail, UNSENT_STATUSES } from '../../contracts/mail-admin.js';
import { loadReviewConfig } from '../../contracts/review-config.js';
import {
  getReviewPolicy,
  routingPolicySchema,
  saveReviewPolicy,
  saveRoutingPolicy,
} from '../../contracts/review-policy.js';
import { ROUTING_TRIGGERS, TRIGGER_LABELS } from '../../review/routing-policy.js';
import { AppError } from '../../shared/errors.js';
import { identifier } from '../../shared/values.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';

const tags = ['settings'];

const policyDoc = z
  .looseObject({
    clock: z
      .any()
      .describe('48 小时反馈时钟 / the feedback clock (budget, reminders, escalations, pause, hours)'),
    meetingQuorum: z.any().describe('评审会法定人数 / meeting quorum'),
    conclusionAuthority: z.any().describe('各类合同结论签署人 / who signs the conclusion per class'),
    financeAlwaysReviews: z.any(),
    routing: z.any().optional().describe('各类合同的评审部门 / the routing table (see ReviewRouting)'),
  })
  .meta({ id: 'ReviewPolicyDocument' });

const storedPolicy = z
  .object({
    policy: policyDoc,
    version: z.number().int().describe('0 = 内置默认 / built-in default; send back as expectedVersion'),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    rescheduledCases: z
      .number()
      .int()
      .optional()
      .describe('按新策略重算时钟的未反馈案件数 / open cases rescheduled'),
  })
  .meta({ id: 'StoredReviewPolicy' });

const putBody = z
  .object({
    expectedVersion: z.number().int().min(0).describe('上次读取的 version / the version last read'),
    policy: z.unknown().describe('完整的评审策略 / the whole policy (see ReviewPolicy)'),
  })
  .meta({ id: 'ReviewPolicyUpdate' });

const outboxEntry = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'sent', 'failed', 'skipped']),
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastError: z.string().nullable(),
    recipient: z.string().nullable(),
    userId: z.string(),
    userName: z.string(),
    userEmail: z.string().nullable(),
    kind: z.string(),
    contractNumber: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'OutboxMail' });

/** The policy's field errors point into the document; in this body it sits under `policy`. */
function inPolicyField(err: unknown): unknown {
  if (!(err instanceof AppError) || !err.details?.errors) return err;
  const errors = err.details.errors.map((e) => ({ ...e, path: `/policy${e.path === '/' ? '' : e.path}` }));
  return new AppError(err.code, err.text, { ...err.details, errors });
}

const storedRouting = z
  .object({
    routing: routingPolicySchema,
    version: z.number().int().describe('评审策略版本，保存时作为 expectedVersion / the policy version'),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    triggers: z
      .array(z.object({ code: z.enum(ROUTING_TRIGGERS), zh: z.string(), en: z.string() }))
      .describe('可用的触发条件 / the triggers a conditional department may name'),
  })
  .meta({ id: 'StoredReviewRouting' });

const routingOf = (s: Awaited<ReturnType<typeof getReviewPolicy>>) => ({
  routing: s.policy.routing!,
  version: s.version,
  updatedAt: s.updatedAt,
  updatedBy: s.updatedBy,
  triggers: ROUTING_TRIGGERS.map((code) => ({ code, ...TRIGGER_LABELS[code] })),
});

export const settingsRoutes: RouteModule = (app, ctx) => {
  const db = ctx.store.db;

  app.get(
    '/api/settings/review-routing',
    {
      schema: {
        tags,
        summary: '评审路由表：各类合同由哪些部门评审 / Which departments review each class of contract',
        response: { 200: storedRouting, ...problemResponses(401) },
      },
    },
    async () => routingOf(await getReviewPolicy(db)),
  );

  app.put(
    '/api/settings/review-routing',
    {
      schema: {
        tags,
        summary:
          '修改评审路由表（仅管理员；版本过期 → 409）/ Change the routing table (admin; stale version → 409)',
        description:
          '对此后建立的案件生效；已建立的案件保持建立时的评审部门。/ Applies to cases opened from now on; open cases keep their departments.',
        body: z
          .object({
            expectedVersion: z.number().int().min(0).describe('上次读取的 version / the version last read'),
            routing: z.unknown().describe('完整的路由表（见 ReviewRouting）/ the whole table'),
          })
          .meta({ id: 'ReviewRoutingUpdate' }),
        response: { 200: storedRouting, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const saved = await saveRoutingPolicy(
        db,
        { id: user.id, department: user.department },
        request.body.routing,
        request.body.expectedVersion,
        ctx.clock(),
      );
      return routingOf(saved);
    },
  );

  app.get(
    '/api/settings/review-policy',
    {
      schema: {
        tags,
        summary: '评审策略（48 小时时钟、提醒、升级、会议法定人数）/ The review policy',
        response: { 200: storedPolicy, ...problemResponses(401) },
      },
    },
    async () => getReviewPolicy(db),
  );

  app.put(
    '/api/settings/review-policy',
    {
      schema: {
        tags,
        summary:
          '修改评审策略（仅管理员；版本过期 → 409）/ Change the review policy (admin; stale version → 409)',
        description:
          '未反馈客户的案件按新策略重算提醒、升级与期限；已触发的提醒不重发，已反馈的案件不变。/ ' +
          'Cases not yet answered get reminders, escalations and deadline recomputed; fired milestones stay fired.',
        body: putBody,
        response: { 200: storedPolicy, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const now = ctx.clock();
      try {
        return await saveReviewPolicy(
          db,
          { id: user.id, department: user.department },
          request.body.policy,
          request.body.expectedVersion,
          now,
          async (trx) => rescheduleOpenClocks(trx, await loadReviewConfig(trx), now),
        );
      } catch (err) {
        throw inPolicyField(err);
      }
    },
  );

  app.get(
    '/api/settings/mail',
    {
      schema: {
        tags,
        summary: '未发出的邮件（待发、失败、跳过）/ Mail not sent: pending, failed, skipped',
        querystring: z.object({
          status: z.enum(UNSENT_STATUSES).optional().describe('只看某一状态 / only this status'),
        }),
        response: { 200: z.object({ items: z.array(outboxEntry) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({
      items: await listOutbox(db, request.query.status ? { statuses: [request.query.status] } : {}),
    }),
  );

  app.post(
    '/api/settings/mail/retry',
    {
      schema: {
        tags,
        summary: '重新发送邮件（ids 为空 = 全部失败邮件）/ Re-queue mail (no ids = every failed mail)',
        body: z.object({ ids: z.array(identifier()).max(500).default([]) }),
        response: {
          200: z.object({ requeued: z.array(z.string()) }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      return {
        requeued: await retryMail(
          db,
          { id: user.id, department: user.department },
          request.body.ids,
          ctx.clock(),
        ),
      };
    },
  );
};
