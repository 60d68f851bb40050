// Measures the contract-classification rules on the dev corpus, fed with the gold items, delivery date,
// customer and intent (so analyser errors do not count). Last line: JSON with the figures.
// With --analyzer the rules run on analyze() output instead (end to end: analyser errors count).
// Usage: npx tsx scripts/eval-rules.ts [--verbose] [--analyzer] [path/to/corpus-dir]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { AnalysisResult } from '../src/analysis/result.js';
import { classifyContract } from '../src/rules/classify.js';
import {
  type CorpusCase,
  corpusGold,
  customerFromRow,
  goldToAnalysisResult,
  productFromRow,
} from '../src/rules/corpus-case.js';
import { scoreContracts } from '../src/rules/evaluation.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const endToEnd = args.includes('--analyzer');
const OWN_COMPANY = ['华锐精密部件有限公司', '华锐精密', '华锐', 'Huarui'];
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? 'test/fixtures/dev-corpus');

const rows = (file: string) =>
  parse(readFileSync(join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
const catalog = rows('catalog.csv').map(productFromRow);
const customers = rows('customers.csv').map(customerFromRow);
const cases = readFileSync(join(dir, 'corpus.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as CorpusCase);

type Analyze = (text: string, opts: Record<string, unknown>) => AnalysisResult;
// Loaded only on request, so the gold-fed run does not depend on the analyser being in a working state.
const analyzerPath = '../src/analysis/analyze.js';
const analyze: Analyze | null = endToEnd
  ? ((await import(analyzerPath)) as { analyze: Analyze }).analyze
  : null;

const predictions = [];
for (const c of cases) {
  const ctx = { refDate: c.ref_date, channel: c.channel, catalog, customers, ownCompanyNames: OWN_COMPANY };
  const result = analyze ? analyze(c.text, { ...ctx }) : goldToAnalysisResult(c);
  const out = await classifyContract(result, c.text, ctx);
  predictions.push({ id: c.id, class: out.class, reasons: out.reasons.map((r) => r.code) });
  if (verbose) {
    console.log(`${c.id} ${String(out.class)} [${out.reasons.map((r) => r.code).join(', ')}]`);
    for (const r of out.reasons) console.log(`    ${r.code}: ${r.explanation}`);
    if (out.temporaryBasis) console.log(`    temporary: ${out.temporaryBasis.explanation}`);
    for (const e of out.evaluations)
      if (e.outcome === 'not_evaluable') console.log(`    ${e.ruleId}: ${e.explanation}`);
  }
}

const score = scoreContracts(cases.map(corpusGold), predictions);
for (const m of score.misses) {
  console.log(
    `MISS ${m.id}: gold ${String(m.goldClass)} → predicted ${String(m.predictedClass)}` +
      (m.missingReasons.length ? `; missing ${m.missingReasons.join(', ')}` : '') +
      (m.extraReasons.length ? `; extra ${m.extraReasons.join(', ')}` : ''),
  );
}
console.log(
  `${endToEnd ? 'analyzer-fed' : 'gold-fed'}: cases ${score.cases}, class accuracy ${score.contract_class_accuracy}, reason F1 ${score.reason_f1} ` +
    `(P ${score.reason_precision}, R ${score.reason_recall})`,
);
console.log(
  JSON.stringify({ contract_class_accuracy: score.contract_class_accuracy, reason_f1: score.reason_f1 }),
);
