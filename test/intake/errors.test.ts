import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractAny } from '../../src/intake/extract.js';
import { IntakeError, type IntakeErrorCode } from '../../src/intake/intake-errors.js';
import type { IntakeLimits } from '../../src/intake/types.js';
import { word97Doc } from '../support/word97.js';
import * as f from './fixtures.js';

async function failure(
  bytes: Uint8Array,
  fileName?: string,
  limits: Partial<IntakeLimits> = {},
): Promise<IntakeError> {
  try {
    await extractAny(bytes, fileName ? { fileName } : {}, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(IntakeError);
    return err as IntakeError;
  }
  throw new Error('expected extraction to fail');
}

async function expectCode(p: Promise<IntakeError>, code: IntakeErrorCode) {
  const err = await p;
  expect(err.code).toBe(code);
  expect(err.messageZh).toMatch(/[\u4e00-\u9fff]/);
  expect(err.messageEn.length).toBeGreaterThan(10);
  expect(JSON.parse(JSON.stringify(err))).toMatchObject({
    code,
    messageZh: err.messageZh,
    messageEn: err.messageEn,
  });
}

/** Bytes of an OLE2 compound file whose directory names the given stream (as Office writes them). */
function ole(streamName: string): Uint8Array {
  const header = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  Buffer.from(streamName, 'utf16le').copy(header, 600);
  return new Uint8Array(header);
}

describe('intake errors', () => {
  it('empty files and whitespace-only text', async () => {
    await expectCode(failure(new Uint8Array(0), 'a.txt'), 'empty');
    await expectCode(failure(new TextEncoder().encode(' \r\n\t\n'), 'a.txt'), 'empty');
  });

  it('truncated or damaged containers are reported as corrupted', async () => {
    const docx = f.orderDocx();
    await expectCode(failure(docx.subarray(0, Math.floor(docx.length / 2)), 'po.docx'), 'corrupted');
    const badWorkbook = f.zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: 'this is not xml <<<' },
    ]);
    await expectCode(failure(badWorkbook, 'po.xlsx'), 'corrupted');
    await expectCode(
      failure(new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage without xref'), 'po.pdf'),
      'corrupted',
    );
  });

  it('password-protected PDF and Office files', async () => {
    await expectCode(failure(await f.encryptedPdf(), 'prices.pdf'), 'password_protected');
    await expectCode(failure(ole('EncryptedPackage'), 'po.xlsx'), 'password_protected');
  });

  it('oversized uploads against the limits passed in', async () => {
    await expectCode(failure(f.orderDocx(), 'po.docx', { maxBytes: 100 }), 'oversized');
    await expectCode(failure(await f.manyPagePdf(5), 'big.pdf', { maxPages: 3 }), 'oversized');
    await expectCode(failure(await f.orderXlsx(), 'po.xlsx', { maxRows: 3 }), 'oversized');
    const csv = new TextEncoder().encode('a,b,c\n1,2,3\n4,5,6\n7,8,9\n');
    await expectCode(failure(csv, 'rows.csv', { maxRows: 2 }), 'oversized');
  });

  it('zip bombs are refused from the central directory before inflating', async () => {
    const bomb = f.zip([
      { name: 'word/document.xml', data: '<w:document/>', declaredSize: 3_000_000_000 },
      { name: '[Content_Types].xml', data: '<Types/>' },
    ]);
    const err = await failure(bomb, 'po.docx');
    expect(err.code).toBe('oversized');
    const many = f.zip(
      Array.from({ length: 30 }, (_, i) => ({ name: `xl/f${i}.xml`, data: 'x' })).concat([
        { name: 'xl/workbook.xml', data: '<x/>' },
      ]),
    );
    await expectCode(failure(many, 'po.xlsx', { maxZipEntries: 10 }), 'oversized');
  });

  it('unsupported formats say what to do', async () => {
    // A whole compound file holding neither Word's nor Excel's stream (PowerPoint 97 has "Current User").
    const doc = Buffer.from(word97Doc('幻灯片'));
    const at = doc.indexOf(Buffer.from('WordDocument', 'utf16le'));
    Buffer.from('Current User', 'utf16le').copy(doc, at);
    const ppt = await failure(new Uint8Array(doc), 'old.ppt');
    expect(ppt.code).toBe('unsupported');
    expect(ppt.messageZh).toContain('.pdf');
    // A .doc, .xls or .et is read (intake-refusals.test.ts); one whose compound file is broken is corrupted.
    await expectCode(failure(ole('WordDocument'), 'old.doc'), 'corrupted');
    await expectCode(failure(ole('Workbook'), 'old.xls'), 'corrupted');
    await expectCode(failure(f.zip([{ name: 'a.txt', data: 'hello' }]), 'files.zip'), 'unsupported');
    await expectCode(
      failure(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8]), 'x.bin'),
      'unsupported',
    );
  });

  it('a file named .docx that is a PNG is processed as an image, with a warning', async () => {
    const r = await extractAny(f.png(), { fileName: '订单.docx' });
    expect(r.mediaType).toBe('image/png');
    expect(r.warnings[0]).toContain('.docx');
    expect(r.pending).toEqual([expect.objectContaining({ kind: 'ocr', file: '订单.docx' })]);
  });

  it('attachments nested deeper than the limit fail alone, the mail still reads', async () => {
    const inner = f.orderEmail({ attachments: [] });
    const outer = f.orderEmail({ attachments: [{ name: '转发.eml', type: 'message/rfc822', data: inner }] });
    const r = await extractAny(outer, { fileName: 'outer.eml' }, { maxDepth: 0 });
    expect(r.text).toContain('数量改为 6000 件');
    expect(r.attachments?.[0]).toMatchObject({ status: 'failed', error: { code: 'oversized' } });
    expect(r.warnings.some((w) => w.includes('转发.eml'))).toBe(true);
  });

  it('a broken attachment is reported and the rest of the mail is kept', async () => {
    const broken = f.orderDocx().subarray(0, 200);
    const mail = f.orderEmail({
      attachments: [{ name: '坏文件.docx', type: 'application/octet-stream', data: broken }],
    });
    const r = await extractAny(mail);
    expect(r.attachments?.[0]).toMatchObject({
      fileName: '坏文件.docx',
      status: 'failed',
      error: { code: 'corrupted' },
    });
    expect(r.text).toContain('控制臂支架');
  });

  it('never throws anything but IntakeError on damaged bytes', async () => {
    const seeds = [
      f.orderDocx(),
      await f.twoPagePdf(),
      f.orderEmail({ attachments: [] }),
      await f.orderXlsx(),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (which, flips, cut) => {
          const bytes = new Uint8Array(seeds[which]!);
          for (const [pos, value] of flips) bytes[pos % bytes.length] = value;
          const input = cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
          try {
            const r = await extractAny(input, {}, { timeoutMs: 20_000 });
            expect(typeof r.text).toBe('string');
          } catch (err) {
            expect(err).toBeInstanceOf(IntakeError);
          }
        },
      ),
      { numRuns: 40, seed: 20260311 },
    );
  });
});
