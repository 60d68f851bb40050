// The durable queue: whatever was accepted is processed after a restart, including a record the
// previous process was in the middle of; originals are stored once by content and never rewritten.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FileStore } from '../../src/intake/file-store.js';
import { getIntake, listIntakes } from '../../src/intake/intake-repository.js';
import { acceptIntake } from '../../src/intake/intake-service.js';
import { IntakeJobs } from '../../src/jobs/intake-jobs.js';
import { listen } from '../../src/server/serve.js';
import { seedCorpusMasterData } from '../rules/store-support.js';
import { testConfig } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { waitForIntake } from '../support/intake.js';
import * as f from './fixtures.js';

describeEachDatabase('intake queue', (t) => {
  let dir: string;
  let files: FileStore;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-queue-'));
    files = new FileStore(path.join(dir, 'uploads'));
    await seedCorpusMasterData(t.store());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores the same bytes once, read-only, under their SHA-256', async () => {
    const bytes = f.orderDocx();
    const a = await files.put(bytes);
    const b = await files.put(bytes);
    expect(a).toEqual(b);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stat = fs.statSync(files.pathOf(a.sha256));
    expect(stat.mode & 0o222).toBe(0);
    expect(Buffer.compare(await files.get(a.sha256), Buffer.from(bytes))).toBe(0);
  });

  // On PostgreSQL a half-done record is retried by its pg-boss job (test/jobs covers that); here the
  // record has no job at all, as after a crash between accepting and enqueueing.
  it('processes records accepted before the worker started, and one interrupted mid-job', async () => {
    const embedded = t.config.kind === 'sqlite';
    const deps = { store: t.store(), files };
    const first = await acceptIntake(deps, {
      bytes: f.orderDocx(),
      fileName: 'po.docx',
      refDate: '2026-03-11',
    });
    const second = await acceptIntake(deps, {
      text: '请报价 6061-T6 控制臂支架 MP-202 共 800 件，月底前交货。',
      channel: 'wechat',
    });
    // A previous process crashed while working on `first`.
    if (embedded)
      await t
        .store()
        .db.updateTable('intake_records')
        .set({ status: 'processing' })
        .where('id', '=', first)
        .execute();
    expect((await listIntakes(t.store().db, { status: 'queued' })).total).toBe(embedded ? 1 : 2);

    const worker = new IntakeJobs(deps, { pollMs: 50 });
    await worker.start();
    await waitForIntake(t.store().db, first);
    await waitForIntake(t.store().db, second);
    await worker.stop();

    const a = await getIntake(t.store().db, first);
    expect(a).toMatchObject({ status: 'done', mediaType: expect.stringContaining('wordprocessingml') });
    expect(a!.analysis!.items.map((i) => i.product).join(' ')).toContain('控制臂支架');
    const at = a!.text!.indexOf('5000');
    expect(a!.provenance!.some((s) => s.start <= at && s.end > at && s.source.kind === 'table-cell')).toBe(
      true,
    );
    const b = await getIntake(t.store().db, second);
    expect(b).toMatchObject({ status: 'done', channel: 'wechat' });
    expect(b!.analysis!.items[0]).toMatchObject({ quantity: { value: 800 } });
  });

  it('fails a record whose original disappeared, without losing the record', async () => {
    const other = new FileStore(path.join(dir, 'elsewhere'));
    const id = await acceptIntake({ store: t.store(), files: other }, { text: '订购 100 件' });
    const worker = new IntakeJobs({ store: t.store(), files }, { pollMs: 50 });
    await worker.start();
    await waitForIntake(t.store().db, id);
    await worker.stop();
    const r = await getIntake(t.store().db, id);
    expect(r).toMatchObject({ status: 'failed', error: { code: 'original_missing' } });
  });

  it('is started by the server: a record queued while it was down is processed after start', async () => {
    const id = await acceptIntake(
      { store: t.store(), files },
      { text: '请报价控制臂支架 MP-202 共 300 件。' },
    );
    const config = testConfig({ SHIXU_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' });
    const server = await listen(config, t.store(), { handleSignals: false, closeStore: false });
    try {
      const deadline = Date.now() + 20_000;
      let status = (await getIntake(t.store().db, id))!.status;
      while (status !== 'done' && status !== 'failed' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await getIntake(t.store().db, id))!.status;
      }
      expect(status).toBe('done');
    } finally {
      await server.stop();
    }
  });
});
