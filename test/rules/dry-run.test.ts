import { describe, expect, it } from 'vitest';
import {
  classifyContract,
  compareRuleSets,
  defaultRules,
  type RuleSet,
  RuleSetInvalidError,
  scoreContracts,
} from '../../src/rules/index.js';
import { analysis, ctx } from './helpers.js';

function withLargeOrderThreshold(tonnes: number): RuleSet {
  const copy = structuredClone(defaultRules);
  const r = copy.rules.find((x) => x.id === 'special.large_urgent_order');
  if (!r || !('all' in r.conditions)) throw new Error('default rule changed shape');
  r.conditions.all[1] = { fact: 'totalWeightTonnes', operator: 'greaterThanInclusive', value: tonnes };
  return copy;
}

const message = (id: string, tonnes: number) => {
  const text = `采购订单 HC-PO-2603-00${id}：幕墙立柱型材 ${tonnes}吨，3月20日前交货。`;
  return {
    id,
    text,
    result: analysis(text, {
      items: [{ product: '幕墙立柱型材', code: 'AL-103', qty: tonnes, unit: '吨' }],
      delivery: '2026-03-20',
    }),
  };
};

describe('compareRuleSets (dry run of a draft)', () => {
  it('shows which messages change class when the tonnage threshold is lowered', async () => {
    const report = await compareRuleSets(
      [message('1', 60), message('2', 30), message('3', 120)],
      defaultRules,
      withLargeOrderThreshold(50),
      ctx(),
    );
    expect(report.problems).toEqual([]);
    expect(report.items.map((i) => [i.id, i.before.class, i.after.class, i.changed])).toEqual([
      ['1', 'regular', 'special', true],
      ['2', 'regular', 'regular', false],
      ['3', 'special', 'special', false],
    ]);
    expect(report.items[0]?.addedReasons).toEqual(['large_urgent_order']);
    expect(report.changedCount).toBe(1);
  });

  it('does not run an invalid draft and returns its problems', async () => {
    const draft = structuredClone(defaultRules);
    (draft.rules[0] as { priority: number }).priority = 0;
    const report = await compareRuleSets([message('1', 60)], defaultRules, draft, ctx());
    expect(report.items).toEqual([]);
    expect(report.problems[0]?.path).toBe('rules[0].priority');
  });

  it('classifyContract refuses an invalid rule set', async () => {
    const m = message('1', 60);
    const bad = {
      rules: [
        { ...defaultRules.rules[0], conditions: { all: [{ fact: 'nope', operator: 'equal', value: 1 }] } },
      ],
    } as RuleSet;
    await expect(classifyContract(m.result, m.text, ctx(), bad)).rejects.toBeInstanceOf(RuleSetInvalidError);
  });

  it('a disabled rule no longer classifies', async () => {
    const draft = structuredClone(defaultRules);
    for (const r of draft.rules) if (r.id === 'special.large_urgent_order') r.enabled = false;
    const report = await compareRuleSets([message('3', 120)], defaultRules, draft, ctx());
    expect(report.items[0]).toMatchObject({
      before: { class: 'special' },
      after: { class: 'regular' },
      removedReasons: ['large_urgent_order'],
    });
  });
});

describe('scoreContracts', () => {
  it('scores class accuracy and micro-F1 over reasons, listing the misses', () => {
    const score = scoreContracts(
      [
        { id: 'a', contract_class: 'special', special_reasons: ['new_product', 'new_customer'] },
        { id: 'b', contract_class: 'regular', special_reasons: [] },
        { id: 'c', contract_class: null, special_reasons: [] },
        { id: 'd', contract_class: 'temporary', special_reasons: [] },
      ],
      [
        { id: 'a', class: 'special', reasons: ['new_product'] },
        { id: 'b', class: 'special', reasons: ['precision_above_standard'] },
        { id: 'c', class: null, reasons: [] },
      ],
    );
    expect(score.contract_class_accuracy).toBe(0.5);
    // tp 1, fp 1, fn 1 → P = R = F1 = 0.5
    expect(score.reason_f1).toBe(0.5);
    expect(score.misses.map((m) => m.id)).toEqual(['a', 'b', 'd']);
  });
});
