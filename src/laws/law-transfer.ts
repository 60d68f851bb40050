// Register import and export between the database and tables (CSV/XLSX read by io/tabular), the
// same all-or-nothing contract as the catalogue and customers (see ImportOptions.partial).
import type { Kysely } from 'kysely';
import type { ImportOptions, ImportReport } from '../io/import-report.js';
import { type ImportIssue, issue, type Table } from '../io/table.js';
import type { OutputTable } from '../io/tabular.js';
import { type Actor, recordAudit } from '../store/audit.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { LAW_COLUMNS, LAW_HEADER, lawExportRows, parseLawTable } from './law-import.js';
import {
  allLaws,
  catalogueCategories,
  findLawByNumber,
  supersedeLaw,
  todayOf,
  upsertLawByNumber,
} from './law-repository.js';

export async function importLaws(
  db: Kysely<Database>,
  actor: Actor,
  table: Table,
  now: Date,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const parsed = parseLawTable(table);
  // Checks that need the database, made before anything is written so a refused file writes nothing.
  const known = new Set(await catalogueCategories(db));
  const numbers = new Set(parsed.valid.map((v) => v.value.number));
  const valid: typeof parsed.valid = [];
  for (const row of parsed.valid) {
    const unknown = row.value.scope.categories.filter((c) => !known.has(c));
    const successor = row.value.supersededByNumber;
    const problems: ImportIssue[] = [];
    if (unknown.length > 0)
      problems.push(
        issue(
          row.rowNumber,
          LAW_COLUMNS.find((c) => c.key === 'scope_categories')!,
          `产品类别不在产品目录中：${unknown.join('、')}`,
          `categories not in the catalogue: ${unknown.join(', ')}`,
        ),
      );
    if (successor && !numbers.has(successor) && !(await findLawByNumber(db, successor, todayOf(now))))
      problems.push(
        issue(
          row.rowNumber,
          LAW_COLUMNS.find((c) => c.key === 'superseded_by')!,
          `替代的文号“${successor}”不在文件或清单中`,
          `replacing number "${successor}" is neither in the file nor in the register`,
        ),
      );
    if (problems.length > 0) {
      parsed.issues.push(...problems);
      parsed.invalidRows += 1;
    } else valid.push(row);
  }
  parsed.issues.sort((a, b) => a.row - b.row);
  const report: ImportReport = {
    totalRows: parsed.totalRows,
    validRows: valid.length,
    invalidRows: parsed.invalidRows,
    issues: parsed.issues,
    written: false,
    created: 0,
    updated: 0,
    unchanged: 0,
  };
  if (parsed.invalidRows > 0 && !options.partial) return report;
  await inTransaction(db, async (trx) => {
    const today = todayOf(now);
    for (const { value } of valid) {
      const { status: _s, supersededByNumber: _n, ...input } = value;
      report[await upsertLawByNumber(trx, actor, input, now)] += 1;
    }
    // Successors first exist, then the entries they replace are marked.
    for (const { value } of valid) {
      if (value.status !== 'superseded' || !value.supersededByNumber) continue;
      const old = await findLawByNumber(trx, value.number, today);
      const successor = await findLawByNumber(trx, value.supersededByNumber, today);
      if (old && successor && old.status === 'current')
        await supersedeLaw(trx, actor, old.id, successor.id, now);
    }
    report.written = true;
    await recordAudit(trx, actor, {
      action: 'laws.imported',
      entityId: options.source ?? '(table)',
      after: {
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        totalRows: report.totalRows,
        invalidRows: report.invalidRows,
      },
    });
  });
  return report;
}

export async function exportLaws(db: Kysely<Database>, now: Date): Promise<OutputTable> {
  return {
    // Chinese labels, as the register is kept on paper; the import reads them back (and the keys).
    header: LAW_HEADER.map((k) => LAW_COLUMNS.find((c) => c.key === k)!.label),
    rows: lawExportRows(await allLaws(db, todayOf(now))),
  };
}
