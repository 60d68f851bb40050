// Durable job queue in an ordinary table (job_queue), for the embedded SQLite mode (it runs on
// PostgreSQL too). A job is a row written before enqueue() returns; a worker claims one row at a time
// with a conditional update, so a job is never run twice at once. A job found 'processing' when the
// worker starts was interrupted by a crash: it is queued again, or failed once its attempts are spent.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { DEFAULT_MAX_ATTEMPTS, type JobHandler, type JobQueue, type JobQueueOptions } from './job-queue.js';
import { type IntakeDatabase, withIntakeTables } from './job-tables.js';

export interface TableQueueOptions extends JobQueueOptions {
  /** Called once a job has failed for the last time (crash or error), so its owner can record why. */
  onGiveUp?: (name: string, payload: Record<string, unknown>, error: string) => Promise<void>;
  clock?: () => Date;
}

let sequence = 0;

/** Ids sort in enqueue order within a process, so jobs of the same millisecond keep their order. */
function sortableId(at: Date): string {
  sequence = (sequence + 1) % 36 ** 6;
  return `${at.getTime().toString(36).padStart(9, '0')}${sequence.toString(36).padStart(6, '0')}-${randomUUID()}`;
}

const INTERRUPTED = '处理过程中服务停止 / the worker stopped during the job';

export class TableJobQueue implements JobQueue {
  private readonly db: Kysely<IntakeDatabase>;
  private readonly maxAttempts: number;
  private readonly pollMs: number;
  private readonly retryDelayMs: number;
  private readonly clock: () => Date;
  private handlers: Record<string, JobHandler> = {};
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    db: Kysely<Database>,
    private readonly options: TableQueueOptions = {},
  ) {
    this.db = withIntakeTables(db);
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.pollMs = options.pollMs ?? 500;
    this.retryDelayMs = options.retryDelayMs ?? 2000;
    this.clock = options.clock ?? (() => new Date());
  }

  async enqueue(name: string, payload: Record<string, unknown>): Promise<string> {
    const at = this.clock();
    const now = at.toISOString();
    const id = sortableId(at);
    await this.db
      .insertInto('job_queue')
      .values({
        id,
        name,
        payload: JSON.stringify(payload),
        status: 'queued',
        attempts: 0,
        max_attempts: this.maxAttempts,
        run_after: now,
        locked_at: null,
        last_error: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    this.wake?.();
    return id;
  }

  async start(handlers: Record<string, JobHandler>): Promise<void> {
    if (this.running) return;
    this.handlers = handlers;
    this.running = true;
    await this.recoverInterrupted();
    this.current = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.current;
  }

  /** Jobs of this queue's handlers left 'processing' by a previous process. */
  private async recoverInterrupted(): Promise<void> {
    const names = Object.keys(this.handlers);
    if (names.length === 0) return;
    const stuck = await this.db
      .selectFrom('job_queue')
      .selectAll()
      .where('status', '=', 'processing')
      .where('name', 'in', names)
      .execute();
    const now = this.clock().toISOString();
    for (const job of stuck) {
      const exhausted = job.attempts >= job.max_attempts;
      await this.db
        .updateTable('job_queue')
        .set({
          status: exhausted ? 'failed' : 'queued',
          last_error: INTERRUPTED,
          locked_at: null,
          run_after: now,
          updated_at: now,
        })
        .where('id', '=', job.id)
        .execute();
      if (exhausted) await this.options.onGiveUp?.(job.name, JSON.parse(job.payload), INTERRUPTED);
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.runOne();
      } catch {
        // A database hiccup must not end the worker; the next poll tries again.
      }
      if (!this.running) break;
      if (!worked) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, this.pollMs);
        });
        this.wake = undefined;
      }
    }
  }

  /** Claims and runs the oldest ready job; false when there was none. */
  private async runOne(): Promise<boolean> {
    const names = Object.keys(this.handlers);
    if (names.length === 0) return false;
    const now = this.clock().toISOString();
    const next = await this.db
      .selectFrom('job_queue')
      .selectAll()
      .where('status', '=', 'queued')
      .where('name', 'in', names)
      .where('run_after', '<=', now)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!next) return false;
    const claimed = await this.db
      .updateTable('job_queue')
      .set({ status: 'processing', attempts: next.attempts + 1, locked_at: now, updated_at: now })
      .where('id', '=', next.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return true;
    const attempts = next.attempts + 1;
    const payload = JSON.parse(next.payload) as Record<string, unknown>;
    try {
      await this.handlers[next.name]!(payload);
      await this.finish(next.id, { status: 'done', last_error: null });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const exhausted = attempts >= next.max_attempts;
      const retryAt = new Date(this.clock().getTime() + this.retryDelayMs).toISOString();
      await this.finish(next.id, {
        status: exhausted ? 'failed' : 'queued',
        last_error: message.slice(0, 2000),
        ...(exhausted ? {} : { run_after: retryAt }),
      });
      if (exhausted) await this.options.onGiveUp?.(next.name, payload, message);
    }
    return true;
  }

  private async finish(
    id: string,
    set: { status: string; last_error: string | null; run_after?: string },
  ): Promise<void> {
    await this.db
      .updateTable('job_queue')
      .set({ ...set, locked_at: null, updated_at: this.clock().toISOString() })
      .where('id', '=', id)
      .execute();
  }
}
