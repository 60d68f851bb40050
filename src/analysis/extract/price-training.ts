// Trains the unit-price scorer (price-scorer.ts) on one-item messages and chooses how far it
// may overrule the hand rules by leave-one-writer-out cross-validation, so its settings are those
// that hold on a writer the model has not seen.

import type { MoneyMention } from '../entities/index.js';
import type { Line } from '../text/segment.js';
import { bestSettings, heldOutByGroup, type OverruleSettings } from './candidate-scoring.js';
import type { ItemsResult } from './items.js';
import { pricePickOf } from './price-model.js';
import {
  decidePrice,
  type PriceExample,
  type PriceScorer,
  priceCandidates,
  priceFeatures,
  priceProbabilities,
  refusedPrices,
  trainPriceModel,
} from './price-scorer.js';

/** What the rules read of a message's items (analyze.ts `itemsAsRulesRead`). */
export interface RuleReading {
  norm: string;
  lines: Line[];
  intent: string;
  money: MoneyMention[];
  items: ItemsResult;
  /** Lines said by the supplier's own staff (chat and call turns). */
  supplierLines: readonly boolean[];
}

export interface PriceCase {
  reading: RuleReading;
  /** The annotated items' unit prices ({amount, currency} or null per item). */
  gold: readonly ({ amount: number; currency: string } | null)[];
  group: string | null;
}

interface Prepared {
  goldKey: string | null;
  group: string | null;
  candidates: MoneyMention[];
  pick: number;
  ruleKey: string | null;
  refused: boolean[];
  features: Map<string, number>[];
}

const key = (p: { amount: number; currency: string } | null) =>
  p === null ? null : `${p.amount}|${p.currency}`;

/** One-item messages (as annotated and as the rules read them) with at least one stated sum. */
function prepare(c: PriceCase): Prepared | null {
  const { reading } = c;
  if (c.gold.length !== 1 || reading.items.items.length !== 1) return null;
  const item = reading.items.items[0]!;
  const candidates = priceCandidates(reading.money);
  if (candidates.length === 0) return null;
  const pick = pricePickOf(candidates, item.unitPrice);
  return {
    goldKey: key(c.gold[0]!),
    group: c.group,
    candidates,
    pick,
    ruleKey: key(item.unitPrice),
    refused: refusedPrices(reading.norm, reading.lines, candidates, (i) => reading.supplierLines[i] === true),
    features: priceFeatures(
      {
        norm: reading.norm,
        lines: reading.lines,
        intent: reading.intent,
        item: { ...item.span, unit: item.quantity?.unit ?? null },
        tableLines: reading.items.tableLines,
      },
      candidates,
      pick,
    ),
  };
}

const examplesOf = (cases: readonly Prepared[]): PriceExample[] =>
  cases.flatMap((p) =>
    p.candidates.map((c, i) => ({ features: p.features[i]!, isPrice: key(c) === p.goldKey })),
  );

const THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01];
const OVERRIDES = [1.01, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3];
const KEEPS = [0, 0.02, 0.05, 0.1, 0.15, 0.2];

export interface PriceTraining {
  scorer: PriceScorer;
  crossValidated: {
    rules: number;
    scorer: number;
    threshold: number;
    override: number;
    keep: number;
    cases: number;
  };
}

function outcome(settings: OverruleSettings, p: Prepared, probabilities: number[]): string | null {
  const d = decidePrice(settings, p.candidates, probabilities, p.pick, p.ruleKey !== null, p.refused);
  if (d.kind === 'keep') return p.ruleKey;
  if (d.kind === 'none') return null;
  return key(d.candidate);
}

export function trainPriceScorer(cases: readonly PriceCase[]): PriceTraining {
  const prepared = cases.map(prepare).filter((p): p is Prepared => p !== null);
  const heldOut = heldOutByGroup(
    prepared,
    (ps) => trainPriceModel(examplesOf(ps)),
    (model, p) => priceProbabilities(model, p.features),
  );
  const accuracy = (settings: OverruleSettings) =>
    heldOut.filter((h) => outcome(settings, h.p, h.probabilities) === h.p.goldKey).length /
    Math.max(1, heldOut.length);
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
      rules: round(heldOut.filter((h) => h.p.ruleKey === h.p.goldKey).length / Math.max(1, heldOut.length)),
      scorer: round(best.accuracy),
      ...best.settings,
      cases: heldOut.length,
    },
  };
}
