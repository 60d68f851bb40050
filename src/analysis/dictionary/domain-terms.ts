// Vocabulary of the aluminium-parts domain. Kept as data so that segmentation, entity spotting and
// requirement categorisation share one source, and so users can extend it without touching code.

export type DomainTermKind =
  | 'material'
  | 'process'
  | 'inspection'
  | 'unit'
  | 'product_noun'
  | 'packaging'
  | 'document';

export interface DomainTerm {
  word: string;
  kind: DomainTermKind;
}

const MATERIALS = [
  '6061-T6',
  '6061-T651',
  '6063-T5',
  '6063-T6',
  '6082-T6',
  '6005A-T6',
  '6061',
  '6063',
  '6082',
  '6005A',
  '7075-T6',
  '5052-H32',
  'ADC12',
  'A356',
  'A356.2',
  'A380',
  'A356-T6',
  '铝合金',
  '铝棒',
  '铝锭',
];

const PROCESSES = [
  '阳极氧化',
  '硬质阳极氧化',
  '本色阳极氧化',
  '喷粉',
  '喷涂',
  '氟碳喷涂',
  '电泳',
  'T6热处理',
  '热处理',
  '固溶',
  '时效',
  'CNC',
  '机加工',
  '精镗',
  '挤压',
  '压铸',
  '低压铸造',
  '重力铸造',
  '锻造',
  '钝化',
  '抛光',
  '喷砂',
  '拉丝',
  '焊接',
];

const INSPECTION = [
  '全检',
  '100%全检',
  '首件',
  '首件检验',
  '盐雾',
  '盐雾试验',
  '中性盐雾',
  'CPK',
  'PPAP',
  'FAI',
  'AQL',
  'PPM',
  '8D',
  '8D报告',
  '三坐标',
  'X光探伤',
  '探伤',
  '气密',
  '气密测试',
  '全尺寸',
  '膜厚',
  '来料检验',
  '抽检',
  '过程审核',
];

const UNITS = [
  '件',
  '支',
  '米',
  '吨',
  '公斤',
  '千克',
  'kg',
  'pcs',
  'PCS',
  'EA',
  '个',
  '套',
  '根',
  '箱',
  '托',
];

const PRODUCT_NOUNS = [
  '型材',
  '铝型材',
  '方管',
  '防撞梁',
  '吸能盒',
  '转向节',
  '控制臂',
  '控制臂支架',
  '壳体',
  '缸体',
  '端盖',
  '后盖',
  '毛坯',
  '轮毂',
  '散热器',
  '边框',
  '底板',
  '横梁',
  '立柱',
  '阀体',
  '支架',
  '门窗料',
  '断桥料',
];

const PACKAGING = [
  '木托盘',
  '木托',
  '吸塑盒',
  '吸塑托盘',
  '珍珠棉',
  'EPE',
  '防锈油',
  'VCI',
  '真空包装',
  '周转箱',
];

const DOCUMENTS = [
  '材质证明',
  '出厂检验报告',
  '出货检验报告',
  '检验报告',
  '全尺寸报告',
  '质量保证协议',
  '技术协议',
];

export const DEFAULT_DOMAIN_TERMS: readonly DomainTerm[] = [
  ...MATERIALS.map((word) => ({ word, kind: 'material' as const })),
  ...PROCESSES.map((word) => ({ word, kind: 'process' as const })),
  ...INSPECTION.map((word) => ({ word, kind: 'inspection' as const })),
  ...UNITS.map((word) => ({ word, kind: 'unit' as const })),
  ...PRODUCT_NOUNS.map((word) => ({ word, kind: 'product_noun' as const })),
  ...PACKAGING.map((word) => ({ word, kind: 'packaging' as const })),
  ...DOCUMENTS.map((word) => ({ word, kind: 'document' as const })),
];
