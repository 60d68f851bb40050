import { describe, expect, it } from 'vitest';
import { analysisResultSchema, analyze } from '../../src/analysis/index.js';
import { classifyContract } from '../../src/rules/classify.js';
import type { Channel } from '../../src/rules/types.js';
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
    expect(r.customer).toMatchObject({ name: '常州瑞丰汽车部件有限公司', known: true });
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
    // What a case reviews is a sentence saying what is required, not the word that implied it.
    expect(implied.find((q) => q.category === 'regulatory')?.statement).toBe(
      '按汽车行业惯例在IMDS中申报零件的材料数据（ELV/REACH合规）',
    );
    for (const q of implied) expect(q.statement!.length).toBeGreaterThan(q.text.length + 10);
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
    expect(r.customer).toMatchObject({ name: '雅居', known: true });
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
    expect(r.customer).toMatchObject({ name: 'Brightwater Mobility GmbH', known: true });
    expect(r.items[0]).toMatchObject({ catalogCode: 'MP-301', quantity: { value: 5000, unit: 'pcs' } });
    expect(r.delivery).toMatchObject({ date: '2027-06-30', place: 'Shanghai', terms: 'FCA' });
    expect(r.paymentTerms).toBe('45 days net');
    expect(r.certifications.sort()).toEqual(['RoHS', '材质证明']);
    expect(r.standards).toEqual(['EN 10204']);
  });

  it('reads a traditional-Chinese inquiry and reports text as written', () => {
    const r = analyze(M.traditionalInquiry, opts);
    expect(r.customer).toMatchObject({ name: '高雄宏昇機械股份有限公司', known: true });
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

describe('analyze — parts the catalogue does not know, and how quantities are meant', () => {
  it('reads numbered PO lines: name, model, labelled quantity and price, tax per line', () => {
    const text = [
      '采购订单 SZ-2611-088',
      '1. 油泵壳体 HR-YB-A356-07 数量：1,200件 单价：¥58.50（含13%增值税）',
      '2. 副车架连接支架 数量：800件 单价：¥73.00',
      '3. 密封圈 数量：2,400个 单价：¥1.20',
      '交货日期：2026年12月28日',
    ].join('\n');
    const r = analyze(text, opts);
    expect(
      r.items.map((i) => [
        i.product,
        i.catalogCode,
        i.model,
        i.quantity,
        i.unitPrice?.amount,
        i.unitPrice?.taxIncluded,
      ]),
    ).toEqual([
      ['油泵壳体', 'MP-302', 'HR-YB-A356-07', { value: 1200, unit: '件' }, 58.5, true],
      ['副车架连接支架', 'MP-301', null, { value: 800, unit: '件' }, 73, null],
      ['密封圈', null, null, { value: 2400, unit: '个' }, 1.2, null],
    ]);
    // The prices sit in order lines, not sentences, yet the order has a price term.
    expect(r.requirements.some((q) => q.category === 'price')).toBe(true);
  });

  it('finds a new part in an enquiry sentence and does not take its length for the quantity', () => {
    const r = analyze(
      '我司需采购6063-T5铝合金型材，规格40x40x2mm，长度6米，数量12吨，要求12月15日前到货，请于本周五前报价。',
      opts,
    );
    expect(r.items.map((i) => [i.product, i.catalogCode, i.quantity])).toEqual([
      ['铝合金型材', null, { value: 12, unit: '吨' }],
    ]);
  });

  it('does not take a packaging count or the customer’s own product for a part', () => {
    const r = analyze(
      '我们客户的设备框架要赶年底出货，副车架连接支架要3000件，包装用吸塑托盘，每层25件。',
      opts,
    );
    expect(r.items.map((i) => [i.catalogCode, i.quantity?.value])).toEqual([['MP-301', 3000]]);
  });

  it('reads an English order line for a part that is not in the catalogue', () => {
    const r = analyze(
      'Please find our PO 4500123456 for 2,000 pcs bracket P/N AB-1123 rev B at USD 4.35/pc, delivery by Dec 20, 2026.',
      opts,
    );
    expect(r.items.map((i) => [i.product, i.quantity, i.unitPrice?.amount, i.unitPrice?.currency])).toEqual([
      ['bracket', { value: 2000, unit: 'pcs' }, 4.35, 'USD'],
    ]);
    expect(r.delivery.date).toBe('2026-12-20');
  });

  it('gives every product listed before 各 the same quantity', () => {
    const r = analyze('小王 油泵壳体和副车架连接支架各来两千件 下周五前送到常熟工厂', opts);
    expect(r.items.map((i) => [i.catalogCode, i.quantity?.value])).toEqual([
      ['MP-302', 2000],
      ['MP-301', 2000],
    ]);
    expect(r.delivery.date).toBe('2026-11-27');
  });

  it('counts a spoken follow-up in the unit of the line before it', () => {
    const r = analyze(
      '客户：喂 小陈啊 那个油泵壳体啊 这个月再给我来一千五百件 价格还是五十八块五 另外副车架连接支架也要一千五 七十三块一个',
      opts,
    );
    expect(r.items.map((i) => [i.catalogCode, i.quantity, i.unitPrice?.amount])).toEqual([
      ['MP-302', { value: 1500, unit: '件' }, 58.5],
      ['MP-301', { value: 1500, unit: '件' }, 73],
    ]);
  });

  it('takes the customer’s counter-offer as its proposed price, not the prices it cites', () => {
    const r = analyze(
      '关于副车架连接支架，贵司报价78元/件偏高，同行报价只有72元/件，能否按74元/件成交？如可以，我们先订3000件。',
      opts,
    );
    expect(r.items.map((i) => [i.catalogCode, i.quantity?.value, i.unitPrice?.amount])).toEqual([
      ['MP-301', 3000, 74],
    ]);
  });

  it('reads a monthly volume as the quantity asked about, and English "of the" lines', () => {
    const monthly = analyze('需要一批油泵壳体，每月大概3000件，能不能先报个价？', opts);
    expect(monthly.items.map((i) => i.quantity)).toEqual([{ value: 3000, unit: '件' }]);
    const english = analyze(
      'Please ship 500 pcs of HR-YB-A356-07 and 300 pcs of the subframe bracket HR-FCJ-6082-11 before Dec 12.',
      opts,
    );
    expect(english.items.map((i) => [i.catalogCode, i.quantity?.value])).toEqual([
      ['MP-302', 500],
      ['MP-301', 300],
    ]);
  });

  it('names the customer from a WeChat forward label and a caller who gives the company first', () => {
    const chat = analyze('【恒通】小钱：老刘，油泵壳体这周六之前还能再发600件吗？急用', opts);
    expect(chat.customer).toMatchObject({ name: '恒通', known: false });
    expect(chat.delivery.date).toBe('2026-11-21');
    const group = analyze('[群聊] 李总：油泵壳体再来600件', opts);
    expect(group.customer?.name).not.toBe('群聊');
    const call = analyze('喂，是华锐吗？我这边是常州金马的，姓钱，我们要的那批油泵壳体什么时候能发？', opts);
    expect(call.customer).toMatchObject({ name: '常州金马', known: false });
  });

  it('reads a reply by what it says, not by the quoted offer it answers', () => {
    const r = analyze(
      [
        'Re: 报价确认',
        '好的，就按你们报的价格，油泵壳体单价57.5元，先做3000件，下月15号前交货。',
        '-----原始邮件-----',
        '发件人：华锐 陈刚',
        '王工您好，油泵壳体报价为58元/件（含税），最小起订量2000件，交期25天。',
      ].join('\n'),
      opts,
    );
    expect(r.items.map((i) => [i.catalogCode, i.quantity?.value, i.unitPrice?.amount])).toEqual([
      ['MP-302', 3000, 57.5],
    ]);
    expect(r.intent.label).toBe('order');
    expect(r.delivery.date).toBe('2026-12-15');
  });

  it('reads comma-separated labelled fields with a Chinese-numeral quantity and the currency written', () => {
    const r = analyze(
      '採購單\n品名：鋁合金支座，數量：壹仟貳佰件，單價：新台幣 520 元，交期：2027/01/08',
      opts,
    );
    expect(r.items.map((i) => [i.product, i.quantity, i.unitPrice?.amount, i.unitPrice?.currency])).toEqual([
      ['鋁合金支座', { value: 1200, unit: '件' }, 520, 'TWD'],
    ]);
  });

  it('does not take a longer, different part name for the catalogue part it ends with', () => {
    // 油泵壳体 is catalogued; 齿轮泵壳体 is another part.
    const r = analyze('请报价：齿轮泵壳体 2000件，交期一个月。', opts);
    expect(r.items.map((i) => i.catalogCode)).not.toContain('MP-302');
  });

  it('files an English complaint under delivery, quality and documentation, and a sample request as such', () => {
    const en = analyze(
      'The last shipment arrived two weeks late and 15% of the parts had scratches. This is unacceptable. We need a corrective action report within 5 working days.',
      opts,
    );
    const cats = new Set(en.requirements.map((q) => q.category));
    for (const c of ['delivery', 'quality', 'documentation']) expect(cats).toContain(c);
    const sample = analyze(
      'hi 王工，上次说的那个新支架，图纸已经发你邮箱了，先打5个样，不急，月底前有就行。',
      opts,
    );
    expect(sample.intent.label).toBe('sample');
    expect(sample.delivery.date).toBe('2026-11-30');
  });

  it('reads a three-character new part and a caller who names company and role', () => {
    const part = analyze(
      '甲方：苏州博远自动化设备有限公司\n需求：铝支架1500件，图号BY-ZJ-001，12月20日前交货。',
      opts,
    );
    expect(part.items.map((i) => [i.product, i.catalogCode, i.model, i.quantity?.value])).toEqual([
      ['铝支架', null, 'BY-ZJ-001', 1500],
    ]);
    const caller = analyze(
      '王总您好，我是广州智联科技的采购小李，我们这边需要一批油泵壳体，大概500件，麻烦报个价。',
      opts,
    );
    expect(caller.customer).toMatchObject({ name: '广州智联科技', known: false });
  });

  it('takes the sample lot, not the yearly volume, and a date by which samples are sent', () => {
    const r = analyze(
      '你好 我们新项目需要铝压铸件 大概年用量5万件 想先要5件样品试装 能不能下周三之前寄过来',
      opts,
    );
    expect(r.items.map((i) => [i.product, i.quantity?.value])).toEqual([['铝压铸件', 5]]);
    expect(r.delivery.date).toBe('2026-11-25');
  });
});

describe('analyze — delivery dates written in many ways (received 2026-11-20, a Friday)', () => {
  it.each([
    ['油泵壳体500件，2026.12.15前交货', '2026-12-15'],
    ['油泵壳体500件，交期12/15', '2026-12-15'],
    ['Pump housing 500 pcs, delivery 15.12.2026', '2026-12-15'],
    ['Pump housing 500 pcs, delivery by Dec. 15th', '2026-12-15'],
    ['油泵壳体500件，下下周一前送到', '2026-11-30'],
    ['油泵壳体500件，本月25号前到货', '2026-11-25'],
    ['油泵壳体500件，两周内交货', '2026-12-04'],
    ['油泵壳体500件，元旦前交货', null],
    ['油泵壳体500件，收到预付款后30天交货', null],
    ['油泵壳体500件，下个月底前交货', '2026-12-31'],
    ['油泵壳体分两批：12月5日交300件，12月20日交200件', '2026-12-20'],
    ['油泵壳体500件，交货日期：十二月十八日', '2026-12-18'],
    ['油泵壳体500件，最迟不晚于12月18日到厂', '2026-12-18'],
    ['油泵壳体500件，1月10日前交货', '2027-01-10'],
    ['油泵壳体500件 后天必须到', '2026-11-22'],
  ])('%s → %s', (text, date) => {
    expect(analyze(text, opts).delivery.date).toBe(date);
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
    expect(a.customer).toMatchObject({ name: '宁波海川机电有限公司', known: false });
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

// Wordings met in messages written apart from the dev corpus (test/fixtures/probe-corpus): each case
// holds one general rule, on a text of its own, against the dev-corpus catalogue and customer list.
describe('analyze — wordings from the probe set', async () => {
  const { readFileSync } = await import('node:fs');
  const { productsFromCsv } = await import('../../src/catalog/catalog-csv.js');
  const { customersFromCsv } = await import('../../src/customers/customers-csv.js');
  const { classifyContract } = await import('../../src/rules/classify.js');
  const dir = new URL('../fixtures/dev-corpus/', import.meta.url);
  const catalog = productsFromCsv(readFileSync(new URL('catalog.csv', dir), 'utf8'));
  const customers = customersFromCsv(readFileSync(new URL('customers.csv', dir), 'utf8'));
  const at = (refDate: string, channel: import('../../src/rules/types.js').Channel) => ({
    refDate,
    channel,
    catalog,
    customers,
  });
  const items = (r: ReturnType<typeof analyze>) =>
    r.items.map((i) => [
      i.catalogCode,
      i.quantity?.value ?? null,
      i.quantity?.unit ?? null,
      i.unitPrice?.amount ?? null,
    ]);
  const categories = (r: ReturnType<typeof analyze>) =>
    [...new Set(r.requirements.filter((q) => q.kind !== 'implied').map((q) => q.category))].sort();

  it('ignores prices in a quoted original mail introduced by "---- 原邮件 ----"', () => {
    const r = analyze(
      '刘经理：\n价格OK，下单：吸能盒XNH02 3000件，36.5元/件（含税），PO号HC-PO-2607-0031。\n\n---- 原邮件 ----\n张经理：吸能盒报价38元/件（含税）。',
      at('2026-07-01', 'email'),
    );
    expect(items(r)).toEqual([['AL-142', 3000, '件', 36.5]]);
  });

  it('reads colon-less ASR turns: the supplier offers, the customer repeats the figure after a pause', () => {
    const r = analyze(
      '销售 喂您好华锐\n客户 我鲁安老马 四零四零的工业型材来三百米\n销售 价格还是四十二一米\n客户 四十二 行 含税的',
      at('2026-07-01', 'phone_transcript'),
    );
    expect(items(r)).toEqual([['AL-111', 300, '米', 42]]);
  });

  it('keeps a spoken price whose complaint about an old price sits in the next pause-delimited phrase', () => {
    const r = analyze(
      '销售 黄总您好\n客户 断桥料六零三二要五百支 单价你按二百八十五给我 上次二百九十八太贵了 月底前送到佛山工地',
      at('2026-07-01', 'phone_transcript'),
    );
    expect(items(r)).toEqual([['AL-102', 500, '支', 285]]);
  });

  it('does not read the weight of one part as an ordered quantity', () => {
    const r = analyze(
      '请评估空调压缩机支架YSJ-05：目前单件重量0.74kg，能否减重？',
      at('2026-07-01', 'email'),
    );
    expect(items(r)).toEqual([['MP-242', null, null, null]]);
  });

  it('takes the new quantity of a numbered change line (数量由20,000件减至15,000件)', () => {
    const r = analyze(
      '会议纪要\n1. 恒驰通知：PO HC-PO-2610-0205 的吸能盒数量由20,000件减至15,000件，交期不变。',
      at('2026-07-01', 'meeting_minutes'),
    );
    expect(items(r)).toEqual([['AL-142', 15000, '件', null]]);
  });

  it('prefers the first lot named after a yearly volume', () => {
    const r = analyze(
      'Heat sink profile SR120: annual volume approx. 40 t, first lot 8 t.',
      at('2026-07-01', 'email'),
    );
    expect(items(r)).toEqual([['AL-121', 8, 't', null]]);
  });

  it('keeps samples the customer asks the supplier to send, drops parts the customer sends back', () => {
    const asked = analyze('能不能先寄15个电子水泵壳体样件过来？', at('2026-07-01', 'wechat'));
    expect(items(asked)).toEqual([['MP-241', 15, '个', null]]);
    const returned = analyze('电子水泵壳体有异响，我明天寄三件过来给你们分析。', at('2026-07-01', 'wechat'));
    expect(items(returned)).toEqual([['MP-241', null, null, null]]);
  });

  it('reads numbered order lines with a P/N label and the unit after a space', () => {
    const r = analyze(
      '采购订单 No. CR-PO-2607-001\n1. 空调压缩机支架 P/N YSJ-6061-05  数量 9,000 个  单价 34.50（含税）\n2. 电子水泵壳体 P/N SB-6061-08  数量 1,500 个  单价 84.00（含税）',
      at('2026-07-01', 'purchase_order'),
    );
    expect(items(r)).toEqual([
      ['MP-242', 9000, '个', 34.5],
      ['MP-241', 1500, '个', 84],
    ]);
  });

  it('takes a supplier price the customer accepts, not one the customer counters', () => {
    const accepted = analyze(
      '[永詮-陳怡君] 10:03\n控制臂支架KZB-02 可否寄 20 件樣品？\n[華銳-劉洋] 10:15\n樣品費按目錄價 62 元/件\n[永詮-陳怡君] 10:18\n好的，麻煩寄出',
      at('2026-07-01', 'wechat'),
    );
    expect(items(accepted)).toEqual([['MP-202', 20, '件', 62]]);
    const countered = analyze(
      '[凯途-采购 周婷] 10:03\nBT01要500支\n[华锐-刘洋] 10:15\n可以按640含税\n[凯途-采购 周婷] 10:18\n太贵了，再降点',
      at('2026-07-01', 'wechat'),
    );
    expect(items(countered)).toEqual([['AL-131', 500, '支', null]]);
  });

  it('reads delivery days said as 补发, 交样…两周内, 派车自提 and an English ISO date ending a sentence', () => {
    expect(
      analyze('请于7月9日前补发合格品30件控制臂支架。', at('2026-07-01', 'complaint_letter')).delivery.date,
    ).toBe('2026-07-09');
    expect(analyze('打样10件电机端盖，交样时间：两周内。', at('2026-07-01', 'email')).delivery.date).toBe(
      '2026-07-15',
    );
    expect(analyze('方管5050T 2吨，我们后天派车自提。', at('2026-07-01', 'email')).delivery.date).toBe(
      '2026-07-03',
    );
    expect(
      analyze(
        'Crash box XNH02, 3,000 pcs. First lot needed ex works by 2026-08-14.',
        at('2026-07-01', 'email'),
      ).delivery.date,
    ).toBe('2026-08-14');
  });

  it('keeps the remainder when part of an order is dropped', () => {
    const r = analyze(
      '我司电话订的幕墙立柱型材（15060）共30吨，其中12吨不再需要，请取消；其余18吨仍按原约定送工地。',
      at('2026-07-01', 'fax'),
    );
    expect(items(r)).toEqual([['AL-103', 18, '吨', null]]);
  });

  it('names a customer by its short name grown with more of its full name (粤华门窗)', () => {
    const r = analyze('粤华门窗 传真订货\n门窗型材4520 800支，186元含税。', at('2026-07-01', 'fax'));
    expect(r.customer?.name).toBe('粤华门窗');
  });

  it('lists 材料证书 and an EN 10204 3.2 certificate as 材质证明', () => {
    expect(analyze('本批材料证书须随货提供。', at('2026-07-01', 'email')).certifications).toEqual([
      '材质证明',
    ]);
    expect(
      analyze('Certificates per EN 10204 3.2 required.', at('2026-07-01', 'email')).certifications,
    ).toEqual(['材质证明']);
  });

  it('matches a spoken size before a generic noun (十八寸的毛坯) to the one product of that size', () => {
    const r = analyze('客户 七月份要一批十八寸的毛坯 两千件', at('2026-07-01', 'phone_transcript'));
    expect(items(r)).toEqual([['MP-231', 2000, '件', null]]);
  });

  it('reads 以下铝型材 as a pointer to the listed parts, not as a new part', () => {
    const r = analyze(
      '新项目需以下铝型材，请报价：\n1. 电池托盘边框型材BT01，8000支/年',
      at('2026-07-01', 'rfq'),
    );
    expect(r.items.map((i) => i.catalogCode)).toEqual(['AL-131']);
  });

  it('files cut-to-length, face-to-face explanations and N件一箱 under their topics', () => {
    expect(categories(analyze('四零四零型材五百米，切成一米二一根。', at('2026-07-01', 'wechat')))).toContain(
      'technical',
    );
    expect(categories(analyze('请贵司负责人明天到我司当面说明情况。', at('2026-07-01', 'email')))).toContain(
      'service',
    );
    expect(categories(analyze('包装：每20件一箱。', at('2026-07-01', 'email')))).toContain('packaging');
  });

  it('does not read FAI inside "fair", nor an alloy before a product name as a technical demand', () => {
    expect(
      categories(analyze('We met your team at the aluminium fair last week.', at('2026-07-01', 'email'))),
    ).toEqual([]);
    expect(
      categories(analyze('报价收到，下单6061方管5050T 2吨。', at('2026-07-01', 'email'))).includes(
        'technical',
      ),
    ).toBe(false);
  });

  it('files a compliance declaration under regulatory and documentation, and skips "现要求："', () => {
    const r = analyze('现要求：\n提供RoHS、REACH符合性声明。', at('2026-07-01', 'email'));
    expect(categories(r)).toEqual(['documentation', 'regulatory']);
    expect(r.requirements.some((q) => q.text.trim() === '现要求：')).toBe(false);
  });

  it('reads the place after a bare 交付 when it names a site', () => {
    expect(analyze('5000件，2月13日前交付嘉定工厂。', at('2026-01-20', 'email')).delivery.place).toBe(
      '嘉定工厂',
    );
  });

  it('classifies a counter-offer as no temporary order, and single-piece bagging as special packaging', async () => {
    const offerText =
      '销售 张经理好\n客户 防撞梁两万件 你们报的一百八十六还是高 一百八十含税 能做的话我这周就下PO';
    const offerCtx = at('2026-07-01', 'phone_transcript');
    const offer = await classifyContract(
      { ...analyze(offerText, offerCtx), intent: { label: 'inquiry', confidence: 1 } },
      offerText,
      offerCtx,
    );
    expect(offer.class).toBe('regular');
    const poText =
      '采购订单 PO No.: CJ-PO-2607-0011\n控制臂支架 HR-KZB-6082-02 2000件 54.80元\n包装：每件套防锈袋，木箱包装';
    const poCtx = at('2026-07-01', 'purchase_order');
    const po = await classifyContract(analyze(poText, poCtx), poText, poCtx);
    expect(po.reasons.map((x) => x.code)).toContain('customer_special_requirement');
  });
});

describe('cancellations and due dates', () => {
  const on = (refDate: string) => ({ refDate, catalog: M.catalog, customers: M.customers });

  it('gives a cancellation no delivery date even when the rest still comes (the corpus convention)', () => {
    const partial = analyze('端盖那500件不要了，取消。剩下的壳体照常12月20号前送过来', on('2026-12-01'));
    expect(partial.intent.label).toBe('cancellation');
    expect(partial.delivery.date).toBeNull();
    const english = analyze(
      'Please cancel the 500 end covers; the remaining 1,000 pcs still due Dec 20 as planned.',
      on('2026-12-01'),
    );
    expect(english.intent.label).toBe('cancellation');
    expect(english.delivery.date).toBeNull();
  });

  it('gives a wholly cancelled order no delivery date', () => {
    const r = analyze('PO-2611-08 整单取消，原定12月20日的货不要发了。', on('2026-12-01'));
    expect(r.intent.label).toBe('cancellation');
    expect(r.delivery.date).toBeNull();
  });

  it('does not take a payment or invoice due date for delivery', () => {
    expect(
      analyze('Payment due within 30 days after invoice, i.e. by Jan 31.', on('2026-12-01')).delivery.date,
    ).toBeNull();
    expect(
      analyze('Invoice due Jan 15. Please deliver 500 pcs by Feb 20.', on('2026-12-01')).delivery.date,
    ).toBe('2027-02-20');
  });
});

describe('wordings from PDFs, scans, spreadsheets, group chats and voice notes (second probe set)', () => {
  const on = (refDate: string, channel: Channel = 'email') => ({
    refDate,
    channel,
    catalog: M.catalog,
    customers: M.customers,
    ownCompanyNames: M.ownCompanyNames,
  });
  const quantities = (text: string) =>
    analyze(text, on('2026-11-20')).items.map((i) => i.quantity?.value ?? null);

  it('reads numbers written with a space, a full-width comma or an O for a zero', () => {
    expect(quantities('副车架连接支架 HR-FCJ-6082-11 数量 3 600 件，12月20日前交货')).toEqual([3600]);
    expect(quantities('油泵壳体ＨＲ-ＹＢ-Ａ356-07　２，５００件')).toEqual([2500]);
    expect(analyze('副车架连接支架2000件，交期：2026-12-O5', on('2026-11-20')).delivery.date).toBe(
      '2026-12-05',
    );
  });

  it('keeps two numbers apart that a full-width comma separates in ordinary text', () => {
    expect(quantities('油泵壳体，型号HR-YB-A356-07，500件，含税单价58元')).toEqual([500]);
  });

  it('ends a spoken part number at its last group after 杠', () => {
    const r = analyze(
      '客户 油泵壳体 一千件 价格 五十八块五 含税 订单号 RF杠PO杠二六一一杠一五',
      on('2026-11-20', 'phone_transcript'),
    );
    expect(r.items[0]?.unitPrice?.amount).toBe(58.5);
  });

  it('takes the delivery day from a PDF line broken after the label', () => {
    const r = analyze('副车架连接支架 2000件\n交货期：2026年\n12月18日前\n付款：月结60天', on('2026-11-20'));
    expect(r.delivery.date).toBe('2026-12-18');
  });

  it('reads a PDF table whose columns a single space separates', () => {
    const r = analyze(
      '采 购 订 单\n序号 物料名称 规格型号 数量 单位 单价(含税) 金额\n1 油泵壳体 HR-YB-A356-07 1 500 件 58.00 87,000.00\n交货期：2026年12月18日',
      on('2026-11-20'),
    );
    expect(r.items.map((i) => [i.catalogCode, i.quantity?.value, i.unitPrice?.amount])).toEqual([
      ['MP-302', 1500, 58],
    ]);
  });

  it('counts a shortened name a phrase or two before its quantity in speech', () => {
    const r = analyze(
      '客户 嗯 陈经理 那个 油泵的 嗯 再来一千二百件 然后 下周五之前 送二厂',
      on('2026-11-20', 'phone_transcript'),
    );
    expect(r.items.map((i) => [i.catalogCode, i.quantity?.value])).toEqual([['MP-302', 1200]]);
  });

  it('reads "open a new model" as development, so the part named is a new one', () => {
    const r = analyze(
      '[杭州栖木家居-沈总] 想开一款新的书柜立柱铝型材 图纸发你了\n[杭州栖木家居-沈总] 先打样30支 月底前要',
      on('2026-11-20', 'wechat'),
    );
    expect(r.items.map((i) => [i.product, i.catalogCode, i.quantity?.value])).toEqual([
      ['书柜立柱铝型材', null, 30],
    ]);
  });

  it('takes the delivery day from a table column headed as such', () => {
    const r = analyze(
      '12月要货：\n品名\t型号\t数量\t单位\t要求到货\n油泵壳体\tYB-A356-07\t800\t件\t12/10\n副车架连接支架\tFCJ-6082-11\t600\t件\t12/22',
      on('2026-11-20'),
    );
    expect(r.delivery.date).toBe('2026-12-22');
  });

  it('reads "X前交/交到", "能不能先到" and "X之前，送…" as delivery days', () => {
    expect(analyze('油泵壳体500件，12月8日前交苏州工厂。', on('2026-11-20')).delivery.date).toBe(
      '2026-12-08',
    );
    expect(analyze('油泵壳体500件，12月9日前全部交到苏州工厂。', on('2026-11-20')).delivery.date).toBe(
      '2026-12-09',
    );
    expect(analyze('立柱型材这周五前能不能先到200支', on('2026-11-16', 'wechat')).delivery.date).toBe(
      '2026-11-20',
    );
    // Whether a chaser's promised day ("说好这周四到的") is the delivery date is the learnt scorer's
    // call, measured on the written corpus (dev 1.0, locked 0.949 with writers w17 and w18), not here.
    expect(
      analyze('客户：油泵壳体一千件，十二月五号之前，送苏州二厂。', on('2026-11-20')).delivery.date,
    ).toBe('2026-12-05');
  });

  it('does not take the day a new price starts to apply for a delivery day', () => {
    const r = analyze('补充协议：自12月1日起油泵壳体单价调整为56元/件（含税），交期不变。', on('2026-11-20'));
    expect(r.delivery.date).toBeNull();
  });

  it('names a new customer from a chat label without times and a look-alike that says it is not ours', () => {
    const chat = analyze(
      '[宁德锦程储能-苏总] 你好 想订储能柜立柱型材 300支\n[宁德锦程储能-苏总] 月底前要 价格按目录',
      on('2026-11-20', 'wechat'),
    );
    expect(chat.customer).toMatchObject({ name: '宁德锦程储能', known: false });
    const lookAlike = analyze(
      '[瑞峰五金-小叶] 我们是瑞峰五金 不是常州那个瑞丰哈\n[瑞峰五金-小叶] 要导轨型材200米 下周五前自提',
      on('2026-11-20', 'wechat'),
    );
    expect(lookAlike.customer).toMatchObject({ name: '瑞峰五金', known: false });
  });

  it('names a caller who introduces the company with a filler before the surname', () => {
    const r = analyze(
      '销售 您好\n客户 我们是泉州明泰机械的 嗯 姓洪 想要导轨型材300米',
      on('2026-11-20', 'phone_transcript'),
    );
    expect(r.customer).toMatchObject({ name: '泉州明泰机械', known: false });
  });

  it('reads English private-limited company names and a waived certificate', () => {
    const r = analyze(
      'Please quote 500 pcs oil pump housing HR-YB-A356-07, CIF Chennai, no RoHS certificate needed.\nRegards,\nAnand Rao\nKaveri Drive Systems Pvt. Ltd.',
      on('2026-11-20', 'email'),
    );
    expect(r.customer?.name).toBe('Kaveri Drive Systems Pvt. Ltd.');
    expect(r.certifications).toEqual([]);
  });

  it('files a day with a place under delivery and logistics, and progress reports under service', () => {
    const cats = (text: string) =>
      new Set(analyze(text, on('2026-11-20')).requirements.map((x) => x.category));
    const holiday = cats('油泵壳体800件，节后开工前到苏州工地就行。');
    expect(holiday.has('delivery') && holiday.has('logistics')).toBe(true);
    expect(cats('油泵壳体800件，请每天下午报一次生产进度。').has('service')).toBe(true);
  });

  it('files a defect as quality and quality evidence to hand over under quality too', () => {
    const cats = (text: string) => analyze(text, on('2026-11-20')).requirements.map((x) => x.category);
    expect(cats('到货的导轨型材有30支表面有划伤')).toContain('quality');
    expect(cats('到货的导轨型材有30支表面有划伤')).not.toContain('technical');
    expect(cats('油泵壳体1000件，每批附CPK数据。')).toEqual(
      expect.arrayContaining(['documentation', 'quality']),
    );
  });

  it('counts a bag per profile (每支套…袋) as single-piece packing', async () => {
    const text = 'PO RF-PO-2611-031：导轨型材HR-6061-DG45 600米，12月18日前送常州，每支套珍珠棉袋。';
    const ctx = on('2026-11-20', 'email');
    const c = await classifyContract(analyze(text, ctx), text, ctx);
    expect(c.reasons.map((x) => x.code)).toContain('customer_special_requirement');
  });

  it('does not take a chat sender label for a topic, nor a delivered lot for a delivery demand', () => {
    const chat = analyze(
      '[瑞丰 品质 小林] 08:45\n这批导轨型材 每支两端要包护角\n[瑞丰 品质 小林] 08:46\n谢谢',
      on('2026-11-20', 'wechat'),
    );
    expect(chat.requirements.map((x) => x.category)).not.toContain('quality');
    const lot = analyze(
      '贵司11月8日交付的油泵壳体一批共2000件，请于11月25日前提交8D报告。',
      on('2026-11-20'),
    );
    expect(lot.requirements.map((x) => x.category)).not.toContain('delivery');
  });
});

describe('English tonnage', () => {
  it('reads 5 tons, 12 tonnes and 20 MT as quantities of the item they follow', () => {
    const r = analyze(
      'Please quote:\n1) 6063-T5 window profile HR-6063-7730, 5 tons;\n2) rail profile HR-6061-DG45, 12 tonnes.',
      {
        refDate: '2026-09-09',
        catalog: M.catalog,
      },
    );
    expect(r.items.map((i) => i.quantity)).toEqual([
      { value: 5, unit: 'tons' },
      { value: 12, unit: 'tonnes' },
    ]);
    expect(
      analyze('20 MT of aluminium billets, ETA end of October', { refDate: '2026-09-09' }).entities.find(
        (e) => e.type === 'quantity',
      )?.value,
    ).toMatchObject({ value: 20, unit: 'MT' });
  });
});

describe('third probe set: kinds of wording it showed up', () => {
  const on = (refDate: string, channel: Channel = 'email') => ({
    refDate,
    channel,
    catalog: M.catalog,
    customers: M.customers,
    ownCompanyNames: M.ownCompanyNames,
  });
  const cats = (text: string, ctx = on('2026-11-20')) =>
    analyze(text, ctx).requirements.map((x) => x.category);

  it('keeps a grade said after a standard number out of the number (ASTM E505三级)', () => {
    expect(analyze('铸件X光按ASTM E505三级验收。', on('2026-11-20')).standards).toEqual(['ASTM E505']);
  });

  it('drops a filler before a caller’s company, and a company the writer says they are not', () => {
    const call = analyze(
      '销售：您好华锐。\n客户：喂你好，我是那个嘉兴明远五金的，姓周。\n销售：周总好。',
      on('2026-11-20', 'phone_transcript'),
    );
    expect(call.customer?.name).toBe('嘉兴明远五金');
    const lookalike = analyze(
      '您好，我司常州瑞峰精密机械有限公司（与常州瑞丰汽车部件有限公司无关联）想询价油泵壳体500件。',
      on('2026-11-20'),
    );
    expect(lookalike.customer).toMatchObject({ name: '常州瑞峰精密机械有限公司', known: false });
    const swedish = analyze(
      'We are Lindqvist Tooling AB, Sweden. Please quote 800 pcs HR-YB-A356-07.',
      on('2026-11-20'),
    );
    expect(swedish.customer?.name).toBe('Lindqvist Tooling AB');
  });

  it('reads no zero quantity from 零件号 and names a new block-shaped part', () => {
    const r = analyze(
      '项目：新开发油冷器安装块（我司零件号RF-AK-09，需新开发）\n年需求约20,000件，请报价。',
      on('2026-11-20'),
    );
    expect(r.items.map((i) => i.quantity)).toEqual([{ value: 20000, unit: '件' }]);
    expect(r.items[0]!.product).toContain('安装块');
  });

  it('takes the cancelled quantity of a partial cancellation', () => {
    const r = analyze(
      '我司订单RF-PO-2611-007原订油泵壳体3,000件，因项目调整，其中未生产的1,200件取消。',
      on('2026-11-20'),
    );
    expect(r.items.map((i) => i.quantity)).toEqual([{ value: 1200, unit: '件' }]);
  });

  it('gives the one numbered order line the price of the clause after it', () => {
    const r = analyze(
      '1. 产品：油泵壳体HR-YB-A356-07，A356-T6，数量2,000件；\n2. 单价：64元/件，含13%增值税；\n3. 交货：12月18日前送常州。',
      on('2026-11-20', 'contract'),
    );
    expect(r.items.map((i) => [i.quantity?.value, i.unitPrice?.amount])).toEqual([[2000, 64]]);
  });

  it('gives the delivery cue to the day it belongs to, and sends no goods with papers', () => {
    expect(
      analyze('年底冲产量，追加油泵壳体800件，麻烦12月9日前送到常州。', on('2026-11-20')).delivery.date,
    ).toBe('2026-12-09');
    expect(
      analyze(
        '客户 交期的话十一月二十五号之前先来一半 剩下的月底之前\n销售 好的',
        on('2026-11-20', 'phone_transcript'),
      ).delivery.date,
    ).toBe('2026-11-30');
    const invoice = analyze('发票单价开错了，请于11月28日前把更正后的发票寄到我司财务部。', on('2026-11-20'));
    expect(invoice.delivery.date).toBeNull();
    expect(invoice.delivery.place).toBeNull();
  });

  it('reads no day, part number or closing words as the delivery place', () => {
    expect(
      analyze('客户 油泵壳体交期往后推，推到十二月十八号\n销售 好的', on('2026-11-20', 'phone_transcript'))
        .delivery.place,
    ).toBeNull();
    expect(
      analyze('油泵壳体600件，这周五前到武进工厂就行。', on('2026-11-20', 'wechat')).delivery.place,
    ).toBe('武进工厂');
    expect(
      analyze('11月16日到货的油泵壳体（型号HR-YB-A356-07，订单RF-PO-2611-002）有划伤。', on('2026-11-20'))
        .delivery.place,
    ).toBeNull();
  });

  it('keeps how a part is made from a numbered order line read as an item', () => {
    const r = analyze(
      '1. 产品：导轨型材HR-6061-DG45，定尺3200mm，数量1,500米；\n2. 单价：56元/米，含税。',
      on('2026-11-20', 'contract'),
    );
    expect(r.requirements.find((x) => x.text.includes('定尺3200mm'))?.category).toBe('technical');
  });

  it('reads a remaining count written with a thousands separator as an order demand of a complaint', async () => {
    const text =
      '关于油泵壳体延迟交货的投诉：RF-PO-2611-015共8,000件至今只到3,000件，已严重影响我司生产。剩余5,000件务必于12月4日前全部送达。';
    const ctx = on('2026-11-20', 'complaint_letter');
    const r = analyze(text, ctx);
    const c = await classifyContract(r, text, ctx);
    expect(c.class).not.toBeNull();
  });

  it('files kinds of wording under the right topics', () => {
    expect(cats('发货时请提前一天告知车牌号。')).toContain('logistics');
    expect(cats('发货时请提前一天告知车牌号。')).not.toContain('technical');
    expect(cats('我司为储能集装箱制造商，想了解贵司产品。')).not.toContain('packaging');
    expect(
      cats('客户：我瑞丰材料部老李。\n销售：李工好。', on('2026-11-20', 'phone_transcript')),
    ).not.toContain('technical');
    expect(cats('型材两端记得套保护帽。')).toContain('packaging');
    expect(cats('寄10支色样，每支截1米，样品免费。')).toEqual(expect.arrayContaining(['technical', 'price']));
    expect(cats('部分产品表面有油污残留。')[0]).toBe('quality');
    expect(cats('每日17:00前报送生产及发运进度。')).toContain('service');
    expect(cats('需提供PPAP 3级文件、IMDS数据。')).toEqual(
      expect.arrayContaining(['regulatory', 'documentation', 'quality']),
    );
    expect(cats('年需求约2万件，SOP 2027年5月。')).toContain('delivery');
    expect(cats('Required ship date: 8 December 2026.')).toEqual(['delivery']);
    expect(
      cats(
        '客户：要导轨型材，就是那个DG45的，六零六一的。\n销售：好的。',
        on('2026-11-20', 'phone_transcript'),
      ),
    ).not.toContain('technical');
  });
});

describe('conditional orders and English company names', () => {
  const at = (refDate: string, channel: string) => ({
    refDate,
    channel,
    catalog: M.catalog,
    customers: M.customers,
  });

  it('treats a counter-offer with an order promised on a condition as no order yet, whatever the intent', async () => {
    const text = '客户 你们报的一百八十六还是高 一百八十二含税 能做的话我这周就把PO下了\n客户 先要两万件';
    const ctx = at('2026-03-25', 'phone_transcript');
    const r = { ...analyze(text, ctx), intent: { label: 'order' as const, confidence: 1 } };
    expect((await classifyContract(r, text, ctx)).class).toBe('regular');
    // An order that only names a condition of stock is still an order by phone.
    const stock = '客户 有现货的话就发过来 两千件 下周三前到';
    const s = { ...analyze(stock, ctx), intent: { label: 'order' as const, confidence: 1 } };
    expect((await classifyContract(s, stock, ctx)).class).toBe('temporary');
  });

  it('does not take an order number such as "PO AB-2026-0412" for a Swedish company', () => {
    const r = analyze(
      'Could you let me know where the bumper beams under PO AB-2026-0412 are?\n\nRegards,\nOliver Grant\nAldenbrook Purchasing',
      at('2026-11-20', 'email'),
    );
    expect(r.entities.filter((e) => e.type === 'company').map((e) => e.text)).not.toContain('PO AB');
    expect(r.customer?.name).not.toBe('PO AB');
  });
});
