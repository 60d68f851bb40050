import { describe, expect, it } from 'vitest';
import { computeFacts, daysBetween } from '../../src/rules/index.js';
import { analysis, ctx } from './helpers.js';

describe('computeFacts', () => {
  it('quotes its evidence from the original text, including traditional Chinese', () => {
    const text = '採購訂單 PO號：YC-PO-2026-118\n控制臂支架 6,500件；逾期交貨每日按千分之三支付違約金。';
    const f = computeFacts(
      analysis(text, { items: [{ product: '控制臂支架', code: 'MP-202', qty: 6500, unit: '件' }] }),
      text,
      ctx(),
    );
    expect(f.values.penaltyClause).toBe(true);
    const ev = f.evidence.penaltyClause?.[0];
    expect(ev && text.slice(ev.start, ev.end)).toContain('違約金');
    expect(f.values.hasWrittenBasis).toBe(true);
  });

  it('leaves facts it cannot compute undefined rather than false', () => {
    const text = '想问一下贵司有没有散热器型材。';
    const f = computeFacts(analysis(text, { intent: 'inquiry', customer: null }), text, ctx());
    expect(f.values.deliveryDays).toBeUndefined();
    expect(f.values.totalWeightTonnes).toBeUndefined();
    expect(f.values.isNewCustomer).toBeUndefined();
    expect(f.values.extrusionToleranceMm).toBeNull();
  });

  it('reports per-item catalogue match, grade and weight contribution', () => {
    const text = '制动主缸缸体 2000件，新阀体 50件';
    const f = computeFacts(
      analysis(text, {
        items: [
          { product: '制动主缸缸体', code: 'MP-212', qty: 2000, unit: '件' },
          { product: '新阀体', code: null, qty: 50, unit: '件' },
        ],
      }),
      text,
      ctx(),
    );
    expect(f.items.map((i) => [i.catalogCode, i.precisionGrade, i.tonnes])).toEqual([
      ['MP-212', '超高精级', 1.64],
      [null, null, null],
    ]);
  });

  it.each([
    ['框架合同，L A 杠 K J 杠二零二五杠零八那个，再叫两千米', true],
    ['PO H H 二零二六零三八八，第四批改到五月二十二号', true],
    ['按框架合同 J T K J 二零二六零零三走，十八寸毛坯三千五百件', true],
    ['端盖，D G 杠 A 三八零杠一八零，三千五百件，电话里说定了', false],
    ['S R 一二零那个再要三千公斤', false],
  ])('reads an order number spelled out in a call (%s) as a written basis: %s', (said, written) => {
    const text = `客户：喂，我恒驰的老孙。${said}。`;
    const f = computeFacts(analysis(text), text, ctx({ channel: 'phone_transcript' }));
    expect(f.values.hasWrittenBasis).toBe(written);
  });

  it.each([
    ['CJ二六零二零一零七那个PO，控制臂支架五千件，上周四就该到了', true],
    ['JT杠二六零一杠零三九二这张单子第二批的边框，要取消掉', true],
    ['那个L，A，P，O，二六零七一零，零二那张单子，里面的工业方管取消掉吧', true],
    ['我们那个PO今天系统里已经发了，你查一下', true],
    ['HH-2026-0311第一批插片散热器2000件提前两天就发出来了', true],
    ['JTGF-2026-02合同第5条，光伏边框价格按上月现货均价', true],
    ['按合同约定，这批边框下周五前到', true],
    ['电机端盖三千五百件，电话里说定了，尽快安排', false],
  ])('finds the written basis of an order cited in passing (%s): %s', (said, written) => {
    const text = `客户：${said}。`;
    const f = computeFacts(analysis(text), text, ctx({ channel: 'phone_transcript' }));
    expect(f.values.hasWrittenBasis).toBe(written);
  });

  it.each([
    ['每件须做100%气密性检测并在零件上打标识', 'fullInspection', true],
    ['焊缝100%气密检测，平面度≤0.2', 'fullInspection', true],
    ['每件附关键尺寸检测数据', 'fullInspection', false],
    ['包装：使用我司提供的恒驰周转箱，空箱随车返回', 'specialPackaging', true],
    ['包装由纸箱改为可循环塑料周转箱KLT 6429，每箱60件', 'specialPackaging', true],
    ['我们希望改为可回收塑料周转箱', 'specialPackaging', false],
    ['合同里加了条款，晚一天罚五千', 'penaltyClause', true],
    ['工地延一天他们就罚总包', 'penaltyClause', false],
    ['表面处理找恒亮，恒亮是我们指定的', 'designatedSubSupplier', true],
  ] as const)('reads the special term in "%s" (%s: %s)', (said, fact, expected) => {
    const text = `订单号PO-2026-0101，控制臂支架1000件。${said}。`;
    const f = computeFacts(
      analysis(text, { items: [{ product: '控制臂支架', code: 'MP-202', qty: 1000, unit: '件' }] }),
      text,
      ctx(),
    );
    expect(f.values[fact]).toBe(expected);
  });

  it.each([
    '如果下半年量提到每月1.2万件，单价能给到多少？',
    '请帮忙报一下黑色氧化后的含税单价（元/kg）。',
    '改成我们自己派车拉货，价格能便宜多少？',
  ])('takes a price question as an inquiry, never a temporary order: %s', (text) => {
    const f = computeFacts(analysis(text, { intent: 'inquiry' }), text, ctx({ channel: 'wechat' }));
    expect(f.values.isInquiry).toBe(true);
  });

  it.each([
    ['每件用单独防锈袋包装', 'specialPackaging'],
    ['单支泡沫盒包装，外箱防潮', 'specialPackaging'],
    ['继续使用我方提供的可回收塑料周转箱', 'specialPackaging'],
    ['周转料架由甲方提供，用后返还', 'specialPackaging'],
    ['passivated parts, one VCI bag per part', 'specialPackaging'],
    ['焊缝需100%氦检漏', 'fullInspection'],
    ['毛坯逐件X光探伤，执行ASTM E155', 'fullInspection'],
    ['100% X-ray inspection of every casting', 'fullInspection'],
    ['阳极氧化由东莞长安明辉氧化厂加工', 'designatedSubSupplier'],
    ['喷涂指定用厦门一家喷涂厂', 'designatedSubSupplier'],
    ['每延期一天扣该批货款1%', 'penaltyClause'],
    ['晚一天扣货款千分之五', 'penaltyClause'],
    ['late delivery: an LD of 0.5%/day on the order value', 'penaltyClause'],
    ['价格、延迟扣款条款按原合同执行', 'penaltyClause'],
  ])('reads the special term in %s as %s', (clause, fact) => {
    const text = `PO号：KT-PO-2026-0311\n托盘边框 BT01 800支，单价620元。${clause}。`;
    const f = computeFacts(
      analysis(text, { items: [{ product: '托盘边框', code: 'AL-131', qty: 800, unit: '支' }] }),
      text,
      ctx(),
    );
    expect(f.values[fact]).toBe(true);
  });

  it.each([
    ['每箱50件，托盘包装', 'specialPackaging'],
    ['装箱单随货同行，外箱贴标签', 'specialPackaging'],
    ['出货前抽检20件并附检测报告', 'fullInspection'],
    ['运输由我司指定的物流公司负责', 'designatedSubSupplier'],
  ])('reads no special term in %s (%s)', (clause, fact) => {
    const text = `PO号：KT-PO-2026-0311\n托盘边框 BT01 800支。${clause}。`;
    const f = computeFacts(
      analysis(text, { items: [{ product: '托盘边框', code: 'AL-131', qty: 800, unit: '支' }] }),
      text,
      ctx(),
    );
    expect(f.values[fact]).toBe(false);
  });

  it.each([
    ['缺的120件明天上午10点前必须补到3号门，否则停线损失全部算你们的。', true],
    ['不合格品全部退回，5天内补齐1,200支合格品。', true],
    ['那三百公斤你们要重新做，下个月五号之前补返给我。', true],
    ['后天之前把四零四零给我换过来，三零三零你们自己拉走。', true],
    ['剩余2,700kg须于3月3日前全部到货。', true],
    ['本合同剩余各批次出货前100%全检长度，附全检记录。', true],
    ['以后每批出货前拍几张颜色对比照片发给我确认。', true],
    ['We require replacement of the 412 pcs by air freight at your cost.', true],
    // Documents, or goods already delivered and held: no order.
    ['请三天内补交8D报告及原因分析。', false],
    ['在原因明确前该批暂停使用，剩余约4,800kg在我司隔离存放。', false],
    ['请于7月31日前书面回复原因分析。', false],
  ])('a complaint saying %s carries order content: %s', (sentence, order) => {
    const text = `你们上周到的那批型材有划伤，我们很不满意。${sentence}`;
    const f = computeFacts(analysis(text, { intent: 'complaint' }), text, ctx());
    expect(f.values.hasOrderContent).toBe(order);
  });

  it.each([
    ['2026-03-02', '2026-04-01', 30],
    ['2026-03-02', '2026-04-02', 31],
    ['2026-12-30', '2027-01-02', 3],
    ['2026-03-02', null, undefined],
  ])('days from %s to %s = %s', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe('robustness to analysis gaps', () => {
  it('recognises a catalogue item by its model when the analysis left the code empty', () => {
    const text = '托盘边框BT01先来800支';
    const result = analysis(text, { items: [{ product: '托盘边框', code: null, qty: 800, unit: '支' }] });
    result.items[0] = { ...(result.items[0] as (typeof result.items)[number]), model: 'BT01' };
    const f = computeFacts(result, text, ctx());
    expect(f.values.isNewProduct).toBe(false);
    expect(f.values.totalWeightTonnes).toBeCloseTo(14.88, 3);
  });

  it('does not take the supplier itself for a new customer', () => {
    const text = '华锐精密部件有限公司 销售部：控制臂支架500件';
    const f = computeFacts(
      analysis(text, { customer: '华锐精密部件有限公司', known: false }),
      text,
      ctx({ ownCompanyNames: ['华锐精密部件有限公司', '华锐'] }),
    );
    expect(f.values.isNewCustomer).toBeUndefined();
  });

  it('finds a listed customer written in the text when the analysis named none', () => {
    const text = '我粤华的老黄啊，门窗料再要八百支';
    const f = computeFacts(analysis(text, { customer: null }), text, ctx());
    expect(f.values.isNewCustomer).toBe(false);
  });
});
