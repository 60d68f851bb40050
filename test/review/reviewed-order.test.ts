// The corrections the intake form's edits become: one per changed field, with paths into the
// analysis, so added and removed lines never share a path with a corrected one.
import { describe, expect, it } from 'vitest';
import { originalFileName } from '../../src/contracts/attachments.js';
import { orderCorrections, type ReviewedOrder } from '../../src/review/reviewed-order.js';

const line = (n: number | null, product: string, unitPrice: number | null) => ({
  line: n,
  product,
  catalogCode: null,
  model: null,
  quantity: 10,
  unit: '件',
  unitPrice,
  currency: 'CNY',
});

const analysed: ReviewedOrder = {
  customer: '苏州精工',
  poNumber: null,
  items: [line(1, '支架', 18.5), line(2, '型材', 23800)],
  deliveryDate: '2027-01-20',
  deliveryPlace: null,
  deliveryTerms: null,
  paymentTerms: '月结60天',
};

describe('order corrections', () => {
  it('lists nothing when the user changed nothing, treating empty text as no value', () => {
    expect(orderCorrections(analysed, { ...analysed, deliveryPlace: '' })).toEqual([]);
  });

  it('names each changed field, a removed line and an added line by distinct paths', () => {
    const corrected: ReviewedOrder = {
      ...analysed,
      poNumber: 'PO-1',
      items: [line(2, '型材', 23500), line(null, '端盖', 2)],
      deliveryDate: '2027-02-01',
    };
    expect(orderCorrections(analysed, corrected)).toEqual([
      { path: 'poNumber', analysed: null, corrected: 'PO-1' },
      { path: 'delivery.date', analysed: '2027-01-20', corrected: '2027-02-01' },
      { path: 'items[1].unitPrice', analysed: 23800, corrected: 23500 },
      { path: 'items[2]', analysed: null, corrected: expect.objectContaining({ product: '端盖' }) },
      { path: 'items[0]', analysed: expect.objectContaining({ product: '支架' }), corrected: null },
    ]);
  });

  it('takes a line named twice as a second, added line', () => {
    const corrected = { ...analysed, items: [...analysed.items, line(1, '支架', 18.5)] };
    expect(orderCorrections(analysed, corrected).map((c) => c.path)).toEqual(['items[2]']);
  });
});

describe('the original file name', () => {
  it('keeps an uploaded name and names pasted text after the case', () => {
    expect(originalFileName('询价 单.eml', 'message/rfc822', 'HT-2026-0001')).toBe('询价 单.eml');
    expect(originalFileName(null, 'text/plain', 'HT-2026-0001')).toBe('HT-2026-0001-客户原文.txt');
    expect(originalFileName(null, null, 'HT-2026-0001')).toBe('HT-2026-0001-客户原文.bin');
  });
});
