// The laws and regulations register (法律法规清单): the laws, regulations and standards the
// organisation must meet, their scope (product categories and processes of the catalogue), the
// departments that must know and apply them, when they are due for review, and which departments
// confirmed they read each revision (传达学习). Changes are in the audit trail, like every write.
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('laws')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    // 文号 / 标准号: the key imports match on, so one number is one entry.
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('scope_all', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON arrays of text.
    .addColumn('scope_categories', 'text', (c) => c.notNull())
    .addColumn('scope_processes', 'text', (c) => c.notNull())
    .addColumn('departments', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'text')
    .addColumn('review_due', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // No foreign key: a backup loads a table's rows in any order, and entries are never deleted.
    .addColumn('superseded_by', 'text')
    .addColumn('obligations', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text')
    .addColumn('attachment_name', 'text')
    .addColumn('attachment_media_type', 'text')
    .addColumn('attachment_sha256', 'text')
    .addColumn('attachment_size', 'integer')
    // Bumped when what the entry says changes: read confirmations are per revision.
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('laws_status_due_idx').on('laws').columns(['status', 'review_due']).execute();
  await db.schema
    .createTable('law_confirmations')
    .addColumn('law_id', 'text', (c) => c.notNull().references('laws.id').onDelete('cascade'))
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('law_confirmations_pk', ['law_id', 'department', 'revision'])
    .execute();
}
