// The shipped unit-price scorer, trained by `npm run train` (price-training.ts).
import { type PackedLinearModel, unpackLinear } from '../classify/linear.js';
import type { MoneyMention } from '../entities/index.js';
import priceJson from '../models/price.json' with { type: 'json' };
import type { Line } from '../text/segment.js';
import type { ItemsResult } from './items.js';
import {
  decidePrice,
  type PriceLabel,
  type PriceScorer,
  priceCandidates,
  priceFeatures,
  priceProbabilities,
  refusedPrices,
} from './price-scorer.js';

interface PackedPriceScorer {
  threshold: number;
  override: number;
  keep: number;
  model: PackedLinearModel<PriceLabel>;
}

const packed = priceJson as unknown as PackedPriceScorer;

export const shippedPriceScorer: PriceScorer = {
  model: unpackLinear(packed.model),
  threshold: packed.threshold,
  override: packed.override,
  keep: packed.keep,
};

export interface ItemPriceContext {
  norm: string;
  lines: readonly Line[];
  intent: string;
  money: readonly MoneyMention[];
  isSupplierLine: (lineIndex: number) => boolean;
}

/** The index of the sum the rules took as the item's price, or -1. */
export function pricePickOf(
  candidates: readonly MoneyMention[],
  price: { amount: number; currency: string } | null,
): number {
  if (price === null) return -1;
  return candidates.findIndex((c) => c.amount === price.amount && c.currency === price.currency);
}

/**
 * A one-item message's unit price as the shipped scorer reads it among the stated sums. Messages
 * with several items keep the rules' reading: which price binds to which item is theirs to say.
 */
export function likelyItemPrice(
  items: ItemsResult,
  ctx: ItemPriceContext,
  scorer: PriceScorer = shippedPriceScorer,
): ItemsResult {
  if (items.items.length !== 1) return items;
  const item = items.items[0]!;
  const candidates = priceCandidates(ctx.money);
  if (candidates.length === 0) return items;
  const pick = pricePickOf(candidates, item.unitPrice);
  const features = priceFeatures(
    {
      norm: ctx.norm,
      lines: ctx.lines,
      intent: ctx.intent,
      item: { ...item.span, unit: item.quantity?.unit ?? null },
      tableLines: items.tableLines,
    },
    candidates,
    pick,
  );
  const probabilities = priceProbabilities(scorer.model, features);
  const refused = refusedPrices(ctx.norm, ctx.lines, candidates, ctx.isSupplierLine);
  const decision = decidePrice(scorer, candidates, probabilities, pick, item.unitPrice !== null, refused);
  if (decision.kind === 'keep') return items;
  const unitPrice =
    decision.kind === 'none'
      ? null
      : {
          amount: decision.candidate.amount,
          currency: decision.candidate.currency,
          per: decision.candidate.per ?? item.quantity?.unit ?? null,
          taxIncluded: decision.candidate.taxIncluded,
        };
  return { ...items, items: [{ ...item, unitPrice }] };
}
