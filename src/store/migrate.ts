// Versioned, transactional migrations shared by both databases. Each step reports ok / failed /
// not run so an upgrade at a customer site can be diagnosed from the output alone.
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Store } from './connect.js';
import type { DialectCapabilities } from './dialect.js';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-rules.js';
import * as m0003 from './migrations/0003-intake.js';
import * as m0004 from './migrations/0004-review.js';
import * as m0005 from './migrations/0005-feedback.js';
import * as m0006 from './migrations/0006-user-email.js';
import * as m0007 from './migrations/0007-review-policy.js';
import * as m0008 from './migrations/0008-case-attachments.js';
import * as m0009 from './migrations/0009-feedback-void.js';
import * as m0010 from './migrations/0010-intake-progress.js';
import * as m0011 from './migrations/0011-mailbox-state.js';
import * as m0012 from './migrations/0012-audit-chain.js';
import * as m0013 from './migrations/0013-reviewed-order.js';
import * as m0014 from './migrations/0014-analysis-versions.js';
import * as m0015 from './migrations/0015-master-data.js';
import * as m0016 from './migrations/0016-laws-register.js';
import * as m0017 from './migrations/0017-capability-criteria.js';
import * as m0018 from './migrations/0018-csr-evaluations.js';
import * as m0019 from './migrations/0019-requirement-planning.js';
import * as m0020 from './migrations/0020-supplier-requirements.js';
import * as m0021 from './migrations/0021-kpi-indexes.js';

type Step = { up: (db: Parameters<Migration['up']>[0], caps: DialectCapabilities) => Promise<void> };

/** Ordered list; a new migration is appended here and never edited after release. */
const STEPS: Record<string, Step> = {
  '0001-initial': m0001,
  '0002-rules': m0002,
  '0003-intake': m0003,
  '0004-review': m0004,
  '0005-feedback': m0005,
  '0006-user-email': m0006,
  '0007-review-policy': m0007,
  '0008-case-attachments': m0008,
  '0009-feedback-void': m0009,
  '0010-intake-progress': m0010,
  '0011-mailbox-state': m0011,
  '0012-audit-chain': m0012,
  '0013-reviewed-order': m0013,
  '0014-analysis-versions': m0014,
  '0015-master-data': m0015,
  '0016-laws-register': m0016,
  '0017-capability-criteria': m0017,
  '0018-csr-evaluations': m0018,
  '0019-requirement-planning': m0019,
  '0020-supplier-requirements': m0020,
  '0021-kpi-indexes': m0021,
};

export const LATEST_MIGRATION = Object.keys(STEPS).at(-1)!;
/** Every known migration, oldest first (backups record the one their data was written under). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(STEPS);

function providerFor(caps: DialectCapabilities): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, step] of Object.entries(STEPS)) out[name] = { up: (db) => step.up(db, caps) };
      return out;
    },
  };
}

export interface MigrationReport {
  ok: boolean;
  steps: { name: string; status: 'Success' | 'Error' | 'NotExecuted' }[];
  error?: string;
}

export async function migrateToLatest(store: Store): Promise<MigrationReport> {
  return migrateTo(store, LATEST_MIGRATION);
}

/** Applies the migrations up to and including `name` (tests build databases as older versions left them). */
export async function migrateTo(store: Store, name: string): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: store.db,
    provider: providerFor(store.caps),
    migrationTableName: 'shixu_migrations',
    migrationLockTableName: 'shixu_migrations_lock',
  });
  const { error, results } = await migrator.migrateTo(name);
  return {
    ok: !error,
    steps: (results ?? []).map((r) => ({ name: r.migrationName, status: r.status })),
    ...(error ? { error: error instanceof Error ? error.message : String(error) } : {}),
  };
}

/** Names of migrations not yet applied; empty when the schema is current. */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const migrator = new Migrator({
    db: store.db,
    provider: providerFor(store.caps),
    migrationTableName: 'shixu_migrations',
    migrationLockTableName: 'shixu_migrations_lock',
  });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
