// A table read from a user's file, and the validation vocabulary shared by every importer.
// Pure: no I/O here, so importers can be tested on literal tables.

export interface TableRow {
  /** Row number as shown by a spreadsheet program (the header is row 1). */
  rowNumber: number;
  cells: string[];
}

export interface Table {
  header: string[];
  rows: TableRow[];
}

/** One problem with one row (or the header when row is 1). Messages are Chinese first, then English. */
export interface ImportIssue {
  row: number;
  /** Canonical column key (e.g. list_price_cny), null for a problem with the whole row. */
  column: string | null;
  message: string;
}

export interface ColumnSpec<K extends string> {
  key: K;
  /** Chinese label used in messages. */
  label: string;
  required: boolean;
  /** Header spellings accepted besides the key (Chinese, with units, spaced). */
  aliases: string[];
}

/** The header itself is unusable (a required column is missing): nothing of the file can be used. */
export class ImportHeaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportHeaderError';
  }
}

export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_\-()（）[\]【】:：/]/g, '');
}

/** Maps each column key to its index in the header; throws ImportHeaderError listing missing required columns. */
export function mapColumns<K extends string>(
  header: string[],
  specs: readonly ColumnSpec<K>[],
): Map<K, number> {
  const byName = new Map<string, K>();
  for (const s of specs) for (const n of [s.key, ...s.aliases]) byName.set(normaliseHeader(n), s.key);
  const found = new Map<K, number>();
  header.forEach((h, i) => {
    const key = byName.get(normaliseHeader(h));
    if (key !== undefined && !found.has(key)) found.set(key, i);
  });
  const missing = specs.filter((s) => s.required && !found.has(s.key));
  if (missing.length > 0) {
    const zh = missing.map((s) => `${s.label}（${s.key}）`).join('、');
    const en = missing.map((s) => s.key).join(', ');
    throw new ImportHeaderError(
      `表头缺少必需的列：${zh}；现有表头：${header.join(', ') || '(空)'} / missing required column(s): ${en}`,
    );
  }
  return found;
}

export interface RowReader<K extends string> {
  /** Trimmed cell text, or null when empty. */
  get(key: K): string | null;
}

export function rowReader<K extends string>(columns: Map<K, number>, cells: string[]): RowReader<K> {
  return {
    get(key) {
      const i = columns.get(key);
      const v = i === undefined ? '' : (cells[i] ?? '').trim();
      return v === '' ? null : v;
    },
  };
}

export function issue(row: number, spec: ColumnSpec<string> | null, zh: string, en: string): ImportIssue {
  const where = spec ? `第 ${row} 行「${spec.label}」` : `第 ${row} 行`;
  const whereEn = spec ? `row ${row}, ${spec.key}` : `row ${row}`;
  return { row, column: spec?.key ?? null, message: `${where}：${zh} / ${whereEn}: ${en}` };
}

export interface ParsedRows<T> {
  valid: { rowNumber: number; value: T }[];
  issues: ImportIssue[];
  totalRows: number;
  invalidRows: number;
}
