// Images and audio carry no text of their own. When an OCR/ASR engine is plugged in it is used here;
// otherwise the result is empty with a pending item so the job layer can queue the work later.
import { type SourceRef, TextBuilder } from '../provenance.js';
import type { ExtractionResult, ExtractMeta, PendingItem } from '../types.js';

function pending(kind: 'ocr' | 'asr', mediaType: string, meta: ExtractMeta): PendingItem {
  const p: PendingItem =
    kind === 'ocr'
      ? {
          kind,
          mediaType,
          messageZh: '图片需要文字识别（OCR）后才能分析',
          messageEn: 'The image needs OCR before it can be analysed',
        }
      : {
          kind,
          mediaType,
          messageZh: '录音需要语音转写（ASR）后才能分析',
          messageEn: 'The recording needs speech-to-text before it can be analysed',
        };
  if (meta.fileName) p.file = meta.fileName;
  return p;
}

export async function extractImage(
  bytes: Uint8Array,
  mediaType: string,
  meta: ExtractMeta,
): Promise<ExtractionResult> {
  if (!meta.imageEngine) {
    return { text: '', provenance: [], mediaType, warnings: [], pending: [pending('ocr', mediaType, meta)] };
  }
  const { boxes } = await meta.imageEngine.recognize(bytes, mediaType);
  const out = new TextBuilder();
  for (const b of boxes) {
    const source: SourceRef = { kind: 'ocr-box', box: b.box };
    if (meta.fileName) source.file = meta.fileName;
    out.add(b.text, source).plain('\n');
  }
  return { ...out.build(), mediaType, warnings: [] };
}

export async function extractAudio(
  bytes: Uint8Array,
  mediaType: string,
  meta: ExtractMeta,
): Promise<ExtractionResult> {
  if (!meta.speechEngine) {
    return { text: '', provenance: [], mediaType, warnings: [], pending: [pending('asr', mediaType, meta)] };
  }
  const { segments } = await meta.speechEngine.transcribe(bytes, mediaType);
  const out = new TextBuilder();
  for (const s of segments) {
    const source: SourceRef = { kind: 'audio', timeStartMs: s.startMs, timeEndMs: s.endMs };
    if (s.speaker) source.sender = s.speaker;
    if (meta.fileName) source.file = meta.fileName;
    out.add(s.text, source).plain('\n');
  }
  return { ...out.build(), mediaType, warnings: [] };
}
