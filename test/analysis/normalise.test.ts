import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDomainDictionary } from '../../src/analysis/dictionary/index.js';
import { addDomainTerms, getJieba } from '../../src/analysis/text/jieba.js';
import { cutWords, extractKeywords } from '../../src/analysis/text/keywords.js';
import { normalise } from '../../src/analysis/text/normalise.js';

describe('normalise', () => {
  it('reads a full-width comma between ASCII digits as a thousands separator when the number stands alone', () => {
    expect(normalise('单价26，000元/吨，共1，200支').text).toBe('单价26,000元/吨，共1,200支');
    // the tail of a model number followed by a count, and a list of two counts, stay apart
    expect(normalise('HR-6063-180，500件').text).toBe('HR-6063-180，500件');
    expect(normalise('分两批，30，40吨').text).toBe('分两批，30，40吨');
  });

  it('groups a spaced number only where a unit follows or a currency leads, not across columns', () => {
    expect(normalise('共 1 200 件，110 000公斤，单价 ¥12 500').text).toBe(
      '共 1,200 件，110,000公斤，单价 ¥12,500',
    );
    // a row of spaced columns: quantity 500, price 120.50; a phone number
    expect(normalise('电机端盖 500 120.50').text).toBe('电机端盖 500 120.50');
    expect(normalise('电话 021 555 1234').text).toBe('电话 021 555 1234');
  });

  it('turns full-width, traditional and spoken part numbers into matchable text', () => {
    expect(normalise('４５２０　單價').text).toBe('4520 单价');
    expect(normalise('那个四五二零的门窗料，六零六三的').text).toBe('那个4520的门窗料，6063的');
    expect(normalise('BT零二，KT杠PO杠两六零三一').text).toBe('BT02，KT-PO-26031');
  });

  it('leaves counted numbers alone (一万三千五百支, HB九十二)', () => {
    expect(normalise('一万三千五百支').text).toBe('一万三千五百支');
    expect(normalise('HB九十二').text).toBe('HB九十二');
  });

  it('keeps the length, so offsets point into the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(normalise(s).text.length).toBe(s.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('domain dictionary', () => {
  it('keeps domain terms whole when segmenting', () => {
    const words = getJieba().cut('表面硬质阳极氧化，每批做盐雾试验和首件检验', false);
    expect(words).toEqual(expect.arrayContaining(['硬质阳极氧化', '盐雾试验', '首件检验']));
  });

  it('cuts words and ranks keywords of a message', () => {
    expect(cutWords('材质6061-T6，表面本色阳极氧化')).toEqual(['材质', '6061-T6', '表面', '本色阳极氧化']);
    const words = extractKeywords(
      '控制臂支架订单：控制臂支架5000件，交货地点常州，控制臂支架需附材质证明。',
    ).map((k) => k.word);
    expect(words.length).toBeGreaterThan(0);
    expect(words.some((w) => /^\d/.test(w))).toBe(false);
  });

  it('segments a term the user adds as one word', () => {
    expect(getJieba().cut('表面做微弧氧化处理', false)).not.toContain('微弧氧化');
    addDomainTerms([{ word: '微弧氧化', kind: 'process' }]);
    expect(getJieba().cut('表面做微弧氧化处理', false)).toContain('微弧氧化');
  });

  it('takes user entries, later entries overriding earlier ones', () => {
    const terms = buildDomainDictionary([
      { word: '微弧氧化', kind: 'process' },
      { word: '全检', kind: 'document' },
    ]);
    expect(terms.find((t) => t.word === '微弧氧化')?.kind).toBe('process');
    expect(terms.find((t) => t.word === '全检')?.kind).toBe('document');
  });
});
