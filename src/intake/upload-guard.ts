// Refuses at the door what intake cannot read, so the sender hears it at once (415/422 naming the
// file and the reason) and nothing is stored, queued, analysed or listed: a zip bomb, a program, an
// archive, an empty or damaged file, a password-protected one, text that is mostly garbage. The kinds
// whose reading is quick (Office documents, .doc/.wps, .xls/.et, text) are read here in full once,
// within a short time limit; a PDF's structure is opened here (garbage behind its header, a file cut
// short: 422) but its text left to the worker; images, recordings and mails are left to the worker
// too, which reports on the record what it could not read (their reading can take minutes).
import { AppError } from '../shared/errors.js';
import { extractAny } from './extract.js';
import { checkPdfStructure } from './extractors/pdf.js';
import { IntakeError, intakeErrors } from './intake-errors.js';
import { GARBLED_LIMIT, garbledShare, type SniffedKind, sniff } from './sniff.js';
import { defaultLimits, type IntakeLimits } from './types.js';
import { guardZip, type ZipLimits } from './zip-guard.js';
import { isZip } from './zip-inspect.js';

const BOMB_LIMITS = new Set(['zipEntries', 'uncompressedBytes', 'compressionRatio']);

/** Read by the worker, not here: reading them may take long (OCR, speech, big PDFs, attachments). */
const READ_LATER: ReadonlySet<SniffedKind> = new Set(['pdf', 'image', 'audio', 'email']);

/** How long the door check may read; a file that takes longer is accepted and read by the worker. */
const CHECK_MS = 5_000;

export async function refuseZipBomb(
  bytes: Uint8Array,
  fileName: string | null | undefined,
  limits: ZipLimits = defaultLimits,
): Promise<void> {
  if (!isZip(bytes)) return;
  const name = fileName?.trim() || 'ZIP';
  try {
    await guardZip(bytes, 'ZIP', limits, name);
  } catch (err) {
    if (!(err instanceof IntakeError) || !BOMB_LIMITS.has(String(err.detail?.limit))) return;
    const message = `${err.messageZh} / ${err.messageEn}`;
    throw new AppError(
      'UNSAFE_ARCHIVE',
      { zh: err.messageZh, en: err.messageEn },
      {
        file: name,
        limit: err.detail?.limit,
        actual: err.detail?.actual,
        max: err.detail?.max,
        errors: [{ in: 'body', path: '/file', message }],
      },
    );
  }
}

function refusal(err: IntakeError, file: string, where: '/file' | '/text'): AppError {
  const zh = `${where === '/file' ? `“${file}”：` : ''}${err.messageZh}`;
  const en = `${where === '/file' ? `"${file}": ` : ''}${err.messageEn}`;
  const message = `${zh} / ${en}`;
  return new AppError(
    err.code === 'unsupported' ? 'UNSUPPORTED_FILE_TYPE' : 'UNREADABLE_CONTENT',
    { zh, en },
    {
      ...(where === '/file' ? { file } : {}),
      reason: err.code,
      errors: [{ in: 'body', path: where, message }],
    },
  );
}

/**
 * Throws a 415/422 AppError for an upload intake cannot read (see the file comment); returns when the
 * file is to be stored and queued.
 */
export async function refuseUnreadableUpload(
  bytes: Uint8Array,
  fileName: string | null | undefined,
  limits: Partial<IntakeLimits> = {},
): Promise<void> {
  const file = fileName?.trim() || '上传的文件 upload';
  await refuseZipBomb(bytes, fileName, { ...defaultLimits, ...limits });
  if (bytes.length === 0) throw refusal(intakeErrors.empty(), file, '/file');
  const kind = sniff(bytes, fileName ?? undefined).kind;
  if (READ_LATER.has(kind) && kind !== 'pdf') return;
  try {
    if (kind === 'pdf') await checkPdfStructure(bytes, CHECK_MS);
    else await extractAny(bytes, fileName ? { fileName } : {}, { ...limits, timeoutMs: CHECK_MS });
  } catch (err) {
    if (!(err instanceof IntakeError) || err.code === 'timeout') return;
    throw refusal(err, file, '/file');
  }
}

/** Pasted text that is mostly replacement or control characters (a binary file pasted as text). */
export function refuseGarbledText(text: string): void {
  const share = garbledShare(text);
  if (share > GARBLED_LIMIT) throw refusal(intakeErrors.garbled(share), '', '/text');
}
