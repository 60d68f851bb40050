// Customer requirements passed on to external suppliers (采购部负责传递顾客的要求给外部供方): a
// requirement of a case is marked for a supplier (named as the plant writes it, free text), and
// purchasing records when and by whom it was passed on. One row per requirement and supplier.
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('supplier_requirements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('requirement_id', 'text', (c) => c.notNull())
    .addColumn('supplier', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('marked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('marked_at', 'text', (c) => c.notNull())
    // The day purchasing passed it on (as they state it), who recorded it and when.
    .addColumn('passed_on', 'text')
    .addColumn('passed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('passed_recorded_at', 'text')
    .addColumn('passed_note', 'text')
    .execute();
  await db.schema
    .createIndex('supplier_requirements_unique_idx')
    .on('supplier_requirements')
    .columns(['contract_id', 'requirement_id', 'supplier'])
    .unique()
    .execute();
  await db.schema
    .createIndex('supplier_requirements_supplier_idx')
    .on('supplier_requirements')
    .columns(['supplier', 'passed_on'])
    .execute();
}
