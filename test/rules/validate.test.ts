import { describe, expect, it } from 'vitest';
import { defaultRules, type RuleDefinition, type RuleSet, validateRuleSet } from '../../src/rules/index.js';

const rule = (over: Partial<RuleDefinition> & Record<string, unknown> = {}): RuleDefinition =>
  ({
    id: 'r1',
    name: '测试规则',
    priority: 10,
    enabled: true,
    conditions: { all: [{ fact: 'totalWeightTonnes', operator: 'greaterThanInclusive', value: 50 }] },
    event: {
      type: 'special',
      params: {
        code: 'large_urgent_order',
        explanationTemplate: '总重 {{totalWeightTonnes}} 吨',
        severity: 'high',
      },
    },
    ...over,
  }) as RuleDefinition;

const set = (rules: unknown[], namedConditions?: unknown): RuleSet => ({ rules, namedConditions }) as RuleSet;

describe('validateRuleSet', () => {
  it('accepts the shipped default rule set', () => {
    expect(validateRuleSet(defaultRules)).toEqual([]);
  });

  const cases: { label: string; input: RuleSet; path: string; code: string }[] = [
    {
      label: 'unknown fact',
      input: set([rule({ conditions: { all: [{ fact: 'tonnage', operator: 'equal', value: 1 }] } })]),
      path: 'rules[0].conditions.all[0].fact',
      code: 'unknown_fact',
    },
    {
      label: 'unknown operator',
      input: set([rule({ conditions: { all: [{ fact: 'deliveryDays', operator: 'atMost', value: 30 }] } })]),
      path: 'rules[0].conditions.all[0].operator',
      code: 'unknown_operator',
    },
    {
      label: 'operator not meant for the fact type',
      input: set([
        rule({ conditions: { all: [{ fact: 'fullInspection', operator: 'greaterThan', value: 1 }] } }),
      ]),
      path: 'rules[0].conditions.all[0].operator',
      code: 'operator_not_allowed',
    },
    {
      label: 'string where a number is needed',
      input: set([
        rule({ conditions: { all: [{ fact: 'deliveryDays', operator: 'lessThan', value: '30' }] } }),
      ]),
      path: 'rules[0].conditions.all[0].value',
      code: 'wrong_value_type',
    },
    {
      label: 'value a string fact never takes',
      input: set([
        rule({ conditions: { all: [{ fact: 'writtenBasis', operator: 'equal', value: 'fax' }] } }),
      ]),
      path: 'rules[0].conditions.all[0].value',
      code: 'unknown_value',
    },
    {
      label: 'reference to an undefined named condition',
      input: set([rule({ conditions: { all: [{ condition: 'heavyOrder' }] } })]),
      path: 'rules[0].conditions',
      code: 'unknown_condition',
    },
    {
      label: 'named conditions that refer to each other',
      input: set([rule({ conditions: { all: [{ condition: 'a' }] } })], {
        a: { all: [{ condition: 'b' }] },
        b: { any: [{ condition: 'a' }] },
      }),
      path: 'namedConditions.a',
      code: 'cyclic_condition',
    },
    {
      label: 'template naming an unknown fact',
      input: set([
        rule({
          event: {
            type: 'special',
            params: { code: 'x', explanationTemplate: '重量 {{weight}}', severity: 'high' },
          },
        }),
      ]),
      path: 'rules[0].event.params.explanationTemplate',
      code: 'bad_template',
    },
    {
      label: 'unbalanced template braces',
      input: set([
        rule({
          event: {
            type: 'special',
            params: { code: 'x', explanationTemplate: '重量 {{totalWeightTonnes', severity: 'high' },
          },
        }),
      ]),
      path: 'rules[0].event.params.explanationTemplate',
      code: 'bad_template',
    },
    {
      label: 'unknown event type',
      input: set([
        rule({
          event: { type: 'urgent', params: { code: 'x', explanationTemplate: 'x', severity: 'high' } },
        } as never),
      ]),
      path: 'rules[0].event.type',
      code: 'bad_event',
    },
    {
      label: 'priority 0',
      input: set([rule({ priority: 0 })]),
      path: 'rules[0].priority',
      code: 'bad_priority',
    },
    {
      label: 'duplicate rule id',
      input: set([rule(), rule()]),
      path: 'rules[1].id',
      code: 'duplicate_id',
    },
  ];
  it.each(cases)('reports $label at $path', ({ input, path, code }) => {
    const problems = validateRuleSet(input);
    expect(problems).toContainEqual(expect.objectContaining({ path, code }));
    for (const p of problems) {
      expect(p.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.message.en).toMatch(/[A-Za-z]/);
    }
  });

  it('reports every problem of a rule set at once', () => {
    const problems = validateRuleSet(
      set([
        rule({ conditions: { all: [{ fact: 'tonnage', operator: 'atMost', value: 1 }] } }),
        rule({ id: 'r2', priority: -1 }),
      ]),
    );
    expect(problems.map((p) => p.code).sort()).toEqual(['bad_priority', 'unknown_fact', 'unknown_operator']);
  });

  it('rejects something that is not a rule set', () => {
    expect(validateRuleSet({ foo: 1 })).toEqual([
      expect.objectContaining({ path: 'rules', code: 'invalid_shape' }),
    ]);
  });
});
