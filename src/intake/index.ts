export { defaultLimits, extractAny } from './extract.js';
export { findQuoteStart } from './extractors/email.js';
export { parseChatHeader } from './extractors/plain-text.js';
export { IntakeError, type IntakeErrorCode, type IntakeErrorInfo, intakeErrors } from './intake-errors.js';
export {
  embedProvenance,
  locate,
  locateMostSpecific,
  type Provenance,
  type Segment,
  type SourceKind,
  type SourceRef,
  type Span,
} from './provenance.js';
export { type SniffedKind, type SniffResult, sniff } from './sniff.js';
export { type DecodedText, decodeTextBytes, type TextEncodingLabel } from './text-decoding.js';
export type {
  AttachmentResult,
  ExtractionResult,
  ExtractMeta,
  ImageTextEngine,
  IntakeLimits,
  OcrBox,
  PendingItem,
  SpeechEngine,
  SpeechSegment,
} from './types.js';
