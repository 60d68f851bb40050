// Row type of the job table added by migration 0003, kept beside its only user so the shared schema
// file needs no edit; `withIntakeTables` widens a Kysely handle to see it.
import type { Kysely } from 'kysely';
import type { Database, Instant, JsonText } from '../store/schema.js';

export interface JobQueueTable {
  id: string;
  name: string;
  payload: JsonText;
  /** queued → processing → done | failed */
  status: string;
  attempts: number;
  max_attempts: number;
  run_after: Instant;
  locked_at: Instant | null;
  last_error: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export type IntakeTables = {
  job_queue: JobQueueTable;
};

export type IntakeDatabase = Database & IntakeTables;

export function withIntakeTables(db: Kysely<Database>): Kysely<IntakeDatabase> {
  return db.withTables<IntakeTables>();
}
