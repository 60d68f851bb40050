// Which tables hold data and in which order they can be loaded: parents before children, read
// from the database's own catalogue so that tables added by later migrations are included.
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Store } from '../connect.js';

export interface TableInfo {
  name: string;
  columns: string[];
}

const SKIPPED = new Set(['shixu_migrations', 'shixu_migrations_lock']);

/** Orders tables so every referenced table comes first; ties keep alphabetical order. */
export function foreignKeyOrder(tables: string[], edges: { child: string; parent: string }[]): string[] {
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges)
    if (e.child !== e.parent && parents.has(e.parent)) parents.get(e.child)?.add(e.parent);
  const done = new Set<string>();
  const out: string[] = [];
  const pending = [...tables].sort();
  while (pending.length > 0) {
    const i = pending.findIndex((t) => [...(parents.get(t) ?? [])].every((p) => done.has(p)));
    // A cycle cannot be ordered; load the rest as listed (no such cycle exists in the schema).
    const [t] = pending.splice(i === -1 ? 0 : i, 1);
    done.add(t!);
    out.push(t!);
  }
  return out;
}

/** Tables of a SQLite database handle, in foreign-key order. */
export function sqliteTables(db: SQLite.Database): TableInfo[] {
  const names = (
    db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as {
      name: string;
    }[]
  )
    .map((r) => r.name)
    .filter((n) => !SKIPPED.has(n));
  const edges = names.flatMap((child) =>
    (
      db.prepare('select "table" as parent from pragma_foreign_key_list(?)').all(child) as {
        parent: string;
      }[]
    ).map((r) => ({ child, parent: r.parent })),
  );
  return foreignKeyOrder(names, edges).map((name) => ({
    name,
    columns: (
      db.prepare('select name from pragma_table_info(?) order by cid').all(name) as { name: string }[]
    ).map((r) => r.name),
  }));
}

export async function storeTables(store: Store): Promise<TableInfo[]> {
  if (store.config.kind === 'sqlite') {
    const { rows: tables } = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(store.db);
    const names = tables.map((t) => t.name).filter((n) => !SKIPPED.has(n));
    const edges: { child: string; parent: string }[] = [];
    const columns = new Map<string, string[]>();
    for (const child of names) {
      const fk = await sql<{
        parent: string;
      }>`select "table" as parent from pragma_foreign_key_list(${child})`.execute(store.db);
      edges.push(...fk.rows.map((r) => ({ child, parent: r.parent })));
      const cols = await sql<{
        name: string;
      }>`select name from pragma_table_info(${child}) order by cid`.execute(store.db);
      columns.set(
        child,
        cols.rows.map((c) => c.name),
      );
    }
    return foreignKeyOrder(names, edges).map((name) => ({ name, columns: columns.get(name) ?? [] }));
  }
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(store.db);
  const { rows: cols } = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = current_schema() order by table_name, ordinal_position`.execute(store.db);
  const { rows: edges } = await sql<{ child: string; parent: string }>`
    select cl.relname as child, pl.relname as parent
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_class pl on pl.oid = c.confrelid
    join pg_namespace n on n.oid = cl.relnamespace
    where c.contype = 'f' and n.nspname = current_schema()`.execute(store.db);
  const names = tables.map((t) => t.name).filter((n) => !SKIPPED.has(n));
  return foreignKeyOrder(names, edges).map((name) => ({
    name,
    columns: cols.filter((c) => c.table === name).map((c) => c.column),
  }));
}

/** Name of the last migration applied to the store (null before the first). */
export async function appliedMigration(store: Store): Promise<string | null> {
  try {
    const { rows } = await sql<{
      name: string;
    }>`select name from shixu_migrations order by name desc limit 1`.execute(store.db);
    return rows[0]?.name ?? null;
  } catch {
    return null;
  }
}
