// npm run train:topics (also the last step of npm run train) — trains the topic models
// (src/analysis/requirements/topic-model.ts) on the written training split and the fixture sets, as the
// topic cues read each message with the shipped intent model, and writes src/analysis/models/topics.json.
// The threshold is cross-validated over writers. Last line: the figures as JSON.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { topicsAsRulesRead } from '../src/analysis/analyze.js';
import { jiebaTokenize, packLinear } from '../src/analysis/classify/index.js';
import { type TopicExample, trainTopicModel } from '../src/analysis/requirements/topic-training.js';
import type { RequirementCategory } from '../src/analysis/result.js';
import { productsFromCsv } from '../src/catalog/catalog-csv.js';
import { customersFromCsv } from '../src/customers/customers-csv.js';

interface Case {
  id: string;
  text: string;
  ref_date: string;
  channel?: string;
  gold: { requirement_categories: RequirementCategory[] };
}

const jsonl = (path: string): Case[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Case);

const trainDir = 'data-train/corpus/train';
const written = readdirSync(trainDir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => jsonl(join(trainDir, f)));
const FIXTURE_SETS = ['dev-corpus', 'probe-corpus', 'probe-corpus-2', 'probe-corpus-3'];
const fixtures = FIXTURE_SETS.map((name) => ({
  name,
  cases: jsonl(join('test/fixtures', name, 'corpus.jsonl')),
}));

const catalog = productsFromCsv(readFileSync('test/fixtures/dev-corpus/catalog.csv', 'utf8'));
const customers = customersFromCsv(readFileSync('test/fixtures/dev-corpus/customers.csv', 'utf8'));
const example = (c: Case, group: string): TopicExample => ({
  evidence: topicsAsRulesRead(c.text, { refDate: c.ref_date, channel: c.channel, catalog, customers }),
  gold: c.gold.requirement_categories,
  group,
});

const started = Date.now();
const examples = [
  ...written.map((c) => example(c, c.id.replace(/-\d+$/, ''))),
  ...fixtures.flatMap((s) => s.cases.map((c) => example(c, s.name))),
];
const { model, crossValidated } = trainTopicModel(examples, jiebaTokenize);
writeFileSync(
  'src/analysis/models/topics.json',
  `${JSON.stringify({
    threshold: model.threshold,
    models: Object.fromEntries(Object.entries(model.models).map(([c, m]) => [c, packLinear(m)])),
  })}\n`,
);
console.log(
  JSON.stringify({
    topic_examples: examples.length,
    topic_cv_cues: crossValidated.cues,
    topic_cv_model: crossValidated.model,
    topic_threshold: crossValidated.threshold,
    topic_features: Math.max(...Object.values(model.models).map((m) => m.features.length)),
    seconds: (Date.now() - started) / 1000,
  }),
);
