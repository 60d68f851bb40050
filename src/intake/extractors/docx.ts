// .docx: mammoth renders the body (paragraphs and tables) as HTML; tables become labelled rows with
// per-cell provenance like spreadsheets, paragraphs become lines.
import mammoth from 'mammoth';
import { htmlToBlocks } from '../html-text.js';
import { intakeErrors, toIntakeError } from '../intake-errors.js';
import { writeTable } from '../order-table.js';
import { type SourceRef, TextBuilder } from '../provenance.js';
import type { ExtractionResult, ExtractMeta, IntakeLimits } from '../types.js';
import { guardZip } from '../zip-guard.js';

export async function extractDocx(
  bytes: Uint8Array,
  meta: ExtractMeta,
  limits: IntakeLimits,
): Promise<ExtractionResult> {
  await guardZip(bytes, 'Word', limits, meta.fileName);
  let html: string;
  try {
    const res = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      // Images would come back inline as base64; they carry no text for this step.
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = res.value;
  } catch (err) {
    throw toIntakeError(err, 'Word');
  }
  const base: SourceRef = { kind: 'line' };
  if (meta.fileName) base.file = meta.fileName;
  const out = new TextBuilder();
  let paragraph = 0;
  let table = 0;
  for (const block of htmlToBlocks(html)) {
    if (block.type === 'paragraph') {
      paragraph++;
      out.add(block.text, { ...base, line: paragraph }).plain('\n');
    } else {
      table++;
      const t = table;
      if (block.rows.length > limits.maxRows)
        throw intakeErrors.oversized('rows', block.rows.length, limits.maxRows);
      writeTable(
        out,
        block.rows,
        (r, c, column) => ({
          ...base,
          kind: 'table-cell',
          table: t,
          row: r + 1,
          col: c + 1,
          ...(column ? { column } : {}),
        }),
        (r) => ({ ...base, kind: 'line', table: t, row: r + 1 }),
      );
    }
  }
  const { text, provenance } = out.build();
  if (text.trim() === '') throw intakeErrors.empty(meta.fileName);
  return {
    text,
    provenance,
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    warnings: [],
  };
}
