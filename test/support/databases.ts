// Runs one test file against every database Shixu supports: a real SQLite file and a real
// PostgreSQL server (a fresh database per file, dropped afterwards). Test titles carry the
// dialect in brackets so the summary reporter can count the tests run on each.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { DatabaseConfig } from '../../src/config/config.js';
import { openStore, type Store } from '../../src/store/connect.js';
import { migrateToLatest } from '../../src/store/migrate.js';

export const PG_ADMIN_URL = process.env.SHIXU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgAvailable: Promise<boolean> | undefined;
export function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  })();
  return pgAvailable;
}

/** Creates an empty PostgreSQL database and returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `shixu_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh SQLite file in a temporary directory. */
export function createSqliteFile(): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-test-'));
  return {
    file: path.join(dir, 'shixu.sqlite'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TestDatabase {
  dialect: 'sqlite' | 'postgres';
  config: DatabaseConfig;
  /** The migrated store, opened before the tests of the block run. */
  store(): Store;
}

/**
 * Declares `fn`'s tests once per database. PostgreSQL is required when CI=true: a CI run that
 * silently skipped it would prove nothing about the PostgreSQL mode.
 */
export function describeEachDatabase(title: string, fn: (db: TestDatabase) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip = dialect === 'postgres' && !inject('pgAvailable');
    describe.skipIf(skip)(`[${dialect}] ${title}`, () => {
      let store: Store | undefined;
      let cleanup: (() => Promise<void> | void) | undefined;
      let config: DatabaseConfig = { kind: 'sqlite', file: ':memory:' };
      beforeAll(async () => {
        if (dialect === 'sqlite') {
          const f = createSqliteFile();
          config = { kind: 'sqlite', file: f.file };
          cleanup = f.remove;
        } else {
          const d = await createPostgresDatabase();
          config = { kind: 'postgres', url: d.url };
          cleanup = d.drop;
        }
        store = await openStore(config);
        const report = await migrateToLatest(store);
        if (!report.ok) throw new Error(`migration failed: ${report.error}`);
      });
      afterAll(async () => {
        await store?.close();
        await cleanup?.();
      });
      const handle: TestDatabase = {
        dialect,
        get config() {
          return config;
        },
        store() {
          if (!store) throw new Error(`${dialect} store not available`);
          return store;
        },
      };
      fn(handle);
    });
  }
}
