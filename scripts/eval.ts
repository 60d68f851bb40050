// npm run eval — scores analyze() on the annotated dev corpus. Reads ../shared/dev-corpus when present,
// else the copy in test/fixtures. Last line: the figures as JSON.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GoldCase, newScores, scoreCase, summary } from '../src/analysis/evaluation/index.js';
import { analyze } from '../src/analysis/index.js';
import { productsFromCsv } from '../src/catalog/catalog-csv.js';
import { customersFromCsv } from '../src/customers/customers-csv.js';
import { classifyContract } from '../src/rules/classify.js';
import { type CorpusCase, corpusGold } from '../src/rules/corpus-case.js';
import { scoreContracts } from '../src/rules/evaluation.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '../shared/dev-corpus');
const dir = existsSync(join(shared, 'corpus.jsonl')) ? shared : join(root, 'test/fixtures/dev-corpus');

const cases: GoldCase[] = readFileSync(join(dir, 'corpus.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as GoldCase);
const catalog = productsFromCsv(readFileSync(join(dir, 'catalog.csv'), 'utf8'));
const customers = customersFromCsv(readFileSync(join(dir, 'customers.csv'), 'utf8'));

const scores = newScores();
const predictions: { id: string; class: string | null; reasons: string[] }[] = [];
const started = performance.now();
for (const c of cases) {
  const ctx = { refDate: c.ref_date, channel: c.channel, catalog, customers };
  const r = analyze(c.text, ctx);
  scoreCase(scores, c, r);
  // The contract class end to end: the default rules decide it from this analysis, as `shixu analyze` does.
  const contract = await classifyContract(r, c.text, ctx);
  predictions.push({ id: c.id, class: contract.class, reasons: contract.reasons.map((x) => x.code) });
}
const ms = performance.now() - started;
const contract = scoreContracts(
  cases.map((c) => corpusGold(c as unknown as CorpusCase)),
  predictions,
);

const fields: [string, { value: number; misses: unknown[] }][] = [
  ['intent accuracy', scores.intent],
  ['sentiment accuracy', scores.sentiment],
  ['item quantity+unit F1', scores.itemQuantityUnit],
  ['unit price accuracy', scores.unitPrice],
  ['delivery date accuracy', scores.deliveryDate],
  ['standards F1', scores.standards],
  ['requirement coverage', scores.requirementCoverage],
  ['customer name accuracy', scores.customerName],
  ['catalog code accuracy', scores.catalogCode],
  ['requirement category F1', scores.categories],
  ['certifications F1', scores.certifications],
];
const showAll = process.argv.includes('--all');
console.log(`dev corpus: ${dir} (${cases.length} cases in ${ms.toFixed(0)} ms, dictionary loading included)`);
for (const [name, s] of fields) {
  console.log(`${name.padEnd(26)} ${s.value.toFixed(3)}`);
  for (const m of s.misses.slice(0, showAll ? 1000 : 5)) console.log(`    miss ${JSON.stringify(m)}`);
  if (!showAll && s.misses.length > 5) console.log(`    … ${s.misses.length - 5} more`);
}
console.log(`${'contract class accuracy'.padEnd(26)} ${contract.contract_class_accuracy.toFixed(3)}`);
console.log(`${'contract reason F1'.padEnd(26)} ${contract.reason_f1.toFixed(3)}`);
for (const m of contract.misses.slice(0, showAll ? 1000 : 5)) console.log(`    miss ${JSON.stringify(m)}`);
console.log(
  JSON.stringify({
    ...summary(scores),
    contract_class_accuracy: contract.contract_class_accuracy,
    contract_reason_f1: contract.reason_f1,
  }),
);
