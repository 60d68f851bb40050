// What the learnt candidate scorers (delivery date, customer, item quantity, unit price) share: the
// window features around a candidate, the probability a binary linear model gives each candidate,
// how a scorer overrules the hand rules' pick, and the positional helpers. Pure.
import type { LinearModel } from '../classify/linear.js';

/** Where quoted history starts in a reply (its numbers and days belong to the earlier message). */
export const QUOTE_MARKER =
  /^(?:>|-{3,}\s*(?:原始邮件|Original Message|Forwarded)|发件人[:：]|From:\s.+\n(?:Sent|发送时间|Date)[:：])/im;

/**
 * Character 1- and 2-grams of a window, digits folded to 0, prefixed by the side they are on.
 * `lower`: letters lower-cased, spaces not counted alone (numbers and dates); `latin`: each run of
 * Latin letters one mark, spaces counted (names, where a space separates company and person).
 */
export function windowGrams(
  features: Map<string, number>,
  side: string,
  text: string,
  fold: 'lower' | 'latin' = 'lower',
): void {
  // Emoji and other astral characters as one marker: a window's edge must not split a surrogate
  // pair (a lone surrogate is no valid feature name in the shipped JSON).
  let t = text
    .replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '☺')
    .replace(/[\uD800-\uDFFF]/g, '')
    .replace(/\d/g, '0');
  t =
    fold === 'latin'
      ? t.replace(/[A-Za-z]+/g, 'a').replace(/\s+/g, ' ')
      : t.replace(/\s+/g, ' ').toLowerCase();
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (fold === 'latin' || c !== ' ') features.set(`${side}1:${c}`, 1);
    if (i + 1 < t.length) features.set(`${side}2:${t.slice(i, i + 2)}`, 1);
  }
}

const indexes = new WeakMap<object, Map<string, number>>();

/** Probability of `label` for each candidate's features under a linear model. */
export function labelProbabilities(
  model: LinearModel<string>,
  label: string,
  features: readonly Map<string, number>[],
): number[] {
  let index = indexes.get(model);
  if (index === undefined) {
    index = new Map(model.features.map((f, i) => [f, i]));
    indexes.set(model, index);
  }
  const K = model.labels.length;
  const yes = model.labels.indexOf(label);
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

/** How far an item-field scorer may overrule the rules (chosen by cross-validation over writers). */
export interface OverruleSettings {
  /** Without a rule pick, the least probability of a candidate taken. */
  readonly threshold: number;
  /** Another candidate at least this probable replaces the rules' pick. */
  readonly override: number;
  /** The rules' pick is dropped when the model gives it less than this. */
  readonly keep: number;
}

export type FieldDecision<C> =
  | { kind: 'keep' }
  | { kind: 'none'; probability: number }
  | { kind: 'take'; candidate: C; probability: number };

/**
 * What a scorer makes of the rules' reading of an item field: keep it, replace it with a clearly
 * more probable candidate, or drop it when improbable. Where the rules read a value the candidates
 * do not hold (a computed total, a bare number), their reading stands; the only candidate, taken by
 * the rules, leaves nothing to choose between; a refused candidate is never taken on the model's word.
 */
export function decideField<C>(
  settings: OverruleSettings,
  candidates: readonly C[],
  probabilities: readonly number[],
  rulePick: number,
  ruleHasValue: boolean,
  refused: readonly boolean[] = [],
): FieldDecision<C> {
  if (ruleHasValue && rulePick < 0) return { kind: 'keep' };
  if (rulePick >= 0 && candidates.length === 1) return { kind: 'keep' };
  let top = -1;
  probabilities.forEach((p, i) => {
    if (refused[i] && i !== rulePick) return;
    if (top < 0 || p > probabilities[top]! + 1e-9) top = i;
  });
  if (top < 0) return { kind: 'keep' };
  const best = { candidate: candidates[top]!, probability: probabilities[top]! };
  if (rulePick < 0)
    return best.probability >= settings.threshold ? { kind: 'take', ...best } : { kind: 'keep' };
  if (top !== rulePick && best.probability >= settings.override) return { kind: 'take', ...best };
  if (probabilities[rulePick]! < settings.keep)
    return { kind: 'none', probability: 1 - probabilities[rulePick]! };
  return { kind: 'keep' };
}

export function valueBucket(v: number): string {
  if (v < 10) return '<10';
  if (v < 100) return '<100';
  if (v < 1000) return '<1k';
  if (v < 10000) return '<10k';
  if (v < 100000) return '<100k';
  return '>=100k';
}

export function distanceBucket(d: number): string {
  if (d <= 4) return '0-4';
  if (d <= 12) return '5-12';
  if (d <= 30) return '13-30';
  if (d <= 80) return '31-80';
  return '>80';
}

/** Whether a span lies inside one of the (start-sorted, non-overlapping) table lines. */
export function inTable(
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

/** Leave-one-writer-out: each group's cases scored by a model trained without them. */
export function heldOutByGroup<P extends { group: string | null }, M>(
  prepared: readonly P[],
  train: (cases: readonly P[]) => M,
  score: (model: M, p: P) => number[],
): { p: P; probabilities: number[] }[] {
  const groups = [...new Set(prepared.map((p) => p.group).filter((g): g is string => g !== null))].sort();
  const heldOut: { p: P; probabilities: number[] }[] = [];
  for (const g of groups) {
    const model = train(prepared.filter((p) => p.group !== g));
    for (const p of prepared.filter((q) => q.group === g))
      heldOut.push({ p, probabilities: score(model, p) });
  }
  return heldOut;
}

/** The settings with the best held-out accuracy; ties go to the first in grid order (closest to the rules). */
export function bestSettings(
  accuracy: (s: OverruleSettings) => number,
  grid: { thresholds: readonly number[]; overrides: readonly number[]; keeps: readonly number[] },
  start: OverruleSettings,
): { settings: OverruleSettings; accuracy: number } {
  let best = start;
  let bestAccuracy = accuracy(best);
  for (const override of grid.overrides)
    for (const keep of grid.keeps)
      for (const threshold of grid.thresholds) {
        const a = accuracy({ threshold, override, keep });
        if (a > bestAccuracy + 1e-9) {
          best = { threshold, override, keep };
          bestAccuracy = a;
        }
      }
  return { settings: best, accuracy: bestAccuracy };
}

/** A one-item message read for an item field: where the item is named, its table lines, the text. */
export interface ItemFieldContext {
  norm: string;
  lines: readonly { start: number; end: number; index: number }[];
  item: { start: number; end: number };
  tableLines: readonly { start: number; end: number }[];
}

/**
 * Where each candidate value of an item field stands (the features quantity and price share): its
 * rank among the values of its family (unit, or currency and unit), how often it is stated, its
 * order among the candidates, its distance to the item, whether it is on the item's line, in an
 * order table or in quoted history, and the words on either side. Returns one adder per candidate,
 * called after the field's own features so each candidate's features keep one order.
 */
export function placementFeatures(
  ctx: ItemFieldContext,
  candidates: readonly { start: number; end: number }[],
  values: readonly number[],
  families: readonly (string | null)[],
  lineAt: (lines: ItemFieldContext['lines'], pos: number) => { index: number },
): (f: Map<string, number>, i: number) => void {
  const { norm, lines, item } = ctx;
  const quoteAt = norm.search(QUOTE_MARKER);
  const distances = candidates.map((c) =>
    c.start >= item.end ? c.start - item.end : item.start >= c.end ? item.start - c.end : 0,
  );
  const nearest = distances.reduce((a, b) => Math.min(a, b), Infinity);
  const itemLine = lineAt(lines, item.start).index;
  // Per family: the largest and smallest value and how many; per value: how often it is stated.
  const range = new Map<string | null, { max: number; min: number; n: number }>();
  const valueCount = new Map<number, number>();
  values.forEach((v, i) => {
    const r = range.get(families[i]!) ?? { max: -Infinity, min: Infinity, n: 0 };
    range.set(families[i]!, { max: Math.max(r.max, v), min: Math.min(r.min, v), n: r.n + 1 });
    valueCount.set(v, (valueCount.get(v) ?? 0) + 1);
  });
  const tables = [...ctx.tableLines].sort((a, b) => a.start - b.start);
  return (f, i) => {
    const c = candidates[i]!;
    const v = values[i]!;
    const r = range.get(families[i]!)!;
    if (v === r.max && r.n > 1) f.set('maxInUnit', 1);
    if (v === r.min && r.n > 1) f.set('minInUnit', 1);
    f.set(`n:${Math.min(candidates.length, 5)}`, 1);
    if (valueCount.get(v)! > 1) f.set('repeated', 1);
    if (i === 0) f.set('first', 1);
    if (i === candidates.length - 1) f.set('last', 1);
    f.set(`dist:${distanceBucket(distances[i]!)}`, 1);
    if (distances[i] === nearest) f.set('nearest', 1);
    if (c.start >= item.end) f.set('afterItem', 1);
    if (lineAt(lines, c.start).index === itemLine) f.set('itemLine', 1);
    if (inTable(tables, c)) f.set('table', 1);
    if (quoteAt >= 0 && c.start > quoteAt) f.set('quoted', 1);
    windowGrams(f, 'b', norm.slice(Math.max(0, c.start - 10), c.start));
    windowGrams(f, 'a', norm.slice(c.end, c.end + 6));
  };
}
