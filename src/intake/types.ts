import type { IntakeErrorInfo } from './intake-errors.js';
import type { Provenance } from './provenance.js';
import type { TextEncodingLabel } from './text-decoding.js';

export interface IntakeLimits {
  /** Largest upload read at all. */
  maxBytes: number;
  maxPages: number;
  /** Spreadsheet / CSV rows read per file. */
  maxRows: number;
  /** Zip bomb guards for OOXML containers, checked from the central directory before inflating. */
  maxZipEntries: number;
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
  /** Nesting of attachments (mail in mail in mail...). */
  maxDepth: number;
  maxAttachments: number;
  /** Wall-clock cap per file so a pathological input cannot hold a job forever. */
  timeoutMs: number;
}

export const defaultLimits: IntakeLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxPages: 300,
  maxRows: 20_000,
  maxZipEntries: 5_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxDepth: 4,
  maxAttachments: 50,
  timeoutMs: 60_000,
};

export interface OcrBox {
  text: string;
  /** x, y, width, height in image pixels. */
  box: [number, number, number, number];
  confidence?: number;
}

/** Implemented later by an OCR adapter; extractors call it when present, else record pending work. */
export interface ImageTextEngine {
  recognize(image: Uint8Array, mediaType: string): Promise<{ boxes: OcrBox[] }>;
}

export interface SpeechSegment {
  text: string;
  startMs: number;
  endMs: number;
  speaker?: string;
}

/** Implemented later by a speech-to-text adapter. */
export interface SpeechEngine {
  transcribe(audio: Uint8Array, mediaType: string): Promise<{ segments: SpeechSegment[] }>;
}

export interface ExtractMeta {
  fileName?: string;
  /** Content type claimed by the uploader or the mail part; used only as a hint. */
  declaredType?: string;
  imageEngine?: ImageTextEngine;
  speechEngine?: SpeechEngine;
  /**
   * Told after each page of a PDF (done, total), so a long scan's record shows how far it has got.
   * Awaited: the extractor goes on once the progress is stored.
   */
  onProgress?: (done: number, total: number) => Promise<void> | void;
  /** Internal: attachment nesting depth. */
  depth?: number;
}

/** Work left for a later step: OCR of images or text-less PDF pages, ASR of audio. */
export interface PendingItem {
  kind: 'ocr' | 'asr';
  file?: string;
  mediaType: string;
  attachmentPath?: string[];
  /** PDF pages without a text layer. */
  pages?: number[];
  messageZh: string;
  messageEn: string;
}

export interface AttachmentResult {
  fileName: string;
  mediaType: string;
  status: 'extracted' | 'pending' | 'failed';
  /** Embedded in the HTML body (cid:), e.g. a signature logo or a pasted screenshot. */
  inline?: boolean;
  /** Where this attachment's text sits in the parent's text (absent when it produced none). */
  start?: number;
  end?: number;
  error?: IntakeErrorInfo;
  result?: ExtractionResult;
}

export interface ExtractionResult {
  text: string;
  provenance: Provenance;
  /** Media type found from the content (not from the file name). */
  mediaType: string;
  warnings: string[];
  encoding?: TextEncodingLabel;
  attachments?: AttachmentResult[];
  pending?: PendingItem[];
  /** PDF pages with no text layer. */
  needsOcrPages?: number[];
  pageCount?: number;
}

export type Extractor = (
  bytes: Uint8Array,
  meta: ExtractMeta,
  limits: IntakeLimits,
) => Promise<ExtractionResult>;
