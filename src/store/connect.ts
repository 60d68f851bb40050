// Opens the configured database. SQLite runs in WAL mode with foreign keys on; PostgreSQL uses a
// small pool. Connection problems become DatabaseUnavailableError with a message naming the target.
import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { DatabaseConfig } from '../config/config.js';
import { capabilitiesOf, type DialectCapabilities } from './dialect.js';
import type { Database } from './schema.js';

export interface Store {
  db: Kysely<Database>;
  caps: DialectCapabilities;
  config: DatabaseConfig;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    super(
      `无法连接数据库 ${target}：${cause instanceof Error ? cause.message : String(cause)} / cannot reach database ${target}`,
    );
    this.name = 'DatabaseUnavailableError';
  }
}

/** Describes the target without secrets, for messages and logs. */
export function describeTarget(config: DatabaseConfig): string {
  if (config.kind === 'sqlite') return `SQLite ${config.file}`;
  try {
    const u = new URL(config.url);
    return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'PostgreSQL (invalid URL)';
  }
}

// Each driver is imported when a store of its kind is opened: a command on SQLite never loads pg.
export async function openStore(config: DatabaseConfig): Promise<Store> {
  const target = describeTarget(config);
  if (config.kind === 'sqlite') {
    const { default: SQLiteDatabase } = await import('better-sqlite3');
    let sqlite: SQLite.Database;
    try {
      if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
      sqlite = new SQLiteDatabase(config.file);
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('busy_timeout = 5000');
    } catch (err) {
      throw new DatabaseUnavailableError(target, err);
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, caps: capabilitiesOf('sqlite'), config, close: () => db.destroy() };
  }
  const { default: pg } = await import('pg');
  // PostgreSQL returns NUMERIC as strings already; BIGINT (audit ids, counts) as numbers is safe here.
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  const pool = new pg.Pool({ connectionString: config.url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => {});
    throw new DatabaseUnavailableError(target, err);
  }
  return { db, caps: capabilitiesOf('postgres'), config, close: () => db.destroy() };
}
