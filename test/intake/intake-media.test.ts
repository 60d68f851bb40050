// The whole path a user takes with a photo or a recording: upload over HTTP, the background job runs
// OCR or speech-to-text with the engines the server was configured with, and the record ends with
// text whose pieces point at OCR boxes or audio times, analysed like any message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { createEngines, type Engines, engineConfigFromEnv } from '../../src/intake/engines.js';
import { FileStore } from '../../src/intake/file-store.js';
import { renderOrderSheet } from '../../src/intake/ocr/synthetic-page.js';
import { IntakeJobs } from '../../src/jobs/intake-jobs.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { multipartFile } from '../rules/store-support.js';
import { login, testConfig } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { waitForIntake } from '../support/intake.js';
import * as f from './fixtures.js';

const asrFixtures = path.resolve('test/fixtures/asr');
const recording = fs.readFileSync(path.join(asrFixtures, 'asr-zh-sample-aishell/BAC009S0764W0121.wav'));

describeEachDatabase('intake of photos and recordings', (t) => {
  let app: App;
  let engines: Engines;
  let dataDir: string;
  let cookie: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-media-'));
    const config = testConfig({ SHIXU_DATA_DIR: dataDir });
    engines = createEngines(
      engineConfigFromEnv({
        SHIXU_OCR_WORKERS: '1',
        SHIXU_ASR_ENGINE: 'pocketsphinx',
        SHIXU_ASR_MODEL_DIR: path.join(asrFixtures, 'asr-zh-pocketsphinx'),
      }),
    );
    const intake = new IntakeJobs(
      { store: t.store(), files: new FileStore(config.uploadDir), engines, limits: { timeoutMs: 300_000 } },
      { pollMs: 50 },
    );
    app = await buildApp({ config, store: t.store(), intake });
    await intake.start();
    await createUser(
      t.store().db,
      { username: 'media-sales', password: 'pw-media-123', department: 'sales' },
      SYSTEM_ACTORS.cli,
    );
    cookie = await login(app, 'media-sales', 'pw-media-123');
  });
  afterAll(async () => {
    await app?.close();
    await engines?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function upload(fileName: string, bytes: Uint8Array) {
    const body = multipartFile('file', fileName, Buffer.from(bytes), 'application/octet-stream');
    const res = await app.inject({
      method: 'POST',
      url: '/api/intake',
      headers: { cookie, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id as string;
    await waitForIntake(t.store().db, id, 240_000);
    const detail = await app.inject({ method: 'GET', url: `/api/intake/${id}`, headers: { cookie } });
    return detail.json();
  }

  it('reads a photographed order sheet: items found, each quantity traced to its OCR box', async () => {
    const page = await renderOrderSheet(3, 150);
    const r = await upload('order-photo.png', page.png);
    expect(r.status, JSON.stringify(r.error)).toBe('done');
    const firstRow = page.table[1] ?? [];
    expect(r.text).toContain(firstRow[1]);
    expect(r.analysis.items.length).toBeGreaterThanOrEqual(3);
    const qty = firstRow[3] ?? '∅';
    const at = r.text.indexOf(qty);
    expect(at).toBeGreaterThanOrEqual(0);
    const source = r.provenance.find(
      (s: { start: number; end: number; source: { kind: string } }) =>
        s.source.kind === 'ocr-box' && s.start <= at && s.end > at,
    )?.source;
    expect(source).toMatchObject({ kind: 'ocr-box', file: 'order-photo.png' });
  }, 300_000);

  it('reads an e-mail whose attachments are a Word order and a photographed order sheet', async () => {
    const page = await renderOrderSheet(5, 150);
    const mail = f.orderEmail({
      attachments: [
        {
          name: '采购订单.docx',
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          data: f.orderDocx(),
        },
        { name: '订单照片.png', type: 'image/png', data: new Uint8Array(page.png) },
      ],
    });
    const r = await upload('reply.eml', mail);
    expect(r.status, JSON.stringify(r.error)).toBe('done');
    expect(r.channel).toBe('email');
    const photoRow = page.table[2] ?? [];
    expect(r.text).toContain(`产品名称：${photoRow[1]}`);
    const at = r.text.indexOf(photoRow[3] ?? '∅', r.text.indexOf(`产品名称：${photoRow[1]}`));
    const source = r.provenance.find(
      (s: { start: number; end: number; source: { kind: string } }) =>
        s.source.kind === 'ocr-box' && s.start <= at && s.end > at,
    )?.source;
    expect(source).toMatchObject({ kind: 'ocr-box', file: '订单照片.png' });
    const products = r.analysis.items.map((i: { product: string }) => i.product);
    expect(products).toEqual(expect.arrayContaining([photoRow[1]]));
  }, 300_000);

  it('transcribes a phone recording into timed text', async () => {
    const r = await upload('call.wav', recording);
    expect(r.status, JSON.stringify(r.error)).toBe('done');
    expect(r.channel).toBe('phone_transcript');
    expect(r.text).toMatch(/[\u4e00-\u9fff]/);
    const audio = r.provenance.find((s: { source: { kind: string } }) => s.source.kind === 'audio')?.source;
    expect(audio).toMatchObject({ kind: 'audio', file: 'call.wav' });
    expect(audio.timeEndMs).toBeGreaterThan(audio.timeStartMs ?? -1);
  }, 300_000);
});
