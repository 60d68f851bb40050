import { describe, expect, it } from 'vitest';
import { findMoney } from '../entities/index.js';
import { splitLines } from '../text/segment.js';
import { bindingFeatures, bindPrices } from './price-binding.js';
import { priceCandidates } from './price-scorer.js';

const settings = { threshold: 0.5, override: 0.8, keep: 0.1 };

describe('binding prices to the items of a message naming several', () => {
  const text = '转向节 2000件，单价258元；下控制臂 1500件，单价145元。';
  const candidates = priceCandidates(findMoney(text));
  const items = [
    { span: { start: 0, end: 3 }, quantity: { value: 2000, unit: '件' } },
    { span: { start: text.indexOf('下控制臂'), end: text.indexOf('下控制臂') + 4 }, quantity: null },
  ];
  const ctx = { norm: text, lines: splitLines(text), intent: 'order', tableLines: [] };

  it('sees which sum stands in an item’s own segment and in the same rank', () => {
    expect(candidates.map((c) => c.amount)).toEqual([258, 145]);
    const first = bindingFeatures(ctx, items, candidates, 0, [-1, -1]);
    expect(first[0]!.get('ownSegment')).toBe(1);
    expect(first[0]!.get('rank:aligned')).toBe(1);
    expect(first[1]!.get('itemBetween')).toBe(1);
    expect(first[1]!.get('rank:other')).toBe(1);
    const second = bindingFeatures(ctx, items, candidates, 1, [0, -1]);
    expect(second[0]!.get('otherPick')).toBe(1);
    expect(second[1]!.get('ownSegment')).toBe(1);
  });

  it('gives a sum to one item only: the more probable keeps it, the other keeps the rules’ reading', () => {
    const bound = bindPrices(
      settings,
      candidates,
      [
        [0.9, 0.1],
        [0.95, 0.2],
      ],
      [-1, -1],
      [false, false],
      [false, false],
    );
    expect(bound).toEqual([{ kind: 'keep' }, { kind: 'take', candidate: 0 }]);
  });

  it('never takes a refused sum (a supplier’s offer, a competitor’s price) on the model’s word', () => {
    const bound = bindPrices(settings, candidates, [[0.99, 0.1]], [-1], [false], [true, false]);
    expect(bound).toEqual([{ kind: 'keep' }]);
  });
});
