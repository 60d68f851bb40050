// Background work behind one small interface, so the intake pipeline runs the same on pg-boss
// (PostgreSQL) and on the embedded table queue (SQLite).

/** A job's handler; throwing marks the attempt failed (retried until the queue's attempt limit). */
export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

export interface JobQueue {
  /** Persists the job before returning; it survives a restart. Returns the job id. */
  enqueue(name: string, payload: Record<string, unknown>): Promise<string>;
  /** Starts working the named queues, one job at a time per worker. */
  start(handlers: Record<string, JobHandler>): Promise<void>;
  /** Stops taking jobs and waits for the running one to finish. */
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  /** Attempts per job including the first (a crash mid-job counts as one). */
  maxAttempts?: number;
  /** How often an idle worker looks for work. */
  pollMs?: number;
  /** Delay before a failed attempt is retried. */
  retryDelayMs?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 3;
