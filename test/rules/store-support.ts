// Test support for the rules, catalogue and customer suites: corpus master data, corpus messages and
// multipart uploads for app.inject().
import fs from 'node:fs';
import path from 'node:path';
import { productsFromCsv } from '../../src/catalog/catalog-csv.js';
import { upsertProducts } from '../../src/catalog/catalog-repository.js';
import { upsertCustomerByName } from '../../src/customers/customer-repository.js';
import { customersFromCsv } from '../../src/customers/customers-csv.js';
import type { CorpusCase } from '../../src/rules/corpus-case.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import type { Store } from '../../src/store/connect.js';

const DIR = path.resolve('test/fixtures/dev-corpus');

export const corpus: CorpusCase[] = fs
  .readFileSync(path.join(DIR, 'corpus.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as CorpusCase);

export function corpusCase(id: string): CorpusCase {
  const c = corpus.find((x) => x.id === id);
  if (!c) throw new Error(`no corpus case ${id}`);
  return c;
}

export async function seedCorpusMasterData(store: Store): Promise<void> {
  const products = productsFromCsv(fs.readFileSync(path.join(DIR, 'catalog.csv'), 'utf8'));
  await upsertProducts(store.db, SYSTEM_ACTORS.cli, products);
  for (const c of customersFromCsv(fs.readFileSync(path.join(DIR, 'customers.csv'), 'utf8'))) {
    await upsertCustomerByName(store.db, SYSTEM_ACTORS.cli, c);
  }
}
export function multipartFile(
  field: string,
  fileName: string,
  content: string | Buffer,
  contentType = 'text/csv',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----shixu${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
