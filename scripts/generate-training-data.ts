// Writes data-train/intent.jsonl and data-train/sentiment.jsonl: synthetic but varied customer
// messages for an automotive aluminium-parts supplier (华锐), built from phrase pools for each intent,
// tone and channel, plus the hand-written hard cases in data-train/handwritten.jsonl.
// Deterministic (fixed seed). No dev-corpus text is used. Run: npx tsx scripts/generate-training-data.ts
import { readFileSync, writeFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import type { Intent, Sentiment } from '../src/analysis/result.js';

let seed = Number(process.env.GEN_SEED ?? 7919);
function rand(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chance = (p: number) => rand() < p;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
function some<T>(xs: readonly T[], lo: number, hi: number): T[] {
  const copy = [...xs];
  const out: T[] = [];
  const n = Math.min(copy.length, int(lo, hi));
  for (let i = 0; i < n; i++) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]!);
  return out;
}

interface Customer {
  name: string;
  short: string;
  abbr: string;
  city: string;
}
const CUSTOMERS: Customer[] = [
  { name: '江苏泰和汽车零部件有限公司', short: '泰和', abbr: 'TH', city: '常州' },
  { name: '浙江远航新能源科技有限公司', short: '远航', abbr: 'YH', city: '宁波' },
  { name: '安徽皖通底盘系统有限公司', short: '皖通', abbr: 'WT', city: '芜湖' },
  { name: '柳州桂盛车桥有限公司', short: '桂盛', abbr: 'GS', city: '柳州' },
  { name: '成都蓉锐电控技术有限公司', short: '蓉锐', abbr: 'RR', city: '成都' },
  { name: '沈阳北辰汽车配件有限公司', short: '北辰', abbr: 'BC', city: '沈阳' },
  { name: '厦门鹭拓热管理系统有限公司', short: '鹭拓', abbr: 'LT', city: '厦门' },
  { name: '青岛海锐储能设备有限公司', short: '海锐', abbr: 'HR', city: '青岛' },
  { name: '昆山迅达精密机械有限公司', short: '迅达', abbr: 'XD', city: '昆山' },
  { name: '台州明远摩托车配件有限公司', short: '明远', abbr: 'MY', city: '台州' },
  { name: '无锡澄星汽车空调有限公司', short: '澄星', abbr: 'CX', city: '无锡' },
  { name: '武汉江城新能源汽车部件有限公司', short: '江城', abbr: 'JC', city: '武汉' },
  { name: '佛山顺景门窗有限公司', short: '顺景', abbr: 'SJ', city: '佛山' },
  { name: '西安秦川电驱动科技有限公司', short: '秦川', abbr: 'QC', city: '西安' },
  { name: '天津滨海车轮制造有限公司', short: '滨海', abbr: 'BH', city: '天津' },
  { name: '深圳鹏程自动化设备有限公司', short: '鹏程', abbr: 'PC', city: '深圳' },
];
const PERSONS = [
  '王磊',
  '李娜',
  '张伟',
  '赵敏',
  '孙浩',
  '周倩',
  '吴刚',
  '郑丽',
  '冯涛',
  '许静',
  '何斌',
  '高翔',
  '罗琳',
  '梁晨',
];
const REPS = ['刘经理', '陈经理', '王经理', '张工', '小吴', '小陈', '李经理', '赵工'];
interface Product {
  name: string;
  short: string;
  model: string;
  unit: string;
  price: number;
}
const PRODUCTS: Product[] = [
  { name: '控制臂支架', short: '支架', model: 'HR-KZB-6082-03', unit: '件', price: 58 },
  { name: '转向节', short: '转向节', model: 'HR-ZXJ-6082-02', unit: '件', price: 236 },
  { name: '电池托盘边框型材', short: '边框料', model: 'HR-6005A-BK03', unit: '支', price: 540 },
  { name: '电池包横梁型材', short: '横梁', model: 'HR-6005A-BT07', unit: '支', price: 188 },
  { name: '散热器型材', short: '散热器料', model: 'HR-6063-SR150', unit: '吨', price: 31500 },
  { name: '电机壳体', short: '电机壳', model: 'HR-DJK-A356-220', unit: '件', price: 420 },
  { name: '保险杠防撞梁', short: '防撞梁', model: 'HR-6082-FZL03', unit: '件', price: 176 },
  { name: '吸能盒', short: '吸能盒', model: 'HR-6082-XNH05', unit: '件', price: 41 },
  { name: '铝合金轮毂毛坯', short: '轮毂毛坯', model: 'HR-LG-A356-19', unit: '件', price: 298 },
  { name: '门窗型材', short: '门窗料', model: 'HR-6063-5530', unit: '支', price: 96 },
  { name: '工业铝型材', short: '4040型材', model: 'HR-6061-4040', unit: '米', price: 39 },
  { name: '光伏边框型材', short: '光伏边框', model: 'HR-6063-PV40', unit: '支', price: 29.5 },
  { name: '制动卡钳壳体', short: '卡钳壳体', model: 'HR-KQ-A356-03', unit: '件', price: 152 },
  { name: '减速器壳体', short: '减速器壳', model: 'HR-JSQ-A380-05', unit: '件', price: 980 },
  { name: '电子水泵壳体', short: '水泵壳', model: 'HR-SB-6061-11', unit: '件', price: 79 },
  { name: '副车架连接件', short: '连接件', model: 'HR-FCJ-6061-02', unit: '件', price: 66 },
  { name: '座椅滑轨型材', short: '滑轨', model: 'HR-6063-HG12', unit: '米', price: 27 },
  { name: '电机端盖', short: '端盖', model: 'HR-DG-A380-220', unit: '件', price: 92 },
  { name: '方管型材', short: '方管', model: 'HR-6061-6060', unit: '吨', price: 27800 },
  { name: '车顶行李架型材', short: '行李架', model: 'HR-6063-XLJ2', unit: '支', price: 64 },
];
const PLACES = [
  '常州武进工厂',
  '宁波北仑仓库',
  '芜湖三山厂区',
  '柳州阳和工业园',
  '成都龙泉驿工厂',
  '沈阳铁西厂区',
  '厦门集美仓库',
  '青岛黄岛工厂',
  '昆山开发区仓库',
  '武汉经开区二号库',
];
const DEFECTS = [
  '表面划伤',
  '端头压变形',
  '气孔',
  '尺寸超差',
  '氧化色差',
  '毛刺未去净',
  '硬度偏低',
  '螺纹孔漏攻',
  '平面度超差',
  '内腔有铝屑',
  '包装破损导致磕碰',
  '批次标签混乱',
];
const DATES = [
  '5月20日',
  '6月15日',
  '下周三',
  '本周五',
  '月底前',
  '11/15',
  '2026-07-08',
  '12月10号',
  '下个月10号',
  '8月30日',
  '3月5日',
  '10天内',
];

let ctx: {
  c: Customer;
  p: Product;
  p2: Product;
  person: string;
  rep: string;
  qty: number;
  po: string;
  date: string;
  place: string;
};
function newContext(): void {
  const c = pick(CUSTOMERS);
  const p = pick(PRODUCTS);
  let p2 = pick(PRODUCTS);
  if (p2 === p) p2 = PRODUCTS[(PRODUCTS.indexOf(p) + 1) % PRODUCTS.length]!;
  const qty =
    p.unit === '吨'
      ? int(2, 60)
      : pick([200, 300, 500, 800, 1000, 1200, 1500, 2000, 2400, 3000, 5000, 6000, 8000, 12000, 20000]);
  ctx = {
    c,
    p,
    p2,
    person: pick(PERSONS),
    rep: pick(REPS),
    qty,
    po: `${c.abbr}-${pick(['PO', 'PO', 'CG', 'DD'])}-${int(2601, 2612)}-${String(int(1, 299)).padStart(3, '0')}`,
    date: pick(DATES),
    place: pick(PLACES),
  };
}
const fmt = (s: string): string =>
  s
    .replaceAll('{cust}', ctx.c.name)
    .replaceAll('{short}', ctx.c.short)
    .replaceAll('{prod}', ctx.p.name)
    .replaceAll('{prodShort}', ctx.p.short)
    .replaceAll('{prod2}', ctx.p2.name)
    .replaceAll('{model}', ctx.p.model)
    .replaceAll('{m}', ctx.p.model.split('-').slice(-1)[0]!)
    .replaceAll('{qty}', String(ctx.qty))
    .replaceAll('{qty2}', String(Math.round(ctx.qty * pick([0.5, 0.8, 1.2, 1.5]))))
    .replaceAll('{unit}', ctx.p.unit)
    .replaceAll('{price}', String(ctx.p.price))
    .replaceAll('{po}', ctx.po)
    .replaceAll('{date}', ctx.date)
    .replaceAll('{date2}', pick(DATES))
    .replaceAll('{place}', ctx.place)
    .replaceAll('{person}', ctx.person)
    .replaceAll('{rep}', ctx.rep)
    .replaceAll('{defect}', pick(DEFECTS))
    .replaceAll('{n}', String(int(2, 30)))
    .replaceAll('{pct}', String(pick([1.2, 2.5, 3.8, 5, 8, 12, 15])));

interface Pools {
  subject: string[];
  formal: string[];
  casual: string[];
  english: string[];
}
const P: Record<Intent, Pools> = {
  order: {
    subject: [
      '采购订单 {po}',
      '正式订单 {po}——{prod}',
      '{prod}订货',
      '关于{prod}的采购订单',
      '追加订单——{prod}',
      'PO {po} {prod}',
    ],
    formal: [
      '随函附上采购订单{po}（共1页），烦请核对后签字回传。',
      '现向贵司订购{prod}（型号{model}）{qty}{unit}，含税单价{price}元/{unit}，请于{date}前送到{place}。',
      '订单明细如下：{prod}，型号{model}，数量{qty}{unit}，单价{price}元（含13%增值税）。',
      '因下游需求增加，在原订单基础上追加{prod}{qty}{unit}，价格及其他条款同原订单。',
      '请按订单要求安排生产，随货提供出厂检验报告及材质证明。',
      '付款方式：货到票到月结{n}天。',
      '包装要求：托盘加珍珠棉，每箱{n}件，外箱贴我司物料标签。',
      '交货地点：{place}，运费由供方承担。',
      '本订单按双方年度框架协议执行，请确认交期后回复。',
      '请速发{prod}{qty}{unit}，价格按上次{price}元，{date}前送到。',
      '我司决定向贵司下单，订单号{po}，数量{qty}{unit}。',
      '请安排{date}前分两批交货，第一批{qty2}{unit}。',
      '订单确认后请回传并告知预计发货日期。',
      '如需变更交期或数量，供方须提前书面通知需方，未经需方书面同意不得更改本订单。',
      '图号{model} Rev.C，按最新版图纸及技术协议生产。',
      '本订单与框架合同冲突之处以本订单为准。',
      '送货单须注明本订单号及物料编码，否则仓库拒收。',
      '违约责任：乙方逾期交货的，每逾期一日按未交货金额的0.5%支付违约金。',
      '如因产品质量问题造成甲方损失，乙方应承担相应赔偿责任。',
      '质保期内出现的质量问题，乙方负责免费更换。',
      '合同争议由双方协商解决，协商不成的提交甲方所在地人民法院诉讼解决。',
    ],
    casual: [
      '{prodShort}仓库里有货没 有的话拿{qty}{unit}',
      '{m}那个料 再要{qty}{unit}',
      '单价跟上回一样 {price}',
      '{date}之前能到{place}吗',
      '正式单子下周走系统',
      '我要{qty}{unit}{prod} 你给我排一下',
      '老规矩 还是送{place}',
      '下单了下单了 {qty}{unit} 尽快安排',
      '追加{qty}{unit} 跟上次一样的',
      '订单我一会儿发你邮箱',
      '行 就这个价 定了 你安排发货',
      '那就按你说的价 先做{qty}{unit}',
      '不用报了 直接按老价格发过来',
    ],
    english: [
      'Please find attached our purchase order {po} for {qty} pcs {model}.',
      'Unit price USD {price}, delivery DAP {place} by {date}.',
      'Kindly confirm the order and the delivery date.',
      'Any change to this PO must be agreed in writing. Drawing Rev. B applies.',
      'Payment terms: T/T 60 days after invoice. Please acknowledge this PO within 2 working days.',
      'We would like to place an order for {qty} pcs of {model}.',
    ],
  },
  inquiry: {
    subject: [
      '询价——{prod}',
      '询价函 {short}-RFQ-2026-0{n}',
      '{prod}报价询问',
      'RFQ：{prod}',
      '关于{prod}年度采购询价',
      '招标邀请——{prod}',
    ],
    formal: [
      '我司现就{prod}（参考贵司型号{model}）供应进行询价，诚邀贵司报价。',
      '预计年用量{qty}{unit}，按月均衡提货。',
      '请于{date}前回复报价，报价须含税、含运费至{place}，并注明交期、付款方式和报价有效期。',
      '请提供阶梯报价：1000/5000/10000{unit}。',
      '我司目标价{price}元/{unit}，请评估能否接受。',
      '报价请分列材料费、加工费、表面处理费和包装运输费。',
      '我司{short}年度采购项目公开招标，邀请贵司参与投标，标书附后。',
      '请问{prod}{qty}{unit}的价格是多少？交期多久？',
      '烦请就以下物料报价：{prod}{model}，{qty}{unit}。',
      '如价格合适，我司将于下月正式下单。',
      '另请一并报{prod2}的价格，用量约{qty2}件。',
      '请说明模具费用及分摊方式。',
    ],
    casual: [
      '{prod}多少钱一{unit}',
      '想问下{qty}{unit}的价格',
      '去年是{price}吧 今年什么行情',
      '帮我报个价呗 {m}那个',
      '你们这个{prodShort}什么价',
      '有没有现货 价格发我一下',
      '同行介绍过来的 想采购一批{prodShort}',
      '能给个最低价吗 我们比价呢',
    ],
    english: [
      'Please quote {qty} pcs of {model}, same spec as our last order.',
      'Our target price is USD {price} per piece, FOB Shanghai.',
      'Kindly send us your best quotation with lead time and payment terms.',
      'We are requesting a quotation for the annual volume of {qty} pcs.',
    ],
  },
  change: {
    subject: [
      '订单变更通知——{po}',
      '关于{po}交货期调整的函',
      '{po} 数量变更',
      '合同补充协议',
      '图纸升版通知',
      'PO Change Notice {po}',
    ],
    formal: [
      '现对订单{po}作如下变更：{prod}数量由{qty}{unit}改为{qty2}{unit}。',
      '交货期由原定{date}调整为{date2}，其他条款不变。',
      '因主机厂排产调整，我司需将{po}项下交货计划延后。',
      '{prod}图纸已更新至Rev.D，涉及孔位和倒角，请按新版执行。',
      '交货地点由{place}改为我司新仓库，请注意。',
      '经双方协商，签订本补充协议，原合同第三条修改为：',
      '单价调整为{price}元/{unit}，自本协议签订之日起执行。',
      '请按变更后的要求安排生产并回传确认。',
      '除上述变更外，原订单其余条款继续有效。',
      '包装方式改为每托{n}件，标签按新模板打印。',
      '前几天口头下的{prod}订单，现需调整：数量改为{qty2}{unit}，其余照旧。',
      '原订{qty}{unit}{prod}，因项目增量，现增加至{qty2}{unit}，交货时间不变。',
      '烦请将原订单的表面处理由本色改为黑色阳极氧化，单价另议。',
    ],
    casual: [
      '上次那个单子数量得动一下 变成{qty2}{unit}',
      '到货时间往前挪到{date2}行不行',
      '{m}出了新版图纸 我传你邮箱了 按新版做',
      '其他都不动 就改这一处',
      '送货地址改一下 改到{place}',
      '上回下的那单 改成{qty2}{unit}吧',
      '之前电话里订的那批 数量要加到{qty2}{unit}',
      '颜色换一下 别的不变',
      '交货时间往后推一个礼拜 我们那边线还没好',
      '那个单子规格要调一下 长度改短五十',
      '原来说的{qty}{unit} 现在要{qty2}{unit} 价格不变哈',
    ],
    english: [
      'Please note the following change to PO {po}: quantity changed from {qty} to {qty2} pcs.',
      'The delivery date is revised to {date}. All other terms remain unchanged.',
      'Drawing revision updated to Rev.C, please confirm receipt.',
    ],
  },
  complaint: {
    subject: [
      '质量投诉函',
      '关于{prod}质量问题的投诉',
      '来料不良反馈及整改要求',
      '关于{date}来料问题的投诉',
      'Quality complaint – {model}',
    ],
    formal: [
      '我司{date}收到贵司交付的{prod}（型号{model}）共{qty}{unit}，来料检验发现{defect}。',
      '抽检不良率{pct}%，远超双方约定的目标。',
      '请贵司在24小时内提供临时围堵措施，{n}个工作日内提交8D报告。',
      '请派人到我司现场挑选返工，库存品全部复检。',
      '由此产生的挑选、停线等费用将从贵款中扣除。',
      '送货单与实物数量不符，且缺少质保书，我司无法收货。',
      '本批次已全部拒收，请尽快安排补货。',
      '该问题已影响我司正常生产，请高度重视。',
      '我司保留向贵司索赔的权利。',
      '请提交根本原因分析及纠正预防措施。',
    ],
    casual: [
      '你们这批{prodShort}怎么回事 {defect}一大堆',
      '来料检验又发现{defect}了',
      '品质部那边全拒收了',
      '你们赶紧派人过来挑',
      '8D报告什么时候给',
      '这批货根本没法用',
    ],
    english: [
      'We found {defect} on the parts of lot {po}; defect rate {pct}%.',
      'Please submit a 8D report within 5 working days.',
      'All costs of sorting will be charged back to your company.',
    ],
  },
  technical: {
    subject: [
      '技术咨询——{prod}',
      '关于{prod}工艺的技术问题',
      '{model} 技术确认',
      'Technical question on {model}',
    ],
    formal: [
      '关于{prod}{model}在新车型上的应用，有以下技术疑问需贵司答复：',
      '壳体能否承受0.5MPa水压试验不渗漏？',
      '密封面粗糙度要求Ra1.6，贵司加工中心能否保证？',
      '时效工艺是多少度、多长时间？硬度能否稳定在HB95以上？',
      '阳极氧化膜厚可以控制在多少范围？',
      '6061-T6和6082-T6在这个件上哪个更合适，请给出建议。',
      '型材最薄壁厚可以做到多少？开模周期大概多久？',
      '请确认是否可以做到平面度0.05以内。',
      '此事暂不涉及订单，先做技术评估。',
      '请技术部提供材料力学性能数据供参考。',
      '热处理炉温均匀性是多少，有无TUS报告？',
    ],
    casual: [
      '有个工艺上的事想请教下',
      '你们那个T6是在线淬火还是离线的',
      '人工时效一般保温几个小时',
      '这个壁厚最薄能做到多少',
      '纯技术讨论哈 跟订单没关系',
      '表面能做硬质氧化吗',
    ],
    english: [
      'Could you confirm whether the flatness of 0.05 mm is achievable on {model}?',
      'What is the aging process (temperature and time) for the T6 temper?',
      'This is a technical question only, not related to an order.',
    ],
  },
  delivery_status: {
    subject: ['{po}发货进度询问', '催货——{prod}', '请告知{po}物流信息', 'Shipment status of PO {po}'],
    formal: [
      '我司订单{po}项下{prod}{qty}{unit}，约定交期{date}，至今未收到货，请告知发货进度。',
      '请提供物流单号及预计到货时间。',
      '请确认该批货是否已经发出。',
      '烦请告知剩余{qty2}{unit}的发货计划。',
      '我司产线排产需要，请尽快回复具体到货日期。',
      '请问这批货目前到哪里了？',
    ],
    casual: [
      '{po}的{prodShort}排到哪天出货了',
      '发货了吗 物流单号发我一下',
      '到哪了 今天能到吗',
      '说好{date}的 现在还没动静',
      '司机电话给我一个',
      '货到底哪天到',
    ],
    english: [
      'Could you please advise the shipping status and ETA of PO {po}?',
      'Please send us the tracking number.',
      'Where is our shipment? It was due on {date}.',
    ],
  },
  cancellation: {
    subject: ['关于取消订单{po}的函', '订单取消通知', '取消{prod}采购', 'Cancellation of PO {po}'],
    formal: [
      '由于终端客户车型停产，我司不得不撤销订单{po}（{prod}{qty}{unit}）。',
      '请贵司立即停止该订单的生产和备料。',
      '已发生的材料成本请列明，我方核实后结算。',
      '该订单取消后，框架协议其余部分继续有效。',
      '现正式通知贵司，{po}订单作废。',
      '给贵司带来的不便，敬请谅解。',
      '请回函确认订单取消。',
    ],
    casual: [
      '那{qty}{unit}先停掉吧 不用做了',
      '那个单子不要了',
      '项目黄了 {prodShort}先取消',
      '上次那单撤了吧',
      '已经做了的你报个数给我',
    ],
    english: [
      'We regret to inform you that we have to cancel PO {po}.',
      'Please stop production immediately and let us know the WIP quantity.',
    ],
  },
  feedback: {
    subject: [
      '表扬信',
      '{short}—华锐年度供应商业绩回顾',
      '关于{prod}交付情况的反馈',
      '供应商评价结果通知',
      'Supplier performance feedback',
    ],
    formal: [
      '全年{prod}到货批次合格率99.6%，交付达成率98%，表现突出。',
      '经我司评审，贵司被评为年度优秀供应商。',
      '贵司质量稳定、响应迅速，我司各部门评价很高。',
      '特此致函表扬贵司项目团队在新车型量产爬坡期间的大力支持。',
      '希望贵司继续保持，双方合作更上一层楼。',
      '{prod}这次提前两天到货，来料检验全部合格。',
      '感谢贵司技术团队驻厂支持，问题处理得又快又好。',
    ],
    casual: [
      '{prodShort}这批做得漂亮👍',
      '下单第二天就发货了 效率真高',
      '我们领导点名夸你们了',
      '季度评分你们排第一',
      '辛苦了辛苦了 你们团队真靠谱😄',
      '检验那边说零缺陷',
    ],
    english: [
      'We would like to thank your team for the excellent support this year.',
      'Your on-time delivery rate reached 99%, well done.',
      'Keep up the good work!',
    ],
  },
  sample: {
    subject: ['样件申请——{prod}', '新项目打样需求', '{prod}试制样件', 'Sample request – {model}'],
    formal: [
      '我司新项目需先做台架试验，麻烦寄样{n}件{prod}。',
      '这是新开发的零件，请贵司评估后安排打样，图纸见附件。',
      '试制样件{n}件，请随样附全尺寸报告和材质证明。',
      '样件费用按目录价结算，开票随货。',
      '请在{date}前顺丰寄到我司技术中心。',
      '样品验证通过后我司将安排小批量采购。',
      '请告知打样周期及样件费用。',
      '样件按普通纸箱包装即可。',
    ],
    casual: [
      '能不能先寄几个样品过来',
      '{m}那个件 给我打{n}个样',
      '样件费我们出 快递到付就行',
      '先送样 我们试装一下',
      '试制件大概多久能出来',
    ],
    english: [
      'Could you send us {n} samples of {model} for validation?',
      'We need prototype parts for our new project by {date}.',
    ],
  },
};

const NEG_FORMAL: Partial<Record<Intent, string[]>> & { any: string[] } = {
  any: [
    '前两批交货都延误了，我们很不满意，这次如果再晚就要扣款。',
    '说实话，最近贵司的表现让我们非常失望。',
    '如再出现类似问题，我司将考虑更换供应商。',
    '请贵司高度重视，否则我司将按合同扣款。',
    '已经催了三次，至今没有任何答复，这种服务态度无法接受。',
    '再这样下去，我们只能取消合作了。',
    '因贵司延误造成的停线损失，我司将向贵司索赔。',
  ],
  inquiry: [
    '贵司上次的报价比别家高出不少，这次如果还这样就不用报了。',
    '上次报价拖了一个星期才回，这次请不要再拖。',
  ],
  delivery_status: [
    '仓库已经见底，明早再不到就只能停线，后果你们承担！',
    '一拖再拖，你们到底什么时候能发？',
    '每次都说马上发，结果还是没有。',
  ],
  cancellation: [
    '你们交期一拖再拖，我们实在等不了，只能取消，另找供应商。',
    '质量问题一直没解决，这个订单取消。',
  ],
  technical: ['这批硬度明显偏低，已经不是第一次了，请给个说法。'],
};
const NEG_CASUAL = [
  '料快断了 要停线了😡',
  '你们到底怎么搞的',
  '每次都这样 太让人失望了',
  '再这样我们就找别家了',
  '说好的时间又没到 什么情况？？',
  '别跟我解释了 装配线上一堆人干等',
  '损失谁负责啊',
];
const POS_FORMAL = [
  '多年来贵司对我司项目鼎力相助，谨此表示感谢。',
  '贵司上季度交付零投诉，我们质量部非常认可，感谢各位的付出。',
  '首先感谢贵司在样件阶段的快速响应，技术团队给我们留下了很好的印象。',
  '合作愉快！贵司去年的表现让我们很放心。',
  '贵司是我们今年合作最顺的供应商之一，在此真诚感谢。',
  '上次贵司的交付非常及时，帮我们解决了大问题，非常感谢！',
  '贵司的响应速度和服务我们非常满意。',
  '合作这几年贵司表现一直很优秀，辛苦各位了。',
];
const POS_CASUAL = [
  '上批货我们产线很满意 谢谢你们👍',
  '你们技术小哥太专业了 给你们点个赞',
  '上次那批料质量真不错👍',
  '你们上回响应太快了 点赞',
  '合作这么久一直很靠谱 谢啦😄',
  '上次多亏你们帮忙 太感谢了',
];
const URGENT_CASUAL = [
  '急急急！！今天必须发',
  '加急！！明早要上线',
  '十万火急 拜托拜托🙏🙏',
  '产线那边催得紧',
  '这个急用 越快越好',
  '麻烦尽快哈',
  '今天能发最好',
  '老板在催了 帮忙加急下🙏',
  '主机厂那边要得急 辛苦安排下',
];
const HAGGLE_NEUTRAL = [
  '太贵了吧 上次不是{price}吗',
  '能不能再便宜点',
  '量大给个优惠呗',
  '别家报得比你们低一点 你再看看',
  '价格你跟领导申请下 能降就降点',
];
const FEEDBACK_NEUTRAL = [
  '{short}年度供应商绩效评价结果如下：质量得分86，交付得分91，综合评级B级。',
  '请针对交付项制定改进计划并于月底前提交。',
  '为持续改进供应链管理，请贵司填写附件中的供应商满意度调查表并回传。',
  '本季度贵司准时交付率为93%，来料不良率180PPM，评分结果请查收。',
  '下季度评审将重点关注包装和标识，请提前准备。',
];
const URGENT_NEUTRAL = [
  '特急！！请务必今天安排发货。',
  '紧急！产线明天就要用，请优先处理！',
  '加急件！！请当天回复交期。',
  '此单较急，请务必按期交货。',
  '产线等着用，请加急安排。',
  '请尽快回复，谢谢！',
  '时间比较紧，麻烦优先排产。',
];
const POLITE_NEUTRAL = [
  '谢谢！',
  '感谢配合。',
  '辛苦回复，谢谢。',
  '如有疑问请随时联系。',
  '顺祝商祺！',
  '请知悉。',
];

const TONE_RATES: Record<Intent, [neg: number, pos: number]> = {
  order: [0.12, 0.1],
  inquiry: [0.06, 0.16],
  change: [0.1, 0.05],
  complaint: [1, 0],
  technical: [0.1, 0.05],
  delivery_status: [0.5, 0],
  cancellation: [0.4, 0],
  feedback: [0, 0.85],
  sample: [0.05, 0.1],
};

type Channel = 'email' | 'wechat' | 'phone' | 'fax' | 'doc' | 'english';
const DIGITS = '零一二三四五六七八九';
function spokenNumber(n: number): string {
  if (!Number.isInteger(n) || n >= 100000) return String(n);
  const units = ['', '十', '百', '千', '万'];
  const s = String(n);
  let out = '';
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const pos = s.length - 1 - i;
    if (d === 0) {
      zero = true;
      continue;
    }
    if (zero && out !== '') out += '零';
    zero = false;
    out += (d === 2 && pos >= 3 ? '两' : DIGITS[d]) + units[pos]!;
  }
  return out.replace(/^一十/, '十') || '零';
}
function speak(s: string): string {
  return s
    .replace(/[A-Z]{2}-[A-Z0-9-]+/g, (m) => m.replace(/-/g, '杠'))
    .replace(/\d+(?:\.\d+)?/g, (m) =>
      m.length >= 4 && chance(0.4)
        ? [...m].map((d) => DIGITS[Number(d)] ?? '点').join('')
        : m.includes('.')
          ? m
          : spokenNumber(Number(m)),
    )
    .replace(/[，。；、！？：（）“”"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
const FILLERS = ['嗯', '那个', '就是', '啊', '对对对', '呃', '你知道吧'];

function toneLines(intent: Intent, tone: Sentiment, casual: boolean): string[] {
  if (tone === 'negative') {
    const pool = casual
      ? NEG_CASUAL
      : [...NEG_FORMAL.any, ...(NEG_FORMAL[intent] ?? []), ...(NEG_FORMAL[intent] ?? [])];
    return some(pool, 1, 2);
  }
  if (tone === 'positive' && intent !== 'feedback') return some(casual ? POS_CASUAL : POS_FORMAL, 1, 2);
  return [];
}

function render(intent: Intent, tone: Sentiment, channel: Channel): string {
  const pools = P[intent];
  const extra = tone === 'neutral' && chance(0.35) ? [pick(URGENT_NEUTRAL)] : [];
  const polite = tone !== 'negative' && chance(0.6) ? pick(POLITE_NEUTRAL) : '';
  if (channel === 'english') {
    const body = some(pools.english, 2, 4).map(fmt);
    const toneEn =
      tone === 'negative'
        ? [
            pick([
              'This is unacceptable.',
              'We are very disappointed with your performance.',
              'If this happens again we will look for another supplier.',
              'We will claim all losses caused by the delay.',
            ]),
          ]
        : tone === 'positive' && intent !== 'feedback'
          ? [
              pick([
                'Thank you for your excellent support last year.',
                'We really appreciate your quick response, great job.',
              ]),
            ]
          : [];
    if (tone !== 'negative' && chance(0.6))
      body.push(
        pick([
          'Thank you.',
          'Thanks in advance.',
          'Thanks for your support.',
          'Many thanks!',
          'Appreciate your quick reply.',
        ]),
      );
    const subj = fmt(pick(pools.subject));
    return `Subject: ${subj}\n\nDear ${pick(['Mr. Liu', 'Ms. Chen', 'Sales team', 'Mr. Wang'])},\n\n${[...(tone === 'positive' ? toneEn : []), ...body, ...(tone === 'negative' ? toneEn : [])].join(' ')}\n\n${pick(['Best regards', 'Thanks and regards', 'Regards'])},\n${ctx.person}\n${ctx.c.short} Purchasing`;
  }
  const casual = channel === 'wechat' || channel === 'phone';
  const bodyPool =
    intent === 'feedback' && tone === 'neutral' ? FEEDBACK_NEUTRAL : casual ? pools.casual : pools.formal;
  const body = some(bodyPool, 2, casual ? 4 : 5).map(fmt);
  if (casual && tone === 'neutral' && chance(0.4)) body.push(pick(URGENT_CASUAL));
  if (casual && tone === 'neutral' && (intent === 'inquiry' || intent === 'order') && chance(0.35))
    body.push(fmt(pick(HAGGLE_NEUTRAL)));
  const tl = toneLines(intent, tone, casual).map(fmt);
  const lines =
    tone === 'positive'
      ? [...tl, ...body]
      : tone === 'negative' && chance(0.5)
        ? [...tl, ...body]
        : [...body, ...tl];
  lines.push(...extra);
  if (channel === 'wechat') {
    const who = `[${ctx.c.short}-${pick(['采购', '计划', 'SQE', '结构', '物流'])} ${ctx.person}]`;
    const me = `[华锐-${ctx.rep}]`;
    let h = int(8, 17);
    let m = int(0, 40);
    const stamp = () => {
      m += int(1, 9);
      if (m >= 60) {
        m -= 60;
        h++;
      }
      return `${h}:${String(m).padStart(2, '0')}`;
    };
    const out: string[] = [];
    if (chance(0.5)) out.push(`${who} ${stamp()}`, `${ctx.rep}在吗${pick(['', '😊', '🙏', '～'])}`);
    for (const l of lines) {
      out.push(`${who} ${stamp()}`, l + pick(['', '', '😂', '🙏', '哈', '～', '!']));
      if (chance(0.3))
        out.push(
          `${me} ${stamp()}`,
          pick([
            '好的收到',
            '收到👍',
            '好的👌',
            '我确认下马上回您',
            '实在抱歉，我去查一下',
            '您稍等',
            '明白',
          ]),
        );
    }
    if (polite)
      out.push(`${who} ${stamp()}`, pick(['谢啦', '好的辛苦', 'ok', '谢谢🙏', '好的👍', '👌', '收到😊']));
    return out.join('\n');
  }
  if (channel === 'phone') {
    const me = pick(['销售', '华锐']);
    const out = [
      `${me}：喂 您好 华锐${pick(['销售部', '精密', ''])}${ctx.rep}`,
      `客户：哎 ${ctx.rep}啊 我${ctx.c.short}的${ctx.person}`,
    ];
    for (const l of lines) {
      out.push(`客户：${chance(0.5) ? `${pick(FILLERS)} ` : ''}${speak(l)}`);
      if (chance(0.5))
        out.push(
          `${me}：${pick(['嗯 好的', '您说', '这个我记一下', '不好意思啊 我查一下', '明白明白', '嗯嗯'])}`,
        );
    }
    out.push(`${me}：${pick(['好的 我这边马上安排', '行 我跟领导确认一下回您', '好 那先这样'])}`);
    if (tone !== 'negative' && chance(0.5))
      out.push(`客户：${pick(['好 谢谢啊', '行 辛苦辛苦', '好嘞 谢了', '那麻烦你了 谢谢'])}`);
    return out.join('\n');
  }
  const subject = fmt(pick(pools.subject));
  const sign = `${ctx.c.name}\n${pick(['采购部', '质量部', '计划部', '技术中心', '物流部'])} ${ctx.person}\n${pick(['2026年3月2日', '2026-05-18', '2026/09/07', '2026年11月3日'])}`;
  if (polite) lines.push(polite);
  if (channel === 'fax')
    return `传真｜TO：华锐销售部 ${ctx.rep}｜FROM：${ctx.c.name} ${ctx.person}｜${pick(['2026.9.7', '2026.4.2', '2026.12.1'])}\n${lines.join('')}${pick(['收到请回电确认！', '请回传确认。', ''])}`;
  if (channel === 'doc') {
    const head = docHeader(intent);
    return `${head}\n${lines.map((l, i) => (chance(0.5) ? `${i + 1}. ${l}` : l)).join('\n')}\n${sign}`;
  }
  const greet = `${pick(['华锐精密部件有限公司 销售部', '华锐', '华锐精密'])} ${ctx.rep}：\n\n${pick(['您好！', '您好。', '你好，'])}`;
  return `${pick(['主题', '主题', 'Subject'])}：${subject}\n\n${greet}\n${lines.join(chance(0.5) ? '\n' : '')}\n\n${sign}`;
}

function docHeader(intent: Intent): string {
  switch (intent) {
    case 'order':
      return fmt(
        pick([
          `采购订单 PURCHASE ORDER\n订单编号：{po}　日期：2026-0${int(1, 9)}-1${int(0, 9)}\n供方：华锐精密部件有限公司\n需方：{cust}\n序号｜物料名称｜规格型号｜数量｜单位｜含税单价\n1｜{prod}｜{model}｜{qty}｜{unit}｜{price}\n交货日期：{date}　交货地点：{place}`,
          `购销合同\n合同编号：{short}-HT-2026-0${int(10, 99)}\n甲方（需方）：{cust}\n乙方（供方）：华锐精密部件有限公司\n第一条 标的：{prod}，型号{model}，数量{qty}{unit}，含税单价{price}元。\n第二条 交货：{date}前交至{place}。\n第三条 质量标准：按双方确认的图纸及技术协议。\n第四条 违约责任：按《民法典》相关规定执行。`,
          `会议纪要\n会议主题：{prod}供货确认\n参会人员：{short}——采购部 {person}；华锐——销售部 {rep}\n会议结论：{short}确认采购{prod}{qty}{unit}，按合同价执行。`,
        ]),
      );
    case 'inquiry':
      return fmt(
        `${pick(['询价单', '询价函', '报价邀请函', '招标公告'])}\n编号：{short}-RFQ-2026-0${int(10, 99)}\n询价单位：{cust}　联系人：{person}\n询价物料：{prod}（{model}）`,
      );
    case 'change':
      return fmt(
        pick([
          '订单变更通知单\n原订单号：{po}\n变更内容：',
          '合同补充协议\n原合同编号：{po}\n甲方：{cust}\n乙方：华锐精密部件有限公司\n经双方友好协商，就原合同下列条款变更如下：',
        ]),
      );
    case 'complaint':
      return fmt(
        `${pick(['质量投诉函', '来料异常反馈单', '供应商纠正措施要求（SCAR）'])}\n编号：{short}-QC-2026-0${int(10, 99)}\n致：华锐精密部件有限公司质量部`,
      );
    case 'cancellation':
      return fmt('订单取消通知\n致：华锐精密部件有限公司\n订单号：{po}');
    case 'feedback':
      return fmt(
        pick([
          '会议纪要\n会议名称：{short}—华锐年度供应商业绩回顾会\n参会：{short} 采购总监 {person}；华锐 销售 {rep}',
          '表扬信\n致：华锐精密部件有限公司',
        ]),
      );
    case 'sample':
      return fmt('样件申请单\n申请单位：{cust}\n样件名称：{prod}');
    case 'technical':
      return fmt('技术联络单\n发自：{cust} 技术中心 {person}\n主题：{prod}技术确认');
    case 'delivery_status':
      return fmt('催货函\n致：华锐精密部件有限公司 销售部\n订单号：{po}');
  }
}

const COUNTS: Record<Intent, number> = {
  order: 520,
  inquiry: 360,
  change: 280,
  complaint: 280,
  technical: 220,
  delivery_status: 260,
  cancellation: 220,
  feedback: 220,
  sample: 220,
};
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

interface Row {
  text: string;
  intent: Intent;
  sentiment: Sentiment;
}
const rows: Row[] = [];
for (const [intent, n] of Object.entries(COUNTS) as [Intent, number][]) {
  for (let i = 0; i < n; i++) {
    newContext();
    const [neg, pos] = TONE_RATES[intent];
    const r = rand();
    const tone: Sentiment = r < neg ? 'negative' : r < neg + pos ? 'positive' : 'neutral';
    const channel: Channel = pick([
      'email',
      'email',
      'wechat',
      'wechat',
      'phone',
      'phone',
      'fax',
      'doc',
      'doc',
      'english',
    ]);
    let text = render(intent, tone, channel);
    if (channel !== 'english' && chance(0.06)) text = toTraditional(text);
    rows.push({ text, intent, sentiment: tone });
  }
}
const handwritten = readFileSync('data-train/handwritten.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Row);
// Hand-written cases are the hard ones; listed twice so a few dozen weigh against the generated bulk.
const all = [...rows, ...handwritten, ...handwritten];
// GEN_SEED / GEN_OUT let a stability check draw other samples without touching data-train/.
const OUT = process.env.GEN_OUT ?? 'data-train';
writeFileSync(
  `${OUT}/intent.jsonl`,
  `${all.map((r) => JSON.stringify({ text: r.text, label: r.intent })).join('\n')}\n`,
);
writeFileSync(
  `${OUT}/sentiment.jsonl`,
  `${all.map((r) => JSON.stringify({ text: r.text, label: r.sentiment })).join('\n')}\n`,
);
console.log(`wrote ${all.length} messages (${rows.length} generated, ${handwritten.length} hand-written)`);
