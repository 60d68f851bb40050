// Training and prediction for the intent and sentiment classifiers. Everything here is pure: the
// model is a parameter, and the tokenizer is injected.
import { INTENTS, type Intent, SENTIMENTS, type Sentiment } from '../vocabulary.js';
import { featurise, type Tokenize } from './features.js';
import {
  type CompiledJoint,
  type CompiledLinear,
  compileJoint,
  compileLinear,
  type Example,
  featureSpaceSize,
  type LinearModel,
  predictJoint,
  predictProbabilities,
  type ResolvedFeatures,
  type TrainOptions,
  trainLinear,
} from './linear.js';
import { resolveText } from './resolve-text.js';

export type { LinearModel, TrainOptions } from './linear.js';
export type IntentModel = LinearModel<Intent>;
export type SentimentModel = LinearModel<Sentiment>;

export interface LabelledText<L extends string> {
  readonly text: string;
  readonly label: L;
}

export const INTENT_TRAINING: TrainOptions = { epochs: 30, learningRate: 0.2, l2: 1e-5, minDocFreq: 2 };
export const SENTIMENT_TRAINING: TrainOptions = { epochs: 30, learningRate: 0.2, l2: 1e-5, minDocFreq: 2 };

export function trainTextClassifier<L extends string>(
  labels: readonly L[],
  data: readonly LabelledText<L>[],
  tokenize: Tokenize,
  options: TrainOptions,
): LinearModel<L> {
  const examples: Example<L>[] = data.map((d) => ({ features: featurise(d.text, tokenize), label: d.label }));
  return trainLinear(labels, examples, options);
}

export function trainIntentModel(data: readonly LabelledText<Intent>[], tokenize: Tokenize): IntentModel {
  return trainTextClassifier(INTENTS, data, tokenize, INTENT_TRAINING);
}

export function trainSentimentModel(
  data: readonly LabelledText<Sentiment>[],
  tokenize: Tokenize,
): SentimentModel {
  return trainTextClassifier(SENTIMENTS, data, tokenize, SENTIMENT_TRAINING);
}

const compiled = new WeakMap<object, CompiledLinear<string>>();

function compiledOf<L extends string>(model: LinearModel<L>): CompiledLinear<L> {
  let c = compiled.get(model);
  if (c === undefined) {
    c = compileLinear(model);
    compiled.set(model, c);
  }
  return c as CompiledLinear<L>;
}

// analyze() asks for intent and then sentiment of the same text; featurising is most of the cost,
// so the last result is kept (features depend only on the text and the tokenizer).
let last: { text: string; tokenize: Tokenize; resolved: ResolvedFeatures } | null = null;

function featuresOf(text: string, tokenize: Tokenize): ResolvedFeatures {
  if (
    last !== null &&
    last.text === text &&
    last.tokenize === tokenize &&
    last.resolved.spaceSize === featureSpaceSize()
  ) {
    return last.resolved;
  }
  const resolved = resolveText(text, tokenize);
  last = { text, tokenize, resolved };
  return resolved;
}

export function predictLabel<L extends string>(
  model: LinearModel<L>,
  text: string,
  tokenize: Tokenize,
): { label: L; probabilities: Record<L, number> } {
  const c = compiledOf(model);
  const p = predictProbabilities(c, featuresOf(text, tokenize));
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  const probabilities = Object.fromEntries(c.labels.map((l, k) => [l, p[k]!])) as Record<L, number>;
  return { label: c.labels[best]!, probabilities };
}

export function predictIntent(
  model: IntentModel,
  text: string,
  tokenize: Tokenize,
): { label: Intent; confidence: number } {
  const { label, probabilities } = predictLabel(model, text, tokenize);
  return { label, confidence: clamp(probabilities[label], 0, 1) };
}

/** Score = P(positive) − P(negative), so it is in [-1, 1] and 0 for a confidently neutral text. */
export function predictSentiment(
  model: SentimentModel,
  text: string,
  tokenize: Tokenize,
): { label: Sentiment; score: number; confidence: number } {
  const { label, probabilities } = predictLabel(model, text, tokenize);
  const score = (probabilities.positive ?? 0) - (probabilities.negative ?? 0);
  return {
    label,
    score: Math.round(clamp(score, -1, 1) * 1000) / 1000,
    confidence: clamp(probabilities[label] ?? 0, 0, 1),
  };
}

const joints = new WeakMap<object, WeakMap<object, CompiledJoint>>();

/**
 * Intent and sentiment of one text in one pass over its features (see compileJoint); the same answers
 * as predictIntent and predictSentiment.
 */
export function predictIntentAndSentiment(
  intentModel: IntentModel,
  sentimentModel: SentimentModel,
  text: string,
  tokenize: Tokenize,
): {
  intent: { label: Intent; confidence: number };
  sentiment: { label: Sentiment; score: number; confidence: number };
} {
  let byIntent = joints.get(intentModel);
  if (byIntent === undefined) {
    byIntent = new WeakMap();
    joints.set(intentModel, byIntent);
  }
  let joint = byIntent.get(sentimentModel);
  if (joint === undefined) {
    joint = compileJoint([intentModel, sentimentModel]);
    byIntent.set(sentimentModel, joint);
  }
  const [pi, ps] = predictJoint(joint, featuresOf(text, tokenize)) as [number[], number[]];
  const best = (p: number[]) => p.reduce((b, v, k) => (v > p[b]! ? k : b), 0);
  const i = best(pi);
  const prob = (labels: readonly string[], p: number[], l: string) => p[labels.indexOf(l)] ?? 0;
  const score = prob(sentimentModel.labels, ps, 'positive') - prob(sentimentModel.labels, ps, 'negative');
  return {
    intent: { label: intentModel.labels[i]!, confidence: clamp(pi[i]!, 0, 1) },
    sentiment: {
      label: sentimentModel.labels[best(ps)]!,
      score: Math.round(clamp(score, -1, 1) * 1000) / 1000,
      confidence: clamp(ps[best(ps)]!, 0, 1),
    },
  };
}

function clamp(v: number, lo: number, hi: number): number {
  if (!Number.isFinite(v)) return Math.max(0, lo);
  return Math.min(hi, Math.max(lo, v));
}
