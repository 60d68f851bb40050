import type { Kysely } from 'kysely';
import { z } from 'zod';
import { getReviewPolicy } from '../../contracts/review-policy.js';
import { AUDIT_ACTION_LABELS } from '../../shared/audit-labels.js';
import { day, instant, text } from '../../shared/values.js';
import type { AuditQuery } from '../../store/audit.js';
import { verifyAuditChain } from '../../store/audit-chain.js';
import { auditActors, auditExportTable, listAuditNamed, MAX_AUDIT_EXPORT } from '../../store/audit-view.js';
import type { Database } from '../../store/schema.js';
import type { RouteModule } from '../context.js';
import { datedBaseName } from '../download-name.js';
import { problemResponses } from '../problem.js';
import { sendTable } from './catalog.js';

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
    entityName: z
      .string()
      .nullable()
      .describe(
        '对象名称（合同编号、客户名称、用户姓名…）/ the object by name (contract number, customer, user …)',
      ),
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

const ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as [string, ...string[]];

const filterQuery = z.object({
  action: z.enum(ACTIONS).optional().describe('操作代码 / action code (customer.updated …)'),
  entityType: text(40).optional().describe('对象类型 / entity type (contract, customer, user …)'),
  entityId: text(100).optional(),
  actor: text(100).optional().describe('操作人用户名或 id / actor user name or id'),
  from: moment.optional(),
  to: moment.optional(),
});
type Filter = z.infer<typeof filterQuery>;

/** The filter as the store reads it: a user name becomes its id, days become instants. */
async function auditFilter(db: Kysely<Database>, f: Filter): Promise<Omit<AuditQuery, 'limit' | 'offset'>> {
  let actorId = f.actor;
  if (f.actor) {
    const user = await db.selectFrom('users').select('id').where('username', '=', f.actor).executeTakeFirst();
    if (user) actorId = user.id;
  }
  return {
    action: f.action,
    entityType: f.entityType,
    entityId: f.entityId,
    actorId,
    from: f.from ? instantOf(f.from, false) : undefined,
    to: f.to ? instantOf(f.to, true) : undefined,
  };
}

export const auditRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx.store;

  app.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary:
          '审核追溯（筛选、分页，最新在前；管理员与质量部）/ The audit trail, filtered and paged (admin, quality)',
        querystring: filterQuery.extend({
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
      const { page, pageSize, ...filter } = request.query;
      return listAuditNamed(db, {
        ...(await auditFilter(db, filter)),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
    },
  );

  app.get(
    '/api/audit/export',
    {
      schema: {
        tags,
        summary: `导出审核追溯（同样的筛选，CSV 或 XLSX，中文表头，最多 ${MAX_AUDIT_EXPORT} 条）/ Export the filtered trail (admin, quality)`,
        querystring: filterQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const { policy } = await getReviewPolicy(db);
      const table = await auditExportTable(
        db,
        await auditFilter(db, filter),
        policy.record?.timeZone ?? 'Asia/Shanghai',
      );
      return sendTable(reply, table, format, await datedBaseName(db, '审计日志', ctx.clock()), '审计日志');
    },
  );

  app.get(
    '/api/audit/actors',
    {
      schema: {
        tags,
        summary: '审核追溯中出现的操作人（用于筛选）/ Everyone who appears in the trail, for the filter',
        response: {
          200: z.array(z.object({ id: z.string(), name: z.string(), department: z.string().nullable() })),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => auditActors(db),
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
