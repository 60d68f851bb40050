// .xlsx and .csv order sheets: each sheet is written as a table (see order-table.ts) with the sheet,
// row and column of every value as provenance.
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { intakeErrors, toIntakeError } from '../intake-errors.js';
import { writeTable } from '../order-table.js';
import { type SourceRef, TextBuilder } from '../provenance.js';
import { decodeTextBytes } from '../text-decoding.js';
import type { ExtractionResult, ExtractMeta, IntakeLimits } from '../types.js';
import { guardZip } from '../zip-guard.js';

const pad = (n: number) => String(n).padStart(2, '0');

function formatNumber(n: number, numFmt?: string): string {
  if (numFmt?.includes('%')) return `${Number((n * 100).toPrecision(12))}%`;
  const decimals = numFmt?.match(/0\.(0+)/)?.[1]?.length;
  if (decimals !== undefined) return n.toFixed(decimals);
  return String(Number(n.toPrecision(12)));
}

type CellLike = { value: ExcelJS.CellValue; numFmt?: string; isMerged?: boolean; master?: unknown };

export function cellText(cell: CellLike): string {
  if (cell.isMerged && cell.master !== cell) return '';
  return valueText(cell.value, cell.numFmt);
}

function valueText(v: ExcelJS.CellValue, numFmt?: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v, numFmt);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    // Excel dates carry no zone; exceljs gives them as UTC midnight of the shown day.
    const d = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const hasTime = v.getUTCHours() + v.getUTCMinutes() > 0;
    return hasTime ? `${d} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}` : d;
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v)
      return valueText((v as { result?: ExcelJS.CellValue }).result ?? null, numFmt);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return '';
  }
  return String(v);
}

export async function extractXlsx(
  bytes: Uint8Array,
  meta: ExtractMeta,
  limits: IntakeLimits,
): Promise<ExtractionResult> {
  await guardZip(bytes, 'Excel', limits, meta.fileName);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
    );
  } catch (err) {
    throw toIntakeError(err, 'Excel');
  }
  const out = new TextBuilder();
  const warnings: string[] = [];
  let totalRows = 0;
  for (const ws of wb.worksheets) {
    totalRows += ws.actualRowCount;
    if (totalRows > limits.maxRows) throw intakeErrors.oversized('rows', totalRows, limits.maxRows);
    const grid: string[][] = [];
    const rowNumbers: number[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++)
        cells.push(cellText(row.getCell(c) as unknown as CellLike).trim());
      grid.push(cells);
      rowNumbers.push(rowNumber);
    });
    if (grid.length === 0) continue;
    if (ws.state !== 'visible')
      warnings.push(`工作表“${ws.name}”是隐藏的，已一并读取 / sheet "${ws.name}" is hidden; read anyway`);
    const sheetStart = out.offset;
    if (!out.endsWithNewline()) out.plain('\n');
    out.plain(`【工作表：${ws.name}】\n`);
    const base: SourceRef = { kind: 'table-cell', sheet: ws.name };
    if (meta.fileName) base.file = meta.fileName;
    writeTable(
      out,
      grid,
      (r, c, column) => ({ ...base, row: rowNumbers[r]!, col: c + 1, ...(column ? { column } : {}) }),
      (r) => ({ ...base, kind: 'line', row: rowNumbers[r]! }),
    );
    out.cover(sheetStart, { ...base, kind: 'file' });
  }
  const { text, provenance } = out.build();
  if (text.trim() === '') throw intakeErrors.empty(meta.fileName);
  return {
    text,
    provenance,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    warnings,
  };
}

function guessDelimiter(firstLines: string[]): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    const count = Math.min(...firstLines.map((l) => l.split(d).length - 1));
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export async function extractCsv(
  bytes: Uint8Array,
  meta: ExtractMeta,
  limits: IntakeLimits,
): Promise<ExtractionResult> {
  const decoded = decodeTextBytes(bytes);
  const source = decoded.text.replace(/^\uFEFF/, '');
  if (source.trim() === '') throw intakeErrors.empty(meta.fileName);
  const firstLines = source
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 5);
  let records: string[][];
  try {
    records = parseCsv(source, {
      delimiter: guessDelimiter(firstLines),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to_line: limits.maxRows + 1,
    }) as string[][];
  } catch (err) {
    throw toIntakeError(err, 'CSV');
  }
  if (records.length > limits.maxRows) throw intakeErrors.oversized('rows', records.length, limits.maxRows);
  const out = new TextBuilder();
  const base: SourceRef = { kind: 'table-cell' };
  if (meta.fileName) base.file = meta.fileName;
  writeTable(
    out,
    records.map((r) => r.map((c) => c.trim())),
    (r, c, column) => ({ ...base, row: r + 1, col: c + 1, ...(column ? { column } : {}) }),
    (r) => ({ ...base, kind: 'line', row: r + 1 }),
  );
  const { text, provenance } = out.build();
  return { text, provenance, mediaType: 'text/csv', warnings: [], encoding: decoded.encoding };
}
