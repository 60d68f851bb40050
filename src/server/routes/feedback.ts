// Customer feedback and complaints (8D), satisfaction surveys, improvement actions and the
// KPIs over HTTP (the capability evaluation is routes/capability.ts). Everyone signed in reads;
// quality and sales record feedback and surveys; action owners update actions.
import { z } from 'zod';
import { SENTIMENTS } from '../../analysis/result.js';
import { currentUser } from '../../auth/authenticate.js';
import { DEPARTMENTS } from '../../auth/roles.js';
import {
  ACTION_SORTS,
  ACTION_STATUSES,
  COMPLAINT_CAUSES,
  createAction,
  deleteFeedback,
  deleteSurvey,
  EFFECTIVENESS,
  FEEDBACK_CHANNELS,
  FEEDBACK_KINDS,
  FEEDBACK_SORTS,
  FEEDBACK_STATUSES,
  getAction,
  getFeedback,
  kpisFor,
  listActions,
  listFeedback,
  listSurveys,
  PERIOD_PATTERN,
  periodOf,
  ROOT_CAUSE_TYPES,
  recordFeedback,
  recordSurvey,
  SATISFACTION_DIMENSIONS,
  satisfactionTrend,
  transitionFeedback,
  updateAction,
  updateFeedback,
  VOID_REASON_MIN,
  voidFeedback,
} from '../../feedback/index.js';
import { AppError } from '../../shared/errors.js';
import {
  day as dayValue,
  identifier,
  instant as instantValue,
  measure,
  optionalText,
  requiredText,
  YEAR_MESSAGE,
  yearInRange,
} from '../../shared/values.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';
import { actorOf } from './catalog.js';
import { sortQuery } from './sorting.js';

const text = optionalText;
const instant = instantValue.transform((v) => new Date(v).toISOString());
const day = dayValue;
const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};
const idParams = z.object({ id: z.string().min(1).max(100) });
const notFound = (what: string, id: string) =>
  new AppError('NOT_FOUND', { zh: `未找到${what} ${id}`, en: `${what} ${id} not found` });
const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

const eightD = {
  containment: text(4000).optional(),
  rootCause: text(4000).optional(),
  rootCauseType: z.enum(ROOT_CAUSE_TYPES).nullish(),
  correctiveAction: text(4000).optional(),
  verification: text(4000).optional(),
};

const feedbackSchema = z
  .object({
    id: z.string(),
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    contractId: z.string().nullable(),
    productCode: z.string().nullable(),
    channel: z.string().nullable(),
    kind: z.enum(FEEDBACK_KINDS),
    text: z.string(),
    intent: z.string().nullable(),
    sentiment: z.string().nullable(),
    sentimentScore: z.number().nullable(),
    categories: z.array(z.string()),
    cause: z.enum(COMPLAINT_CAUSES).nullable(),
    causeExplanation: z.string().nullable(),
    containment: z.string().nullable(),
    rootCause: z.string().nullable(),
    rootCauseType: z.enum(ROOT_CAUSE_TYPES).nullable(),
    correctiveAction: z.string().nullable(),
    verification: z.string().nullable(),
    status: z.enum(FEEDBACK_STATUSES),
    receivedAt: z.string(),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    investigatingAt: z.string().nullable(),
    actionAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    voidedAt: z
      .string()
      .nullable()
      .describe('作废时间；作废的记录保留但不计入列表与 KPI / voided: kept, left out'),
    voidedBy: z.string().nullable(),
    voidReason: z.string().nullable(),
  })
  .meta({ id: 'Feedback', description: '客户反馈 / 投诉 / customer feedback or complaint' });

const feedbackInput = z.object({
  customerId: identifier().nullish(),
  contractId: identifier().nullish(),
  productCode: text(100).optional(),
  channel: z.enum(FEEDBACK_CHANNELS).nullish(),
  text: requiredText(20000),
  receivedAt: instant,
  kind: z.enum(FEEDBACK_KINDS).optional(),
  cause: z.enum(COMPLAINT_CAUSES).nullish(),
  dueAt: instant.nullish(),
});
const feedbackPatch = feedbackInput.partial().extend(eightD);

const surveySchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    customerName: z.string().nullable(),
    period: z.string(),
    scale: z.union([z.literal(5), z.literal(100)]),
    scores: z.record(z.string(), z.number().nullable()),
    index: z.number().nullable(),
    respondent: z.string().nullable(),
    comment: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'SatisfactionSurvey' });

// The survey's scale (5 or 100) bounds each score further; this refuses what no scale allows.
const scoresInput = z.object(
  Object.fromEntries(SATISFACTION_DIMENSIONS.map((d) => [d, measure(100).nullish()])),
);

export const actionSchema = z
  .object({
    id: z.string(),
    feedbackId: z.string().nullable(),
    evaluationId: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    ownerDepartment: z.string(),
    dueDate: z.string().nullable(),
    status: z.enum(ACTION_STATUSES),
    result: z.string().nullable(),
    effectiveness: z.enum(EFFECTIVENESS).nullable(),
    effectivenessNote: z.string().nullable(),
    effectivenessCheckedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    overdue: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ImprovementAction', description: '改进措施 / improvement action' });

const department = z.enum(DEPARTMENTS);
const actionInput = z.object({
  feedbackId: identifier().nullish(),
  evaluationId: identifier().nullish(),
  title: requiredText(500),
  description: text(4000).optional(),
  ownerDepartment: department,
  dueDate: day.nullish(),
});
const actionPatch = z.object({
  title: requiredText(500).optional(),
  description: text(4000).optional(),
  ownerDepartment: department.optional(),
  dueDate: day.nullish(),
  status: z.enum(ACTION_STATUSES).optional(),
  result: text(4000).optional(),
  effectiveness: z.enum(EFFECTIVENESS).nullish(),
  effectivenessNote: text(4000).optional(),
});

const rate = z.number().nullable();
const kpiSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    complaints: z.object({
      total: z.number().int(),
      byCause: z.record(z.string(), z.number().int()),
      byMonth: z.array(
        z.object({
          month: z.string(),
          count: z.number().int(),
          byCause: z.record(z.string(), z.number().int()),
          ratePer100Contracts: rate,
        }),
      ),
    }),
    feedbackTotal: z.number().int(),
    complaintRatePer100Contracts: rate,
    meanDaysToClose: rate,
    openComplaints: z.number().int(),
    actionClosure: z.object({ closed: z.number().int(), onTime: z.number().int(), rate }),
    satisfactionIndex: rate,
    feedback48h: z.object({ due: z.number().int(), compliant: z.number().int(), rate }),
    sentimentTrend: z.array(
      z.object({ customerId: z.string(), month: z.string(), count: z.number().int(), meanScore: z.number() }),
    ),
  })
  .meta({ id: 'CustomerKpis', description: '客户侧 KPI / customer-side KPIs' });

const periodQuery = z.object({ from: day.optional(), to: day.optional() });

export const feedbackRoutes: RouteModule = async (app, ctx) => {
  const { db } = ctx.store;
  const now = () => ctx.clock();
  const tags = ['feedback'];

  async function feedbackOrFail(id: string) {
    const f = await getFeedback(db, id, now());
    if (!f) throw notFound('反馈 feedback', id);
    return f;
  }

  app.get(
    '/api/feedback',
    {
      schema: {
        tags,
        summary: '客户反馈与投诉（筛选、分页）/ Feedback and complaints, filtered and paged',
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          customerId: z.string().max(100).optional(),
          contractId: z.string().max(100).optional(),
          kind: z.enum(FEEDBACK_KINDS).optional(),
          status: z.enum(FEEDBACK_STATUSES).optional(),
          cause: z.enum(COMPLAINT_CAUSES).optional(),
          sentiment: z.enum(SENTIMENTS).optional(),
          from: day.optional(),
          to: day.optional(),
          overdue: flag,
          voided: z
            .enum(['include', 'only'])
            .optional()
            .describe('默认不含作废记录；include 包含，only 仅作废 / voided entries: include or only'),
          ...sortQuery(FEEDBACK_SORTS, 'receivedAt'),
          ...paging,
        }),
        response: {
          200: z.object({ items: z.array(feedbackSchema), total: z.number().int() }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { q, page, pageSize, from, to, overdue, ...filters } = request.query;
      const period = from || to ? periodOf(from ?? '1970-01-01', to ?? '9999-12-31', now()) : null;
      return listFeedback(
        db,
        {
          ...defined(filters),
          ...(q ? { search: q } : {}),
          ...(period ? { from: period.from, to: period.to } : {}),
          ...(overdue ? { overdue } : {}),
          limit: pageSize,
          offset: (page - 1) * pageSize,
        },
        now(),
      );
    },
  );

  app.get(
    '/api/feedback/:id',
    {
      schema: {
        tags,
        summary: '一条反馈（含 8D 字段）/ One feedback item with its 8D fields',
        params: idParams,
        response: { 200: feedbackSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => feedbackOrFail(request.params.id),
  );

  app.post(
    '/api/feedback',
    {
      schema: {
        tags,
        summary:
          '登记反馈/投诉（自动分析情感、意图、原因）/ Record feedback; sentiment, intent and cause are analysed',
        body: feedbackInput,
        response: { 201: feedbackSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await recordFeedback(
        db,
        actorOf(request),
        {
          ...defined({ ...b, cause: b.cause === undefined ? undefined : b.cause }),
          text: b.text,
          receivedAt: b.receivedAt,
        },
        now(),
      );
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/api/feedback/:id',
    {
      schema: {
        tags,
        summary: '修改反馈（改文本会重新分析）/ Update feedback; new text is analysed again',
        params: idParams,
        body: feedbackPatch,
        response: { 200: feedbackSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await feedbackOrFail(request.params.id);
      return updateFeedback(db, actorOf(request), request.params.id, defined(request.body), now());
    },
  );

  app.delete(
    '/api/feedback/:id',
    {
      schema: {
        tags,
        summary: '删除反馈（质量部）/ Delete feedback (quality)',
        params: idParams,
        response: { 204: z.null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await deleteFeedback(db, actorOf(request), request.params.id, now()))) {
        throw notFound('反馈 feedback', request.params.id);
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/feedback/:id/void',
    {
      schema: {
        tags,
        summary:
          '作废反馈（需写明原因；记录保留供审核，不再计入列表与 KPI）/ Void an entry with a reason; it stays for the audit',
        params: idParams,
        body: z.object({
          reason: requiredText(1000).refine(
            (r) => r.length >= VOID_REASON_MIN,
            `作废原因至少 ${VOID_REASON_MIN} 个字 / the reason needs at least ${VOID_REASON_MIN} characters`,
          ),
        }),
        response: { 200: feedbackSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await feedbackOrFail(request.params.id);
      return voidFeedback(db, actorOf(request), request.params.id, request.body.reason, now());
    },
  );

  app.post(
    '/api/feedback/:id/transition',
    {
      schema: {
        tags,
        summary:
          '状态流转 open → investigating → action → closed（需 8D 字段）/ Move along the 8D flow; each step needs its 8D field',
        params: idParams,
        body: z.object({ to: z.enum(FEEDBACK_STATUSES), ...eightD }),
        response: { 200: feedbackSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { to, ...fields } = request.body;
      await feedbackOrFail(request.params.id);
      return transitionFeedback(db, actorOf(request), request.params.id, to, defined(fields), now());
    },
  );

  app.get(
    '/api/satisfaction',
    {
      schema: {
        tags,
        summary: '满意度调查与趋势 / Satisfaction surveys and their trend',
        querystring: z.object({ customerId: z.string().max(100).optional() }),
        response: {
          200: z.object({
            items: z.array(surveySchema),
            total: z.number().int(),
            trend: z.array(
              z.object({
                period: z.string(),
                index: z.number(),
                change: z.number().nullable(),
                byDimension: z.record(z.string(), z.number()),
              }),
            ),
          }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const items = await listSurveys(db, defined(request.query));
      return { items, total: items.length, trend: satisfactionTrend(items) };
    },
  );

  app.post(
    '/api/satisfaction',
    {
      schema: {
        tags,
        summary: '登记满意度调查（1–5 或 0–100 分）/ Record a survey (1–5 or 0–100 per dimension)',
        body: z.object({
          customerId: identifier(),
          period: requiredText(20)
            .regex(PERIOD_PATTERN, '期间格式 2026 / 2026-Q1 / 2026-03')
            .refine(yearInRange, YEAR_MESSAGE),
          scale: z.union([z.literal(5), z.literal(100)]),
          scores: scoresInput,
          respondent: text(200).optional(),
          comment: text(4000).optional(),
        }),
        response: { 201: surveySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const survey = await recordSurvey(
        db,
        actorOf(request),
        {
          customerId: b.customerId,
          period: b.period,
          scale: b.scale,
          scores: b.scores as Record<string, number | null>,
          respondent: b.respondent ?? null,
          comment: b.comment ?? null,
        },
        now(),
      );
      return reply.status(201).send(survey);
    },
  );

  app.delete(
    '/api/satisfaction/:id',
    {
      schema: {
        tags,
        summary: '删除满意度调查 / Delete a survey',
        params: idParams,
        response: { 204: z.null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await deleteSurvey(db, actorOf(request), request.params.id, now()))) {
        throw notFound('满意度调查 survey', request.params.id);
      }
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/improvement-actions',
    {
      schema: {
        tags,
        summary: '改进措施（overdue=1 只看逾期）/ Improvement actions (overdue=1: only overdue)',
        querystring: z.object({
          status: z.enum(ACTION_STATUSES).optional(),
          ownerDepartment: department.optional(),
          feedbackId: z.string().max(100).optional(),
          evaluationId: z.string().max(100).optional(),
          overdue: flag,
          q: z
            .string()
            .trim()
            .max(200)
            .optional()
            .describe('标题或说明中的词 / words in title or description'),
          ...sortQuery(ACTION_SORTS, 'dueDate'),
          ...paging,
        }),
        response: {
          200: z.object({ items: z.array(actionSchema), total: z.number().int() }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { page, pageSize, overdue, q, ...filters } = request.query;
      return listActions(
        db,
        {
          ...defined(filters),
          ...(q ? { search: q } : {}),
          ...(overdue ? { overdue } : {}),
          limit: pageSize,
          offset: (page - 1) * pageSize,
        },
        now(),
      );
    },
  );

  app.get(
    '/api/improvement-actions/:id',
    {
      schema: {
        tags,
        summary: '一项改进措施 / One action',
        params: idParams,
        response: { 200: actionSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const a = await getAction(db, request.params.id, now());
      if (!a) throw notFound('改进措施 action', request.params.id);
      return a;
    },
  );

  app.post(
    '/api/improvement-actions',
    {
      schema: {
        tags,
        summary: '新建改进措施（关联投诉或评价）/ Create an action linked to a complaint or evaluation',
        body: actionInput,
        response: { 201: actionSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAction(db, actorOf(request), defined(request.body) as never, now())),
  );

  app.put(
    '/api/improvement-actions/:id',
    {
      schema: {
        tags,
        summary:
          '更新措施：状态、结果、有效性验证（责任部门、质量部）/ Update status, result, effectiveness (owner department, quality)',
        params: idParams,
        body: actionPatch,
        response: { 200: actionSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const before = await getAction(db, request.params.id, now());
      if (!before) throw notFound('改进措施 action', request.params.id);
      const user = currentUser(request);
      const allowed = ['quality', 'general_manager', before.ownerDepartment];
      if (!allowed.includes(user.department) && !(user.deputyFor && allowed.includes(user.deputyFor))) {
        throw new AppError('FORBIDDEN', {
          zh: '只有责任部门、质量部或总经理可以更新此措施',
          en: 'only the owner department, quality or the general manager',
        });
      }
      // Whether the action worked is judged by quality, not by the department that did it.
      if (
        request.body.effectiveness !== undefined &&
        user.department !== 'quality' &&
        user.deputyFor !== 'quality'
      ) {
        throw new AppError('FORBIDDEN', {
          zh: '有效性验证由质量部填写',
          en: 'effectiveness is checked by quality',
        });
      }
      return updateAction(db, actorOf(request), request.params.id, defined(request.body), now());
    },
  );

  app.get(
    '/api/kpis',
    {
      schema: {
        tags,
        summary: '客户侧 KPI（默认近 12 个月）/ Customer-side KPIs (default: last 12 months)',
        querystring: periodQuery,
        response: { 200: kpiSchema, ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const p = periodOf(request.query.from, request.query.to, now());
      const report = await kpisFor(db, p, now());
      return { ...report, period: { from: p.fromDay, to: p.toDay } };
    },
  );
};
