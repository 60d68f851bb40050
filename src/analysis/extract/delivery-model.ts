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
 * The delivery date of a message as the shipped scorer reads it, with the scorer's probability;
 * null when no day of the message is probably the delivery date.
 */
export function likelyDeliveryDate(
  norm: string,
  dates: readonly DateMention[],
  refDate: string,
  intent: string,
  scorer: DeliveryScorer = shippedDeliveryScorer,
): (DeliveryDate & { confidence: number }) | null {
  const candidates = deliveryCandidates(norm, dates, refDate);
  if (candidates.length === 0) return null;
  const pick = ruleDeliveryDate(candidates);
  const features = deliveryFeatures(norm, candidates, refDate, pick, intent);
  const chosen = decideDeliveryDate(scorer, candidates, dueProbabilities(scorer, features), pick);
  if (chosen === null) return null;
  const { candidate, probability } = chosen;
  return { date: candidate.date, start: candidate.start, end: candidate.end, confidence: probability };
}
