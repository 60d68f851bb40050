// Customers, their contacts and their customer-specific requirements (CSR register) over HTTP.
// Everyone signed in reads; sales, quality and admin change. The CSR matrix shows, per customer,
// how many requirements of each category are on file, and exports the register as CSV/XLSX.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REQUIREMENT_CATEGORIES } from '../../analysis/result.js';
import {
  addContact,
  BACKGROUND_FIELDS,
  CSR_STATUSES,
  CUSTOMER_SORTS,
  createCsrEntry,
  createCustomer,
  deleteContact,
  deleteCsrEntry,
  deleteCustomer,
  getCsrEntry,
  getCustomer,
  listCsrEntries,
  listCustomers,
  setCustomerActive,
  updateContact,
  updateCsrEntry,
  updateCustomer,
} from '../../customers/customer-repository.js';
import { exportCustomers, importCustomers } from '../../customers/customers-transfer.js';
import { buildCsrMatrix, REGISTER_HEADER, registerRows } from '../../rules/csr-matrix.js';
import { importCsr } from '../../rules/csr-transfer.js';
import { AppError } from '../../shared/errors.js';
import { day as dayValue, optionalText, requiredText, text, year } from '../../shared/values.js';
import type { RouteModule } from '../context.js';
import { datedBaseName } from '../download-name.js';
import { problemResponses } from '../problem.js';
import {
  actorOf,
  exportQuery,
  importing,
  importQuery,
  importReportSchema,
  isPartial,
  pageQuery,
  sendTable,
  uploadedTable,
  withMultipart,
} from './catalog.js';
import { customerHistory, historySchema } from './customer-history.js';
import { sortQuery } from './sorting.js';

const nullableText = optionalText;

const contactSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
});

const customerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    firstOrderYear: z.number().int().nullable(),
    industry: z.string().nullable(),
    notes: z.string().nullable(),
    timezone: z.string(),
    active: z.boolean().describe('false = 已停用 / deactivated'),
    ...Object.fromEntries(BACKGROUND_FIELDS.map((f) => [f, z.string().nullable()])),
    contacts: z.array(contactSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Customer' });

const csrSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
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
  })
  .meta({ id: 'CsrEntry', description: '客户特定要求 / customer-specific requirement' });

const contactInput = z.object({
  name: requiredText(100),
  title: nullableText(100),
  phone: nullableText(50).refine(
    (v) => v === null || /^[+\d][\d\s()+-]{4,}$/.test(v),
    '电话号码格式不正确（数字、空格、+、-、括号）/ not a phone number (digits, spaces, + - and brackets)',
  ),
  email: nullableText(200).refine(
    (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    '邮箱格式不正确 / not an e-mail address',
  ),
  wechat: nullableText(100),
});

const validTimezone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const background = nullableText(1000).optional();
const customerFields = {
  name: requiredText(200),
  shortName: nullableText(50),
  firstOrderYear: year.nullish(),
  industry: nullableText(100),
  notes: nullableText(2000),
  timezone: text(100).refine(validTimezone, '未知时区 / unknown time zone').optional(),
  // The procedure's sales-side background questions.
  companySize: background.describe('企业规模 / company size'),
  mainProducts: background.describe('主要产品 / main products'),
  goals: background.describe('目标 / goals'),
  useScenario: background.describe('使用场景 / use scenario'),
  urgency: background.describe('紧迫程度 / urgency'),
  budget: background.describe('预算 / budget'),
  trueMotive: background.describe('真实动机 / true motive'),
};

const customerInput = z.object({ ...customerFields, contacts: z.array(contactInput).max(50).optional() });
const customerPatch = z.object(customerFields).partial();

const day = dayValue.nullish();
const csrFields = {
  sourceDocument: nullableText(200),
  clause: nullableText(100),
  text: requiredText(5000),
  category: z.enum(REQUIREMENT_CATEGORIES),
  appliesTo: nullableText(200),
  department: nullableText(50),
  effectiveFrom: day,
  effectiveTo: day,
  status: z.enum(CSR_STATUSES).optional(),
};
const csrInput = z
  .object(csrFields)
  .refine((v) => !v.effectiveFrom || !v.effectiveTo || v.effectiveFrom <= v.effectiveTo, {
    message: '失效日期早于生效日期 / effectiveTo is before effectiveFrom',
    path: ['effectiveTo'],
  });
const csrPatch = z.object(csrFields).partial();

const idParams = z.object({ id: z.string().min(1).max(100) });

export const newCustomerProposalSchema = z
  .object({
    name: z.string(),
    contact: z
      .object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })
      .nullable(),
    existingCustomerId: z.string().nullable(),
  })
  .meta({ id: 'NewCustomerProposal', description: '消息中的新客户 / a customer not on file yet' });

export const confirmNewCustomerBody = z
  .object({
    name: requiredText(200).optional().describe('修改后的客户名称 / the name as corrected'),
    contact: contactInput.nullable().optional().describe('null = 不建联系人 / no contact'),
  })
  .optional();

export const confirmedNewCustomerSchema = z.object({
  customer: customerSchema,
  created: z.boolean().describe('false：已有同名客户，已关联 / linked to an existing customer of that name'),
  intakeId: z.string().nullable(),
  contractIds: z.array(z.string()),
});
const csrParams = idParams.extend({ csrId: z.string().min(1).max(100) });
const contactParams = idParams.extend({ contactId: z.string().min(1).max(100) });

function todayInShanghai(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

const notFound = (what: string, id: string) =>
  new AppError('NOT_FOUND', { zh: `未找到${what} ${id}`, en: `${what} ${id} not found` });

export const customersRoutes: RouteModule = async (app, ctx) => {
  const { db } = ctx.store;
  const tags = ['customers'];

  async function customerOrFail(id: string) {
    const c = await getCustomer(db, id);
    if (!c) throw notFound('客户 customer', id);
    return c;
  }

  async function csrOf(customerId: string, csrId: string) {
    const e = await getCsrEntry(db, csrId);
    if (!e || e.customerId !== customerId) throw notFound('CSR', csrId);
    return e;
  }

  app.get(
    '/api/customers',
    {
      schema: {
        tags,
        summary: '客户（搜索、分页）/ Customers, searchable and paged',
        querystring: pageQuery.extend({
          active: z
            .enum(['true', 'false'])
            .optional()
            .describe('true：仅在用；false：仅已停用 / filter by state'),
          ...sortQuery(CUSTOMER_SORTS, 'name'),
        }),
        response: {
          200: z.object({ items: z.array(customerSchema), total: z.number().int() }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { q, page, pageSize, active, sort, order } = request.query;
      const r = await listCustomers(db, {
        ...(q ? { search: q } : {}),
        ...(active ? { active: active === 'true' } : {}),
        ...(sort ? { sort } : {}),
        ...(order ? { order } : {}),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: r.items, total: r.total };
    },
  );

  app.get(
    '/api/customers/export',
    {
      schema: {
        tags,
        summary: '导出客户 / Export customers (CSV or XLSX)',
        querystring: exportQuery,
        response: { ...problemResponses(400, 401) },
      },
    },
    async (request, reply) =>
      sendTable(
        reply,
        await exportCustomers(db),
        request.query.format,
        await datedBaseName(db, '客户清单', ctx.clock()),
        '客户',
      ),
  );

  app.get(
    '/api/customers/:id',
    {
      schema: {
        tags,
        summary: '客户（含联系人与 CSR）/ A customer with contacts and CSR entries',
        params: idParams,
        response: { 200: customerSchema.extend({ csr: z.array(csrSchema) }), ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const c = await customerOrFail(request.params.id);
      return { ...c, csr: await listCsrEntries(db, { customerId: c.id }) };
    },
  );

  app.get(
    '/api/customers/:id/history',
    {
      schema: {
        tags,
        summary:
          '客户消息记录（收件及其情感，分页）与月度情感趋势 / The customer’s messages with sentiment, paged, and the monthly sentiment trend',
        params: idParams,
        querystring: pageQuery.omit({ q: true }),
        response: { 200: historySchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const c = await customerOrFail(request.params.id);
      const { page, pageSize } = request.query;
      return customerHistory(db, c, { limit: pageSize, offset: (page - 1) * pageSize }, ctx.clock());
    },
  );

  app.post(
    '/api/customers',
    {
      schema: {
        tags,
        summary: '新建客户（销售/质量/管理员）/ Create a customer',
        body: customerInput,
        response: { 201: customerSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await createCustomer(db, actorOf(request), {
        name: b.name,
        shortName: b.shortName,
        firstOrderYear: b.firstOrderYear ?? null,
        industry: b.industry,
        notes: b.notes,
        ...Object.fromEntries(BACKGROUND_FIELDS.map((f) => [f, b[f] ?? null])),
        ...(b.timezone ? { timezone: b.timezone } : {}),
        ...(b.contacts ? { contacts: b.contacts } : {}),
      });
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/api/customers/:id',
    {
      schema: {
        tags,
        summary: '修改客户（销售/质量/管理员）/ Update a customer',
        params: idParams,
        body: customerPatch,
        response: { 200: customerSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await customerOrFail(request.params.id);
      const b = request.body;
      const patch = Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
      return updateCustomer(db, actorOf(request), request.params.id, patch);
    },
  );

  app.delete(
    '/api/customers/:id',
    {
      schema: {
        tags,
        summary: '删除客户（连同联系人与 CSR）/ Delete a customer with contacts and CSR',
        params: idParams,
        response: { 204: z.null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await deleteCustomer(db, actorOf(request), request.params.id))) {
        throw notFound('客户 customer', request.params.id);
      }
      return reply.status(204).send(null);
    },
  );

  for (const [verb, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(
      `/api/customers/:id/${verb}`,
      {
        schema: {
          tags,
          summary: active
            ? '重新启用客户 / Reactivate a customer'
            : '停用客户（保留合同、投诉与审计记录）/ Deactivate a customer (contracts, complaints and audit kept)',
          params: idParams,
          response: { 200: customerSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => {
        await customerOrFail(request.params.id);
        return setCustomerActive(db, actorOf(request), request.params.id, active);
      },
    );
  }

  app.post(
    '/api/customers/:id/contacts',
    {
      schema: {
        tags,
        summary: '新增联系人 / Add a contact',
        params: idParams,
        body: contactInput,
        response: { 201: contactSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await customerOrFail(request.params.id);
      return reply.status(201).send(await addContact(db, actorOf(request), request.params.id, request.body));
    },
  );

  async function contactOf(customerId: string, contactId: string) {
    const c = await customerOrFail(customerId);
    if (!c.contacts.some((x) => x.id === contactId)) throw notFound('联系人 contact', contactId);
  }

  app.put(
    '/api/customers/:id/contacts/:contactId',
    {
      schema: {
        tags,
        summary: '修改联系人 / Update a contact',
        params: contactParams,
        body: contactInput.partial(),
        response: { 200: contactSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await contactOf(request.params.id, request.params.contactId);
      const patch = Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined));
      return updateContact(db, actorOf(request), request.params.contactId, patch);
    },
  );

  app.delete(
    '/api/customers/:id/contacts/:contactId',
    {
      schema: {
        tags,
        summary: '删除联系人 / Delete a contact',
        params: contactParams,
        response: { 204: z.null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await contactOf(request.params.id, request.params.contactId);
      await deleteContact(db, actorOf(request), request.params.contactId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/customers/:id/csr',
    {
      schema: {
        tags,
        summary: '客户特定要求（CSR）/ The customer’s CSR entries',
        params: idParams,
        querystring: z.object({ status: z.enum(CSR_STATUSES).optional() }),
        response: { 200: z.object({ items: z.array(csrSchema) }), ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      await customerOrFail(request.params.id);
      const { status } = request.query;
      return {
        items: await listCsrEntries(db, { customerId: request.params.id, ...(status ? { status } : {}) }),
      };
    },
  );

  app.post(
    '/api/customers/:id/csr',
    {
      schema: {
        tags,
        summary: '登记 CSR（销售/质量/管理员）/ Register a CSR entry',
        params: idParams,
        body: csrInput,
        response: { 201: csrSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const entry = await createCsrEntry(db, actorOf(request), request.params.id, {
        sourceDocument: b.sourceDocument,
        clause: b.clause,
        text: b.text,
        category: b.category,
        appliesTo: b.appliesTo,
        department: b.department,
        effectiveFrom: b.effectiveFrom ?? null,
        effectiveTo: b.effectiveTo ?? null,
        ...(b.status ? { status: b.status } : {}),
      });
      return reply.status(201).send(entry);
    },
  );

  app.put(
    '/api/customers/:id/csr/:csrId',
    {
      schema: {
        tags,
        summary: '修改 CSR / Update a CSR entry',
        params: csrParams,
        body: csrPatch,
        response: { 200: csrSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const before = await csrOf(request.params.id, request.params.csrId);
      const patch = Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined));
      // A date sent as null clears it, so only a date left out keeps the stored one.
      const from = 'effectiveFrom' in patch ? (patch.effectiveFrom as string | null) : before.effectiveFrom;
      const to = 'effectiveTo' in patch ? (patch.effectiveTo as string | null) : before.effectiveTo;
      if (from && to && from > to) {
        throw new AppError(
          'VALIDATION_FAILED',
          { zh: '失效日期早于生效日期', en: 'effectiveTo is before effectiveFrom' },
          {
            errors: [
              { in: 'body', path: '/effectiveTo', message: '失效日期早于生效日期 / before effectiveFrom' },
            ],
          },
        );
      }
      return updateCsrEntry(db, actorOf(request), request.params.csrId, patch);
    },
  );

  app.delete(
    '/api/customers/:id/csr/:csrId',
    {
      schema: {
        tags,
        summary: '删除 CSR / Delete a CSR entry',
        params: csrParams,
        response: { 204: z.null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await csrOf(request.params.id, request.params.csrId);
      await deleteCsrEntry(db, actorOf(request), request.params.csrId);
      return reply.status(204).send(null);
    },
  );

  const cellSchema = z.object({
    active: z.number().int(),
    total: z.number().int(),
    clauses: z.array(z.string()),
  });
  app.get(
    '/api/csr/matrix',
    {
      schema: {
        tags,
        summary:
          'CSR 矩阵（客户 × 要求类别）；format=csv|xlsx 导出登记表 / CSR matrix, or the register as a file',
        querystring: z.object({
          format: z.enum(['json', 'csv', 'xlsx']).default('json'),
          on: z.iso.date().optional().describe('以此日判断是否有效 / day that decides “in force”'),
          all: z
            .enum(['0', '1'])
            .optional()
            .describe('1：包含没有 CSR 的客户 / include customers without CSR'),
        }),
        response: {
          200: z.object({
            on: z.string(),
            categories: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() })),
            rows: z.array(
              z.object({
                customerId: z.string(),
                customerName: z.string(),
                cells: z.record(z.string(), cellSchema),
                active: z.number().int(),
                total: z.number().int(),
              }),
            ),
          }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request, reply) => {
      const on = request.query.on ?? todayInShanghai();
      const customers = await db.selectFrom('customers').select(['id', 'name']).orderBy('name').execute();
      const entries = await listCsrEntries(db);
      if (request.query.format !== 'json') {
        const table = { header: [...REGISTER_HEADER], rows: registerRows(customers, entries, on) };
        return sendTable(reply, table, request.query.format, `顾客特殊要求登记册-${on}`, 'CSR');
      }
      return { on, ...buildCsrMatrix(customers, entries, on, request.query.all === '1') };
    },
  );

  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    await withMultipart(scope, ctx);
    scope.post(
      '/api/customers/import',
      {
        schema: {
          tags,
          summary: '导入客户（CSV/XLSX，字段 file）/ Import customers (multipart field "file")',
          consumes: ['multipart/form-data'],
          querystring: importQuery,
          response: { 200: importReportSchema, ...problemResponses(400, 401, 403, 413, 415) },
        },
      },
      async (request) => {
        const { table, fileName } = await uploadedTable(request);
        return importing(fileName, () =>
          importCustomers(db, actorOf(request), table, {
            partial: isPartial(request.query),
            source: fileName,
          }),
        );
      },
    );
    scope.post(
      '/api/customers/:id/csr/import',
      {
        schema: {
          tags,
          summary:
            '导入客户 CSR（CSV/XLSX，字段 file；同条款更新）/ Import CSR entries (multipart "file"; same clause updates)',
          consumes: ['multipart/form-data'],
          params: idParams,
          querystring: importQuery,
          response: { 200: importReportSchema, ...problemResponses(400, 401, 403, 404, 413, 415) },
        },
      },
      async (request) => {
        await customerOrFail(request.params.id);
        const { table, fileName } = await uploadedTable(request);
        return importing(fileName, () =>
          importCsr(db, actorOf(request), request.params.id, table, {
            partial: isPartial(request.query),
            source: fileName,
          }),
        );
      },
    );
  });
};
