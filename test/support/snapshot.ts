// Every row of every data table, for comparing two databases after a backup and restore.
import { sql } from 'kysely';
import { storeTables } from '../../src/store/backup/tables.js';
import type { Store } from '../../src/store/connect.js';
import { canonicalDecimal } from '../../src/store/decimal.js';

/** Decimal text differs by dialect (NUMERIC pads to the column scale); compare numbers by value. */
function neutral(v: unknown): unknown {
  if (typeof v === 'string' && /^-?\d+\.\d+$/.test(v)) return canonicalDecimal(v);
  return v;
}

export async function snapshot(store: Store, options: { neutral?: boolean } = {}) {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of await storeTables(store)) {
    const key = t.columns[0]!;
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(t.name)} order by ${sql.ref(key)}`.execute(store.db);
    out[t.name] = rows.map((r) =>
      Object.fromEntries(t.columns.map((c) => [c, options.neutral ? neutral(r[c]) : r[c]])),
    );
  }
  return out;
}
