// Trains the item-quantity scorer (quantity-scorer.ts) on one-item messages and chooses how far it
// may overrule the hand rules by leave-one-writer-out cross-validation, so its settings are those
// that hold on a writer the model has not seen.

import type { QuantityMention } from '../entities/index.js';
import type { Line } from '../text/segment.js';
import { bestSettings, heldOutByGroup, type OverruleSettings } from './candidate-scoring.js';
import type { ItemsResult } from './items.js';
import { rulePickOf } from './quantity-model.js';
import {
  decideQuantity,
  type QuantityExample,
  type QuantityScorer,
  quantityCandidates,
  quantityFeatures,
  quantityProbabilities,
  trainQuantityModel,
  unitFamily,
} from './quantity-scorer.js';

/** What the rules read of a message's items (analyze.ts `itemsAsRulesRead`). */
export interface RuleReading {
  norm: string;
  lines: Line[];
  intent: string;
  quantities: QuantityMention[];
  items: ItemsResult;
}

export interface QuantityCase {
  reading: RuleReading;
  /** The annotated items' quantities ({value, unit} or null per item). */
  gold: readonly ({ value: number; unit: string | null } | null)[];
  group: string | null;
}

interface Prepared {
  goldKey: string | null;
  group: string | null;
  candidates: QuantityMention[];
  pick: number;
  ruleKey: string | null;
  features: Map<string, number>[];
}

const key = (q: { value: number; unit: string | null } | null) =>
  q === null ? null : `${q.value}|${unitFamily(q.unit)}`;

/** One-item messages (as annotated and as the rules read them) with at least one stated count. */
function prepare(c: QuantityCase): Prepared | null {
  const { reading } = c;
  if (c.gold.length !== 1 || reading.items.items.length !== 1) return null;
  const item = reading.items.items[0]!;
  const candidates = quantityCandidates(reading.quantities);
  if (candidates.length === 0) return null;
  const pick = rulePickOf(candidates, item.quantity);
  return {
    goldKey: key(c.gold[0]!),
    group: c.group,
    candidates,
    pick,
    ruleKey: key(item.quantity),
    features: quantityFeatures(
      {
        norm: reading.norm,
        lines: reading.lines,
        intent: reading.intent,
        item: item.span,
        tableLines: reading.items.tableLines,
      },
      candidates,
      pick,
    ),
  };
}

const examplesOf = (cases: readonly Prepared[]): QuantityExample[] =>
  cases.flatMap((p) =>
    p.candidates.map((c, i) => ({ features: p.features[i]!, ordered: key(c) === p.goldKey })),
  );

const THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01];
const OVERRIDES = [1.01, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3];
const KEEPS = [0, 0.02, 0.05, 0.1, 0.15, 0.2];

export interface QuantityTraining {
  scorer: QuantityScorer;
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
  const d = decideQuantity(settings, p.candidates, probabilities, p.pick, p.ruleKey !== null);
  if (d.kind === 'keep') return p.ruleKey;
  if (d.kind === 'none') return null;
  return key(d.candidate);
}

export function trainQuantityScorer(cases: readonly QuantityCase[]): QuantityTraining {
  const prepared = cases.map(prepare).filter((p): p is Prepared => p !== null);
  const heldOut = heldOutByGroup(
    prepared,
    (ps) => trainQuantityModel(examplesOf(ps)),
    (model, p) => quantityProbabilities(model, p.features),
  );
  const accuracy = (settings: OverruleSettings) =>
    heldOut.filter((h) => outcome(settings, h.p, h.probabilities) === h.p.goldKey).length /
    Math.max(1, heldOut.length);
  const best = bestSettings(
    accuracy,
    { thresholds: THRESHOLDS, overrides: OVERRIDES, keeps: KEEPS },
    { threshold: 1.01, override: 1.01, keep: 0 },
  );
  const model = trainQuantityModel(examplesOf(prepared));
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
