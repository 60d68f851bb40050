import { z } from 'zod';
import { day, instant, text } from '../../shared/values.js';
import { listAudit } from '../../store/audit.js';
import { verifyAuditChain } from '../../store/audit-chain.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';

const tags = ['audit'];
/** A day (Asia/Shanghai business days are what people type) or an instant. */
const moment = z.union([instant, day]).describe('YYYY-MM-DD 或 ISO 8601 时刻 / a day or an instant');

/** A day stands for its first instant in China time; `to` takes the whole day. */
function instantOf(value: string, end: boolean): string {
  if (value.includes('T')) return new Date(value).toISOString();
  const start = Date.parse(`${value}T00:00:00+08:00`);
  return new Date(start + (end ? 86_400_000 : 0)).toISOString();
}

const entrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    actorDepartment: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    hash: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry', description: '审核追溯记录 / audit trail entry' });

const verificationSchema = z
  .object({
    ok: z.boolean(),
    rows: z.number().int(),
    firstBroken: z
      .object({
        id: z.number().int(),
        at: z.string(),
        action: z.string(),
        entityType: z.string(),
        entityId: z.string(),
        reason: z.enum(['missing_hash', 'hash_mismatch']),
      })
      .nullable()
      .describe('第一条被改动的记录 / the first row that was changed'),
    headHash: z.string().nullable().describe('最后一条记录的哈希 / hash of the last row'),
  })
  .meta({ id: 'AuditVerification' });

export const auditRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx.store;

  app.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary:
          '审核追溯（筛选、分页，最新在前；管理员与质量部）/ The audit trail, filtered and paged (admin, quality)',
        querystring: z.object({
          entityType: text(40).optional().describe('对象类型 / entity type (contract, customer, user …)'),
          entityId: text(100).optional(),
          actor: text(100).optional().describe('操作人用户名或 id / actor user name or id'),
          from: moment.optional(),
          to: moment.optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: {
          200: z.object({ items: z.array(entrySchema), total: z.number().int() }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { entityType, entityId, actor, from, to, page, pageSize } = request.query;
      let actorId = actor;
      if (actor) {
        const user = await db
          .selectFrom('users')
          .select('id')
          .where('username', '=', actor)
          .executeTakeFirst();
        if (user) actorId = user.id;
      }
      return listAudit(db, {
        entityType,
        entityId,
        actorId,
        from: from ? instantOf(from, false) : undefined,
        to: to ? instantOf(to, true) : undefined,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
    },
  );

  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags,
        summary:
          '校验审核追溯的哈希链，报告第一条被改动的记录（管理员与质量部）/ Verify the hash chain; the first changed row (admin, quality)',
        response: { 200: verificationSchema, ...problemResponses(401, 403) },
      },
    },
    async () => verifyAuditChain(db),
  );
};
