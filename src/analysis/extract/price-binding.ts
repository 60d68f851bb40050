// Which stated price belongs to which item of a message that names several. The hand rules attach a
// price to the nearest product mention; in quotes, POs and tables with two or three parts the price
// often stands in the item's own segment but nearer another product's name, after a table header,
// in a second paragraph listing prices in item order, or next to the other item's total. A trained
// scorer reads, for every (item, sum) pair, the one-item price features (price-scorer.ts) with the
// item's mention as anchor plus where the sum stands relative to all the items (its own segment,
// another item in between, the same rank in the order of items and prices, another item's rule
// pick), decides per item as the one-item scorer does, and gives a sum to one item only. Pure: the
// model is a parameter.
import type { LinearModel } from '../classify/linear.js';
import type { OrderItem } from '../result.js';
import type { Line } from '../text/segment.js';
import { lineAt } from '../text/segment.js';
import type { OverruleSettings } from './candidate-scoring.js';
import {
  decidePrice,
  type PriceCandidate,
  type PriceLabel,
  priceFeatures,
  priceProbabilities,
} from './price-scorer.js';
import { unitFamily } from './quantity-scorer.js';

export interface BindingScorer extends OverruleSettings {
  readonly model: LinearModel<PriceLabel>;
}

export interface BindingContext {
  norm: string;
  lines: readonly Line[];
  intent: string;
  tableLines: readonly { start: number; end: number }[];
}

type ItemAnchor = Pick<OrderItem, 'span' | 'quantity'>;

const distance = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start >= b.end ? a.start - b.end : b.start >= a.end ? b.start - a.end : 0;

/** Sparse features of each candidate as the price of item `k`, in the candidates' order. */
export function bindingFeatures(
  ctx: BindingContext,
  items: readonly ItemAnchor[],
  candidates: readonly PriceCandidate[],
  k: number,
  picks: readonly number[],
): Map<string, number>[] {
  const item = items[k]!;
  const base = priceFeatures(
    { ...ctx, item: { ...item.span, unit: item.quantity?.unit ?? null } },
    candidates,
    picks[k]!,
  );
  const starts = items.map((it) => it.span.start);
  const order = [...starts].sort((a, b) => a - b);
  const itemRank = order.indexOf(item.span.start);
  // The rank of a sum among the sums of its own kind (currency and unit): the k-th price of a list
  // written in the items' order belongs to the k-th item.
  const familyOf = (c: PriceCandidate) => `${c.currency}/${c.per === null ? '-' : unitFamily(c.per)}`;
  const familyRank = new Map<PriceCandidate, number>();
  const familySize = new Map<string, number>();
  for (const c of candidates) {
    const fam = familyOf(c);
    familyRank.set(c, familySize.get(fam) ?? 0);
    familySize.set(fam, (familySize.get(fam) ?? 0) + 1);
  }
  const itemLine = lineAt(ctx.lines, item.span.start).index;
  const otherLines = new Set(
    items.filter((_, j) => j !== k).map((it) => lineAt(ctx.lines, it.span.start).index),
  );
  return candidates.map((c, i) => {
    const f = base[i]!;
    f.set('multi', 1);
    f.set(`items:${Math.min(items.length, 4)}`, 1);
    const own = distance(c, item.span);
    if (items.every((it, j) => j === k || distance(c, it.span) > own)) f.set('nearestItem', 1);
    const lo = Math.min(c.start, item.span.start);
    const hi = Math.max(c.start, item.span.start);
    const between = starts.some((s, j) => j !== k && s > lo && s < hi);
    if (between) f.set('itemBetween', 1);
    else f.set(c.start >= item.span.start ? 'ownSegment' : 'beforeOwn', 1);
    const fam = familyOf(c);
    if (familySize.get(fam) === items.length)
      f.set(familyRank.get(c) === itemRank ? 'rank:aligned' : 'rank:other', 1);
    if (picks.some((p, j) => j !== k && p === i)) f.set('otherPick', 1);
    const line = lineAt(ctx.lines, c.start).index;
    if (line !== itemLine && otherLines.has(line)) f.set('otherItemLine', 1);
    return f;
  });
}

export type Binding = { kind: 'keep' } | { kind: 'none' } | { kind: 'take'; candidate: number };

/**
 * Each item's decision (keep the rules' price, drop it, or take a candidate), with a candidate given
 * to one item only: where two items would take the same sum, the more probable keeps it and the
 * other keeps the rules' reading.
 */
export function bindPrices(
  settings: OverruleSettings,
  candidates: readonly PriceCandidate[],
  probabilities: readonly (readonly number[])[],
  picks: readonly number[],
  ruleHasValue: readonly boolean[],
  refused: readonly boolean[],
): Binding[] {
  const decisions = probabilities.map((p, k) =>
    decidePrice(settings, candidates, p, picks[k]!, ruleHasValue[k]!, refused),
  );
  const taken = new Map<number, number>();
  const out: Binding[] = decisions.map((d, k) => {
    if (d.kind !== 'take') return d.kind === 'keep' ? { kind: 'keep' } : { kind: 'none' };
    const i = candidates.indexOf(d.candidate);
    const holder = taken.get(i);
    if (holder === undefined || probabilities[holder]![i]! < probabilities[k]![i]!) taken.set(i, k);
    return { kind: 'take', candidate: i };
  });
  return out.map((b, k) => (b.kind === 'take' && taken.get(b.candidate) !== k ? { kind: 'keep' } : b));
}

/** Each item's probabilities over the candidates. */
export function bindingProbabilities(
  model: LinearModel<PriceLabel>,
  features: readonly (readonly Map<string, number>[])[],
): number[][] {
  return features.map((f) => priceProbabilities(model, f));
}
