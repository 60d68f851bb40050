// Kinds of sender the customer finder must read, each in a wording written for this test: the
// customer is named only in a letterhead, a chat sender line, a caller's self-introduction or a
// signature, or carries a name the plain patterns cut short.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import * as M from './messages.js';

const on = {
  refDate: '2026-06-01',
  catalog: M.catalog,
  customers: M.customers,
  ownCompanyNames: M.ownCompanyNames,
};
const customer = (text: string, channel = 'email') => analyze(text, { ...on, channel }).customer;

describe('customer named where the writer signs or introduces themselves', () => {
  it('keeps a place name whose first character also ends names on the left', () => {
    expect(customer('致华锐销售部：\n贵阳筑诚门窗有限公司拟采购推拉窗型材300支，请报价。')?.name).toBe(
      '贵阳筑诚门窗有限公司',
    );
    expect(customer('呼和浩特北疆幕墙工程有限公司询价：导轨型材200米。')?.name).toBe(
      '呼和浩特北疆幕墙工程有限公司',
    );
  });

  it('reads European company names with accented letters and their legal forms', () => {
    expect(
      customer('Dear Sir,\nplease quote 800 pcs HR-6061-DG45.\nRegards\nMüller Fördertechnik GmbH')?.name,
    ).toBe('Müller Fördertechnik GmbH');
    expect(customer('Quotation request from Fjordlys Aluminium ApS for 500 m of HR-6061-DG45.')?.name).toBe(
      'Fjordlys Aluminium ApS',
    );
  });

  it('reads a caller who names a long company before giving their name', () => {
    const r = customer(
      '华锐：您好。\n客户：你好，我们是绍兴越达新能源汽车配件的，我姓钱，想问问导轨型材的价格。',
      'phone_transcript',
    );
    expect(r?.name).toBe('绍兴越达新能源汽车配件');
    expect(r?.known).toBe(false);
  });

  it('reads the organisation of a chat sender line', () => {
    expect(
      customer('[微信] 温岭顺捷电器 采购 林工：\n王经理，导轨型材再要300米，下周三前到。', 'wechat')?.name,
    ).toBe('温岭顺捷电器');
  });

  it('leaves a signature’s person and title out of the company name', () => {
    expect(customer('请报价导轨型材500米。\n\n林志强（采购主管）嘉兴禾丰机电设备有限公司')?.name).toBe(
      '嘉兴禾丰机电设备有限公司',
    );
  });

  it('reads a sole trader’s shop and dealer names as companies', () => {
    expect(customer('我们漳州鑫源门窗材料商行要推拉窗型材200支，月底前送到。')?.name).toBe(
      '漳州鑫源门窗材料商行',
    );
  });
});

describe('a count and its unit before a part name', () => {
  const items = (text: string) =>
    analyze(text, { ...on, channel: 'wechat' }).items.map((i) => [
      i.product,
      i.catalogCode,
      i.quantity?.value ?? null,
    ]);

  it('ends the count, so the catalogue part is still found and no new part is made of the unit', () => {
    expect(items('导轨型材再来3条，推拉窗型材要1200支推拉窗型材那个规格')).not.toContainEqual(
      expect.arrayContaining(['支推拉窗型材']),
    );
    const r = items('这次要两万支推拉窗型材，下周送到');
    expect(r).toEqual([['推拉窗型材', 'AL-201', 20000]]);
  });
});

describe('a caller who names the company outright', () => {
  const customerOf = (text: string) =>
    analyze(text, { refDate: '2026-06-15', channel: 'phone_transcript' }).customer;

  it('我们公司叫…, 我们厂叫…', () => {
    expect(customerOf('客户：你好，我姓赵，哈尔滨的，我们公司叫北盛铝业，头一回跟你们打交道。')?.name).toBe(
      '北盛铝业',
    );
    expect(customerOf('客户：我是重庆璧山的，做电动滑板车的，我们厂叫飞驰达。想问下价格。')?.name).toBe(
      '飞驰达',
    );
  });

  it('a Latin letterhead name without its trailing space', () => {
    const r = analyze(
      'From: Aldenbrook Automotive Components \nTo: Huarui\nPlease quote 2,000 pcs crash box.',
      {
        refDate: '2026-06-15',
        channel: 'email',
      },
    );
    expect(r.customer?.name).not.toMatch(/\s$/);
  });
});
