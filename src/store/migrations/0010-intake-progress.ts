// How far processing of an intake has got (pages of a scanned PDF read so far, of how many), so a
// client following a 40-page scan sees it advance (schema.ts IntakeRecordsTable, "0010-intake-progress").
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  await db.schema.alterTable('intake_records').addColumn('progress_done', 'integer').execute();
  await db.schema.alterTable('intake_records').addColumn('progress_total', 'integer').execute();
}
