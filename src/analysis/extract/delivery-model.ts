// The shipped delivery-date scorer, trained by `npm run train` (delivery-training.ts).

import { type PackedLinearModel, unpackLinear } from '../classify/linear.js';
import type { DateMention } from '../entities/index.js';
import deliveryJson from '../models/delivery.json' with { type: 'json' };
import { type DeliveryDate, deliveryCandidates, ruleDeliveryDate } from './delivery.js';
import {
  type DeliveryScorer,
  type DueLabel,
  decideDeliveryDate,
  deliveryFeatures,
  dueProbabilities,
} from './delivery-scorer.js';

interface PackedDeliveryScorer {
  threshold: number;
  override: number;
  keep: number;
  model: PackedLinearModel<DueLabel>;
}

const packed = deliveryJson as unknown as PackedDeliveryScorer;

export const shippedDeliveryScorer: DeliveryScorer = {
  model: unpackLinear(packed.model),
  threshold: packed.threshold,
  override: packed.override,
  keep: packed.keep,
};

/**
 * The delivery date of a message as the shipped scorer reads it (null when no day of the message is
 * probably the delivery date), with the scorer's probability of that reading.
 */
export function likelyDeliveryDate(
  norm: string,
  dates: readonly DateMention[],
  refDate: string,
  intent: string,
  scorer: DeliveryScorer = shippedDeliveryScorer,
): DeliveryReading {
  const candidates = deliveryCandidates(norm, dates, refDate);
  if (candidates.length === 0) return { due: null, confidence: 1 };
  const pick = ruleDeliveryDate(candidates);
  const features = deliveryFeatures(norm, candidates, refDate, pick, intent);
  const probabilities = dueProbabilities(scorer, features);
  const chosen = decideDeliveryDate(scorer, candidates, probabilities, pick);
  // No date taken: as sure as the most probable day is improbable.
  if (chosen === null) return { due: null, confidence: 1 - Math.max(...probabilities) };
  const { candidate, probability } = chosen;
  return {
    due: { date: candidate.date, start: candidate.start, end: candidate.end },
    confidence: probability,
  };
}

export interface DeliveryReading {
  due: DeliveryDate | null;
  /** Probability the scorer gives its reading: the chosen day, or that none of the days is the date. */
  confidence: number;
}
