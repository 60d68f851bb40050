// The CSR matrix (IATF 16949 §4.3.2 / §8.2.2): which customer asks for what, per requirement
// category, and the flat register (customer × clause × category × department × status) to export.
import { REQUIREMENT_CATEGORIES, type RequirementCategory } from '../analysis/result.js';

export const CATEGORY_LABELS: Record<RequirementCategory, { zh: string; en: string }> = {
  quality: { zh: '质量', en: 'Quality' },
  delivery: { zh: '交付', en: 'Delivery' },
  price: { zh: '价格', en: 'Price' },
  technical: { zh: '技术', en: 'Technical' },
  packaging: { zh: '包装', en: 'Packaging' },
  logistics: { zh: '物流', en: 'Logistics' },
  payment: { zh: '付款', en: 'Payment' },
  documentation: { zh: '文件资料', en: 'Documentation' },
  regulatory: { zh: '法规', en: 'Regulatory' },
  service: { zh: '服务', en: 'Service' },
};

export interface MatrixEntry {
  id: string;
  customerId: string;
  clause: string | null;
  text: string;
  category: RequirementCategory;
  department: string | null;
  sourceDocument: string | null;
  appliesTo: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  status: string;
}

export interface MatrixCustomer {
  id: string;
  name: string;
}

export interface MatrixCell {
  /** Active entries in force on the reference day. */
  active: number;
  /** Every entry, whatever its status. */
  total: number;
  clauses: string[];
}

export interface CsrMatrix {
  categories: { key: RequirementCategory; zh: string; en: string }[];
  rows: {
    customerId: string;
    customerName: string;
    cells: Record<RequirementCategory, MatrixCell>;
    active: number;
    total: number;
  }[];
}

/** Whether an entry applies on `day` (YYYY-MM-DD): active and within its effective dates. */
export function inForce(e: MatrixEntry, day: string): boolean {
  if (e.status !== 'active') return false;
  if (e.effectiveFrom && e.effectiveFrom > day) return false;
  if (e.effectiveTo && e.effectiveTo < day) return false;
  return true;
}

/** Customers with at least one entry (or all, with `includeEmpty`), each with counts per category. */
export function buildCsrMatrix(
  customers: MatrixCustomer[],
  entries: MatrixEntry[],
  day: string,
  includeEmpty = false,
): CsrMatrix {
  const rows: CsrMatrix['rows'] = [];
  for (const c of customers) {
    const own = entries.filter((e) => e.customerId === c.id);
    if (own.length === 0 && !includeEmpty) continue;
    const cells = Object.fromEntries(
      REQUIREMENT_CATEGORIES.map((k) => [k, { active: 0, total: 0, clauses: [] as string[] }]),
    ) as Record<RequirementCategory, MatrixCell>;
    for (const e of own) {
      const cell = cells[e.category];
      if (!cell) continue;
      cell.total += 1;
      if (inForce(e, day)) cell.active += 1;
      if (e.clause && !cell.clauses.includes(e.clause)) cell.clauses.push(e.clause);
    }
    rows.push({
      customerId: c.id,
      customerName: c.name,
      cells,
      active: own.filter((e) => inForce(e, day)).length,
      total: own.length,
    });
  }
  return { categories: REQUIREMENT_CATEGORIES.map((key) => ({ key, ...CATEGORY_LABELS[key] })), rows };
}

export const REGISTER_HEADER = [
  '客户 customer',
  '条款 clause',
  '要求 requirement',
  '类别 category',
  '责任部门 department',
  '来源文件 source document',
  '适用产品 applies to',
  '生效 effective from',
  '失效 effective to',
  '状态 status',
  '当前有效 in force',
] as const;

/** One export row per entry, customers in the given order, then clause. */
export function registerRows(
  customers: MatrixCustomer[],
  entries: MatrixEntry[],
  day: string,
): (string | null)[][] {
  const out: (string | null)[][] = [];
  for (const c of customers) {
    const own = entries
      .filter((e) => e.customerId === c.id)
      .sort((a, b) => (a.clause ?? '').localeCompare(b.clause ?? '', 'en', { numeric: true }));
    for (const e of own) {
      out.push([
        c.name,
        e.clause,
        e.text,
        `${CATEGORY_LABELS[e.category]?.zh ?? e.category} ${e.category}`,
        e.department,
        e.sourceDocument,
        e.appliesTo,
        e.effectiveFrom,
        e.effectiveTo,
        e.status,
        inForce(e, day) ? '是 yes' : '否 no',
      ]);
    }
  }
  return out;
}
