// What the user corrects is what is reviewed. A case opened from an intake record keeps every
// version of its order: the analysed one (version 1) and, when the user corrected the intake
// form, the corrected one (version 2) that the review runs on. Each corrected field is also a
// labelled example for retraining the analysis: the message (through its intake record), the field,
// what the analysis read and what the user put instead, who and when.
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('contract_orders')
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('order_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contract_orders_pk', ['contract_id', 'version'])
    .execute();
  await db.schema
    .createTable('analysis_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('intake_id', 'text', (c) => c.notNull().references('intake_records.id').onDelete('cascade'))
    // A retry replaces the analysis; the analysed value is kept in the row itself.
    .addColumn('analysis_id', 'text', (c) => c.references('analyses.id').onDelete('set null'))
    .addColumn('contract_id', 'text', (c) => c.references('contracts.id').onDelete('set null'))
    .addColumn('field_path', 'text', (c) => c.notNull())
    .addColumn('analysed_value', 'text')
    .addColumn('corrected_value', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('analysis_corrections_intake_idx')
    .on('analysis_corrections')
    .columns(['intake_id', 'field_path'])
    .execute();
  await db.schema
    .createIndex('analysis_corrections_field_idx')
    .on('analysis_corrections')
    .columns(['field_path', 'created_at'])
    .execute();
}
