// Turns an accepted intake into a finished one: read the original, extract text with provenance,
// analyse and classify it against the database, persist everything. Every failure ends on the record
// as a code and a message (Chinese first); the record and its original are never removed.
import { analyzeWithStore } from '../rules/store-classification.js';
import type { Actor } from '../store/audit.js';
import type { Store } from '../store/connect.js';
import { extractAny } from './extract.js';
import type { FileStore } from './file-store.js';
import { IntakeError } from './intake-errors.js';
import {
  claimIntake,
  completeIntake,
  createIntake,
  type FailureInfo,
  failIntake,
  getIntake,
  type IntakeStatus,
  setIntakeProgress,
} from './intake-repository.js';
import { sniff } from './sniff.js';
import type { ExtractionResult, ImageTextEngine, IntakeLimits, SpeechEngine } from './types.js';

function analysisFailureWarning(n: number): string {
  return `分析时有 ${n} 个步骤出错，相应内容可能缺失，请人工核对 / ${n} analysis step(s) failed; some fields may be missing — please check them`;
}

export interface IntakeDeps {
  store: Store;
  files: FileStore;
  limits?: Partial<IntakeLimits>;
  /** OCR and speech engines (see engines.ts); without them images and audio end as `unsupported`. */
  engines?: { image?: ImageTextEngine; speech?: SpeechEngine };
}

export interface AcceptInput {
  /** Pasted text, or the bytes of an uploaded file. */
  text?: string;
  bytes?: Uint8Array;
  fileName?: string | null;
  channel?: string | null;
  customerName?: string | null;
  refDate?: string | null;
  createdBy?: string | null;
  /** Who took it in, for the audit trail (the signed-in user, the CLI, the mailbox poller). */
  actor?: Actor;
}

/**
 * Channel of a record when the uploader named none: e-mails are e-mail, pasted text is text, and a
 * recording is spoken (a call or a voice message), which the rules treat as having no written basis.
 */
function defaultChannel(kind: string, pasted: boolean): string {
  if (kind === 'email') return 'email';
  if (kind === 'audio') return 'phone_transcript';
  return pasted ? 'text' : 'file';
}

/**
 * Stores the original and creates a queued record; nothing is extracted yet. Pasted text is kept as
 * a UTF-8 original like any upload, so a retry reads exactly what was pasted.
 */
export async function acceptIntake(deps: IntakeDeps, input: AcceptInput): Promise<string> {
  const pasted = input.bytes === undefined;
  const bytes = input.bytes ?? new TextEncoder().encode(input.text ?? '');
  const fileName = input.fileName?.trim() || null;
  const sniffed = sniff(bytes, fileName ?? undefined);
  const stored = await deps.files.put(bytes);
  return createIntake(deps.store.db, {
    channel: input.channel?.trim() || defaultChannel(sniffed.kind, pasted),
    fileName,
    mediaType: pasted ? 'text/plain' : sniffed.mediaType,
    sha256: stored.sha256,
    sizeBytes: stored.sizeBytes,
    customerName: input.customerName?.trim() || null,
    refDate: input.refDate ?? null,
    createdBy: input.createdBy ?? null,
    ...(input.actor ? { actor: input.actor } : {}),
  });
}

function shanghaiDay(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Images and recordings extract to no text until an OCR/ASR engine is configured. */
function nothingToAnalyse(result: ExtractionResult, fileName: string | null): FailureInfo {
  const pending = result.pending ?? [];
  if (pending.length > 0) {
    const kinds = new Set(pending.map((p) => p.kind));
    const engineZh = [kinds.has('ocr') ? '文字识别（OCR）' : '', kinds.has('asr') ? '语音转写（ASR）' : '']
      .filter(Boolean)
      .join('、');
    const engineEn = [kinds.has('ocr') ? 'OCR' : '', kinds.has('asr') ? 'speech-to-text' : '']
      .filter(Boolean)
      .join(' and ');
    return {
      code: 'unsupported',
      messageZh: `${pending.map((p) => p.messageZh).join('；')}。尚未配置${engineZh}引擎，原文件已保存，配置后可重试。`,
      messageEn: `${pending.map((p) => p.messageEn).join('; ')}. No ${engineEn} engine is configured; the original is kept and can be retried once one is.`,
    };
  }
  const name = fileName ? `：${fileName}` : '';
  return {
    code: 'empty',
    messageZh: `没有读出任何文字${name}，无法分析。`,
    messageEn: `No text could be read${fileName ? ` from ${fileName}` : ''}; nothing to analyse.`,
  };
}

function failureOf(err: unknown): FailureInfo {
  if (err instanceof IntakeError) return err;
  return {
    code: 'analysis_failed',
    messageZh: `分析失败：${err instanceof Error ? err.message : String(err)}。原文件已保存，可重试。`,
    messageEn: 'The analysis failed; the original is kept and the record can be retried.',
  };
}

/**
 * Processes one record to done or failed and returns its final status. A queued record is claimed
 * first; one already claimed (status processing) by the caller is processed as is.
 */
export async function processIntake(deps: IntakeDeps, id: string): Promise<IntakeStatus> {
  const { db } = deps.store;
  await claimIntake(db, id);
  const record = await getIntake(db, id);
  if (!record) throw new Error(`no intake record ${id}`);
  if (record.status !== 'processing') return record.status;

  let bytes: Buffer;
  try {
    if (!record.sha256) throw new Error('no original recorded');
    bytes = await deps.files.get(record.sha256);
  } catch (err) {
    await failIntake(db, id, {
      code: 'original_missing',
      messageZh: `找不到原文件（${record.fileName ?? record.sha256 ?? id}），无法处理。请检查上传目录或重新上传。`,
      messageEn: `The original file is missing (${err instanceof Error ? err.message : String(err)}); check the upload directory or upload it again.`,
    });
    return 'failed';
  }

  let extraction: ExtractionResult;
  try {
    extraction = await extractAny(
      bytes,
      {
        ...(record.fileName ? { fileName: record.fileName } : {}),
        ...(deps.engines?.image ? { imageEngine: deps.engines.image } : {}),
        ...(deps.engines?.speech ? { speechEngine: deps.engines.speech } : {}),
        // Progress is advisory: failing to store it must not fail the pages already read.
        onProgress: (done, total) => setIntakeProgress(db, id, done, total).catch(() => {}),
      },
      deps.limits,
    );
  } catch (err) {
    await failIntake(db, id, failureOf(err));
    return 'failed';
  }
  const partial = {
    text: extraction.text,
    provenance: extraction.provenance,
    warnings: extraction.warnings,
    mediaType: extraction.mediaType,
  };
  if (extraction.text.trim() === '') {
    await failIntake(db, id, nothingToAnalyse(extraction, record.fileName), partial);
    return 'failed';
  }

  const refDate = record.refDate ?? shanghaiDay(record.createdAt);
  try {
    const analysed = await analyzeWithStore(deps.store, {
      text: extraction.text,
      refDate,
      ...(record.channel === 'text' || record.channel === 'file' ? {} : { channel: record.channel }),
      ...(record.customerName ? { customerName: record.customerName } : {}),
    });
    const failed = analysed.result.failures ?? [];
    await completeIntake(db, id, {
      ...partial,
      // A phase of the analysis that failed leaves its fields empty: the person checking the record is told.
      warnings:
        failed.length > 0 ? [...partial.warnings, analysisFailureWarning(failed.length)] : partial.warnings,
      refDate,
      analysis: analysed.result,
      customerId: analysed.customerId,
    });
    return 'done';
  } catch (err) {
    await failIntake(db, id, failureOf(err), partial);
    return 'failed';
  }
}
