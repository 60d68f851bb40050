// The shipped several-item price binder, trained by `npm run train` (price-binding-training.ts).
import { type PackedLinearModel, unpackLinear } from '../classify/linear.js';
import type { MoneyMention } from '../entities/index.js';
import bindingJson from '../models/price-binding.json' with { type: 'json' };
import type { Line } from '../text/segment.js';
import type { ItemsResult } from './items.js';
import { type BindingScorer, bindingFeatures, bindingProbabilities, bindPrices } from './price-binding.js';
import { pricePickOf } from './price-model.js';
import { type PriceLabel, priceCandidates, refusedPrices } from './price-scorer.js';

interface PackedBindingScorer {
  threshold: number;
  override: number;
  keep: number;
  model: PackedLinearModel<PriceLabel>;
}

const packed = bindingJson as unknown as PackedBindingScorer;

export const shippedBindingScorer: BindingScorer = {
  model: unpackLinear(packed.model),
  threshold: packed.threshold,
  override: packed.override,
  keep: packed.keep,
};

/** Far above a real message (a PO with a dozen lines and their prices and totals). */
export const MAX_PAIRS = 2_000;

export interface ItemPricesContext {
  norm: string;
  lines: readonly Line[];
  intent: string;
  money: readonly MoneyMention[];
  isSupplierLine: (lineIndex: number) => boolean;
}

/** The unit price of each item of a message naming several, as the shipped binder reads them. */
export function likelyItemPrices(
  items: ItemsResult,
  ctx: ItemPricesContext,
  scorer: BindingScorer = shippedBindingScorer,
): ItemsResult {
  if (items.items.length < 2) return items;
  const candidates = priceCandidates(ctx.money);
  if (candidates.length === 0) return items;
  // Every item × sum pair is scored: a pasted price list or a megabyte of repeated orders would
  // cost time and memory quadratic in its size for no better reading than the rules'.
  if (items.items.length * candidates.length > MAX_PAIRS) return items;
  const picks = items.items.map((it) => pricePickOf(candidates, it.unitPrice));
  const features = items.items.map((_, k) =>
    bindingFeatures(
      { norm: ctx.norm, lines: ctx.lines, intent: ctx.intent, tableLines: items.tableLines },
      items.items,
      candidates,
      k,
      picks,
    ),
  );
  const bound = bindPrices(
    scorer,
    candidates,
    bindingProbabilities(scorer.model, features),
    picks,
    items.items.map((it) => it.unitPrice !== null),
    refusedPrices(ctx.norm, ctx.lines, candidates, ctx.isSupplierLine),
  );
  if (bound.every((b) => b.kind === 'keep')) return items;
  return {
    ...items,
    items: items.items.map((item, k) => {
      const b = bound[k]!;
      if (b.kind === 'keep') return item;
      if (b.kind === 'none') return { ...item, unitPrice: null };
      const c = candidates[b.candidate]!;
      return {
        ...item,
        unitPrice: {
          amount: c.amount,
          currency: c.currency,
          per: c.per ?? item.quantity?.unit ?? null,
          taxIncluded: c.taxIncluded,
        },
      };
    }),
  };
}
