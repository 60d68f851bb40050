// Portable logical backup: a JSON-lines file that any Shixu database (SQLite or PostgreSQL) can
// load. Line 1 is the header, then one line per row in foreign-key order, then a trailer whose
// row count lets a restore detect a truncated file.

import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Store } from '../connect.js';
import { appliedMigration, storeTables, type TableInfo } from './tables.js';

export const DUMP_FORMAT = 'shixu-dump';
export const DUMP_FORMAT_VERSION = 1;

export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  formatVersion: number;
  /** Last migration applied to the source database. */
  migration: string | null;
  sourceDialect: 'sqlite' | 'postgres';
  createdAt: string;
  tables: (TableInfo & { rows: number })[];
}

export interface DumpRowLine {
  table: string;
  row: Record<string, unknown>;
}

export interface DumpTrailer {
  end: true;
  rows: number;
}

const PAGE = 500;

function jsonValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  return v;
}

/** Writes every row of every table to `file` (atomically: a partial file never has the final name). */
export async function writeDump(store: Store, file: string): Promise<DumpHeader> {
  const tables = await storeTables(store);
  // Read before the transaction: SQLite has one connection, held by the transaction below.
  const migration = await appliedMigration(store);
  const counted: DumpHeader['tables'] = [];
  // Count and copy inside one transaction so the dump is one consistent snapshot.
  const tmp = `${file}.partial`;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // Owner-only: the dump holds password hashes and sessions.
  const out = fs.createWriteStream(tmp, { encoding: 'utf8', mode: 0o600 });
  const write = async (line: unknown) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  let header: DumpHeader | undefined;
  try {
    // Repeatable read: PostgreSQL shows every table as of one instant (SQLite's read transaction already does).
    const tx =
      store.caps.name === 'postgres'
        ? store.db.transaction().setIsolationLevel('repeatable read')
        : store.db.transaction();
    await tx.execute(async (trx) => {
      for (const t of tables) {
        const { rows } = await sql<{
          n: number | string;
        }>`select count(*) as n from ${sql.table(t.name)}`.execute(trx);
        counted.push({ ...t, rows: Number(rows[0]?.n ?? 0) });
      }
      header = {
        format: DUMP_FORMAT,
        formatVersion: DUMP_FORMAT_VERSION,
        migration,
        sourceDialect: store.caps.name,
        createdAt: new Date().toISOString(),
        tables: counted,
      };
      await write(header);
      let total = 0;
      for (const t of counted) {
        const key = t.columns[0];
        for (let offset = 0; ; offset += PAGE) {
          const { rows } = await sql<
            Record<string, unknown>
          >`select * from ${sql.table(t.name)} order by ${sql.ref(
            key ?? '1',
          )} limit ${PAGE} offset ${offset}`.execute(trx);
          for (const r of rows) {
            const row: Record<string, unknown> = {};
            for (const c of t.columns) row[c] = jsonValue(r[c]);
            await write({ table: t.name, row } satisfies DumpRowLine);
          }
          total += rows.length;
          if (rows.length < PAGE) break;
        }
      }
      await write({ end: true, rows: total } satisfies DumpTrailer);
    });
    out.end();
    await once(out, 'finish');
    fs.renameSync(tmp, file);
  } catch (err) {
    out.destroy();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return header!;
}
