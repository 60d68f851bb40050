// Scoring of analysis results against gold annotations. Pure; the eval script only reads files and
// prints. Each field keeps its misses so a reader can see what went wrong, not just how often.
import type { AnalysisResult, OrderItem } from '../result.js';
import type { GoldCase, GoldItem } from './gold.js';

export interface Miss {
  id: string;
  expected: unknown;
  got: unknown;
}

export class Accuracy {
  correct = 0;
  total = 0;
  readonly misses: Miss[] = [];
  add(id: string, ok: boolean, expected: unknown, got: unknown): void {
    this.total++;
    if (ok) this.correct++;
    else this.misses.push({ id, expected, got });
  }
  get value(): number {
    return this.total === 0 ? 1 : this.correct / this.total;
  }
}

/** Micro-averaged F1 over sets per case. */
export class SetF1 {
  tp = 0;
  fp = 0;
  fn = 0;
  readonly misses: Miss[] = [];
  add(id: string, expected: readonly string[], got: readonly string[]): void {
    const exp = [...expected];
    const missing: string[] = [];
    const extra: string[] = [];
    const remaining = [...got];
    for (const e of exp) {
      const i = remaining.indexOf(e);
      if (i >= 0) {
        this.tp++;
        remaining.splice(i, 1);
      } else {
        this.fn++;
        missing.push(e);
      }
    }
    this.fp += remaining.length;
    extra.push(...remaining);
    if (missing.length || extra.length) this.misses.push({ id, expected: missing, got: extra });
  }
  get value(): number {
    if (this.tp + this.fp + this.fn === 0) return 1;
    return (2 * this.tp) / (2 * this.tp + this.fp + this.fn);
  }
}

/** Units written differently but meaning the same selling unit. */
export function canonicalUnit(unit: string | null): string | null {
  if (unit === null) return null;
  const u = unit.trim().toLowerCase();
  if (['件', 'pcs', 'pc', 'ea', '个', 'pieces', 'piece'].includes(u)) return '件';
  if (['kg', '公斤', '千克'].includes(u)) return 'kg';
  if (['吨', 't'].includes(u)) return '吨';
  if (['米', 'm'].includes(u)) return '米';
  return u;
}

/** The predicted item that stands for a gold item: same catalogue code, else overlapping product text. */
export function matchItem(gold: GoldItem, predicted: readonly OrderItem[]): OrderItem | null {
  if (gold.catalog_code) {
    const byCode = predicted.find((p) => p.catalogCode === gold.catalog_code);
    if (byCode) return byCode;
  }
  return (
    predicted.find((p) => p.product.includes(gold.product) || gold.product.includes(p.product)) ??
    (gold.model
      ? (predicted.find(
          (p) => p.model !== null && (p.model.includes(gold.model!) || gold.model!.includes(p.model)),
        ) ?? null)
      : null)
  );
}

export interface Scores {
  intent: Accuracy;
  sentiment: Accuracy;
  itemQuantityUnit: SetF1;
  unitPrice: Accuracy;
  deliveryDate: Accuracy;
  standards: SetF1;
  requirementCoverage: Accuracy;
  customerName: Accuracy;
  catalogCode: Accuracy;
  categories: SetF1;
  certifications: SetF1;
}

export function newScores(): Scores {
  return {
    intent: new Accuracy(),
    sentiment: new Accuracy(),
    itemQuantityUnit: new SetF1(),
    unitPrice: new Accuracy(),
    deliveryDate: new Accuracy(),
    standards: new SetF1(),
    requirementCoverage: new Accuracy(),
    customerName: new Accuracy(),
    catalogCode: new Accuracy(),
    categories: new SetF1(),
    certifications: new SetF1(),
  };
}

const qtyKey = (value: number, unit: string | null) => `${value}|${canonicalUnit(unit)}`;

/**
 * Adds one case to the figures. Definitions:
 * - item quantity+unit F1: micro F1 over (quantity, unit) pairs of items that have a quantity (件/pcs/个
 *   are one unit, kg/公斤 another);
 * - unit price / catalogue code accuracy: per gold item, the matched predicted item (same code, else
 *   overlapping product text) has the same price and currency (null = null) / the same code;
 * - requirement coverage: share of gold special_requirements phrases found inside some requirement text;
 * - requirement category F1: micro F1 of the set of categories of stated (not implied) requirements.
 */
export function scoreCase(scores: Scores, c: GoldCase, r: AnalysisResult): void {
  const g = c.gold;
  scores.intent.add(c.id, r.intent.label === g.intent, g.intent, r.intent.label);
  scores.sentiment.add(c.id, r.sentiment.label === g.sentiment, g.sentiment, r.sentiment.label);
  scores.itemQuantityUnit.add(
    c.id,
    g.items.filter((i) => i.quantity !== null).map((i) => qtyKey(i.quantity!, i.unit)),
    r.items.filter((i) => i.quantity !== null).map((i) => qtyKey(i.quantity!.value, i.quantity!.unit)),
  );
  for (const gi of g.items) {
    const p = matchItem(gi, r.items);
    const got = p?.unitPrice ?? null;
    const ok =
      gi.unit_price === null
        ? got === null
        : got !== null && Math.abs(got.amount - gi.unit_price) < 1e-6 && got.currency === gi.currency;
    scores.unitPrice.add(c.id, ok, { product: gi.product, price: gi.unit_price, currency: gi.currency }, got);
    scores.catalogCode.add(
      c.id,
      (p?.catalogCode ?? null) === gi.catalog_code && p !== null,
      gi.catalog_code,
      p?.catalogCode ?? null,
    );
  }
  scores.deliveryDate.add(c.id, r.delivery.date === g.delivery_date, g.delivery_date, r.delivery.date);
  scores.standards.add(c.id, g.standards, r.standards);
  scores.certifications.add(c.id, g.certifications, r.certifications);
  const reqTexts = r.requirements.map((q) => q.text);
  for (const phrase of g.special_requirements) {
    const found = reqTexts.some((t) => t.includes(phrase));
    scores.requirementCoverage.add(c.id, found, phrase, null);
  }
  // Topics the message raises are those stated in it; requirements inferred from intended use are not.
  const cats = [...new Set(r.requirements.filter((q) => q.kind !== 'implied').map((q) => q.category))];
  scores.categories.add(c.id, g.requirement_categories, cats);
  scores.customerName.add(
    c.id,
    (r.customer?.name ?? null) === g.customer,
    g.customer,
    r.customer?.name ?? null,
  );
}

export function summary(s: Scores): Record<string, number> {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    intent_accuracy: round(s.intent.value),
    sentiment_accuracy: round(s.sentiment.value),
    item_quantity_unit_f1: round(s.itemQuantityUnit.value),
    unit_price_accuracy: round(s.unitPrice.value),
    delivery_date_accuracy: round(s.deliveryDate.value),
    standards_f1: round(s.standards.value),
    requirement_coverage: round(s.requirementCoverage.value),
    customer_name_accuracy: round(s.customerName.value),
    catalog_code_accuracy: round(s.catalogCode.value),
    requirement_category_f1: round(s.categories.value),
    certifications_f1: round(s.certifications.value),
  };
}
