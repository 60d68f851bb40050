// Sentiment benchmark: trains the shipped sentiment architecture (same features, same logistic
// regression, same options) on ChnSentiCorp train and reports accuracy on its test split.
// ChnSentiCorp is non-commercial, evaluation-only: it is read from ../shared and nothing trained on
// it is written anywhere. Literature baseline (naive Bayes on char bigrams): 0.873.
import { readFileSync } from 'node:fs';
import { featurise, jiebaTokenize, type LabelledText, predictLabel } from '../src/analysis/classify/index.js';
import { trainLinear } from '../src/analysis/classify/linear.js';
import { SENTIMENT_TRAINING } from '../src/analysis/classify/model.js';

type Polarity = 'positive' | 'negative';
const DIR = '../shared/benchmarks/chnsenticorp';

function read(split: string): LabelledText<Polarity>[] {
  return readFileSync(`${DIR}/${split}.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledText<Polarity>);
}

const train = read('train');
const test = read('test');
const t0 = performance.now();
// A larger corpus than the shipped one; only the vocabulary cap differs, so the model fits in memory.
const model = trainLinear<Polarity>(
  ['positive', 'negative'],
  train.map((d) => ({ features: featurise(d.text, jiebaTokenize), label: d.label })),
  { ...SENTIMENT_TRAINING, maxFeatures: 200_000 },
);
const trainSeconds = (performance.now() - t0) / 1000;
predictLabel(model, test[0]!.text, jiebaTokenize);
const t1 = performance.now();
let correct = 0;
for (const d of test) if (predictLabel(model, d.text, jiebaTokenize).label === d.label) correct++;
const seconds = (performance.now() - t1) / 1000;
const accuracy = correct / test.length;
const meanChars = test.reduce((s, d) => s + d.text.length, 0) / test.length;
console.log(`ChnSentiCorp: train ${train.length}, test ${test.length} (mean ${meanChars.toFixed(0)} chars)`);
console.log(`training ${trainSeconds.toFixed(1)} s, ${model.features.length} features kept`);
console.log(`accuracy ${accuracy.toFixed(4)} (naive Bayes char-bigram baseline 0.873)`);
console.log(
  JSON.stringify({
    accuracy: Number(accuracy.toFixed(4)),
    texts_per_second: Math.round(test.length / seconds),
  }),
);
