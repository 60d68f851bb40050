// `shixu analyze` and `shixu extract` as a user runs them: a real process, stdin, files, exit codes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisResultSchema } from '../../src/analysis/result.js';
import { gbk } from '../support/gbk.js';

const ROOT = path.resolve('.');
const ENTRY = path.join(ROOT, 'test/support/cli-entry.ts');
const FIXTURES = path.join(ROOT, 'test/fixtures/dev-corpus');
const CATALOG = path.join(FIXTURES, 'catalog.csv');
const CUSTOMERS = path.join(FIXTURES, 'customers.csv');

function shixu(args: string[], input?: string | Buffer, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    cwd: ROOT,
    input,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 150_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const corpus = fs
  .readFileSync(path.join(FIXTURES, 'corpus.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map(
    (l) =>
      JSON.parse(l) as {
        id: string;
        text: string;
        ref_date: string;
        channel: string;
        gold: { intent: string };
      },
  );

const ORDER =
  '江苏恒驰汽车零部件有限公司采购部：请报价 6061-T6 控制臂支架 MP-202 共 5000 件，12月15日前交货，含税单价请注明。';

// Each case starts real processes that load the sources through tsx: slow on a busy machine, hence the
// generous limits (they bound a hang; they do not measure speed).
describe('shixu analyze', { timeout: 300_000 }, () => {
  it('analyses a file and prints one result that validates against the published schema', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-analyze-'));
    const file = path.join(dir, 'order.txt');
    // A GBK file, as Windows tools save it: the CLI must read it without mojibake.
    fs.writeFileSync(file, gbk(ORDER));
    const r = shixu([
      'analyze',
      file,
      '--ref-date',
      '2026-11-28',
      '--catalog',
      CATALOG,
      '--customers',
      CUSTOMERS,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = analysisResultSchema.parse(JSON.parse(r.stdout));
    expect(result.customer?.name).toContain('恒驰');
    expect(result.items[0]?.quantity).toEqual({ value: 5000, unit: '件' });
    expect(result.delivery.date).toBe('2026-12-15');
    expect(result.contract.class).not.toBeNull();
  });

  it('reads stdin with "-" and fills the contract class from the given catalogue and customers', () => {
    const args = ['analyze', '-', '--ref-date', '2026-11-28', '--catalog', CATALOG];
    const known = JSON.parse(shixu([...args, '--customers', CUSTOMERS], ORDER).stdout);
    const codes = (r: { contract: { reasons: { code: string }[] } }) => r.contract.reasons.map((x) => x.code);
    expect(known.customer).toMatchObject({ name: '江苏恒驰汽车零部件有限公司', known: true });
    expect(codes(known)).not.toContain('new_customer');
    expect(known.contract.totalWeightTonnes).toBeCloseTo(5.25, 2);
    // Without the customer list the same buyer is a new customer: a special contract, and it says why.
    const unknown = JSON.parse(shixu(args, ORDER).stdout);
    expect(unknown.customer.known).toBe(false);
    expect(unknown.contract.class).toBe('special');
    expect(codes(unknown)).toContain('new_customer');
    expect(unknown.contract.reasons[0].explanation).toContain('江苏恒驰');
  });

  it('--jsonl answers every line with its id, reports bad lines in place and exits non-zero', () => {
    const sample = corpus.slice(0, 5);
    const lines = [
      ...sample.map((c) =>
        JSON.stringify({ id: c.id, text: c.text, ref_date: c.ref_date, channel: c.channel }),
      ),
      'this is not json',
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ id: 'bad-date', text: '你好', ref_date: '2026-02-30x' }),
    ];
    const r = shixu(
      ['analyze', '--jsonl', '--catalog', CATALOG, '--customers', CUSTOMERS],
      `${lines.join('\n')}\n`,
    );
    expect(r.code).toBe(1);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual([...sample.map((c) => c.id), null, 'no-text', 'bad-date']);
    for (const [i, c] of sample.entries()) {
      const { id: _id, ...result } = out[i];
      analysisResultSchema.parse(result);
      expect(result.intent.label).toBe(c.gold.intent);
      // Every learnt field says how sure it is, and the unsure ones are listed for a person's check.
      expect(result.sentiment.confidence).toBeGreaterThanOrEqual(0);
      expect(result.delivery.confidence).toBeGreaterThanOrEqual(0);
      if (result.customer) expect(result.customer.confidence).toBeGreaterThanOrEqual(0);
      expect(Array.isArray(result.needsReview)).toBe(true);
      const unsure = [
        ['intent', result.intent.confidence],
        ['sentiment', result.sentiment.confidence],
        ['customer', result.customer?.confidence ?? 1],
        ['delivery.date', result.delivery.confidence],
      ]
        .filter(([, p]) => p < 0.6)
        .map(([path]) => path);
      expect(result.needsReview.filter((p: string) => !p.startsWith('items['))).toEqual(unsure);
    }
    expect(out[5].error).toMatch(/JSON/);
    expect(out[6].error).toMatch(/text/);
    expect(out[7].error).toMatch(/ref_date/);
    expect(r.stderr).toMatch(/3/);
  });

  it('--jsonl on worker threads prints the same lines, in input order, as one thread', () => {
    const lines = corpus
      .slice(0, 16)
      .map((c) => JSON.stringify({ id: c.id, text: c.text, ref_date: c.ref_date, channel: c.channel }));
    // A long message first: on threads it finishes last, yet its line must still come first.
    lines.unshift(JSON.stringify({ id: 'long', text: corpus[0]!.text.repeat(40), ref_date: '2026-11-28' }));
    const input = `${lines.join('\n')}\n`;
    const files = ['--catalog', CATALOG, '--customers', CUSTOMERS];
    const one = shixu(['analyze', '--jsonl', '--workers', '1', ...files], input);
    const three = shixu(['analyze', '--jsonl', '--workers', '3', ...files], input);
    expect(one.code).toBe(0);
    expect(three.code).toBe(0);
    expect(
      three.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['long', ...corpus.slice(0, 16).map((c) => c.id)]);
    expect(three.stdout).toBe(one.stdout);
    const bad = shixu(['analyze', '--jsonl', '--workers', '0', ...files], input);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--workers/);
  });

  it('names the problem for a missing file, an empty input and a bad --ref-date', () => {
    const missing = shixu(['analyze', '/no/such/file.txt', '--catalog', CATALOG]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/找不到文件.*\/no\/such\/file\.txt/);
    const empty = shixu(['analyze', '-', '--catalog', CATALOG], '   \n');
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toMatch(/输入为空/);
    const date = shixu(['analyze', '-', '--ref-date', '28.11.2026', '--catalog', CATALOG], ORDER);
    expect(date.code).not.toBe(0);
    expect(date.stderr).toMatch(/--ref-date/);
  });

  it('uses the configured database when no files are given', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-analyze-db-'));
    const env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, SHIXU_DATA_DIR: dir };
    // An empty database knows no product and no customer: a first order of an unknown part.
    const r = shixu(['analyze', '-', '--ref-date', '2026-11-28'], ORDER, env);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.contract.class).toBe('special');
    expect(result.customer.known).toBe(false);
  });

  it('points --help to the JSON Schema of the result', () => {
    const r = shixu(['analyze', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('docs/analysis.schema.json');
  });
});

describe('shixu extract --jsonl', { timeout: 300_000 }, () => {
  it('prints entities in Duckling JSON format with the id carried over', () => {
    const input = [
      JSON.stringify({ id: 'a', text: '明天下午3点', reftime: '2013-02-12T04:30:00.000-02:00' }),
      JSON.stringify({
        id: 'b',
        text: '三千五百',
        reftime: '2013-02-12T04:30:00.000-02:00',
        dims: ['number'],
      }),
      '{oops',
    ].join('\n');
    const r = shixu(['extract', '--jsonl'], input);
    expect(r.code).toBe(1);
    const [a, b, bad] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(a).toMatchObject({
      id: 'a',
      entities: [
        {
          body: '明天下午3点',
          start: 0,
          end: 6,
          dim: 'time',
          latent: false,
          value: { type: 'value', value: '2013-02-13T15:00:00.000-02:00', grain: 'hour' },
        },
      ],
    });
    expect(b.entities).toEqual([
      expect.objectContaining({
        body: '三千五百',
        dim: 'number',
        value: expect.objectContaining({ value: 3500 }),
      }),
    ]);
    expect(bad).toMatchObject({ id: null, entities: [] });
    expect(bad.error).toMatch(/JSON/);
  });

  it('refuses to run without --jsonl, saying how to use it', () => {
    const r = shixu(['extract'], '');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--jsonl/);
  });
});
