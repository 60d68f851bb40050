import { describe, expect, it } from 'vitest';
import { canonicalDecimal, canonicalMoney, parseDecimal } from '../../src/store/decimal.js';

describe('exact decimals', () => {
  it('reads the ways people write prices and weights', () => {
    expect(parseDecimal('186.00')).toBe('186');
    expect(parseDecimal(' 1,234.50 ')).toBe('1234.5');
    expect(parseDecimal('¥32.50')).toBe('32.5');
    expect(parseDecimal('24800元')).toBe('24800');
    expect(parseDecimal(0.62)).toBe('0.62');
    expect(parseDecimal('0.1')).toBe('0.1');
  });

  it('rejects what is not a number', () => {
    for (const bad of ['abc', '1.2.3', '', '12,34', '1e3x', '--1']) expect(parseDecimal(bad)).toBeNull();
  });

  it('gives the same text for what PostgreSQL and SQLite return', () => {
    expect(canonicalMoney('186.000000')).toBe('186.00');
    expect(canonicalMoney('186.00')).toBe('186.00');
    expect(canonicalMoney('0.105000')).toBe('0.105');
    expect(canonicalDecimal('007.500000')).toBe('7.5');
    expect(canonicalDecimal('-0.000')).toBe('0');
  });
});
