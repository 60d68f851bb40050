import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDuckling } from './duckling.js';
import { extractOne } from './extract-jsonl.js';
import {
  findDates,
  findDurations,
  findMoney,
  findNumbers,
  findPercentages,
  findQuantities,
  parseChineseNumber,
} from './index.js';

const FINDERS: Array<[string, (s: string) => Array<{ start: number; end: number; text: string }>]> = [
  ['findNumbers', findNumbers],
  ['findQuantities', findQuantities],
  ['findMoney', findMoney],
  ['findPercentages', findPercentages],
  ['findDurations', findDurations],
  ['findDates', (s) => findDates(s, { date: '2026-02-24' })],
];

const chunk = fc.constantFrom(
  '三千五百',
  '件',
  '元',
  '/件',
  '含税',
  '下周',
  '三',
  '月',
  '号',
  '底前',
  '2026年',
  '-',
  '～',
  '12/15',
  '.',
  '点',
  '万',
  '半',
  '\u0000',
  '\uD800',
  '😂',
  '春节',
  '天内',
  '%',
  'kg',
  '¥',
  ' ',
  '\n',
  '后',
  '第',
  '个',
);
const text = fc.oneof(
  fc.string(),
  fc.array(chunk, { maxLength: 40 }).map((a) => a.join('')),
  fc.string({ unit: 'binary' }),
);

describe('no finder throws, offsets stay in bounds', () => {
  for (const [name, f] of FINDERS) {
    it(name, () => {
      fc.assert(
        fc.property(text, (s) => {
          for (const m of f(s)) {
            expect(m.start).toBeGreaterThanOrEqual(0);
            expect(m.end).toBeLessThanOrEqual(s.length);
            expect(m.start).toBeLessThan(m.end);
            expect(s.slice(m.start, m.end)).toBe(m.text);
          }
        }),
        { numRuns: 300 },
      );
    });
  }
  it('extractDuckling and parseChineseNumber', () => {
    fc.assert(
      fc.property(text, (s) => {
        parseChineseNumber(s);
        for (const e of extractDuckling(s, { refTime: 0, tzOffsetMinutes: 480 })) {
          expect(s.slice(e.start, e.end)).toBe(e.body);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('handles the empty string, control characters and a 1 MB message', () => {
    const big = '单价12.5元/件，数量800支，下周五前交货。\u0000\uDC00😂'.repeat(40_000).slice(0, 1_000_000);
    for (const [, f] of FINDERS) {
      expect(f('')).toEqual([]);
      expect(f('\u0000\u0001\u001f')).toEqual([]);
      const r = f(big);
      for (const m of r.slice(0, 50)) expect(big.slice(m.start, m.end)).toBe(m.text);
    }
  });
});

describe('extract-jsonl core', () => {
  it('maps one input object to Duckling entities with the reference offset', () => {
    const out = extractOne({
      id: 'a1',
      text: '明天下午三点',
      reftime: '2013-02-12T04:30:00-02:00',
      dims: ['time'],
    });
    expect(out.id).toBe('a1');
    expect(out.entities).toHaveLength(1);
    expect(out.entities[0]?.value).toMatchObject({
      type: 'value',
      value: '2013-02-13T15:00:00.000-02:00',
      grain: 'hour',
    });
  });
  it('reports bad input instead of throwing', () => {
    expect(extractOne({ id: 2, text: 5 }).error).toBeTruthy();
    expect(extractOne({ id: 3, text: 'x', reftime: 'nope' }).error).toBeTruthy();
  });
});
