// Decides once per run whether the PostgreSQL suite can run, and refuses to go on without it in CI.
import pg from 'pg';
import type { TestProject } from 'vitest/node';

const ADMIN_URL = process.env.SHIXU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAvailable: boolean;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  let ok = false;
  try {
    await client.connect();
    await client.end();
    ok = true;
  } catch (err) {
    if (process.env.CI) {
      throw new Error(`PostgreSQL is required when CI=true but ${ADMIN_URL} is unreachable: ${String(err)}`);
    }
    console.warn(`\n[shixu] PostgreSQL unreachable at ${ADMIN_URL}: PostgreSQL suite skipped.\n`);
  }
  project.provide('pgAvailable', ok);
}
