// Analyses are versions, never replaced: processing an intake record again adds version n+1 and marks
// the previous one superseded, so a contract opened from version n keeps pointing at what it was
// opened from (schema.ts AnalysesTable, "0014-analysis-versions"). Until now a retry deleted the old
// analysis, which set contracts.analysis_id to NULL; rows already there become version 1, current.
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  await db.schema
    .alterTable('analyses')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('analyses').addColumn('superseded_at', 'text').execute();
  await db.schema
    .createIndex('analyses_intake_version')
    .on('analyses')
    .columns(['intake_id', 'version'])
    .unique()
    .execute();
}
