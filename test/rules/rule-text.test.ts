// A rule's title and explanation follow the threshold the editor changes, and only the number that
// states it: next to the fact's unit or after a comparison sign.
import { describe, expect, it } from 'vitest';
import { defaultRules } from '../../src/rules/default-rules.js';
import { retextThreshold } from '../../src/rules/rule-text.js';

const large = defaultRules.rules.find((r) => r.id === 'special.large_urgent_order')!;
const precision = defaultRules.rules.find((r) => r.id === 'special.precision_above_standard')!;
const TONNES = ['吨', 't'];

describe('retextThreshold', () => {
  it('rewrites the weight threshold in the title and the explanation (100 t → 80 t)', () => {
    const change = { from: 100, to: 80, units: TONNES };
    expect(retextThreshold(large.name, change)).toBe('大批量急单（≥80吨且交期≤30天）');
    expect(retextThreshold(large.event.params.explanationTemplate, change)).toBe(
      '总重 {{totalWeightTonnes}} 吨 ≥ 80 吨，交期 {{deliveryDays}} 天 ≤ 30 天',
    );
  });

  it('leaves other numbers alone: another unit, or without a unit a number after no sign', () => {
    expect(retextThreshold(large.name, { from: 30, to: 45, units: TONNES })).toBe(large.name);
    expect(retextThreshold('3.2 证书，≥3.2 级', { from: 3.2, to: 3.1, units: [] })).toBe('3.2 证书，≥3.1 级');
    expect(retextThreshold('3.2 证书，≥3.2 级', { from: 3.2, to: 3.1, units: ['吨'] })).toBe(
      '3.2 证书，≥3.2 级',
    );
    expect(retextThreshold('订单 100 件，≥100吨', { from: 100, to: 80, units: TONNES })).toBe(
      '订单 100 件，≥80吨',
    );
  });

  it('keeps the decimals a tolerance was written with (±0.10 mm → ±0.08 mm)', () => {
    const text = precision.event.params.explanationTemplate;
    const out = retextThreshold(text, { from: 0.1, to: 0.08, units: ['mm'] });
    expect(out).toContain('型材截面公差 ±0.08 mm');
    expect(out).toContain('机加工 ±0.02 mm');
    expect(retextThreshold('公差 ±0.10 mm', { from: 0.1, to: 0.2, units: ['mm'] })).toBe('公差 ±0.20 mm');
  });

  it('changes the sign with the comparison (≥ to >)', () => {
    expect(
      retextThreshold(large.name, {
        from: 100,
        to: 120,
        units: TONNES,
        operator: { from: 'greaterThanInclusive', to: 'greaterThan' },
      }),
    ).toBe('大批量急单（>120吨且交期≤30天）');
    expect(
      retextThreshold(large.name, {
        from: 100,
        to: 100,
        units: TONNES,
        operator: { from: 'greaterThanInclusive', to: 'equal' },
      }),
    ).toBe('大批量急单（=100吨且交期≤30天）');
  });
});
