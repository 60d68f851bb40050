// Requirement planning over HTTP (需求排序、策划与传递): a case's requirements by priority with the
// reviewer's ratings, plan items for accepted requirements (owner, department, due date, production
// plan or design task, status) with their list and XLSX export, and the requirements passed on to
// suppliers, listed per supplier for purchasing. Who may write is the permission matrix's row; that
// only the owner or a planning department changes a plan item is decided on the item.
import { z } from 'zod';
import { REQUIREMENT_CATEGORIES, REQUIREMENT_KINDS } from '../../analysis/vocabulary.js';
import { currentUser } from '../../auth/authenticate.js';
import { findContractId } from '../../contracts/case-repository.js';
import { PLAN_STATES, PLAN_STATUSES } from '../../planning/plan-item.js';
import {
  assessRequirement,
  casePlanning,
  createPlanItem,
  listPlanItems,
  PLAN_DEPARTMENTS,
  planExportTable,
  planOwners,
  plantToday,
  updatePlanItem,
} from '../../planning/planning-repository.js';
import { LEVELS } from '../../planning/priority.js';
import {
  listSupplierRequirements,
  markForSupplier,
  markPassed,
  removeSupplierMark,
  SUPPLIER_STATES,
  supplierExportTable,
} from '../../planning/supplier-repository.js';
import { day, optionalText, requiredText } from '../../shared/values.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';
import { actorOf, pageQuery, sendTable } from './catalog.js';

const tags = ['planning'];

const level = z
  .union([z.literal(1), z.literal(2), z.literal(3)])
  .describe('1 低 low · 2 中 medium · 3 高 high');
const levelNames = z.enum(['low', 'medium', 'high']);
/** A rating given as 1–3 or as low / medium / high. */
const rating = z
  .union([level, levelNames])
  .transform((v) => (typeof v === 'number' ? v : ({ low: 1, medium: 2, high: 3 } as const)[v]));

const person = z.object({ id: z.string().nullable(), name: z.string().nullable() });

const priorityView = z.object({
  urgency: z.number().int(),
  importance: z.number().int(),
  cost: z.number().int(),
  score: z.number().int().describe('2×重要性 + 2×紧急性 − 成本 / 2×importance + 2×urgency − cost'),
  priority: z.enum(['high', 'normal', 'low']),
  source: z
    .enum(['default', 'reviewer'])
    .describe('default：按类别/类型/特殊标记推定 / derived; reviewer：评审人评定'),
});

const planItemSchema = z
  .object({
    id: z.string(),
    contractId: z.string(),
    number: z.string(),
    customer: z.string(),
    requirementId: z.string(),
    requirementText: z.string().nullable(),
    owner: z.object({ id: z.string(), name: z.string().nullable(), department: z.string().nullable() }),
    department: z.string(),
    dueDate: z.string(),
    link: z.string().nullable().describe('生产计划号或设计任务 / production plan number or design task'),
    status: z.enum(PLAN_STATUSES),
    state: z.enum(PLAN_STATES).describe('overdue：已过截止日期且未完成 / past due and not done'),
    notes: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    doneAt: z.string().nullable(),
  })
  .meta({ id: 'PlanItem' });

const supplierRequirementSchema = z
  .object({
    id: z.string(),
    contractId: z.string(),
    number: z.string(),
    customer: z.string(),
    requirementId: z.string(),
    requirementText: z.string().nullable(),
    supplier: z.string(),
    note: z.string().nullable(),
    markedBy: person,
    markedAt: z.string(),
    state: z.enum(SUPPLIER_STATES),
    passed: z
      .object({ on: z.string(), by: person, recordedAt: z.string().nullable(), note: z.string().nullable() })
      .nullable(),
  })
  .meta({ id: 'SupplierRequirement' });

const caseParams = z.object({ id: z.string().min(1).max(100) });
const requirementParams = caseParams.extend({
  requirementId: z.string().min(1).max(20).describe('需求编号，如 R1 / requirement id, e.g. R1'),
});
const itemParams = z.object({ id: z.string().min(1).max(100) });

const planInput = z.object({
  ownerId: z.string().min(1).max(100).describe('负责人（用户 id）/ owner user id'),
  department: z.enum(PLAN_DEPARTMENTS),
  dueDate: day,
  link: optionalText(200),
  notes: optionalText(2000),
});

const planFilters = z.object({
  q: z.string().trim().max(200).optional(),
  state: z.enum([...PLAN_STATES, 'open']).optional(),
  department: z.enum(PLAN_DEPARTMENTS).optional(),
  owner: z.string().max(100).optional().describe('负责人 id，或 me / owner id, or "me"'),
  contract: z.string().max(100).optional(),
});

const supplierFilters = z.object({
  q: z.string().trim().max(200).optional(),
  supplier: z.string().trim().max(200).optional(),
  state: z.enum(SUPPLIER_STATES).optional(),
});

export const planningRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx.store;
  const today = () => plantToday(db, ctx.clock());

  app.get(
    '/api/contracts/:id/planning',
    {
      schema: {
        tags,
        summary:
          '案件需求的优先级、计划项与传递供方（按优先级排序）/ A case’s requirements by priority, with plan items and suppliers',
        params: caseParams,
        response: {
          200: z.object({
            contractId: z.string(),
            number: z.string(),
            requirements: z.array(
              z.object({
                id: z.string(),
                text: z.string(),
                category: z.enum(REQUIREMENT_CATEGORIES),
                kind: z.enum(REQUIREMENT_KINDS),
                special: z.boolean(),
                status: z.enum(['proposed', 'accepted', 'rejected']),
                priority: priorityView,
                assessedBy: person.nullable(),
                assessedAt: z.string().nullable(),
                planItem: planItemSchema.nullable(),
                suppliers: z.array(supplierRequirementSchema),
              }),
            ),
            owners: z.array(z.object({ id: z.string(), name: z.string(), department: z.string() })),
          }),
          ...problemResponses(401, 404),
        },
      },
    },
    async (request) => {
      const contractId = await findContractId(db, request.params.id);
      return { ...(await casePlanning(db, contractId, await today())), owners: await planOwners(db) };
    },
  );

  app.put(
    '/api/contracts/:id/requirements/:requirementId/assessment',
    {
      schema: {
        tags,
        summary: '评定需求的紧急性、重要性和成本 / Rate a requirement’s urgency, importance and cost',
        params: requirementParams,
        body: z.object({ urgency: rating, importance: rating, cost: rating }),
        response: { 200: priorityView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const contractId = await findContractId(db, request.params.id);
      const b = request.body;
      const valid = (n: number) => LEVELS.find((l) => l === n) ?? 2;
      return assessRequirement(
        db,
        currentUser(request),
        contractId,
        request.params.requirementId,
        { urgency: valid(b.urgency), importance: valid(b.importance), cost: valid(b.cost) },
        ctx.clock(),
      );
    },
  );

  app.post(
    '/api/contracts/:id/requirements/:requirementId/plan',
    {
      schema: {
        tags,
        summary: '把已接受的需求列入计划 / Make an accepted requirement a plan item',
        params: requirementParams,
        body: planInput,
        response: { 201: planItemSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const contractId = await findContractId(db, request.params.id);
      const b = request.body;
      const item = await createPlanItem(
        db,
        currentUser(request),
        contractId,
        request.params.requirementId,
        { ownerId: b.ownerId, department: b.department, dueDate: b.dueDate, link: b.link, notes: b.notes },
        ctx.clock(),
        await today(),
      );
      return reply.code(201).send(item);
    },
  );

  const planQueryOf = (q: z.infer<typeof planFilters>, userId: string) => ({
    ...(q.q ? { search: q.q } : {}),
    ...(q.state ? { state: q.state } : {}),
    ...(q.department ? { department: q.department } : {}),
    ...(q.owner ? { ownerId: q.owner === 'me' ? userId : q.owner } : {}),
    ...(q.contract ? { contractId: q.contract } : {}),
  });

  app.get(
    '/api/plan-items',
    {
      schema: {
        tags,
        summary: '需求计划清单（状态、部门、负责人、搜索）/ Plan items, filtered',
        querystring: pageQuery.omit({ q: true }).extend(planFilters.shape),
        response: {
          200: z.object({
            items: z.array(planItemSchema),
            total: z.number().int(),
            owners: z
              .array(z.object({ id: z.string(), name: z.string(), department: z.string() }))
              .describe('可指定的负责人 / who can be given a plan item'),
          }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const filter = planQueryOf(q, currentUser(request).id);
      if (q.contract) filter.contractId = await findContractId(db, q.contract);
      const page = await listPlanItems(
        db,
        { ...filter, limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
        await today(),
      );
      return { ...page, owners: await planOwners(db) };
    },
  );

  app.get(
    '/api/plan-items/export',
    {
      schema: {
        tags,
        summary: '导出需求计划清单（XLSX，按当前筛选）/ Export the plan items (XLSX, as filtered)',
        querystring: planFilters.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const filter = planQueryOf(q, currentUser(request).id);
      if (q.contract) filter.contractId = await findContractId(db, q.contract);
      return sendTable(
        reply,
        await planExportTable(db, filter, await today()),
        q.format,
        'plan-items',
        '需求计划',
      );
    },
  );

  app.put(
    '/api/plan-items/:id',
    {
      schema: {
        tags,
        summary: '更新计划项：负责人报告进度；策划部门可改负责人和截止日期 / Update a plan item',
        params: itemParams,
        body: planInput.partial().extend({ status: z.enum(PLAN_STATUSES).optional() }),
        response: { 200: planItemSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const b = request.body;
      return updatePlanItem(
        db,
        currentUser(request),
        request.params.id,
        {
          ...(b.ownerId !== undefined ? { ownerId: b.ownerId } : {}),
          ...(b.department !== undefined ? { department: b.department } : {}),
          ...(b.dueDate !== undefined ? { dueDate: b.dueDate } : {}),
          ...(b.link !== undefined ? { link: b.link } : {}),
          ...(b.notes !== undefined ? { notes: b.notes } : {}),
          ...(b.status !== undefined ? { status: b.status } : {}),
        },
        ctx.clock(),
        await today(),
      );
    },
  );

  app.post(
    '/api/contracts/:id/requirements/:requirementId/suppliers',
    {
      schema: {
        tags,
        summary: '标记需求须传递给外部供方 / Mark a requirement to pass on to a supplier',
        params: requirementParams,
        body: z.object({
          supplier: requiredText(200).describe('供方名称 / supplier name'),
          note: optionalText(1000),
        }),
        response: { 201: supplierRequirementSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const contractId = await findContractId(db, request.params.id);
      const item = await markForSupplier(
        db,
        actorOf(request),
        contractId,
        request.params.requirementId,
        { supplier: request.body.supplier, note: request.body.note },
        ctx.clock(),
      );
      return reply.code(201).send(item);
    },
  );

  app.get(
    '/api/supplier-requirements',
    {
      schema: {
        tags,
        summary: '传递给供方的顾客要求（按供方）/ Customer requirements to pass on, per supplier',
        querystring: pageQuery.omit({ q: true }).extend(supplierFilters.shape),
        response: {
          200: z.object({
            items: z.array(supplierRequirementSchema),
            total: z.number().int(),
            suppliers: z.array(
              z.object({ supplier: z.string(), pending: z.number().int(), passed: z.number().int() }),
            ),
          }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return listSupplierRequirements(db, {
        ...(q.q ? { search: q.q } : {}),
        ...(q.supplier ? { supplier: q.supplier } : {}),
        ...(q.state ? { state: q.state } : {}),
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
    },
  );

  app.get(
    '/api/supplier-requirements/export',
    {
      schema: {
        tags,
        summary: '导出传递给供方的要求（XLSX）/ Export the requirements to pass on (XLSX)',
        querystring: supplierFilters.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const table = await supplierExportTable(db, {
        ...(q.q ? { search: q.q } : {}),
        ...(q.supplier ? { supplier: q.supplier } : {}),
        ...(q.state ? { state: q.state } : {}),
      });
      return sendTable(reply, table, q.format, 'supplier-requirements', '传递给供方的要求');
    },
  );

  app.post(
    '/api/supplier-requirements/:id/passed',
    {
      schema: {
        tags,
        summary: '采购部登记已传递给供方（日期、传递人）/ Purchasing records the pass-on',
        params: itemParams,
        body: z.object({
          on: day.optional().describe('传递日期，默认今天 / the day it was passed on; today by default'),
          note: optionalText(1000),
        }),
        response: { 200: supplierRequirementSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      markPassed(
        db,
        actorOf(request),
        request.params.id,
        { on: request.body.on ?? (await today()), note: request.body.note },
        ctx.clock(),
      ),
  );

  app.delete(
    '/api/supplier-requirements/:id',
    {
      schema: {
        tags,
        summary: '撤销尚未传递的标记 / Withdraw a mark not yet passed on',
        params: itemParams,
        response: { 204: z.null(), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeSupplierMark(db, actorOf(request), request.params.id, ctx.clock());
      return reply.code(204).send(null);
    },
  );
};
