// The analysis on worker threads: the same results as in this thread, each answer to its own request.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { AnalysisPool, AnalysisPoolError } from '../../src/analysis-pool/analysis-pool.js';
import { productsFromCsv } from '../../src/catalog/catalog-csv.js';
import { customersFromCsv } from '../../src/customers/customers-csv.js';

const FIXTURES = path.resolve('test/fixtures/dev-corpus');
const catalog = productsFromCsv(fs.readFileSync(path.join(FIXTURES, 'catalog.csv'), 'utf8'));
const customers = customersFromCsv(fs.readFileSync(path.join(FIXTURES, 'customers.csv'), 'utf8'));
const corpus = fs
  .readFileSync(path.join(FIXTURES, 'corpus.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { text: string; ref_date: string; channel: string });

describe('AnalysisPool', { timeout: 120_000 }, () => {
  const pool = new AnalysisPool({ catalog, customers }, 2);
  afterAll(() => pool.close());

  it('answers many concurrent requests, each with the analysis of its own text', async () => {
    const results = await Promise.all(
      corpus.map((c) => pool.analyze(c.text, { refDate: c.ref_date, channel: c.channel })),
    );
    for (const [i, c] of corpus.entries()) {
      expect(results[i]).toEqual(
        analyze(c.text, { refDate: c.ref_date, channel: c.channel, catalog, customers }),
      );
    }
  });

  it('refuses work once closed, naming why', async () => {
    const closing = new AnalysisPool({ catalog: [], customers: [] }, 1);
    const pending = closing.analyze('请报价 6061-T6 支架 500 件');
    await closing.close();
    await expect(pending).rejects.toBeInstanceOf(AnalysisPoolError);
    await expect(closing.analyze('你好')).rejects.toThrow(/已关闭/);
  });

  it('refuses a worker count that is not a positive integer', () => {
    expect(() => new AnalysisPool({ catalog: [], customers: [] }, 0)).toThrow(/正整数/);
  });
});
