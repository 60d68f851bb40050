// Files attached to a contract case: drawings, customer letters, sample photos. Bytes go to the
// content-addressed upload store (the same one that keeps intake originals), a row names them.
// A case opened from an intake record lists that record's original file first, read from the
// intake record itself, so the customer's message is one click away from the review.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FileStore } from '../intake/file-store.js';
import { sniff } from '../intake/sniff.js';
import { AppError } from '../shared/errors.js';
import { type Actor, recordAudit } from '../store/audit.js';
import { NotFoundError } from '../store/errors.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';

type Db = Kysely<Database>;

export interface CaseAttachment {
  id: string;
  /** `intake`: the original message the case was opened from; `upload`: attached on the case. */
  source: 'intake' | 'upload';
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  note: string | null;
  createdBy: string | null;
  /** Display name of `createdBy`, for the list. */
  createdByName: string | null;
  createdAt: string;
}

export const MAX_FILE_NAME = 255;

const EXTENSIONS: Record<string, string> = {
  'text/plain': 'txt',
  'message/rfc822': 'eml',
  'application/pdf': 'pdf',
  'text/html': 'html',
  'text/csv': 'csv',
};

/**
 * The name the original downloads under: the uploaded file's own name, or for pasted text (which
 * has none) the case number and what it is, never a bare id.
 */
export function originalFileName(fileName: string | null, mediaType: string | null, number: string): string {
  if (fileName?.trim()) return fileName.trim();
  const base = mediaType?.split(';')[0]?.trim() ?? '';
  return `${number}-客户原文.${EXTENSIONS[base] ?? 'bin'}`;
}

async function intakeOriginal(db: Db, contractId: string): Promise<CaseAttachment | null> {
  const row = await db
    .selectFrom('contracts')
    .innerJoin('intake_records', 'intake_records.id', 'contracts.intake_id')
    .leftJoin('users', 'users.id', 'intake_records.created_by')
    .select([
      'users.display_name',
      'contracts.number',
      'intake_records.id',
      'intake_records.file_name',
      'intake_records.file_sha256',
      'intake_records.media_type',
      'intake_records.size_bytes',
      'intake_records.created_by',
      'intake_records.created_at',
    ])
    .where('contracts.id', '=', contractId)
    .executeTakeFirst();
  if (!row?.file_sha256) return null;
  return {
    id: row.id,
    source: 'intake',
    fileName: originalFileName(row.file_name, row.media_type, row.number),
    mediaType: row.media_type ?? 'application/octet-stream',
    sizeBytes: Number(row.size_bytes ?? 0),
    sha256: row.file_sha256,
    note: null,
    createdBy: row.created_by,
    createdByName: row.display_name,
    createdAt: row.created_at,
  };
}

/** The case's files, the intake original first, then attachments oldest first. */
export async function listAttachments(db: Db, contractId: string): Promise<CaseAttachment[]> {
  const rows = await db
    .selectFrom('contract_attachments')
    .leftJoin('users', 'users.id', 'contract_attachments.created_by')
    .selectAll('contract_attachments')
    .select('users.display_name')
    .where('contract_attachments.contract_id', '=', contractId)
    .orderBy('contract_attachments.created_at')
    .orderBy('contract_attachments.id')
    .execute();
  const original = await intakeOriginal(db, contractId);
  return [
    ...(original ? [original] : []),
    ...rows.map((r) => ({
      id: r.id,
      source: 'upload' as const,
      fileName: r.file_name,
      mediaType: r.media_type,
      sizeBytes: Number(r.size_bytes),
      sha256: r.sha256,
      note: r.note,
      createdBy: r.created_by,
      createdByName: r.display_name,
      createdAt: r.created_at,
    })),
  ];
}

/** `sizeBytes` null: the upload was cut off at the limit, so its real size is unknown. */
export function tooLargeError(sizeBytes: number | null, maxBytes: number): AppError {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const zh = sizeBytes === null ? '附件超过大小上限' : `附件过大（${mb(sizeBytes)} MB）`;
  const en =
    sizeBytes === null ? 'attachment exceeds the size limit' : `attachment too large (${mb(sizeBytes)} MB)`;
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    {
      zh: `${zh}，上限 ${mb(maxBytes)} MB（SHIXU_UPLOAD_MAX_MB）`,
      en: `${en}; the limit is ${mb(maxBytes)} MB (SHIXU_UPLOAD_MAX_MB)`,
    },
    { maxBytes },
  );
}

export async function addAttachment(
  db: Db,
  files: FileStore,
  actor: Actor,
  contractId: string,
  input: { fileName: string; bytes: Uint8Array; note?: string | null },
  opts: { now: Date; maxBytes: number },
): Promise<CaseAttachment> {
  const fileName = input.fileName.trim().slice(0, MAX_FILE_NAME);
  if (fileName === '')
    throw new AppError('VALIDATION_FAILED', { zh: '附件缺少文件名', en: 'the file has no name' });
  if (input.bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', { zh: '附件是空文件', en: 'the file is empty' });
  if (input.bytes.length > opts.maxBytes) throw tooLargeError(input.bytes.length, opts.maxBytes);
  const exists = await db
    .selectFrom('contracts')
    .select('id')
    .where('id', '=', contractId)
    .executeTakeFirst();
  if (!exists) throw new NotFoundError('contract', contractId);
  // Stored before the row: an orphaned file (row rolled back) is harmless in a content store.
  const stored = await files.put(input.bytes);
  const uploader = await db
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', actor.id)
    .executeTakeFirst();
  const attachment: CaseAttachment = {
    id: randomUUID(),
    source: 'upload',
    fileName,
    mediaType: sniff(input.bytes, fileName).mediaType,
    sizeBytes: stored.sizeBytes,
    sha256: stored.sha256,
    note: input.note?.trim() || null,
    createdBy: actor.id,
    createdByName: uploader?.display_name ?? null,
    createdAt: opts.now.toISOString(),
  };
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('contract_attachments')
      .values({
        id: attachment.id,
        contract_id: contractId,
        file_name: attachment.fileName,
        media_type: attachment.mediaType,
        sha256: attachment.sha256,
        size_bytes: attachment.sizeBytes,
        note: attachment.note,
        created_by: attachment.createdBy,
        created_at: attachment.createdAt,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'attachment.added',
      entityId: attachment.id,
      after: { contractId, fileName, sha256: attachment.sha256, sizeBytes: attachment.sizeBytes },
      at: attachment.createdAt,
    });
  });
  return attachment;
}

/** One file of the case with its bytes (checked against the digest by the store). */
export async function attachmentContent(
  db: Db,
  files: FileStore,
  contractId: string,
  attachmentId: string,
): Promise<{ attachment: CaseAttachment; bytes: Buffer }> {
  const attachment = (await listAttachments(db, contractId)).find((a) => a.id === attachmentId);
  if (!attachment) throw new NotFoundError('attachment', attachmentId);
  if (!(await files.has(attachment.sha256))) {
    throw new AppError('NOT_FOUND', {
      zh: `附件文件不在上传目录中（${attachment.sha256}）`,
      en: `the file is missing from the upload directory (${attachment.sha256})`,
    });
  }
  return { attachment, bytes: await files.get(attachment.sha256) };
}
