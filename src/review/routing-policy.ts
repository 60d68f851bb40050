// Which departments review what (IATF 16949 §8.2.3, the company's contract-review procedure): a
// routing table per contract class that an administrator edits as part of the review policy. Each
// class names the departments that always review it (its minimum: a case never has fewer, and
// nobody removes one) and the departments that join when the order's content calls for them
// (materials, a sub-supplier, a large order, a penalty clause, a new customer). Pure: the shell
// passes the order's content; the answer is stored with the case so a replay gives the same case.
import type { ContractClass } from '../analysis/result.js';
import { DEPARTMENT_LABELS, type Department } from '../auth/roles.js';
import {
  type Bilingual,
  type ContractTerms,
  isReviewingDepartment,
  REVIEWING_DEPARTMENTS,
  type ReviewingDepartment,
} from './types.js';

/** What in an order calls a department in. */
export const ROUTING_TRIGGERS = [
  'materials',
  'sub_supplier',
  'large_order',
  'penalty_clause',
  'new_customer',
] as const;
export type RoutingTrigger = (typeof ROUTING_TRIGGERS)[number];

export const TRIGGER_LABELS: Record<RoutingTrigger, Bilingual> = {
  materials: { zh: '涉及原材料（材质、材料证明）', en: 'Materials involved (grade, material certificate)' },
  sub_supplier: { zh: '涉及分供方/外协', en: 'A sub-supplier or outsourcing involved' },
  large_order: { zh: '大批量订单（≥ 大批量吨数）', en: 'Large order (≥ the large-order tonnage)' },
  penalty_clause: { zh: '违约金/罚则条款', en: 'Penalty clause' },
  new_customer: { zh: '新客户（信用）', en: 'New customer (credit)' },
};

/** Departments that may sit on a class's review: the signing departments and, for a meeting, the GM. */
export type RoutedDepartment = ReviewingDepartment | 'general_manager';

export interface ClassRouting {
  /** Always review this class; the minimum of every case of the class. */
  required: RoutedDepartment[];
  /** Join when any of the triggers holds for the order. */
  conditional: { department: ReviewingDepartment; when: RoutingTrigger[] }[];
}

export interface RoutingPolicy {
  regular: ClassRouting;
  special: ClassRouting;
  temporary: ClassRouting;
  /** An order of at least this many tonnes is a large order (`large_order`). */
  largeOrderTonnes: number;
}

/**
 * The procedure's table. Regular: countersign by sales (price, correctness, completeness), technical,
 * production (capacity and delivery date) and quality; purchasing when materials or a sub-supplier
 * are involved or the order is large; finance on a penalty clause or a new customer's credit.
 * Special: the review meeting of sales, technical, purchasing, production, quality and the GM.
 * Temporary: the authorised sales planner's review, sales with production.
 */
export const DEFAULT_ROUTING: RoutingPolicy = {
  regular: {
    required: ['sales', 'technical', 'production', 'quality'],
    conditional: [
      { department: 'purchasing', when: ['materials', 'sub_supplier', 'large_order'] },
      { department: 'finance', when: ['penalty_clause', 'new_customer'] },
    ],
  },
  special: {
    required: ['sales', 'technical', 'purchasing', 'production', 'quality', 'general_manager'],
    conditional: [{ department: 'finance', when: ['penalty_clause', 'new_customer'] }],
  },
  temporary: {
    required: ['sales', 'production'],
    conditional: [{ department: 'purchasing', when: ['large_order'] }],
  },
  largeOrderTonnes: 100,
};

/** What the routing reads of an order. */
export interface RoutingFacts {
  terms: Omit<ContractTerms, 'requirements'>;
  requirementTexts: string[];
  reasonCodes: string[];
  /** Total weight as the analysis weighed it (catalogue weights included); else from lines in t/kg. */
  totalWeightTonnes?: number | null;
}

const MATERIAL_TEXT = /材质|材料|原材料|铝锭|铝棒|棒材|坯料|牌号|material|billet|ingot/i;
const SUB_SUPPLIER_TEXT =
  /分供方|外协|外包|委外|指定[^。；;\n,，]{0,20}?(?:供应商|供方|厂家|厂商)|sub-?suppliers?|outsourc|nominated supplier|designated supplier/i;
const PENALTY_TEXT = /违约金|罚款|罚金|扣款|赔偿|liquidated damages|penalt/i;

/** Tonnes of the lines counted in t or kg; null when no line is. */
export function tonnesOfLines(items: ContractTerms['items']): number | null {
  let total = 0;
  let weighed = false;
  for (const i of items) {
    const unit = i.quantity?.unit?.trim().toLowerCase();
    if (!i.quantity || !unit) continue;
    if (['t', '吨', 'mt', 'ton', 'tons', 'tonne', 'tonnes'].includes(unit)) total += i.quantity.value;
    else if (['kg', '公斤', '千克', 'kgs'].includes(unit)) total += i.quantity.value / 1000;
    else continue;
    weighed = true;
  }
  return weighed ? Math.round(total * 1000) / 1000 : null;
}

export function routingTriggers(facts: RoutingFacts, policy: RoutingPolicy): RoutingTrigger[] {
  const reasons = new Set(facts.reasonCodes);
  const texts = [...facts.requirementTexts, facts.terms.paymentTerms ?? '', facts.terms.delivery.terms ?? ''];
  const tonnes = Math.max(facts.totalWeightTonnes ?? 0, tonnesOfLines(facts.terms.items) ?? 0);
  const holds: Record<RoutingTrigger, boolean> = {
    materials:
      facts.terms.items.some((i) => (i.material ?? '').trim() !== '') ||
      facts.requirementTexts.some((t) => MATERIAL_TEXT.test(t)),
    sub_supplier: texts.some((t) => SUB_SUPPLIER_TEXT.test(t)),
    large_order: tonnes >= policy.largeOrderTonnes || reasons.has('large_urgent_order'),
    penalty_clause: texts.some((t) => PENALTY_TEXT.test(t)) || reasons.has('penalty_clause'),
    new_customer: reasons.has('new_customer'),
  };
  return ROUTING_TRIGGERS.filter((t) => holds[t]);
}

/** The departments the policy names for a class and an order's triggers, in the canonical order. */
export function policyDepartments(
  cls: ContractClass,
  triggers: readonly RoutingTrigger[],
  policy: RoutingPolicy,
): RoutedDepartment[] {
  const table = policy[cls];
  const wanted = new Set<string>(table.required);
  for (const c of table.conditional) if (c.when.some((w) => triggers.includes(w))) wanted.add(c.department);
  return [...REVIEWING_DEPARTMENTS, 'general_manager' as const].filter((d) => wanted.has(d));
}

/** The signing departments among `departments` (the GM decides in the meeting, he signs no part). */
export function signingDepartments(departments: readonly Department[]): ReviewingDepartment[] {
  return REVIEWING_DEPARTMENTS.filter((d) => departments.includes(d) && isReviewingDepartment(d));
}

const LABEL_TO_DEPARTMENT = new Map<string, ReviewingDepartment>(
  REVIEWING_DEPARTMENTS.flatMap((d) => {
    const l = DEPARTMENT_LABELS[d];
    // 质量部 / 质量 / Quality / quality
    return [d, l.zh, l.zh.replace(/部$/, ''), l.en.toLowerCase()].map((k) => [k.toLowerCase(), d] as const);
  }),
);
LABEL_TO_DEPARTMENT.set('engineering', 'technical');
LABEL_TO_DEPARTMENT.set('工程部', 'technical');
LABEL_TO_DEPARTMENT.set('品质部', 'quality');
LABEL_TO_DEPARTMENT.set('品管部', 'quality');
LABEL_TO_DEPARTMENT.set('质检部', 'quality');
LABEL_TO_DEPARTMENT.set('计划部', 'production');
LABEL_TO_DEPARTMENT.set('营销部', 'sales');
LABEL_TO_DEPARTMENT.set('市场部', 'sales');

/**
 * The department a CSR register entry names (a code such as `quality`, or as written on an imported
 * matrix, 质量部 / 品质部 / Quality); null when it names none we know.
 */
export function csrDepartment(named: string | null | undefined): ReviewingDepartment | null {
  if (!named) return null;
  return LABEL_TO_DEPARTMENT.get(named.trim().toLowerCase()) ?? null;
}
