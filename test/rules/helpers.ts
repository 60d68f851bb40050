// Hand-written catalogue, customers and analysis results for the rules tests.
import type { AnalysisResult, Intent, OrderItem } from '../../src/analysis/result.js';
import type { Product } from '../../src/catalog/product.js';
import type { Customer } from '../../src/customers/customer.js';
import type { RuleContext } from '../../src/rules/index.js';

const product = (
  code: string,
  name: string,
  model: string,
  grade: Product['precisionGrade'],
  unit: string,
  unitWeightKg: number,
): Product => ({
  code,
  name,
  model,
  category: null,
  precisionGrade: grade,
  unit,
  unitWeightKg,
  listPriceCny: null,
});

export const catalog: Product[] = [
  product('AL-101', '6063-T5门窗型材', 'HR-6063-4520', '普通级', '支', 7.5),
  product('AL-103', '6063-T6幕墙立柱型材', 'HR-6063-15060', '普通级', '吨', 1000),
  product('AL-113', '6082-T6结构型材', 'HR-6082-8060', '高精级', 'kg', 1),
  product('AL-131', '电池托盘边框型材', 'HR-6005A-BT01', '高精级', '支', 18.6),
  product('MP-202', '控制臂支架', 'HR-KZB-6082-02', '高精级', '件', 1.05),
  product('MP-211', '制动卡钳壳体', 'HR-KQ-A356-01', '高精级', '件', 2.2),
  product('MP-212', '制动主缸缸体', 'HR-ZG-6061-02', '超高精级', '件', 0.82),
  product('MP-241', '电子水泵壳体', 'HR-SB-6061-08', '高精级', '件', 0.46),
];

export const customers: Customer[] = [
  {
    name: '江苏恒驰汽车零部件有限公司',
    shortName: '恒驰',
    firstOrderYear: 2018,
    industry: null,
    notes: null,
  },
  {
    name: '广东粤华门窗幕墙工程有限公司',
    shortName: '粤华',
    firstOrderYear: 2016,
    industry: null,
    notes: null,
  },
  {
    name: '安徽新桥精工有限公司',
    shortName: '新桥',
    firstOrderYear: null,
    industry: null,
    notes: '潜在客户',
  },
];

export function ctx(over: Partial<RuleContext> = {}): RuleContext {
  return { refDate: '2026-03-02', channel: 'email', catalog, customers, ...over };
}

export interface ItemSpec {
  product: string;
  code: string | null;
  qty?: number | null;
  unit?: string | null;
}

/** A minimal analysis result; items are located in the text by their product name. */
export function analysis(
  text: string,
  opts: {
    intent?: Intent;
    customer?: string | null;
    known?: boolean;
    items?: ItemSpec[];
    delivery?: string | null;
    requirements?: string[];
  } = {},
): AnalysisResult {
  const span = (s: string) => {
    const i = text.indexOf(s);
    return i >= 0 ? { start: i, end: i + s.length } : { start: 0, end: 0 };
  };
  const items: OrderItem[] = (opts.items ?? []).map((i) => ({
    product: i.product,
    catalogCode: i.code,
    model: null,
    quantity: i.qty === undefined || i.qty === null ? null : { value: i.qty, unit: i.unit ?? null },
    unitPrice: null,
    span: span(i.product),
  }));
  const customer = opts.customer === undefined ? '江苏恒驰汽车零部件有限公司' : opts.customer;
  return {
    intent: { label: opts.intent ?? 'order', confidence: 1 },
    sentiment: { label: 'neutral', score: 0 },
    customer: customer === null ? null : { name: customer, known: opts.known ?? true },
    items,
    delivery: { date: opts.delivery === undefined ? null : opts.delivery, place: null, terms: null },
    paymentTerms: null,
    standards: [],
    certifications: [],
    requirements: (opts.requirements ?? []).map((r) => ({
      text: r,
      category: 'technical' as const,
      kind: 'explicit' as const,
      special: false,
      priority: 'normal' as const,
      span: span(r),
    })),
    entities: [],
    keywords: [],
    contract: { class: null, reasons: [], totalWeightTonnes: null },
  };
}
