// Training of the topic models (topic-model.ts) from annotated messages: one binary classifier per
// topic over the message's words and what the cues found. The threshold is chosen by cross-validation
// over groups (writers), so it is the one that holds on a writer the models have not seen.

import type { Tokenize } from '../classify/features.js';
import { type Example, type TrainOptions, trainLinear } from '../classify/linear.js';
import type { RequirementCategory } from '../result.js';
import { REQUIREMENT_CATEGORIES } from '../vocabulary.js';
import {
  TOPIC_LABELS,
  type TopicEvidence,
  type TopicLabel,
  type TopicModel,
  topicFeatures,
  topicProbabilities,
  topicWordFeatures,
} from './topic-model.js';

export interface TopicExample {
  readonly evidence: TopicEvidence;
  /** The topics the annotator says the message raises. */
  readonly gold: readonly RequirementCategory[];
  /** Cross-validation group (the writer). */
  readonly group: string;
}

export const TOPIC_TRAINING: TrainOptions = {
  epochs: 20,
  learningRate: 0.2,
  l2: 1e-4,
  minDocFreq: 2,
  maxFeatures: 6_000,
  seed: 20261207,
  pruneBelow: 1e-2,
};

const THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];

function trainModels(examples: readonly TopicExample[], tokenize: Tokenize): TopicModel['models'] {
  const words = examples.map((e) => topicWordFeatures(e.evidence.text, tokenize));
  const models = {} as Record<RequirementCategory, TopicModel['models'][RequirementCategory]>;
  for (const category of REQUIREMENT_CATEGORIES) {
    const data: Example<TopicLabel>[] = examples.map((e, i) => ({
      features: topicFeatures(words[i]!, e.evidence, category),
      label: e.gold.includes(category) ? 'yes' : 'no',
    }));
    models[category] = trainLinear(TOPIC_LABELS, data, TOPIC_TRAINING);
  }
  return models;
}

/** Micro F1 over the per-message topic sets. */
function setF1(pairs: readonly (readonly [ReadonlySet<string>, ReadonlySet<string>])[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [gold, got] of pairs) {
    for (const c of got)
      if (gold.has(c)) tp++;
      else fp++;
    for (const c of gold) if (!got.has(c)) fn++;
  }
  return tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
}

/** The topics the models say a message raises, among those its words name at all. */
function predictedTopics(
  ev: TopicEvidence,
  probabilities: ReadonlyMap<RequirementCategory, number>,
  threshold: number,
): Set<RequirementCategory> {
  const out = new Set<RequirementCategory>();
  for (const [c, p] of probabilities)
    if (p >= threshold && ((ev.filed.get(c) ?? 0) > 0 || (ev.cued.get(c) ?? 0) > 0)) out.add(c);
  return out;
}

export interface TopicTraining {
  model: TopicModel;
  /** Cross-validated topic F1: the cues alone, and the models at the chosen threshold. */
  crossValidated: { cues: number; model: number; threshold: number };
}

export function trainTopicModel(examples: readonly TopicExample[], tokenize: Tokenize): TopicTraining {
  const groups = [...new Set(examples.map((e) => e.group))].sort();
  const folds = Math.min(5, groups.length);
  const cues: [Set<string>, Set<string>][] = [];
  const byThreshold = new Map<number, [Set<string>, Set<string>][]>(THRESHOLDS.map((t) => [t, []]));
  for (let k = 0; k < folds; k++) {
    const held = new Set(groups.filter((_, i) => i % folds === k));
    const train = examples.filter((e) => !held.has(e.group));
    const test = examples.filter((e) => held.has(e.group));
    if (train.length === 0 || test.length === 0) continue;
    const fold: TopicModel = { threshold: 0.5, models: trainModels(train, tokenize) };
    for (const e of test) {
      const gold = new Set<string>(e.gold);
      cues.push([gold, new Set(e.evidence.filed.keys())]);
      const probs = topicProbabilities(fold, e.evidence, tokenize);
      for (const t of THRESHOLDS) byThreshold.get(t)!.push([gold, predictedTopics(e.evidence, probs, t)]);
    }
  }
  let threshold = 0.5;
  let best = -1;
  for (const t of THRESHOLDS) {
    const f = setF1(byThreshold.get(t)!);
    if (f > best + 1e-9) {
      best = f;
      threshold = t;
    }
  }
  return {
    model: { threshold, models: trainModels(examples, tokenize) },
    crossValidated: { cues: round3(setF1(cues)), model: round3(best), threshold },
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
