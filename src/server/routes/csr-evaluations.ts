// The CSR identification and evaluation table (顾客特殊要求识别与评价表) over HTTP: every register
// entry with its evaluation, the entries due for review, saving one evaluation (sales, engineering,
// quality, GM; a stale version is refused), its history and the table as XLSX/CSV with the form's
// Chinese headers.
import { z } from 'zod';
import { REQUIREMENT_CATEGORIES } from '../../analysis/result.js';
import {
  CSR_EVALUATION_STATUSES,
  CSR_FEASIBILITY,
  CSR_RESPONSIBLE,
  csrEvaluationHistory,
  csrTableExport,
  getCsrEvaluation,
  listCsrTable,
  saveCsrEvaluation,
} from '../../customers/csr-evaluation.js';
import { CSR_STATUSES } from '../../customers/customer-repository.js';
import { AppError } from '../../shared/errors.js';
import { day, optionalText } from '../../shared/values.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';
import { actorOf, exportQuery, sendTable } from './catalog.js';

const tags = ['customers'];

const evaluationSchema = z.object({
  csrId: z.string(),
  feasible: z.enum(CSR_FEASIBILITY).describe('能否满足 / can it be met'),
  conditions: z.string().nullable(),
  cost: z.string().nullable(),
  timeNeeded: z.string().nullable(),
  responsibleDepartment: z.enum(CSR_RESPONSIBLE),
  actions: z.string().nullable(),
  status: z.enum(CSR_EVALUATION_STATUSES),
  nextReviewDate: z.string(),
  version: z.number().int(),
  evaluatedBy: z.string().nullable(),
  evaluatedByName: z.string().nullable(),
  evaluatedAt: z.string(),
});

const rowSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    sourceDocument: z.string().nullable(),
    clause: z.string().nullable(),
    text: z.string(),
    category: z.enum(REQUIREMENT_CATEGORIES),
    appliesTo: z.string().nullable(),
    department: z.string().nullable(),
    effectiveFrom: z.string().nullable(),
    effectiveTo: z.string().nullable(),
    status: z.enum(CSR_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
    evaluation: evaluationSchema.nullable().describe('未评价时为空 / null until evaluated'),
    reviewDue: z.boolean().describe('未评价或 30 天内到期复核 / not evaluated or review due within 30 days'),
    overdue: z.boolean(),
  })
  .meta({
    id: 'CsrEvaluationRow',
    description: '顾客特殊要求识别与评价表的一行 / one row of the CSR evaluation table',
  });

const listQuery = z.object({
  customerId: z.string().max(100).optional(),
  view: z.enum(['all', 'due', 'unevaluated']).default('all'),
});

const csrParams = z.object({ csrId: z.string().min(1).max(100) });

export const csrEvaluationRoutes: RouteModule = async (app, ctx) => {
  const { db } = ctx.store;

  app.get(
    '/api/csr/evaluations',
    {
      schema: {
        tags,
        summary: '顾客特殊要求识别与评价表 / The CSR identification and evaluation table',
        querystring: listQuery,
        response: {
          200: z.object({ items: z.array(rowSchema), due: z.number().int() }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const items = await listCsrTable(db, request.query, ctx.clock());
      return { items, due: items.filter((r) => r.reviewDue).length };
    },
  );

  app.get(
    '/api/csr/evaluations/export',
    {
      schema: {
        tags,
        summary: '导出顾客特殊要求识别与评价表（XLSX/CSV，中文表头）/ Export the table (Chinese headers)',
        querystring: listQuery.extend(exportQuery.shape),
        response: problemResponses(400, 401, 403),
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const rows = await listCsrTable(db, filter, ctx.clock());
      return sendTable(
        reply,
        csrTableExport(rows),
        format,
        '顾客特殊要求识别与评价表',
        '顾客特殊要求识别与评价表',
      );
    },
  );

  app.put(
    '/api/csr/:csrId/evaluation',
    {
      schema: {
        tags,
        summary: '评价一条顾客特殊要求 / Evaluate one CSR entry',
        params: csrParams,
        body: z.object({
          feasible: z.enum(CSR_FEASIBILITY),
          conditions: optionalText(2000),
          cost: optionalText(500),
          timeNeeded: optionalText(200),
          responsibleDepartment: z.enum(CSR_RESPONSIBLE),
          actions: optionalText(4000),
          status: z.enum(CSR_EVALUATION_STATUSES),
          nextReviewDate: day,
          version: z
            .number()
            .int()
            .min(0)
            .describe('上次读到的版本，首次评价为 0 / the version last read, 0 at first'),
        }),
        response: { 200: rowSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return saveCsrEvaluation(db, actorOf(request), request.params.csrId, input, version, ctx.clock());
    },
  );

  app.get(
    '/api/csr/:csrId/evaluation/history',
    {
      schema: {
        tags,
        summary: '一条顾客特殊要求的评价历史 / The evaluation history of one CSR entry',
        params: csrParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                at: z.string(),
                actorId: z.string().nullable(),
                actorName: z.string().nullable(),
                before: z.record(z.string(), z.unknown()).nullable(),
                after: z.record(z.string(), z.unknown()).nullable(),
              }),
            ),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      if (!(await getCsrEvaluation(db, request.params.csrId, ctx.clock())))
        throw new AppError('NOT_FOUND', {
          zh: `未找到顾客特殊要求 ${request.params.csrId}`,
          en: `CSR entry ${request.params.csrId} not found`,
        });
      return { items: await csrEvaluationHistory(db, request.params.csrId) };
    },
  );
};
