// The written training corpus (data-train/corpus) is only worth its figures if its splits stay
// apart: no message of the training split may repeat a passage of a message the models are
// measured on (dev and locked splits, the dev corpus and the probe sets), and every case must read
// under the same schema and checks as the dev corpus.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { productsFromCsv } from '../../src/catalog/catalog-csv.js';
import { customersFromCsv } from '../../src/customers/customers-csv.js';
import { parseCorpus } from '../../src/rules/corpus-evaluation.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const split = (name: string) =>
  readdirSync(new URL(`data-train/corpus/${name}/`, root))
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => parseCorpus(read(`data-train/corpus/${name}/${f}`)));

const catalog = productsFromCsv(read('test/fixtures/dev-corpus/catalog.csv'));
const customers = customersFromCsv(read('test/fixtures/dev-corpus/customers.csv'));
const train = split('train');
const dev = split('dev');
const locked = split('locked');
const measured = [
  ...dev,
  ...locked,
  ...['dev-corpus', 'probe-corpus', 'probe-corpus-2', 'probe-corpus-3'].flatMap((s) =>
    parseCorpus(read(`test/fixtures/${s}/corpus.jsonl`)),
  ),
];

/** Letterheads and names every writer uses: the supplier, the customers, the catalogue's models. */
const BOILERPLATE = [
  '华锐精密部件有限公司',
  'Huarui Precision Parts Co., Ltd.',
  ...customers.flatMap((c) => [c.name, c.shortName]),
  ...catalog.flatMap((p) => [p.model, p.name]),
]
  .filter((s): s is string => typeof s === 'string' && s.length >= 2)
  .sort((a, b) => b.length - a.length);

function masked(text: string): string {
  let out = text;
  for (const b of BOILERPLATE) out = out.split(b).join('\u0001');
  return out.replace(/\s+/g, ' ');
}

/** A shared run this long (after masking names) is a copied passage, not two writers’ stock phrases (“Please find attached our purchase order”). */
const COPIED_RUN = 60;

describe('written training corpus', () => {
  it('has the three splits, enough messages and unique ids', () => {
    expect(train.length).toBeGreaterThanOrEqual(800);
    expect(dev.length).toBeGreaterThanOrEqual(60);
    expect(locked.length).toBeGreaterThanOrEqual(150);
    const ids = [...train, ...dev, ...locked].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps every annotation within the dev corpus conventions', () => {
    const codes = new Set(catalog.map((p) => p.code));
    for (const c of [...train, ...dev, ...locked]) {
      for (const phrase of c.gold.special_requirements) expect(c.text, c.id).toContain(phrase);
      for (const item of c.gold.items)
        if (item.catalog_code) expect(codes.has(item.catalog_code), c.id).toBe(true);
      if (c.gold.delivery_date) expect(c.gold.delivery_date >= c.ref_date, c.id).toBe(true);
      expect(c.gold.special_reasons.length > 0, c.id).toBe(c.gold.contract_class === 'special');
    }
  });

  it('shares no passage between a training message and a message it is measured on', () => {
    const seen = new Map<string, string>();
    for (const c of measured) {
      const t = masked(c.text);
      for (let i = 0; i + COPIED_RUN <= t.length; i++) seen.set(t.slice(i, i + COPIED_RUN), c.id);
    }
    const copies: string[] = [];
    for (const c of train) {
      const t = masked(c.text);
      for (let i = 0; i + COPIED_RUN <= t.length; i++) {
        const other = seen.get(t.slice(i, i + COPIED_RUN));
        if (other) {
          copies.push(`${c.id} ~ ${other}: ${t.slice(i, i + COPIED_RUN)}`);
          break;
        }
      }
    }
    expect(copies).toEqual([]);
  });
});
