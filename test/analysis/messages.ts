// Hand-written customer messages for the analysis tests (not taken from the dev corpus). The
// catalogue and customer list are small fictional ones of the same shape as the real data.
import type { Product } from '../../src/catalog/product.js';
import type { Customer } from '../../src/customers/customer.js';

export const catalog: Product[] = [
  {
    code: 'AL-201',
    name: '6063-T5推拉窗型材',
    model: 'HR-6063-7730',
    category: '建筑铝型材',
    precisionGrade: '普通级',
    unit: '支',
    unitWeightKg: 6.1,
    listPriceCny: '152.00',
  },
  {
    code: 'AL-202',
    name: '6061-T6导轨型材',
    model: 'HR-6061-DG45',
    category: '工业铝型材',
    precisionGrade: '高精级',
    unit: '米',
    unitWeightKg: 2.2,
    listPriceCny: '58.00',
  },
  {
    code: 'AL-203',
    name: '储能柜立柱型材',
    model: 'HR-6005A-CN08',
    category: '新能源汽车型材',
    precisionGrade: '高精级',
    unit: '支',
    unitWeightKg: 9.4,
    listPriceCny: '310.00',
  },
  {
    code: 'MP-301',
    name: '副车架连接支架',
    model: 'HR-FCJ-6082-11',
    category: '底盘件',
    precisionGrade: '高精级',
    unit: '件',
    unitWeightKg: 1.3,
    listPriceCny: '74.00',
  },
  {
    code: 'MP-302',
    name: '油泵壳体',
    model: 'HR-YB-A356-07',
    category: '热管理件',
    precisionGrade: '高精级',
    unit: '件',
    unitWeightKg: 0.9,
    listPriceCny: '66.00',
  },
  {
    code: 'MP-303',
    name: '转向机壳体',
    model: 'HR-ZXJK-A380-03',
    category: '底盘件',
    precisionGrade: '超高精级',
    unit: '件',
    unitWeightKg: 3.8,
    listPriceCny: '420.00',
  },
];

export const customers: Customer[] = [
  {
    name: '常州瑞丰汽车部件有限公司',
    shortName: '瑞丰',
    firstOrderYear: 2019,
    industry: '汽车零部件',
    notes: null,
  },
  {
    name: '佛山雅居门窗有限公司',
    shortName: '雅居',
    firstOrderYear: 2017,
    industry: '建筑门窗',
    notes: null,
  },
  {
    name: '苏州锐动自动化科技有限公司',
    shortName: '锐动',
    firstOrderYear: 2021,
    industry: '自动化设备',
    notes: null,
  },
  {
    name: '高雄宏昇機械股份有限公司',
    shortName: '宏昇',
    firstOrderYear: 2022,
    industry: '机械（台湾）',
    notes: null,
  },
  {
    name: 'Brightwater Mobility GmbH',
    shortName: 'Brightwater',
    firstOrderYear: 2023,
    industry: '汽车零部件（德国）',
    notes: null,
  },
];

export const ownCompanyNames = ['华锐精密部件有限公司', '华锐'];

export const poEmail = `主题：采购订单 RF-PO-2611-031

华锐精密部件有限公司 销售部 王经理：
您好！现下达正式采购订单RF-PO-2611-031，明细如下：
1. 副车架连接支架，型号HR-FCJ-6082-11，数量3,600件，单价73.50元/件（含13%增值税）；
2. 油泵壳体 HR-YB-A356-07，数量1200件，不含税单价58元/件。
交货：2026年12月18日前送至常州市新北区瑞丰二厂成品库，可分两批。
付款方式：货到票到月结90天。
技术要求：连接孔公差±0.05mm，配合面粗糙度Ra1.6，硬度HB≥85，执行GB/T 3190-2020及IATF 16949。
每批附材质证明和出货检验报告，外箱贴我司标签。本单不需要PPAP文件，也无需全检。
常州瑞丰汽车部件有限公司 采购部 顾晓明`;

export const wechatChat = `[雅居-采购 邓芳] 09:41
王经理，七七三零那个推拉窗料还有吗
[华锐-王强] 09:45
有的邓姐，要多少？
[雅居-采购 邓芳] 09:47
先要2500支，价格还是152含税哈
这周五之前送到三水工地，记得用珍珠棉包好，别刮花了
PO下周补`;

export const phoneTranscript = `销售：喂，您好，华锐。
客户：小王啊，我锐动的老蒋。
销售：蒋工好。
客户：那个导轨料，DG四五的，我要八百米，下个月十号之前到苏州就行。
销售：八百米，DG四五，好的。价格还是五十八一米？
客户：五十八太贵了，五十五，不含税，行就下单。
销售：我请示一下领导。`;

export const englishRfq = `Subject: RFQ for subframe brackets

Dear Ms. Wang,

Brightwater Mobility GmbH would like to request a quotation for 5,000 pcs subframe bracket HR-FCJ-6082-11. Please quote FCA Shanghai, payment terms 45 days net. Material certificates (EN 10204 3.1) and RoHS declaration are required with every shipment. We need first delivery by end of June.

Best regards,
Lena Vogt
Brightwater Mobility GmbH`;

export const traditionalInquiry = `主旨：油泵殼體詢價

華銳 王經理 您好：
敝司高雄宏昇機械股份有限公司擬採購油泵殼體（HR-YB-A356-07）共 3,000 件，請報含稅單價。
每批請附材質證明及 REACH 聲明，包裝每箱 30 件，外箱標示敝司料號 HS-0921。
交貨地點：高雄市前鎮區宏昇一廠，付款方式 T/T 月結 60 天。`;

export const complaint = `关于储能柜立柱型材质量问题的投诉
华锐精密部件有限公司：
贵司11月3日送达的储能柜立柱型材（HR-6005A-CN08）共1,500支，来料检验发现约两成表面有压痕，部分长度超差。
请贵司48小时内派人到我司现场挑选，5个工作日内提交8D报告，并承担挑选费用。
常州瑞丰汽车部件有限公司 质量部`;

export const newPartSample = `主题：新项目打样——电池包水冷板支座（图号RF-SC-2026-15 Rev.B）

王经理：
我司新平台需要开发一款水冷板支座，贵司目录中暂无此件，材质6061-T6，关键尺寸公差±0.02mm，表面硬质阳极氧化，膜厚25±5μm。
样件数量20件，请于2027年1月15日前寄到我司研发中心。不做喷粉。
常州瑞丰汽车部件有限公司 研发部`;
