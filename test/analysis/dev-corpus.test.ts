// Regression floors on the annotated dev corpus: a little below the figures reached when written,
// so that a change that loses extraction quality fails here before the held-out set sees it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type GoldCase, newScores, scoreCase, summary } from '../../src/analysis/evaluation/index.js';
import { analyze } from '../../src/analysis/index.js';
import { productsFromCsv } from '../../src/catalog/catalog-csv.js';
import { customersFromCsv } from '../../src/customers/customers-csv.js';

const dir = new URL('../fixtures/dev-corpus/', import.meta.url);
const cases = readFileSync(new URL('corpus.jsonl', dir), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as GoldCase);
const catalog = productsFromCsv(readFileSync(new URL('catalog.csv', dir), 'utf8'));
const customers = customersFromCsv(readFileSync(new URL('customers.csv', dir), 'utf8'));

describe('dev corpus figures', () => {
  const scores = newScores();
  for (const c of cases)
    scoreCase(scores, c, analyze(c.text, { refDate: c.ref_date, channel: c.channel, catalog, customers }));
  const figures = summary(scores);

  it.each([
    ['item_quantity_unit_f1', 0.95],
    ['unit_price_accuracy', 0.95],
    ['delivery_date_accuracy', 0.95],
    ['standards_f1', 0.95],
    ['requirement_coverage', 0.95],
    ['customer_name_accuracy', 0.95],
    ['catalog_code_accuracy', 0.95],
    ['requirement_category_f1', 0.9],
    ['certifications_f1', 0.95],
  ])('%s stays at or above %s', (field, floor) => {
    expect(figures[field]).toBeGreaterThanOrEqual(floor);
  });
});
