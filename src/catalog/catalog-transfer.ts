// Catalogue import and export between the database and tables (CSV/XLSX are read by io/tabular).
import type { Kysely } from 'kysely';
import type { ImportOptions, ImportReport } from '../io/import-report.js';
import type { Table } from '../io/table.js';
import type { OutputTable } from '../io/tabular.js';
import { type Actor, recordAudit } from '../store/audit.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { CATALOG_HEADER, catalogExportRows, parseCatalogTable } from './catalog-import.js';
import { allProducts, upsertProducts } from './catalog-repository.js';

/** Validates the table and writes it in one transaction; see ImportOptions.partial. */
export async function importCatalog(
  db: Kysely<Database>,
  actor: Actor,
  table: Table,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const parsed = parseCatalogTable(table);
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
    const counts = await upsertProducts(
      trx,
      actor,
      parsed.valid.map((v) => v.value),
    );
    Object.assign(report, counts, { written: true });
    await recordAudit(trx, actor, {
      action: 'catalog.imported',
      entityId: options.source ?? '(table)',
      after: { ...counts, totalRows: report.totalRows, invalidRows: report.invalidRows },
    });
  });
  return report;
}

export async function exportCatalog(db: Kysely<Database>): Promise<OutputTable> {
  return {
    header: [...CATALOG_HEADER],
    rows: catalogExportRows(await allProducts(db)),
    decimalColumns: { unit_weight_kg: 'General', list_price_cny: '0.00' },
  };
}
