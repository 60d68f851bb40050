import { describe, expect, it } from 'vitest';
import { applyClassification, classifyContract, type RuleContext } from '../../src/rules/index.js';
import { analysis, ctx, type ItemSpec } from './helpers.js';

const PO = '采购订单 HC-PO-2603-0042';

async function classify(text: string, opts: Parameters<typeof analysis>[1], over: Partial<RuleContext> = {}) {
  return classifyContract(analysis(text, opts), text, ctx(over));
}

const codes = (c: { reasons: { code: string }[] }) => c.reasons.map((r) => r.code).sort();

describe('large urgent order: ≥ 100 t and ≤ 30 days', () => {
  const cases: { label: string; item: ItemSpec; delivery: string; expected: string[]; weight: number }[] = [
    {
      label: '99.9 吨',
      item: { product: '幕墙立柱型材', code: 'AL-103', qty: 99.9, unit: '吨' },
      delivery: '2026-03-20',
      expected: [],
      weight: 99.9,
    },
    {
      label: '100 吨',
      item: { product: '幕墙立柱型材', code: 'AL-103', qty: 100, unit: '吨' },
      delivery: '2026-03-20',
      expected: ['large_urgent_order'],
      weight: 100,
    },
    {
      label: '13333 支 × 7.5 kg = 99.9975 t',
      item: { product: '门窗型材', code: 'AL-101', qty: 13333, unit: '支' },
      delivery: '2026-03-20',
      expected: [],
      weight: 99.9975,
    },
    {
      label: '13334 支 × 7.5 kg = 100.005 t',
      item: { product: '门窗型材', code: 'AL-101', qty: 13334, unit: '支' },
      delivery: '2026-03-20',
      expected: ['large_urgent_order'],
      weight: 100.005,
    },
    {
      label: '100000 kg',
      item: { product: '结构型材', code: 'AL-113', qty: 100000, unit: 'kg' },
      delivery: '2026-03-20',
      expected: ['large_urgent_order'],
      weight: 100,
    },
    {
      label: '100000 公斤',
      item: { product: '结构型材', code: 'AL-113', qty: 100000, unit: '公斤' },
      delivery: '2026-03-20',
      expected: ['large_urgent_order'],
      weight: 100,
    },
    {
      label: '100 吨, 30 days',
      item: { product: '幕墙立柱型材', code: 'AL-103', qty: 100, unit: '吨' },
      delivery: '2026-04-01',
      expected: ['large_urgent_order'],
      weight: 100,
    },
    {
      label: '100 吨, 31 days',
      item: { product: '幕墙立柱型材', code: 'AL-103', qty: 100, unit: '吨' },
      delivery: '2026-04-02',
      expected: [],
      weight: 100,
    },
    {
      label: '95238 pcs × 1.05 kg (件 sold)',
      item: { product: '控制臂支架', code: 'MP-202', qty: 95238, unit: 'pcs' },
      delivery: '2026-03-20',
      expected: [],
      weight: 99.9999,
    },
    {
      label: '95239 EA × 1.05 kg',
      item: { product: '控制臂支架', code: 'MP-202', qty: 95239, unit: 'EA' },
      delivery: '2026-03-20',
      expected: ['large_urgent_order'],
      weight: 100.001,
    },
  ];
  it.each(cases)('$label → $expected', async ({ item, delivery, expected, weight }) => {
    const text = `${PO}：${item.product} ${item.qty}${item.unit}，交期见下。`;
    const c = await classify(text, { items: [item], delivery });
    expect(codes(c)).toEqual(expected);
    expect(c.totalWeightTonnes).toBeCloseTo(weight, 3);
    expect(c.class).toBe(expected.length ? 'special' : 'regular');
  });

  it('explains the figures in Chinese', async () => {
    const text = `${PO}：幕墙立柱型材 101.25吨。`;
    const c = await classify(text, {
      items: [{ product: '幕墙立柱型材', code: 'AL-103', qty: 101.25, unit: '吨' }],
      delivery: '2026-03-22',
    });
    expect(c.reasons[0]?.explanation).toBe('总重 101.25 吨 ≥ 100 吨，交期 20 天 ≤ 30 天');
  });

  it('non-catalogue items and null quantities add nothing to the weight', async () => {
    const text = `${PO}：幕墙立柱型材 60吨，新型材（我司图号X-1）60吨，门窗型材 数量待定。`;
    const c = await classify(text, {
      items: [
        { product: '幕墙立柱型材', code: 'AL-103', qty: 60, unit: '吨' },
        { product: '新型材', code: null, qty: 60, unit: '件' },
        { product: '门窗型材', code: 'AL-101', qty: null },
      ],
      delivery: '2026-03-10',
    });
    expect(c.totalWeightTonnes).toBe(60);
    expect(codes(c)).toEqual(['new_product']);
  });

  it('is not evaluable without a delivery date, and says which fact is missing', async () => {
    const text = `${PO}：幕墙立柱型材 150吨，交期另行通知。`;
    const c = await classify(text, {
      items: [{ product: '幕墙立柱型材', code: 'AL-103', qty: 150, unit: '吨' }],
    });
    const ev = c.evaluations.find((e) => e.ruleId === 'special.large_urgent_order');
    expect(ev).toMatchObject({ outcome: 'not_evaluable', missing: ['deliveryDate'] });
    expect(c.class).toBe('regular');
  });

  it('is decided (not fired) without a date when the weight alone rules it out', async () => {
    const text = `${PO}：幕墙立柱型材 10吨。`;
    const c = await classify(text, {
      items: [{ product: '幕墙立柱型材', code: 'AL-103', qty: 10, unit: '吨' }],
    });
    expect(c.evaluations.find((e) => e.ruleId === 'special.large_urgent_order')?.outcome).toBe('not_fired');
  });
});

describe('new product without a catalogue on file', () => {
  it('does not call every part new when no catalogue is loaded, but still hears the text ask for one', async () => {
    const order = `${PO}：控制臂支架 5000件，3月20日前交货。`;
    const items = [{ product: '控制臂支架', code: null, qty: 5000, unit: '件' }];
    expect(codes(await classify(order, { items, delivery: '2026-03-20' }))).toEqual(['new_product']);
    expect(codes(await classify(order, { items, delivery: '2026-03-20' }, { catalog: [] }))).toEqual([]);
    const develop = `${PO}：请贵司新开发控制臂支架 5000件，3月20日前交货。`;
    expect(codes(await classify(develop, { items, delivery: '2026-03-20' }, { catalog: [] }))).toEqual([
      'new_product',
    ]);
  });
});

describe('precision above the standard capability (高精级)', () => {
  const extrusion: ItemSpec = { product: '电池托盘边框型材', code: 'AL-131', qty: 100, unit: '支' };
  const machined: ItemSpec = { product: '电子水泵壳体', code: 'MP-241', qty: 100, unit: '件' };
  const cases: { label: string; item: ItemSpec; spec: string; special: boolean }[] = [
    { label: '高精级 by name', item: extrusion, spec: '尺寸公差按GB/T 14846高精级', special: false },
    { label: '超高精级 by name', item: extrusion, spec: '尺寸公差按GB/T 14846超高精级', special: true },
    { label: '超高精級 (traditional)', item: extrusion, spec: '尺寸偏差執行超高精級', special: true },
    { label: 'extrusion ±0.10 mm', item: extrusion, spec: '截面尺寸公差±0.10mm', special: false },
    { label: 'extrusion ±0.09 mm', item: extrusion, spec: '截面尺寸公差±0.09mm', special: true },
    { label: 'extrusion cut length ±0.05 mm', item: extrusion, spec: '定尺长度公差±0.05mm', special: false },
    { label: 'machined ±0.02 mm', item: machined, spec: '关键孔径公差±0.02mm', special: false },
    { label: 'machined ±0.01 mm', item: machined, spec: '关键孔径公差±0.01mm', special: true },
    { label: 'machined 正负一丝 (spoken ±0.01)', item: machined, spec: '孔径要正负一丝', special: true },
    { label: 'flatness 0.02', item: machined, spec: '密封面平面度0.02mm', special: false },
    { label: 'flatness 0.01', item: machined, spec: '密封面平面度0.01mm', special: true },
    { label: 'coaxiality φ0.01', item: machined, spec: '轴承孔同轴度φ0.01', special: true },
    { label: 'Ra0.8', item: machined, spec: '密封面粗糙度Ra0.8', special: false },
    { label: 'Ra0.4', item: machined, spec: '密封面粗糙度Ra0.4', special: true },
    {
      label: 'film thickness 25±5μm is not a tolerance',
      item: machined,
      spec: '硬质阳极氧化，膜厚25±5μm',
      special: false,
    },
  ];
  it.each(cases)('$label → special=$special', async ({ item, spec, special }) => {
    const text = `${PO}\n${item.product} 100件，交期4月30日。\n技术要求：${spec}。`;
    const c = await classify(text, { items: [item], delivery: '2026-04-30' });
    expect(codes(c)).toEqual(special ? ['precision_above_standard'] : []);
  });

  it('a catalogue item listed at 超高精级 is above standard even when the text does not say so', async () => {
    const text = `${PO}：制动主缸缸体 HR-ZG-6061-02 2000件，价格照旧。`;
    const c = await classify(text, {
      items: [{ product: '制动主缸缸体', code: 'MP-212', qty: 2000, unit: '件' }],
      delivery: '2026-05-30',
    });
    expect(codes(c)).toEqual(['precision_above_standard']);
    expect(c.reasons[0]?.explanation).toContain('超高精级');
  });
});

describe('customer special requirements (closed list) and their negations', () => {
  const item: ItemSpec = { product: '控制臂支架', code: 'MP-202', qty: 500, unit: '件' };
  const cases: { label: string; terms: string; special: boolean }[] = [
    { label: 'PPAP 3级 on an existing part', terms: '因工艺变更，须按PPAP 3级重新提交', special: true },
    { label: 'PPAP 2级', terms: 'PPAP按2级提交', special: false },
    { label: '不需要PPAP', terms: '不需要PPAP文件，也不用做特殊包装', special: false },
    { label: '100%全检 of deliveries', terms: '今后每批出货前须100%全检', special: true },
    { label: '无需全检', terms: '无需全检，按AQL抽样', special: false },
    { label: 'one-off containment re-check of stock', terms: '请对库存品全检一次', special: false },
    { label: 'single-piece VCI packing', terms: '单件VCI袋包装', special: true },
    { label: 'customer returnable containers', terms: '使用我司周转箱发货', special: true },
    { label: 'normal packing', terms: '木托盘，每箱50件，珍珠棉隔开，防锈油', special: false },
    { label: 'EN 10204 3.2', terms: '提供EN 10204 3.2证书', special: true },
    { label: 'EN 10204 3.1 mill cert', terms: '提供EN 10204 3.1材质证明及出厂检验报告', special: false },
    { label: 'third-party witnessed', terms: '力学性能须第三方见证', special: true },
    {
      label: 'designated heat treater',
      terms: '热处理须在我司指定的常州华信热处理有限公司进行',
      special: true,
    },
    { label: 'nominated carrier is logistics', terms: '请使用我司指定的物流公司发货', special: false },
    { label: '违约金', terms: '逾期交货按每日千分之五支付违约金', special: true },
    { label: '质保金 is standard', terms: '货款留5%质保金，一年后付清', special: false },
    { label: 'CPK and salt spray are standard', terms: '关键尺寸CPK≥1.67，中性盐雾480h', special: false },
    { label: 'RoHS / IMDS are standard', terms: '提供RoHS声明并录入IMDS', special: false },
  ];
  it.each(cases)('$label → special=$special', async ({ terms, special }) => {
    const text = `${PO}\n控制臂支架 500件，5月30日前交货。\n要求：${terms}。`;
    const c = await classify(text, { items: [item], delivery: '2026-05-30' });
    expect(codes(c)).toEqual(special ? ['customer_special_requirement'] : []);
    expect(c.class).toBe(special ? 'special' : 'regular');
  });

  it('PPAP 3 for a new part belongs to new-product development, not to the special terms', async () => {
    const text = `${PO}\n新开发零件：阀体（我司图号CR-1 Rev.A）200件，按PPAP 3级提交。`;
    const c = await classify(text, {
      items: [{ product: '阀体', code: null, qty: 200, unit: '件' }],
      delivery: '2026-06-30',
    });
    expect(codes(c)).toEqual(['new_product']);
  });

  it('a standing CSR entry with a special term makes the order special', async () => {
    const text = `${PO}\n控制臂支架 500件，5月30日前交货。`;
    const c = await classify(
      text,
      { items: [item], delivery: '2026-05-30' },
      { customerCsr: [{ id: 'csr-1', text: '所有交付须使用客户周转箱', status: 'active' }] },
    );
    expect(codes(c)).toEqual(['customer_special_requirement']);
    expect(c.reasons[0]?.explanation).toContain('客户周转箱');
  });
});

describe('new product and new customer', () => {
  it('a sample of an unchanged catalogue part is not a new product', async () => {
    const text = '新项目需要借用贵司目录里的控制臂支架，麻烦寄样10件，6月12日前寄到。';
    const c = await classify(text, {
      intent: 'sample',
      items: [{ product: '控制臂支架', code: 'MP-202', qty: 10, unit: '件' }],
      delivery: '2026-06-12',
    });
    expect(codes(c)).toEqual([]);
  });

  it('a part the text asks to develop is new even when the analyser matched no item', async () => {
    const text = `${PO}\n贵司目录中暂无此件，请首次开发并打样30件。`;
    const c = await classify(text, { intent: 'sample', delivery: '2026-06-12' });
    expect(codes(c)).toEqual(['new_product']);
  });

  const customerCases = [
    {
      label: 'existing customer, repeat order',
      name: '江苏恒驰汽车零部件有限公司',
      prior: undefined,
      isNew: false,
    },
    { label: 'short name of an existing customer', name: '恒驰', prior: undefined, isNew: false },
    { label: 'traditional form of a short name', name: '粵華', prior: undefined, isNew: false },
    { label: 'listed prospect, first order', name: '安徽新桥精工有限公司', prior: false, isNew: true },
    { label: 'listed prospect, repeat order', name: '安徽新桥精工有限公司', prior: true, isNew: false },
    { label: 'unknown company', name: '东莞市铭工自动化设备有限公司', prior: undefined, isNew: true },
  ];
  it.each(customerCases)('$label → new_customer=$isNew', async ({ name, prior, isNew }) => {
    const text = `${PO}\n${name}：控制臂支架 500件。`;
    const c = await classify(
      text,
      {
        customer: name,
        items: [{ product: '控制臂支架', code: 'MP-202', qty: 500, unit: '件' }],
        delivery: '2026-05-30',
      },
      prior === undefined ? {} : { customerHasPriorOrders: prior },
    );
    expect(codes(c)).toEqual(isNew ? ['new_customer'] : []);
  });
});

describe('temporary vs regular: the written basis', () => {
  const item: ItemSpec = { product: '门窗型材', code: 'AL-101', qty: 800, unit: '支' };
  const cases: {
    label: string;
    channel: string;
    intent?: 'order' | 'inquiry' | 'change';
    text: string;
    cls: string;
  }[] = [
    {
      label: 'WeChat order, PO回头补',
      channel: 'wechat',
      text: '门窗型材先来800支，下周三前到。PO我们系统这周在切换，回头补给你',
      cls: 'temporary',
    },
    {
      label: 'phone order, order dropped',
      channel: 'phone_transcript',
      text: '门窗型材800支，大后天送到。订单就不补了，你直接送。',
      cls: 'temporary',
    },
    {
      label: 'fax without PO number',
      channel: 'fax',
      text: '请速发门窗型材800支，本周五前送到。',
      cls: 'temporary',
    },
    {
      label: 'email citing a PO number',
      channel: 'email',
      text: '附件为采购订单HC-PO-2603-0042：门窗型材800支。',
      cls: 'regular',
    },
    {
      label: 'phone call-off under a cited framework contract',
      channel: 'phone_transcript',
      text: '按框架合同JT-HT-2026-031，门窗型材再要800支。',
      cls: 'regular',
    },
    {
      label: 'spoken PO number',
      channel: 'phone_transcript',
      intent: 'change',
      text: '那个PO，KT杠PO杠两六零三一，门窗型材改成800支。',
      cls: 'regular',
    },
    {
      label: 'order mislabelled as inquiry (no price asked) is still temporary',
      channel: 'wechat',
      intent: 'inquiry',
      text: '门窗型材再来800支，这周五前到。',
      cls: 'temporary',
    },
    {
      label: 'spoken contract number',
      channel: 'phone_transcript',
      text: '合同号是LA杠HT杠二零二六杠零三一那个，门窗型材再叫800支。',
      cls: 'regular',
    },
    {
      label: 'PO promised for later (English)',
      channel: 'email',
      text: 'Please supply 800 bars 门窗型材 by March 20. PO to follow next week.',
      cls: 'temporary',
    },
    {
      label: 'purchase order document',
      channel: 'purchase_order',
      text: '采购订单\n门窗型材 800支',
      cls: 'regular',
    },
    {
      label: 'WeChat inquiry is never temporary',
      channel: 'wechat',
      intent: 'inquiry',
      text: '门窗型材800支多少钱？含税',
      cls: 'regular',
    },
    {
      label: 'RFQ is never temporary',
      channel: 'rfq',
      intent: 'inquiry',
      text: '询价单号：LA-XJ-2026-0629，门窗型材800支',
      cls: 'regular',
    },
  ];
  it.each(cases)('$label → $cls', async ({ channel, intent, text, cls }) => {
    const c = await classify(
      text,
      { intent: intent ?? 'order', items: [item], delivery: '2026-03-20' },
      { channel },
    );
    expect(c.class).toBe(cls);
  });

  it('a special reason wins over the missing written basis', async () => {
    const text = '门窗型材一万三千五百支，二十天之内到工地。合同回头再说。';
    const c = await classify(
      text,
      { items: [{ product: '门窗型材', code: 'AL-101', qty: 13500, unit: '支' }], delivery: '2026-03-22' },
      { channel: 'phone_transcript' },
    );
    expect(c.class).toBe('special');
    expect(codes(c)).toEqual(['large_urgent_order']);
  });
});

describe('messages without order content', () => {
  it('a pure complaint has no class', async () => {
    const text = `质量投诉：贵司交付的控制臂支架（订单HC-PO-2602-0178）有划伤，请5个工作日内提交8D报告并派人现场挑选。`;
    const c = await classify(text, {
      intent: 'complaint',
      items: [{ product: '控制臂支架', code: 'MP-202', qty: 5000, unit: '件' }],
    });
    expect(c).toMatchObject({ class: null, reasons: [], reviewRouting: null });
  });

  it('a complaint that sets inspection terms for the remaining deliveries takes the order class', async () => {
    const text =
      '投诉：订单号PR-PO-2606-118的制动卡钳壳体气孔超标。该订单剩余未交付的4200件，出货前须100%全检，不良品7月17日前补货。';
    const c = await classify(text, {
      intent: 'complaint',
      items: [{ product: '制动卡钳壳体', code: 'MP-211', qty: 1800, unit: '件' }],
      delivery: '2026-03-17',
    });
    expect(c.class).toBe('special');
    expect(codes(c)).toEqual(['customer_special_requirement']);
  });

  it('a message that says it is not about an order has no class, whatever its intent', async () => {
    const text = '电机壳体的水道气密能否做到0.3MPa？以上问题暂不涉及订单，仅用于方案评估。';
    const c = await classify(text, { intent: 'change', items: [{ product: '电机壳体', code: null }] });
    expect(c.class).toBeNull();
  });

  it('a thank-you note that asks for a quote is an inquiry (regular, never temporary)', async () => {
    const text = '感谢贵司今年的支持！明年拟继续采购控制臂支架，年用量24,000件，请按年度量报含税单价。';
    const c = await classify(text, {
      intent: 'feedback',
      items: [{ product: '控制臂支架', code: 'MP-202', qty: 24000, unit: '件' }],
    });
    expect(c.class).toBe('regular');
  });

  it.each(['technical', 'feedback'] as const)('%s messages have no class', async (intent) => {
    const text = '想确认一下，若粗糙度改为Ra0.4工艺上是否可行？暂不涉及订单。';
    const c = await classify(text, { intent, items: [{ product: '电子水泵壳体', code: 'MP-241' }] });
    expect(c.class).toBeNull();
  });
});

describe('routing and applying the classification', () => {
  it('routes special to a review meeting with the departments each reason needs', async () => {
    const text = `${PO}\n电子水泵壳体 8000件。平面度0.01mm；表面处理须在我司指定的武汉华阳表面处理有限公司进行；逾期按每日千分之五支付违约金。`;
    const c = await classify(text, {
      items: [{ product: '电子水泵壳体', code: 'MP-241', qty: 8000, unit: '件' }],
      delivery: '2026-04-16',
      requirements: ['平面度0.01mm', '我司指定的武汉华阳表面处理有限公司', '交货地点：常州'],
    });
    expect(c.reviewRouting?.mode).toBe('meeting');
    expect(c.reviewRouting?.departments).toEqual(
      expect.arrayContaining(['sales', 'technical', 'purchasing', 'finance']),
    );
    const applied = applyClassification(
      analysis(text, {
        requirements: ['平面度0.01mm', '我司指定的武汉华阳表面处理有限公司', '交货地点：常州'],
      }),
      c,
    );
    expect(applied.contract.class).toBe('special');
    expect(applied.contract.reasons.map((r) => r.code).sort()).toEqual([
      'customer_special_requirement',
      'precision_above_standard',
    ]);
    expect(applied.requirements.map((r) => [r.special, r.specialRule ?? null])).toEqual([
      [true, 'special.precision_above_standard'],
      [true, 'special.customer_special_requirement'],
      [false, null],
    ]);
  });

  it('routes temporary to sales + production planning and regular to countersigning', async () => {
    const item: ItemSpec = { product: '门窗型材', code: 'AL-101', qty: 800, unit: '支' };
    const temp = await classify(
      '门窗型材800支，周五前送到。',
      { items: [item], delivery: '2026-03-06' },
      { channel: 'wechat' },
    );
    expect(temp.reviewRouting).toEqual({ mode: 'sales_planner', departments: ['sales', 'production'] });
    expect(temp.temporaryBasis?.explanation).toContain('wechat');
    const reg = await classify(`${PO}：门窗型材800支。`, { items: [item], delivery: '2026-03-06' });
    expect(reg.reviewRouting).toEqual({ mode: 'countersign', departments: ['sales'] });
  });
});
