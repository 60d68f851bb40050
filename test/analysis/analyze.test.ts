import { describe, expect, it } from 'vitest';
import { analysisResultSchema, analyze } from '../../src/analysis/index.js';
import * as M from './messages.js';

const opts = {
  refDate: '2026-11-20',
  catalog: M.catalog,
  customers: M.customers,
  ownCompanyNames: M.ownCompanyNames,
};

describe('analyze — a formal PO e-mail', () => {
  const r = analyze(M.poEmail, opts);

  it('finds both order lines with catalogue code, model, quantity and unit price', () => {
    expect(
      r.items.map((i) => [i.catalogCode, i.model, i.quantity, i.unitPrice?.amount, i.unitPrice?.taxIncluded]),
    ).toEqual([
      ['MP-301', 'HR-FCJ-6082-11', { value: 3600, unit: '件' }, 73.5, true],
      ['MP-302', 'HR-YB-A356-07', { value: 1200, unit: '件' }, 58, false],
    ]);
  });

  it('names the customer by its full name and knows it', () => {
    expect(r.customer).toEqual({ name: '常州瑞丰汽车部件有限公司', known: true });
  });

  it('reads delivery date, place and payment terms', () => {
    expect(r.delivery.date).toBe('2026-12-18');
    expect(r.delivery.place).toBe('常州市新北区瑞丰二厂成品库');
    expect(r.paymentTerms).toBe('货到票到月结90天');
  });

  it('normalises standards and lists certificates from the closed vocabulary', () => {
    expect(r.standards).toEqual(['GB/T 3190-2020', 'IATF 16949']);
    expect(r.certifications.sort()).toEqual(['出厂检验报告', '材质证明']);
  });

  it('reports tolerance, roughness and hardness entities with values', () => {
    const byType = (t: string) => r.entities.filter((e) => e.type === t).map((e) => e.text);
    expect(byType('tolerance')).toContain('公差±0.05mm');
    expect(byType('roughness')).toContain('粗糙度Ra1.6');
    expect(byType('hardness')).toContain('硬度HB≥85');
    expect(r.entities.find((e) => e.type === 'hardness')?.value).toMatchObject({
      scale: 'HB',
      comparator: '≥',
      min: 85,
    });
  });

  it('keeps technical, documentation and packaging requirements, and drops the negated ones', () => {
    const texts = r.requirements.map((q) => q.text);
    expect(texts.some((t) => t.includes('公差±0.05mm') && t.includes('Ra1.6'))).toBe(true);
    expect(r.requirements.find((q) => q.text.includes('材质证明'))?.category).toBe('documentation');
    expect(r.requirements.find((q) => q.text.includes('外箱贴我司标签'))?.category).toBe('packaging');
    expect(texts.some((t) => t.includes('PPAP') || t.includes('全检'))).toBe(false);
    expect(r.requirements.every((q) => q.special === false)).toBe(true);
  });

  it('adds what the automotive use implies but the text does not say (IMDS, traceability)', () => {
    const implied = r.requirements.filter((q) => q.kind === 'implied');
    expect(implied.map((q) => q.category).sort()).toEqual(['quality', 'regulatory']);
    expect(implied.find((q) => q.category === 'regulatory')?.basis).toContain('IMDS');
  });

  it('leaves the contract class to the rules module', () => {
    expect(r.contract).toEqual({ class: null, reasons: [], totalWeightTonnes: null });
  });
});

describe('analyze — a WeChat chat', () => {
  const r = analyze(M.wechatChat, opts);

  it('matches a spoken model and a colloquial product name to the catalogue', () => {
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      catalogCode: 'AL-201',
      model: '七七三零',
      quantity: { value: 2500, unit: '支' },
    });
    expect(r.items[0]!.unitPrice).toMatchObject({ amount: 152, currency: 'CNY', taxIncluded: true });
  });

  it('takes the short name from the chat label and resolves 这周五', () => {
    expect(r.customer).toEqual({ name: '雅居', known: true });
    expect(r.delivery.date).toBe('2026-11-20');
    expect(r.delivery.place).toBe('三水工地');
  });

  it('ignores what the supplier says', () => {
    expect(r.requirements.some((q) => q.text.includes('要多少'))).toBe(false);
  });
});

describe('analyze — an ASR phone transcript', () => {
  const r = analyze(M.phoneTranscript, opts);

  it('reads a spoken model (DG四五) and quantity (八百米)', () => {
    expect(r.items[0]).toMatchObject({
      catalogCode: 'AL-202',
      model: 'DG四五',
      quantity: { value: 800, unit: '米' },
    });
  });

  it("takes the customer's counter-offer, not the supplier's price", () => {
    expect(r.items[0]!.unitPrice).toMatchObject({ amount: 55, taxIncluded: false });
  });

  it('resolves 下个月十号 against the reference date', () => {
    expect(r.delivery.date).toBe('2026-12-10');
  });
});

describe('analyze — English and traditional Chinese', () => {
  it('reads an English RFQ', () => {
    const r = analyze(M.englishRfq, opts);
    expect(r.customer).toEqual({ name: 'Brightwater Mobility GmbH', known: true });
    expect(r.items[0]).toMatchObject({ catalogCode: 'MP-301', quantity: { value: 5000, unit: 'pcs' } });
    expect(r.delivery).toMatchObject({ date: '2027-06-30', place: 'Shanghai', terms: 'FCA' });
    expect(r.paymentTerms).toBe('45 days net');
    expect(r.certifications.sort()).toEqual(['RoHS', '材质证明']);
    expect(r.standards).toEqual(['EN 10204']);
  });

  it('reads a traditional-Chinese inquiry and reports text as written', () => {
    const r = analyze(M.traditionalInquiry, opts);
    expect(r.customer).toEqual({ name: '高雄宏昇機械股份有限公司', known: true });
    expect(r.items[0]).toMatchObject({
      product: '油泵殼體',
      catalogCode: 'MP-302',
      quantity: { value: 3000, unit: '件' },
    });
    expect(r.certifications.sort()).toEqual(['REACH', '材质证明']);
    expect(r.delivery.place).toBe('高雄市前鎮區宏昇一廠');
    expect(r.requirements.find((q) => q.text.includes('REACH'))?.kind).toBe('statutory');
  });
});

describe('analyze — complaints and new parts', () => {
  it('takes the delivered lot, not the defect share, and keeps the service demands', () => {
    const r = analyze(M.complaint, opts);
    expect(r.items[0]).toMatchObject({ catalogCode: 'AL-203', quantity: { value: 1500, unit: '支' } });
    const cats = new Set(r.requirements.map((q) => q.category));
    expect([...cats]).toEqual(expect.arrayContaining(['service', 'documentation', 'price']));
    expect(r.requirements.some((q) => q.text.includes('质量部') && !q.text.includes('问题'))).toBe(false);
  });

  it('reports a part that is not in the catalogue with its drawing number', () => {
    const r = analyze(M.newPartSample, opts);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      catalogCode: null,
      model: 'RF-SC-2026-15 Rev.B',
      quantity: { value: 20, unit: '件' },
    });
    expect(r.entities.find((e) => e.type === 'drawing_number')?.text).toBe('RF-SC-2026-15 Rev.B');
    expect(r.requirements.some((q) => q.text.includes('喷粉'))).toBe(false);
    expect(r.delivery.date).toBe('2027-01-15');
  });

  it('reads order lines written as labelled fields, catalogued or not, with price and tax', () => {
    const text = [
      '采购订单 PO-2026-1003',
      '序号 | 产品名称 | 材质 | 数量 | 含税单价',
      '产品名称：轴承座；材质：45号钢；数量：460件；含税单价：23.50元',
      '产品名称：铝合金外壳；材质：6061铝；数量：1,200件；含税单价：¥8.20',
      '交货期：收到订单后3周内交货',
    ].join('\n');
    const r = analyze(text, opts);
    expect(r.items.map((i) => [i.product, i.catalogCode, i.quantity, i.unitPrice?.amount])).toEqual([
      ['轴承座', null, { value: 460, unit: '件' }, 23.5],
      ['铝合金外壳', null, { value: 1200, unit: '件' }, 8.2],
    ]);
    expect(r.items[0]?.unitPrice).toMatchObject({ currency: 'CNY', taxIncluded: true });
  });
});

describe('analyze — robustness', () => {
  it('implies nothing already stated: IMDS asked for explicitly is not added again', () => {
    const r = analyze(
      '瑞丰采购：副车架连接支架HR-FCJ-6082-11共500件，汽车项目用，请提供IMDS数据及批次追溯记录。',
      opts,
    );
    expect(r.requirements.filter((q) => q.kind === 'implied')).toEqual([]);
  });

  it.each([
    '瑞丰订单：3000件副车架连接支架和1200件油泵壳体，月底前交货。',
    '副车架连接支架 3000件、油泵壳体 1200件，月底前交货。',
    '订购油泵壳体HR-YB-A356-07，1200件，另外副车架连接支架要3000件',
  ])('gives each product its own quantity: %s', (text) => {
    const r = analyze(text, opts);
    const qty = Object.fromEntries(r.items.map((i) => [i.catalogCode, i.quantity?.value]));
    expect(qty).toEqual({ 'MP-301': 3000, 'MP-302': 1200 });
  });

  it('takes the quantity and date after a change, not before it', () => {
    const r = analyze(
      '我司订单CJ-PO-2605-021项下油泵壳体（HR-YB-A356-07）数量由3000件调整为2500件，原定12月30日交货，现需提前到12月15日。',
      opts,
    );
    expect(r.items[0]?.quantity).toEqual({ value: 2500, unit: '件' });
    expect(r.delivery.date).toBe('2026-12-15');
  });

  it("does not take an introducer or the customer's own customer for the customer", () => {
    const a = analyze(
      '经上海捷运贸易有限公司介绍，我司宁波海川机电有限公司拟采购油泵壳体2000件，交货要求：分两批，最晚不超过7月15日。',
      {
        ...opts,
        refDate: '2026-05-06',
      },
    );
    expect(a.customer).toEqual({ name: '宁波海川机电有限公司', known: false });
    expect(a.delivery.date).toBe('2026-07-15');
    const b = analyze(
      '我司客户比亚迪汽车有限公司要求油泵壳体增加盐雾试验，请评估。\n宁波海川机电有限公司 技术部',
      opts,
    );
    expect(b.customer?.name).toBe('宁波海川机电有限公司');
  });

  it("keeps the customer's price when a competitor's is quoted after it", () => {
    const r = analyze('油泵壳体2000件，单价60元/件含税；另外某供应商报价55元/件，你们能否跟进？', opts);
    expect(r.items[0]?.unitPrice).toMatchObject({ amount: 60, taxIncluded: true });
  });

  it.each([
    ['本批不需要PPAP文件，随货附材质证明即可。', 'PPAP'],
    ['无需全检，按AQL 0.65抽检。', '全检'],
    ['包装不用特殊包装，普通木托即可。', '特殊包装'],
    ['表面不做氧化，保持本色。', '氧化'],
    ['No PPAP required, mill certificate with each lot.', 'PPAP'],
    ['取消100%全检，改为抽检。', '全检'],
  ])('a negated requirement yields none: %s', (text, negated) => {
    const r = analyze(text, opts);
    expect(r.requirements.some((q) => q.text.includes(negated))).toBe(false);
    expect(r.requirements.length).toBeGreaterThan(0);
  });

  it('a late-delivery complaint: the new due date, not the deadline for the written explanation', () => {
    const r = analyze(
      '关于油泵壳体交付延迟的投诉\n华锐精密部件有限公司：\n贵司10月8日应交付的油泵壳体（HR-YB-A356-07）1500件至今未到，已造成我司停线。请于11月24日前将全部货物送达，并于3个工作日内书面说明原因。\n常州瑞丰汽车部件有限公司 采购部',
      opts,
    );
    expect(r.delivery.date).toBe('2026-11-24');
    expect(r.items[0]?.quantity).toEqual({ value: 1500, unit: '件' });
    expect(r.requirements.some((q) => q.text.includes('书面说明原因'))).toBe(true);
  });

  it('never reports the supplier as the customer', () => {
    const r = analyze('华锐精密部件有限公司 销售部：请报价，谢谢。', opts);
    expect(r.customer).toBeNull();
  });

  it('ranges give no quantity', () => {
    const r = analyze('推拉窗型材HR-6063-7730，年用量3万～5万支，请报价。', opts);
    expect(r.items[0]?.quantity).toBeNull();
  });

  it('a competitor price is not the unit price', () => {
    const r = analyze('雅居采购：推拉窗料七七三零要1000支，别家报价140元/支，你们能做多少？', opts);
    expect(r.items[0]?.unitPrice).toBeNull();
  });

  it('returns a schema-valid result without a catalogue or customers', () => {
    const r = analyze(M.poEmail, { refDate: '2026-11-20' });
    expect(analysisResultSchema.safeParse(r).success).toBe(true);
    expect(r.customer?.known).toBe(false);
  });
});

describe('analyze — unpunctuated speech and mixed English', () => {
  it('reads a spoken price 十八块五一支 as 18.5 a piece, not the 五一 holiday or 51 pieces', () => {
    const r = analyze(
      '喂 你好 我们想订那个储能柜立柱型材 大概三千五百支 单价还是按上次的十八块五一支含税 下个月十号之前要送到苏州工业园区 要全检',
      opts,
    );
    expect(r.items.map((i) => [i.catalogCode, i.quantity, i.unitPrice])).toEqual([
      [
        'AL-203',
        { value: 3500, unit: '支' },
        { amount: 18.5, currency: 'CNY', per: '支', taxIncluded: true },
      ],
    ]);
    expect(r.delivery.date).toBe('2026-12-10');
    // the place ends where the next spoken request begins
    expect(r.delivery.place).toBe('苏州工业园区');
  });

  it('reads a run-on spoken order: quantity, a deadline said as 月底前要, payment terms that end at the next topic', () => {
    const r = analyze('刘工 油泵壳体 两千件 月底前要 价格按合同 付款还是月结九十天 有问题吗', opts);
    expect(r.items.map((i) => [i.catalogCode, i.quantity])).toEqual([
      ['MP-302', { value: 2000, unit: '件' }],
    ]);
    expect(r.delivery.date).toBe('2026-11-30');
    expect(r.paymentTerms).toBe('月结九十天');
  });

  it('reads 5k pcs as five thousand pieces', () => {
    const r = analyze('Dear Sales, please quote 5k pcs of 油泵壳体, delivery by 2026/12/5. Thanks', opts);
    expect(r.items[0]?.quantity).toEqual({ value: 5000, unit: 'pcs' });
    expect(r.delivery.date).toBe('2026-12-05');
  });

  it('reads English tax remarks on a price (excl. tax / incl. VAT)', () => {
    const excl = analyze(
      'Qty 1.2万 pcs 油泵壳体, unit price USD 3.20/pc excl. tax, ETA before Dec 15.',
      opts,
    );
    expect(excl.items[0]?.unitPrice).toEqual({ amount: 3.2, currency: 'USD', per: 'pc', taxIncluded: false });
    expect(excl.items[0]?.quantity).toEqual({ value: 12000, unit: 'pcs' });
    const incl = analyze('油泵壳体 800 pcs, unit price USD 4.10/pc incl. 13% VAT.', opts);
    expect(incl.items[0]?.unitPrice?.taxIncluded).toBe(true);
  });
});
