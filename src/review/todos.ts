// The steps of a case that wait for one person: the to-do list is computed from the case's state,
// never stored, so it cannot drift from the review. A step is someone's to-do when the stage waits for
// it, `actorCheck` (the server's own check) lets them take it, and it is theirs to take: the case
// owner's for sales steps, the department's for its sign-off, the participant's for a meeting
// confirmation, the authorised signer's for the conclusion, the general manager's for his decisions.
import { DEPARTMENT_LABELS } from '../auth/roles.js';
import { type ActorEventType, actorCheck, type Env, signOffFor } from './case-logic.js';
import { rolesOf } from './permissions.js';
import type { Actor, Bilingual, ReviewConfig, ReviewingDepartment, SignOff } from './types.js';
import { isClosed, type ReviewState } from './workflow.js';

export const TODO_KINDS = [
  'temporary_basis',
  'confirm_requirements',
  'department_review',
  'meeting_to_organise',
  'meeting_to_attend',
  'meeting_confirmation',
  'negotiation',
  'gm_decision',
  'conclusion',
  'feedback',
  'customer_confirmation',
  'amendment_notice',
  'plan_item',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** Where on the case page the step is taken (element ids of web/src/pages/review). */
export const TODO_ANCHORS: Record<TodoKind, string> = {
  temporary_basis: 'temporary-basis',
  confirm_requirements: 'requirements',
  department_review: 'sign-review',
  meeting_to_organise: 'meeting',
  meeting_to_attend: 'meeting',
  meeting_confirmation: 'meeting',
  negotiation: 'issues',
  gm_decision: 'issues',
  conclusion: 'conclusion',
  feedback: 'feedback',
  customer_confirmation: 'customer-confirmation',
  amendment_notice: 'amendments',
  plan_item: 'planning',
};

export interface CaseTodo {
  kind: TodoKind;
  /** The department whose part it is (department reviews). */
  department: ReviewingDepartment | null;
  /** Why a department reviews: first time, after a negotiation, after an amendment. */
  trigger: SignOff['trigger'] | null;
  /** A void-and-re-sign reopened the case: the requirements are confirmed again for the new revision. */
  resign: boolean;
}

const todo = (kind: TodoKind, extra: Partial<CaseTodo> = {}): CaseTodo => ({
  kind,
  department: null,
  trigger: null,
  resign: false,
  ...extra,
});

/** The steps of this case waiting for `actor` now. */
export function caseTodos(state: ReviewState, actor: Actor, config: ReviewConfig, now: Date): CaseTodo[] {
  if (isClosed(state.value)) return [];
  const d = state.context;
  const env: Env = { now: now.toISOString(), config };
  const may = (type: ActorEventType) => actorCheck(d, type, actor, env) === null;
  const owner = actor.userId === d.owner;
  // The general manager's seat at a meeting: the GM himself or the deputy the policy names.
  const gmSeat = actor.department === 'general_manager' || config.meetingQuorum.gmDeputy === actor.userId;
  const out: CaseTodo[] = [];
  switch (state.value) {
    case 'requirementConfirmation':
      // A temporary order's review waits for its basis (临时合同依据): that is the step, not the confirmation
      // the server would refuse without it.
      if (d.contractClass === 'temporary' && !d.temporaryBasis) {
        if (owner && may('RECORD_TEMPORARY_BASIS')) out.push(todo('temporary_basis'));
      } else if (owner && may('CONFIRM_REQUIREMENTS'))
        out.push(todo('confirm_requirements', { resign: (d.revisionNo ?? 0) > 0 }));
      break;
    case 'countersign':
    case 'plannerReview':
    case 'reReview': {
      const s = signOffFor(d, actor, env);
      // Sales' part is the case owner's (the planner's for a temporary order), not every salesperson's.
      const salesOwn =
        owner || (state.value === 'plannerReview' && rolesOf(actor, config).includes('sales_planner'));
      if (s && s.status === 'pending' && (s.department !== 'sales' || salesOwn) && may('SIGN_REVIEW'))
        out.push(todo('department_review', { department: s.department, trigger: s.trigger }));
      break;
    }
    case 'meetingReview':
      // The meeting is the review of a special contract: its people confirm it, nobody signs alone.
      if (d.meeting === null) {
        if (owner && may('RECORD_MEETING')) out.push(todo('meeting_to_organise'));
        else if (gmSeat) out.push(todo('meeting_to_attend'));
      } else if (may('CONFIRM_MEETING')) out.push(todo('meeting_confirmation'));
      break;
    case 'salesNegotiation':
      if (owner && may('RECORD_NEGOTIATION')) out.push(todo('negotiation'));
      break;
    case 'gmDecision':
      if (may('GM_DECIDE')) out.push(todo('gm_decision'));
      break;
    case 'conclusion':
      // The authority the case names; the GM may sign any conclusion but is asked only for his own.
      if (rolesOf(actor, config).includes(d.conclusionAuthority) && may('SIGN_CONCLUSION'))
        out.push(todo('conclusion'));
      break;
    case 'feedbackPending':
      if (owner && may('SEND_FEEDBACK')) out.push(todo('feedback'));
      break;
    case 'awaitingCustomerConfirmation':
      if (owner && may('CUSTOMER_CONFIRMED')) out.push(todo('customer_confirmation'));
      break;
    case 'confirmed':
    case 'declined':
    case 'voided':
      break;
  }
  return out;
}

/** What the to-do asks, Chinese first, for the API and the CLI (the web app has its own catalogue). */
export function todoTitle(t: CaseTodo): Bilingual {
  switch (t.kind) {
    case 'temporary_basis':
      return {
        zh: '记录临时合同依据（原因、客户下达人、时间、方式）后才能评审',
        en: "Record the temporary contract's basis (why, who gave it, when, how) before its review",
      };
    case 'confirm_requirements':
      return t.resign
        ? {
            zh: '作废重签：确认需求后重新评审',
            en: 'Voided and re-signed: confirm the requirements for review',
          }
        : { zh: '确认客户需求并提交评审', en: 'Confirm the requirements and send them for review' };
    case 'department_review': {
      const dep = t.department ? DEPARTMENT_LABELS[t.department] : { zh: '本部门', en: 'your department' };
      return t.trigger === 'initial'
        ? { zh: `签署${dep.zh}评审意见`, en: `Sign the ${dep.en} review` }
        : { zh: `${dep.zh}重新评审（合同已变更或协商）`, en: `${dep.en}: review again after a change` };
    }
    case 'meeting_to_organise':
      return { zh: '组织特殊合同评审会议', en: 'Organise the review meeting of a special contract' };
    case 'meeting_to_attend':
      return { zh: '特殊合同待评审会议（总经理参加）', en: 'Special contract awaiting its review meeting' };
    case 'meeting_confirmation':
      return {
        zh: '确认本人出席评审会议及会议决定',
        en: 'Confirm your attendance and the meeting decisions',
      };
    case 'negotiation':
      return { zh: '与客户协商不能满足的要求', en: 'Negotiate what cannot be met with the customer' };
    case 'gm_decision':
      return { zh: '总经理决定协商未果的事项', en: 'Decide what sales could not resolve' };
    case 'conclusion':
      return { zh: '签署评审结论', en: 'Sign the review conclusion' };
    case 'feedback':
      return { zh: '48 小时内向客户反馈评审结果', en: 'Answer the customer within 48 hours' };
    case 'customer_confirmation':
      return { zh: '登记客户确认', en: "Record the customer's confirmation" };
    case 'amendment_notice':
      return {
        zh: '合同变更通知：请查看变更前后并确认知悉',
        en: 'Amendment notice: read the change and acknowledge',
      };
    case 'plan_item':
      return { zh: '完成需求计划项', en: 'Carry out a planned requirement' };
  }
}
