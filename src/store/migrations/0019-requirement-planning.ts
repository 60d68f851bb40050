// Requirement planning (需求排序与策划): the reviewer's rating of each requirement's urgency,
// importance and cost, and the plan items that carry an accepted requirement out — owner,
// department, due date, the production plan or design task it belongs to, status and notes.
// A case's requirements are rebuilt from its event log on every step (requirements.id is
// `<contract>:<R-id>`), so both tables name a requirement by contract and R-id, not by row.
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('requirement_assessments')
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('requirement_id', 'text', (c) => c.notNull())
    // 1 low, 2 medium, 3 high.
    .addColumn('urgency', 'integer', (c) => c.notNull())
    .addColumn('importance', 'integer', (c) => c.notNull())
    .addColumn('cost', 'integer', (c) => c.notNull())
    .addColumn('assessed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('requirement_assessments_pk', ['contract_id', 'requirement_id'])
    .execute();
  await db.schema
    .createTable('plan_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('requirement_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    // planned | in_progress | done; overdue is read from the due date.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  // One plan item per requirement: its owner answers for it.
  await db.schema
    .createIndex('plan_items_requirement_idx')
    .on('plan_items')
    .columns(['contract_id', 'requirement_id'])
    .unique()
    .execute();
  // The owner's to-dos and the dashboard's open/overdue counts.
  await db.schema
    .createIndex('plan_items_owner_idx')
    .on('plan_items')
    .columns(['owner_id', 'status'])
    .execute();
  await db.schema
    .createIndex('plan_items_status_due_idx')
    .on('plan_items')
    .columns(['status', 'due_date'])
    .execute();
}
