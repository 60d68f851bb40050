// pg-boss 10 behind the JobQueue interface, for the PostgreSQL mode. pg-boss keeps jobs in its own
// schema (pgboss); a job whose worker died is expired by pg-boss's maintenance and retried until its
// retry limit, so a crash mid-job loses nothing.
import PgBoss from 'pg-boss';
import { DEFAULT_MAX_ATTEMPTS, type JobHandler, type JobQueue, type JobQueueOptions } from './job-queue.js';

export interface PgBossQueueOptions extends JobQueueOptions {
  /** A job running longer than this is treated as crashed and retried. */
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

  constructor(
    connectionString: string,
    private readonly options: PgBossQueueOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.boss = new PgBoss({
      connectionString,
      max: 4,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
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
      expireInSeconds: this.options.expireInSeconds ?? 15 * 60,
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
    for (const [name, handler] of Object.entries(handlers)) {
      await this.ensureQueue(name);
      await this.boss.work<Record<string, unknown>>(
        name,
        {
          batchSize: 1,
          includeMetadata: true,
          pollingIntervalSeconds: Math.max(0.5, (this.options.pollMs ?? 1000) / 1000),
        },
        async ([job]) => {
          if (!job) return;
          try {
            await handler(job.data);
          } catch (err) {
            if (job.retryCount >= job.retryLimit) {
              await this.options.onGiveUp?.(name, job.data, err instanceof Error ? err.message : String(err));
            }
            throw err;
          }
        },
      );
    }
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, close: true, wait: true, timeout: 30_000 });
    this.started = undefined;
    this.created.clear();
  }

  /** Test hook standing in for a killed process: workers vanish, active jobs stay active. */
  async abandon(): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: false, close: true, wait: true, timeout: 1000 });
    this.started = undefined;
  }
}
