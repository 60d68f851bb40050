// Contract cases over HTTP: open from an analysed intake record or by hand, the ledger (filtered,
// paged, exported), the full case, every workflow step (generic events endpoint plus one endpoint
// per step), and the review record as PDF and XLSX. Refusals come back as problem+json with the
// workflow's Chinese-first message and its stable refusal code in `reason`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CONTRACT_CLASSES,
  PRIORITIES,
  REQUIREMENT_CATEGORIES,
  REQUIREMENT_KINDS,
} from '../../analysis/result.js';
import { currentUser } from '../../auth/authenticate.js';
import { DEPARTMENTS } from '../../auth/roles.js';
import {
  actorFor,
  applyCaseEvent,
  findContractId,
  loadCase,
  openCaseFromIntake,
  openContractCase,
} from '../../contracts/case-repository.js';
import { contractCaseView } from '../../contracts/case-view.js';
import { COMPLIANCE_FILTERS, LEDGER_SORTS, ledgerTable, queryLedger } from '../../contracts/ledger.js';
import { meetingCandidates } from '../../contracts/meeting-participants.js';
import { loadRecordSource, reviewRecordPdf, reviewRecordXlsx } from '../../contracts/record-files.js';
import { loadReviewConfig } from '../../contracts/review-config.js';
import { confirmNewCustomer, proposalForContract } from '../../customers/new-customer.js';
import { contractTermsSchema, parseReviewEvent, temporaryBasisFields } from '../../review/event-schema.js';
import { reviewedOrderSchema } from '../../review/order-schema.js';
import { ACTOR_EVENTS } from '../../review/workflow.js';
import { AppError } from '../../shared/errors.js';
import { identifier, instant, requiredText, text } from '../../shared/values.js';
import type { RouteModule } from '../context.js';
import { attachmentHeader, datedBaseName } from '../download-name.js';
import { problemResponses } from '../problem.js';
import { actorOf, sendTable } from './catalog.js';
import { confirmedNewCustomerSchema, confirmNewCustomerBody } from './customers.js';
import { notificationsRoutes } from './notifications.js';
import { sortQuery } from './sorting.js';
import { todosRoutes } from './todos.js';
import { workbenchRoutes } from './workbench.js';

const tags = ['contracts'];

const requirementInput = z.object({
  text: requiredText(20_000),
  category: z.enum(REQUIREMENT_CATEGORIES),
  kind: z.enum(REQUIREMENT_KINDS),
  special: z.boolean().default(false),
  priority: z.enum(PRIORITIES).default('normal'),
});

const temporaryBasis = z
  .object(temporaryBasisFields)
  .describe(
    "临时合同依据：原因、客户下达人、时间、方式（口头/电话/信函）；临时合同开始评审前必须有 / a temporary contract's basis: why, who gave it, when, how (verbal/phone/letter); required before its review starts",
  );

const manualBody = z
  .object({
    customerName: requiredText(200),
    customerId: identifier().nullish(),
    contractClass: z.enum(CONTRACT_CLASSES),
    reasons: z
      .array(z.object({ code: text(100), explanation: text(4000) }))
      .max(100)
      .optional(),
    departments: z
      .array(z.enum(DEPARTMENTS))
      .optional()
      .describe(
        '评审部门；不填 = 按评审策略路由表；不得少于路由表对本类合同及其内容的规定（→ 422）/ omitted = the routing table; may not name fewer than the table gives the class and content (→ 422)',
      ),
    totalWeightTonnes: z.number().min(0).max(1e9).nullish(),
    receivedAt: instant.optional(),
    items: contractTermsSchema.shape.items,
    delivery: contractTermsSchema.shape.delivery,
    paymentTerms: contractTermsSchema.shape.paymentTerms,
    requirements: z.array(requirementInput).max(1000),
    samplesAreAcceptanceStandard: z.boolean().optional(),
    temporaryBasis: temporaryBasis.optional(),
  })
  .meta({ id: 'ManualContract', description: '手工建立合同评审 / open a case by hand' });

const intakeBody = z
  .object({
    intakeId: identifier(),
    contractClass: z.enum(CONTRACT_CLASSES).optional(),
    customerName: requiredText(200).optional(),
    order: reviewedOrderSchema
      .optional()
      .describe(
        '录入页核对/更正后的订单；给出时按此评审，分析结果另存 / the order as corrected on the intake page; reviewed instead of the analysed one, which is kept',
      ),
    temporaryBasis: temporaryBasis.optional(),
  })
  .meta({
    id: 'ContractFromIntake',
    description: '从已分析的收件建立 / open from an analysed intake record',
  });

const ledgerQuery = z.object({
  customer: z.string().trim().max(200).optional().describe('客户名称或 id / customer name or id'),
  class: z.enum(CONTRACT_CLASSES).optional(),
  status: z.string().max(40).optional().describe('评审阶段 / review stage'),
  from: z.string().max(30).optional().describe('收到日期起 / received from (YYYY-MM-DD)'),
  to: z.string().max(30).optional().describe('收到日期止 / received to (YYYY-MM-DD)'),
  compliance: z.enum(COMPLIANCE_FILTERS).optional().describe('48 小时反馈 / 48-hour feedback'),
  q: z.string().trim().max(200).optional().describe('全文搜索 / full-text search'),
  ...sortQuery(LEDGER_SORTS, 'receivedAt'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

const ledgerRow = z.looseObject({
  id: z.string(),
  number: z.string(),
  customer: z.string(),
  class: z.string().nullable(),
  status: z.string(),
  receivedAt: z.string(),
  feedbackDueAt: z.string().nullable(),
  feedbackCompliant: z.boolean().nullable(),
  overdue: z.boolean(),
});

const caseSchema = z
  .looseObject({
    id: z.string(),
    number: z.string(),
    stage: z.string(),
    version: z.number().int().describe('乐观并发版本 / send back as expectedVersion'),
    contractVersion: z.number().int(),
    requirements: z.array(z.any()).describe('需求及来源、版本历史 / requirements with sources and history'),
    departments: z.array(z.any()).describe('各部门评审状态 / required departments with status'),
    feedbackClock: z.any().describe('48 小时反馈：deadline、remainingMs、overdue'),
    history: z.array(z.any()),
    revisionNo: z.number().int().describe('作废重签次数（合同号 -R<n>）/ how often voided and re-signed'),
    rounds: z
      .array(z.any())
      .describe('各轮评审（含变更前各轮，按原样）/ every review round, earlier ones as they were'),
    actions: z
      .record(
        z.string(),
        z.object({
          allowed: z.boolean(),
          reason: z
            .object({ code: z.string(), message: z.object({ zh: z.string(), en: z.string() }) })
            .nullable(),
        }),
      )
      .describe(
        '当前用户现在可办的步骤（与服务器同一检查），不可办时附原因 / the steps the signed-in user may take now, by the check the server runs, with the refusal where not',
      ),
  })
  .meta({ id: 'ContractCase' });

const idParams = z.object({ id: z.string().min(1).describe('合同 id 或合同号 / contract id or number') });

// The steps a person takes: the workflow's own list, so the API accepts exactly what it decides.
const CLIENT_EVENTS = ACTOR_EVENTS;

const eventBody = z
  .looseObject({
    type: z.enum(CLIENT_EVENTS),
    expectedVersion: z.number().int().optional().describe('上次读取的 version / the version last read'),
  })
  .meta({ id: 'ReviewEventBody', description: '评审事件及其内容 / a workflow event with its payload' });

const stepBody = z
  .looseObject({ expectedVersion: z.number().int().optional() })
  .describe('该步骤的内容（见 ReviewEventBody）/ the payload of this step');

/** One endpoint per workflow step; each is the generic event with its type fixed. */
const STEP_ENDPOINTS: { path: string; type: (typeof CLIENT_EVENTS)[number]; zh: string; en: string }[] = [
  {
    path: 'requirements',
    type: 'EDIT_REQUIREMENTS',
    zh: '编辑/接受需求',
    en: 'Edit, accept or add requirements',
  },
  {
    path: 'requirements/confirm',
    type: 'CONFIRM_REQUIREMENTS',
    zh: '确认需求',
    en: 'Confirm the requirements',
  },
  { path: 'questions', type: 'ASK_CUSTOMER', zh: '向客户提问', en: 'Record a question to the customer' },
  {
    path: 'questions/answer',
    type: 'CUSTOMER_ANSWERED',
    zh: '记录客户答复',
    en: "Record the customer's answer",
  },
  { path: 'reviews/sign', type: 'SIGN_REVIEW', zh: '部门评审签署', en: 'Sign a department review' },
  {
    path: 'meeting',
    type: 'RECORD_MEETING',
    zh: '提交评审会议纪要与决定（待参加人确认）',
    en: 'Propose the review meeting minutes (each participant then confirms)',
  },
  {
    path: 'meeting/confirm',
    type: 'CONFIRM_MEETING',
    zh: '参加人本人确认出席及会议决定',
    en: 'A participant confirms their attendance and the decisions, in their own session',
  },
  { path: 'negotiations', type: 'RECORD_NEGOTIATION', zh: '记录与客户协商', en: 'Record a negotiation' },
  { path: 'gm-decision', type: 'GM_DECIDE', zh: '总经理决定', en: "Record the GM's decision" },
  { path: 'conclusion', type: 'SIGN_CONCLUSION', zh: '签署评审结论', en: 'Sign the conclusion' },
  { path: 'feedback-sent', type: 'SEND_FEEDBACK', zh: '已向客户反馈', en: 'Feedback sent to the customer' },
  { path: 'customer-confirmation', type: 'CUSTOMER_CONFIRMED', zh: '客户确认', en: 'Customer confirmation' },
  { path: 'amendments', type: 'AMEND', zh: '合同变更', en: 'Amend the contract' },
  { path: 'void', type: 'VOID', zh: '作废评审', en: 'Void the review' },
  {
    path: 'temporary-basis',
    type: 'RECORD_TEMPORARY_BASIS',
    zh: '记录临时合同依据（负责销售；{reason, statedBy, statedAt, channel}）',
    en: "Record a temporary contract's basis (the case owner; {reason, statedBy, statedAt, channel})",
  },
  {
    path: 'departments',
    type: 'ADD_DEPARTMENT',
    zh: '增加评审部门（负责销售；{department, reason}）',
    en: 'Add a reviewing department (the case owner; {department, reason})',
  },
  {
    path: 'departments/remove',
    type: 'REMOVE_DEPARTMENT',
    zh: '移出评审部门（不能少于评审策略规定 → 422）',
    en: 'Remove a reviewing department (never below the review policy → 422)',
  },
];

export const contractsRoutes: RouteModule = (app, ctx) => {
  const db = ctx.store.db;
  const config = () => loadReviewConfig(db);

  const view = async (request: FastifyRequest, contractId: string) => ({
    ...(await withPeople(
      await contractCaseView(db, contractId, currentUser(request), ctx.clock(), await config()),
    )),
    newCustomer: await proposalForContract(db, contractId),
  });

  /** Display names of everyone the case mentions, so the page shows people rather than user ids. */
  async function withPeople<
    T extends {
      owner: string;
      history: { by: string | null }[];
      departments: { signature: { userId: string } | null }[];
      meeting: { participants: { userId: string }[] } | null;
      rounds: {
        signOffs: { signature: { userId: string } | null }[];
        meeting: { participants: { userId: string }[] } | null;
      }[];
    },
  >(c: T) {
    const mentioned = [
      c.owner,
      ...c.history.map((h) => h.by),
      ...c.departments.map((d) => d.signature?.userId),
      ...(c.meeting?.participants.map((p) => p.userId) ?? []),
      ...c.rounds.flatMap((r) => [
        ...r.signOffs.map((s) => s.signature?.userId),
        ...(r.meeting?.participants.map((p) => p.userId) ?? []),
      ]),
    ];
    const ids = [...new Set(mentioned.filter((x): x is string => !!x))];
    const rows = ids.length
      ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()
      : [];
    return { ...c, people: Object.fromEntries(rows.map((r) => [r.id, r.display_name])) };
  }

  async function applyFromBody(request: FastifyRequest, idOrNumber: string, body: Record<string, unknown>) {
    const user = currentUser(request);
    const contractId = await findContractId(db, idOrNumber);
    const { expectedVersion, actor: _ignored, expectedRevision: _r, ...payload } = body;
    const parsed = parseReviewEvent({
      ...payload,
      actor: actorFor(user),
      ...(typeof expectedVersion === 'number' ? { expectedRevision: expectedVersion } : {}),
    });
    if (!parsed.ok) {
      throw new AppError(
        'VALIDATION_FAILED',
        {
          zh: `评审事件内容不正确：${parsed.issues.join('；')}`,
          en: `invalid event: ${parsed.issues.join('; ')}`,
        },
        {
          errors: parsed.issues.map((i) => ({
            in: 'body',
            path: `/${i.split(':')[0]!.replaceAll('.', '/')}`,
            message: i,
          })),
        },
      );
    }
    await applyCaseEvent(db, contractId, parsed.event, { now: ctx.clock(), config: await config() });
    return view(request, contractId);
  }

  app.post(
    '/api/contracts',
    {
      schema: {
        tags,
        summary: '建立合同评审（从已分析收件或手工）/ Open a contract case from an intake record or by hand',
        // Manual first: when both alternatives fail equally, the error names the manual form's field.
        body: z.union([manualBody, intakeBody]),
        response: { 201: caseSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const caseCtx = {
        actor: { id: user.id, department: user.department },
        now: ctx.clock(),
        config: await config(),
      };
      const body = request.body;
      const opened =
        'intakeId' in body
          ? await openCaseFromIntake(db, body.intakeId, caseCtx, {
              ...(body.contractClass ? { contractClass: body.contractClass } : {}),
              ...(body.customerName ? { customerName: body.customerName } : {}),
              ...(body.order ? { order: body.order } : {}),
              ...(body.temporaryBasis ? { temporaryBasis: body.temporaryBasis } : {}),
            })
          : await openContractCase(db, { ...body, customerId: body.customerId ?? null }, caseCtx);
      return reply.status(201).send(await view(request, opened.contractId));
    },
  );

  app.get(
    '/api/contracts',
    {
      schema: {
        tags,
        summary: '合同台账（筛选、分页）/ Contract ledger, filtered and paged',
        querystring: ledgerQuery,
        response: {
          200: z.object({ items: z.array(ledgerRow), total: z.number().int() }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => queryLedger(db, ctx.store.caps, request.query, ctx.clock()),
  );

  app.get(
    '/api/contracts/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出合同台账 XLSX / Export the ledger as XLSX',
        querystring: ledgerQuery.omit({ page: true, pageSize: true }),
        response: { ...problemResponses(400, 401) },
      },
    },
    async (request, reply) =>
      sendTable(
        reply,
        await ledgerTable(db, ctx.store.caps, request.query, ctx.clock()),
        'xlsx',
        await datedBaseName(db, '合同台账', ctx.clock()),
        '合同台账',
      ),
  );

  app.get(
    '/api/contracts/:id',
    {
      schema: {
        tags,
        summary: '合同评审案件全貌 / The full contract case',
        params: idParams,
        response: { 200: caseSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => view(request, await findContractId(db, request.params.id)),
  );

  app.post(
    '/api/contracts/:id/new-customer',
    {
      schema: {
        tags,
        summary:
          '确认新客户：建客户记录并关联本合同及其收件 / Confirm the proposed new customer: create it and link this case and its intake',
        params: idParams,
        body: confirmNewCustomerBody,
        response: { 201: confirmedNewCustomerSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const contractId = await findContractId(db, request.params.id);
      const { name, contact } = request.body ?? {};
      const out = await confirmNewCustomer(db, actorOf(request), {
        contractId,
        ...(name ? { name } : {}),
        ...(contact !== undefined ? { contact } : {}),
      });
      return reply.status(201).send(out);
    },
  );

  app.post(
    '/api/contracts/:id/events',
    {
      schema: {
        tags,
        summary: '提交评审事件 / Apply a workflow event (expectedVersion → 409 when stale)',
        params: idParams,
        body: eventBody,
        response: { 200: caseSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => applyFromBody(request, request.params.id, request.body),
  );

  for (const endpoint of STEP_ENDPOINTS) {
    app.post(
      `/api/contracts/:id/${endpoint.path}`,
      {
        schema: {
          tags,
          summary: `${endpoint.zh} / ${endpoint.en} (${endpoint.type})`,
          params: idParams,
          body: stepBody,
          response: { 200: caseSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request) => applyFromBody(request, request.params.id, { ...request.body, type: endpoint.type }),
    );
  }

  app.get(
    '/api/contracts/:id/meeting-candidates',
    {
      schema: {
        tags,
        summary:
          '评审会议可选参加人（各评审部门及总经理的在职人员）/ Who may attend the review meeting for each department',
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                userId: z.string(),
                displayName: z.string(),
                department: z.string().describe('代表的部门 / the department they would stand for'),
                ownDepartment: z.string(),
              }),
            ),
          }),
          ...problemResponses(401, 404),
        },
      },
    },
    async (request) => {
      const contractId = await findContractId(db, request.params.id);
      const loaded = await loadCase(db, contractId);
      return { items: await meetingCandidates(db, loaded.state.context, await config()) };
    },
  );

  async function recordOf(idOrNumber: string) {
    const contractId = await findContractId(db, idOrNumber);
    const loaded = await loadCase(db, contractId);
    return { source: await loadRecordSource(db, contractId), state: loaded.state };
  }

  app.get(
    '/api/contracts/:id/record.pdf',
    {
      schema: {
        tags,
        summary: '合同评审表 PDF / Review record as PDF',
        params: idParams,
        response: problemResponses(401, 404),
      },
    },
    async (request, reply) => {
      const r = await recordOf(request.params.id);
      const pdf = await reviewRecordPdf(r.source, r.state, ctx.clock(), await config());
      return (reply as FastifyReply)
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachmentHeader(`${r.source.number}-合同评审表.pdf`))
        .send(pdf);
    },
  );

  app.get(
    '/api/contracts/:id/record.xlsx',
    {
      schema: {
        tags,
        summary: '合同评审表 XLSX / Review record as XLSX',
        params: idParams,
        response: problemResponses(401, 404),
      },
    },
    async (request, reply) => {
      const r = await recordOf(request.params.id);
      const xlsx = await reviewRecordXlsx(r.source, r.state, ctx.clock(), await config());
      return (reply as FastifyReply)
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentHeader(`${r.source.number}-合同评审表.xlsx`))
        .send(xlsx);
    },
  );

  // The workbench and the inbox belong to the review workflow and register with it.
  workbenchRoutes(app, ctx);
  todosRoutes(app, ctx);
  notificationsRoutes(app, ctx);
};
