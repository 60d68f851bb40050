// Trains the several-item price binder (price-binding.ts) on messages that name two or more items,
// and chooses how far it may overrule the hand rules by leave-one-writer-out cross-validation, as
// the one-item scorers do (candidate-scoring.ts).
import type { GoldItem } from '../evaluation/gold.js';
import { matchItem } from '../evaluation/score.js';
import type { OrderItem } from '../result.js';
import { bestSettings, heldOutByGroup, type OverruleSettings } from './candidate-scoring.js';
import { type BindingScorer, bindingFeatures, bindingProbabilities, bindPrices } from './price-binding.js';
import { pricePickOf } from './price-model.js';
import {
  type PriceCandidate,
  type PriceExample,
  priceCandidates,
  refusedPrices,
  trainPriceModel,
} from './price-scorer.js';
import type { RuleReading } from './price-training.js';

export interface BindingCase {
  reading: RuleReading;
  gold: readonly GoldItem[];
  group: string | null;
}

interface Prepared {
  group: string | null;
  candidates: PriceCandidate[];
  picks: number[];
  ruleKeys: (string | null)[];
  /** The annotated price of each item the rules read, or undefined where no annotated item matches. */
  goldKeys: (string | null | undefined)[];
  refused: boolean[];
  features: Map<string, number>[][];
}

const key = (p: { amount: number; currency: string } | null) =>
  p === null ? null : `${p.amount}|${p.currency}`;

function goldOf(items: readonly OrderItem[], gold: readonly GoldItem[]): (string | null | undefined)[] {
  const out: (string | null | undefined)[] = items.map(() => undefined);
  for (const g of gold) {
    const p = matchItem(g, items);
    if (p === null) continue;
    const k = items.indexOf(p);
    if (out[k] !== undefined) continue;
    out[k] = g.unit_price === null ? null : key({ amount: g.unit_price, currency: g.currency ?? 'CNY' });
  }
  return out;
}

function prepare(c: BindingCase): Prepared | null {
  const { reading } = c;
  const items = reading.items.items;
  if (items.length < 2 || c.gold.length < 2) return null;
  const candidates = priceCandidates(reading.money);
  if (candidates.length === 0) return null;
  const goldKeys = goldOf(items, c.gold);
  if (goldKeys.every((g) => g === undefined)) return null;
  const picks = items.map((it) => pricePickOf(candidates, it.unitPrice));
  const ctx = {
    norm: reading.norm,
    lines: reading.lines,
    intent: reading.intent,
    tableLines: reading.items.tableLines,
  };
  return {
    group: c.group,
    candidates,
    picks,
    ruleKeys: items.map((it) => key(it.unitPrice)),
    goldKeys,
    refused: refusedPrices(reading.norm, reading.lines, candidates, (i) => reading.supplierLines[i] === true),
    features: items.map((_, k) => bindingFeatures(ctx, items, candidates, k, picks)),
  };
}

const examplesOf = (cases: readonly Prepared[]): PriceExample[] =>
  cases.flatMap((p) =>
    p.features.flatMap((fs, k) =>
      p.goldKeys[k] === undefined
        ? []
        : p.candidates.map((c, i) => ({ features: fs[i]!, isPrice: key(c) === p.goldKeys[k] })),
    ),
  );

function outcomes(settings: OverruleSettings, p: Prepared, probabilities: number[][]): (string | null)[] {
  const bound = bindPrices(
    settings,
    p.candidates,
    probabilities,
    p.picks,
    p.ruleKeys.map((r) => r !== null),
    p.refused,
  );
  return bound.map((b, k) =>
    b.kind === 'keep' ? p.ruleKeys[k]! : b.kind === 'none' ? null : key(p.candidates[b.candidate]!),
  );
}

const THRESHOLDS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01];
const OVERRIDES = [1.01, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5];
const KEEPS = [0, 0.02, 0.05, 0.1, 0.2];

export interface BindingTraining {
  scorer: BindingScorer;
  crossValidated: {
    rules: number;
    scorer: number;
    threshold: number;
    override: number;
    keep: number;
    items: number;
  };
}

export function trainPriceBinding(cases: readonly BindingCase[]): BindingTraining {
  const prepared = cases.map(prepare).filter((p): p is Prepared => p !== null);
  // heldOutByGroup scores one flat list per case: the items' probabilities one after another.
  const heldOut = heldOutByGroup(
    prepared,
    (ps) => trainPriceModel(examplesOf(ps)),
    (model, p) => bindingProbabilities(model, p.features).flat(),
  ).map((h) => ({
    p: h.p,
    probabilities: h.p.features.map((_, k) =>
      h.probabilities.slice(k * h.p.candidates.length, (k + 1) * h.p.candidates.length),
    ),
  }));
  const scored = heldOut.reduce((n, h) => n + h.p.goldKeys.filter((g) => g !== undefined).length, 0);
  const correct = (pick: (h: (typeof heldOut)[number]) => (string | null)[]) =>
    heldOut.reduce(
      (n, h) =>
        n + pick(h).filter((got, k) => h.p.goldKeys[k] !== undefined && got === h.p.goldKeys[k]).length,
      0,
    ) / Math.max(1, scored);
  const accuracy = (settings: OverruleSettings) => correct((h) => outcomes(settings, h.p, h.probabilities));
  const best = bestSettings(
    accuracy,
    { thresholds: THRESHOLDS, overrides: OVERRIDES, keeps: KEEPS },
    { threshold: 1.01, override: 1.01, keep: 0 },
  );
  const model = trainPriceModel(examplesOf(prepared));
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    scorer: { model, ...best.settings },
    crossValidated: {
      rules: round(correct((h) => h.p.ruleKeys)),
      scorer: round(best.accuracy),
      ...best.settings,
      items: scored,
    },
  };
}
