import { describe, expect, it } from 'vitest';
import {
  findDates,
  findDurations,
  findMoney,
  findNumbers,
  findPercentages,
  findQuantities,
  parseChineseNumber,
} from './index.js';

const REF = { date: '2026-02-24' }; // a Tuesday

describe('parseChineseNumber', () => {
  it.each([
    ['三千五百', 3500],
    ['两万', 20000],
    ['1.2万', 12000],
    ['十二万五千', 125000],
    ['一百零五', 105],
    ['两千三', 2300],
    ['千一', 1100],
    ['萬九', 19000],
    ['百二萬', 1200000],
    ['一對', 2],
    ['五打', 60],
    ['十份十一', 1.1],
    ['二份一', 0.5],
    ['三點五', 3.5],
    ['５０００', 5000],
    ['1,200', 1200],
    ['壹佰玖拾贰万', 1920000],
  ])('%s → %d', (s, v) => {
    expect(parseChineseNumber(s)).toBe(v);
  });
  it('rejects text that is not one numeral', () => {
    expect(parseChineseNumber('三点钟')).toBeNull();
    expect(parseChineseNumber('abc')).toBeNull();
    expect(parseChineseNumber('')).toBeNull();
  });
});

describe('order lines', () => {
  const line = '控制臂支架，型号HR-KZB-6082-02，数量5000件，单价62.00元/件（含13%增值税），每箱50件。';
  it('finds quantities with the unit as written, not digits inside model codes', () => {
    const q = findQuantities(line);
    expect(q.map((x) => [x.value, x.unit])).toEqual([
      [5000, '件'],
      [50, '件'],
    ]);
    expect(findNumbers(line).map((n) => n.value)).not.toContain(6082);
  });
  it('reads a unit price with its tax flag and rate', () => {
    const [m] = findMoney(line);
    expect(m).toMatchObject({ amount: 62, currency: 'CNY', per: '件', taxIncluded: true, taxRate: 13 });
  });
  it('reads foreign currencies and per-unit prices', () => {
    const money = findMoney('报价：¥12.50/pcs，USD 3.20/pc，每吨23800元（不含税），总价约38万元');
    expect(money.map((m) => [m.amount, m.currency, m.per, m.taxIncluded])).toEqual([
      [12.5, 'CNY', 'pcs', null],
      [3.2, 'USD', 'pc', null],
      [23800, 'CNY', '吨', false],
      [380000, 'CNY', null, null],
    ]);
  });
  it('reads a bare number qualified by 含税 as a price', () => {
    expect(findMoney('价格就按上次的620含税哈')).toMatchObject([{ amount: 620, taxIncluded: true }]);
  });
  it('reports quantity ranges', () => {
    const q = findQuantities('月需求3000-5000件，旺季3万～5万件');
    expect(q.map((x) => x.range)).toEqual([
      { from: 3000, to: 5000 },
      { from: 30000, to: 50000 },
    ]);
  });
  it('reads Chinese numerals with classifiers', () => {
    expect(findQuantities('先来两千三百支，再备一万二千五百件').map((x) => x.value)).toEqual([2300, 12500]);
  });
  it('finds percentages and durations', () => {
    expect(findPercentages('合格率不低于99.5%，涨幅3%-5%').map((p) => [p.value, p.range])).toEqual([
      [99.5, undefined],
      [3, { from: 3, to: 5 }],
    ]);
    expect(findDurations('质保2年，交期15天，3月交货').map((d) => [d.value, d.unit])).toEqual([
      [2, 'year'],
      [15, 'day'],
    ]);
  });
});

describe('findDates, business convention', () => {
  const one = (s: string) => findDates(s, REF);
  it('reads next-week and this-week weekdays on Monday-based weeks', () => {
    expect(one('下周五前发货')[0]).toMatchObject({ date: '2026-03-06', kind: 'deadline' });
    expect(one('这周三能到吗')[0]).toMatchObject({ date: '2026-02-25' });
    expect(one('本周五')[0]).toMatchObject({ date: '2026-02-27' });
  });
  it('reads relative days and deadlines', () => {
    expect(one('明天')[0]?.date).toBe('2026-02-25');
    expect(one('后天')[0]?.date).toBe('2026-02-26');
    expect(one('大后天')[0]?.date).toBe('2026-02-27');
    expect(one('月底前交齐')[0]).toMatchObject({ date: '2026-02-28', kind: 'deadline' });
    expect(one('下个月10号交货')[0]).toMatchObject({ date: '2026-03-10', kind: 'date' });
    expect(one('30天内交货')[0]).toMatchObject({ date: '2026-03-26', kind: 'deadline' });
    expect(one('自合同签订之日起30日内完成')[0]).toMatchObject({ date: '2026-03-26', kind: 'deadline' });
  });
  it('reads absolute dates, next occurrence when the year is missing', () => {
    expect(one('2026年3月20日前全部交齐')[0]).toMatchObject({ date: '2026-03-20', kind: 'deadline' });
    expect(one('12/15')[0]?.date).toBe('2026-12-15');
    expect(one('15.04.2026')[0]?.date).toBe('2026-04-15');
    expect(one('11月20号')[0]?.date).toBe('2026-11-20');
    expect(one('1月5号')[0]?.date).toBe('2027-01-05');
  });
  it('keeps vague and month-only mentions without a day', () => {
    expect(one('春节前')[0]).toMatchObject({ date: null, kind: 'vague' });
    expect(one('下月初')[0]).toMatchObject({ date: null, kind: 'vague' });
    expect(one('收到预付款后45天发货')[0]).toMatchObject({ date: null, kind: 'vague' });
    expect(one('3月份交货')[0]).toMatchObject({ date: null, kind: 'month' });
  });
  it('reads ranges', () => {
    expect(one('3月1日至3月5日分批到货')[0]).toMatchObject({
      date: '2026-03-01',
      endDate: '2026-03-05',
      kind: 'range',
    });
  });
  it('can use Duckling conventions instead', () => {
    expect(findDates('下周三', REF, { convention: 'duckling' })[0]?.date).toBe('2026-02-25');
  });
  it('gives offsets that slice back to the text', () => {
    const text = '请于2026年3月20日前交货，下周三之前回复，单价12.5元/件，数量800支';
    for (const m of [
      ...findDates(text, REF),
      ...findMoney(text),
      ...findQuantities(text),
      ...findNumbers(text),
    ]) {
      expect(text.slice(m.start, m.end)).toBe(m.text);
    }
  });
  it('reads chat shorthand: 3.20前, 26年, 下下周, weekday ranges', () => {
    expect(one('3.20前到货')[0]).toMatchObject({ date: '2026-03-20', kind: 'deadline' });
    expect(one('单价3.20元')).toEqual([]);
    expect(one('26年4月15日')[0]?.date).toBe('2026-04-15');
    expect(one('下下周三')[0]?.date).toBe('2026-03-11');
    expect(one('下周一至周三安装')[0]).toMatchObject({
      date: '2026-03-02',
      endDate: '2026-03-04',
      kind: 'range',
    });
    expect(one('一个月内')[0]).toMatchObject({ date: '2026-03-24', kind: 'deadline' });
  });
  it('reads English dates in mixed text', () => {
    expect(findDates('We need delivery by end of March.', { date: '2026-02-10' })[0]).toMatchObject({
      date: '2026-03-31',
      kind: 'deadline',
    });
    expect(findDates('Please ship before April 15, 2026.', REF)[0]?.date).toBe('2026-04-15');
    expect(findDates('May we ask for a discount?', REF)).toEqual([]);
  });
  it('reads 周末 as Saturday to Sunday', () => {
    expect(one('这周末能送到吗')[0]).toMatchObject({
      date: '2026-02-28',
      endDate: '2026-03-01',
      kind: 'range',
    });
  });
  it('does not take chat timestamps, 一点 (a little) or addresses for dates', () => {
    expect(one('[凯途-采购 周婷] 10:12\n便宜一点吧')).toEqual([]);
    expect(one('送货地址：恒驰工业园3号仓库，浦瑞路88号')).toEqual([]);
    expect(one('最近三天的发货记录')).toEqual([]);
  });
  it('keeps 于 + date as a plain date, 请于 + date as a deadline', () => {
    expect(one('贵司于2026年2月10日发来的询价')[0]).toMatchObject({ date: '2026-02-10', kind: 'date' });
    expect(one('请于3日内回传确认')[0]).toMatchObject({ date: '2026-02-27', kind: 'deadline' });
    expect(one('於 3 月 6 日前回覆')[0]).toMatchObject({ date: '2026-03-06', kind: 'deadline' });
  });
});

describe('spoken prices', () => {
  it('reads prices said without a currency word', () => {
    expect(findMoney('价格呢，还是按一百八十六一支？')).toMatchObject([
      { amount: 186, per: '支', currency: 'CNY' },
    ]);
    expect(findMoney('那你给我两万七千二，不含税，行就定了')).toMatchObject([
      { amount: 27200, taxIncluded: false },
    ]);
    expect(findMoney('价格还是按PO上的七百九，不变')).toMatchObject([{ amount: 790 }]);
  });
  it('reads 元一件 as a per-unit price', () => {
    expect(findMoney('按12.5元一件算')).toMatchObject([{ amount: 12.5, per: '件' }]);
  });
  it('ignores amounts that are not money in business text', () => {
    expect(findMoney('一天好几千块钱的人工，公差大概五毫，约三分钟')).toEqual([]);
    expect(findMoney('报价单号2026018，报价有效期30天')).toEqual([]);
  });
  it('skips alloy designations read digit by digit', () => {
    expect(findQuantities('那个六零六一的方管，五零五零的，我要十二吨')).toMatchObject([
      { value: 12, unit: '吨' },
    ]);
  });
});
