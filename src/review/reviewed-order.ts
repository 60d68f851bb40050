// The order a case is reviewed on, as the intake page's order form shows it: customer, PO number,
// item lines, delivery and payment. The analysis fills it; the user may correct it before opening
// the review, and the corrected order is what the departments review. Pure: the analysed order,
// the field-by-field corrections (labelled examples for retraining) and the contract lines the
// review machine takes.
import type { AnalysisResult, OrderItem } from '../analysis/result.js';
import type { ContractLine, ContractTerms } from './types.js';

export interface ReviewedOrderLine {
  /** The analysed line (1-based) this line was corrected from; null for a line the user added. */
  line: number | null;
  product: string;
  catalogCode: string | null;
  model: string | null;
  quantity: number | null;
  unit: string | null;
  unitPrice: number | null;
  currency: string;
}

export interface ReviewedOrder {
  customer: string | null;
  /** The customer's PO or contract number, when the message gives one. */
  poNumber: string | null;
  items: ReviewedOrderLine[];
  deliveryDate: string | null;
  deliveryPlace: string | null;
  deliveryTerms: string | null;
  paymentTerms: string | null;
}

/** One field the user changed: its path in the analysis (`items[0].unitPrice`, `delivery.date`). */
export interface OrderCorrection {
  path: string;
  analysed: unknown;
  corrected: unknown;
}

/** The first order or contract number the analysis found in the message. */
export function poNumberOf(result: Pick<AnalysisResult, 'entities'>): string | null {
  const found = result.entities.find((e) => e.type === 'order_number');
  if (!found) return null;
  return typeof found.value === 'string' && found.value.trim() !== '' ? found.value.trim() : found.text;
}

/** The order as the analysis read it; `customer` as the case would name it without a correction. */
export function analysedOrder(result: AnalysisResult, customer: string | null): ReviewedOrder {
  return {
    customer,
    poNumber: poNumberOf(result),
    items: result.items.map((i, n) => ({
      line: n + 1,
      product: i.product,
      catalogCode: i.catalogCode,
      model: i.model,
      quantity: i.quantity?.value ?? null,
      unit: i.quantity?.unit ?? null,
      unitPrice: i.unitPrice?.amount ?? null,
      currency: i.unitPrice?.currency ?? 'CNY',
    })),
    deliveryDate: result.delivery.date,
    deliveryPlace: result.delivery.place,
    deliveryTerms: result.delivery.terms,
    paymentTerms: result.paymentTerms,
  };
}

// An empty text field and a missing one are the same answer.
const norm = (v: string | number | null | undefined) => (v === '' || v === undefined ? null : v);

const LINE_FIELDS = ['product', 'catalogCode', 'model', 'quantity', 'unit', 'unitPrice', 'currency'] as const;

const ORDER_FIELDS: [keyof ReviewedOrder, string][] = [
  ['customer', 'customer'],
  ['poNumber', 'poNumber'],
  ['deliveryDate', 'delivery.date'],
  ['deliveryPlace', 'delivery.place'],
  ['deliveryTerms', 'delivery.terms'],
  ['paymentTerms', 'paymentTerms'],
];

const lineValue = (l: ReviewedOrderLine) => {
  const { line: _line, ...rest } = l;
  return rest;
};

/**
 * What the user changed, field by field, with paths into the analysis: a line corrected from
 * analysed line n is `items[n-1].<field>`, a removed line `items[n-1]` (corrected null), and the
 * k-th added line `items[<analysed count + k>]` (analysed null), so no two corrections share a path.
 */
export function orderCorrections(analysed: ReviewedOrder, corrected: ReviewedOrder): OrderCorrection[] {
  const out: OrderCorrection[] = [];
  for (const [key, path] of ORDER_FIELDS) {
    const a = norm(analysed[key] as string | null);
    const c = norm(corrected[key] as string | null);
    if (a !== c) out.push({ path, analysed: a, corrected: c });
  }
  const kept = new Set<number>();
  let added = 0;
  for (const line of corrected.items) {
    const from = line.line !== null ? analysed.items[line.line - 1] : undefined;
    if (!from || kept.has(line.line!)) {
      out.push({
        path: `items[${analysed.items.length + added}]`,
        analysed: null,
        corrected: lineValue(line),
      });
      added += 1;
      continue;
    }
    kept.add(line.line!);
    for (const field of LINE_FIELDS) {
      const a = norm(from[field]);
      const c = norm(line[field]);
      if (a !== c) out.push({ path: `items[${line.line! - 1}].${field}`, analysed: a, corrected: c });
    }
  }
  analysed.items.forEach((l, i) => {
    if (!kept.has(i + 1)) out.push({ path: `items[${i}]`, analysed: lineValue(l), corrected: null });
  });
  return out;
}

/**
 * The contract lines of an order. A line corrected from an analysed one keeps what the form does
 * not show (whether the price includes tax, the unit it is quoted per while the unit is unchanged);
 * `taxRate` is the one VAT rate the message states, if it states exactly one.
 */
export function contractLinesOf(
  order: ReviewedOrder,
  analysedItems: readonly OrderItem[],
  taxRate: number | null = null,
): ContractLine[] {
  return order.items.map((l, i) => {
    const from = l.line !== null ? analysedItems[l.line - 1] : undefined;
    const sameUnit = from?.quantity?.unit === l.unit;
    return {
      line: i + 1,
      product: l.product,
      catalogCode: l.catalogCode,
      model: l.model,
      quantity: l.quantity === null ? null : { value: l.quantity, unit: l.unit },
      unitPrice:
        l.unitPrice === null
          ? null
          : {
              amount: l.unitPrice,
              currency: l.currency,
              per: sameUnit ? (from?.unitPrice?.per ?? l.unit) : l.unit,
              taxIncluded: from?.unitPrice?.taxIncluded ?? null,
              ...(taxRate === null ? {} : { taxRate }),
            },
      material: null,
      tolerance: null,
      drawing: null,
      packaging: null,
    };
  });
}

/** The terms of an order, without requirements (the case takes those from the analysis). */
export function orderTerms(
  order: ReviewedOrder,
  analysedItems: readonly OrderItem[],
  taxRate: number | null = null,
): Omit<ContractTerms, 'requirements'> {
  return {
    items: contractLinesOf(order, analysedItems, taxRate),
    delivery: { date: order.deliveryDate, place: order.deliveryPlace, terms: order.deliveryTerms },
    paymentTerms: order.paymentTerms,
  };
}
