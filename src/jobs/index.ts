// Picks the queue for the configured database: pg-boss on PostgreSQL, the table queue on SQLite.
import type { Store } from '../store/connect.js';
import type { JobQueue } from './job-queue.js';
import { PgBossJobQueue, type PgBossQueueOptions } from './pgboss-queue.js';
import { TableJobQueue, type TableQueueOptions } from './table-queue.js';

export type { JobHandler, JobQueue, JobQueueOptions } from './job-queue.js';
export { PgBossJobQueue } from './pgboss-queue.js';
export { TableJobQueue } from './table-queue.js';

export function createJobQueue(store: Store, options: TableQueueOptions & PgBossQueueOptions = {}): JobQueue {
  return store.config.kind === 'postgres'
    ? new PgBossJobQueue(store.config.url, options)
    : new TableJobQueue(store.db, options);
}
