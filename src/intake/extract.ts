// Entry point for uploads: sniffs what the bytes are, runs the matching extractor under the limits, and
// turns every failure into a typed IntakeError. Never trusts the file name beyond warning about it.
import { compoundContainerProblem } from './compound-file.js';
import { extractDocx } from './extractors/docx.js';
import { extractEmail } from './extractors/email.js';
import { extractAudio, extractImage } from './extractors/media.js';
import { extractPdf } from './extractors/pdf.js';
import { extractPlainText } from './extractors/plain-text.js';
import { extractCsv, extractXlsx } from './extractors/spreadsheet.js';
import { extractSpreadsheetBinary } from './extractors/spreadsheet-binary.js';
import { extractWordBinary } from './extractors/word-binary.js';
import { htmlToText } from './html-text.js';
import { IntakeError, intakeErrors, toIntakeError } from './intake-errors.js';
import { TextBuilder } from './provenance.js';
import { garbledShare, type SniffResult, sniff } from './sniff.js';
import { decodeTextBytes } from './text-decoding.js';
import { defaultLimits, type ExtractionResult, type ExtractMeta, type IntakeLimits } from './types.js';

export { defaultLimits };

function mismatchWarning(s: SniffResult, fileName: string): string | undefined {
  if (!s.nameMismatch) return undefined;
  return (
    `文件名“${fileName}”的扩展名是 .${s.nameMismatch.extension}，但内容实际是 ${s.mediaType}，已按实际内容处理 / ` +
    `"${fileName}" is named .${s.nameMismatch.extension} but its content is ${s.mediaType}; processed as what it is`
  );
}

async function extractHtml(bytes: Uint8Array, meta: ExtractMeta): Promise<ExtractionResult> {
  const decoded = decodeTextBytes(bytes);
  const text = htmlToText(decoded.text);
  if (text.trim() === '') throw intakeErrors.empty(meta.fileName);
  const out = new TextBuilder();
  text.split('\n').forEach((line, i) => {
    out
      .add(line, { kind: 'line', line: i + 1, ...(meta.fileName ? { file: meta.fileName } : {}) })
      .plain('\n');
  });
  return { ...out.build(), mediaType: 'text/html', warnings: [], encoding: decoded.encoding };
}

/** What a compound file cut short before its directory claims to be, for the message only. */
function officeKind(fileName?: string): string {
  const ext = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === 'xls') return 'Excel (.xls)';
  if (ext === 'et') return 'WPS 表格 (.et)';
  if (ext === 'doc' || ext === 'wps') return 'Word';
  return 'Office';
}

async function dispatch(
  bytes: Uint8Array,
  s: SniffResult,
  meta: ExtractMeta,
  limits: IntakeLimits,
): Promise<ExtractionResult> {
  switch (s.kind) {
    case 'empty':
      throw intakeErrors.empty(meta.fileName);
    case 'pdf':
      return extractPdf(bytes, meta, limits);
    case 'docx':
      return extractDocx(bytes, meta, limits);
    case 'xlsx':
      return extractXlsx(bytes, meta, limits);
    case 'email':
      return extractEmail(bytes, meta, limits, extractAny);
    case 'csv':
      return extractCsv(bytes, meta, limits);
    case 'html':
      return extractHtml(bytes, meta);
    case 'text':
      return extractPlainText(bytes, meta);
    case 'image':
      return extractImage(bytes, s.mediaType, meta);
    case 'audio':
      return extractAudio(bytes, s.mediaType, meta);
    case 'encrypted-ooxml':
      throw intakeErrors.passwordProtected('Office');
    case 'word-binary':
      return extractWordBinary(bytes, meta, limits);
    case 'spreadsheet-binary':
      return extractSpreadsheetBinary(bytes, meta, limits);
    case 'ole': {
      const broken = compoundContainerProblem(bytes);
      if (broken) throw intakeErrors.corrupted(officeKind(meta.fileName), broken);
      throw intakeErrors.unsupported(
        '旧版 Office（.ppt/.msg）',
        '请另存为 .pdf 后上传，或把邮件另存为 .eml。',
        'Please save it as .pdf (or the mail as .eml) and upload again.',
      );
    }
    case 'executable':
      throw intakeErrors.notADocument(
        '可执行程序',
        'a program',
        s.mediaType,
        '程序文件不会被打开。请上传客户的邮件、文档、表格、PDF、图片或录音。',
        'Programs are never opened. Upload the customer’s mail, documents, sheets, PDFs, pictures or recordings.',
      );
    case 'archive':
      throw intakeErrors.notADocument(
        '压缩包',
        'an archive',
        s.mediaType,
        '请解压后分别上传其中的文件。',
        'Please unpack it and upload the files inside.',
      );
    case 'garbled':
      throw intakeErrors.garbled(garbledShare(decodeTextBytes(bytes.subarray(0, 256 * 1024)).text));
    case 'pptx':
      throw intakeErrors.unsupported(
        'PowerPoint',
        '请导出为 PDF 后上传。',
        'Please export it to PDF and upload again.',
      );
    case 'damaged-zip':
      throw intakeErrors.corrupted(
        s.mediaType.includes('word') ? 'Word' : s.mediaType.includes('sheet') ? 'Excel' : 'ZIP',
        'zip central directory missing (truncated upload?)',
      );
    case 'zip':
      throw intakeErrors.notADocument(
        '不含 Office 文档的 ZIP 压缩包',
        'a ZIP archive that is no Office document',
        s.mediaType,
        '请解压后分别上传其中的文件。',
        'Please unzip it and upload the files inside.',
      );
    case 'binary':
      throw intakeErrors.notADocument(
        '无法识别的二进制数据',
        'binary data of no known kind',
        s.mediaType,
        '请上传客户的邮件、文档、表格、PDF、图片或录音。',
        'Upload the customer’s mail, documents, sheets, PDFs, pictures or recordings.',
      );
  }
}

/**
 * Extracts text with provenance from any supported upload. Throws only IntakeError; a library failure is
 * reported as `corrupted`, a run longer than `limits.timeoutMs` as `timeout`.
 */
export async function extractAny(
  bytes: Uint8Array,
  meta: ExtractMeta = {},
  limits: Partial<IntakeLimits> = {},
): Promise<ExtractionResult> {
  const lim: IntakeLimits = { ...defaultLimits, ...limits };
  if (bytes.length === 0) throw intakeErrors.empty(meta.fileName);
  if (bytes.length > lim.maxBytes) throw intakeErrors.oversized('bytes', bytes.length, lim.maxBytes);
  const s = sniff(bytes, meta.fileName);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(intakeErrors.timeout(lim.timeoutMs)), lim.timeoutMs);
    timer.unref();
  });
  try {
    const result = await Promise.race([dispatch(bytes, s, meta, lim), timeout]);
    const warning = meta.fileName ? mismatchWarning(s, meta.fileName) : undefined;
    if (warning) result.warnings.unshift(warning);
    return result;
  } catch (err) {
    throw err instanceof IntakeError ? err : toIntakeError(err, s.mediaType);
  } finally {
    clearTimeout(timer);
  }
}

export type { ExtractionResult, ExtractMeta, IntakeLimits };
