// The fact catalogue (names, types, meaning) and computeFacts, which derives every fact for one
// message. Rules may only use facts named here; validateRuleSet checks that.
import type { AnalysisResult } from '../../analysis/result.js';
import { prepareText } from '../text.js';
import type { Evidence, Facts, FactValue, RuleContext } from '../types.js';
import { isInquiry, orderContent, writtenBasis } from './basis.js';
import { customerFacts } from './customer.js';
import { itemFacts } from './items.js';
import { newProductFacts } from './new-product.js';
import { precisionFacts } from './precision.js';
import { requirementFacts } from './requirements.js';
import { specialTermFacts } from './special-terms.js';

export type FactType = 'number' | 'boolean' | 'string' | 'string[]';

export interface FactDefinition {
  type: FactType;
  zh: string;
  en: string;
  /** Name reported in `missing` when the fact cannot be computed (the input that is absent). */
  missingAs?: string;
  /** For string facts: the values it can take. */
  values?: readonly string[];
  /** A gate (is there an order at all, which channel): true, but not worth quoting as a reason. */
  gate?: boolean;
  /** For number facts: the unit the value is in, as the rule editor writes it after the value. */
  unit?: { zh: string; en: string };
}

const MM = { zh: 'mm', en: 'mm' };

export const FACT_DEFINITIONS = {
  hasOrderContent: { type: 'boolean', zh: '消息含订单内容', en: 'Message carries order content', gate: true },
  intent: { type: 'string', zh: '消息意图', en: 'Message intent', gate: true },
  channel: { type: 'string', zh: '来源渠道', en: 'Channel', gate: true },
  isInquiry: { type: 'boolean', zh: '询价/RFQ', en: 'Inquiry or RFQ', gate: true },
  hasWrittenBasis: { type: 'boolean', zh: '有书面依据（PO/合同）', en: 'Has a written basis (PO/contract)' },
  writtenBasis: {
    type: 'string',
    zh: '书面依据类型',
    en: 'Kind of written basis',
    values: ['document', 'cited_number', 'existing_document', 'none'],
  },
  customerKnown: {
    type: 'boolean',
    zh: '老客户名单内',
    en: 'Customer is on the customer list',
    missingAs: 'customer',
  },
  customerHasPriorOrders: {
    type: 'boolean',
    zh: '客户有历史订单',
    en: 'Customer has ordered before',
    missingAs: 'customer',
  },
  isNewCustomer: {
    type: 'boolean',
    zh: '新客户（首次订单/询价）',
    en: 'New customer',
    missingAs: 'customer',
  },
  itemCount: { type: 'number', zh: '产品项数', en: 'Number of items', unit: { zh: '项', en: 'items' } },
  catalogueItemCount: {
    type: 'number',
    zh: '目录产品项数',
    en: 'Number of catalogue items',
    unit: { zh: '项', en: 'items' },
  },
  nonCatalogueItemCount: {
    type: 'number',
    zh: '非目录产品项数',
    en: 'Number of non-catalogue items',
    unit: { zh: '项', en: 'items' },
  },
  newProductCue: { type: 'boolean', zh: '文本要求开发新件', en: 'Text asks to develop a new part' },
  isNewProduct: { type: 'boolean', zh: '新产品', en: 'New product' },
  requestedPrecisionRank: {
    type: 'number',
    zh: '要求精度等级（0普通级 1高精级 2超高精级）',
    en: 'Requested precision grade (0 normal, 1 high, 2 ultra-high)',
  },
  ultraPrecisionByName: { type: 'boolean', zh: '文本要求超高精级', en: 'Text asks for 超高精级' },
  ultraPrecisionCatalogueItem: {
    type: 'boolean',
    zh: '目录超高精级产品',
    en: 'Catalogue item listed at 超高精级',
  },
  extrusionToleranceMm: {
    type: 'number',
    zh: '型材最严截面公差（±mm，无则为空）',
    en: 'Tightest extrusion cross-section tolerance (±mm, null if none)',
    unit: MM,
  },
  machinedToleranceMm: {
    type: 'number',
    zh: '机加工件最严尺寸公差（±mm）',
    en: 'Tightest machined dimension tolerance (±mm)',
    unit: MM,
  },
  geometricToleranceMm: {
    type: 'number',
    zh: '机加工件最严形位公差（mm）',
    en: 'Tightest geometric tolerance on machined parts (mm)',
    unit: MM,
  },
  roughnessRaUm: {
    type: 'number',
    zh: '最严粗糙度 Ra（µm）',
    en: 'Smallest roughness Ra (µm)',
    unit: { zh: 'µm', en: 'µm' },
  },
  totalWeightTonnes: {
    type: 'number',
    zh: '订单总重（吨）',
    en: 'Total order weight (t)',
    missingAs: 'totalWeightTonnes',
    unit: { zh: '吨', en: 't' },
  },
  deliveryDays: {
    type: 'number',
    zh: '收件日至交期天数',
    en: 'Days from receipt to delivery date',
    missingAs: 'deliveryDate',
    unit: { zh: '天', en: 'days' },
  },
  ppapLevelExistingPart: {
    type: 'number',
    zh: '现有零件PPAP等级',
    en: 'PPAP level asked for an existing part',
  },
  fullInspection: { type: 'boolean', zh: '交货100%全检', en: '100 % inspection of deliveries' },
  specialPackaging: { type: 'boolean', zh: '特殊包装', en: 'Special packaging' },
  specialMaterialCertification: {
    type: 'boolean',
    zh: '特殊材质证明（3.2/第三方见证）',
    en: 'Special material certification (3.2 / witnessed)',
  },
  designatedSubSupplier: { type: 'boolean', zh: '客户指定分供方', en: 'Customer-designated sub-supplier' },
  penaltyClause: { type: 'boolean', zh: '违约金/逾期罚则', en: 'Penalty clause' },
  standingSpecialCsr: {
    type: 'boolean',
    zh: '客户特定要求（CSR）含特殊条款',
    en: 'Standing CSR entry with a special term',
  },
  requirementCategories: { type: 'string[]', zh: '需求类别', en: 'Requirement categories' },
  requirementCount: {
    type: 'number',
    zh: '需求条数',
    en: 'Number of requirements',
    unit: { zh: '条', en: 'requirements' },
  },
  standards: { type: 'string[]', zh: '引用标准', en: 'Standards referenced' },
  certifications: { type: 'string[]', zh: '要求的证书', en: 'Certifications asked for' },
  applicableCsrIds: { type: 'string[]', zh: '适用的CSR条目', en: 'Applicable CSR entries' },
} as const satisfies Record<string, FactDefinition>;

export type FactName = keyof typeof FACT_DEFINITIONS;

export function isFactName(name: string): name is FactName {
  return Object.hasOwn(FACT_DEFINITIONS, name);
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Calendar days from one YYYY-MM-DD to another; undefined when either is not a date. */
export function daysBetween(from: string, to: string | null | undefined): number | undefined {
  if (!to) return undefined;
  const a = ISO_DATE.exec(from);
  const b = ISO_DATE.exec(to.slice(0, 10));
  if (!a || !b) return undefined;
  const ta = Date.UTC(Number(a[1]), Number(a[2]) - 1, Number(a[3]));
  const tb = Date.UTC(Number(b[1]), Number(b[2]) - 1, Number(b[3]));
  return Number.isFinite(ta) && Number.isFinite(tb) ? Math.round((tb - ta) / DAY_MS) : undefined;
}

const round = (v: number, digits = 4) => Number(v.toFixed(digits));

export function computeFacts(result: AnalysisResult, text: string, ctx: RuleContext): Facts {
  const t = prepareText(text);
  const items = itemFacts(result.items, ctx.catalog, t);
  const values: Record<string, FactValue | undefined> = {};
  const evidence: Record<string, Evidence[]> = {};
  const set = (name: FactName, value: FactValue | undefined, ev: Evidence[] = []) => {
    values[name] = value;
    evidence[name] = ev;
  };

  const order = orderContent(result.intent.label, t);
  set('hasOrderContent', order.value, order.evidence);
  set('intent', result.intent.label, [{ text: result.intent.label, source: 'analysis' }]);
  set('channel', ctx.channel, [{ text: ctx.channel, source: 'context' }]);
  set('isInquiry', isInquiry(result.intent.label, ctx.channel, t, order), [
    { text: `${result.intent.label} / ${ctx.channel}`, source: 'analysis' },
  ]);
  const basis = writtenBasis(t, ctx.channel);
  set('hasWrittenBasis', basis.value, basis.evidence);
  set('writtenBasis', basis.basis, basis.evidence);

  const cust = customerFacts(result, t, ctx);
  set('customerKnown', cust.customerKnown, cust.evidence.customerKnown);
  set('customerHasPriorOrders', cust.customerHasPriorOrders, cust.evidence.customerHasPriorOrders);
  set('isNewCustomer', cust.isNewCustomer, cust.evidence.isNewCustomer);

  set('itemCount', items.length);
  set('catalogueItemCount', items.filter((i) => i.catalogCode !== null).length);
  const np = newProductFacts(t, items, ctx.catalog.length > 0);
  set('nonCatalogueItemCount', np.nonCatalogueItemCount, np.evidence.nonCatalogueItemCount);
  set('newProductCue', np.newProductCue, np.evidence.newProductCue);
  set('isNewProduct', np.isNewProduct, np.evidence.isNewProduct);

  const pr = precisionFacts(t, items);
  set('requestedPrecisionRank', pr.requestedPrecisionRank, pr.evidence.requestedPrecisionRank);
  set('ultraPrecisionByName', pr.ultraPrecisionByName, pr.evidence.ultraPrecisionByName);
  set('ultraPrecisionCatalogueItem', pr.ultraPrecisionCatalogueItem, pr.evidence.ultraPrecisionCatalogueItem);
  set('extrusionToleranceMm', pr.extrusionToleranceMm, pr.evidence.extrusionToleranceMm);
  set('machinedToleranceMm', pr.machinedToleranceMm, pr.evidence.machinedToleranceMm);
  set('geometricToleranceMm', pr.geometricToleranceMm, pr.evidence.geometricToleranceMm);
  set('roughnessRaUm', pr.roughnessRaUm, pr.evidence.roughnessRaUm);

  const weighed = items.filter((i) => i.tonnes !== null);
  set(
    'totalWeightTonnes',
    weighed.length ? round(weighed.reduce((s, i) => s + (i.tonnes as number), 0)) : undefined,
    items.map((i) => ({
      text: `${i.product}: ${i.weightNote}`,
      ...(i.start !== undefined ? { start: i.start, end: i.end } : {}),
      source: 'catalogue' as const,
    })),
  );
  const days = daysBetween(ctx.refDate, result.delivery.date);
  set(
    'deliveryDays',
    days,
    result.delivery.date ? [{ text: `${ctx.refDate} → ${result.delivery.date}`, source: 'analysis' }] : [],
  );

  const st = specialTermFacts(t, items, np.isNewProduct);
  set('ppapLevelExistingPart', st.ppapLevelExistingPart, st.evidence.ppapLevelExistingPart);
  set('fullInspection', st.fullInspection, st.evidence.fullInspection);
  set('specialPackaging', st.specialPackaging, st.evidence.specialPackaging);
  set(
    'specialMaterialCertification',
    st.specialMaterialCertification,
    st.evidence.specialMaterialCertification,
  );
  set('designatedSubSupplier', st.designatedSubSupplier, st.evidence.designatedSubSupplier);
  set('penaltyClause', st.penaltyClause, st.evidence.penaltyClause);

  const rq = requirementFacts(result, ctx);
  set('standingSpecialCsr', rq.standingSpecialCsr, rq.evidence.standingSpecialCsr);
  set('requirementCategories', rq.requirementCategories, rq.evidence.requirementCategories);
  set('requirementCount', rq.requirementCount);
  set('standards', rq.standards, rq.evidence.standards);
  set('certifications', rq.certifications, rq.evidence.certifications);
  set('applicableCsrIds', rq.applicableCsrIds, rq.evidence.applicableCsrIds);

  return {
    values,
    evidence,
    items: items.map((i) => ({
      index: i.index,
      product: i.product,
      catalogCode: i.catalogCode,
      kind: i.kind,
      precisionGrade: i.precisionGrade,
      tonnes: i.tonnes === null ? null : round(i.tonnes),
      weightNote: i.weightNote,
    })),
  };
}
