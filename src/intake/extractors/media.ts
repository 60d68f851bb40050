// Images and audio carry no text of their own. When an OCR/ASR engine is plugged in it is used here;
// otherwise the result is empty with a pending item so the job layer can queue the work later.
import { ocrGrid } from '../ocr/table-grid.js';
import { boxesToRows, type OcrCell, type OcrRow } from '../ocr/table-rows.js';
import { writeTable } from '../order-table.js';
import { type Provenance, type SourceRef, TextBuilder } from '../provenance.js';
import type { ExtractionResult, ExtractMeta, OcrBox, PendingItem } from '../types.js';

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
  return { ...ocrBoxesToText(boxes, meta.fileName), mediaType };
}

/** Confidence under which a line is flagged for the reviewer (it is kept, never dropped). */
const LOW_CONFIDENCE = 0.8;

/**
 * Lays OCR boxes out as rows of cells (a table photo comes out one order line per text line) with
 * provenance per box and per row; `page` is set for rendered PDF pages.
 */
export function ocrBoxesToText(
  boxes: OcrBox[],
  file?: string,
): { text: string; provenance: Provenance; warnings: string[] } {
  const out = new TextBuilder();
  const warnings = appendOcrBoxes(out, boxes, file);
  return { ...out.build(), warnings };
}

/**
 * Appends OCR rows to `out`; returns warnings for low-confidence lines. A table (a header row naming
 * product, quantity or price columns, and the rows aligned under it) is written as labelled fields
 * like a spreadsheet, so each row becomes an order item.
 */
export function appendOcrBoxes(out: TextBuilder, boxes: OcrBox[], file?: string, page?: number): string[] {
  const warnings: string[] = [];
  const rows = boxesToRows(boxes);
  const cellSource = (cell: OcrCell): SourceRef => {
    const source: SourceRef = { kind: 'ocr-box', box: cell.box, row: cell.row, col: cell.col };
    if (file) source.file = file;
    if (page !== undefined) source.page = page;
    return source;
  };
  const lineSource = (row: number): SourceRef => {
    const line: SourceRef = { kind: 'line', line: row };
    if (file) line.file = file;
    if (page !== undefined) line.page = page;
    return line;
  };
  const checkConfidence = (row: OcrRow) => {
    for (const cell of row) {
      if (cell.confidence !== undefined && cell.confidence < LOW_CONFIDENCE) {
        warnings.push(
          `${page !== undefined ? `第 ${page} 页` : ''}第 ${cell.row} 行识别置信度低（${cell.confidence}）：「${cell.text}」 / low OCR confidence on ${page !== undefined ? `page ${page} ` : ''}row ${cell.row}`,
        );
      }
    }
  };
  const writeRow = (row: OcrRow) => {
    const rowStart = out.offset;
    row.forEach((cell, i) => {
      if (i > 0) out.plain('  ');
      out.add(cell.text, cellSource(cell));
    });
    out.cover(rowStart, lineSource(row[0]?.row ?? 0));
    out.plain('\n');
  };

  const grid = ocrGrid(rows);
  const tableEnd = grid ? grid.headerRow + 1 + grid.rows.length : -1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    checkConfidence(row);
    if (!grid || i < grid.headerRow || i >= tableEnd) {
      writeRow(row);
      continue;
    }
    if (i > grid.headerRow) continue;
    // The whole table at once: row 0 is the header, then the data rows column-aligned.
    const table = [
      grid.header,
      ...grid.rows.map((r) => r.map((cells) => cells.map((c) => c.text).join(' '))),
    ];
    const firstCell = (r: number, c: number): OcrCell | undefined =>
      r === 0 ? grid.headerCells[c] : grid.rows[r - 1]?.[c]?.[0];
    writeTable(
      out,
      table,
      (r, c) => {
        const cell = firstCell(r, c);
        return cell ? cellSource(cell) : lineSource(rows[grid.headerRow + r]?.[0]?.row ?? 0);
      },
      (r) => lineSource(rows[grid.headerRow + r]?.[0]?.row ?? 0),
    );
  }
  return warnings;
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
