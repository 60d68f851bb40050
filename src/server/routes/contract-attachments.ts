// Files of a contract case over HTTP: list, upload (multipart field `file`, optional `note`),
// download. Every signed-in user who may open the case may read and attach its files (drawings
// come from technical, letters from sales); the limit is SHIXU_UPLOAD_MAX_MB like every upload.
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../../auth/authenticate.js';
import {
  addAttachment,
  attachmentContent,
  listAttachments,
  tooLargeError,
} from '../../contracts/attachments.js';
import { findContractId } from '../../contracts/case-repository.js';
import { FileStore } from '../../intake/file-store.js';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/values.js';
import type { App, ServerContext } from '../context.js';
import { attachmentHeader } from '../download-name.js';
import { problemResponses } from '../problem.js';
import { uploadedFileName, withMultipart } from './catalog.js';

const tags = ['contracts'];

const attachmentSchema = z
  .object({
    id: z.string(),
    source: z.enum(['intake', 'upload']).describe('intake = 建案时的客户原件 / the original message'),
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    note: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'CaseAttachment' });

const idParams = z.object({ id: z.string().min(1).describe('合同 id 或合同号 / contract id or number') });
const attachmentNote = text(2000);

export async function contractAttachmentRoutes(app: App, ctx: ServerContext): Promise<void> {
  const db = ctx.store.db;
  const files = new FileStore(ctx.config.uploadDir);
  const maxBytes = ctx.config.uploadMaxBytes;

  app.get(
    '/api/contracts/:id/attachments',
    {
      schema: {
        tags,
        summary: '案件附件 / Files attached to the case',
        params: idParams,
        response: { 200: z.object({ items: z.array(attachmentSchema) }), ...problemResponses(401, 404) },
      },
    },
    async (request) => ({ items: await listAttachments(db, await findContractId(db, request.params.id)) }),
  );

  app.get(
    '/api/contracts/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: '下载附件 / Download an attachment',
        params: idParams.extend({ attachmentId: z.string().min(1) }),
        response: problemResponses(401, 404),
      },
    },
    async (request, reply) => {
      const contractId = await findContractId(db, request.params.id);
      const { attachment, bytes } = await attachmentContent(
        db,
        files,
        contractId,
        request.params.attachmentId,
      );
      return (reply as FastifyReply)
        .header('content-type', attachment.mediaType)
        .header('content-disposition', attachmentHeader(attachment.fileName))
        .send(bytes);
    },
  );

  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    await withMultipart(scope, ctx);
    scope.post(
      '/api/contracts/:id/attachments',
      {
        schema: {
          tags,
          summary: '上传附件（字段 file，可选 note）/ Attach a file (multipart "file", optional "note")',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: attachmentSchema, ...problemResponses(400, 401, 404, 413, 415) },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
            zh: '请以 multipart/form-data 上传，字段名 file',
            en: 'upload as multipart/form-data in the field "file"',
          });
        }
        const contractId = await findContractId(db, request.params.id);
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
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (err) {
          // The multipart limit cuts the stream at maxBytes; say so in words, not as a bare 413.
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw tooLargeError(null, maxBytes);
          throw err;
        }
        const note = part.fields.note;
        const noteText = note && !Array.isArray(note) && note.type === 'field' ? String(note.value) : null;
        if (noteText !== null) {
          const checked = attachmentNote.safeParse(noteText);
          if (!checked.success) {
            const message = checked.error.issues[0]?.message ?? 'invalid';
            throw new AppError('VALIDATION_FAILED', `note: ${message}`, {
              errors: [{ in: 'body', path: '/note', message }],
            });
          }
        }
        const user = currentUser(request);
        const added = await addAttachment(
          db,
          files,
          { id: user.id, department: user.department },
          contractId,
          {
            fileName: uploadedFileName(part.filename),
            bytes: new Uint8Array(bytes),
            note: noteText,
          },
          { now: ctx.clock(), maxBytes },
        );
        return reply.status(201).send(added);
      },
    );
  });
}
