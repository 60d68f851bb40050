// The dashboard counts the period's requirements by category (a million rows at scale). Without an
// index both databases read the whole table; with (created_at, category) the period is a range of
// the index and the count never touches the table (`npm run bench:kpi`: SQLite p95 212 ms before).
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  await db.schema
    .createIndex('requirements_created_category_idx')
    .on('requirements')
    .columns(['created_at', 'category'])
    .execute();
}
