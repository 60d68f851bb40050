// Chinese-first names of review stages, classes and outcomes, and the plant's clock, for text that
// leaves the server (CLI output, e-mail). The web app keeps its own in web/src/i18n.
import type { ContractClass, RequirementKind } from '../analysis/result.js';
import type { ChangeField } from '../review/amendment-diff.js';
import type {
  AmendmentKind,
  Bilingual,
  CaseRequirement,
  ChecklistAnswer,
  ConclusionDecision,
  GmDecision,
  Issue,
  Negotiation,
  ReviewMode,
  ReviewOutcome,
  TemporaryChannel,
} from '../review/types.js';
import type { ReviewStateName } from '../review/workflow.js';

export const STAGE_LABELS: Record<ReviewStateName, Bilingual> = {
  requirementConfirmation: { zh: '需求确认', en: 'requirement confirmation' },
  countersign: { zh: '部门会签', en: 'sign-off by each department' },
  meetingReview: { zh: '评审会议', en: 'review meeting' },
  plannerReview: { zh: '销售与计划评审', en: 'sales and planner review' },
  reReview: { zh: '变更后重新评审', en: 're-review after amendment' },
  salesNegotiation: { zh: '与客户协商', en: 'negotiation with the customer' },
  gmDecision: { zh: '总经理决定', en: "GM's decision" },
  conclusion: { zh: '待签署评审结论', en: 'conclusion to sign' },
  feedbackPending: { zh: '待反馈客户', en: 'feedback to the customer pending' },
  awaitingCustomerConfirmation: { zh: '待客户确认', en: 'awaiting customer confirmation' },
  confirmed: { zh: '客户已确认', en: 'confirmed' },
  declined: { zh: '已拒绝', en: 'declined' },
  voided: { zh: '已作废', en: 'voided' },
};

export const CLASS_LABELS: Record<ContractClass, Bilingual> = {
  regular: { zh: '常规', en: 'regular' },
  special: { zh: '特殊', en: 'special' },
  temporary: { zh: '临时', en: 'temporary' },
};

export const OUTCOME_LABELS: Record<ReviewOutcome, Bilingual> = {
  can_meet: { zh: '能满足', en: 'can meet' },
  can_meet_with_conditions: { zh: '有条件满足', en: 'can meet with conditions' },
  cannot_meet: { zh: '不能满足', en: 'cannot meet' },
};

export const REVIEW_OUTCOMES = Object.keys(OUTCOME_LABELS) as ReviewOutcome[];

export const MODE_LABELS: Record<ReviewMode, Bilingual> = {
  countersign: { zh: '部门会签', en: 'sign-off by each department' },
  meeting: { zh: '评审会议', en: 'review meeting' },
  sales_planner: { zh: '销售与计划评审', en: 'sales and planner review' },
};

export const TEMPORARY_CHANNEL_LABELS: Record<TemporaryChannel, Bilingual> = {
  verbal: { zh: '口头', en: 'by word of mouth' },
  phone: { zh: '电话', en: 'by telephone' },
  letter: { zh: '信函', en: 'by letter' },
};

export const REQUIREMENT_STATUS_LABELS: Record<CaseRequirement['status'], Bilingual> = {
  proposed: { zh: '待确认', en: 'to be confirmed' },
  accepted: { zh: '已接受', en: 'confirmed' },
  rejected: { zh: '不采纳', en: 'not taken' },
};

export const REQUIREMENT_KIND_LABELS: Record<RequirementKind, Bilingual> = {
  explicit: { zh: '明示', en: 'stated' },
  implied: { zh: '隐含', en: 'implied' },
  statutory: { zh: '法律法规', en: 'statutory and regulatory' },
  organisational: { zh: '组织自定', en: 'set by the organisation' },
};

export const ANSWER_LABELS: Record<ChecklistAnswer, Bilingual> = {
  ok: { zh: '符合', en: 'conforms' },
  not_applicable: { zh: '不适用', en: 'not applicable' },
  issue: { zh: '有问题', en: 'problem found' },
};

export const ISSUE_STATUS_LABELS: Record<Issue['status'], Bilingual> = {
  open: { zh: '待协商', en: 'to negotiate' },
  resolved: { zh: '已协商解决', en: 'settled with the customer' },
  referred_to_gm: { zh: '提交总经理', en: 'with the general manager' },
  decided_by_gm: { zh: '总经理已决定', en: 'decided by the general manager' },
};

export const NEGOTIATION_OUTCOME_LABELS: Record<Negotiation['outcome'], Bilingual> = {
  agreed: { zh: '达成一致', en: 'settled' },
  failed: { zh: '未达成一致', en: 'not settled' },
};

export const GM_DECISION_LABELS: Record<GmDecision, Bilingual> = {
  accept_requirement: { zh: '接受客户要求', en: "customer's requirement taken on" },
  accept_with_deviation: { zh: '偏离接受', en: 'taken on with a deviation' },
  decline: { zh: '拒绝', en: 'turned down' },
};

export const CONCLUSION_LABELS: Record<ConclusionDecision, Bilingual> = {
  accept: { zh: '接受', en: 'order taken on' },
  accept_with_deviations: { zh: '偏离接受', en: 'taken on with deviations' },
  decline: { zh: '拒绝', en: 'order turned down' },
};

export const AUTHORITY_LABELS: Record<'sales_manager' | 'general_manager', Bilingual> = {
  sales_manager: { zh: '销售经理', en: 'sales manager' },
  general_manager: { zh: '总经理', en: 'general manager' },
};

export const AMENDMENT_LABELS: Record<AmendmentKind, Bilingual> = {
  void_resign: { zh: '作废重签', en: 'voided and re-signed' },
  change_clause: { zh: '条款变更', en: 'clause change' },
  change_record: { zh: '变更记录', en: 'change on record' },
};

export const CHANGE_FIELD_LABELS: Record<ChangeField, Bilingual> = {
  price: { zh: '价格', en: 'price' },
  quantity: { zh: '数量', en: 'quantity' },
  delivery_date: { zh: '交货日期', en: 'delivery date' },
  delivery_place: { zh: '交货地点/条件', en: 'delivery place and terms' },
  material: { zh: '材质', en: 'material' },
  tolerance: { zh: '公差', en: 'tolerance' },
  drawing: { zh: '图纸', en: 'drawing' },
  packaging: { zh: '包装', en: 'packaging' },
  payment: { zh: '付款条件', en: 'payment terms' },
  product: { zh: '产品', en: 'product' },
  line_added: { zh: '新增产品行', en: 'line added' },
  line_removed: { zh: '删除产品行', en: 'line removed' },
  requirement: { zh: '客户要求', en: 'requirement' },
};

/** A label as the record prints it: Chinese first, English second, the English capitalised. */
export function bilingual(label: Bilingual): string {
  return `${label.zh} ${label.en.charAt(0).toUpperCase()}${label.en.slice(1)}`;
}

/** Zones Intl knows; a record printed in an unknown zone would fail at print time. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An instant as the plant reads it: Beijing time, to the minute (e.g. 2026-11-25 09:00). */
export function beijingTime(iso: string): string {
  return localTime(iso, 'Asia/Shanghai');
}

/** An instant in the given zone, to the minute (e.g. 2026-03-05 14:30). */
export function localTime(iso: string, timeZone: string): string {
  const { year, month, day, hour, minute } = localParts(iso, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${year}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}`;
}

/** The wall-clock fields of an instant in a zone. */
export function localParts(
  iso: string,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = (t: string) => Number(parts.find((x) => x.type === t)?.value ?? 0);
  return { year: p('year'), month: p('month'), day: p('day'), hour: p('hour'), minute: p('minute') };
}
