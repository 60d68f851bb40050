// Customer import and export between the database and tables, the background questions included.
// Customers are matched by name.
import type { Kysely } from 'kysely';
import type { ImportOptions, ImportReport } from '../io/import-report.js';
import type { Table } from '../io/table.js';
import type { OutputTable } from '../io/tabular.js';
import { type Actor, recordAudit } from '../store/audit.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { allCustomerRecords, upsertCustomerByName } from './customer-repository.js';
import { CUSTOMER_HEADER, customerExportRows, parseCustomersTable } from './customers-import.js';

export async function importCustomers(
  db: Kysely<Database>,
  actor: Actor,
  table: Table,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const parsed = parseCustomersTable(table);
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
    for (const { value } of parsed.valid) report[await upsertCustomerByName(trx, actor, value)] += 1;
    report.written = true;
    await recordAudit(trx, actor, {
      action: 'customers.imported',
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

export async function exportCustomers(db: Kysely<Database>): Promise<OutputTable> {
  return { header: [...CUSTOMER_HEADER], rows: customerExportRows(await allCustomerRecords(db)) };
}
