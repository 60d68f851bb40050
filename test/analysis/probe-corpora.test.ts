// Regression floors on the probe sets: messages written apart from the dev corpus, in other wordings,
// against the same catalogue and customers — test/fixtures/probe-corpus (first annotator),
// probe-corpus-2 (a second, independent one) and probe-corpus-3 (a third). The floors sit a little below the figures reached when
// each set was added, so that a change that only fits the dev corpus shows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { productsFromCsv } from '../../src/catalog/catalog-csv.js';
import { customersFromCsv } from '../../src/customers/customers-csv.js';
import { evaluateCorpus, parseCorpus } from '../../src/rules/corpus-evaluation.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
const catalog = productsFromCsv(fixture('dev-corpus/catalog.csv'));
const customers = customersFromCsv(fixture('dev-corpus/customers.csv'));

const FIELDS = [
  'intent_accuracy',
  'sentiment_accuracy',
  'item_quantity_unit_f1',
  'unit_price_accuracy',
  'delivery_date_accuracy',
  'standards_f1',
  'requirement_coverage',
  'customer_name_accuracy',
  'catalog_code_accuracy',
  'requirement_category_f1',
  'certifications_f1',
  'contract_class_accuracy',
  'contract_reason_f1',
] as const;

/** Every field at 0.97 unless the set names a lower floor for it. */
const floorsOf = (lower: Partial<Record<(typeof FIELDS)[number], number>>) =>
  Object.fromEntries(FIELDS.map((f) => [f, lower[f] ?? 0.97]));

const FLOORS: Record<string, { reached: string; floors: Record<string, number> }> = {
  'probe-corpus': {
    reached: 'intent 0.929, requirement categories 0.958, all else 1',
    // Intent 0.952 → 0.929 (one message) when writers w13 and w14 joined the training split, which
    // lifted the locked split's intent 0.968 → 0.981; the floor allows that one message.
    floors: floorsOf({
      intent_accuracy: 0.92,
      sentiment_accuracy: 0.95,
      requirement_category_f1: 0.92,
      contract_class_accuracy: 0.95,
      contract_reason_f1: 0.95,
    }),
  },
  // First scored before reading the code: intent 0.896, items 0.796, price 0.898, dates 0.750,
  // customer 0.875, categories 0.901.
  'probe-corpus-2': {
    reached: 'intent 0.938, items 0.991, price 0.966, catalogue 0.983, categories 0.994, all else 1',
    // Intent 0.958 since the models learn from data-train/corpus as well (locked split: 0.867 → 0.973);
    // 0.938 (one message) with writers w13 and w14 (locked 0.968 → 0.981).
    floors: floorsOf({
      intent_accuracy: 0.93,
      item_quantity_unit_f1: 0.96,
      unit_price_accuracy: 0.94,
      catalog_code_accuracy: 0.96,
    }),
  },
  // Written before reading the code by a third annotator; first scored: intent 0.930, sentiment 0.977,
  // items 0.940, price 0.978, dates 0.953, standards 0.833, requirement coverage 0.935, customer 0.930,
  // catalogue 0.978, categories 0.916, contract class 0.907, reasons 0.947.
  'probe-corpus-3': {
    reached: 'requirement categories 0.968, all else 1',
    floors: floorsOf({
      intent_accuracy: 0.95,
      sentiment_accuracy: 0.95,
      requirement_category_f1: 0.94,
      contract_class_accuracy: 0.95,
    }),
  },
};

for (const [set, { reached, floors }] of Object.entries(FLOORS)) {
  describe(`${set} figures (reached: ${reached})`, async () => {
    const cases = parseCorpus(fixture(`${set}/corpus.jsonl`));
    const { figures } = await evaluateCorpus(cases, catalog, customers);

    it('holds at least 40 annotated cases', () => {
      expect(cases.length).toBeGreaterThanOrEqual(40);
    });

    it.each(Object.entries(floors))('%s stays at or above %s', (field, floor) => {
      expect(figures[field]).toBeGreaterThanOrEqual(floor);
    });
  });
}
