// Kinds of wording seen on messages written apart from the code: a customer naming its usual part by
// a family word, people sent to the customer's site, a delivery place given by label or after a day.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { productsFromCsv } from '../../src/catalog/catalog-csv.js';
import { customersFromCsv } from '../../src/customers/customers-csv.js';

const fixtures = new URL('../fixtures/dev-corpus/', import.meta.url);
const catalog = productsFromCsv(readFileSync(new URL('catalog.csv', fixtures), 'utf8'));
const customers = customersFromCsv(readFileSync(new URL('customers.csv', fixtures), 'utf8'));
const read = (text: string, channel = 'wechat') =>
  analyze(text, { refDate: '2026-06-15', channel, catalog, customers } as never);
const codes = (text: string) => read(text).items.map((i) => [i.catalogCode, i.quantity?.value ?? null]);

describe('a part named by its family word', () => {
  it('is the part the customer buys, by its master data', () => {
    expect(codes('[凯途 采购 小周] 边框1500支，底板800支，下周五前送到宁波。')).toEqual([
      ['AL-131', 1500],
      ['AL-132', 800],
    ]);
    expect(codes('晶拓采购：边框型材95000支，单价31.8元/支，月底前到货。')).toEqual([['AL-151', 95000]]);
  });

  it('is the one catalogue part whose name holds its characters in order', () => {
    expect(codes('瀚海 钱工：散热型材再来1.5吨，还是32元/kg，下周三前到。')).toEqual([['AL-121', 1.5]]);
  });

  it('stays a new part when nothing singles one part out', () => {
    const r = read('您好，我们是温州新立光电有限公司，想采购边框型材500支，请报价。');
    expect(r.items.map((i) => i.catalogCode)).toEqual([null]);
  });

  it('joins the part the message names elsewhere instead of becoming a second item', () => {
    const r = read('晶拓采购：光伏边框型材PV35这批照旧。边框型材95000支，单价31.8元/支。');
    expect(r.items.map((i) => [i.catalogCode, i.quantity?.value, i.unitPrice?.amount])).toEqual([
      ['AL-151', 95000, 31.8],
    ]);
  });

  it('does not take the day before it into its name', () => {
    const r = read(
      '凯途：BT02底板3,000支、BT01边框1,500支，7/10前先到底板1,000支+边框500支，其余月底前到齐。',
    );
    expect(r.items.map((i) => i.product)).not.toContain('前先到底板');
  });
});

describe('what a complaint asks of the supplier', () => {
  it.each([
    '24小时内派人到我司常州工厂对在库品进行挑选',
    '三天内派人到工地确认',
    '总经理级别于7月10日前到我司说明',
    '今天内到我司对在库品做全数挑选',
  ])('files people sent to the customer (%s) as service', (demand) => {
    const r = read(
      `质量投诉：贵司6月交付的控制臂支架发现孔位超差，不良率8%。现要求：${demand}；两周内提交8D报告。恒驰 质量部`,
      'email',
    );
    const req = r.requirements.find((q) => q.text.includes(demand.slice(0, 6)));
    expect(req?.category).toBe('service');
  });
});

describe('a time set for the answer', () => {
  it('is a service demand in a complaint', () => {
    const r = read('投诉：上批吸能盒压溃槽深度超差12件。请三个工作日内回复围堵措施。', 'email');
    expect(r.requirements.find((q) => q.text.includes('回复围堵措施'))?.category).toBe('service');
  });

  it('is no requirement in a chaser, which asks for the delivery date itself', () => {
    const r = read(
      'PO CJ-PO-2608-0142的转向节2000件原定8/25到货，现在还没看到车。今天能不能给个准信？',
      'wechat',
    );
    expect(r.requirements.some((q) => q.category === 'service')).toBe(false);
  });
});

describe('the delivery place', () => {
  it.each([
    ['交付地点江西南昌；付款方式：票到90天。', '江西南昌'],
    ['送货地点不变（常州武进工厂）。', '常州武进工厂'],
    ['交货：常州武进恒驰二厂      付款：货到票到月结60天', '常州武进恒驰二厂'],
    ['再来5吨方管，下周三前到潍坊二号厂房。', '潍坊二号厂房'],
  ])('is read from "%s"', (said, place) => {
    const r = read(`恒驰采购：控制臂支架2000件。${said}`, 'email');
    expect(r.delivery.place).toBe(place);
    expect(r.requirements.some((q) => q.category === 'logistics')).toBe(true);
  });
});

describe('words that are no part name', () => {
  const products = (text: string) => read(text, 'email').items.map((i) => i.product);

  it('English words after a count that say something about the pieces', () => {
    expect(products('Incoming inspection: 14 pcs were found with damaged threads.')).not.toContain(
      'were found',
    );
    expect(products('The 1,500 pcs delivered on 05.06. will be paid as agreed.')).not.toContain(
      'delivered on',
    );
    expect(products('We expect around 1,200 pcs.\nBest regards,\nAnna')).not.toContain('Best regards');
    expect(products('Please quote 2,000 pcs mounting bracket P/N AB-1123.')).toContain('mounting bracket');
  });

  it('words before a part that count, time or qualify the goods', () => {
    expect(products('包装：每箱壳体4件，托盘发运。每月壳体2,600件仅供参考。')).not.toContain('箱壳体');
    expect(products('包装：每箱壳体4件，托盘发运。每月壳体2,600件仅供参考。')).not.toContain('月壳体');
    expect(products('5月份电话订的喀什项目幕墙立柱35吨，已到28吨。')).not.toContain('目幕墙立柱');
    expect(products('贵司须于12月30日前补发合格壳体500件。')).not.toContain('补发合格壳体');
  });
});

describe("a customer's own part named by a catalogue family word", () => {
  const codes2 = (text: string) => read(text, 'email').items.map((i) => [i.catalogCode, i.model]);

  it('is their part when their part number stands before the name', () => {
    expect(codes2('量产首单：HT-SR218散热器型材1,500支，单价¥112/支含税。')).toEqual([[null, 'HT-SR218']]);
  });

  it('is a new part when called new', () => {
    expect(codes2('我们要一款新的散热器型材，图纸已发，先打样10支。')).toEqual([[null, null]]);
  });

  it('stays the catalogue part when the number before it is an order number or a catalogue model', () => {
    expect(codes2('PO HH-PO-2026-0163 散热器型材1500支，月底前交。')).toEqual([['AL-121', null]]);
    expect(codes2('SR120散热器型材2吨，下周五到。')).toEqual([['AL-121', 'SR120']]);
  });
});

describe('a count written right before a model', () => {
  it('counts the part: 800支BT01边框', () => {
    const r = read('我要800支BT01边框，下周五前送到。');
    expect(r.items.map((i) => [i.catalogCode, i.quantity?.value ?? null, i.quantity?.unit ?? null])).toEqual([
      ['AL-131', 800, '支'],
    ]);
  });

  it('keeps a Latin unit to its word: 5 m is not read out of 5 mm', () => {
    const r = read('方管HR-6061-5050T壁厚5mm，要600支。');
    expect(r.items.map((i) => i.quantity?.value ?? null)).toEqual([600]);
  });

  it('counts what the supplier is asked to bring (带四百件过来), not what the customer mails (寄三件过来)', () => {
    const r = read('先补八百件下控制臂，还有转向节也带四百件过来。');
    expect(r.items.map((i) => [i.catalogCode, i.quantity?.value ?? null])).toEqual([
      ['MP-203', 800],
      ['MP-201', 400],
    ]);
    expect(read('转向节有毛刺，我明天寄三件过来给你们看。').items.map((i) => i.quantity)).toEqual([null]);
  });
});

describe('an order line written without column marks', () => {
  it('prices the item by the figure that times the quantity gives the amount', () => {
    const r = read(
      '序号 物料编码 名称 规格 数量 单位 单价 金额 交期\n2 LA-FG-5050 工业方管 5050T 壁厚2.0 8 吨 26,800.00 214,400.00 2026-12-25',
      'purchase_order',
    );
    expect(r.items.map((i) => [i.catalogCode, i.quantity?.value, i.unitPrice?.amount ?? null])).toEqual([
      ['AL-112', 8, 26800],
    ]);
  });

  it('takes no row number or repeated quantity for a price', () => {
    const r = read('1 转向节 HR-ZXJ-6082-01 3000 件 1 3000', 'purchase_order');
    expect(r.items.map((i) => i.unitPrice)).toEqual([null]);
  });
});

describe("the customer's target price", () => {
  const price = (text: string) => read(text, 'email').items.map((i) => i.unitPrice?.amount ?? null);

  it('is the price it proposes, whatever quote or competitor the sentence also cites', () => {
    expect(
      price('吸能盒 HR-6082-XNH02，数量8000件，目标价35.5元/件（含税）——贵司报价38元，请确认。'),
    ).toEqual([35.5]);
    expect(
      price(
        '空调压缩机支架 YSJ-6061-05 先要5000个，我们现在从另一家买是 USD 4.80/pc，你们如果能做到 USD 4.50 我们就换。',
      ),
    ).toEqual([4.5]);
  });

  it('but a competitor price alone is not', () => {
    expect(price('空调压缩机支架 YSJ-6061-05 要5000个，另一家报 USD 4.80/pc，请报价。')).toEqual([null]);
  });
});

describe('a bare figure taken as the price', () => {
  const price = (text: string) => read(text).items.map((i) => i.unitPrice?.amount ?? null);

  it('when it repeats an earlier price (按上次的价各790不变, 就按您上周报的31.8/支含税走)', () => {
    expect(price('凯途采购：BT02底板再补300支，按上次的价各790不变，这周五之前送到宁波仓。')).toEqual([790]);
    expect(price('光伏边框PV35要2万支，就按您上周报的31.8/支含税走。')).toEqual([31.8]);
  });

  it('but not a dimension (长度1180不变)', () => {
    expect(price('BT05横梁每月3000支，长度1180不变，单价能降多少？')).toEqual([null]);
  });
});
