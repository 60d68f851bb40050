import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { extractImage, ocrBoxesToText } from '../../src/intake/extractors/media.js';
import { extractPdf } from '../../src/intake/extractors/pdf.js';
import { IntakeError } from '../../src/intake/intake-errors.js';
import { estimateSkew } from '../../src/intake/ocr/deskew.js';
import { defaultPaddleOptions, PaddleOcrEngine } from '../../src/intake/ocr/paddle-engine.js';
import { characterErrorRate, renderOrderSheet } from '../../src/intake/ocr/synthetic-page.js';
import { boxesToRows } from '../../src/intake/ocr/table-rows.js';
import { defaultLimits, type OcrBox } from '../../src/intake/types.js';

const options = defaultPaddleOptions();
options.pool.workers = 1;
const engine = new PaddleOcrEngine(options);
afterAll(() => engine.close());

async function pdfWithImagePage(png: Buffer): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.image(png, 0, 0, { width: 595.28 });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe('table rows from boxes (pure)', () => {
  it('groups boxes by vertical overlap and orders cells left to right', () => {
    const rows = boxesToRows([
      { text: '35元', box: [700, 102, 80, 30] },
      { text: '轴承座', box: [100, 100, 120, 32] },
      { text: '产品', box: [100, 40, 80, 30] },
      { text: '200件', box: [400, 98, 90, 30] },
      { text: '数量', box: [400, 42, 80, 30] },
    ]);
    expect(rows.map((r) => r.map((c) => c.text))).toEqual([
      ['产品', '数量'],
      ['轴承座', '200件', '35元'],
    ]);
    expect(rows[1]?.[2]).toMatchObject({ row: 2, col: 3 });
  });

  it('lays a photographed table onto its header columns, so each row reads as an order item', () => {
    const boxes = [
      { text: '采购订单', box: [100, 10, 200, 30] },
      { text: '序号', box: [20, 60, 50, 30] },
      { text: '产品名称', box: [100, 60, 100, 30] },
      { text: '数量', box: [300, 60, 60, 30] },
      { text: '单价', box: [420, 60, 60, 30] },
      // the second row has no sequence number and a price set a little to the left
      { text: '1', box: [35, 110, 15, 30] },
      { text: '轴承座', box: [110, 110, 80, 30] },
      { text: '460件', box: [295, 110, 70, 30] },
      { text: '23.50元', box: [410, 110, 80, 30] },
      { text: '法兰盘', box: [110, 160, 80, 30] },
      { text: '1200件', box: [290, 160, 80, 30] },
      { text: '8元', box: [390, 160, 40, 30] },
      { text: '交货期：收到订单后3周内交货', box: [20, 220, 400, 30] },
    ] satisfies OcrBox[];
    const out = ocrBoxesToText(boxes, 'po.jpg');
    const lines = out.text.split('\n');
    expect(lines).toContain('产品名称：轴承座；数量：460件；单价：23.50元');
    expect(lines).toContain('产品名称：法兰盘；数量：1200件；单价：8元');
    expect(lines.at(-2)).toBe('交货期：收到订单后3周内交货');
    const at = out.text.indexOf('1200件');
    const source = out.provenance.find(
      (p) => p.source.kind === 'ocr-box' && p.start <= at && p.end > at,
    )?.source;
    expect(source).toMatchObject({ file: 'po.jpg', row: 4, col: 2 });
  });

  it('cuts a table line that OCR returned as one box into its columns', () => {
    const out = ocrBoxesToText([
      { text: '序号 产品名称 数量 单价', box: [20, 60, 460, 30] },
      { text: '1 密封圈 211件 49.50元', box: [30, 110, 400, 30] },
      { text: '付款方式：月结30天', box: [20, 160, 300, 30] },
    ]);
    expect(out.text.split('\n')).toEqual([
      '序号 | 产品名称 | 数量 | 单价',
      '产品名称：密封圈；数量：211件；单价：49.50元',
      '付款方式：月结30天',
      '',
    ]);
  });

  it('leaves text without a table header as rows of boxes', () => {
    const out = ocrBoxesToText([
      { text: '王经理：', box: [10, 10, 80, 30] },
      { text: '下周五前发货', box: [120, 12, 200, 30] },
    ]);
    expect(out.text).toBe('王经理：  下周五前发货\n');
  });
});

describe('skew estimate (pure)', () => {
  it('finds the angle a page was turned by', async () => {
    const page = await renderOrderSheet(2, 75);
    for (const angle of [-3, 2]) {
      const { data, info } = await sharp(page.png)
        .rotate(angle, { background: '#fff' })
        .grayscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const est = estimateSkew({ data, width: info.width, height: info.height });
      expect(Math.abs(est.rotateDeg + angle)).toBeLessThanOrEqual(0.5);
    }
  });
});

describe('PaddleOCR engine (real worker process)', () => {
  it('reads a generated order sheet with a small character error rate and rebuilt table rows', async () => {
    const page = await renderOrderSheet(1, 150);
    // what the engine read, line by line, against what was printed
    const { boxes } = await engine.recognize(page.png, 'image/png');
    const read = boxesToRows(boxes).map((r) => r.map((c) => c.text).join(''));
    expect(characterErrorRate(page.lines.join(''), read.join(''))).toBeLessThan(0.03);
    // the extracted text: the header in column order, each product row as labelled order fields
    const result = await extractImage(page.png, 'image/png', { fileName: 'order.png', imageEngine: engine });
    const lines = result.text.split('\n');
    const header = lines.find((l) => l.includes('产品名称')) ?? '';
    expect(header.replace(/\s*\|\s*/g, ' ')).toMatch(/序号 产品名称 材质 数量 单价/);
    for (const [, product, material, quantity, price] of page.table.slice(1)) {
      expect(lines).toContain(`产品名称：${product}；材质：${material}；数量：${quantity}；单价：${price}`);
    }
    const first = page.table[1] ?? [];
    // provenance: the quantity maps to an OCR box with row/col and the file name
    const at = result.text.indexOf(first[3] ?? '∅');
    const seg = result.provenance.find((s) => s.source.kind === 'ocr-box' && s.start <= at && s.end > at);
    expect(seg?.source).toMatchObject({ kind: 'ocr-box', file: 'order.png' });
    expect(seg?.source.row).toBeGreaterThan(4);
    expect(seg?.source.box?.[2]).toBeGreaterThan(0);
  }, 120_000);

  it('reads a phone photo lying on its side, slightly skewed, in the right order', async () => {
    const page = await renderOrderSheet(3, 150);
    const photo = await sharp(page.png).rotate(92, { background: '#fff' }).jpeg({ quality: 80 }).toBuffer();
    const { boxes } = await engine.recognize(photo, 'image/jpeg');
    const text = boxesToRows(boxes)
      .map((r) => r.map((c) => c.text).join(''))
      .join('\n');
    expect(characterErrorRate(page.lines.join(''), text)).toBeLessThan(0.08);
    expect(text.indexOf('采购订单')).toBeLessThan(text.indexOf('付款方式'));
    expect(boxes.every((b) => typeof b.confidence === 'number')).toBe(true);
  }, 180_000);

  it('rejects an undecodable image with a clear error', async () => {
    const err = await engine
      .recognize(Buffer.from('\x89PNG\r\n\x1a\n this is not an image'), 'image/png')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntakeError);
    expect((err as IntakeError).code).toBe('corrupted');
    expect((err as IntakeError).messageZh).toContain('图片');
  });

  it('refuses an image above the pixel limit', async () => {
    const small = new PaddleOcrEngine({
      ...options,
      preprocess: { ...options.preprocess, maxPixels: 10_000 },
    });
    const page = await renderOrderSheet(1, 50);
    const err = await small.recognize(page.png, 'image/png').catch((e: unknown) => e);
    await small.close();
    expect((err as IntakeError).code).toBe('oversized');
  });

  it('OCRs a scanned PDF page and keeps its page number', async () => {
    const page = await renderOrderSheet(4, 150);
    const pdf = await pdfWithImagePage(page.png);
    const without = await extractPdf(pdf, { fileName: 'scan.pdf' }, defaultLimits);
    expect(without.needsOcrPages).toEqual([1]);
    const result = await extractPdf(pdf, { fileName: 'scan.pdf', imageEngine: engine }, defaultLimits);
    expect(result.needsOcrPages).toEqual([]);
    for (const term of page.lines.slice(-3)) expect(result.text).toContain(term.replace(/\s+/g, ''));
    for (const row of page.table.slice(1)) expect(result.text).toContain(`产品名称：${row[1]}`);
    const at = result.text.indexOf('付款方式');
    const seg = result.provenance.find((s) => s.source.kind === 'ocr-box' && s.start <= at && s.end > at);
    expect(seg?.source).toMatchObject({ file: 'scan.pdf', page: 1 });
  }, 120_000);
});
