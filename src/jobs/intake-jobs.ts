// The intake pipeline on the JobQueue: accepting a record stores the original and the queued record,
// then enqueues a job naming it; the job runs processIntake (extract → analyse → persist → done or
// failed). On PostgreSQL the job lives in pg-boss, on SQLite in job_queue; either way it is written
// before submit() returns, so a restart loses nothing. A job that failed for the last time (a crash
// loop, a database outage) still ends its record as failed with a message, never stuck in processing.
import { failIntake, queuedIntakeIds, requeueInterrupted } from '../intake/intake-repository.js';
import { type AcceptInput, acceptIntake, type IntakeDeps, processIntake } from '../intake/intake-service.js';
import type { Store } from '../store/connect.js';
import { createJobQueue } from './index.js';
import type { JobHandler, JobQueue } from './job-queue.js';
import { PgBossJobQueue, type PgBossQueueOptions } from './pgboss-queue.js';
import type { TableQueueOptions } from './table-queue.js';

export const INTAKE_JOB = 'intake-process';

function intakeIdOf(payload: Record<string, unknown>): string {
  const id = payload.intakeId;
  if (typeof id !== 'string' || id === '') throw new Error('intake job without an intakeId');
  return id;
}

/** The handler the queue runs for each accepted record. */
export function intakeJobHandler(deps: IntakeDeps): JobHandler {
  return async (payload) => {
    await processIntake(deps, intakeIdOf(payload));
  };
}

/** Marks the record failed once its job is given up, so it shows an error rather than hanging. */
export function intakeGiveUp(store: Store) {
  return async (name: string, payload: Record<string, unknown>, error: string): Promise<void> => {
    if (name !== INTAKE_JOB || typeof payload.intakeId !== 'string') return;
    await failIntake(store.db, payload.intakeId, {
      code: 'processing_failed',
      messageZh: `后台处理多次失败，已停止重试：${error}。原文件已保存，可手动重试。`,
      messageEn: `Background processing failed repeatedly and was stopped: ${error}. The original is kept; retry it manually.`,
    });
  };
}

export class IntakeJobs {
  readonly queue: JobQueue;

  constructor(
    private readonly deps: IntakeDeps,
    options: TableQueueOptions & PgBossQueueOptions = {},
    queue?: JobQueue,
  ) {
    this.queue = queue ?? createJobQueue(deps.store, { onGiveUp: intakeGiveUp(deps.store), ...options });
  }

  /** Stores the original and the record, enqueues its job and returns the record id at once. */
  async submit(input: AcceptInput): Promise<string> {
    const id = await acceptIntake(this.deps, input);
    await this.enqueue(id);
    return id;
  }

  /** Queues an existing record again (after POST /api/intake/:id/retry has reset it to queued). */
  async enqueue(intakeId: string): Promise<void> {
    await this.queue.enqueue(INTAKE_JOB, { intakeId });
  }

  /**
   * Starts the worker. Records still queued (accepted just before a crash, before their job was
   * written) get a job first; a record that already has one is simply found done by the second job.
   * In the embedded mode only this process works the queue, so a record it left half done is queued
   * again; on PostgreSQL another server may be working on it, and pg-boss's expiry retries it instead.
   */
  async start(): Promise<void> {
    if (!(this.queue instanceof PgBossJobQueue)) await requeueInterrupted(this.deps.store.db);
    for (const id of await queuedIntakeIds(this.deps.store.db)) await this.enqueue(id);
    await this.queue.start({ [INTAKE_JOB]: intakeJobHandler(this.deps) });
  }

  stop(): Promise<void> {
    return this.queue.stop();
  }
}
