// Dev-corpus cases (test/fixtures/dev-corpus) turned into a minimal AnalysisResult built from the gold
// fields, so the rules can be measured apart from analyser errors. Pure: callers read the files.
import type { AnalysisResult, Intent, RequirementCategory } from '../analysis/result.js';
import type { PrecisionGrade, Product } from '../catalog/product.js';
import type { Customer } from '../customers/customer.js';
import type { ContractGold } from './evaluation.js';

export interface CorpusGoldItem {
  product: string;
  catalog_code: string | null;
  model: string | null;
  quantity: number | null;
  unit: string | null;
}

export interface CorpusCase {
  id: string;
  channel: string;
  ref_date: string;
  text: string;
  gold: {
    intent: Intent;
    customer: string | null;
    is_new_customer: boolean;
    items: CorpusGoldItem[];
    delivery_date: string | null;
    standards: string[];
    certifications: string[];
    special_requirements: string[];
    contract_class: string | null;
    special_reasons: string[];
  };
}

function spanOf(text: string, needle: string | null): { start: number; end: number } {
  const i = needle ? text.indexOf(needle) : -1;
  return i >= 0 && needle ? { start: i, end: i + needle.length } : { start: 0, end: 0 };
}

const CATEGORY_CUES: [RegExp, RequirementCategory][] = [
  [/包装|托|箱|标签|标识|隔开|层/, 'packaging'],
  [/报告|证明|证书|记录|数据|资料|cert|IMDS|声明|聲明/i, 'documentation'],
  [/RoHS|REACH|3C|报关|報關/i, 'regulatory'],
  [/检|PPAP|CPK|AQL|审核|FAI/i, 'quality'],
  [/运|提货|自提|寄|送|物流|ETA|发货/i, 'logistics'],
  [/违约金|费用|价|票/, 'price'],
  [/回复|现场|响应/, 'service'],
];

function categoryOf(phrase: string): RequirementCategory {
  return CATEGORY_CUES.find(([re]) => re.test(phrase))?.[1] ?? 'technical';
}

export function goldToAnalysisResult(c: CorpusCase): AnalysisResult {
  const g = c.gold;
  return {
    id: c.id,
    intent: { label: g.intent, confidence: 1 },
    sentiment: { label: 'neutral', score: 0 },
    customer: g.customer ? { name: g.customer, known: !g.is_new_customer } : null,
    items: g.items.map((i) => ({
      product: i.product,
      catalogCode: i.catalog_code,
      model: i.model,
      quantity: i.quantity === null ? null : { value: i.quantity, unit: i.unit },
      unitPrice: null,
      span: spanOf(c.text, i.product),
    })),
    delivery: { date: g.delivery_date, place: null, terms: null },
    paymentTerms: null,
    standards: g.standards,
    certifications: g.certifications,
    requirements: g.special_requirements.map((r) => ({
      text: r,
      category: categoryOf(r),
      kind: 'explicit' as const,
      special: false,
      priority: 'normal' as const,
      span: spanOf(c.text, r),
    })),
    entities: [],
    keywords: [],
    contract: { class: null, reasons: [], totalWeightTonnes: null },
  };
}

export function corpusGold(c: CorpusCase): ContractGold {
  return { id: c.id, contract_class: c.gold.contract_class, special_reasons: c.gold.special_reasons };
}

/** Rows of catalog.csv (parsed with header columns) → products. */
export function productFromRow(row: Record<string, string>): Product {
  const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));
  return {
    code: row.code ?? '',
    name: row.name ?? '',
    model: row.model || null,
    category: row.category || null,
    precisionGrade: (row.precision_grade || null) as PrecisionGrade | null,
    unit: row.unit ?? '',
    unitWeightKg: num(row.unit_weight_kg),
    listPriceCny: row.list_price_cny || null,
  };
}

/** Rows of customers.csv → customers. */
export function customerFromRow(row: Record<string, string>): Customer {
  return {
    name: row.name ?? '',
    shortName: row.short_name || null,
    firstOrderYear: row.first_order_year ? Number(row.first_order_year) : null,
    industry: row.industry || null,
    notes: row.notes || null,
  };
}
