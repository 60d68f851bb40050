// Chinese-first names of review stages, classes and outcomes, and the plant's clock, for text that
// leaves the server (CLI output, e-mail). The web app keeps its own in web/src/i18n.
import type { ContractClass } from '../analysis/result.js';
import type { Bilingual, ReviewOutcome } from '../review/types.js';
import type { ReviewStateName } from '../review/workflow.js';

export const STAGE_LABELS: Record<ReviewStateName, Bilingual> = {
  requirementConfirmation: { zh: '需求确认', en: 'requirement confirmation' },
  countersign: { zh: '部门会签', en: 'department countersign' },
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

/** An instant as the plant reads it: Beijing time, to the minute (e.g. 2026-11-25 09:00). */
export function beijingTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}
