// Intake processing state: the uploader's inputs on intake_records, and the durable job table of
// the embedded queue (PostgreSQL uses pg-boss's own schema).
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  // What the uploader told us and when processing started (schema.ts IntakeRecordsTable, "0003-intake").
  await db.schema.alterTable('intake_records').addColumn('customer_name', 'text').execute();
  await db.schema.alterTable('intake_records').addColumn('ref_date', 'text').execute();
  await db.schema.alterTable('intake_records').addColumn('warnings', 'text').execute();
  await db.schema.alterTable('intake_records').addColumn('started_at', 'text').execute();

  await db.schema
    .createTable('job_queue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('job_queue_ready_idx')
    .on('job_queue')
    .columns(['status', 'run_after', 'created_at'])
    .execute();
}
