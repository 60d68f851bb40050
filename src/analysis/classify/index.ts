// Intent and sentiment of a customer message, using the models trained by `npm run train` and
// shipped as JSON next to the code.

import intentJson from '../models/intent.json' with { type: 'json' };
import sentimentJson from '../models/sentiment.json' with { type: 'json' };
import type { Intent, Sentiment } from '../result.js';
import { type PackedLinearModel, unpackLinear } from './linear.js';
import {
  type IntentModel,
  predictIntent,
  predictIntentAndSentiment,
  predictSentiment,
  type SentimentModel,
} from './model.js';
import { jiebaTokenize } from './tokenize.js';

export { featurise, normaliseForFeatures, type Tokenize } from './features.js';
export { packLinear, unpackLinear } from './linear.js';
export {
  type IntentModel,
  type LabelledText,
  predictIntent,
  predictLabel,
  predictSentiment,
  type SentimentModel,
  trainIntentModel,
  trainSentimentModel,
  trainTextClassifier,
} from './model.js';
export { jiebaTokenize } from './tokenize.js';

export const shippedIntentModel: IntentModel = unpackLinear(
  intentJson as unknown as PackedLinearModel<Intent>,
);
export const shippedSentimentModel: SentimentModel = unpackLinear(
  sentimentJson as unknown as PackedLinearModel<Sentiment>,
);

export function classifyIntent(text: string): { label: Intent; confidence: number } {
  return predictIntent(shippedIntentModel, text, jiebaTokenize);
}

export function classifySentiment(text: string): { label: Sentiment; score: number; confidence: number } {
  return predictSentiment(shippedSentimentModel, text, jiebaTokenize);
}

/** Both at once, as analyze() needs them: one pass over the message's features. */
export function classifyMessage(text: string): {
  intent: { label: Intent; confidence: number };
  sentiment: { label: Sentiment; score: number; confidence: number };
} {
  return predictIntentAndSentiment(shippedIntentModel, shippedSentimentModel, text, jiebaTokenize);
}
