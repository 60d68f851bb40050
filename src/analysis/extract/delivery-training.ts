// Trains the delivery-date scorer (delivery-scorer.ts) from annotated messages and chooses its
// threshold by leave-one-writer-out cross-validation: each writer's messages are scored by a model
// trained without them, so the threshold is the one that holds on a writer the model has not seen.
import { findDates } from '../entities/index.js';
import { normalise } from '../text/normalise.js';
import { type DeliveryCandidate, deliveryCandidates, ruleDeliveryDate } from './delivery.js';
import {
  type DeliveryExample,
  type DeliveryScorer,
  decideDeliveryDate,
  deliveryFeatures,
  dueProbabilities,
  trainDeliveryModel,
} from './delivery-scorer.js';

export interface DeliveryCase {
  text: string;
  refDate: string;
  /** The annotated delivery date, or null when the message names none. */
  gold: string | null;
  /** Who wrote it; cross-validation holds out one group at a time. null = always trained on. */
  group: string | null;
}

interface Prepared {
  gold: string | null;
  group: string | null;
  candidates: DeliveryCandidate[];
  rulePick: DeliveryCandidate | null;
  features: Map<string, number>[];
}

function prepare(c: DeliveryCase, intentOf: (text: string) => string): Prepared {
  const norm = normalise(c.text).text;
  const candidates = deliveryCandidates(norm, findDates(norm, { date: c.refDate }), c.refDate);
  const pick = ruleDeliveryDate(candidates);
  return {
    gold: c.gold,
    group: c.group,
    candidates,
    rulePick: pick,
    features: deliveryFeatures(norm, candidates, c.refDate, pick, intentOf(c.text)),
  };
}

const examplesOf = (cases: readonly Prepared[]): DeliveryExample[] =>
  cases.flatMap((p) => p.candidates.map((c, i) => ({ features: p.features[i]!, due: c.date === p.gold })));

const THRESHOLDS = [0.2, 0.3, 0.4, 0.5, 0.6];
const OVERRIDES = [1.01, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3];
const KEEPS = [0, 0.02, 0.05, 0.1, 0.15, 0.2];

export interface DeliveryTraining {
  scorer: DeliveryScorer;
  /** Cross-validated accuracy of the hand rules and of the scorer with the chosen settings. */
  crossValidated: {
    rules: number;
    scorer: number;
    threshold: number;
    override: number;
    keep: number;
    cases: number;
  };
}

/**
 * `intentOf` is the intent model the analysis will run with, so the scorer learns from the intent it
 * will see, mistakes included.
 */
export function trainDeliveryScorer(
  cases: readonly DeliveryCase[],
  intentOf: (text: string) => string,
): DeliveryTraining {
  const prepared = cases.map((c) => prepare(c, intentOf));
  const groups = [...new Set(prepared.map((p) => p.group).filter((g): g is string => g !== null))].sort();
  const heldOut: { p: Prepared; probabilities: number[] }[] = [];
  for (const g of groups) {
    const model = trainDeliveryModel(examplesOf(prepared.filter((p) => p.group !== g)));
    for (const p of prepared.filter((q) => q.group === g)) {
      heldOut.push({ p, probabilities: dueProbabilities({ model }, p.features) });
    }
  }
  const accuracy = (settings: { threshold: number; override: number; keep: number }) =>
    heldOut.filter(
      (h) =>
        (decideDeliveryDate(settings, h.p.candidates, h.probabilities, h.p.rulePick)?.candidate.date ??
          null) === h.p.gold,
    ).length / Math.max(1, heldOut.length);
  // The first best in this order wins ties: closest to the rules (high override, low keep).
  let best = { threshold: 0.5, override: 1.01, keep: 0 };
  let bestAccuracy = accuracy(best);
  for (const override of OVERRIDES)
    for (const keep of KEEPS)
      for (const threshold of THRESHOLDS) {
        const a = accuracy({ threshold, override, keep });
        if (a > bestAccuracy + 1e-9) {
          best = { threshold, override, keep };
          bestAccuracy = a;
        }
      }
  const model = trainDeliveryModel(examplesOf(prepared));
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    scorer: { model, ...best },
    crossValidated: {
      rules: round(
        heldOut.filter((h) => (h.p.rulePick?.date ?? null) === h.p.gold).length / Math.max(1, heldOut.length),
      ),
      scorer: round(bestAccuracy),
      ...best,
      cases: heldOut.length,
    },
  };
}
