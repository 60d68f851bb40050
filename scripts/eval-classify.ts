// Intent and sentiment accuracy of the shipped models on the dev corpus, with a confusion summary.
// Usage: npm exec tsx scripts/eval-classify.ts [corpus.jsonl]
import { readFileSync } from 'node:fs';
import { formatConfusion, scoreClassifier } from '../src/analysis/classify/evaluate.js';
import { classifyIntent, classifySentiment } from '../src/analysis/classify/index.js';
import type { Intent, Sentiment } from '../src/analysis/result.js';

const path = process.argv[2] ?? 'test/fixtures/dev-corpus/corpus.jsonl';
const cases = readFileSync(path, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { id: string; text: string; gold: { intent: Intent; sentiment: Sentiment } });

const intent = scoreClassifier(
  cases.map((c) => ({ id: c.id, text: c.text, gold: c.gold.intent })),
  (t) => classifyIntent(t).label,
);
const sentiment = scoreClassifier(
  cases.map((c) => ({ id: c.id, text: c.text, gold: c.gold.sentiment })),
  (t) => classifySentiment(t).label,
);
console.log(`意图 intent: ${intent.correct}/${intent.total} = ${intent.accuracy.toFixed(3)}`);
console.log(formatConfusion(intent));
for (const e of intent.errors) console.log(`  ✗ ${e.id}: ${e.gold} → ${e.predicted}`);
console.log(`情感 sentiment: ${sentiment.correct}/${sentiment.total} = ${sentiment.accuracy.toFixed(3)}`);
console.log(formatConfusion(sentiment));
for (const e of sentiment.errors) console.log(`  ✗ ${e.id}: ${e.gold} → ${e.predicted}`);
// Throughput of both classifiers together, on the corpus texts cut or repeated to 500 characters.
const sized = cases.map((c) => c.text.repeat(Math.ceil(500 / Math.max(1, c.text.length))).slice(0, 500));
for (const t of sized) classifyIntent(t);
const rounds = 5;
const started = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const t of sized) {
    classifyIntent(t);
    classifySentiment(t);
  }
}
const msPerMessage = (performance.now() - started) / (rounds * sized.length);
console.log(`速度 speed: ${msPerMessage.toFixed(3)} ms per 500-char message (intent + sentiment)`);
console.log(
  JSON.stringify({
    ms_per_500_char_message: Number(msPerMessage.toFixed(3)),
    intent_accuracy: Number(intent.accuracy.toFixed(4)),
    sentiment_accuracy: Number(sentiment.accuracy.toFixed(4)),
    cases: cases.length,
  }),
);
