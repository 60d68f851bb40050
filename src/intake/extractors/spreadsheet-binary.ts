// .xls (Excel 97–2003) and .et (WPS Spreadsheets, the same format): the cells are read by xls2csv from
// Debian's catdoc package, offline, and each sheet is written as a table like an .xlsx's (order-table.ts)
// with the sheet, row and column of every value as provenance. What xls2csv gets wrong about dates
// (biff-workbook.ts) is put right from the workbook's own records. The original stays stored as uploaded.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { type BiffSheet, type BiffWorkbook, excelDayText, readBiffWorkbook } from '../biff-workbook.js';
import { intakeErrors, toIntakeError } from '../intake-errors.js';
import { writeTable } from '../order-table.js';
import { type SourceRef, TextBuilder } from '../provenance.js';
import type { ExtractionResult, ExtractMeta, IntakeLimits } from '../types.js';
import { catdocMissing, runCatdocProgram } from './catdoc.js';

/** Marks the dates xls2csv recognised, written as seconds since 1970 ("%s"), so they can be put right. */
const DATE_MARK = '\u0001';
/** The day xls2csv counts from once a workbook has a DATEMODE record (1904-01-01 as days before 1970). */
const XLS2CSV_1904 = 24107;
const XLS2CSV_1900 = 25569;

function what(meta: ExtractMeta): string {
  return /\.et$/i.test(meta.fileName ?? '') ? 'WPS 表格 (.et)' : 'Excel (.xls)';
}

/** One cell as the sheet shows it: dates as dates, whichever way xls2csv wrote them. */
function cellText(raw: string, column: number, book: BiffWorkbook, dates: Map<number, number[]>): string {
  const text = raw.trim();
  if (text.startsWith(DATE_MARK)) {
    const seconds = Number(text.slice(1));
    if (!Number.isFinite(seconds)) return '';
    const serial = seconds / 86_400 + (book.hasDateMode ? XLS2CSV_1904 : XLS2CSV_1900);
    return excelDayText(serial, book.date1904);
  }
  // A date under the workbook's own format comes out as its day number; the records say which.
  const n = text === '' ? Number.NaN : Number(text);
  if (Number.isFinite(n) && dates.get(column)?.some((v) => Math.abs(v - n) < 1e-9))
    return excelDayText(n, book.date1904);
  return text;
}

/** Column → date values of several sheets together (when xls2csv's sheets cannot be told apart). */
function mergedDates(sheets: BiffSheet[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const s of sheets)
    for (const [col, values] of s.dateCells) out.set(col, [...(out.get(col) ?? []), ...values]);
  return out;
}

export async function extractSpreadsheetBinary(
  bytes: Uint8Array,
  meta: ExtractMeta,
  limits: IntakeLimits,
): Promise<ExtractionResult> {
  const book = readBiffWorkbook(bytes);
  if ('problem' in book) throw intakeErrors.corrupted(what(meta), book.problem);
  if (book.encrypted) throw intakeErrors.passwordProtected(what(meta));
  const dir = await mkdtemp(path.join(tmpdir(), 'shixu-xls-'));
  let raw: string;
  try {
    const input = path.join(dir, 'in.xls');
    await writeFile(input, bytes);
    // -q 3: every cell quoted, so a sheet's break (a form feed) is never taken for cell text.
    raw = await runCatdocProgram(
      'xls2csv',
      ['-d', 'utf-8', '-q', '3', '-f', `${DATE_MARK}%s`, input],
      limits.timeoutMs,
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw catdocMissing(what(meta), 'xls2csv', '.xlsx');
    const stderr = String((err as { stderr?: string }).stderr ?? '');
    if (/encrypted/i.test(stderr)) throw intakeErrors.passwordProtected(what(meta));
    throw intakeErrors.corrupted(what(meta), stderr || (err as Error).message);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // xls2csv ends every sheet that has cells with a form feed and prints nothing for the others.
  const chunks = raw.split('\f');
  chunks.pop();
  const withCells = book.sheets.filter((s) => s.hasCells);
  const named = withCells.length === chunks.length;
  const warnings: string[] = [];
  if (!named)
    warnings.push(
      '无法把表格内容与工作表名称一一对应，工作表按顺序编号 / the sheets could not be matched to their names; numbered in order',
    );
  const out = new TextBuilder();
  let totalRows = 0;
  for (const [i, chunk] of chunks.entries()) {
    let grid: string[][];
    try {
      grid = parseCsv(chunk, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
    } catch (err) {
      throw toIntakeError(err, what(meta));
    }
    totalRows += grid.length;
    if (totalRows > limits.maxRows) throw intakeErrors.oversized('rows', totalRows, limits.maxRows);
    const sheet = named ? withCells[i] : undefined;
    const dates = sheet ? sheet.dateCells : mergedDates(book.sheets);
    const cells = grid.map((row) => row.map((c, col) => cellText(c, col, book, dates)));
    if (cells.every((row) => row.every((c) => c === ''))) continue;
    const name = sheet?.name ?? `工作表${i + 1}`;
    if (sheet?.hidden)
      warnings.push(`工作表“${name}”是隐藏的，已一并读取 / sheet "${name}" is hidden; read anyway`);
    const sheetStart = out.offset;
    if (!out.endsWithNewline()) out.plain('\n');
    out.plain(`【工作表：${name}】\n`);
    const base: SourceRef = { kind: 'table-cell', sheet: name };
    if (meta.fileName) base.file = meta.fileName;
    // Rows are counted from the first one xls2csv prints (it leaves out empty rows above the table).
    writeTable(
      out,
      cells,
      (r, c, column) => ({ ...base, row: r + 1, col: c + 1, ...(column ? { column } : {}) }),
      (r) => ({ ...base, kind: 'line', row: r + 1 }),
    );
    out.cover(sheetStart, { ...base, kind: 'file' });
  }
  const { text, provenance } = out.build();
  if (text.trim() === '') throw intakeErrors.empty(meta.fileName);
  return { text, provenance, mediaType: 'application/vnd.ms-excel', warnings };
}
