// The CSR identification and evaluation table (顾客特殊要求识别与评价表): for each entry of a
// customer's CSR register, whether the organisation can meet it (yes / no / with conditions), at
// what cost and in what time, which department is responsible, the actions, their status and when
// the entry is next reviewed. One current evaluation per entry; every change is in the audit trail
// with before and after, which is the evaluation's history.
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('csr_evaluations')
    .addColumn('csr_id', 'text', (c) => c.primaryKey().references('csr_entries.id').onDelete('cascade'))
    .addColumn('feasible', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text')
    .addColumn('cost', 'text')
    .addColumn('time_needed', 'text')
    .addColumn('responsible_department', 'text', (c) => c.notNull())
    .addColumn('actions', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('next_review_date', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('evaluated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('evaluated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('csr_evaluations_review_idx')
    .on('csr_evaluations')
    .columns(['next_review_date'])
    .execute();
}
