// Master data kept in the app: customers and catalogue items are deactivated, never deleted, so
// contracts, complaints and the audit trail keep pointing at them; customers carry the sales-side
// background questions of the procedure (company size … true motive / 真实动机).
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

export const CUSTOMER_BACKGROUND_COLUMNS = [
  'company_size',
  'main_products',
  'goals',
  'use_scenario',
  'urgency',
  'budget',
  'true_motive',
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  for (const table of ['customers', 'products']) {
    await db.schema
      .alterTable(table)
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
  for (const col of CUSTOMER_BACKGROUND_COLUMNS) {
    await db.schema.alterTable('customers').addColumn(col, 'text').execute();
  }
}
