import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locate, locateMostSpecific, TextBuilder } from '../../src/intake/provenance.js';
import { sniff } from '../../src/intake/sniff.js';
import { decodeTextBytes } from '../../src/intake/text-decoding.js';
import { gbk } from '../support/gbk.js';
import * as f from './fixtures.js';

const bytesOf = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('sniff', () => {
  it('recognises documents by content', async () => {
    expect(sniff(await f.twoPagePdf()).kind).toBe('pdf');
    expect(sniff(f.orderDocx()).kind).toBe('docx');
    expect(sniff(await f.orderXlsx()).kind).toBe('xlsx');
    expect(sniff(f.orderEmail({ attachments: [] })).kind).toBe('email');
    expect(sniff(f.plainReplyEmail(), 'reply.txt')).toMatchObject({
      kind: 'email',
      mediaType: 'message/rfc822',
    });
    expect(sniff(new TextEncoder().encode('数量：5000件\n交期：4月15日')).kind).toBe('text');
    expect(sniff(new TextEncoder().encode('a,b,c\n1,2,3\n4,5,6'), 'x.csv').kind).toBe('csv');
  });

  it('recognises images and audio by magic bytes', () => {
    const cases: [Uint8Array, string][] = [
      [f.png(), 'image/png'],
      [bytesOf([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
      [bytesOf('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
      [bytesOf([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), 'image/tiff'],
      [bytesOf('GIF89a', [1, 0, 1, 0]), 'image/gif'],
      [bytesOf('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
      [bytesOf('ID3', [4, 0, 0, 0, 0, 0, 0]), 'audio/mpeg'],
      [bytesOf([0xff, 0xfb, 0x90, 0x64, 0, 0]), 'audio/mpeg'],
      [bytesOf('OggS', [0, 2, 0, 0]), 'audio/ogg'],
      [bytesOf([0x1a, 0x45, 0xdf, 0xa3, 0x9f]), 'audio/webm'],
      [bytesOf([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]), 'audio/mp4'],
      [bytesOf('#!AMR\n', [0x3c, 0x91]), 'audio/amr'],
    ];
    for (const [bytes, type] of cases) expect(sniff(bytes).mediaType, type).toBe(type);
  });

  it('notes a name that promises another type', () => {
    expect(sniff(f.png(), 'order.docx').nameMismatch).toEqual({ extension: 'docx', expected: 'docx' });
    expect(sniff(f.orderDocx(), 'order.docx').nameMismatch).toBeUndefined();
    expect(sniff(f.orderDocx(), 'order.xlsx').nameMismatch).toMatchObject({ extension: 'xlsx' });
  });

  it('does not take UTF-16 text for MP3 or binary', () => {
    expect(sniff(f.utf16le('数量：5000件')).kind).toBe('text');
    expect(sniff(f.utf16be('数量：5000件')).kind).toBe('text');
  });
});

describe('text decoding', () => {
  const sample = '凯途汽车：控制臂支架 HR-KZB-6082-02 数量 5000 件，单价 62.00 元。';

  it('detects each encoding and reports it', () => {
    expect(decodeTextBytes(new TextEncoder().encode(sample))).toMatchObject({
      text: sample,
      encoding: 'utf-8',
    });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sample)]);
    expect(decodeTextBytes(bom)).toMatchObject({ text: sample, encoding: 'utf-8-bom' });
    expect(decodeTextBytes(gbk(sample))).toMatchObject({ text: sample, encoding: 'gb18030' });
    expect(decodeTextBytes(f.utf16le(sample))).toMatchObject({ text: sample, encoding: 'utf-16le' });
    expect(decodeTextBytes(f.utf16be(sample))).toMatchObject({ text: sample, encoding: 'utf-16be' });
    expect(decodeTextBytes(f.utf16le(sample, false))).toMatchObject({ text: sample, encoding: 'utf-16le' });
  });

  it('keeps short UTF-8 drawing notes that are also valid GBK as UTF-8', () => {
    for (const note of ['Ø20±0.1', '90°', '≤0.05', 'Ra≤1.6µm']) {
      expect(decodeTextBytes(new TextEncoder().encode(note))).toMatchObject({
        text: note,
        encoding: 'utf-8',
      });
    }
  });

  it('round-trips any Chinese business text in UTF-8 and GBK without mojibake', () => {
    const chars = [
      ...'控制臂支架转向节副车架连接件数量单价交期含税阳极氧化铝合金客户订单，。：；（）0123456789ABCxyz -',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 2, maxLength: 60 }), (arr) => {
        const text = arr.join('');
        expect(decodeTextBytes(new TextEncoder().encode(text)).text).toBe(text);
        if (/[\u4e00-\u9fff]/.test(text)) expect(decodeTextBytes(gbk(text)).text).toBe(text);
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});

describe('provenance', () => {
  it('locates the source of any offset or span, most specific first', () => {
    const b = new TextBuilder();
    const rowStart = b.offset;
    b.plain('数量：').add('5000', { kind: 'table-cell', sheet: 'S', row: 3, col: 2 }).plain('；单价：');
    b.add('62.00', { kind: 'table-cell', sheet: 'S', row: 3, col: 4 });
    b.cover(rowStart, { kind: 'line', sheet: 'S', row: 3 });
    const { text, provenance } = b.build();
    expect(text).toBe('数量：5000；单价：62.00');
    const at = text.indexOf('5000');
    expect(locateMostSpecific(provenance, { start: at, end: at + 4 })?.source).toMatchObject({
      row: 3,
      col: 2,
    });
    expect(locate(provenance, at).map((s) => s.source.kind)).toEqual(['line', 'table-cell']);
    const both = locate(provenance, { start: at, end: text.length }).filter(
      (s) => s.source.kind === 'table-cell',
    );
    expect(both.map((s) => s.source.col)).toEqual([2, 4]);
    expect(locateMostSpecific(provenance, 0)?.source.kind).toBe('line');
  });
});
