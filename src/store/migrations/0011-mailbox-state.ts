// The sales-inbox poller's memory (src/intake/mailbox): per mailbox the UIDVALIDITY and the last UID
// taken, with the status of the last poll; and every message taken, keyed by its Message-ID, so a
// message seen again (a retry after a crash, a UIDVALIDITY reset) never becomes a second record.
// UIDs are unsigned 32-bit, beyond PostgreSQL's integer, hence bigint.
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('mailbox_state')
    .addColumn('mailbox_key', 'text', (c) => c.primaryKey())
    .addColumn('uid_validity', 'text')
    .addColumn('last_uid', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_poll_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error_zh', 'text')
    .addColumn('last_error_en', 'text')
    .addColumn('last_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('messages_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('mailbox_messages')
    .addColumn('mailbox_key', 'text', (c) =>
      c.notNull().references('mailbox_state.mailbox_key').onDelete('cascade'),
    )
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('uid', 'bigint', (c) => c.notNull())
    .addColumn('intake_id', 'text', (c) => c.references('intake_records.id').onDelete('set null'))
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mailbox_messages_pk', ['mailbox_key', 'message_key'])
    .execute();
}
