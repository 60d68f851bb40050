// The audit trail's hash chain. Each row stores SHA-256(previous row's hash + this row's canonical
// content), the first row chaining from AUDIT_CHAIN_START. Recomputing the chain in id order finds
// the first row that was changed, removed or slipped in after it was written. Appends are
// serialised (an advisory lock on PostgreSQL; SQLite has one writer), so concurrent writers still
// build one chain rather than two branches from the same row.
import { createHash } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export const AUDIT_CHAIN_START = '0'.repeat(64);

/** Any key would do; it only has to be the same for every writer of the database. */
const APPEND_LOCK_KEY = 0x5348_4958; // "SHIX"

/** The columns a row's hash covers: everything but its id (its place is fixed by the chain). */
export interface ChainedContent {
  at: string;
  actor_id: string | null;
  actor_department: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

/** The row's content in one unambiguous form: a JSON array of its columns in a fixed order. */
export function canonicalContent(row: ChainedContent): string {
  return JSON.stringify([
    row.at,
    row.actor_id,
    row.actor_department,
    row.action,
    row.entity_type,
    row.entity_id,
    row.before,
    row.after,
  ]);
}

export function auditRowHash(previousHash: string, row: ChainedContent): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalContent(row)).digest('hex');
}

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Appends one row to the chain inside `trx`, which must be a transaction: the lock it takes on
 * PostgreSQL is held until that transaction ends, so the next writer reads this row as the last.
 */
export async function appendChained(trx: Transaction<Database>, row: ChainedContent): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${APPEND_LOCK_KEY})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const hash = auditRowHash(last?.hash ?? AUDIT_CHAIN_START, row);
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash })
    .execute();
}

/** The first row whose stored hash is not what its content and the chain before it give. */
export interface BrokenAuditRow {
  id: number;
  at: string;
  action: string;
  entityType: string;
  entityId: string;
  reason: 'missing_hash' | 'hash_mismatch';
}

export interface ChainVerification {
  ok: boolean;
  /** Rows checked (up to and including the broken one). */
  rows: number;
  firstBroken: BrokenAuditRow | null;
  /** Hash of the last row: noted elsewhere, it also shows that nothing was cut off the end. */
  headHash: string | null;
}

const PAGE = 2000;

/** Recomputes the whole chain, oldest row first, and reports the first row that does not fit. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainVerification> {
  let previous = AUDIT_CHAIN_START;
  let rows = 0;
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id', 'asc')
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    for (const row of page) {
      rows += 1;
      const expected = auditRowHash(previous, row);
      if (row.hash !== expected) {
        return {
          ok: false,
          rows,
          firstBroken: {
            id: Number(row.id),
            at: row.at,
            action: row.action,
            entityType: row.entity_type,
            entityId: row.entity_id,
            reason: row.hash ? 'hash_mismatch' : 'missing_hash',
          },
          headHash: null,
        };
      }
      previous = expected;
      after = Number(row.id);
    }
  }
  return { ok: true, rows, firstBroken: null, headHash: rows > 0 ? previous : null };
}
