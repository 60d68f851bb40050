// Feedback entered by mistake (a duplicate, the wrong customer) is voided, not deleted: the record,
// who voided it, when and why stay for the auditor, and KPIs and lists leave it out.
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  for (const col of ['voided_at', 'voided_by', 'void_reason']) {
    await db.schema.alterTable('feedback').addColumn(col, 'text').execute();
  }
}
