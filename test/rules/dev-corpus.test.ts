// The rules on the dev corpus, fed with gold items and dates: the company procedure as the README
// states it must hold on its own annotated examples.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  type CorpusCase,
  corpusGold,
  customerFromRow,
  goldToAnalysisResult,
  productFromRow,
} from '../../src/rules/corpus-case.js';
import { classifyContract, scoreContracts } from '../../src/rules/index.js';

const dir = new URL('../fixtures/dev-corpus/', import.meta.url);
const rows = (f: string) =>
  parse(readFileSync(new URL(f, dir), 'utf8'), { columns: true }) as Record<string, string>[];

describe('dev corpus, gold-fed', () => {
  it('classifies the annotated cases as the procedure says', async () => {
    const catalog = rows('catalog.csv').map(productFromRow);
    const customers = rows('customers.csv').map(customerFromRow);
    const cases = readFileSync(new URL('corpus.jsonl', dir), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as CorpusCase);
    const predictions = [];
    for (const c of cases) {
      const out = await classifyContract(goldToAnalysisResult(c), c.text, {
        refDate: c.ref_date,
        channel: c.channel,
        catalog,
        customers,
      });
      predictions.push({ id: c.id, class: out.class, reasons: out.reasons.map((r) => r.code) });
    }
    const score = scoreContracts(cases.map(corpusGold), predictions);
    expect(score.misses).toEqual([]);
    expect(score.contract_class_accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
