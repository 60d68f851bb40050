// Which day of a message is the delivery date, decided by a trained scorer over the candidates the
// delivery rules describe (delivery.ts). The rules' signals stay its strongest features; what it
// adds is the wording around each day, its rank among the others and where it sits (quoted
// history, table rows, first or last lines), learnt from the written training corpus
// (data-train/corpus) instead of added one wording at a time. Pure: the model is a parameter.
import { type LinearModel, trainLinear } from '../classify/linear.js';
import { labelProbabilities, QUOTE_MARKER, windowGrams } from './candidate-scoring.js';
import type { DeliveryCandidate } from './delivery.js';

export const DUE_LABELS = ['due', 'other'] as const;
export type DueLabel = (typeof DUE_LABELS)[number];

/**
 * The learnt model and how far it may overrule the hand rules. The rules' pick is itself a
 * feature, but a rule that has a day is kept unless the model finds that day improbable or
 * another day clearly more probable; where the rules have none, the model's best day must be
 * probable enough. The three numbers are chosen by cross-validation over writers
 * (delivery-training.ts).
 */
export interface DeliveryScorer {
  readonly model: LinearModel<DueLabel>;
  /** Without a rule pick, the least probability of a day taken as the delivery date. */
  readonly threshold: number;
  /** Another day at least this probable replaces the rules' pick. */
  readonly override: number;
  /** The rules' pick is dropped when the model gives it less than this. */
  readonly keep: number;
}

const DEADLINE_AFTER = /^\s*(?:之前|以前|前|内|为止|以内)/;

function daysBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 86_400_000;
}

function aheadBucket(days: number): string {
  if (days <= 3) return '0-3';
  if (days <= 14) return '4-14';
  if (days <= 45) return '15-45';
  if (days <= 120) return '46-120';
  return '>120';
}

/** Sparse features of each candidate, in the candidates' order. */
export function deliveryFeatures(
  norm: string,
  candidates: readonly DeliveryCandidate[],
  refDate: string,
  rulePick: DeliveryCandidate | null,
  /** What the message is for (a chaser's promised day is its delivery date; a complaint's is not). */
  intent: string,
): Map<string, number>[] {
  const quoteAt = norm.search(QUOTE_MARKER);
  const dates = candidates.map((c) => c.date).sort();
  const ruled = candidates.filter((c) => c.rule !== null).map((c) => c.date);
  const latest = dates[dates.length - 1];
  const earliest = dates[0];
  const latestRuled = ruled.sort()[ruled.length - 1];
  const distinct = new Set(dates).size;
  const firstBreak = norm.indexOf('\n');
  return candidates.map((c) => {
    const f = new Map<string, number>();
    f.set('bias', 1);
    f.set(`intent:${intent}`, 1);
    f.set(`intent:${intent}:${c.rule ?? 'none'}`, 1);
    for (const [name, on] of Object.entries(c.signals)) if (on) f.set(`s:${name}`, 1);
    f.set(`r:${c.rule ?? 'none'}`, 1);
    if (rulePick !== null && c.date === rulePick.date) f.set('pick', 1);
    if (rulePick === null) f.set('nopick', 1);
    if (c.date === latest) f.set('latest', 1);
    if (c.date === earliest && distinct > 1) f.set('earliest', 1);
    if (latestRuled !== undefined && c.date === latestRuled) f.set('latestRuled', 1);
    f.set(`n:${Math.min(distinct, 4)}`, 1);
    if (dates.filter((d) => d === c.date).length > 1) f.set('repeated', 1);
    f.set(`ahead:${aheadBucket(daysBetween(refDate, c.date))}`, 1);
    if (/年|\d{4}/.test(c.text)) f.set('t:year', 1);
    if (/[今明后下本这周天]|tomorrow|next/i.test(c.text)) f.set('t:relative', 1);
    if (/(?:之前|以前|前|内|为止)$/.test(c.text) || DEADLINE_AFTER.test(norm.slice(c.end, c.end + 3)))
      f.set('t:deadline', 1);
    if (quoteAt >= 0 && c.start > quoteAt) f.set('quoted', 1);
    if (firstBreak < 0 || c.start < firstBreak) f.set('line:first', 1);
    if (c.start > norm.length * 0.85) f.set('pos:end', 1);
    windowGrams(f, 'b', norm.slice(Math.max(0, c.start - 12), c.start));
    windowGrams(f, 'a', norm.slice(c.end, c.end + 8));
    return f;
  });
}

/** Probability of each candidate being the delivery date. */
export function dueProbabilities(
  scorer: Pick<DeliveryScorer, 'model'>,
  features: readonly Map<string, number>[],
): number[] {
  return labelProbabilities(scorer.model, 'due', features);
}

/**
 * Days the grammar rules out whatever the wording around them: a payment, reply or document
 * deadline, the day a term starts, the old day of a change. The model ranks only the others.
 */
function ruledOut(c: { signals?: DeliveryCandidate['signals'] }): boolean {
  const s = c.signals;
  return (
    s !== undefined &&
    (s.otherTopic || s.documentsOnly || s.paymentSentence || s.periodStart || s.changedFrom || s.superseded)
  );
}

/** The candidate the scorer decides for (ties go to the later day: the last of several batches). */
export function decideDeliveryDate<C extends { date: string; signals?: DeliveryCandidate['signals'] }>(
  scorer: Omit<DeliveryScorer, 'model'>,
  candidates: readonly C[],
  probabilities: readonly number[],
  rulePick: C | null,
): { candidate: C; probability: number } | null {
  let top = -1;
  probabilities.forEach((p, i) => {
    if (ruledOut(candidates[i]!)) return;
    const b = top < 0 ? -1 : probabilities[top]!;
    if (top < 0 || p > b + 1e-9 || (Math.abs(p - b) <= 1e-9 && candidates[i]!.date > candidates[top]!.date))
      top = i;
  });
  if (top < 0) return null;
  const best = { candidate: candidates[top]!, probability: probabilities[top]! };
  if (rulePick === null) return best.probability >= scorer.threshold ? best : null;
  let pickProbability = 0;
  candidates.forEach((c, i) => {
    if (c.date === rulePick.date) pickProbability = Math.max(pickProbability, probabilities[i]!);
  });
  if (best.candidate.date !== rulePick.date && best.probability >= scorer.override) return best;
  if (pickProbability < scorer.keep) return null;
  const at = candidates.indexOf(rulePick);
  return { candidate: rulePick, probability: at >= 0 ? probabilities[at]! : pickProbability };
}

export interface DeliveryExample {
  features: Map<string, number>;
  due: boolean;
}

export function trainDeliveryModel(examples: readonly DeliveryExample[]): LinearModel<DueLabel> {
  return trainLinear(
    DUE_LABELS,
    examples.map((e) => ({ features: e.features, label: e.due ? 'due' : 'other' })),
    { epochs: 40, learningRate: 0.2, l2: 1e-4, minDocFreq: 3, seed: 20261207 },
  );
}
