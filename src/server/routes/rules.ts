// Contract-classification rules over HTTP: read by everyone signed in, changed by quality and admin.
// Every change is a new version; a rule that does not validate is refused with each problem listed
// (errors[].path points into the request body) and nothing is saved.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { currentUser } from '../../auth/authenticate.js';
import { factCatalogue } from '../../rules/fact-catalogue.js';
import {
  createRule,
  getRule,
  getRuleVersion,
  listRules,
  listRuleVersions,
  restoreRuleVersion,
  type StoredRule,
  setRuleEnabled,
  updateRule,
} from '../../rules/rule-repository.js';
import { analyzeWithStore } from '../../rules/store-classification.js';
import { dryRunWithStore, MAX_DRY_RUN_MESSAGES } from '../../rules/store-dry-run.js';
import { RuleSetInvalidError, type ValidationProblem } from '../../rules/validate.js';
import { AppError, type FieldError } from '../../shared/errors.js';
import { day, text } from '../../shared/values.js';
import type { Actor } from '../../store/audit.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';
import { conditionTreeSchema } from './rule-conditions.js';

/** `rules[0].conditions.all[1].fact` → `/rules/0/conditions/all/1/fact`, under `prefix`. */
export function problemPointer(prefix: string, path: string): string {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '');
  return [prefix, ...parts].join('/') || '/';
}

export function fieldErrorsOf(problems: ValidationProblem[], prefix: string): FieldError[] {
  return problems.map((p) => ({
    in: 'body',
    path: problemPointer(prefix, p.path),
    message: `${p.message.zh} / ${p.message.en}`,
  }));
}

function invalidRule(problems: ValidationProblem[], prefix: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    {
      zh: `规则无效，共 ${problems.length} 处问题，未保存`,
      en: `invalid rule, ${problems.length} problem(s), nothing saved`,
    },
    { errors: fieldErrorsOf(problems, prefix) },
  );
}

/** Runs a repository write, turning validation failures into a 400 naming each problem. */
async function saving<T>(prefix: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RuleSetInvalidError) throw invalidRule(err.problems, prefix);
    throw err;
  }
}

const conditionSchema = z
  .record(z.string(), z.unknown())
  .describe('json-rules-engine 条件（all / any / not / condition / fact）/ condition tree');

export const ruleDefinitionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    priority: z.number().int(),
    enabled: z.boolean(),
    conditions: conditionSchema,
    event: z.object({
      type: z.enum(['special', 'temporary']),
      params: z.object({
        code: z.string(),
        explanationTemplate: z.string(),
        severity: z.enum(['high', 'medium', 'low']),
      }),
    }),
  })
  .meta({ id: 'RuleDefinition', description: '分类规则 / classification rule' });

const storedRuleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    version: z.number().int(),
    definition: ruleDefinitionSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'StoredRule' });

const ruleVersionSchema = z
  .object({
    ruleId: z.string(),
    version: z.number().int(),
    definition: ruleDefinitionSchema,
    changeNote: z.string().nullable(),
    author: z.string().nullable(),
    authorDepartment: z.string().nullable(),
    authorName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'RuleVersion' });

// The condition tree's shape is checked here (conditionTreeSchema: each wrong node at its path);
// the rest of the rule by validateRuleSet, which reports every problem with its path. A zod shape for
// the whole rule would stop at the first layer and hide unknown facts or templates behind it.
const ruleInput = z
  .looseObject({ conditions: conditionTreeSchema.optional() })
  .describe('规则定义（见 RuleDefinition）/ rule definition (see RuleDefinition)');

const changeNote = text(500)
  .transform((s) => s.trim())
  .optional()
  .describe('修改说明 / change note');

const ruleIdParams = z.object({ id: z.string().min(1).max(200) });

const factSchema = z.object({
  name: z.string(),
  type: z.enum(['number', 'boolean', 'string', 'string[]']),
  label: z.object({ zh: z.string(), en: z.string() }),
  operators: z.array(z.object({ name: z.string(), zh: z.string(), en: z.string(), takesList: z.boolean() })),
  values: z.array(z.string()).readonly().optional(),
  missingAs: z.string(),
  gate: z.boolean(),
  unit: z
    .object({ zh: z.string(), en: z.string() })
    .optional()
    .describe('数值的单位 / unit of a number fact'),
});

const snapshotSchema = z.object({
  class: z.enum(['regular', 'special', 'temporary']).nullable(),
  reasons: z.array(z.string()),
});

const dryRunBody = z.object({
  rules: z
    .array(ruleInput)
    .max(200)
    .optional()
    .describe('草稿规则：同 id 替换当前规则，新 id 为新增 / draft rules: replace same id, else added'),
  messages: z
    .array(
      z.object({
        id: text(100).optional(),
        text: text(500_000).min(1),
        refDate: day.optional(),
        channel: text(40).optional(),
        customerName: text(200).optional(),
      }),
    )
    .max(MAX_DRY_RUN_MESSAGES)
    .optional()
    .describe('要评估的消息；省略时用最近 N 条已存分析 / messages; omitted → latest stored analyses'),
  last: z.number().int().min(1).max(MAX_DRY_RUN_MESSAGES).optional(),
});

const dryRunResponse = z.object({
  source: z.enum(['messages', 'stored_analyses']),
  changedCount: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      before: snapshotSchema,
      after: snapshotSchema,
      changed: z.boolean(),
      addedReasons: z.array(z.string()),
      removedReasons: z.array(z.string()),
    }),
  ),
});

const evaluateBody = z.object({
  text: text(500_000).min(1),
  refDate: day.optional(),
  channel: text(40).optional(),
  customerName: text(200).optional(),
});

const evaluateResponse = z.object({
  class: z.enum(['regular', 'special', 'temporary']).nullable(),
  reasons: z.array(z.object({ code: z.string(), explanation: z.string(), ruleId: z.string() })),
  temporaryBasis: z.object({ ruleId: z.string(), explanation: z.string() }).nullable(),
  totalWeightTonnes: z.number().nullable(),
  evaluations: z.array(
    z.object({
      ruleId: z.string(),
      outcome: z.enum(['fired', 'not_fired', 'not_evaluable']),
      missing: z.array(z.string()).optional(),
      explanation: z.string().optional(),
    }),
  ),
  requirementFlags: z.array(
    z.object({ index: z.number().int(), special: z.literal(true), ruleId: z.string(), code: z.string() }),
  ),
  reviewRouting: z
    .object({ mode: z.enum(['countersign', 'meeting', 'sales_planner']), departments: z.array(z.string()) })
    .nullable(),
  facts: z.record(z.string(), z.unknown()),
  missingFacts: z.array(z.string()),
  customerId: z.string().nullable(),
  applicableCsr: z.array(z.object({ id: z.string(), text: z.string(), category: z.string().nullable() })),
});

function actorOf(request: FastifyRequest): Actor {
  const u = currentUser(request);
  return { id: u.id, department: u.department };
}

function found(rule: StoredRule | null, id: string): StoredRule {
  if (!rule) throw new AppError('NOT_FOUND', { zh: `未找到规则 ${id}`, en: `rule ${id} not found` });
  return rule;
}

export const rulesRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx.store;
  const tags = ['rules'];

  app.get(
    '/api/rules',
    {
      schema: {
        tags,
        summary: '当前规则 / Current rules',
        response: { 200: z.object({ items: z.array(storedRuleSchema) }), ...problemResponses(401) },
      },
    },
    async () => ({ items: await listRules(db) }),
  );

  app.get(
    '/api/rules/facts',
    {
      schema: {
        tags,
        summary: '事实目录（规则编辑器用）/ Fact catalogue for the rule editor',
        response: { 200: z.object({ items: z.array(factSchema) }), ...problemResponses(401) },
      },
    },
    async () => ({ items: factCatalogue() }),
  );

  const dryRun = {
    schema: {
      tags,
      summary: '试运行草稿规则 / Dry-run draft rules against messages or recent analyses',
      body: dryRunBody,
      response: { 200: dryRunResponse, ...problemResponses(400, 401) },
    },
  };
  const dryRunHandler = async (request: FastifyRequest<{ Body: z.infer<typeof dryRunBody> }>) => {
    const { rules, messages, last } = request.body;
    const report = await dryRunWithStore(ctx.store, {
      ...(rules ? { rules } : {}),
      ...(messages ? { messages } : {}),
      ...(last ? { last } : {}),
    });
    if (report.problems.length > 0) throw invalidRule(report.problems, '');
    return { source: report.source, changedCount: report.changedCount, items: report.items };
  };
  app.post('/api/rules/dry-run', dryRun, dryRunHandler);
  // The name for the same thing.
  app.post('/api/rules/test', { ...dryRun, schema: { ...dryRun.schema, hide: true } }, dryRunHandler);

  app.post(
    '/api/rules/evaluate',
    {
      schema: {
        tags,
        summary:
          '用当前规则评估一条消息：每条规则的结果（触发/未触发/缺少事实）/ Evaluate one message: every rule’s outcome',
        body: evaluateBody,
        response: { 200: evaluateResponse, ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { text, refDate, channel, customerName } = request.body;
      const out = await analyzeWithStore(ctx.store, {
        text,
        ...(refDate ? { refDate } : {}),
        ...(channel ? { channel } : {}),
        ...(customerName ? { customerName } : {}),
      });
      const c = out.classification;
      const facts: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(c.facts.values)) if (v !== undefined) facts[k] = v;
      return {
        class: c.class,
        reasons: c.reasons,
        temporaryBasis: c.temporaryBasis ?? null,
        totalWeightTonnes: c.totalWeightTonnes,
        evaluations: c.evaluations,
        requirementFlags: c.requirementFlags,
        reviewRouting: c.reviewRouting,
        facts,
        missingFacts: Object.keys(c.facts.values).filter((k) => c.facts.values[k] === undefined),
        customerId: out.customerId,
        applicableCsr: out.applicableCsr.map((e) => ({
          id: e.id,
          text: e.text,
          category: e.category ?? null,
        })),
      };
    },
  );

  app.get(
    '/api/rules/:id',
    {
      schema: {
        tags,
        summary: '规则当前版本 / A rule',
        params: ruleIdParams,
        response: { 200: storedRuleSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => found(await getRule(db, request.params.id), request.params.id),
  );

  app.post(
    '/api/rules',
    {
      schema: {
        tags,
        summary: '新建规则（质量部/管理员）/ Create a rule (quality, admin)',
        body: z.object({ rule: ruleInput, changeNote }),
        response: { 201: storedRuleSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { rule, changeNote: note } = request.body;
      const saved = await saving('/rule', () =>
        createRule(db, actorOf(request), rule, { changeNote: note ?? null }),
      );
      return reply.status(201).send(saved);
    },
  );

  app.put(
    '/api/rules/:id',
    {
      schema: {
        tags,
        summary: '保存规则新版本（质量部/管理员）/ Save a new version of a rule (quality, admin)',
        params: ruleIdParams,
        body: z.object({
          rule: ruleInput,
          changeNote,
          expectedVersion: z
            .number()
            .int()
            .min(1)
            .optional()
            .describe('编辑时的版本；已被他人修改则 409 / version edited; 409 when changed since'),
        }),
        response: { 200: storedRuleSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { rule, changeNote: note, expectedVersion } = request.body;
      return saving('/rule', () =>
        updateRule(db, actorOf(request), request.params.id, rule, {
          changeNote: note ?? null,
          ...(expectedVersion !== undefined ? { expectedVersion } : {}),
        }),
      );
    },
  );

  app.post(
    '/api/rules/:id/enabled',
    {
      schema: {
        tags,
        summary: '启用/停用规则（质量部/管理员）/ Enable or disable a rule (quality, admin)',
        params: ruleIdParams,
        body: z.object({ enabled: z.boolean(), changeNote }),
        response: { 200: storedRuleSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      saving('/rule', () =>
        setRuleEnabled(db, actorOf(request), request.params.id, request.body.enabled, {
          ...(request.body.changeNote ? { changeNote: request.body.changeNote } : {}),
        }),
      ),
  );

  app.get(
    '/api/rules/:id/versions',
    {
      schema: {
        tags,
        summary: '规则版本历史（新→旧）/ Version history, newest first',
        params: ruleIdParams,
        response: { 200: z.object({ items: z.array(ruleVersionSchema) }), ...problemResponses(401, 404) },
      },
    },
    async (request) => ({ items: await listRuleVersions(db, request.params.id) }),
  );

  app.get(
    '/api/rules/:id/versions/:version',
    {
      schema: {
        tags,
        summary: '查看规则历史版本 / One earlier version',
        params: ruleIdParams.extend({ version: z.coerce.number().int().min(1) }),
        response: { 200: ruleVersionSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { id, version } = request.params;
      const v = await getRuleVersion(db, id, version);
      if (!v)
        throw new AppError('NOT_FOUND', {
          zh: `规则 ${id} 没有版本 ${version}`,
          en: `rule ${id} has no version ${version}`,
        });
      return v;
    },
  );

  app.post(
    '/api/rules/:id/restore',
    {
      schema: {
        tags,
        summary: '恢复历史版本（生成新版本）/ Restore an earlier version as a new version',
        params: ruleIdParams,
        body: z.object({ version: z.number().int().min(1), changeNote }),
        response: { 200: storedRuleSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      saving('/rule', () =>
        restoreRuleVersion(db, actorOf(request), request.params.id, request.body.version, {
          ...(request.body.changeNote ? { changeNote: request.body.changeNote } : {}),
        }),
      ),
  );
};
