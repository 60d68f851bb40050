// npm run eval — scores analyze() on the annotated dev corpus. Reads ../shared/dev-corpus when present,
// else the copy in test/fixtures. Last line: the figures as JSON.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GoldCase, newScores, scoreCase, summary } from '../src/analysis/evaluation/index.js';
import { analyze } from '../src/analysis/index.js';
import { productsFromCsv } from '../src/catalog/catalog-csv.js';
import { customersFromCsv } from '../src/customers/customers-csv.js';

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
const started = performance.now();
for (const c of cases) {
  const r = analyze(c.text, { refDate: c.ref_date, channel: c.channel, catalog, customers });
  scoreCase(scores, c, r);
}
const ms = performance.now() - started;

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
console.log(JSON.stringify(summary(scores)));
