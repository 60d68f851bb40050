import { describe, expect, it } from 'vitest';
import { INTENTS, type Intent, SENTIMENTS, type Sentiment } from '../result.js';
import {
  classifyIntent,
  classifySentiment,
  jiebaTokenize,
  predictIntent,
  predictSentiment,
  trainIntentModel,
  trainSentimentModel,
} from './index.js';

// Messages written for this test only; none of them is in data-train/ or the dev corpus.
const INTENT_CASES: [Intent, string][] = [
  [
    'order',
    '主题：采购订单 NB-PO-2611-204\n\n王经理：附件为我司11月采购订单，电机端盖1800件，单价91元含税，12月8日前送苏州吴中工厂，请确认。',
  ],
  ['order', '[恒通-采购 小钱] 09:40\n行李架型材再给我来600支 价格照旧\n下周二前送到就行 单子我下午补'],
  [
    'inquiry',
    '询价单\n询价编号：KL-RFQ-2026-118\n致华锐：我司拟采购6061-T6挤压方管约40吨，请报含税到厂价、交货周期及付款条件，12月1日前回复。',
  ],
  [
    'inquiry',
    'Hello, could you quote 3,000 pcs of the water pump housing HR-SB-6061-11? Please include tooling cost and lead time.',
  ],
  [
    'change',
    '关于订单 GX-PO-2609-031 的变更：转向节数量由2500件调整为2000件，交货日期由10月15日改为10月30日，其余条款不变，请回签。',
  ],
  [
    'complaint',
    '质量投诉：贵司10月5日到货的减速器壳体，我司机加后发现砂眼缩孔，不良率6%，已全部隔离。请3天内提交8D，挑选费用由贵司承担。',
  ],
  [
    'technical',
    '张工您好，想咨询一下：电池托盘型材焊接后热影响区强度下降大概多少？贵司有没有推荐的焊丝牌号？目前只是设计阶段评估。',
  ],
  [
    'delivery_status',
    '[启明-物流 阿芳] 15:12\n李经理 PO-2610-088那批防撞梁发车了吗\n麻烦把物流单号发我 我们仓库好排卸货',
  ],
  [
    'cancellation',
    '致华锐精密：因整车项目终止，我司决定撤销订单 QM-PO-2608-019（吸能盒4000件），请立即停止生产，已产生的费用请列清单给我们核对。',
  ],
  [
    'feedback',
    '刘经理，年度评审结果出来了，贵司交付准时率和来料合格率都是全供应商第一，我们采购部一致推荐贵司为战略供应商，感谢一年来的支持！',
  ],
  [
    'sample',
    '陈经理好，我们在做一个新的电控支架项目，想请贵司按附图先做8件样件做振动试验，样件费我们承担，月底前寄到我司研发中心。',
  ],
];

const SENTIMENT_CASES: [Sentiment, string][] = [
  [
    'neutral',
    '主题：订单 HX-PO-2612-007\n\n您好，请按附件订单安排生产，电机壳体300件，12月20日前交货。谢谢！',
  ],
  ['neutral', '急！！产线明天要用，请今天务必把那500支横梁发出，到货后我们马上付款。'],
  ['neutral', '想了解一下散热器型材阳极氧化后的膜厚范围，以及盐雾试验能做到多少小时。'],
  [
    'negative',
    '你们这个月第三次交货延误了，生产线已经停了两次，如果下周还不能改善，我们将扣除货款并重新评估合作。',
  ],
  ['negative', '[宏达-采购 老周] 10:02\n到底什么时候能到？？说了三天了还没发😡 再这样真的要换供应商了'],
  ['negative', '这批转向节的表面划伤太严重了，根本没法装车，我们很失望，所有损失要求贵司赔偿。'],
  ['positive', '王经理，这次你们团队加班加点提前一周交付，质量也非常好，我们领导特别满意，真心感谢！👍'],
  [
    'positive',
    '感谢贵司全年的大力支持，产品质量稳定、服务响应及时，特致此函表示衷心感谢，期待明年继续合作。',
  ],
];

describe('shipped intent model', () => {
  it.each(INTENT_CASES)('recognises %s', (intent, text) => {
    const result = classifyIntent(text);
    expect(result.label).toBe(intent);
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('reads traditional characters like simplified ones', () => {
    expect(classifyIntent('您好，敝司擬採購電機殼體兩千件，煩請報價並告知交期，謝謝。').label).toBe(
      'inquiry',
    );
  });
});

describe('shipped sentiment model', () => {
  it.each(SENTIMENT_CASES)('hears a %s tone', (sentiment, text) => {
    const result = classifySentiment(text);
    expect(result.label).toBe(sentiment);
    expect(result.score).toBeGreaterThanOrEqual(-1);
    expect(result.score).toBeLessThanOrEqual(1);
  });

  it('scores negative messages below positive ones', () => {
    const neg = classifySentiment(SENTIMENT_CASES.find(([s]) => s === 'negative')![1]).score;
    const pos = classifySentiment(SENTIMENT_CASES.find(([s]) => s === 'positive')![1]).score;
    expect(neg).toBeLessThan(0);
    expect(pos).toBeGreaterThan(0);
  });
});

describe('robustness', () => {
  const odd = [
    '',
    '   \n\t ',
    '😀😡👍🙏',
    '\u0000\u0001\u200b',
    '\ud800 lone surrogate \udfff',
    '？？？！！！',
    'a'.repeat(100_000),
    '订单'.repeat(50_000),
  ];
  it.each(odd.map((s) => [s.slice(0, 12), s]))('never throws on %j', (_, text) => {
    const intent = classifyIntent(text);
    const sentiment = classifySentiment(text);
    expect(INTENTS).toContain(intent.label);
    expect(SENTIMENTS).toContain(sentiment.label);
    expect(intent.confidence).toBeGreaterThanOrEqual(0);
    expect(intent.confidence).toBeLessThanOrEqual(1);
    expect(sentiment.score).toBeGreaterThanOrEqual(-1);
    expect(sentiment.score).toBeLessThanOrEqual(1);
  });
});

describe('training', () => {
  const intentData = [
    { text: '请报价 铝型材 一千支 多少钱', label: 'inquiry' as const },
    { text: '询价：控制臂支架的含税价格是多少', label: 'inquiry' as const },
    { text: '采购订单：电机壳体五百件，请安排发货', label: 'order' as const },
    { text: '下单：防撞梁两千件，月底前送到', label: 'order' as const },
    { text: '取消订单，不要了，请停止生产', label: 'cancellation' as const },
    { text: '订单作废，取消采购，请停止备料', label: 'cancellation' as const },
  ];
  const sentimentData = [
    { text: '非常满意，感谢你们的优秀服务', label: 'positive' as const },
    { text: '质量很好，表扬你们的团队', label: 'positive' as const },
    { text: '太失望了，再这样就索赔', label: 'negative' as const },
    { text: '质量太差，我们要投诉并扣款', label: 'negative' as const },
    { text: '请于周五前发货，数量一千件', label: 'neutral' as const },
    { text: '附件是订单，请确认交期', label: 'neutral' as const },
  ];

  it('is deterministic', () => {
    const a = trainIntentModel(intentData, jiebaTokenize);
    const b = trainIntentModel(intentData, jiebaTokenize);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('learns from the data it is given (pure predict with an explicit model)', () => {
    const intentModel = trainIntentModel(intentData, jiebaTokenize);
    expect(predictIntent(intentModel, '麻烦报个价，铝型材多少钱一支', jiebaTokenize).label).toBe('inquiry');
    expect(predictIntent(intentModel, '这个订单我们取消了，停止生产', jiebaTokenize).label).toBe(
      'cancellation',
    );
    const sentimentModel = trainSentimentModel(sentimentData, jiebaTokenize);
    expect(predictSentiment(sentimentModel, '我们非常满意，感谢团队', jiebaTokenize).label).toBe('positive');
    expect(predictSentiment(sentimentModel, '太失望了，要索赔', jiebaTokenize).label).toBe('negative');
  });
});
