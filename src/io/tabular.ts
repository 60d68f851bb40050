// Reads and writes the tables users exchange with the system: CSV (any common encoding) and XLSX.
// A table is a header plus data rows of strings, each row keeping the row number the user sees
// in a spreadsheet (header = row 1), so validation messages point at the right line.
import fs from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { IntakeError } from '../intake/intake-errors.js';
import { defaultLimits } from '../intake/types.js';
import { guardZip } from '../intake/zip-guard.js';
import type { Table } from './table.js';
import { decodeText } from './text-encoding.js';

export type { Table, TableRow } from './table.js';

export type TableFormat = 'csv' | 'xlsx';

/** The file cannot be read as a table at all: nothing of it is used. */
export class TableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TableFileError';
  }
}

export function tableFormatOf(fileName: string): TableFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.xls') {
    throw new TableFileError(
      '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV / legacy .xls is not supported: save as .xlsx or CSV',
    );
  }
  throw new TableFileError(
    `不支持的文件类型“${ext || '(无扩展名)'}”，请使用 .csv 或 .xlsx / unsupported file type ${ext || '(none)'}: use .csv or .xlsx`,
  );
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

function toTable(records: { rowNumber: number; cells: string[] }[]): Table {
  const nonEmpty = records.filter((r) => !isBlank(r.cells));
  const [head, ...rows] = nonEmpty;
  if (!head) throw new TableFileError('文件为空，没有表头和数据 / the file is empty');
  if (rows.length === 0) {
    throw new TableFileError('文件只有表头，没有数据行 / the file has a header but no data rows');
  }
  const header = head.cells.map((h) => h.trim());
  while (header.length > 0 && header.at(-1) === '') header.pop();
  return { header, rows };
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function parseCsvTable(bytes: Uint8Array): Table {
  if (bytes.length === 0) throw new TableFileError('文件为空 / the file is empty');
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new TableFileError(
      '这是 Excel/ZIP 文件而不是 CSV，请使用 .xlsx 扩展名 / this is an XLSX/ZIP file, not CSV',
    );
  }
  const { text } = decodeText(bytes);
  if (text.includes('\u0000'))
    throw new TableFileError('文件不是文本格式的 CSV / the file is not a text CSV');
  let records: string[][];
  try {
    records = parse(text, {
      cast: (value) => undoFormulaDefuse(value),
      relax_column_count: true,
      skip_empty_lines: false,
      delimiter: sniffDelimiter(text),
    });
  } catch (err) {
    const where =
      err instanceof CsvError && 'lines' in err
        ? `（约第 ${String(err.lines)} 行 / near line ${String(err.lines)}）`
        : '';
    const unbalanced = err instanceof CsvError && err.code === 'CSV_QUOTE_NOT_CLOSED';
    throw new TableFileError(
      unbalanced
        ? `CSV 格式错误：引号未闭合${where} / malformed CSV: unbalanced quote`
        : `CSV 格式错误${where} / malformed CSV: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return toTable(records.map((cells, i) => ({ rowNumber: i + 1, cells })));
}

/** Comma unless the header line clearly uses semicolons or tabs (European Excel, copy-paste). */
function sniffDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // toPrecision drops binary float noise (0.30000000000000004) that a typed-in value never had.
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

/** exceljs takes ~0.5 s to load: only commands that read or write a workbook pay for it. */
async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export async function parseXlsxTable(bytes: Uint8Array, fileName?: string): Promise<Table> {
  if (bytes.length === 0) throw new TableFileError('文件为空 / the file is empty');
  if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new TableFileError('文件不是有效的 .xlsx 工作簿 / the file is not a valid .xlsx workbook');
  }
  try {
    // exceljs would inflate every entry in memory: a zip bomb is refused first, counted while inflating.
    await guardZip(bytes, 'Excel', defaultLimits, fileName);
  } catch (err) {
    if (err instanceof IntakeError) throw new TableFileError(`${err.messageZh} / ${err.messageEn}`);
    throw err;
  }
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new TableFileError(
      `无法读取 .xlsx 工作簿 / cannot read the .xlsx workbook: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TableFileError('工作簿中没有工作表 / the workbook has no sheet');
  const records: { rowNumber: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    records.push({ rowNumber, cells });
  });
  return toTable(records);
}

export async function readTable(bytes: Uint8Array, fileName: string): Promise<Table> {
  return tableFormatOf(fileName) === 'csv' ? parseCsvTable(bytes) : parseXlsxTable(bytes, fileName);
}

export async function readTableFile(file: string): Promise<Table> {
  const format = tableFormatOf(file);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TableFileError(
      code === 'ENOENT'
        ? `文件不存在：${file} / file not found`
        : `无法读取文件 ${file} / cannot read file: ${(err as Error).message}`,
    );
  }
  return format === 'csv' ? parseCsvTable(bytes) : parseXlsxTable(bytes, path.basename(file));
}

/** A value for a spreadsheet cell: numbers stay numbers so Excel can compute with them. */
export type CellValue = string | number | null;

/** Text a spreadsheet would run as a formula when the cell is opened (=cmd|…, @SUM, +…, -…). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Prefixes text that a spreadsheet would take for a formula with an apostrophe (OWASP's advice
 * against CSV injection); `undoFormulaDefuse` strips it again when the file is imported.
 */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function undoFormulaDefuse(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** CSV is written as UTF-8 with BOM so that Excel in China opens it without garbling. */
export function csvBytes(header: string[], rows: CellValue[][]): Buffer {
  const cell = (v: CellValue) => (v === null ? '' : typeof v === 'number' ? String(v) : defuseFormula(v));
  const body = stringify([header, ...rows.map((r) => r.map(cell))], {
    record_delimiter: '\r\n',
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

/** A table to write. Decimal columns hold exact strings; in XLSX they become numbers Excel can sum. */
export interface OutputTable {
  header: string[];
  rows: CellValue[][];
  /** Header name → Excel number format, for columns of decimal strings. */
  decimalColumns?: Record<string, string>;
}

const EXACT_AS_NUMBER = /^-?\d{1,15}(\.\d+)?$/;

/** Whether the decimal string survives the trip through a binary double unchanged. */
function fitsDouble(v: string): boolean {
  return EXACT_AS_NUMBER.test(v) && v.replace(/^-|\./g, '').replace(/^0+/, '').length <= 15;
}

export async function xlsxBytes(sheetName: string, table: OutputTable): Promise<Buffer> {
  const { header, rows, decimalColumns = {} } = table;
  const workbook = new (await loadExcelJs()).Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header).font = { bold: true };
  const formats = header.map((h) => decimalColumns[h]);
  for (const r of rows) {
    const row = sheet.addRow(
      r.map((v, i) => (formats[i] !== undefined && typeof v === 'string' && fitsDouble(v) ? Number(v) : v)),
    );
    formats.forEach((fmt, i) => {
      if (fmt !== undefined) row.getCell(i + 1).numFmt = fmt;
    });
  }
  sheet.columns.forEach((col, i) => {
    col.width = Math.max(10, Math.min(40, (header[i]?.length ?? 8) * 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function writeTableFile(file: string, sheetName: string, table: OutputTable): Promise<void> {
  const bytes =
    tableFormatOf(file) === 'csv' ? csvBytes(table.header, table.rows) : await xlsxBytes(sheetName, table);
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await fs.writeFile(file, bytes);
}
