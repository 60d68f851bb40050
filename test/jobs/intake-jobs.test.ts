// The intake pipeline run by the background queue on each database: accepted files end done with text,
// provenance and analysis, or failed with a code and a Chinese message — never lost, never stuck.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { productsFromCsv } from '../../src/catalog/catalog-csv.js';
import { upsertProducts } from '../../src/catalog/catalog-repository.js';
import { FileStore, sha256Of } from '../../src/intake/file-store.js';
import { claimIntake, getIntake } from '../../src/intake/intake-repository.js';
import type { IntakeDeps } from '../../src/intake/intake-service.js';
import { locateMostSpecific } from '../../src/intake/provenance.js';
import { IntakeJobs } from '../../src/jobs/intake-jobs.js';
import { withIntakeTables } from '../../src/jobs/job-tables.js';
import { PgBossJobQueue } from '../../src/jobs/pgboss-queue.js';
import { TableJobQueue } from '../../src/jobs/table-queue.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { openStore, type Store } from '../../src/store/connect.js';
import * as f from '../intake/fixtures.js';
import { describeEachDatabase } from '../support/databases.js';
import { gbk } from '../support/gbk.js';

const until = async (check: () => Promise<boolean>, ms = 30_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached in time');
};

/** The company's catalogue: items are recognised against it, as in production. */
async function seedCatalog(store: Store): Promise<void> {
  const csv = fs.readFileSync(path.resolve('test/fixtures/dev-corpus/catalog.csv'), 'utf8');
  await upsertProducts(store.db, SYSTEM_ACTORS.cli, productsFromCsv(csv));
}

describeEachDatabase('intake jobs', (db) => {
  let dir: string;
  let deps: IntakeDeps;
  let jobs: IntakeJobs;
  const finished = async (id: string) => {
    await until(async () => ['done', 'failed'].includes((await getIntake(db.store().db, id))?.status ?? ''));
    return (await getIntake(db.store().db, id))!;
  };

  beforeAll(async () => {
    await seedCatalog(db.store());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-intake-jobs-'));
    deps = { store: db.store(), files: new FileStore(dir), limits: { maxBytes: 200_000 } };
    jobs = new IntakeJobs(deps, {
      pollMs: 20,
      retryDelayMs: 0,
      expireInSeconds: 2,
      maintenanceIntervalSeconds: 1,
    });
    await jobs.start();
  });
  afterAll(async () => {
    await jobs.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('analyses pasted text and traces a quantity back to its line', async () => {
    const text = '周经理您好：\n请报价 6061-T6 控制臂支架 共 5000 件，12月15日前交货到苏州工厂。\n谢谢！';
    const id = await jobs.submit({ text, channel: 'wechat', refDate: '2026-11-28' });
    const r = await finished(id);
    expect(r.status).toBe('done');
    expect(r.channel).toBe('wechat');
    expect(r.analysis?.items[0]?.quantity).toEqual({ value: 5000, unit: '件' });
    const span = r.analysis!.items[0]!.span;
    expect(locateMostSpecific(r.provenance!, span)?.source).toMatchObject({ kind: 'line', line: 2 });
  });

  it('reads an .xlsx order grid as items and points a quantity at its cell', async () => {
    const id = await jobs.submit({
      bytes: await f.orderXlsx(),
      fileName: '订单.xlsx',
      refDate: '2026-03-11',
    });
    const r = await finished(id);
    expect(r.status).toBe('done');
    expect(r.mediaType).toContain('spreadsheetml');
    const qty = r.text!.indexOf('800套');
    expect(qty).toBeGreaterThan(0);
    expect(locateMostSpecific(r.provenance!, qty)?.source).toMatchObject({
      kind: 'table-cell',
      sheet: '订单明细',
      row: 5,
      column: '订购数量',
    });
    // The catalogue product of the grid comes out as an item whose span lies in its own row.
    const bracket = r.analysis?.items.find((i) => i.quantity?.value === 5000);
    expect(bracket?.quantity).toEqual({ value: 5000, unit: '件' });
    expect(locateMostSpecific(r.provenance!, bracket!.span)?.source).toMatchObject({
      sheet: '订单明细',
      row: 4,
    });
  });

  it('decodes a GBK text file and processes an e-mail with its Word attachment', async () => {
    const gbkId = await jobs.submit({
      bytes: gbk('凯途汽车：转向节 HR-ZXJ-6061-11 订购 1200 件，4月30日交货。'),
      fileName: 'order.txt',
      refDate: '2026-03-11',
    });
    const mailId = await jobs.submit({ bytes: f.orderEmail(), fileName: 'reply.eml', refDate: '2026-03-11' });
    const gbkRecord = await finished(gbkId);
    expect(gbkRecord.status).toBe('done');
    expect(gbkRecord.text).toContain('转向节 HR-ZXJ-6061-11 订购 1200 件');

    const mail = await finished(mailId);
    expect(mail.channel).toBe('email');
    expect(mail.text).toContain('控制臂支架 HR-KZB-6082-02 数量改为 6000 件');
    const inDocx = mail.text!.indexOf('转向节');
    expect(locateMostSpecific(mail.provenance!, inDocx)?.source).toMatchObject({
      kind: 'table-cell',
      attachmentPath: ['采购订单.docx'],
    });
  });

  it('fails empty, corrupted and oversized files with a clear code and keeps every original', async () => {
    const truncated = f.orderDocx().slice(0, 300);
    const oversized = new TextEncoder().encode('订单 '.repeat(60_000));
    const cases = [
      { bytes: new Uint8Array(0), fileName: 'empty.txt', code: 'empty', zh: '文件为空' },
      { bytes: truncated, fileName: 'order.docx', code: 'corrupted', zh: '已损坏' },
      { bytes: oversized, fileName: 'big.txt', code: 'oversized', zh: '超出处理上限' },
    ];
    for (const c of cases) {
      const id = await jobs.submit({ bytes: c.bytes, fileName: c.fileName });
      const r = await finished(id);
      expect(r.status, c.fileName).toBe('failed');
      expect(r.error?.code, c.fileName).toBe(c.code);
      expect(r.error?.message, c.fileName).toContain(c.zh);
      expect(r.fileName).toBe(c.fileName);
      const kept = await deps.files.get(sha256Of(c.bytes));
      expect(kept.equals(Buffer.from(c.bytes))).toBe(true);
    }
  });
});

describeEachDatabase('intake jobs after a crash', (db) => {
  it('finishes a record whose worker died in the middle of it', async () => {
    await seedCatalog(db.store());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-intake-crash-'));
    try {
      // The first process accepts the upload, starts it and dies before writing any result.
      const first = await openStore(db.config);
      const firstDeps: IntakeDeps = { store: first, files: new FileStore(dir) };
      const hung = new IntakeJobs(firstDeps, {}, new TableJobQueue(first.db, { pollMs: 20 }));
      const id = await hung.submit({ text: '请报价 转向节 1200 件，月底交货。', refDate: '2026-11-28' });
      let release!: () => void;
      await hung.queue.start({ 'intake-process': () => new Promise<void>((r) => (release = r)) });
      await until(async () => {
        const row = await withIntakeTables(db.store().db)
          .selectFrom('job_queue')
          .select('status')
          .where('payload', 'like', `%${id}%`)
          .executeTakeFirst();
        return row?.status === 'processing';
      });
      await first.close();

      const deps: IntakeDeps = { store: db.store(), files: new FileStore(dir) };
      const restarted = new IntakeJobs(deps, {}, new TableJobQueue(db.store().db, { pollMs: 20 }));
      await restarted.start();
      await until(async () => (await getIntake(db.store().db, id))?.status === 'done');
      await restarted.stop();
      release();
      await hung.stop();
      const r = await getIntake(db.store().db, id);
      expect(r?.analysis?.items[0]?.quantity).toEqual({ value: 1200, unit: '件' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeEachDatabase('intake jobs on pg-boss after a worker was killed', (db) => {
  it.runIf(db.dialect === 'postgres')(
    'retries the job once its lease lapses and finishes the record exactly once',
    async () => {
      await seedCatalog(db.store());
      const url = (db.config as { url: string }).url;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-intake-pgcrash-'));
      const lease = { expireInSeconds: 2, maintenanceIntervalSeconds: 1, pollMs: 500, retryDelayMs: 0 };
      const deps: IntakeDeps = { store: db.store(), files: new FileStore(dir) };
      try {
        // The first server takes the job, marks the record processing and is killed before any result.
        const dying = new PgBossJobQueue(url, lease);
        const first = new IntakeJobs(deps, {}, dying);
        const id = await first.submit({
          text: '请报价 转向节 HR-ZXJ-6061-11 共 1200 件，月底交货。',
          refDate: '2026-11-28',
        });
        let taken = false;
        await dying.start({
          'intake-process': async (payload) => {
            await claimIntake(db.store().db, payload.intakeId as string);
            taken = true;
            await new Promise<never>(() => {});
          },
        });
        await until(async () => taken);
        await dying.abandon();
        expect((await getIntake(db.store().db, id))?.status).toBe('processing');

        // Another server's worker: it does not requeue what may be someone else's work; the lapsed
        // lease brings the job back to it.
        const next = new IntakeJobs(deps, lease);
        expect(next.queue).toBeInstanceOf(PgBossJobQueue);
        await next.start();
        await until(async () => (await getIntake(db.store().db, id))?.status === 'done');
        await next.stop();

        const record = await getIntake(db.store().db, id);
        expect(record?.analysis?.items[0]?.quantity).toEqual({ value: 1200, unit: '件' });
        const analyses = await db
          .store()
          .db.selectFrom('analyses')
          .select('id')
          .where('intake_id', '=', id)
          .execute();
        expect(analyses).toHaveLength(1);
        const trail = await db
          .store()
          .db.selectFrom('audit_log')
          .select('action')
          .where('entity_id', 'in', [id, analyses[0]!.id])
          .orderBy('id')
          .execute();
        expect(trail.map((r) => r.action)).toEqual([
          'intake.created',
          'analysis.created',
          'intake.processed',
        ]);
        const jobs = await sql<{ state: string; retry_count: number }>`
          select state, retry_count from pgboss.job where name = 'intake-process' and data->>'intakeId' = ${id}
        `.execute(db.store().db);
        expect(jobs.rows).toEqual([{ state: 'completed', retry_count: 1 }]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
