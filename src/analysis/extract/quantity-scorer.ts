// Which quantity of a one-item message is the item's ordered quantity, decided by a trained scorer
// over every goods quantity the message states. The hand rules (items.ts) attach the quantity
// nearest the product with cue words for changes, pack sizes and remainders; a message states many
// other counts — the old quantity of a change, a pack size, a bar length, a defect count, a yearly
// volume, a stock level — and each new wording slipped past some cue. The scorer learns from the
// words around every count, its rank among the others and the intent which count is the order; the
// rules' pick is one of its features. Pure: the model is a parameter.
import { type LinearModel, trainLinear } from '../classify/linear.js';
import type { QuantityMention } from '../entities/index.js';
import type { Line } from '../text/segment.js';
import { lineAt } from '../text/segment.js';

export const QTY_LABELS = ['ordered', 'other'] as const;
export type QtyLabel = (typeof QTY_LABELS)[number];

export interface QuantityScorer {
  readonly model: LinearModel<QtyLabel>;
  /** Without a rule pick, the least probability of a count taken as the item's quantity. */
  readonly threshold: number;
  /** Another count at least this probable replaces the rules' pick. */
  readonly override: number;
  /** The rules' pick is dropped when the model gives it less than this. */
  readonly keep: number;
}

const GOODS_UNITS =
  /^(?:件|支|米|吨|公斤|千克|kg|KG|Kg|kgs|KGS|pcs|PCS|Pcs|pc|PC|EA|ea|个|套|根|只|台|片|条|m|t|T|千件|万件|卷|箱|tons?|Tons?|tonnes?|Tonnes?|MT|bars?|sets?|段|块|颗|把)$/;

export type QuantityCandidate = QuantityMention;

/** The counts of goods a message states (not ranges: a range is no ordered quantity). */
export function quantityCandidates(quantities: readonly QuantityMention[]): QuantityCandidate[] {
  return quantities.filter((q) => q.value > 0 && q.range === undefined && GOODS_UNITS.test(q.unit.trim()));
}

/** The unit family a count is in, so that 件/pcs/个 and kg/公斤 compare as one. */
export function unitFamily(unit: string | null): string | null {
  if (unit === null) return null;
  const u = unit.trim().toLowerCase();
  if (['件', 'pcs', 'pc', 'ea', '个', '個', 'pieces', 'piece'].includes(u)) return '件';
  if (['kg', 'kgs', '公斤', '千克'].includes(u)) return 'kg';
  if (['吨', 't', 'mt', 'ton', 'tons', 'tonne', 'tonnes'].includes(u)) return '吨';
  if (['米', 'm'].includes(u)) return '米';
  return u;
}

const QUOTE_MARKER =
  /^(?:>|-{3,}\s*(?:原始邮件|Original Message|Forwarded)|发件人[:：]|From:\s.+\n(?:Sent|发送时间|Date)[:：])/im;

function valueBucket(v: number): string {
  if (v < 10) return '<10';
  if (v < 100) return '<100';
  if (v < 1000) return '<1k';
  if (v < 10000) return '<10k';
  if (v < 100000) return '<100k';
  return '>=100k';
}

function distanceBucket(d: number): string {
  if (d <= 4) return '0-4';
  if (d <= 12) return '5-12';
  if (d <= 30) return '13-30';
  if (d <= 80) return '31-80';
  return '>80';
}

/** Character 1- and 2-grams of a window, digits folded, prefixed by the side they are on. */
function windowGrams(features: Map<string, number>, side: string, text: string): void {
  const t = text
    .replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '☺')
    .replace(/[\uD800-\uDFFF]/g, '')
    .replace(/\d/g, '0')
    .replace(/\s+/g, ' ')
    .toLowerCase();
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c !== ' ') features.set(`${side}1:${c}`, 1);
    if (i + 1 < t.length) features.set(`${side}2:${t.slice(i, i + 2)}`, 1);
  }
}

export interface QuantityFeatureContext {
  norm: string;
  lines: readonly Line[];
  intent: string;
  /** Where the item's product is named. */
  item: { start: number; end: number };
  /** Lines of order tables. */
  tableLines: readonly { start: number; end: number }[];
}

/** Sparse features of each candidate, in the candidates' order. */
export function quantityFeatures(
  ctx: QuantityFeatureContext,
  candidates: readonly QuantityCandidate[],
  rulePick: number,
): Map<string, number>[] {
  const { norm, lines, intent, item } = ctx;
  const quoteAt = norm.search(QUOTE_MARKER);
  const families = candidates.map((c) => unitFamily(c.unit));
  const distances = candidates.map((c) =>
    c.start >= item.end ? c.start - item.end : item.start >= c.end ? item.start - c.end : 0,
  );
  const nearest = distances.reduce((a, b) => Math.min(a, b), Infinity);
  const itemLine = lineAt(lines, item.start).index;
  // Per unit family: the largest and smallest count and how many; per value: how often it is stated.
  const range = new Map<string | null, { max: number; min: number; n: number }>();
  const valueCount = new Map<number, number>();
  candidates.forEach((c, i) => {
    const r = range.get(families[i]!) ?? { max: -Infinity, min: Infinity, n: 0 };
    range.set(families[i]!, { max: Math.max(r.max, c.value), min: Math.min(r.min, c.value), n: r.n + 1 });
    valueCount.set(c.value, (valueCount.get(c.value) ?? 0) + 1);
  });
  const tables = [...ctx.tableLines].sort((a, b) => a.start - b.start);
  return candidates.map((c, i) => {
    const f = new Map<string, number>();
    const family = families[i]!;
    f.set('bias', 1);
    f.set(`intent:${intent}`, 1);
    if (rulePick === i) {
      f.set('pick', 1);
      f.set(`pick:${intent}`, 1);
    } else if (rulePick < 0) f.set('nopick', 1);
    else if (candidates[rulePick]!.value === c.value && families[rulePick] === family) f.set('samePick', 1);
    f.set(`u:${family}`, 1);
    f.set(`v:${valueBucket(c.value)}`, 1);
    if (c.value % 100 === 0) f.set('round100', 1);
    const r = range.get(family)!;
    if (c.value === r.max && r.n > 1) f.set('maxInUnit', 1);
    if (c.value === r.min && r.n > 1) f.set('minInUnit', 1);
    f.set(`n:${Math.min(candidates.length, 5)}`, 1);
    if (valueCount.get(c.value)! > 1) f.set('repeated', 1);
    if (i === 0) f.set('first', 1);
    if (i === candidates.length - 1) f.set('last', 1);
    f.set(`dist:${distanceBucket(distances[i]!)}`, 1);
    if (distances[i] === nearest) f.set('nearest', 1);
    if (c.start >= item.end) f.set('afterItem', 1);
    const line = lineAt(lines, c.start);
    if (line.index === itemLine) f.set('itemLine', 1);
    if (inTable(tables, c)) f.set('table', 1);
    if (quoteAt >= 0 && c.start > quoteAt) f.set('quoted', 1);
    windowGrams(f, 'b', norm.slice(Math.max(0, c.start - 10), c.start));
    windowGrams(f, 'a', norm.slice(c.end, c.end + 6));
    return f;
  });
}

/** Whether a span lies inside one of the (start-sorted, non-overlapping) table lines. */
function inTable(
  tables: readonly { start: number; end: number }[],
  c: { start: number; end: number },
): boolean {
  let lo = 0;
  let hi = tables.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tables[mid]!.start <= c.start) lo = mid + 1;
    else hi = mid;
  }
  const t = tables[lo - 1];
  return t !== undefined && c.end <= t.end;
}

const indexes = new WeakMap<object, Map<string, number>>();

/** Probability of each candidate being the item's ordered quantity. */
export function quantityProbabilities(
  model: LinearModel<QtyLabel>,
  features: readonly Map<string, number>[],
): number[] {
  let index = indexes.get(model);
  if (index === undefined) {
    index = new Map(model.features.map((f, i) => [f, i]));
    indexes.set(model, index);
  }
  const K = model.labels.length;
  const yes = model.labels.indexOf('ordered');
  return features.map((fs) => {
    const z = model.bias.slice();
    for (const [name, v] of fs) {
      const i = index.get(name);
      if (i === undefined) continue;
      for (let k = 0; k < K; k++) z[k]! += model.weights[i * K + k]! * v;
    }
    const max = Math.max(...z);
    const exp = z.map((v) => Math.exp(v - max));
    return exp[yes]! / exp.reduce((a, b) => a + b, 0);
  });
}

export type QuantityDecision<C> =
  | { kind: 'keep' }
  | { kind: 'none'; probability: number }
  | { kind: 'take'; candidate: C; probability: number };

/**
 * What the scorer makes of the rules' quantity: keep it, replace it with a clearly more probable
 * count, or drop it when improbable. Where the rules attached a count the candidates do not hold
 * (a computed or table total), their reading stands.
 */
export function decideQuantity<C>(
  scorer: Pick<QuantityScorer, 'threshold' | 'override' | 'keep'>,
  candidates: readonly C[],
  probabilities: readonly number[],
  rulePick: number,
  ruleHasQuantity: boolean,
): QuantityDecision<C> {
  if (ruleHasQuantity && rulePick < 0) return { kind: 'keep' };
  // The only count stated, attached by the rules: nothing to choose between.
  if (rulePick >= 0 && candidates.length === 1) return { kind: 'keep' };
  let top = -1;
  probabilities.forEach((p, i) => {
    if (top < 0 || p > probabilities[top]! + 1e-9) top = i;
  });
  if (top < 0) return { kind: 'keep' };
  const best = { candidate: candidates[top]!, probability: probabilities[top]! };
  if (rulePick < 0)
    return best.probability >= scorer.threshold ? { kind: 'take', ...best } : { kind: 'keep' };
  if (top !== rulePick && best.probability >= scorer.override) return { kind: 'take', ...best };
  if (probabilities[rulePick]! < scorer.keep)
    return { kind: 'none', probability: 1 - probabilities[rulePick]! };
  return { kind: 'keep' };
}

export interface QuantityExample {
  features: Map<string, number>;
  ordered: boolean;
}

export function trainQuantityModel(examples: readonly QuantityExample[]): LinearModel<QtyLabel> {
  return trainLinear(
    QTY_LABELS,
    examples.map((e) => ({ features: e.features, label: e.ordered ? 'ordered' : 'other' })),
    { epochs: 40, learningRate: 0.2, l2: 1e-4, minDocFreq: 2, seed: 20261207 },
  );
}
