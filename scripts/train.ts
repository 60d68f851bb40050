// Trains the shipped intent and sentiment models from data-train/ and writes them to
// src/analysis/models/{intent,sentiment}.json. Deterministic: fixed seed, file order.
//
// Training data decision (public sets under ../shared/benchmarks):
// - chnsenticorp: licence forbids commercial use (LUGE agreement) → evaluation only (bench:sentiment).
// - waimai_10k, online_shopping_10_cats: no licence stated, README says "treat as evaluation-only"
//   → not used; a shipped commercial model must not contain them.
// - smp2017_ecdt_task1: released "供研究使用" (research use) with a citation requirement, and it is
//   chit-chat domain classification, not sentiment → not used.
// So both shipped models are trained only on data-train/ (messages written for this project).
import { readFileSync, writeFileSync } from 'node:fs';
import {
  jiebaTokenize,
  type LabelledText,
  packLinear,
  trainIntentModel,
  trainSentimentModel,
} from '../src/analysis/classify/index.js';
import { INTENTS, type Intent, SENTIMENTS, type Sentiment } from '../src/analysis/result.js';

function readJsonl<L extends string>(path: string, labels: readonly L[]): LabelledText<L>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const row = JSON.parse(l) as { text: string; label: L };
      if (!labels.includes(row.label)) throw new Error(`${path}:${i + 1}: unknown label ${row.label}`);
      return { text: row.text, label: row.label };
    });
}

const started = Date.now();
const intentData = readJsonl<Intent>('data-train/intent.jsonl', INTENTS);
const sentimentData = readJsonl<Sentiment>('data-train/sentiment.jsonl', SENTIMENTS);
const intentModel = trainIntentModel(intentData, jiebaTokenize);
const sentimentModel = trainSentimentModel(sentimentData, jiebaTokenize);
writeFileSync('src/analysis/models/intent.json', `${JSON.stringify(packLinear(intentModel))}\n`);
writeFileSync('src/analysis/models/sentiment.json', `${JSON.stringify(packLinear(sentimentModel))}\n`);
const summary = {
  intent_examples: intentData.length,
  sentiment_examples: sentimentData.length,
  intent_features: intentModel.features.length,
  sentiment_features: sentimentModel.features.length,
  seconds: (Date.now() - started) / 1000,
};
console.log(JSON.stringify(summary));
