// The money of an order as sales checks it and the record prints it: each line's amount (quantity ×
// unit price) and, where the order says whether its prices include VAT (含税/不含税) and at which
// rate, the amount excluding tax, the tax and the amount including tax; totals where every line
// gives the figure in one currency. Worked in cents, each line rounded to the cent, so the
// case page and both record files show the same figures. Pure; the web app imports it too.
import type { ContractLine } from './types.js';

export interface LineAmounts {
  line: number;
  currency: string | null;
  /** Quantity × unit price, as the price is stated (with or without tax). */
  amount: number | null;
  taxIncluded: boolean | null;
  taxRate: number | null;
  exclTax: number | null;
  tax: number | null;
  inclTax: number | null;
}

export interface OrderAmounts {
  lines: LineAmounts[];
  /** Whether any line says whether its price includes tax: only then are the tax columns shown. */
  hasTax: boolean;
  /** The currency of the totals; null when the lines' prices are in several currencies. */
  currency: string | null;
  /**
   * Sums over the lines; null where a line lacks the figure (an unpriced line: a partial sum would
   * read as the order's total) or the currencies differ.
   */
  totals: { amount: number | null; exclTax: number | null; tax: number | null; inclTax: number | null };
}

const cents = (n: number) => Math.round(n * 100);

export function lineAmounts(l: ContractLine): LineAmounts {
  const p = l.unitPrice;
  const taxIncluded = p?.taxIncluded ?? null;
  const taxRate = p?.taxRate ?? null;
  const out: LineAmounts = {
    line: l.line,
    currency: p?.currency ?? null,
    amount: null,
    taxIncluded,
    taxRate,
    exclTax: null,
    tax: null,
    inclTax: null,
  };
  if (!p || !l.quantity) return out;
  const amount = Math.round(cents(p.amount) * l.quantity.value);
  out.amount = amount / 100;
  if (taxIncluded === true) {
    out.inclTax = out.amount;
    if (taxRate !== null) {
      const excl = Math.round(amount / (1 + taxRate / 100));
      out.exclTax = excl / 100;
      out.tax = (amount - excl) / 100;
    }
  } else if (taxIncluded === false) {
    out.exclTax = out.amount;
    if (taxRate !== null) {
      const tax = Math.round((amount * taxRate) / 100);
      out.tax = tax / 100;
      out.inclTax = (amount + tax) / 100;
    }
  }
  return out;
}

export function orderAmounts(items: readonly ContractLine[]): OrderAmounts {
  const lines = items.map(lineAmounts);
  const priced = lines.filter((l) => l.amount !== null);
  const currencies = new Set(priced.map((l) => l.currency));
  const currency = currencies.size === 1 ? [...currencies][0]! : null;
  const sum = (key: 'amount' | 'exclTax' | 'tax' | 'inclTax'): number | null => {
    if (lines.length === 0 || currency === null) return null;
    if (lines.some((l) => l[key] === null)) return null;
    return lines.reduce((s, l) => s + cents(l[key] as number), 0) / 100;
  };
  return {
    lines,
    hasTax: lines.some((l) => l.taxIncluded !== null),
    currency,
    totals: { amount: sum('amount'), exclTax: sum('exclTax'), tax: sum('tax'), inclTax: sum('inclTax') },
  };
}
