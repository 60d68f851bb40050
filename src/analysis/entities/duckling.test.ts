import { describe, expect, it } from 'vitest';
import { extractDuckling } from './duckling.js';

const opts = { refTime: Date.parse('2013-02-12T04:30:00-02:00'), tzOffsetMinutes: -120 };

describe('extractDuckling', () => {
  it('prints times as Duckling does, with intervals exclusive at the end', () => {
    const [e] = extractDuckling('这周末', { ...opts, dims: ['time'] });
    expect(e).toMatchObject({
      body: '这周末',
      start: 0,
      end: 3,
      dim: 'time',
      latent: false,
      value: {
        type: 'interval',
        from: { value: '2013-02-15T18:00:00.000-02:00', grain: 'hour' },
        to: { value: '2013-02-18T00:00:00.000-02:00' },
      },
    });
  });
  it('follows Duckling week conventions', () => {
    const v = (s: string) =>
      (extractDuckling(s, { ...opts, dims: ['time'] })[0]?.value as { value?: string } | undefined)?.value;
    expect(v('下周三')).toBe('2013-02-13T00:00:00.000-02:00');
    expect(v('星期二')).toBe('2013-02-19T00:00:00.000-02:00');
    expect(v('三点')).toBe('2013-02-12T15:00:00.000-02:00');
  });
  it('computes lunar and Easter-based holidays for any year', () => {
    const day = (s: string) =>
      (
        (extractDuckling(s, { ...opts, dims: ['time'] })[0]?.value as { value?: string } | undefined)
          ?.value ?? ''
      ).slice(0, 10);
    expect(day('中秋节')).toBe('2013-09-19');
    expect(day('2020年春节')).toBe('2020-01-25');
    expect(day('2019年复活节')).toBe('2019-04-21');
    expect(day('晚上十二点')).toBe('2013-02-13');
  });
  it('reads regional holidays by locale', () => {
    const tw = extractDuckling('國慶', { ...opts, dims: ['time'], locale: 'zh_TW' })[0]?.value as {
      value: string;
    };
    const cn = extractDuckling('國慶', { ...opts, dims: ['time'], locale: 'zh_CN' })[0]?.value as {
      value: string;
    };
    expect(tw.value.slice(0, 10)).toBe('2013-10-10');
    expect(cn.value.slice(0, 10)).toBe('2013-10-01');
  });
  it('returns non-overlapping longest entities across dimensions', () => {
    const ents = extractDuckling('单价12.5元，3斤半，明天下午3点，5.5分钟', opts);
    expect(ents.map((e) => e.dim)).toEqual(['amount-of-money', 'quantity', 'time', 'duration']);
    for (let i = 1; i < ents.length; i++) expect(ents[i]!.start).toBeGreaterThanOrEqual(ents[i - 1]!.end);
    const dur = ents[3]?.value as Record<string, unknown>;
    expect(dur).toMatchObject({
      value: 330,
      unit: 'second',
      second: 330,
      normalized: { value: 330, unit: 'second' },
    });
  });
});
