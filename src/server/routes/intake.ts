// Intake over HTTP: paste text or upload a file, get a record id at once (202) and follow it while the
// background worker extracts and analyses it. Every signed-in user may submit and read intakes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analysisResultSchema } from '../../analysis/result.js';
import { currentUser } from '../../auth/authenticate.js';
import type { User } from '../../auth/user-repository.js';
import { confirmNewCustomer, proposeNewCustomer } from '../../customers/new-customer.js';
import { FileStore } from '../../intake/file-store.js';
import { getIntake, INTAKE_STATUSES, listIntakes, requeueIntake } from '../../intake/intake-repository.js';
import type { AcceptInput } from '../../intake/intake-service.js';
import { refuseGarbledText, refuseUnreadableUpload } from '../../intake/upload-guard.js';
import { AppError } from '../../shared/errors.js';
import { day, requiredText, text } from '../../shared/values.js';
import type { Store } from '../../store/connect.js';
import type { RouteModule } from '../context.js';
import { attachmentHeader } from '../download-name.js';
import { problemResponses } from '../problem.js';
import { actorOf, uploadedFileName, withMultipart } from './catalog.js';
import {
  confirmedNewCustomerSchema,
  confirmNewCustomerBody,
  newCustomerProposalSchema,
} from './customers.js';

const tags = ['intake'];

const optionsShape = {
  channel: requiredText(40).optional().describe('渠道 / channel (email, wechat, …)'),
  customerName: text(200)
    .transform((s) => s.trim())
    .optional()
    .describe('已知客户名称 / customer, when known'),
  refDate: day.optional().describe('收到日期 / day received (YYYY-MM-DD, Asia/Shanghai)'),
};

const textBody = z
  .object({ text: text(500_000).min(1), ...optionsShape })
  .meta({ id: 'IntakeText', description: '粘贴的文字 / pasted text' });
const uploadFields = z.object(optionsShape);

const statusSchema = z.enum(INTAKE_STATUSES);
const acceptedSchema = z.object({ id: z.string(), status: statusSchema });

const summarySchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    fileName: z.string().nullable(),
    mediaType: z.string().nullable(),
    status: statusSchema,
    createdAt: z.string(),
    customerName: z.string().nullable(),
    intent: z.string().nullable(),
    sentiment: z.string().nullable(),
    contractClass: z.string().nullable(),
    title: z
      .string()
      .nullable()
      .describe(
        '首行文字或文件名；未读取的粘贴文字为 null / first line of the text, or the file name; null for pasted text not yet read',
      ),
    contract: z
      .object({ id: z.string(), number: z.string() })
      .nullable()
      .describe('由此开立的评审 / the review case opened from it'),
  })
  .meta({ id: 'IntakeSummary' });

const sourceSchema = z
  .object({
    kind: z.string().describe('file, page, table-cell, line, email-header, attachment, ocr-box, audio…'),
    file: z.string().optional(),
    page: z.number().int().optional(),
    sheet: z.string().optional(),
    table: z.number().int().optional(),
    row: z.number().int().optional(),
    col: z.number().int().optional(),
    column: z.string().optional(),
    line: z.number().int().optional(),
    header: z.string().optional(),
    sender: z.string().optional(),
    time: z.string().optional(),
    box: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
    timeStartMs: z.number().optional(),
    timeEndMs: z.number().optional(),
    attachmentPath: z.array(z.string()).optional(),
  })
  .meta({ id: 'SourceRef', description: '文字来源：页、表格单元格、行… / where text came from' });

const segmentSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  source: sourceSchema,
});

const detailSchema = z
  .object({
    id: z.string(),
    status: statusSchema,
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    progress: z
      .object({ done: z.number().int(), total: z.number().int(), label: z.string() })
      .nullable()
      .describe('处理进度（扫描 PDF 的页）/ progress (pages of a scanned PDF)'),
    channel: z.string(),
    fileName: z.string().nullable(),
    mediaType: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    customerName: z.string().nullable(),
    customerId: z.string().nullable().describe('关联的客户记录 / the linked customer record'),
    newCustomer: newCustomerProposalSchema
      .nullable()
      .describe('消息中的新客户，待销售确认 / a customer not on file, proposed for sales to confirm'),
    createdAt: z.string(),
    updatedAt: z.string(),
    text: z.string().nullable(),
    provenance: z.array(segmentSchema).nullable(),
    warnings: z.array(z.string()),
    analysis: analysisResultSchema.nullable(),
  })
  .meta({ id: 'IntakeRecord' });

const listQuery = z.object({
  status: statusSchema.optional(),
  channel: z.string().trim().max(40).optional(),
  q: z.string().trim().max(200).optional().describe('文件名或文字中搜索 / search file name and text'),
  mine: z.stringbool().optional().describe('只列本人录入的 / only the records I took in'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const idParams = z.object({ id: z.string().min(1).max(64) });

function validationError(issues: z.core.$ZodIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', undefined, {
    errors: issues.map((i) => ({ in: 'body', path: `/${i.path.join('/')}`, message: i.message })),
  });
}

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', { zh: `未找到收件记录 ${id}`, en: `no intake record ${id}` });
}

/** The submission of a request: pasted text as JSON, or one file in the multipart field `file`. */
async function submissionOf(request: FastifyRequest): Promise<AcceptInput> {
  if (!request.isMultipart()) {
    const parsed = textBody.safeParse(request.body);
    if (!parsed.success) throw validationError(parsed.error.issues);
    refuseGarbledText(parsed.data.text);
    return parsed.data;
  }
  const part = await request.file();
  if (part?.fieldname !== 'file') {
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: '缺少上传文件（字段名 file）', en: 'no file in the field "file"' },
      {
        errors: [{ in: 'body', path: '/file', message: '缺少文件 / file missing' }],
      },
    );
  }
  // Form fields sent before the file arrive with it; fields after it are not read.
  const fields = Object.fromEntries(
    Object.entries(part.fields).flatMap(([name, f]) =>
      f && !Array.isArray(f) && f.type === 'field' && name !== 'file' && f.value !== ''
        ? [[name, String(f.value)]]
        : [],
    ),
  );
  const parsed = uploadFields.safeParse(fields);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const bytes = new Uint8Array(await part.toBuffer());
  const fileName = uploadedFileName(part.filename);
  await refuseUnreadableUpload(bytes, fileName);
  return { ...parsed.data, bytes, fileName };
}

/**
 * Processing a record again replaces its analysis, so it is for whoever took it in, sales (who
 * handle the intake queue) and the general manager — not for any signed-in user.
 */
async function assertMayRetry(db: Store['db'], id: string, user: User): Promise<void> {
  const row = await db
    .selectFrom('intake_records')
    .select('created_by')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return; // the retry answers 404 itself
  const mayRetry =
    row.created_by === user.id ||
    user.department === 'sales' ||
    user.deputyFor === 'sales' ||
    user.department === 'general_manager';
  if (!mayRetry) {
    throw new AppError('FORBIDDEN', {
      zh: '只有录入人、销售部或总经理可以重新处理此记录',
      en: 'only whoever took it in, sales or the general manager may process this record again',
    });
  }
}

export const intakeRoutes: RouteModule = async (app, ctx) => {
  const { store } = ctx;
  const files = new FileStore(ctx.config.uploadDir);

  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    await withMultipart(scope, ctx);
    scope.post(
      '/api/intake',
      {
        schema: {
          tags,
          summary:
            '提交客户消息：JSON {text} 或上传文件（字段 file）/ Submit pasted text (JSON) or a file (multipart "file")',
          description:
            '立即返回记录编号，后台提取与分析；用 GET /api/intake/{id} 查询结果。/ Returns the record id at once; extraction and analysis run in the background.',
          consumes: ['application/json', 'multipart/form-data'],
          response: { 202: acceptedSchema, ...problemResponses(400, 401, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const input = await submissionOf(request);
        const id = await ctx.intake.submit({
          ...input,
          createdBy: currentUser(request).id,
          actor: actorOf(request),
        });
        return reply.status(202).send({ id, status: 'queued' as const });
      },
    );
  });

  app.get(
    '/api/intake',
    {
      schema: {
        tags,
        summary: '收件列表（筛选、分页）/ Intake records, filtered and paged',
        description:
          '最新在前；title 为首行文字或文件名，contract 为由此开立的评审。/ Newest first; title is the first line or the file name, contract the review case opened from it.',
        querystring: listQuery,
        response: {
          200: z.object({ items: z.array(summarySchema), total: z.number().int() }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { status, channel, q, mine, page, pageSize } = request.query;
      return listIntakes(store.db, {
        ...(status ? { status } : {}),
        ...(channel ? { channel } : {}),
        ...(q ? { q } : {}),
        ...(mine ? { createdBy: currentUser(request).id } : {}),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
    },
  );

  app.get(
    '/api/intake/:id',
    {
      schema: {
        tags,
        summary: '收件记录：状态、文字、来源、分析结果 / An intake: status, text, provenance, analysis',
        params: idParams,
        response: { 200: detailSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const record = await getIntake(store.db, request.params.id);
      if (!record) throw notFound(request.params.id);
      const { sha256: _sha256, refDate: _refDate, ...shown } = record;
      const newCustomer =
        record.status === 'done'
          ? await proposeNewCustomer(store.db, record.analysis, record.customerId)
          : null;
      return { ...shown, newCustomer };
    },
  );

  app.post(
    '/api/intake/:id/new-customer',
    {
      schema: {
        tags,
        summary:
          '确认新客户：建客户记录并关联本收件及其合同 / Confirm the proposed new customer: create it and link this intake and its cases',
        params: idParams,
        body: confirmNewCustomerBody,
        response: { 201: confirmedNewCustomerSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { name, contact } = request.body ?? {};
      const out = await confirmNewCustomer(store.db, actorOf(request), {
        intakeId: request.params.id,
        ...(name ? { name } : {}),
        ...(contact !== undefined ? { contact } : {}),
      });
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/api/intake/:id/file',
    {
      schema: {
        tags,
        summary: '下载原文件 / Download the original',
        params: idParams,
        produces: ['application/octet-stream'],
        response: { ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const record = await getIntake(store.db, request.params.id);
      if (!record?.sha256) throw notFound(request.params.id);
      let bytes: Buffer;
      try {
        bytes = await files.get(record.sha256);
      } catch {
        throw new AppError('NOT_FOUND', {
          zh: `原文件不在上传目录中（${record.sha256}）`,
          en: `the original is missing from the upload directory (${record.sha256})`,
        });
      }
      return (reply as FastifyReply)
        .header('content-type', record.mediaType ?? 'application/octet-stream')
        .header('content-disposition', attachmentHeader(record.fileName ?? `${record.id}.txt`))
        .send(bytes);
    },
  );

  app.post(
    '/api/intake/:id/retry',
    {
      schema: {
        tags,
        summary: '重新处理 / Process again (done or failed records)',
        params: idParams,
        response: { 202: acceptedSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await assertMayRetry(store.db, id, currentUser(request));
      const before = await requeueIntake(store.db, id, actorOf(request));
      if (!before) throw notFound(id);
      if (before === 'queued' || before === 'processing') {
        throw new AppError('CONFLICT', { zh: `记录正在排队或处理中`, en: `the record is already ${before}` });
      }
      await ctx.intake.enqueue(id);
      return reply.status(202).send({ id, status: 'queued' as const });
    },
  );
};
