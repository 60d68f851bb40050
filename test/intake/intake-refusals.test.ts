// Intake refuses at the door what it cannot read, over HTTP as a browser sends it: a program, an archive,
// a zip that is no Office document, a damaged Office file or PDF, an empty file, text that is mostly
// garbage. Each answer is a problem naming the file and the reason in Chinese and English, and nothing is
// stored, queued, analysed or listed. Old Word (.doc) and WPS Writer (.wps) files are read through
// catdoc, old Excel (.xls) and WPS Spreadsheets (.et) workbooks through its xls2csv.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { extractAny } from '../../src/intake/extract.js';
import { FileStore } from '../../src/intake/file-store.js';
import { IntakeError } from '../../src/intake/intake-errors.js';
import { IntakeJobs } from '../../src/jobs/intake-jobs.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { multipartFile, seedCorpusMasterData } from '../rules/store-support.js';
import { asBrowser, login, testConfig } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { waitForIntake } from '../support/intake.js';
import { word97Doc } from '../support/word97.js';
import * as f from './fixtures.js';

/** A real Excel 97 workbook (test/fixtures/xls/make-order-xls.py): an order sheet and a notes sheet. */
const ORDER_XLS = new Uint8Array(fs.readFileSync(new URL('../fixtures/xls/order.xls', import.meta.url)));

const ORDER_LINES =
  '江苏恒驰汽车零部件有限公司采购部：\n请报价 6061-T6 控制臂支架 MP-202 共 5000 件，12月15日前交货。\n要求提供材质证明 (CoC)。';

/** A Windows program's first bytes: the DOS header ("MZ", NUL padding, the offset of "PE\0\0"). */
function windowsProgram(): Uint8Array {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt16LE(0x90, 2);
  b.writeUInt32LE(0x80, 0x3c);
  b.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

/** The start of a Linux program: the ELF header of a 64-bit little-endian executable. */
function linuxProgram(): Uint8Array {
  const b = Buffer.alloc(256);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(b);
  b.writeUInt16LE(2, 16); // ET_EXEC
  b.writeUInt16LE(0x3e, 18); // x86-64
  return b;
}

/** Text a broken export produces: mostly replacement characters around a few readable words. */
function garbledText(): Uint8Array {
  return new TextEncoder().encode(`订单 ${'\uFFFD'.repeat(300)} 5000`);
}

function withoutCatdoc<T>(run: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-nopath-'));
  process.env.PATH = empty;
  return run().finally(() => {
    process.env.PATH = saved;
    fs.rmSync(empty, { recursive: true, force: true });
  });
}

describe('.doc and .wps extraction', () => {
  it('reads the text of a Word 97 file, line by line with provenance, as .doc and as .wps', async () => {
    const doc = word97Doc(ORDER_LINES);
    for (const name of ['询价.doc', '询价.wps']) {
      const r = await extractAny(doc, { fileName: name });
      expect(r.mediaType).toBe('application/msword');
      expect(r.text).toContain('控制臂支架 MP-202 共 5000 件');
      expect(r.text.split('\n')).toHaveLength(3);
      const at = r.text.indexOf('要求提供材质证明');
      const seg = r.provenance.find((p) => p.start <= at && at < p.end);
      expect(seg?.source).toMatchObject({ kind: 'line', line: 3, file: name });
    }
  });

  it('reports a cut-off .doc as corrupted without running the reader on it', async () => {
    const doc = word97Doc(ORDER_LINES);
    const err = await extractAny(doc.subarray(0, 3000), { fileName: 'a.doc' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntakeError);
    expect(err).toMatchObject({ code: 'corrupted' });
  });

  it('says what to install when catdoc is missing', async () => {
    const err = await withoutCatdoc(() =>
      extractAny(word97Doc(ORDER_LINES), { fileName: 'a.wps' }).catch((e: unknown) => e),
    );
    expect(err).toMatchObject({ code: 'unsupported' });
    expect((err as IntakeError).messageZh).toContain('apt-get install catdoc');
    expect((err as IntakeError).messageEn).toContain('apt-get install catdoc');
    expect((err as IntakeError).messageZh).toContain('WPS');
  });
});

describe('.xls and .et extraction', () => {
  it('reads every sheet of an Excel 97 workbook as order lines, dates as the sheet shows them', async () => {
    for (const name of ['订单.xls', '订单.et']) {
      const r = await extractAny(ORDER_XLS, { fileName: name });
      expect(r.mediaType).toBe('application/vnd.ms-excel');
      expect(r.text).toContain('【工作表：订单】');
      expect(r.text).toContain('【工作表：备注】');
      expect(r.text).toContain('品名：控制臂支架；规格型号：MP-202；数量：5000件');
      // xls2csv alone prints the first as its day number (46371) and the second four years late.
      expect(r.text).toContain('交货日期：2026-12-15');
      expect(r.text).toContain('下单日期：2026-11-02');
      expect(r.text).toContain('包装：防潮');
      const at = r.text.indexOf('5000');
      const cells = r.provenance.filter((p) => p.start <= at && at < p.end && p.source.kind === 'table-cell');
      expect(cells[0]?.source).toMatchObject({ sheet: '订单', column: '数量', file: name });
    }
  });

  it('reports a cut-off workbook as corrupted without running the reader on it', async () => {
    const err = await extractAny(ORDER_XLS.subarray(0, 2000), { fileName: 'a.xls' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'corrupted' });
  });

  it('says what to install when xls2csv is missing', async () => {
    const err = await withoutCatdoc(() =>
      extractAny(ORDER_XLS, { fileName: '报价.et' }).catch((e: unknown) => e),
    );
    expect(err).toMatchObject({ code: 'unsupported' });
    expect((err as IntakeError).messageZh).toContain('xls2csv');
    expect((err as IntakeError).messageZh).toContain('apt-get install catdoc');
    expect((err as IntakeError).messageZh).toContain('WPS 表格');
    expect((err as IntakeError).messageEn).toContain('apt-get install catdoc');
  });
});

describeEachDatabase('intake refusals over HTTP', (t) => {
  let app: App;
  let dataDir: string;
  let uploadDir: string;
  let cookie: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-refusals-'));
    const config = testConfig({ SHIXU_DATA_DIR: dataDir });
    uploadDir = config.uploadDir;
    await seedCorpusMasterData(t.store());
    const intake = new IntakeJobs({ store: t.store(), files: new FileStore(uploadDir) }, { pollMs: 50 });
    app = asBrowser(await buildApp({ config, store: t.store(), intake }));
    await createUser(
      t.store().db,
      { username: 'refusal-sales', password: 'pw-sales-123', department: 'sales' },
      SYSTEM_ACTORS.cli,
    );
    cookie = await login(app, 'refusal-sales', 'pw-sales-123');
    await intake.start();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const send = (fileName: string, bytes: Uint8Array) => {
    const body = multipartFile('file', fileName, Buffer.from(bytes), 'application/octet-stream');
    return app.inject({
      method: 'POST',
      url: '/api/intake',
      headers: { cookie, ...body.headers },
      payload: body.payload,
    });
  };
  const storedFiles = () =>
    fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir, { recursive: true }).length : 0;
  const recordCount = async () =>
    Number(
      (
        await t
          .store()
          .db.selectFrom('intake_records')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses programs, archives, damaged and empty files and garbage, naming file and reason', async () => {
    const docx = f.orderDocx();
    const pdf = await f.twoPagePdf();
    const cases: [string, Uint8Array, number, string, RegExp, RegExp][] = [
      ['setup.exe', windowsProgram(), 415, 'unsupported', /可执行程序/, /a program/],
      ['报价工具', linuxProgram(), 415, 'unsupported', /可执行程序/, /a program/],
      [
        '资料.zip',
        f.zip([{ name: 'readme.txt', data: 'hello' }]),
        415,
        'unsupported',
        /不含 Office 文档/,
        /no Office document/,
      ],
      [
        '合同.rar',
        Buffer.from('Rar!\x1a\x07\x01\x00 and the rest', 'latin1'),
        415,
        'unsupported',
        /压缩包/,
        /archive/,
      ],
      [
        '订单.docx',
        docx.subarray(0, Math.floor(docx.length / 2)),
        422,
        'corrupted',
        /损坏|不完整/,
        /damaged/,
      ],
      ['空.txt', new Uint8Array(), 422, 'empty', /文件为空/, /empty/],
      ['乱码.txt', garbledText(), 422, 'garbled', /乱码/, /unreadable/],
      ['旧订单.doc', word97Doc(ORDER_LINES).subarray(0, 3000), 422, 'corrupted', /损坏|不完整/, /damaged/],
      ['旧报价.xls', ORDER_XLS.subarray(0, 2000), 422, 'corrupted', /Excel.*损坏/, /damaged/],
      [
        '坏的报价.pdf',
        new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage without xref'),
        422,
        'corrupted',
        /PDF 文件已损坏.*文件结构无法解析/,
        /PDF file is damaged.*structure cannot be parsed/,
      ],
      [
        '半截的报价.pdf',
        pdf.subarray(0, Math.floor(pdf.length / 2)),
        422,
        'corrupted',
        /PDF 文件已损坏.*传输中断/,
        /PDF file is damaged.*cut off/,
      ],
    ];
    const recordsBefore = await recordCount();
    const filesBefore = storedFiles();
    for (const [name, bytes, status, reason, zh, en] of cases) {
      const res = await send(name, bytes);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json();
      expect(problem).toMatchObject({
        code: status === 415 ? 'UNSUPPORTED_FILE_TYPE' : 'UNREADABLE_CONTENT',
        file: name,
        reason,
      });
      expect(problem.detailMessage.zh, name).toMatch(zh);
      expect(problem.detailMessage.zh).toContain(`“${name}”`);
      expect(problem.detailMessage.en, name).toMatch(en);
      expect(problem.detailMessage.en).toContain(`"${name}"`);
      expect(problem.detail).toBe(`${problem.detailMessage.zh} / ${problem.detailMessage.en}`);
      expect(problem.errors[0]).toMatchObject({ in: 'body', path: '/file' });
    }
    // Nothing was stored or queued, so nothing can be analysed or listed as done.
    expect(await recordCount()).toBe(recordsBefore);
    expect(storedFiles()).toBe(filesBefore);
    const listed = await app.inject({ method: 'GET', url: '/api/intake', headers: { cookie } });
    const names = listed.json().items.map((i: { fileName: string | null }) => i.fileName);
    for (const [name] of cases) expect(names).not.toContain(name);
  });

  it('refuses pasted text that is mostly replacement characters', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/intake',
      headers: { cookie },
      payload: { text: `订单 ${'\uFFFD'.repeat(100)}` },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'UNREADABLE_CONTENT', reason: 'garbled' });
    expect(res.json().errors[0].path).toBe('/text');
  });

  it('takes a .doc and a .wps in, analyses their text and keeps the originals byte for byte', async () => {
    const doc = word97Doc(ORDER_LINES);
    for (const name of ['询价单.doc', '询价单.wps']) {
      const res = await send(name, doc);
      expect(res.statusCode, res.body).toBe(202);
      const id = res.json().id as string;
      const record = await waitForIntake(t.store().db, id);
      expect(record).toMatchObject({ status: 'done', mediaType: 'application/msword', fileName: name });
      expect(record.text).toContain('控制臂支架');
      expect(record.analysis?.items[0]).toMatchObject({ quantity: { value: 5000 } });
      const file = await app.inject({ method: 'GET', url: `/api/intake/${id}/file`, headers: { cookie } });
      expect(Buffer.compare(file.rawPayload, doc)).toBe(0);
    }
  });

  it('takes an .xls and an .et in, analyses their order lines and keeps the originals byte for byte', async () => {
    for (const name of ['采购订单.xls', '采购订单.et']) {
      const res = await send(name, ORDER_XLS);
      expect(res.statusCode, res.body).toBe(202);
      const id = res.json().id as string;
      const record = await waitForIntake(t.store().db, id);
      expect(record).toMatchObject({ status: 'done', mediaType: 'application/vnd.ms-excel', fileName: name });
      expect(record.text).toContain('交货日期：2026-12-15');
      expect(record.analysis?.items[0]).toMatchObject({ quantity: { value: 5000 } });
      const file = await app.inject({ method: 'GET', url: `/api/intake/${id}/file`, headers: { cookie } });
      expect(Buffer.compare(file.rawPayload, ORDER_XLS)).toBe(0);
    }
  });

  it('takes a whole PDF in: the door opens its structure only', async () => {
    const res = await send('报价单.pdf', await f.twoPagePdf());
    expect(res.statusCode, res.body).toBe(202);
    const record = await waitForIntake(t.store().db, res.json().id as string);
    expect(record.status).toBe('done');
  });

  it('refuses an .xls with a message naming xls2csv when the reader is not installed', async () => {
    const res = await withoutCatdoc(() => send('旧报价.xls', ORDER_XLS));
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'UNSUPPORTED_FILE_TYPE',
      file: '旧报价.xls',
      reason: 'unsupported',
    });
    expect(res.json().detailMessage.zh).toContain('xls2csv');
    expect(res.json().detailMessage.en).toContain('apt-get install catdoc');
  });

  it('refuses a .doc with a message naming catdoc when the reader is not installed', async () => {
    const res = await withoutCatdoc(() => send('旧版.doc', word97Doc(ORDER_LINES)));
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'UNSUPPORTED_FILE_TYPE',
      file: '旧版.doc',
      reason: 'unsupported',
    });
    expect(res.json().detailMessage.zh).toContain('apt-get install catdoc');
  });
});
