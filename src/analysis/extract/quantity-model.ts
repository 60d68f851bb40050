// The shipped item-quantity scorer, trained by `npm run train` (quantity-training.ts).
import { type PackedLinearModel, unpackLinear } from '../classify/linear.js';
import type { QuantityMention } from '../entities/index.js';
import quantityJson from '../models/quantity.json' with { type: 'json' };
import type { Line } from '../text/segment.js';
import type { ItemsResult } from './items.js';
import {
  decideQuantity,
  type QtyLabel,
  type QuantityScorer,
  quantityCandidates,
  quantityFeatures,
  quantityProbabilities,
  unitFamily,
} from './quantity-scorer.js';

interface PackedQuantityScorer {
  threshold: number;
  override: number;
  keep: number;
  model: PackedLinearModel<QtyLabel>;
}

const packed = quantityJson as unknown as PackedQuantityScorer;

export const shippedQuantityScorer: QuantityScorer = {
  model: unpackLinear(packed.model),
  threshold: packed.threshold,
  override: packed.override,
  keep: packed.keep,
};

export interface ItemQuantityContext {
  norm: string;
  lines: readonly Line[];
  intent: string;
  quantities: readonly QuantityMention[];
}

/** The index of the count the rules attached to the item, or -1. */
export function rulePickOf(
  candidates: readonly QuantityMention[],
  quantity: { value: number; unit: string | null } | null,
): number {
  if (quantity === null) return -1;
  return candidates.findIndex(
    (c) => c.value === quantity.value && unitFamily(c.unit) === unitFamily(quantity.unit),
  );
}

/**
 * A one-item message's quantity as the shipped scorer reads it among the stated counts. Messages
 * with several items keep the rules' reading: which count binds to which item is theirs to say.
 */
export function likelyItemQuantity(
  items: ItemsResult,
  ctx: ItemQuantityContext,
  scorer: QuantityScorer = shippedQuantityScorer,
): ItemsResult {
  if (items.items.length !== 1) return items;
  const item = items.items[0]!;
  const candidates = quantityCandidates(ctx.quantities);
  if (candidates.length === 0) return items;
  const pick = rulePickOf(candidates, item.quantity);
  const features = quantityFeatures(
    { norm: ctx.norm, lines: ctx.lines, intent: ctx.intent, item: item.span, tableLines: items.tableLines },
    candidates,
    pick,
  );
  const probabilities = quantityProbabilities(scorer.model, features);
  const decision = decideQuantity(scorer, candidates, probabilities, pick, item.quantity !== null);
  const round3 = (v: number) => Math.round(v * 1000) / 1000;
  if (decision.kind === 'keep') {
    // A count the rules computed (not among the stated ones) has no probability of the scorer's.
    if (pick < 0 && item.quantity !== null) return items;
    const confidence = pick >= 0 ? probabilities[pick]! : 1 - Math.max(...probabilities);
    return { ...items, items: [{ ...item, confidence: round3(confidence) }] };
  }
  const quantity =
    decision.kind === 'none'
      ? null
      : { value: decision.candidate.value, unit: decision.candidate.unit.trim() || null };
  return { ...items, items: [{ ...item, quantity, confidence: round3(decision.probability) }] };
}
