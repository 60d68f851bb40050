// The whole path a user takes with a photo or a recording: upload over HTTP, the background job runs
// OCR or speech-to-text with the engines the server was configured with, and the record ends with
// text whose pieces point at OCR boxes or audio times, analysed like any message.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderOrderSheet } from '../../src/intake/ocr/synthetic-page.js';
import { describeEachDatabase } from '../support/databases.js';
import { type IntakeServer, startIntakeServer, waitForIntake } from '../support/intake.js';
import * as f from './fixtures.js';

const asrFixtures = path.resolve('test/fixtures/asr');
const recording = fs.readFileSync(path.join(asrFixtures, 'asr-zh-sample-aishell/BAC009S0764W0121.wav'));

describeEachDatabase('intake of photos and recordings', (t) => {
  let server: IntakeServer;

  beforeAll(async () => {
    server = await startIntakeServer(
      t.store(),
      {
        SHIXU_OCR_WORKERS: '1',
        SHIXU_ASR_ENGINE: 'pocketsphinx',
        SHIXU_ASR_MODEL_DIR: path.join(asrFixtures, 'asr-zh-pocketsphinx'),
      },
      'media',
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  async function upload(fileName: string, bytes: Uint8Array) {
    const id = await server.upload(fileName, bytes);
    await waitForIntake(t.store().db, id, 240_000);
    const detail = await server.app.inject({
      method: 'GET',
      url: `/api/intake/${id}`,
      headers: { cookie: server.cookie },
    });
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
