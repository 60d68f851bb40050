// pg-boss 10 behind the JobQueue interface, for the PostgreSQL mode. pg-boss keeps jobs in its own
// schema (pgboss). A job holds a lease: pg-boss's maintenance expires a job active longer than
// expireInSeconds and retries it (until its retry limit), so a worker killed mid-job loses nothing.
// pg-boss 10 has no heartbeat, and a lease long enough for a 40-page scan would leave a crashed job
// stuck for as long; so the worker renews the lease of the job it holds while the handler runs, and
// the lease can be short: a crashed job is retried within about a minute (lease + maintenance
// interval + retry delay), a long one is never taken twice while its worker lives.
import PgBoss from 'pg-boss';
import { DEFAULT_MAX_ATTEMPTS, type JobHandler, type JobQueue, type JobQueueOptions } from './job-queue.js';

/** pg-boss's schema (its default; the queue does not set another). */
const SCHEMA = 'pgboss';

/** The lease: a job whose worker has not renewed it for this long is treated as crashed. */
export const DEFAULT_LEASE_SECONDS = 30;
/** How often pg-boss looks for expired leases. */
export const DEFAULT_MAINTENANCE_SECONDS = 20;

export interface PgBossQueueOptions extends JobQueueOptions {
  /** A job whose lease was not renewed for this long is treated as crashed and retried. */
  expireInSeconds?: number;
  /** How often pg-boss looks for expired jobs (lower in tests). */
  maintenanceIntervalSeconds?: number;
  onGiveUp?: (name: string, payload: Record<string, unknown>, error: string) => Promise<void>;
}

export class PgBossJobQueue implements JobQueue {
  private readonly boss: PgBoss;
  private started: Promise<void> | undefined;
  private readonly created = new Set<string>();
  private readonly maxAttempts: number;
  private readonly leaseSeconds: number;
  /** Renewal timers of the jobs in hand; a killed process takes them with it (see abandon). */
  private readonly renewals = new Set<NodeJS.Timeout>();
  private loops: Promise<void>[] = [];
  private readonly wakers = new Set<() => void>();
  private stopping = false;
  private abandoned = false;

  constructor(
    connectionString: string,
    private readonly options: PgBossQueueOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.leaseSeconds = options.expireInSeconds ?? DEFAULT_LEASE_SECONDS;
    this.boss = new PgBoss({
      connectionString,
      max: 4,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? DEFAULT_MAINTENANCE_SECONDS,
    });
    // Connection errors are retried by pg-boss; without a listener an EventEmitter 'error' would throw.
    this.boss.on('error', () => {});
  }

  private ensureStarted(): Promise<void> {
    this.started ??= this.boss.start().then(() => undefined);
    return this.started;
  }

  private async ensureQueue(name: string): Promise<void> {
    if (this.created.has(name)) return;
    await this.ensureStarted();
    const settings = {
      name,
      retryLimit: this.maxAttempts - 1,
      retryDelay: Math.ceil((this.options.retryDelayMs ?? 2000) / 1000),
      expireInSeconds: this.leaseSeconds,
    };
    if (await this.boss.getQueue(name)) await this.boss.updateQueue(name, settings);
    else await this.boss.createQueue(name, settings);
    this.created.add(name);
  }

  async enqueue(name: string, payload: Record<string, unknown>): Promise<string> {
    await this.ensureQueue(name);
    const id = await this.boss.send(name, payload);
    if (!id) throw new Error(`pg-boss refused the job for ${name}`);
    return id;
  }

  async start(handlers: Record<string, JobHandler>): Promise<void> {
    this.stopping = false;
    for (const [name, handler] of Object.entries(handlers)) {
      await this.ensureQueue(name);
      this.loops.push(this.work(name, handler));
    }
  }

  /**
   * One worker: fetch a job, run it with its lease renewed, complete or fail it. Not pg-boss's own
   * work(): that fails a job whose handler runs longer than the lease, and would then run it a
   * second time beside the first — the very thing renewing the lease is for.
   */
  private async work(name: string, handler: JobHandler): Promise<void> {
    while (!this.stopping) {
      const [job] = await this.boss.fetch<Record<string, unknown>>(name, {
        batchSize: 1,
        includeMetadata: true,
      });
      if (!job) {
        await this.idle();
        continue;
      }
      const renewal = this.renewLease(name, job.id);
      let error: unknown;
      try {
        await handler(job.data);
      } catch (err) {
        error = err ?? new Error('job failed');
      } finally {
        clearInterval(renewal);
        this.renewals.delete(renewal);
      }
      if (this.abandoned) return;
      // Failing to record the outcome leaves the job active: its lease lapses and it runs again,
      // which the handlers allow for (an intake record already done is left as it is).
      if (error === undefined) {
        await this.boss.complete(name, job.id).catch(() => {});
        continue;
      }
      const message = error instanceof Error ? error.message : String(error);
      if (job.retryCount >= job.retryLimit)
        await this.options.onGiveUp?.(name, job.data, message).catch(() => {});
      await this.boss.fail(name, job.id, { message }).catch(() => {});
    }
  }

  /** Waits one poll interval, or less when stop() is called. */
  private idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.options.pollMs ?? 1000);
      const wake = this.wakers;
      function done() {
        clearTimeout(timer);
        wake.delete(done);
        resolve();
      }
      wake.add(done);
    });
  }

  /**
   * Renews the job's lease three times per lease while its handler runs. pg-boss expires a job when
   * started_on + expire_in has passed (plans.js failJobsByTimeout), so moving started_on is the
   * renewal; a failed renewal is tried again at the next tick, and the lease only lapses if none
   * gets through for a whole lease.
   */
  private renewLease(name: string, id: string): NodeJS.Timeout {
    const renewal = setInterval(
      () => {
        this.boss
          .getDb()
          .executeSql(
            `UPDATE ${SCHEMA}.job SET started_on = now() WHERE name = $1 AND id = $2 AND state = 'active'`,
            [name, id],
          )
          .catch(() => {});
      },
      (this.leaseSeconds * 1000) / 3,
    );
    this.renewals.add(renewal);
    return renewal;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of [...this.wakers]) wake();
    await Promise.all(this.loops);
    this.loops = [];
    if (!this.started) return;
    await this.boss.stop({ graceful: true, close: true, wait: true, timeout: 30_000 });
    this.started = undefined;
    this.created.clear();
  }

  /** Test hook standing in for a killed process: workers vanish, active jobs stay active. */
  async abandon(): Promise<void> {
    this.abandoned = true;
    this.stopping = true;
    for (const wake of [...this.wakers]) wake();
    for (const renewal of this.renewals) clearInterval(renewal);
    this.renewals.clear();
    this.loops = [];
    if (!this.started) return;
    await this.boss.stop({ graceful: false, close: true, wait: true, timeout: 1000 });
    this.started = undefined;
  }
}
