// Review checklists: each department's standing scope (IATF 16949 §8.2.3.1 and the procedure: sales
// price/correctness/completeness, technical feasibility/special characteristics/risk, purchasing
// materials, production capacity and the delivery date, quality inspection capability and measuring
// equipment), one item per requirement in the department's remit, so no accepted requirement goes
// unreviewed, one per applicable CSR register entry for the department the entry names, and — where
// the goods are accepted against a sample — a sample sign-off (样品确认/封样) line for quality and
// technical.
import { isSampleAcceptance } from '../analysis/requirements/sample-acceptance.js';
import type { RequirementCategory } from '../analysis/result.js';
import type {
  Bilingual,
  CaseCsr,
  ChecklistItem,
  ContractTerms,
  ReviewingDepartment,
  TermRequirement,
} from './types.js';

const SCOPE: Record<ReviewingDepartment, { id: string; topic: Bilingual }[]> = {
  sales: [
    {
      id: 'price',
      topic: { zh: '价格是否确认、与报价一致', en: 'Price confirmed and matches the quotation' },
    },
    {
      id: 'order-correct',
      topic: {
        zh: '订单内容是否正确（品名、型号、数量、交期）',
        en: 'Order is correct (part, model, quantity, date)',
      },
    },
    {
      id: 'order-complete',
      topic: { zh: '订单信息是否完整、无歧义', en: 'Order is complete and unambiguous' },
    },
  ],
  technical: [
    { id: 'feasibility', topic: { zh: '技术可行性', en: 'Technical feasibility' } },
    {
      id: 'drawings',
      topic: { zh: '图纸及版本是否有效、一致', en: 'Drawings and revisions valid and consistent' },
    },
    {
      id: 'special-characteristics',
      topic: { zh: '特殊特性是否识别并有控制方法', en: 'Special characteristics identified and controlled' },
    },
    { id: 'risk', topic: { zh: '风险分析（FMEA 等）', en: 'Risk analysis (FMEA etc.)' } },
  ],
  purchasing: [
    { id: 'materials', topic: { zh: '原材料可采购、规格满足', en: 'Materials available to specification' } },
    {
      id: 'sub-suppliers',
      topic: { zh: '外协/分供方能力与资质', en: 'Sub-supplier capability and approval' },
    },
  ],
  production: [
    { id: 'capacity', topic: { zh: '产能是否满足', en: 'Capacity sufficient' } },
    // Its topic carries the date asked for (deliveryDateTopic).
    { id: 'delivery-date', topic: { zh: '交期是否可达成', en: 'Delivery date achievable' } },
  ],
  quality: [
    {
      id: 'inspection',
      topic: {
        zh: '检验与试验能力（检验方法、试验设备）',
        en: 'Inspection and test capability (methods, test equipment)',
      },
    },
    {
      id: 'measuring-equipment',
      topic: {
        zh: '测量设备（量具、检具）能否满足精度要求',
        en: 'Measuring equipment (gauges, fixtures) adequate for the tolerances',
      },
    },
    { id: 'certifications', topic: { zh: '所需证书与认证', en: 'Required certificates and certifications' } },
  ],
  finance: [
    { id: 'credit', topic: { zh: '客户信用额度', en: 'Customer credit limit' } },
    { id: 'payment-terms', topic: { zh: '付款条件是否可接受', en: 'Payment terms acceptable' } },
  ],
};

/** Which departments review a requirement of each category. */
export const CATEGORY_DEPARTMENTS: Record<RequirementCategory, ReviewingDepartment[]> = {
  quality: ['quality'],
  delivery: ['production'],
  price: ['sales', 'finance'],
  technical: ['technical'],
  packaging: ['quality', 'production'],
  logistics: ['production', 'sales'],
  payment: ['finance', 'sales'],
  documentation: ['quality'],
  regulatory: ['quality', 'technical'],
  service: ['sales'],
};

export function departmentsForRequirement(
  r: Pick<TermRequirement, 'category' | 'special' | 'departments'>,
): ReviewingDepartment[] {
  // A register entry names who applies the law (民法典合同编: sales and finance), not the category.
  const set = new Set(r.departments?.length ? r.departments : CATEGORY_DEPARTMENTS[r.category]);
  // A special characteristic must be controlled in design and verified in inspection.
  if (r.special) {
    set.add('technical');
    set.add('quality');
  }
  return [...set];
}

/** Production's delivery line names the date the customer asked for (or that none was given). */
function deliveryDateTopic(terms: ContractTerms): Bilingual {
  const { date, place } = terms.delivery;
  if (!date)
    return {
      zh: '交期是否可达成（订单未写明交货日期，须与客户确认）',
      en: 'Delivery date achievable (the order states none; confirm with the customer)',
    };
  return {
    zh: `交期是否可达成：要求 ${date} 交货${place ? `（${place}）` : ''}`,
    en: `Delivery date achievable: delivery required by ${date}${place ? ` (${place})` : ''}`,
  };
}

/** The department a CSR entry without a known department belongs to, by its category. */
export function csrFallbackDepartment(category: string): ReviewingDepartment {
  return CATEGORY_DEPARTMENTS[category as RequirementCategory]?.[0] ?? 'quality';
}

/**
 * The sample sign-off line: the sample the goods will be judged against must be confirmed, sealed
 * and signed by both sides (quality keeps it as the acceptance standard; technical turns what it
 * shows into specifications the plant can work to).
 */
const SAMPLE_SIGN_OFF: Partial<Record<ReviewingDepartment, Bilingual>> = {
  quality: {
    zh: '样品确认/封样：以客户样品为验收标准，封样须经客户与我方签认并受控保存',
    en: "Sample sign-off (sealed sample): the customer's sample is the acceptance standard; the sealed sample is signed by both sides and kept under control",
  },
  technical: {
    zh: '样品确认/封样：样品所示尺寸、材质、表面等要求已转化为图纸或技术规范',
    en: 'Sample sign-off (sealed sample): what the sample shows (dimensions, material, surface) is written into drawings or specifications',
  },
};

/** Whether a requirement under review makes a sample the acceptance standard (按样品验收, 以样品为准, 按封样). */
export function sampleSignOffNeeded(terms: Pick<ContractTerms, 'requirements'>): boolean {
  return terms.requirements.some((r) => isSampleAcceptance(r.text));
}

export function generateChecklist(
  department: ReviewingDepartment,
  terms: ContractTerms,
  csr: readonly CaseCsr[] = [],
  samplesAreAcceptanceStandard = false,
): ChecklistItem[] {
  const scope: ChecklistItem[] = SCOPE[department].map((s) => ({
    id: `scope:${s.id}`,
    topic: s.id === 'delivery-date' ? deliveryDateTopic(terms) : s.topic,
    source: 'scope',
    requirementId: null,
  }));
  const sampleTopic = SAMPLE_SIGN_OFF[department];
  if (sampleTopic && (samplesAreAcceptanceStandard || sampleSignOffNeeded(terms)))
    scope.push({ id: 'scope:sample-sign-off', topic: sampleTopic, source: 'scope', requirementId: null });
  const fromRequirements: ChecklistItem[] = terms.requirements
    .filter((r) => departmentsForRequirement(r).includes(department))
    .map((r) => ({
      id: `req:${r.id}`,
      topic: r.special
        ? { zh: `能否满足（特殊特性）：${r.text}`, en: `Can we meet (Special Characteristic): ${r.text}` }
        : { zh: `能否满足：${r.text}`, en: `Can we meet: ${r.text}` },
      source: 'requirement',
      requirementId: r.id,
    }));
  const fromCsr: ChecklistItem[] = csr
    .filter((c) => c.department === department)
    .map((c) => ({
      id: `csr:${c.id}`,
      topic: {
        zh: `客户特殊要求${c.clause ? ` ${c.clause}` : ''}：${c.text}`,
        en: `Customer-specific requirement${c.clause ? ` ${c.clause}` : ''}: ${c.text}`,
      },
      source: 'csr',
      requirementId: null,
      csrId: c.id,
    }));
  return [...scope, ...fromRequirements, ...fromCsr];
}
