// Trains the customer-name scorer (customer-scorer.ts) and chooses how far it may overrule the hand
// rules by leave-one-writer-out cross-validation: each writer's messages are scored by a model
// trained without them, so the settings are those that hold on a writer the model has not seen.
import type { Customer } from '../../customers/customer.js';
import { tagWithOffsets } from '../text/jieba.js';
import { normalise, toSimplified } from '../text/normalise.js';
import { splitLines } from '../text/segment.js';
import { findSpeakerTurns } from '../text/speakers.js';
import {
  type CandidateContext,
  type CustomerCandidate,
  customerCandidates,
  isRecordLabel,
} from './customer-candidates.js';
import {
  type CustomerExample,
  type CustomerScorer,
  customerFeatures,
  customerProbabilities,
  decideCustomer,
  trainCustomerModel,
} from './customer-scorer.js';
import { findCompanies, identifyCustomer } from './parties.js';

export interface CustomerCase {
  text: string;
  channel?: string;
  /** The annotated customer name as written, or null when the message names none. */
  gold: string | null;
  /** Who wrote it; cross-validation holds out one group at a time. null = always trained on. */
  group: string | null;
}

/** The context the analysis builds for a message (analyze.ts), built the same way here. */
export function customerContextOf(
  text: string,
  channel: string | undefined,
  customers: readonly Customer[],
  ownNames: readonly string[],
): CandidateContext {
  const norm = normalise(text).text;
  const lines = splitLines(norm);
  const turns = findSpeakerTurns(norm, lines, ownNames, channel);
  return {
    normText: norm,
    original: text,
    companies: findCompanies(norm),
    chatLabels: turns.customerLabels,
    customers,
    ownNames,
    toSimplified,
    lines,
  };
}

interface Prepared {
  gold: string | null;
  group: string | null;
  candidates: CustomerCandidate[];
  rulePick: { name: string } | null;
  features: Map<string, number>[];
}

function prepare(c: CustomerCase, customers: readonly Customer[], ownNames: readonly string[]): Prepared {
  const ctx = customerContextOf(c.text, c.channel, customers, ownNames);
  const ruled = identifyCustomer(ctx);
  const rulePick = ruled && !isRecordLabel(ruled.name) ? ruled : null;
  const candidates = customerCandidates(ctx, rulePick);
  return {
    gold: c.gold,
    group: c.group,
    candidates,
    rulePick,
    features: customerFeatures(
      ctx.normText,
      ctx.lines,
      candidates,
      rulePick,
      c.text,
      tagWithOffsets(ctx.normText),
    ),
  };
}

const examplesOf = (cases: readonly Prepared[]): CustomerExample[] =>
  cases.flatMap((p) =>
    p.candidates.map((c, i) => ({ features: p.features[i]!, isCustomer: c.name === p.gold })),
  );

const THRESHOLDS = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
const OVERRIDES = [1.01, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];

export interface CustomerTraining {
  scorer: CustomerScorer;
  crossValidated: { rules: number; scorer: number; threshold: number; override: number; cases: number };
}

export function trainCustomerScorer(
  cases: readonly CustomerCase[],
  customers: readonly Customer[],
  ownNames: readonly string[],
): CustomerTraining {
  const prepared = cases.map((c) => prepare(c, customers, ownNames));
  const groups = [...new Set(prepared.map((p) => p.group).filter((g): g is string => g !== null))].sort();
  const heldOut: { p: Prepared; probabilities: number[] }[] = [];
  for (const g of groups) {
    const model = trainCustomerModel(examplesOf(prepared.filter((p) => p.group !== g)));
    for (const p of prepared.filter((q) => q.group === g)) {
      heldOut.push({ p, probabilities: customerProbabilities(model, p.features) });
    }
  }
  const accuracy = (settings: { threshold: number; override: number }) =>
    heldOut.filter(
      (h) =>
        (decideCustomer(settings, h.p.candidates, h.probabilities, h.p.rulePick)?.candidate.name ?? null) ===
        h.p.gold,
    ).length / Math.max(1, heldOut.length);
  // The first best in this order wins ties: closest to the rules (high override).
  let best = { threshold: 0.5, override: 1.01 };
  let bestAccuracy = accuracy(best);
  for (const override of OVERRIDES)
    for (const threshold of THRESHOLDS) {
      const a = accuracy({ threshold, override });
      if (a > bestAccuracy + 1e-9) {
        best = { threshold, override };
        bestAccuracy = a;
      }
    }
  const model = trainCustomerModel(examplesOf(prepared));
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    scorer: { model, ...best },
    crossValidated: {
      rules: round(
        heldOut.filter((h) => (h.p.rulePick?.name ?? null) === h.p.gold).length / Math.max(1, heldOut.length),
      ),
      scorer: round(bestAccuracy),
      ...best,
      cases: heldOut.length,
    },
  };
}
