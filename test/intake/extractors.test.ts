import { describe, expect, it } from 'vitest';
import { extractAny } from '../../src/intake/extract.js';
import { locate, locateMostSpecific, type Segment } from '../../src/intake/provenance.js';
import type { ExtractionResult } from '../../src/intake/types.js';
import { gbk } from '../support/gbk.js';
import * as f from './fixtures.js';

/** Most specific source of the first occurrence of `needle` (after `from`, when given). */
function sourceOf(r: ExtractionResult, needle: string, from?: string): Segment['source'] {
  const base = from ? r.text.indexOf(from) : 0;
  const at = r.text.indexOf(needle, base);
  expect(at, `"${needle}" in text`).toBeGreaterThanOrEqual(0);
  const seg = locateMostSpecific(r.provenance, { start: at, end: at + needle.length });
  expect(seg).toBeDefined();
  return seg!.source;
}

function expectWellFormed(r: ExtractionResult) {
  for (const s of r.provenance) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(r.text.length);
    expect(s.end).toBeGreaterThan(s.start);
  }
  // Provenance is plain JSON: it must survive a round trip unchanged.
  expect(JSON.parse(JSON.stringify(r.provenance))).toEqual(r.provenance);
}

describe('docx order', () => {
  it('writes each table row as one labelled line with per-cell provenance', async () => {
    const r = await extractAny(f.orderDocx(), { fileName: '订单.docx' });
    expectWellFormed(r);
    expect(r.text).toContain('订单号：PO-20260311-07');
    expect(r.text).toContain(
      '品名：控制臂支架；图号：HR-KZB-6082-02；数量：5000件；含税单价：62.00元；交货日期：2026-04-15',
    );
    expect(r.text).toContain('品名：转向节；图号：HR-ZXJ-6061-11；数量：1200件');
    expect(r.text).toContain('包装要求：每箱不超过 20 件');
    expect(sourceOf(r, '1200')).toMatchObject({
      kind: 'table-cell',
      table: 1,
      row: 3,
      col: 4,
      column: '数量',
    });
    expect(sourceOf(r, 'HR-KZB-6082-02')).toMatchObject({
      kind: 'table-cell',
      row: 2,
      col: 3,
      file: '订单.docx',
    });
  });
});

describe('xlsx order grid', () => {
  it('finds the header row below the title rows and labels each item row', async () => {
    const r = await extractAny(await f.orderXlsx(), { fileName: 'po.xlsx' });
    expectWellFormed(r);
    expect(r.text).toContain(
      '产品：控制臂支架；型号：HR-KZB-6082-02；订购数量：5000件；未税单价：62.00元；交期：2026-04-15；备注：阳极氧化',
    );
    expect(r.text).toContain(
      '产品：副车架连接件；型号：HR-FCJ-7075-05；订购数量：800套；未税单价：215.50元；交期：2026-05-20',
    );
    expect(r.text).toContain('采购订单 PO-2026-031');
    expect(r.text).toContain('需提供 PPAP 文件');
    // The merged title appears once, not once per merged cell.
    expect(r.text.split('采购订单 PO-2026-031').length).toBe(2);
    expect(sourceOf(r, '800')).toMatchObject({
      kind: 'table-cell',
      sheet: '订单明细',
      row: 5,
      col: 3,
      column: '订购数量',
    });
    expect(sourceOf(r, '套')).toMatchObject({ kind: 'table-cell', row: 5, col: 4 });
    expect(sourceOf(r, 'PPAP')).toMatchObject({ sheet: '说明', row: 1, col: 1 });
  });
});

describe('csv order sheet', () => {
  it('reads a GBK csv with an English header', async () => {
    const csv = gbk(
      'Part No,Description,Qty,Unit Price,Delivery\nHR-KZB-6082-02,控制臂支架,5000,62.00,2026-04-15\n',
    );
    const r = await extractAny(csv, { fileName: 'order.csv' });
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toContain(
      'Part No：HR-KZB-6082-02；Description：控制臂支架；Qty：5000；Unit Price：62.00元',
    );
    expect(sourceOf(r, '5000')).toMatchObject({ kind: 'table-cell', row: 2, col: 3, column: 'Qty' });
  });
});

describe('pdf with a text layer', () => {
  it('keeps page numbers and line order, and columns apart', async () => {
    const r = await extractAny(await f.twoPagePdf(), { fileName: 'po.pdf' });
    expectWellFormed(r);
    expect(r.pageCount).toBe(2);
    expect(r.needsOcrPages).toEqual([]);
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('Purchase Order PO-2026-031');
    expect(lines).toContainEqual(
      expect.stringMatching(/^Control arm bracket\s{2,}HR-KZB-6082-02\s{2,}5000\s{2,}62\.00$/),
    );
    expect(r.text.indexOf('Customer')).toBeLessThan(r.text.indexOf('Control arm'));
    expect(sourceOf(r, '5000')).toMatchObject({ kind: 'line', page: 1, line: 4 });
    expect(sourceOf(r, 'PPAP level 3')).toMatchObject({ page: 2 });
    expect(locate(r.provenance, r.text.indexOf('Suzhou')).map((s) => s.source.kind)).toContain('page');
  });

  it('reads Chinese text set in a predefined CJK CMap font', async () => {
    const r = await extractAny(f.chineseOrderPdf(), { fileName: '订单.pdf' });
    expect(r.text).toContain('采购订单 CR-PO-2602-009');
    expect(r.text).toMatch(/电子水泵壳体\s{2,}HR-SB-6061-08\s{2,}8000件/);
    expect(sourceOf(r, '8000件')).toMatchObject({ kind: 'line', page: 1, line: 3, file: '订单.pdf' });
    expect(sourceOf(r, '蔡甸区')).toMatchObject({ page: 2, line: 1 });
  });

  it('lists pages without text for OCR', async () => {
    const r = await extractAny(await f.pdfWithBlankPage(), { fileName: 'scan.pdf' });
    expect(r.needsOcrPages).toEqual([2]);
    expect(r.pending?.[0]).toMatchObject({ kind: 'ocr', pages: [2] });
    expect(sourceOf(r, 'Third page text')).toMatchObject({ page: 3 });
  });
});

describe('email', () => {
  it('reads headers, separates the quoted original and extracts attachments recursively', async () => {
    const r = await extractAny(f.orderEmail(), { fileName: 'reply.eml' });
    expectWellFormed(r);
    expect(r.mediaType).toBe('message/rfc822');
    expect(r.text).toContain('主题：回复：控制臂支架订单数量变更');
    expect(r.text).toContain('发件人："周婷" <zhouting@kaitu-auto.cn>');
    expect(r.text).toContain('日期：2026-03-11 10:12');
    expect(sourceOf(r, '回复：控制臂支架')).toMatchObject({ kind: 'email-header', header: 'subject' });

    const newQty = r.text.indexOf('6000');
    expect(locate(r.provenance, newQty).map((s) => s.source.kind)).toContain('email-body');
    const quotedQty = r.text.indexOf('3000');
    const quotedKinds = locate(r.provenance, quotedQty).map((s) => s.source.kind);
    expect(quotedKinds).toContain('email-quoted');
    expect(quotedKinds).not.toContain('email-body');
    // The HTML body's table is kept as a labelled row.
    expect(r.text).toContain('物料：控制臂支架；数量：6000');

    const docx = r.attachments?.find((a) => a.fileName === '采购订单.docx');
    expect(docx?.status).toBe('extracted');
    expect(sourceOf(r, '1200')).toMatchObject({
      kind: 'table-cell',
      row: 3,
      col: 4,
      file: '采购订单.docx',
      attachmentPath: ['采购订单.docx'],
    });
    const image = r.attachments?.find((a) => a.fileName === '图纸截图.png');
    expect(image?.status).toBe('pending');
    expect(r.pending).toContainEqual(
      expect.objectContaining({ kind: 'ocr', attachmentPath: ['图纸截图.png'] }),
    );
  });

  it('marks "> " lines and "On … wrote:" as quoted in plain-text mail', async () => {
    const r = await extractAny(f.plainReplyEmail());
    expect(locate(r.provenance, r.text.indexOf('2000 pcs')).map((s) => s.source.kind)).toContain(
      'email-body',
    );
    expect(locateMostSpecific(r.provenance, r.text.indexOf('3000 pcs'))?.source.kind).toBe('email-quoted');
  });

  it('walks a forwarded mail attached to a mail down to its spreadsheet', async () => {
    const inner = f.orderEmail({
      attachments: [
        {
          name: '订单.xlsx',
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          data: await f.orderXlsx(),
        },
      ],
    });
    const outer = f.orderEmail({ attachments: [{ name: '转发.eml', type: 'message/rfc822', data: inner }] });
    const r = await extractAny(outer, { fileName: 'outer.eml' });
    expect(sourceOf(r, '副车架连接件')).toMatchObject({
      kind: 'table-cell',
      sheet: '订单明细',
      row: 5,
      attachmentPath: ['转发.eml', '订单.xlsx'],
    });
  });
});

describe('chat exports and plain text', () => {
  it('keeps sender and time for every line of a WeChat export in GBK', async () => {
    const chat = [
      '张敏 2026-03-11 10:12',
      '控制臂支架要5000件',
      '',
      '[凯途-采购 周婷] 10:15 交期改到4月15日',
      '李强 2026-03-11 10:20',
      '好的，收到',
    ];
    const r = await extractAny(gbk(chat.join('\r\n')), { fileName: '聊天记录.txt' });
    expect(r.encoding).toBe('gb18030');
    expect(r.mediaType).toBe('text/x-chat');
    expect(r.text).toBe(chat.join('\n'));
    expect(sourceOf(r, '5000件')).toMatchObject({
      kind: 'line',
      line: 2,
      sender: '张敏',
      time: '2026-03-11 10:12',
    });
    expect(sourceOf(r, '4月15日')).toMatchObject({ line: 4, sender: '凯途-采购 周婷', time: '10:15' });
    expect(sourceOf(r, '收到')).toMatchObject({ sender: '李强' });
  });

  it('does not invent senders in an ordinary memo', async () => {
    const memo = '型号：HR-KZB-6082-02\n数量：5000件\n交期：2026-04-15';
    const r = await extractAny(new TextEncoder().encode(memo), { fileName: 'memo.txt' });
    expect(r.mediaType).toBe('text/plain');
    expect(r.provenance.every((s) => s.source.sender === undefined)).toBe(true);
    expect(sourceOf(r, '5000')).toMatchObject({ kind: 'line', line: 2 });
  });

  it('reads UTF-16 files with and without a byte order mark', async () => {
    for (const bytes of [
      f.utf16le('数量：5000件\n单价62元'),
      f.utf16be('数量：5000件\n单价62元'),
      f.utf16le('数量：5000件\n单价62元 Qty', false),
    ]) {
      const r = await extractAny(bytes, { fileName: 'note.txt' });
      expect(r.text.startsWith('数量：5000件\n单价62元')).toBe(true);
      expect(r.encoding).toMatch(/^utf-16/);
    }
  });
});
