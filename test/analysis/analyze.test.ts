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
    expect(chat.customer).toEqual({ name: '恒通', known: false });
    expect(chat.delivery.date).toBe('2026-11-21');
    const group = analyze('[群聊] 李总：油泵壳体再来600件', opts);
    expect(group.customer?.name).not.toBe('群聊');
    const call = analyze('喂，是华锐吗？我这边是常州金马的，姓钱，我们要的那批油泵壳体什么时候能发？', opts);
    expect(call.customer).toEqual({ name: '常州金马', known: false });
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
    expect(caller.customer).toEqual({ name: '广州智联科技', known: false });
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
