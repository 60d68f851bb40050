// Imports a customer's CSR table into the register: a row with a clause already on file updates that
// entry, a row without a clause matches an entry with the same text; other rows are added. One
// transaction: all valid rows or nothing, and without `partial` nothing when any row is invalid.
import type { Kysely } from 'kysely';
import {
  type CsrEntry,
  createCsrEntry,
  getCustomer,
  listCsrEntries,
  updateCsrEntry,
} from '../customers/customer-repository.js';
import type { ImportOptions, ImportReport } from '../io/import-report.js';
import type { Table } from '../io/table.js';
import type { Actor } from '../store/audit.js';
import { NotFoundError } from '../store/errors.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { type CsrRow, parseCsrTable } from './csr-import.js';

const FIELDS = [
  'clause',
  'text',
  'category',
  'department',
  'appliesTo',
  'effectiveFrom',
  'effectiveTo',
  'status',
  'sourceDocument',
] as const;

function sameEntry(e: CsrEntry, row: CsrRow): boolean {
  return FIELDS.every((f) => (e[f] ?? null) === (row[f] ?? null));
}

export async function importCsr(
  db: Kysely<Database>,
  actor: Actor,
  customerId: string,
  table: Table,
  options: ImportOptions = {},
): Promise<ImportReport> {
  if (!(await getCustomer(db, customerId))) throw new NotFoundError('customer', customerId);
  const parsed = parseCsrTable(table);
  const report: ImportReport = {
    totalRows: parsed.totalRows,
    validRows: parsed.valid.length,
    invalidRows: parsed.invalidRows,
    issues: parsed.issues,
    written: false,
    created: 0,
    updated: 0,
    unchanged: 0,
  };
  if (parsed.invalidRows > 0 && !options.partial) return report;
  await inTransaction(db, async (trx) => {
    const existing = await listCsrEntries(trx, { customerId });
    for (const { value: row } of parsed.valid) {
      const match = existing.find((e) =>
        row.clause ? e.clause === row.clause : !e.clause && e.text === row.text,
      );
      if (!match) {
        existing.push(await createCsrEntry(trx, actor, customerId, row));
        report.created += 1;
      } else if (sameEntry(match, row)) {
        report.unchanged += 1;
      } else {
        const updated = await updateCsrEntry(trx, actor, match.id, row);
        existing[existing.indexOf(match)] = updated;
        report.updated += 1;
      }
    }
    report.written = true;
  });
  return report;
}
