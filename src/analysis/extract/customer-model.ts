// The shipped customer-name scorer, trained by `npm run train` (customer-training.ts).
import { type PackedLinearModel, unpackLinear } from '../classify/linear.js';
import customerJson from '../models/customer.json' with { type: 'json' };
import { tagWithOffsets } from '../text/jieba.js';
import { type CandidateContext, customerCandidates, isRecordLabel } from './customer-candidates.js';
import {
  type CustomerScorer,
  customerFeatures,
  customerProbabilities,
  decideCustomer,
  type NameLabel,
} from './customer-scorer.js';
import { type CustomerMatch, identifyCustomer } from './parties.js';

interface PackedCustomerScorer {
  threshold: number;
  override: number;
  model: PackedLinearModel<NameLabel>;
}

const packed = customerJson as unknown as PackedCustomerScorer;

// Cross-validation favours taking almost any candidate when the rules have none (most corpus
// messages name their customer: it chose 0.005), but below the grid's next steps the model's
// readings are phrases, not names (方便时回个电话 at 0.008 was shown as the customer). 0.02 costs
// nothing on the 790 locked messages.
const LEAST_NAME_PROBABILITY = 0.02;

export const shippedCustomerScorer: CustomerScorer = {
  model: unpackLinear(packed.model),
  threshold: Math.max(packed.threshold, LEAST_NAME_PROBABILITY),
  override: packed.override,
};

/**
 * The customer a message names, as the shipped scorer reads it among the rules' candidates, with
 * the scorer's probability; null when no span probably names the customer.
 */
export function likelyCustomer(
  ctx: CandidateContext,
  scorer: CustomerScorer = shippedCustomerScorer,
): (CustomerMatch & { confidence: number }) | null {
  const ruled = identifyCustomer(ctx);
  // A channel or record label the rules took from a bracket ([通话转写]) names nobody.
  const rulePick = ruled && !isRecordLabel(ruled.name) ? ruled : null;
  const candidates = customerCandidates(ctx, rulePick);
  if (candidates.length === 0) return null;
  const features = customerFeatures(
    ctx.normText,
    ctx.lines,
    candidates,
    rulePick,
    ctx.original,
    tagWithOffsets(ctx.normText),
  );
  const chosen = decideCustomer(scorer, candidates, customerProbabilities(scorer.model, features), rulePick);
  if (chosen === null) return null;
  const { candidate, probability } = chosen;
  const confidence = Math.round(probability * 1000) / 1000;
  // The rules know when a known name is disowned (我们是温州恒弛 不是常州那个恒驰): keep their verdict.
  if (rulePick !== null && candidate.name === rulePick.name) return { ...rulePick, confidence };
  return { name: candidate.name, known: candidate.known, confidence };
}
