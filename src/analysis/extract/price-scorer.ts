// Which price of a one-item message is the item's unit price, decided by a trained scorer over every
// sum of money the message states. The hand rules (items.ts) take the price nearest the product with
// cue words for competitors, negotiation and totals; a message states many other sums — the
// supplier's quote against the customer's target, the old price of a change, a list price, a fee, a
// total, a claim — and each new wording slipped past some cue. The scorer learns from the words
// around every sum, whether it is per the item's unit, its rank and the intent which one is the
// agreed or proposed unit price; the rules' pick is one of its features. Pure: the model is a parameter.
import { type LinearModel, trainLinear } from '../classify/linear.js';
import type { MoneyMention } from '../entities/index.js';
import type { Line } from '../text/segment.js';
import { lineAt } from '../text/segment.js';
import { decideField, labelProbabilities, placementFeatures, valueBucket } from './candidate-scoring.js';
import { TARGET_BEFORE } from './items.js';
import { unitFamily } from './quantity-scorer.js';

export const PRICE_LABELS = ['price', 'other'] as const;
export type PriceLabel = (typeof PRICE_LABELS)[number];

export interface PriceScorer {
  readonly model: LinearModel<PriceLabel>;
  /** Without a rule pick, the least probability of a sum taken as the item's unit price. */
  readonly threshold: number;
  /** Another sum at least this probable replaces the rules' pick. */
  readonly override: number;
  /** The rules' pick is dropped when the model gives it less than this. */
  readonly keep: number;
}

export type PriceCandidate = MoneyMention;

/** The sums of money a message states (not ranges: a range is no agreed price). */
export function priceCandidates(money: readonly MoneyMention[]): PriceCandidate[] {
  return money.filter((m) => m.amount > 0 && m.range === undefined);
}

export interface PriceFeatureContext {
  norm: string;
  lines: readonly Line[];
  intent: string;
  /** Where the item's product is named, and its quantity's unit. */
  item: { start: number; end: number; unit: string | null };
  /** Lines of order tables. */
  tableLines: readonly { start: number; end: number }[];
}

/** Sparse features of each candidate, in the candidates' order. */
export function priceFeatures(
  ctx: PriceFeatureContext,
  candidates: readonly PriceCandidate[],
  rulePick: number,
): Map<string, number>[] {
  const { intent } = ctx;
  const families = candidates.map((c) => `${c.currency}/${c.per === null ? 'none' : unitFamily(c.per)}`);
  const itemFamily = unitFamily(ctx.item.unit);
  const placed = placementFeatures(
    ctx,
    candidates,
    candidates.map((c) => c.amount),
    families,
    lineAt,
  );
  return candidates.map((c, i) => {
    const f = new Map<string, number>();
    f.set('bias', 1);
    f.set(`intent:${intent}`, 1);
    if (rulePick === i) {
      f.set('pick', 1);
      f.set(`pick:${intent}`, 1);
    } else if (rulePick < 0) f.set('nopick', 1);
    else if (candidates[rulePick]!.amount === c.amount) f.set('samePick', 1);
    f.set(`cur:${c.currency}`, 1);
    if (c.per === null) f.set('per:none', 1);
    else if (itemFamily !== null && unitFamily(c.per) === itemFamily) f.set('per:itemUnit', 1);
    else f.set(`per:${unitFamily(c.per)}`, 1);
    if (c.taxIncluded !== null) f.set(`tax:${c.taxIncluded}`, 1);
    f.set(`v:${valueBucket(c.amount)}`, 1);
    if (!Number.isInteger(c.amount)) f.set('decimal', 1);
    placed(f, i);
    return f;
  });
}

/** Probability of each candidate being the item's unit price. */
export function priceProbabilities(
  model: LinearModel<PriceLabel>,
  features: readonly Map<string, number>[],
): number[] {
  return labelProbabilities(model, 'price', features);
}

// 别家报价140 / 市场价: another supplier's price; 太贵了 / 再降点 after an offer: the offer is refused.
const COMPETITOR =
  /别家|友商|竞争|同行|其他供应商|其它供应商|人家|对手|竞品|市场价|别人|其他厂|其它厂|另一家|他们报|对方报|某供应商|其他家|competitor/i;
const COUNTERED = /太贵|贵了|偏高|还是高|降点|再降|便宜点|再少|too (?:high|expensive)/i;

/**
 * Sums the scorer may never take on its own: said by the supplier (an offer; taken only when the
 * rules see the customer accept it), another supplier's price, or an offer the customer then counters.
 * Such cues lie in other turns and sentences, beyond the scorer's window.
 */
export function refusedPrices(
  norm: string,
  lines: readonly Line[],
  candidates: readonly PriceCandidate[],
  isSupplierLine: (lineIndex: number) => boolean,
): boolean[] {
  return candidates.map((c) => {
    const line = lineAt(lines, c.start);
    if (isSupplierLine(line.index)) return true;
    // The customer's target is its proposed price, whatever else the sentence cites.
    if (TARGET_BEFORE.test(norm.slice(Math.max(0, c.start - 14), c.start))) return false;
    const sentenceStart = Math.max(line.start, norm.lastIndexOf('。', c.start) + 1);
    if (COMPETITOR.test(norm.slice(sentenceStart, c.start))) return true;
    const next = lines[line.index + 1];
    const after = norm.slice(
      c.end,
      next ? Math.min(norm.length, (lines[line.index + 2] ?? next).end) : line.end,
    );
    return COUNTERED.test(after);
  });
}

/** What the scorer makes of the rules' reading (candidate-scoring.ts `decideField`). */
export const decidePrice = decideField;

export interface PriceExample {
  features: Map<string, number>;
  isPrice: boolean;
}

export function trainPriceModel(examples: readonly PriceExample[]): LinearModel<PriceLabel> {
  return trainLinear(
    PRICE_LABELS,
    examples.map((e) => ({ features: e.features, label: e.isPrice ? 'price' : 'other' })),
    { epochs: 40, learningRate: 0.2, l2: 1e-4, minDocFreq: 2, seed: 20261207 },
  );
}
