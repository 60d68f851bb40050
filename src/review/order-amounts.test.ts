import { describe, expect, it } from 'vitest';
import { taxRatesIn } from '../analysis/entities/business.js';
import { orderAmounts } from './order-amounts.js';
import type { ContractLine } from './types.js';

const line = (
  n: number,
  qty: number | null,
  price: number | null,
  taxIncluded: boolean | null,
  taxRate?: number,
) =>
  ({
    line: n,
    product: `件${n}`,
    catalogCode: null,
    model: null,
    quantity: qty === null ? null : { value: qty, unit: '件' },
    unitPrice:
      price === null
        ? null
        : { amount: price, currency: 'CNY', per: '件', taxIncluded, ...(taxRate ? { taxRate } : {}) },
    material: null,
    tolerance: null,
    drawing: null,
    packaging: null,
  }) satisfies ContractLine;

describe('order amounts with tax', () => {
  it('splits a price including 13% VAT and adds 13% to a price without, to the cent, with totals', () => {
    const a = orderAmounts([line(1, 5000, 18.5, true, 13), line(2, 12, 23800, false, 13)]);
    expect(a.hasTax).toBe(true);
    expect(a.lines[0]).toMatchObject({ amount: 92500, inclTax: 92500, exclTax: 81858.41, tax: 10641.59 });
    expect(a.lines[1]).toMatchObject({ amount: 285600, exclTax: 285600, tax: 37128, inclTax: 322728 });
    expect(a.totals).toEqual({ amount: 378100, exclTax: 367458.41, tax: 47769.59, inclTax: 415228 });
  });

  it('without a rate shows only the side the price is on; without 含税/不含税 shows no tax at all', () => {
    const a = orderAmounts([line(1, 3, 10.1, true), line(2, 2, 5, true)]);
    expect(a.lines[0]).toMatchObject({ amount: 30.3, inclTax: 30.3, exclTax: null, tax: null });
    expect(a.totals).toEqual({ amount: 40.3, exclTax: null, tax: null, inclTax: 40.3 });
    const plain = orderAmounts([line(1, 3, 10.1, null)]);
    expect(plain.hasTax).toBe(false);
    expect(plain.lines[0]).toMatchObject({ amount: 30.3, inclTax: null, exclTax: null, tax: null });
  });

  it('gives no total when a line is unpriced or the currencies differ', () => {
    expect(orderAmounts([line(1, 3, 10, true), line(2, 5, null, null)]).totals.amount).toBeNull();
    const usd = line(2, 1, 7, true);
    usd.unitPrice!.currency = 'USD';
    const mixed = orderAmounts([line(1, 1, 10, true), usd]);
    expect(mixed.currency).toBeNull();
    expect(mixed.totals.inclTax).toBeNull();
  });

  it('reads the VAT rate a message states', () => {
    expect(taxRatesIn('单价21000元/吨（含13%增值税）')).toEqual([13]);
    expect(taxRatesIn('税率为9%，开专票')).toEqual([9]);
    expect(taxRatesIn('单价21000元/吨含税')).toEqual([]);
  });
});
