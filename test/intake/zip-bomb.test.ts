// Zip bombs against every place that opens a zip: generated bombs that lie about their size (a Word
// file declaring 1 KB that inflates to 1 GiB), that share one compressed block among many entries,
// or that hold too many entries. Each is refused by what inflating really produces, with the file
// named: 422 problem+json at upload (nothing stored, nothing queued), a record error or an attachment
// warning during processing, 400 on a catalogue import. The Word file still opens when it is honest.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { extractAny } from '../../src/intake/extract.js';
import { FileStore } from '../../src/intake/file-store.js';
import { IntakeError } from '../../src/intake/intake-errors.js';
import { IntakeJobs } from '../../src/jobs/intake-jobs.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { multipartFile } from '../rules/store-support.js';
import { asBrowser, login, testConfig } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { snapshot } from '../support/snapshot.js';
import * as f from './fixtures.js';

interface Entry {
  name: string;
  /** Raw deflate data. */
  deflated: Buffer;
  /** What the directory claims the entry inflates to. */
  declaredSize: number;
  crc?: number;
}

/**
 * A zip whose entries carry the given deflated data and declared sizes. With `copies`, the last
 * entry's data is written once and named by that many more directory entries (an overlapping bomb).
 */
function buildZip(entries: Entry[], copies = 0): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let lastOffset = 0;
  const directoryEntry = (e: Entry, at: number, name: Buffer) => {
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(e.crc ?? 0, 16);
    ch.writeUInt32LE(e.deflated.length, 20);
    ch.writeUInt32LE(e.declaredSize, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(at, 42);
    central.push(ch, name);
  };
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(e.crc ?? 0, 14);
    lh.writeUInt32LE(e.deflated.length, 18);
    lh.writeUInt32LE(e.declaredSize, 22);
    lh.writeUInt16LE(name.length, 26);
    local.push(lh, name, e.deflated);
    directoryEntry(e, offset, name);
    lastOffset = offset;
    offset += 30 + name.length + e.deflated.length;
  }
  const last = entries.at(-1)!;
  for (let i = 0; i < copies; i++) directoryEntry(last, lastOffset, Buffer.from(`${last.name}.${i}`));
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  const count = entries.length + copies;
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

/** Raw deflate of `size` zero bytes, made a mebibyte at a time so the test never holds them. */
async function deflatedZeros(size: number): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflater.on('end', resolve));
  const block = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; written += block.length) {
    if (!deflater.write(block.subarray(0, Math.min(block.length, size - written)))) {
      await new Promise((r) => deflater.once('drain', r));
    }
  }
  deflater.end();
  await done;
  return Buffer.concat(out);
}

const CONTENT_TYPES = { name: '[Content_Types].xml', deflated: deflateRawSync('<Types/>'), declaredSize: 8 };

/** A .docx whose document inflates to 1 GiB of zeros while declaring 1 KB. */
async function understatedWordBomb(): Promise<Buffer> {
  return buildZip([
    CONTENT_TYPES,
    { name: 'word/document.xml', deflated: await deflatedZeros(1024 ** 3), declaredSize: 1024 },
  ]);
}

/** Text that compresses about 1.3 : 1, so only the total can stop it. */
function incompressible(size: number): Buffer {
  let seed = 7;
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[i] = 0x41 + (seed % 26);
  }
  return out;
}

async function refusal(bytes: Uint8Array, fileName: string, limits = {}): Promise<IntakeError> {
  const err = await extractAny(bytes, { fileName }, limits).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(IntakeError);
  return err as IntakeError;
}

describe('zip guard: sizes counted while inflating', () => {
  it('refuses a Word file that declares 1 KB and inflates to 1 GiB, naming it', async () => {
    const bomb = await understatedWordBomb();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const err = await refusal(bomb, '采购订单-炸弹.docx');
    expect(err.code).toBe('oversized');
    expect(err.detail).toMatchObject({ file: '采购订单-炸弹.docx', limit: 'compressionRatio' });
    expect(err.messageZh).toContain('采购订单-炸弹.docx');
    expect(err.messageEn).toMatch(/"采购订单-炸弹\.docx" .*zip bomb/);
  });

  it('refuses by the total it really inflates to when the ratio is modest', async () => {
    const text = incompressible(3_000_000);
    const bomb = buildZip([
      CONTENT_TYPES,
      { name: 'word/document.xml', deflated: deflateRawSync(text), declaredSize: 100, crc: crc32(text) },
    ]);
    const err = await refusal(bomb, 'long.docx', { maxUncompressedBytes: 2_000_000 });
    expect(err.detail).toMatchObject({ file: 'long.docx', limit: 'uncompressedBytes', max: 2_000_000 });
  });

  it('refuses entries that share one compressed block (overlapping bomb) by their total', async () => {
    const kernel = incompressible(400_000);
    const bomb = buildZip(
      [
        { name: 'xl/workbook.xml', deflated: deflateRawSync('<workbook/>'), declaredSize: 11 },
        { name: 'xl/sharedStrings.xml', deflated: deflateRawSync(kernel), declaredSize: kernel.length },
      ],
      60,
    );
    expect(bomb.length).toBeLessThan(400_000);
    const err = await refusal(bomb, 'po.xlsx', { maxUncompressedBytes: 10_000_000 });
    expect(err.detail).toMatchObject({ file: 'po.xlsx', limit: 'uncompressedBytes', max: 10_000_000 });
  });

  it('refuses more entries than the limit', async () => {
    const entries = Array.from({ length: 5_001 }, (_, i) => ({
      name: `word/media/p${i}.xml`,
      deflated: deflateRawSync('x'),
      declaredSize: 1,
    }));
    const err = await refusal(
      buildZip([...entries, { ...CONTENT_TYPES, name: 'word/document.xml' }]),
      'many.docx',
    );
    expect(err.detail).toMatchObject({ file: 'many.docx', limit: 'zipEntries', max: 5_000 });
  });

  it('refuses a size that differs from the declared one even within the limits', async () => {
    const doc = f.docx({ paragraphs: ['订单'] });
    const honest = await extractAny(doc, { fileName: 'ok.docx' });
    expect(honest.text).toContain('订单');
    const small = buildZip([
      CONTENT_TYPES,
      { name: 'word/document.xml', deflated: deflateRawSync(incompressible(5000)), declaredSize: 10 },
    ]);
    const err = await refusal(small, 'lies.docx');
    expect(err.code).toBe('corrupted');
    expect(JSON.stringify(err.detail)).toMatch(/declares 10 bytes but inflates to 5000/);
  });

  it('names a bomb attached to an e-mail and still reads the message', async () => {
    const mail = f.orderEmail({
      attachments: [
        {
          name: '附件-炸弹.docx',
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          data: new Uint8Array(await understatedWordBomb()),
        },
      ],
    });
    const result = await extractAny(mail, { fileName: 'reply.eml' });
    expect(result.text).toContain('控制臂支架');
    expect(result.warnings.join('\n')).toMatch(/附件-炸弹\.docx.*zip bomb/s);
  });
});

describeEachDatabase('zip bombs refused at upload', (t) => {
  let app: App;
  let cookie = '';
  let dataDir = '';
  let uploadDir = '';

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-bomb-'));
    const config = testConfig({ SHIXU_DATA_DIR: dataDir });
    uploadDir = config.uploadDir;
    const intake = new IntakeJobs({ store: t.store(), files: new FileStore(uploadDir) }, { pollMs: 50 });
    app = asBrowser(await buildApp({ config, store: t.store(), intake }));
    await createUser(
      t.store().db,
      { username: 'bomb-sales', password: 'bomb-squad-2026', department: 'sales' },
      SYSTEM_ACTORS.cli,
    );
    cookie = await login(app, 'bomb-sales', 'bomb-squad-2026');
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (url: string, fileName: string, bytes: Buffer) => {
    const body = multipartFile('file', fileName, bytes, 'application/octet-stream');
    return app.inject({ method: 'POST', url, headers: { cookie, ...body.headers }, payload: body.payload });
  };
  const stored = () => (fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir, { recursive: true }).length : 0);

  it('answers 422 naming the file; nothing stored, queued or audited', async () => {
    const bombs: [string, Buffer, string][] = [
      ['采购订单-炸弹.docx', await understatedWordBomb(), 'compressionRatio'],
      [
        'many.xlsx',
        buildZip(
          Array.from({ length: 5_001 }, (_, i) => ({
            name: `xl/p${i}.xml`,
            deflated: deflateRawSync('x'),
            declaredSize: 1,
          })),
        ),
        'zipEntries',
      ],
    ];
    for (const [name, bytes, limit] of bombs) {
      const before = await snapshot(t.store());
      const res = await upload('/api/intake', name, bytes);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'UNSAFE_ARCHIVE', file: name, limit });
      expect(res.json().detail).toContain(name);
      expect(res.json().errors[0]).toMatchObject({ in: 'body', path: '/file' });
      expect(await snapshot(t.store())).toEqual(before);
      expect(stored()).toBe(0);
    }
  });

  it('refuses a bomb in a catalogue import with a 400 naming it, writing nothing', async () => {
    await createUser(
      t.store().db,
      { username: 'bomb-tech', password: 'bomb-squad-2027', department: 'technical' },
      SYSTEM_ACTORS.cli,
    );
    const techCookie = await login(app, 'bomb-tech', 'bomb-squad-2027');
    const before = await snapshot(t.store());
    const bomb = buildZip([
      { name: 'xl/workbook.xml', deflated: deflateRawSync('<workbook/>'), declaredSize: 11 },
      {
        name: 'xl/worksheets/sheet1.xml',
        deflated: await deflatedZeros(256 * 1024 ** 2),
        declaredSize: 4096,
      },
    ]);
    const body = multipartFile('file', 'catalog-炸弹.xlsx', bomb, 'application/octet-stream');
    const res = await app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      headers: { cookie: techCookie, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().detail).toMatch(/catalog-炸弹\.xlsx.*zip bomb/);
    const after = await snapshot(t.store());
    expect(after.products).toEqual(before.products);
  });
});
