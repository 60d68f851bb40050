// The laws and regulations register (法律法规清单) over HTTP: search, entries, edits, supersession,
// CSV/XLSX import and export, the review-due list, read confirmations per department (传达学习),
// an attached file and the history of changes. Quality and admin maintain the register; every
// signed-in user reads it and confirms it for their own department.
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../../auth/authenticate.js';
import { DEPARTMENTS } from '../../auth/roles.js';
import { tooLargeError } from '../../contracts/attachments.js';
import { FileStore } from '../../intake/file-store.js';
import { sniff } from '../../intake/sniff.js';
import {
  LAW_DEPARTMENTS,
  LAW_STATUSES,
  type LawInput,
  REVIEW_DUE_WINDOW_DAYS,
  reviewDueLimit,
} from '../../laws/law.js';
import {
  catalogueCategories,
  confirmLawRead,
  createLaw,
  lawAttachmentFile,
  lawHistory,
  listLaws,
  requireLaw,
  reviewDueLaws,
  setLawAttachment,
  supersedeLaw,
  todayOf,
  updateLaw,
} from '../../laws/law-repository.js';
import { exportLaws, importLaws } from '../../laws/law-transfer.js';
import { AppError } from '../../shared/errors.js';
import { day, identifier, optionalText, requiredText } from '../../shared/values.js';
import type { App, RouteModule, ServerContext } from '../context.js';
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
  uploadedFileName,
  uploadedTable,
  withMultipart,
} from './catalog.js';

const tags = ['laws'];

/** Processes of an aluminium extrusion and machining plant, offered in the scope form. */
const SUGGESTED_PROCESSES = ['熔铸', '挤压', '时效', '机加工', '阳极氧化', '喷涂', '焊接', '包装', '运输'];

const scopeSchema = z
  .object({
    all: z.boolean().default(false).describe('适用全部产品 / applies to every product'),
    categories: z
      .array(requiredText(100))
      .max(100)
      .default([])
      .describe('产品目录中的类别 / categories of the catalogue'),
    processes: z
      .array(requiredText(100))
      .max(100)
      .default([])
      .describe('过程 / processes (挤压, 阳极氧化 …)'),
  })
  .refine((s) => s.all || s.categories.length > 0 || s.processes.length > 0, {
    message:
      '请选择适用的产品类别或过程，或选“适用全部产品” / give categories or processes, or set all to true',
    path: ['categories'],
  });

const lawInputSchema = z
  .object({
    title: requiredText(300).describe('名称 / title'),
    number: requiredText(100).describe('文号或标准号 / number (GB/T 3190-2020, 主席令第七十一号)'),
    issuer: requiredText(200).describe('发布机构 / issuing body'),
    scope: scopeSchema,
    departments: z
      .array(z.enum(LAW_DEPARTMENTS))
      .min(1, '至少选择一个责任部门 / name at least one department')
      .max(LAW_DEPARTMENTS.length)
      .describe('责任部门：评审时其清单中出现该法规 / departments whose review checklist gets it'),
    effectiveDate: day.nullish().describe('生效日期 / effective date'),
    reviewDue: day.describe('下次复核日期 / review due date'),
    obligations: requiredText(4000).describe('主要义务摘要 / summary of obligations'),
    sourceUrl: optionalText(1000)
      .refine((v) => v === null || /^https?:\/\/\S+$/i.test(v), {
        message: '链接须以 http:// 或 https:// 开头 / must be an http(s) link',
      })
      .describe('来源链接 / source link'),
  })
  .meta({ id: 'LawInput', description: '法规条目 / register entry as written' });

const lawSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    number: z.string(),
    issuer: z.string(),
    scope: z.object({ all: z.boolean(), categories: z.array(z.string()), processes: z.array(z.string()) }),
    departments: z.array(z.enum(LAW_DEPARTMENTS)),
    effectiveDate: z.string().nullable(),
    reviewDue: z.string(),
    obligations: z.string(),
    sourceUrl: z.string().nullable(),
    status: z.enum(LAW_STATUSES),
    supersededBy: z.object({ id: z.string(), number: z.string(), title: z.string() }).nullable(),
    attachment: z.object({ name: z.string(), mediaType: z.string(), size: z.number().int() }).nullable(),
    revision: z
      .number()
      .int()
      .describe('每次修改 +1；确认阅读按版本 / +1 on each change; reading is confirmed per revision'),
    reviewDueSoon: z
      .boolean()
      .describe(
        `复核日期已过或在 ${REVIEW_DUE_WINDOW_DAYS} 天内 / review due within ${REVIEW_DUE_WINDOW_DAYS} days or overdue`,
      ),
    confirmations: z.array(
      z.object({
        department: z.enum(DEPARTMENTS),
        revision: z.number().int(),
        userId: z.string().nullable(),
        userName: z.string().nullable(),
        confirmedAt: z.string(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'LawEntry', description: '法律法规清单条目 / register entry' });

const idParams = z.object({ id: z.string().min(1).max(100) });

const listQuery = pageQuery.extend({
  status: z
    .enum(LAW_STATUSES, { error: '状态只能是 current 或 superseded / status must be current or superseded' })
    .optional(),
  due: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .describe(`只列待复核（${REVIEW_DUE_WINDOW_DAYS} 天内或已过）/ only entries due for review`),
});

function inputOf(b: z.infer<typeof lawInputSchema>): LawInput {
  return {
    title: b.title,
    number: b.number,
    issuer: b.issuer,
    scope: b.scope,
    departments: b.departments,
    effectiveDate: b.effectiveDate ?? null,
    reviewDue: b.reviewDue,
    obligations: b.obligations,
    sourceUrl: b.sourceUrl,
  };
}

function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const lawsRoutes: RouteModule = async (app: App, ctx: ServerContext) => {
  const { db } = ctx.store;
  const files = new FileStore(ctx.config.uploadDir);
  const today = () => todayOf(ctx.clock());

  app.get(
    '/api/laws',
    {
      schema: {
        tags,
        summary: '法律法规清单（搜索、状态、待复核、分页）/ The register, searchable and paged',
        querystring: listQuery,
        response: {
          200: z.object({ items: z.array(lawSchema), total: z.number().int() }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { q, page, pageSize, status, due } = request.query;
      const dueOnly = due === 'true' || due === '1';
      return listLaws(
        db,
        {
          ...(q ? { search: q } : {}),
          ...(status ? { status } : {}),
          ...(dueOnly ? { reviewDueBy: reviewDueLimit(today()) } : {}),
          limit: pageSize,
          offset: (page - 1) * pageSize,
        },
        today(),
      );
    },
  );

  app.get(
    '/api/laws/review-due',
    {
      schema: {
        tags,
        summary: `待复核条目：复核日期已过或在 ${REVIEW_DUE_WINDOW_DAYS} 天内 / Entries due for review`,
        response: {
          200: z.object({ today: z.string(), until: z.string(), items: z.array(lawSchema) }),
          ...problemResponses(401),
        },
      },
    },
    async () => ({ today: today(), until: reviewDueLimit(today()), items: await reviewDueLaws(db, today()) }),
  );

  app.get(
    '/api/laws/scope-options',
    {
      schema: {
        tags,
        summary: '适用范围可选项：目录类别、常用过程、部门 / Scope choices: catalogue categories, processes',
        response: {
          200: z.object({
            categories: z.array(z.string()),
            processes: z.array(z.string()),
            departments: z.array(z.enum(LAW_DEPARTMENTS)),
          }),
          ...problemResponses(401),
        },
      },
    },
    async () => {
      const used = await db.selectFrom('laws').select('scope_processes').execute();
      const processes = new Set(SUGGESTED_PROCESSES);
      for (const r of used) for (const p of JSON.parse(r.scope_processes) as string[]) processes.add(p);
      return {
        categories: await catalogueCategories(db),
        processes: [...processes],
        departments: [...LAW_DEPARTMENTS],
      };
    },
  );

  app.get(
    '/api/laws/export',
    {
      schema: {
        tags,
        summary: '导出法律法规清单 / Export the register (CSV or XLSX)',
        querystring: exportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { ...problemResponses(400, 401) },
      },
    },
    async (request, reply) =>
      sendTable(reply, await exportLaws(db, ctx.clock()), request.query.format, 'laws', '法律法规清单'),
  );

  app.get(
    '/api/laws/:id',
    {
      schema: {
        tags,
        summary: '法规条目 / A register entry',
        params: idParams,
        response: { 200: lawSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => requireLaw(db, request.params.id, today()),
  );

  app.get(
    '/api/laws/:id/history',
    {
      schema: {
        tags,
        summary: '修改历史（审核追溯）/ History of changes (from the audit trail)',
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                at: z.string(),
                action: z.string(),
                actorId: z.string().nullable(),
                actorName: z.string().nullable(),
                actorDepartment: z.string().nullable(),
                before: z.unknown(),
                after: z.unknown(),
              }),
            ),
          }),
          ...problemResponses(401, 404),
        },
      },
    },
    async (request) => {
      await requireLaw(db, request.params.id, today());
      const items = await lawHistory(db, request.params.id);
      return {
        items: items.map((e) => ({
          at: e.at,
          action: e.action,
          actorId: e.actorId,
          actorName: e.actorName,
          actorDepartment: e.actorDepartment,
          before: e.before,
          after: e.after,
        })),
      };
    },
  );

  app.post(
    '/api/laws',
    {
      schema: {
        tags,
        summary: '登记法规条目（质量部/管理员）/ Register an entry (quality, admin)',
        body: lawInputSchema,
        response: { 201: lawSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createLaw(db, actorOf(request), inputOf(request.body), ctx.clock())),
  );

  app.put(
    '/api/laws/:id',
    {
      schema: {
        tags,
        summary: '修改法规条目（质量部/管理员）/ Edit an entry (quality, admin)',
        params: idParams,
        body: lawInputSchema.extend({
          expectedRevision: z
            .number()
            .int()
            .min(1)
            .optional()
            .describe('读到的版本；不符则 409 / the revision read; another one gets 409'),
        }),
        response: { 200: lawSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { expectedRevision, ...body } = request.body;
      const { entry } = await updateLaw(
        db,
        actorOf(request),
        request.params.id,
        inputOf(body),
        ctx.clock(),
        expectedRevision,
      );
      return entry;
    },
  );

  app.post(
    '/api/laws/:id/supersede',
    {
      schema: {
        tags,
        summary: '标记为已被替代（质量部/管理员）/ Mark superseded by another entry',
        params: idParams,
        body: z.object({
          supersededBy: identifier().describe('替代它的现行条目 id / id of the entry replacing it'),
        }),
        response: { 200: lawSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      supersedeLaw(db, actorOf(request), request.params.id, request.body.supersededBy, ctx.clock()),
  );

  app.post(
    '/api/laws/:id/confirm',
    {
      schema: {
        tags,
        summary: '本部门确认已阅读（传达学习）/ Confirm reading for my department',
        params: idParams,
        response: {
          200: lawSchema.extend({ alreadyConfirmed: z.boolean() }),
          ...problemResponses(401, 404),
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { entry, alreadyConfirmed } = await confirmLawRead(
        db,
        { id: user.id, department: user.department },
        request.params.id,
        ctx.clock(),
      );
      return { ...entry, alreadyConfirmed };
    },
  );

  app.get(
    '/api/laws/:id/attachment',
    {
      schema: {
        tags,
        summary: '下载附件 / Download the attached file',
        params: idParams,
        response: problemResponses(401, 404),
      },
    },
    async (request, reply) => {
      const file = await lawAttachmentFile(db, request.params.id);
      if (!file || !(await files.has(file.sha256)))
        throw new AppError('NOT_FOUND', { zh: '该条目没有附件', en: 'the entry has no attached file' });
      return (reply as FastifyReply)
        .header('content-type', file.mediaType)
        .header('content-disposition', attachmentHeader(file.name))
        .send(await files.get(file.sha256));
    },
  );

  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    await withMultipart(scope, ctx);
    scope.post(
      '/api/laws/import',
      {
        schema: {
          tags,
          summary: '导入法律法规清单（CSV/XLSX，字段 file）/ Import the register (multipart "file")',
          consumes: ['multipart/form-data'],
          querystring: importQuery,
          response: { 200: importReportSchema, ...problemResponses(400, 401, 403, 413, 415) },
        },
      },
      async (request) => {
        const { table, fileName } = await uploadedTable(request);
        return importing(fileName, () =>
          importLaws(db, actorOf(request), table, ctx.clock(), {
            partial: isPartial(request.query),
            source: fileName,
          }),
        );
      },
    );
    scope.post(
      '/api/laws/:id/attachment',
      {
        schema: {
          tags,
          summary: '上传附件（原文 PDF 等，字段 file）/ Attach a file (the text as PDF …)',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: lawSchema, ...problemResponses(400, 401, 403, 404, 413, 415) },
        },
      },
      async (request) => {
        if (!request.isMultipart())
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
            zh: '请以 multipart/form-data 上传，字段名 file',
            en: 'upload as multipart/form-data in the field "file"',
          });
        const part = await request.file();
        if (part?.fieldname !== 'file')
          throw new AppError(
            'VALIDATION_FAILED',
            { zh: '缺少上传文件（字段名 file）', en: 'no file in the field "file"' },
            {
              errors: [{ in: 'body', path: '/file', message: '缺少文件 / file missing' }],
            },
          );
        const name = uploadedFileName(part.filename);
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw tooLargeError(null, ctx.config.uploadMaxBytes);
          throw err;
        }
        if (bytes.length === 0)
          throw new AppError(
            'VALIDATION_FAILED',
            { zh: '附件是空文件', en: 'the file is empty' },
            {
              errors: [{ in: 'body', path: '/file', message: '空文件 / empty file' }],
            },
          );
        await requireLaw(db, request.params.id, today());
        const stored = await files.put(bytes);
        return setLawAttachment(
          db,
          actorOf(request),
          request.params.id,
          { name, mediaType: sniff(bytes, name).mediaType, sha256: stored.sha256, size: stored.sizeBytes },
          ctx.clock(),
        );
      },
    );
  });
};
