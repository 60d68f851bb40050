// The outcome of an import, shared by catalogue and customers, CLI and HTTP.
import type { ImportIssue } from './table.js';

export interface ImportReport {
  totalRows: number;
  validRows: number;
  invalidRows: number;
  issues: ImportIssue[];
  /** False when nothing was written (some row invalid without --partial). */
  written: boolean;
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportOptions {
  /** Write the valid rows even when others are invalid. Default: all or nothing. */
  partial?: boolean;
  /** File name or upload name, kept in the audit trail. */
  source?: string;
}

export function formatImportReport(r: ImportReport, what: { zh: string; en: string }): string {
  const lines = r.issues.map((i) => `  - ${i.message}`);
  const summary = r.written
    ? `${what.zh}导入完成：共 ${r.totalRows} 行，新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}，无效 ${r.invalidRows} / ${what.en} import: ${r.totalRows} rows, ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.invalidRows} invalid`
    : `${what.zh}未导入：${r.invalidRows} 行有错误，未写入任何数据（可用 --partial 只导入有效行） / ${what.en} not imported: ${r.invalidRows} invalid row(s), nothing written (use --partial to import the valid rows)`;
  return [...lines, summary].join('\n');
}
