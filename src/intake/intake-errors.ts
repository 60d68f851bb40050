// Every way an upload can fail ends in one of these codes with a message a salesperson can act on,
// Chinese first. Extractors throw IntakeError; anything else thrown by a library is wrapped as corrupted.
// The kinds and their status are the intake section of the one error catalogue (src/shared/errors.ts).
import { ERROR_CATALOGUE, type ErrorCode, type INTAKE_FAILURES } from '../shared/errors.js';

type IntakeCatalogueCode = keyof typeof INTAKE_FAILURES;

/** What an intake record stores as its `error.code`: the catalogue code's lower-case suffix. */
export type IntakeErrorCode = Lowercase<IntakeCatalogueCode extends `INTAKE_${infer Kind}` ? Kind : never>;

/** The catalogue code of a failure kind (`corrupted` → `INTAKE_CORRUPTED`). */
export function intakeCatalogueCode(code: IntakeErrorCode): ErrorCode {
  return `INTAKE_${code.toUpperCase()}` as IntakeCatalogueCode;
}

export interface IntakeErrorInfo {
  code: IntakeErrorCode;
  messageZh: string;
  messageEn: string;
  /** Extra facts for logs (limit exceeded, media type found). */
  detail?: Record<string, string | number>;
}

export class IntakeError extends Error implements IntakeErrorInfo {
  readonly code: IntakeErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly detail?: Record<string, string | number>;

  constructor(info: IntakeErrorInfo) {
    super(`${info.messageZh} / ${info.messageEn}`);
    this.name = 'IntakeError';
    this.code = info.code;
    this.messageZh = info.messageZh;
    this.messageEn = info.messageEn;
    if (info.detail) this.detail = info.detail;
  }

  get catalogueCode(): ErrorCode {
    return intakeCatalogueCode(this.code);
  }

  get status(): number {
    return ERROR_CATALOGUE[this.catalogueCode].status;
  }

  toJSON(): IntakeErrorInfo {
    return {
      code: this.code,
      messageZh: this.messageZh,
      messageEn: this.messageEn,
      ...(this.detail ? { detail: this.detail } : {}),
    };
  }
}

export const intakeErrors = {
  empty: (file?: string) =>
    new IntakeError({
      code: 'empty',
      messageZh: `文件为空${file ? `：${file}` : ''}，没有可读取的内容。`,
      messageEn: `The file is empty${file ? `: ${file}` : ''}; there is nothing to read.`,
    }),
  /** `problem`: what is wrong, in words a salesperson can pass on (the `reason` is for the log). */
  corrupted: (what: string, reason?: string, problem?: { zh: string; en: string }) =>
    new IntakeError({
      code: 'corrupted',
      messageZh: `${what} 文件已损坏或不完整${problem ? `（${problem.zh}）` : ''}，无法读取。请重新导出或重新发送原文件。`,
      messageEn: `The ${what} file is damaged or truncated${problem ? ` (${problem.en})` : ''} and cannot be read. Please export or send it again.`,
      ...(reason ? { detail: { reason: reason.slice(0, 300) } } : {}),
    }),
  passwordProtected: (what: string) =>
    new IntakeError({
      code: 'password_protected',
      messageZh: `${what} 文件有密码保护，无法读取。请让客户提供未加密的文件或密码。`,
      messageEn: `The ${what} file is password-protected. Ask the customer for an unprotected copy or the password.`,
    }),
  oversized: (limit: string, actual: number, max: number) =>
    new IntakeError({
      code: 'oversized',
      messageZh: `文件超出处理上限（${limitZh[limit] ?? limit}：${actual}，上限 ${max}）。请拆分后再上传。`,
      messageEn: `The file exceeds the processing limit (${limit}: ${actual}, maximum ${max}). Please split it and upload again.`,
      detail: { limit, actual, max },
    }),
  /** A zip that would inflate past a limit (a likely zip bomb), named by its file. */
  unsafeArchive: (file: string, limit: string, actual: number, max: number) =>
    new IntakeError({
      code: 'oversized',
      messageZh: `压缩文件“${file}”超出解压上限（${limitZh[limit] ?? limit}：${actual}，上限 ${max}），疑似压缩炸弹，已拒绝。`,
      messageEn: `"${file}" exceeds the unpacking limit (${limit}: ${actual}, maximum ${max}); refused as a likely zip bomb.`,
      detail: { file, limit, actual, max },
    }),
  unsupported: (what: string, hintZh: string, hintEn: string) =>
    new IntakeError({
      code: 'unsupported',
      messageZh: `暂不支持读取 ${what} 文件。${hintZh}`,
      messageEn: `${what} files cannot be read yet. ${hintEn}`,
      detail: { mediaType: what },
    }),
  /** A kind of file that is never a customer's document (a program, an archive). */
  notADocument: (whatZh: string, whatEn: string, mediaType: string, hintZh: string, hintEn: string) =>
    new IntakeError({
      code: 'unsupported',
      messageZh: `这是${whatZh}（${mediaType}），不是可读取的客户文件，已拒绝。${hintZh}`,
      messageEn: `This is ${whatEn} (${mediaType}), not a customer document intake can read; refused. ${hintEn}`,
      detail: { mediaType },
    }),
  /** Bytes that decode to mostly unreadable characters: analysing them would invent a message. */
  garbled: (share: number) =>
    new IntakeError({
      code: 'garbled',
      messageZh: `内容大部分是乱码（${Math.round(share * 100)}% 的字符无法识别），不是可读的文字。请确认文件是否正确，或另存为 UTF-8 文本后上传。`,
      messageEn: `The content is mostly unreadable (${Math.round(share * 100)}% of the characters cannot be read); it is not text. Check the file, or save it as UTF-8 text and upload again.`,
      detail: { share: Math.round(share * 1000) / 1000 },
    }),
  timeout: (ms: number) =>
    new IntakeError({
      code: 'timeout',
      messageZh: `文件处理超时（超过 ${Math.round(ms / 1000)} 秒），已停止。`,
      messageEn: `Reading the file took longer than ${Math.round(ms / 1000)} s and was stopped.`,
      detail: { ms },
    }),
};

const limitZh: Record<string, string> = {
  bytes: '字节数',
  pages: '页数',
  rows: '行数',
  zipEntries: '压缩包文件数',
  uncompressedBytes: '解压后大小',
  compressionRatio: '压缩比',
  depth: '附件嵌套层数',
  attachments: '附件数',
};

export function toIntakeError(err: unknown, what: string): IntakeError {
  if (err instanceof IntakeError) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return intakeErrors.corrupted(what, reason);
}
