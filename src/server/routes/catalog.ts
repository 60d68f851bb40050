// The product catalogue over HTTP: search, edit, CSV/XLSX import with a row-level report, export.
// Everyone signed in reads it; technical, sales and admin change it.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../../auth/authenticate.js';
import {
  deleteProduct,
  getProduct,
  getProductRecord,
  listProducts,
  PRODUCT_SORTS,
  setProductActive,
  upsertProduct,
} from '../../catalog/catalog-repository.js';
import { exportCatalog, importCatalog } from '../../catalog/catalog-transfer.js';
import { PRECISION_GRADES, type Product } from '../../catalog/product.js';
import type { ImportReport } from '../../io/import-report.js';
import { ImportHeaderError, type Table } from '../../io/table.js';
import { csvBytes, type OutputTable, readTable, TableFileError, xlsxBytes } from '../../io/tabular.js';
import { AppError } from '../../shared/errors.js';
import {
  optionalText as boundedText,
  CONTROL_MESSAGE,
  hasControlCharacter,
  MAX_AMOUNT,
  measure,
  requiredText,
} from '../../shared/values.js';
import type { Actor } from '../../store/audit.js';
import { canonicalMoney, fitsStoredDecimal, parseDecimal } from '../../store/decimal.js';
import type { App, RouteModule, ServerContext } from '../context.js';
import { attachmentHeader, datedBaseName } from '../download-name.js';
import { problemResponses } from '../problem.js';
import { sortQuery } from './sorting.js';

export function actorOf(request: FastifyRequest): Actor {
  const u = currentUser(request);
  return { id: u.id, department: u.department };
}

/** Page/pageSize (1-based) as the web app sends them. */
export const pageQuery = z.object({
  q: z.string().trim().max(200).optional().describe('搜索 / search'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const importQuery = z.object({
  partial: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .describe('true：只导入有效行 / import the valid rows even when others are invalid'),
});

export const exportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

export const importReportSchema = z
  .object({
    totalRows: z.number().int(),
    validRows: z.number().int(),
    invalidRows: z.number().int(),
    issues: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() })),
    written: z.boolean(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
  })
  .meta({ id: 'ImportReport', description: '导入报告（逐行错误）/ import report with row-level errors' });

/** Registers @fastify/multipart in `scope` unless an outer scope already did. */
export async function withMultipart(scope: App, ctx: ServerContext): Promise<void> {
  if (scope.hasContentTypeParser('multipart/form-data')) return;
  await scope.register(fastifyMultipart, { limits: { fileSize: ctx.config.uploadMaxBytes, files: 1 } });
}

/** The name a client gave its upload; it is stored and shown, so it obeys the rules for text. */
export function uploadedFileName(name: string | undefined): string {
  if (name && (hasControlCharacter(name) || name.length > 255)) {
    const message =
      name.length > 255 ? '文件名最多 255 个字符 / file name: at most 255 characters' : CONTROL_MESSAGE;
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: `文件名：${message}`, en: `file name: ${message}` },
      {
        errors: [{ in: 'body', path: '/file', message }],
      },
    );
  }
  return name || 'upload';
}

/** The uploaded table of the multipart field `file` (CSV or XLSX by its file name). */
export async function uploadedTable(request: FastifyRequest): Promise<{ table: Table; fileName: string }> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      zh: '请以 multipart/form-data 上传，字段名 file',
      en: 'upload as multipart/form-data in the field "file"',
    });
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
  const fileName = uploadedFileName(part.filename);
  const bytes = await part.toBuffer();
  try {
    return { table: await readTable(bytes, fileName), fileName };
  } catch (err) {
    if (err instanceof TableFileError) {
      throw new AppError('VALIDATION_FAILED', `${part.filename}：${err.message}`, {
        errors: [{ in: 'body', path: '/file', message: err.message }],
      });
    }
    throw err;
  }
}

/** Runs an importer; an unusable header becomes a 400 naming it. */
export async function importing(fileName: string, fn: () => Promise<ImportReport>): Promise<ImportReport> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ImportHeaderError) {
      throw new AppError('VALIDATION_FAILED', `${fileName}：${err.message}`, {
        errors: [{ in: 'body', path: '/file', message: err.message }],
      });
    }
    throw err;
  }
}

export function isPartial(q: { partial?: string | undefined }): boolean {
  return q.partial === 'true' || q.partial === '1';
}

/** Sends a table as a CSV or XLSX download named `fileName`.csv/.xlsx (see download-name.ts). */
export async function sendTable(
  reply: FastifyReply,
  table: OutputTable,
  format: 'csv' | 'xlsx',
  fileName: string,
  sheetName: string,
): Promise<FastifyReply> {
  const bytes = format === 'csv' ? csvBytes(table.header, table.rows) : await xlsxBytes(sheetName, table);
  const type =
    format === 'csv'
      ? 'text/csv; charset=utf-8'
      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return reply
    .header('content-type', type)
    .header('content-disposition', attachmentHeader(`${fileName}.${format}`))
    .send(bytes);
}

const productSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    model: z.string().nullable(),
    category: z.string().nullable(),
    precisionGrade: z.enum(PRECISION_GRADES).nullable(),
    unit: z.string(),
    unitWeightKg: z.number().nullable(),
    listPriceCny: z.string().nullable().describe('含税单价，精确小数 / list price, exact decimal'),
    active: z
      .boolean()
      .describe('false = 已停用，不再参与订单匹配 / deactivated, no longer matched in orders'),
  })
  .meta({ id: 'Product' });

const optionalText = boundedText;

const productInput = z.object({
  name: requiredText(200),
  model: optionalText(100),
  category: optionalText(100),
  precisionGrade: z.enum(PRECISION_GRADES).nullish(),
  unit: requiredText(20),
  unitWeightKg: measure(1e9)
    .refine((v) => v > 0, '单重须大于 0 / the unit weight must be more than 0')
    .nullish(),
  listPriceCny: z
    .union([z.string().max(40), z.number()])
    .nullish()
    .transform((v, zctx) => {
      if (v === null || v === undefined || v === '') return null;
      const d = parseDecimal(v);
      if (d === null || d.startsWith('-') || !fitsStoredDecimal(d) || Number(d) > MAX_AMOUNT) {
        zctx.addIssue({
          code: 'custom',
          message: `单价须为不超过 ${MAX_AMOUNT.toExponential()} 的非负小数 / price must be a non-negative decimal up to ${MAX_AMOUNT.toExponential()}`,
        });
        return z.NEVER;
      }
      return canonicalMoney(d);
    }),
});

const codeParams = z.object({
  code: requiredText(64).regex(/^[^\s/]+$/, '编码不能含空格或斜杠 / no spaces or slashes'),
});

function productOf(code: string, b: z.infer<typeof productInput>): Product {
  return {
    code,
    name: b.name,
    model: b.model,
    category: b.category,
    precisionGrade: b.precisionGrade ?? null,
    unit: b.unit,
    unitWeightKg: b.unitWeightKg ?? null,
    listPriceCny: b.listPriceCny,
  };
}

export const catalogRoutes: RouteModule = async (app, ctx) => {
  const { db } = ctx.store;
  const tags = ['catalog'];

  app.get(
    '/api/catalog/products',
    {
      schema: {
        tags,
        summary: '产品目录（搜索、分页）/ Products, searchable and paged',
        querystring: pageQuery.extend({
          active: z
            .enum(['true', 'false'])
            .optional()
            .describe('true：仅在用；false：仅已停用 / filter by state'),
          ...sortQuery(PRODUCT_SORTS, 'code'),
        }),
        response: {
          200: z.object({ items: z.array(productSchema), total: z.number().int() }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { q, page, pageSize, active, sort, order } = request.query;
      const r = await listProducts(db, {
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
    '/api/catalog/products/:code',
    {
      schema: {
        tags,
        summary: '产品 / A product',
        params: codeParams,
        response: { 200: productSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const p = await getProductRecord(db, request.params.code);
      if (!p)
        throw new AppError('NOT_FOUND', {
          zh: `未找到产品 ${request.params.code}`,
          en: `no product ${request.params.code}`,
        });
      return p;
    },
  );

  app.post(
    '/api/catalog/products',
    {
      schema: {
        tags,
        summary: '新建产品（技术/销售/管理员）/ Create a product',
        body: productInput.extend({ code: codeParams.shape.code }),
        response: { 201: productSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { code, ...rest } = request.body;
      if (await getProduct(db, code)) {
        throw new AppError('CONFLICT', {
          zh: `产品编码已存在：${code}`,
          en: `product ${code} already exists`,
        });
      }
      await upsertProduct(db, actorOf(request), productOf(code, rest));
      return reply.status(201).send((await getProductRecord(db, code))!);
    },
  );

  app.put(
    '/api/catalog/products/:code',
    {
      schema: {
        tags,
        summary: '修改产品（技术/销售/管理员）/ Update a product',
        params: codeParams,
        body: productInput,
        response: { 200: productSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { code } = request.params;
      if (!(await getProduct(db, code)))
        throw new AppError('NOT_FOUND', { zh: `未找到产品 ${code}`, en: `no product ${code}` });
      await upsertProduct(db, actorOf(request), productOf(code, request.body));
      return (await getProductRecord(db, code))!;
    },
  );

  for (const [verb, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(
      `/api/catalog/products/:code/${verb}`,
      {
        schema: {
          tags,
          summary: active
            ? '重新启用产品 / Reactivate a product'
            : '停用产品（不再参与订单匹配，合同保留）/ Deactivate a product (no longer matched; contracts keep it)',
          params: codeParams,
          response: { 200: productSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const { code } = request.params;
        const p = await setProductActive(db, actorOf(request), code, active);
        if (!p) throw new AppError('NOT_FOUND', { zh: `未找到产品 ${code}`, en: `no product ${code}` });
        return p;
      },
    );
  }

  app.delete(
    '/api/catalog/products/:code',
    {
      schema: {
        tags,
        summary: '删除产品（技术/销售/管理员）/ Delete a product',
        params: codeParams,
        response: { 204: z.null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      if (!(await deleteProduct(db, actorOf(request), code))) {
        throw new AppError('NOT_FOUND', { zh: `未找到产品 ${code}`, en: `no product ${code}` });
      }
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/catalog/export',
    {
      schema: {
        tags,
        summary: '导出产品目录 / Export the catalogue (CSV or XLSX)',
        querystring: exportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { ...problemResponses(400, 401) },
      },
    },
    async (request, reply) =>
      sendTable(
        reply,
        await exportCatalog(db),
        request.query.format,
        await datedBaseName(db, '产品目录', ctx.clock()),
        '产品目录',
      ),
  );

  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    await withMultipart(scope, ctx);
    scope.post(
      '/api/catalog/import',
      {
        schema: {
          tags,
          summary: '导入产品目录（CSV/XLSX，字段 file）/ Import the catalogue (multipart field "file")',
          consumes: ['multipart/form-data'],
          querystring: importQuery,
          response: { 200: importReportSchema, ...problemResponses(400, 401, 403, 413, 415) },
        },
      },
      async (request) => {
        const { table, fileName } = await uploadedTable(request);
        return importing(fileName, () =>
          importCatalog(db, actorOf(request), table, {
            partial: isPartial(request.query),
            source: fileName,
          }),
        );
      },
    );
  });
};
