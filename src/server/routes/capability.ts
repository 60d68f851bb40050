// The capability evaluation (客户需求识别能力评价) over HTTP: the five criteria with their sub-items
// and measures, the administrator's weights, targets and teams, the evidence for a salesperson, team
// or the organisation, stored evaluations with their history, XLSX/PDF reports and improvement
// actions raised from findings. Quality (and the GM) evaluate; the administrator sets the weights.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { currentUser } from '../../auth/authenticate.js';
import { DEPARTMENTS } from '../../auth/roles.js';
import { evaluationPdf, evaluationXlsx } from '../../feedback/capability-report.js';
import {
  CRITERIA,
  CRITERION_DEFINITIONS,
  getCapabilitySettings,
  getEvaluation,
  listEvaluations,
  MEASURE_DEFINITIONS,
  MEASURES,
  periodOf,
  previewEvaluation,
  raiseActionFromFinding,
  runEvaluation,
  SUBJECT_KINDS,
  saveCapabilitySettings,
} from '../../feedback/index.js';
import { AppError } from '../../shared/errors.js';
import { day, optionalText } from '../../shared/values.js';
import type { RouteModule } from '../context.js';
import { attachmentHeader } from '../download-name.js';
import { problemResponses } from '../problem.js';
import { actorOf } from './catalog.js';
import { actionSchema } from './feedback.js';

const tags = ['capability'];
const bilingual = z.object({ zh: z.string(), en: z.string() });
const idParams = z.object({ id: z.string().min(1).max(100) });
const notFound = (id: string) =>
  new AppError('NOT_FOUND', { zh: `未找到能力评价 ${id}`, en: `capability evaluation ${id} not found` });

const perCriterion = <T extends z.ZodType>(t: T) =>
  z.object(Object.fromEntries(CRITERIA.map((c) => [c, t])) as Record<(typeof CRITERIA)[number], T>);
const perMeasure = <T extends z.ZodType>(t: T) =>
  z.object(Object.fromEntries(MEASURES.map((m) => [m, t])) as Record<(typeof MEASURES)[number], T>);

const settingsSchema = z
  .object({
    weights: perCriterion(z.number()),
    targets: perCriterion(z.number()),
    measureTargets: perMeasure(z.number()),
    evidenceShare: z.number(),
    minEvaluated: z.number().int(),
    questionHours: z.number(),
    teams: z.array(z.object({ id: z.string(), name: z.string(), members: z.array(z.string()) })),
  })
  .meta({ id: 'CapabilitySettings', description: '能力评价权重、目标与团队 / weights, targets and teams' });

const modelSchema = z
  .object({
    criteria: z.array(
      z.object({
        key: z.enum(CRITERIA),
        no: z.number().int(),
        name: bilingual,
        ownerDepartment: z.string(),
        subItems: z.array(
          z.object({
            key: z.string(),
            name: bilingual,
            levels: z.object({ 1: z.string(), 3: z.string(), 5: z.string() }),
          }),
        ),
      }),
    ),
    measures: z.array(
      z.object({
        key: z.enum(MEASURES),
        criterion: z.enum(CRITERIA),
        name: bilingual,
        unit: z.enum(['%', 'index', 'h', 'count']),
        direction: z.enum(['higher', 'lower']),
        definition: bilingual,
      }),
    ),
    settings: settingsSchema,
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({
    id: 'CapabilityModel',
    description: '五项评价准则及其设置 / the five criteria and their settings',
  });

const measureSchema = z.object({
  key: z.enum(MEASURES),
  name: bilingual,
  unit: z.enum(['%', 'index', 'h', 'count']),
  direction: z.enum(['higher', 'lower']),
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  target: z.number(),
  score: z.number().nullable(),
  gap: z.number().nullable(),
  met: z.boolean().nullable(),
});

const criterionSchema = z.object({
  key: z.enum(CRITERIA),
  no: z.number().int(),
  name: bilingual,
  weight: z.number(),
  target: z.number(),
  status: z
    .enum(['evaluated', 'not_evaluated'])
    .describe('未评价：既无数据也无打分 / not evaluated: no evidence, no score'),
  basis: z.enum(['evidence', 'assessor', 'both']).nullable(),
  evidenceScore: z.number().nullable(),
  assessorScore: z.number().nullable(),
  score: z.number().nullable(),
  gap: z.number().nullable(),
  measures: z.array(measureSchema),
  subItems: z.array(z.object({ key: z.string(), name: bilingual, rating: z.number().int().nullable() })),
});

const findingSchema = z.object({
  criterion: z.enum(CRITERIA),
  severity: z.enum(['ok', 'minor', 'major', 'not_evaluated']),
  text: bilingual,
  suggestion: bilingual.nullable(),
  ownerDepartment: z.string(),
});

const subjectSchema = z.object({ kind: z.enum(SUBJECT_KINDS), id: z.string().nullable(), name: z.string() });

const resultFields = {
  criteria: z.array(criterionSchema),
  score: z
    .number()
    .nullable()
    .describe('总评：已评价准则不足最少项数时为空 / null when too few criteria are evaluated'),
  grade: z.enum(['A', 'B', 'C', 'D']).nullable(),
  evaluatedCount: z.number().int(),
  minEvaluated: z.number().int(),
  coverage: z.number().describe('已评价准则的权重占比 % / share of the weight evaluated'),
  findings: z.array(findingSchema),
  summary: bilingual,
  subject: subjectSchema,
};

const assessmentSchema = z
  .record(z.string().max(40), z.record(z.string().max(40), z.number().int().min(1).max(5)))
  .describe('评价人打分：准则 → 子项 → 1–5 / assessor ratings: criterion → sub-item → 1–5');

const evaluationSchema = z
  .object({
    ...resultFields,
    id: z.string(),
    period: z.string(),
    from: z.string(),
    to: z.string(),
    legacy: z.boolean().describe('旧版六项指标评价 / evaluated on the earlier six indicators'),
    assessment: assessmentSchema,
    note: z.string().nullable(),
    settings: z
      .object({
        version: z.number().int(),
        weights: perCriterion(z.number()),
        targets: perCriterion(z.number()),
      })
      .nullable(),
    evaluatorId: z.string().nullable(),
    evaluatorName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({
    id: 'CapabilityEvaluation',
    description: '客户需求识别能力评价 / requirement-identification capability',
  });

const evaluationBody = z.object({
  from: day.optional(),
  to: day.optional(),
  subject: z.object({ kind: z.enum(SUBJECT_KINDS), id: z.string().min(1).max(100).nullish() }).default({
    kind: 'organisation',
  }),
  assessment: assessmentSchema.optional(),
  note: optionalText(2000).optional(),
});

export const capabilityRoutes: RouteModule = async (app, ctx) => {
  const { db } = ctx.store;
  const now = () => ctx.clock();

  app.get(
    '/api/capability/model',
    {
      schema: {
        tags,
        summary:
          '五项评价准则、子项、数据指标与当前权重目标 / The five criteria, sub-items, measures and current settings',
        response: { 200: modelSchema, ...problemResponses(401, 403) },
      },
    },
    async () => {
      const s = await getCapabilitySettings(db);
      return { criteria: [...CRITERION_DEFINITIONS], measures: [...MEASURE_DEFINITIONS], ...s };
    },
  );

  app.put(
    '/api/capability/settings',
    {
      schema: {
        tags,
        summary: '修改权重、目标与团队（系统管理员）/ Set weights, targets and teams (administrator)',
        body: z.object({ settings: z.unknown(), version: z.number().int().min(0) }),
        response: {
          200: z.object({
            settings: settingsSchema,
            version: z.number().int(),
            updatedAt: z.string().nullable(),
            updatedBy: z.string().nullable(),
          }),
          ...problemResponses(400, 401, 403, 409),
        },
      },
    },
    async (request) =>
      saveCapabilitySettings(db, actorOf(request), request.body.settings, request.body.version, now()),
  );

  app.get(
    '/api/capability/subjects',
    {
      schema: {
        tags,
        summary: '可评价的对象：全公司、团队与销售人员 / Who can be evaluated',
        response: {
          200: z.object({
            teams: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                members: z.array(z.object({ id: z.string(), name: z.string() })),
              }),
            ),
            people: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                department: z.enum(DEPARTMENTS),
                active: z.boolean(),
              }),
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => {
      const { settings } = await getCapabilitySettings(db);
      const members = settings.teams.flatMap((t) => t.members);
      // Salespeople, and whoever a team names (a team may hold a technical sales engineer).
      const users = await db
        .selectFrom('users')
        .select(['id', 'display_name', 'department', 'active'])
        .where((eb) =>
          eb.or([
            eb.and([eb('department', '=', 'sales'), eb('active', '=', 1)]),
            ...(members.length ? [eb('id', 'in', members)] : []),
          ]),
        )
        .orderBy('display_name')
        .execute();
      const name = new Map(users.map((u) => [u.id, u.display_name]));
      return {
        teams: settings.teams.map((t) => ({
          id: t.id,
          name: t.name,
          members: t.members.map((m) => ({ id: m, name: name.get(m) ?? m })),
        })),
        people: users.map((u) => ({
          id: u.id,
          name: u.display_name,
          department: u.department as (typeof DEPARTMENTS)[number],
          active: Number(u.active) === 1,
        })),
      };
    },
  );

  app.post(
    '/api/capability-evaluations/preview',
    {
      schema: {
        tags,
        summary: '按当前数据试算评价（不保存）/ Compute an evaluation from the data without storing it',
        body: evaluationBody,
        response: { 200: z.object(resultFields), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const b = request.body;
      return previewEvaluation(
        db,
        { period: periodOf(b.from, b.to, now()), subject: b.subject, assessment: b.assessment },
        now(),
      );
    },
  );

  app.get(
    '/api/capability-evaluations',
    {
      schema: {
        tags,
        summary: '能力评价记录（可按评价对象筛选）/ Stored evaluations, by subject',
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
          subjectKind: z.enum(SUBJECT_KINDS).optional(),
          subjectId: z.string().max(100).optional(),
        }),
        response: {
          200: z.object({ items: z.array(evaluationSchema), total: z.number().int() }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { page, pageSize, subjectKind, subjectId } = request.query;
      return listEvaluations(db, { limit: pageSize, offset: (page - 1) * pageSize, subjectKind, subjectId });
    },
  );

  app.get(
    '/api/capability-evaluations/:id',
    {
      schema: {
        tags,
        summary: '一次能力评价 / One capability evaluation',
        params: idParams,
        response: { 200: evaluationSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const e = await getEvaluation(db, request.params.id);
      if (!e) throw notFound(request.params.id);
      return e;
    },
  );

  const report =
    (kind: 'xlsx' | 'pdf') => async (request: { params: { id: string } }, reply: FastifyReply) => {
      const e = await getEvaluation(db, request.params.id);
      if (!e) throw notFound(request.params.id);
      const bytes = kind === 'xlsx' ? await evaluationXlsx(e) : await evaluationPdf(e);
      return reply
        .header(
          'content-type',
          kind === 'xlsx'
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'application/pdf',
        )
        .header(
          'content-disposition',
          attachmentHeader(`能力评价-${e.subject.name.split(' / ')[0]}-${e.from}_${e.to}.${kind}`),
        )
        .send(bytes);
    };

  app.get(
    '/api/capability-evaluations/:id/report.xlsx',
    {
      schema: {
        tags,
        summary: '能力评价表 XLSX / The evaluation as XLSX',
        params: idParams,
        response: problemResponses(401, 404),
      },
    },
    report('xlsx'),
  );

  app.get(
    '/api/capability-evaluations/:id/report.pdf',
    {
      schema: {
        tags,
        summary: '能力评价表 PDF / The evaluation as PDF',
        params: idParams,
        response: problemResponses(401, 404),
      },
    },
    report('pdf'),
  );

  app.post(
    '/api/capability-evaluations',
    {
      schema: {
        tags,
        summary:
          '计算并保存能力评价：数据 + 评价人打分（质量部）/ Compute and store an evaluation from the data and the assessor’s scores (quality)',
        body: evaluationBody,
        response: { 201: evaluationSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const user = currentUser(request);
      const e = await runEvaluation(
        db,
        { ...actorOf(request), name: user.displayName },
        {
          period: periodOf(b.from, b.to, now()),
          subject: b.subject,
          assessment: b.assessment,
          note: b.note ?? null,
        },
        now(),
      );
      return reply.status(201).send(e);
    },
  );

  app.post(
    '/api/capability-evaluations/:id/actions',
    {
      schema: {
        tags,
        summary: '由评价发现提出改进措施 / Raise an improvement action from a finding',
        params: idParams,
        body: z.object({
          criterion: z.enum(CRITERIA),
          dueDate: day.nullish(),
          ownerDepartment: z.enum(DEPARTMENTS).optional(),
        }),
        response: { 201: actionSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { criterion, dueDate, ownerDepartment } = request.body;
      const action = await raiseActionFromFinding(
        db,
        actorOf(request),
        request.params.id,
        criterion,
        { ...(dueDate !== undefined ? { dueDate } : {}), ...(ownerDepartment ? { ownerDepartment } : {}) },
        now(),
      );
      return reply.status(201).send(action);
    },
  );
};
