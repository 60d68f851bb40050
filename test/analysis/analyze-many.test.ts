// Bulk analysis runs each phase over a batch of messages in turn; what comes out must be exactly what
// analysing each message on its own gives, in input order, whatever the batch holds.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnalysisInput, analyze, analyzeMany } from '../../src/analysis/analyze.js';
import { analyzeInBatches } from '../../src/analysis-pool/in-thread-batches.js';
import { productsFromCsv } from '../../src/catalog/catalog-csv.js';
import { customersFromCsv } from '../../src/customers/customers-csv.js';
import * as M from './messages.js';

const FIXTURES = path.resolve('test/fixtures');
const catalog = productsFromCsv(fs.readFileSync(path.join(FIXTURES, 'dev-corpus/catalog.csv'), 'utf8'));
const customers = customersFromCsv(fs.readFileSync(path.join(FIXTURES, 'dev-corpus/customers.csv'), 'utf8'));
const corpus = ['dev-corpus', 'probe-corpus'].flatMap((dir) =>
  fs
    .readFileSync(path.join(FIXTURES, dir, 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; ref_date: string; channel: string }),
);
const inputs: AnalysisInput[] = corpus.map((c) => ({
  text: c.text,
  options: { refDate: c.ref_date, channel: c.channel, catalog, customers },
}));

describe('analyzeMany', () => {
  it('gives every message of a corpus the same result as analyze(), in input order', () => {
    expect(inputs.length).toBeGreaterThan(64); // several batches, the last one partial
    const many = analyzeMany(inputs);
    expect(many).toHaveLength(inputs.length);
    inputs.forEach((input, i) => {
      expect(many[i]).toEqual(analyze(input.text, input.options));
    });
  });

  it('is the same for any mix of texts and options, including an empty batch', () => {
    expect(analyzeMany([])).toEqual([]);
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom(M.poEmail, M.wechatChat, M.phoneTranscript, M.englishRfq, M.complaint),
    );
    const message = fc.record({
      text,
      refDate: fc.constantFrom('2026-01-05', '2026-11-20', 'not a date'),
      withCatalog: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 40 }), (messages) => {
        const batch = messages.map((m) => ({
          text: m.text,
          options: {
            refDate: m.refDate,
            ...(m.withCatalog ? { catalog: M.catalog, customers: M.customers } : {}),
          },
        }));
        const many = analyzeMany(batch);
        batch.forEach((b, i) => {
          expect(many[i]).toEqual(analyze(b.text, b.options));
        });
      }),
      { numRuns: 15 },
    );
  });

  it('answers each of many requests made at once with the analysis of its own text (in-thread batches)', async () => {
    const analyse = analyzeInBatches();
    const some = inputs.slice(0, 50);
    const results = await Promise.all(some.map((i) => analyse(i.text, i.options ?? {})));
    some.forEach((input, i) => {
      expect(results[i]).toEqual(analyze(input.text, input.options));
    });
  });
});
