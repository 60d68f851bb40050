// The audit trail becomes tamper-evident: each row keeps the hash of the previous row's hash and its
// own content (src/store/audit-chain.ts), so a row changed, removed or slipped in afterwards — even
// by someone with the database's own rights, who can lift the append-only triggers — breaks the
// chain at that row. Rows written before this migration are chained here, oldest first.
import { type Kysely, sql } from 'kysely';
import { AUDIT_CHAIN_START, auditRowHash, type ChainedContent } from '../audit-chain.js';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, caps: DialectCapabilities): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
  // The append-only triggers of 0001 refuse the backfill's updates; they are lifted for it only,
  // inside this migration's transaction.
  if (caps.name === 'postgres') {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
  } else {
    await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  }
  let previous = AUDIT_CHAIN_START;
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id', 'asc')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      previous = auditRowHash(previous, row as ChainedContent);
      await db.updateTable('audit_log').set({ hash: previous }).where('id', '=', row.id).execute();
      after = Number(row.id);
    }
  }
  if (caps.name === 'postgres') {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(db);
  } else {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  }
}
