// Intake as a signed-in user meets it over HTTP: submit pasted text or a file, get an id at once, and
// after the background worker ran, the text, its provenance and the analysis; bad files end failed
// with a clear code while the record and the original stay.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { FileStore } from '../../src/intake/file-store.js';
import { locateMostSpecific } from '../../src/intake/provenance.js';
import { IntakeJobs } from '../../src/jobs/intake-jobs.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { multipartFile, seedCorpusMasterData } from '../rules/store-support.js';
import { asBrowser, login, testConfig } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { gbk } from '../support/gbk.js';
import { waitForIntake } from '../support/intake.js';
import * as f from './fixtures.js';

const ORDER =
  '江苏恒驰汽车零部件有限公司采购部：请报价 6061-T6 控制臂支架 MP-202 共 5000 件，12月15日前交货，含税单价请注明。要求提供材质证明。';

describeEachDatabase('intake API', (t) => {
  let app: App;
  let intake: IntakeJobs;
  let dataDir: string;
  let cookie: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-intake-'));
    const config = testConfig({ SHIXU_DATA_DIR: dataDir });
    await seedCorpusMasterData(t.store());
    // The queue is worked here as serve.ts does; the app closes it.
    intake = new IntakeJobs({ store: t.store(), files: new FileStore(config.uploadDir) }, { pollMs: 50 });
    app = asBrowser(await buildApp({ config, store: t.store(), intake }));
    await createUser(
      t.store().db,
      { username: 'intake-sales', password: 'pw-sales-123', department: 'sales' },
      SYSTEM_ACTORS.cli,
    );
    cookie = await login(app, 'intake-sales', 'pw-sales-123');
    await intake.start();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function upload(fileName: string, bytes: Uint8Array | string, extra = '') {
    const body = multipartFile('file', fileName, Buffer.from(bytes), 'application/octet-stream');
    const res = await app.inject({
      method: 'POST',
      url: `/api/intake${extra}`,
      headers: { cookie, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(202);
    return res.json().id as string;
  }

  async function finished(id: string) {
    await waitForIntake(t.store().db, id);
    const res = await app.inject({ method: 'GET', url: `/api/intake/${id}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  it('accepts pasted text at once and then shows the analysis with items and requirements', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/intake',
      headers: { cookie },
      payload: { text: ORDER, channel: 'wechat', refDate: '2026-11-28' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued' });
    const r = await finished(res.json().id);
    expect(r).toMatchObject({ status: 'done', error: null, channel: 'wechat', mediaType: 'text/plain' });
    expect(r.text).toContain('控制臂支架');
    expect(r.analysis.items.length).toBeGreaterThan(0);
    expect(r.analysis.items[0]).toMatchObject({ quantity: { value: 5000 } });
    expect(r.analysis.requirements.length).toBeGreaterThan(0);
    expect(r.analysis.contract.class).not.toBeNull();
    // Requirements are stored as rows too, pointing into the text.
    const rows = await t
      .store()
      .db.selectFrom('requirements')
      .innerJoin('analyses', 'analyses.id', 'requirements.analysis_id')
      .select(['requirements.text', 'requirements.span_start', 'requirements.span_end'])
      .where('analyses.intake_id', '=', res.json().id)
      .execute();
    expect(rows).toHaveLength(r.analysis.requirements.length);
    expect(r.text.slice(rows[0]!.span_start!, rows[0]!.span_end!)).toBe(rows[0]!.text);
  });

  it('turns an .xlsx order grid into items whose quantity traces back to its cell', async () => {
    const id = await upload('订单.xlsx', await f.orderXlsx());
    const r = await finished(id);
    expect(r.status).toBe('done');
    expect(r.mediaType).toContain('spreadsheetml');
    const products = r.analysis.items.map((i: { product: string }) => i.product).join(' ');
    expect(products).toContain('控制臂支架');
    const item = r.analysis.items.find(
      (i: { quantity: { value: number } | null }) => i.quantity?.value === 5000,
    );
    expect(item).toBeDefined();
    const at = r.text.indexOf('5000', item.span.start);
    // The most specific source of the quantity: the cell, not the sheet around it.
    const cell = locateMostSpecific(r.provenance, at);
    expect(cell?.source).toMatchObject({ kind: 'table-cell', sheet: '订单明细', row: 4, column: '订购数量' });
  });

  it('reads a GBK text file without mojibake and finds its items', async () => {
    const id = await upload('询价.txt', gbk(ORDER));
    const r = await finished(id);
    expect(r.status).toBe('done');
    expect(r.text).toContain('江苏恒驰汽车零部件有限公司');
    expect(r.analysis.items[0]).toMatchObject({ quantity: { value: 5000 } });
    expect(r.provenance[0].source).toMatchObject({ kind: 'line', file: '询价.txt', line: 1 });
  });

  it('keeps an image upload as failed with a message about OCR, and retries on request', async () => {
    const id = await upload('photo.png', f.png());
    const r = await finished(id);
    expect(r).toMatchObject({ status: 'failed', error: { code: 'unsupported' } });
    expect(r.error.message).toContain('OCR');
    // The original is kept and the failed record listed (a damaged PDF is refused at upload instead:
    // intake-refusals.test.ts).
    const file = await app.inject({ method: 'GET', url: `/api/intake/${id}/file`, headers: { cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('photo.png');
    const failed = await app.inject({ method: 'GET', url: '/api/intake?status=failed', headers: { cookie } });
    expect(failed.json().items.map((i: { id: string }) => i.id)).toContain(id);
    const retry = await app.inject({ method: 'POST', url: `/api/intake/${id}/retry`, headers: { cookie } });
    expect(retry.statusCode).toBe(202);
    expect((await finished(id)).status).toBe('failed');
    const missing = await app.inject({ method: 'POST', url: '/api/intake/nope/retry', headers: { cookie } });
    expect(missing.statusCode).toBe(404);
  });

  it('lists records filtered by channel and text, newest first and paged', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/intake?channel=wechat&q=${encodeURIComponent('恒驰')}`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ channel: 'wechat', status: 'done', fileName: null });
    expect(body.items[0].intent).toBeTruthy();
    expect(body.items[0].contractClass).toBeTruthy();
    const page = await app.inject({
      method: 'GET',
      url: '/api/intake?pageSize=2&page=2',
      headers: { cookie },
    });
    expect(page.json().items).toHaveLength(2);
    expect(page.json().total).toBeGreaterThanOrEqual(4);
  });

  it('takes the channel and customer sent with a file, and a retry adds a new analysis version', async () => {
    const boundary = '----shixuIntakeTest';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="channel"\r\n\r\npurchase_order\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="customerName"\r\n\r\n凯途汽车\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="po.docx"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(f.orderDocx()),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/intake',
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id;
    const r = await finished(id);
    expect(r).toMatchObject({ status: 'done', channel: 'purchase_order', fileName: 'po.docx' });
    const rowsOf = () =>
      t
        .store()
        .db.selectFrom('requirements')
        .innerJoin('analyses', 'analyses.id', 'requirements.analysis_id')
        .select('requirements.id')
        .where('analyses.intake_id', '=', id)
        .where('analyses.superseded_at', 'is', null)
        .execute();
    const before = (await rowsOf()).length;
    expect(before).toBe(r.analysis.requirements.length);
    const retry = await app.inject({ method: 'POST', url: `/api/intake/${id}/retry`, headers: { cookie } });
    expect(retry.statusCode).toBe(202);
    expect((await finished(id)).status).toBe('done');
    expect((await rowsOf()).length).toBe(before);
    const analyses = await t
      .store()
      .db.selectFrom('analyses')
      .select(['id', 'version', 'superseded_at'])
      .where('intake_id', '=', id)
      .orderBy('version')
      .execute();
    expect(analyses.map((a) => [Number(a.version), a.superseded_at === null])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('rejects a request without text and anonymous callers', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/intake', headers: { cookie }, payload: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('/text');
    const anon = await app.inject({ method: 'GET', url: '/api/intake' });
    expect(anon.statusCode).toBe(401);
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/intake',
        '/api/intake/{id}',
        '/api/intake/{id}/file',
        '/api/intake/{id}/retry',
      ]),
    );
  });
});
