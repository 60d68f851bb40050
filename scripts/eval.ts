// npm run eval — scores analyze() on the annotated dev corpus. Reads ../shared/dev-corpus when present,
// else the copy in test/fixtures. Last line: the figures as JSON.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIDENCE_FIELDS, reliabilityTable } from '../src/analysis/evaluation/index.js';
import { productsFromCsv } from '../src/catalog/catalog-csv.js';
import { customersFromCsv } from '../src/customers/customers-csv.js';
import { evaluateCorpus, parseCorpus } from '../src/rules/corpus-evaluation.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '../shared/dev-corpus');
const dir = existsSync(join(shared, 'corpus.jsonl')) ? shared : join(root, 'test/fixtures/dev-corpus');
// `--corpus PATH` scores another annotated set (e.g. test/fixtures/probe-corpus/corpus.jsonl, or a folder of
// .jsonl files such as data-train/corpus/locked) with the same scorer; its catalogue and customer list are taken
// from its own folder when present, else from the dev set.
const corpusArg = process.argv.indexOf('--corpus');
const corpusPath =
  corpusArg >= 0 && process.argv[corpusArg + 1]
    ? resolve(process.argv[corpusArg + 1]!)
    : join(dir, 'corpus.jsonl');
const isFolder = existsSync(corpusPath) && statSync(corpusPath).isDirectory();
const corpusFiles = isFolder
  ? readdirSync(corpusPath)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .map((f) => join(corpusPath, f))
  : [corpusPath];
const corpusFile = corpusPath;
const tablesDir = existsSync(join(isFolder ? corpusPath : dirname(corpusPath), 'catalog.csv'))
  ? isFolder
    ? corpusPath
    : dirname(corpusPath)
  : dir;

const cases = corpusFiles.flatMap((f) => parseCorpus(readFileSync(f, 'utf8')));
const catalog = productsFromCsv(readFileSync(join(tablesDir, 'catalog.csv'), 'utf8'));
const customers = customersFromCsv(readFileSync(join(tablesDir, 'customers.csv'), 'utf8'));

const started = performance.now();
const { scores, contract, figures, reliability } = await evaluateCorpus(cases, catalog, customers);
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
console.log(
  `${corpusArg >= 0 ? 'corpus' : 'dev corpus'}: ${corpusFile} (${cases.length} cases in ${ms.toFixed(0)} ms, dictionary loading included)`,
);
for (const [name, s] of fields) {
  console.log(`${name.padEnd(26)} ${s.value.toFixed(3)}`);
  for (const m of s.misses.slice(0, showAll ? 1000 : 5)) console.log(`    miss ${JSON.stringify(m)}`);
  if (!showAll && s.misses.length > 5) console.log(`    … ${s.misses.length - 5} more`);
}
console.log(`${'contract class accuracy'.padEnd(26)} ${contract.contract_class_accuracy.toFixed(3)}`);
console.log(`${'contract reason F1'.padEnd(26)} ${contract.reason_f1.toFixed(3)}`);
for (const m of contract.misses.slice(0, showAll ? 1000 : 5)) console.log(`    miss ${JSON.stringify(m)}`);
// Reliability: per learnt field, confidence bins against observed accuracy, and the calibration error.
const ece: Record<string, number> = {};
for (const field of CONFIDENCE_FIELDS) {
  const { rows, ece: e } = reliabilityTable(reliability[field]);
  ece[`ece_${field}`] = e;
  console.log(`reliability ${field.padEnd(10)} ECE ${e.toFixed(3)} (${reliability[field].length} readings)`);
  for (const r of rows)
    console.log(
      `    ${r.from.toFixed(1)}–${r.to.toFixed(1)}  n=${String(r.count).padStart(4)}  confidence ${r.meanConfidence.toFixed(3)}  accuracy ${r.accuracy.toFixed(3)}`,
    );
}
console.log(JSON.stringify({ ...figures, ...ece }));
