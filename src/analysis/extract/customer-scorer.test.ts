import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { customersFromCsv } from '../../customers/customers-csv.js';
import { analyze } from '../analyze.js';
import { DEFAULT_OWN_COMPANY_NAMES } from '../own-names.js';
import { decideCustomer } from './customer-scorer.js';
import { trainCustomerScorer } from './customer-training.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/dev-corpus/${name}`, import.meta.url), 'utf8');
const customers = customersFromCsv(fixture('customers.csv'));
const opts = { refDate: '2026-06-10', customers };

describe('deciding the customer from the scores', () => {
  const spans = [{ name: '成都' }, { name: '蜀锦幕墙' }];
  const settings = { threshold: 0.3, override: 0.8 };

  it('takes the most probable span when the rules have none, if probable enough', () => {
    expect(decideCustomer(settings, spans, [0.1, 0.6], null)?.candidate.name).toBe('蜀锦幕墙');
    expect(decideCustomer(settings, spans, [0.1, 0.2], null)).toBeNull();
  });

  it("keeps the rules' pick unless another span is clearly more probable", () => {
    expect(decideCustomer(settings, spans, [0.4, 0.7], spans[0]!)?.candidate.name).toBe('成都');
    expect(decideCustomer(settings, spans, [0.4, 0.9], spans[0]!)?.candidate.name).toBe('蜀锦幕墙');
  });
});

// Wordings written for this test (not in any training set): a new customer named only in a slot —
// a signature, a chat sender line, a self-introduction — is found, and so reported as new.
describe('the shipped scorer on customers named without a legal suffix', () => {
  it('reads the company from a signature line with a person after it', () => {
    const r = analyze(
      '王经理好，6063方管40x40要800支，月底前送到，麻烦报个含税价。\n——明辉灯饰 周晓东',
      opts,
    );
    expect(r.customer).toMatchObject({ name: '明辉灯饰', known: false });
    expect(r.customer?.confidence).toBeGreaterThan(0);
  });

  it('reads the company a caller gives before a department and surname', () => {
    const r = analyze(
      '客户 喂 华锐吗 我扬州宏运电梯配件 采购部的 姓卢\n销售 卢经理您好\n客户 上回那个导轨型材再要两千米',
      { ...opts, channel: 'phone_transcript' },
    );
    expect(r.customer).toMatchObject({ name: '扬州宏运电梯配件', known: false });
  });

  it('does not take a channel label or a bare place for the customer', () => {
    const r = analyze('[群聊] 李总：油泵壳体再来600件，我这边是成都的', opts);
    expect(r.customer?.name ?? null).not.toBe('群聊');
    expect(r.customer?.name ?? null).not.toBe('成都');
  });

  it('keeps a known customer known', () => {
    const r = analyze('恒驰采购：防撞梁下周三前再发1200件，按原PO价格。', opts);
    expect(r.customer).toMatchObject({ known: true });
  });
});

describe('training the customer scorer', () => {
  const corpus = fixture('corpus.jsonl')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; channel: string; gold: { customer: string | null } });
  const cases = corpus.map((c, i) => ({
    text: c.text,
    channel: c.channel,
    gold: c.gold.customer,
    group: `g${i % 4}`,
  }));

  it('is deterministic and reports its cross-validated accuracy beside the rules', () => {
    const a = trainCustomerScorer(cases, customers, DEFAULT_OWN_COMPANY_NAMES);
    const b = trainCustomerScorer(cases, customers, DEFAULT_OWN_COMPANY_NAMES);
    expect(a.scorer.model.weights).toEqual(b.scorer.model.weights);
    expect(a.crossValidated.cases).toBe(corpus.length);
    expect(a.crossValidated.scorer).toBeGreaterThanOrEqual(a.crossValidated.rules);
  });
});

describe('fields a person should check', () => {
  it('lists the fields below the review threshold with their confidence, and none that are sure', () => {
    const sure = analyze('恒驰采购：防撞梁下周三前再发1200件，按原PO价格。', opts);
    const unsure = analyze('嗯', opts);
    for (const r of [sure, unsure]) {
      const low = [
        ['intent', r.intent.confidence],
        ['sentiment', r.sentiment.confidence ?? 1],
        ['customer', r.customer?.confidence ?? 1],
        ['delivery.date', r.delivery.confidence ?? 1],
      ]
        .filter(([, p]) => (p as number) < 0.6)
        .map(([path]) => path);
      expect(r.needsReview?.filter((p) => !p.startsWith('items['))).toEqual(low);
    }
    expect(unsure.needsReview).toContain('intent');
  });
});
