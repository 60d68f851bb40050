// Unit prices of messages naming several items: each price goes to the item it belongs to, also
// where it is written after the other item's name, in a separate price paragraph or in another order.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { productsFromCsv } from '../../src/catalog/catalog-csv.js';
import { customersFromCsv } from '../../src/customers/customers-csv.js';

const read = (path: string) =>
  readFileSync(new URL(`../fixtures/dev-corpus/${path}`, import.meta.url), 'utf8');
const opts = {
  refDate: '2026-03-02',
  channel: 'email',
  catalog: productsFromCsv(read('catalog.csv')),
  customers: customersFromCsv(read('customers.csv')),
};
const prices = (text: string) =>
  analyze(text, opts).items.map((i) => [i.catalogCode, i.quantity?.value, i.unitPrice?.amount]);

describe('unit prices of several items', () => {
  it('reads prices given "respectively" after the items, in the items’ order', () => {
    expect(
      prices(
        '张经理好，下周要一批货：插片式散热器2000件，散热器型材5000件。单价分别为82元、32元（含税），月底前送到苏州。',
      ),
    ).toEqual([
      ['AL-122', 2000, 82],
      ['AL-121', 5000, 32],
    ]);
  });

  it('reads a price list that follows a numbered list of items', () => {
    expect(
      prices('报价确认：1. 控制臂支架 3000件 2. 吸能盒 5000件。以上两项单价：8.9元/件、5.3元/件，未税。'),
    ).toEqual([
      ['MP-202', 3000, 8.9],
      ['AL-142', 5000, 5.3],
    ]);
  });

  it('reads target prices given for two parts of an inquiry', () => {
    expect(
      prices(
        '李工你好，询价两款：1、电机端盖 DG-A380-180，年用量约3万件；2、减速器壳体，年用量8000件。我们的目标价分别是92元和1010元，请报价。',
      ),
    ).toEqual([
      ['MP-222', 30000, 92],
      ['MP-223', 8000, 1010],
    ]);
  });
});
