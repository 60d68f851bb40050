// The background queue as the server relies on it: a job is stored before anyone works on it, runs
// once, one at a time, survives a crash of the worker and gives up after a bounded number of attempts.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { withIntakeTables } from '../../src/jobs/job-tables.js';
import { PgBossJobQueue } from '../../src/jobs/pgboss-queue.js';
import { TableJobQueue } from '../../src/jobs/table-queue.js';
import { openStore } from '../../src/store/connect.js';
import { describeEachDatabase } from '../support/databases.js';

const until = async (check: () => Promise<boolean> | boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached in time');
};

describeEachDatabase('table job queue', (db) => {
  const rowsOf = (name: string) =>
    withIntakeTables(db.store().db).selectFrom('job_queue').selectAll().where('name', '=', name).execute();

  it('persists a job before it runs and runs every job exactly once, one at a time, oldest first', async () => {
    const queue = new TableJobQueue(db.store().db, { pollMs: 20 });
    for (const n of [1, 2, 3, 4]) await queue.enqueue('order', { n });
    // Stored while no worker runs: a restart right now would lose nothing.
    expect((await rowsOf('order')).map((r) => r.status)).toEqual(['queued', 'queued', 'queued', 'queued']);

    const seen: number[] = [];
    let running = 0;
    let maxRunning = 0;
    await queue.start({
      order: async (p) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 15));
        seen.push(p.n as number);
        running--;
      },
    });
    await until(async () => (await rowsOf('order')).every((r) => r.status === 'done'));
    await queue.stop();
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(maxRunning).toBe(1);
  });

  it('retries a job whose worker crashed mid-run when the worker starts again', async () => {
    // First process: its own connection, killed while the job is in hand.
    const first = await openStore(db.config);
    const crashed = new TableJobQueue(first.db, { pollMs: 20 });
    const id = await crashed.enqueue('crashy', { order: 'PO-1' });
    let release!: () => void;
    await crashed.start({ crashy: () => new Promise<void>((r) => (release = r)) });
    await until(async () => (await rowsOf('crashy'))[0]?.status === 'processing');
    await first.close();

    const restarted = new TableJobQueue(db.store().db, { pollMs: 20 });
    const handled: unknown[] = [];
    await restarted.start({ crashy: async (p) => void handled.push(p) });
    await until(async () => (await rowsOf('crashy'))[0]?.status === 'done');
    await restarted.stop();
    release();
    await crashed.stop();
    expect(handled).toEqual([{ order: 'PO-1' }]);
    const [row] = await rowsOf('crashy');
    expect(row).toMatchObject({ id, status: 'done', attempts: 2 });
  });

  it('gives up after the attempt limit, keeps the error and tells the owner once', async () => {
    const givenUp: { payload: unknown; error: string }[] = [];
    const queue = new TableJobQueue(db.store().db, {
      pollMs: 10,
      retryDelayMs: 0,
      maxAttempts: 3,
      onGiveUp: async (_name, payload, error) => void givenUp.push({ payload, error }),
    });
    await queue.enqueue('broken', { file: 'bad.xlsx' });
    let calls = 0;
    await queue.start({
      broken: async () => {
        calls++;
        throw new Error('表格损坏 / damaged sheet');
      },
    });
    await until(async () => (await rowsOf('broken'))[0]?.status === 'failed');
    await queue.stop();
    expect(calls).toBe(3);
    expect((await rowsOf('broken'))[0]).toMatchObject({
      attempts: 3,
      last_error: '表格损坏 / damaged sheet',
    });
    expect(givenUp).toEqual([{ payload: { file: 'bad.xlsx' }, error: '表格损坏 / damaged sheet' }]);
  });

  it('fails a job that crashed on its last attempt instead of running it forever', async () => {
    const store = db.store();
    const queue = new TableJobQueue(store.db, { maxAttempts: 1, pollMs: 20 });
    await queue.enqueue('fragile', { n: 1 });
    // As a crash leaves it: claimed, attempt counted, never finished.
    await withIntakeTables(store.db)
      .updateTable('job_queue')
      .set({ status: 'processing', attempts: 1 })
      .where('name', '=', 'fragile')
      .execute();
    const givenUp: string[] = [];
    const restarted = new TableJobQueue(store.db, {
      pollMs: 20,
      onGiveUp: async (_n, _p, error) => void givenUp.push(error),
    });
    let ran = false;
    await restarted.start({
      fragile: async () => {
        ran = true;
      },
    });
    await restarted.stop();
    expect(ran).toBe(false);
    expect((await rowsOf('fragile'))[0]?.status).toBe('failed');
    expect(givenUp).toHaveLength(1);
    expect(givenUp[0]).toContain('服务停止');
  });
});

describeEachDatabase('pg-boss job queue', (db) => {
  const onPostgres = db.dialect === 'postgres';

  it.runIf(onPostgres)(
    'runs an enqueued job and retries one whose worker died',
    async () => {
      const url = (db.config as { url: string }).url;
      const options = { expireInSeconds: 1, maintenanceIntervalSeconds: 1, pollMs: 500, retryDelayMs: 0 };
      const queue = new PgBossJobQueue(url, options);
      const done: unknown[] = [];
      await queue.enqueue('intake-test', { n: 1 });
      await queue.start({ 'intake-test': async (p) => void done.push(p) });
      await until(() => done.length === 1);
      await queue.stop();
      expect(done).toEqual([{ n: 1 }]);

      // A worker that dies holding the job: pg-boss expires it and the next worker gets it again.
      const dying = new PgBossJobQueue(url, options);
      await dying.enqueue('intake-crash', { n: 2 });
      let taken = false;
      await dying.start({ 'intake-crash': () => new Promise<void>(() => (taken = true)) });
      await until(() => taken);
      await dying.abandon();

      const next = new PgBossJobQueue(url, options);
      const retried: unknown[] = [];
      await next.start({ 'intake-crash': async (p) => void retried.push(p) });
      await until(() => retried.length === 1, 30_000);
      await next.stop();
      expect(retried).toEqual([{ n: 2 }]);
    },
    60_000,
  );

  it.runIf(onPostgres)(
    'renews the lease of a job that outlives it, so a live worker is never doubled',
    async () => {
      const url = (db.config as { url: string }).url;
      // A 1-second lease, checked every second, against a job of four seconds.
      const options = { expireInSeconds: 1, maintenanceIntervalSeconds: 1, pollMs: 500, retryDelayMs: 0 };
      const first = new PgBossJobQueue(url, options);
      const second = new PgBossJobQueue(url, options);
      const runs: string[] = [];
      const slow = (worker: string) => async () => {
        runs.push(worker);
        await new Promise((r) => setTimeout(r, 4000));
      };
      await first.enqueue('long-scan', { pages: 40 });
      await first.start({ 'long-scan': slow('first') });
      await until(() => runs.length === 1);
      await second.start({ 'long-scan': slow('second') });
      const jobState = async () =>
        (
          await sql<{ state: string; retry_count: number }>`
            select state, retry_count from pgboss.job where name = 'long-scan'
          `.execute(db.store().db)
        ).rows;
      await until(async () => (await jobState())[0]?.state === 'completed', 20_000);
      await new Promise((r) => setTimeout(r, 1500));
      await first.stop();
      await second.stop();
      expect(runs).toEqual(['first']);
      expect(await jobState()).toEqual([{ state: 'completed', retry_count: 0 }]);
    },
    60_000,
  );
});
