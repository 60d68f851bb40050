// The rules of a review case: whether an event may happen (check) and what it changes (apply).
// The state machine in workflow.ts decides *when* each event is accepted; this file decides the rest.
import { DEPARTMENT_LABELS, type Department } from '../auth/roles.js';
import {
  affectedDepartments,
  assertNever,
  departmentsToReReview,
  diffTerms,
  type FieldChange,
  isRecordableChange,
} from './amendment-diff.js';
import { departmentsForRequirement, generateChecklist, sampleSignOffNeeded } from './checklists.js';
import { countedMs, dueMilestones, type PauseInterval } from './feedback-clock.js';
import { actingDepartmentAsDeputy, actorMay, type ReviewAction, rolesOf } from './permissions.js';
import { type Refusal, refuse } from './refusals.js';
import { describeEdit } from './requirement-corrections.js';
import {
  DEFAULT_ROUTING,
  policyDepartments,
  type RoutingPolicy,
  routingTriggers,
  signingDepartments,
} from './routing-policy.js';
import {
  type Actor,
  type ArchivedRound,
  type AuditEvent,
  type Bilingual,
  type CaseData,
  type CaseRequirement,
  type CaseRouting,
  type ContractTerms,
  type Effect,
  type Issue,
  isReviewingDepartment,
  type MeetingParticipant,
  type MeetingRecord,
  type OpenCaseInput,
  REVIEWING_DEPARTMENTS,
  type Recipient,
  type RequirementEdit,
  type RequirementRevision,
  type RequirementRouting,
  type ReviewConfig,
  type ReviewEvent,
  type ReviewingDepartment,
  type Signature,
  type SignOff,
  type TemporaryBasisInput,
  type TermRequirement,
} from './types.js';

export interface Env {
  now: string;
  config: ReviewConfig;
}

const MODE_OF = { regular: 'countersign', special: 'meeting', temporary: 'sales_planner' } as const;

// ---------------------------------------------------------------- queries

export const termsOf = (d: CaseData): ContractTerms => d.versions[d.versions.length - 1]!.terms;
export const caseDepartments = (d: CaseData): ReviewingDepartment[] => d.signOffs.map((s) => s.department);
export const allSigned = (d: CaseData): boolean => d.signOffs.every((s) => s.status === 'signed');
export const hasOpenIssues = (d: CaseData): boolean => d.issues.some((i) => i.status === 'open');
export const hasReferredIssues = (d: CaseData): boolean =>
  d.issues.some((i) => i.status === 'referred_to_gm');
export const gmDeclined = (d: CaseData): boolean => d.issues.some((i) => i.gm?.decision === 'decline');
/** The meeting counts once every participant confirmed it (meetings stored before confirmations existed count). */
export const meetingHeld = (d: CaseData): boolean => d.meeting !== null && d.meeting.status !== 'proposed';
/** When the case was opened: no meeting can have been held before it. */
export const openedAt = (d: CaseData): string => d.history[0]?.at ?? d.versions[0]!.createdAt;

/**
 * Departments a class of contract cannot be reviewed without, before the order's content is known:
 * the routing policy's `required` signing departments, and for a special contract the departments
 * the meeting quorum must include (the review group is the GM and the department heads).
 */
export function requiredDepartments(cls: OpenCaseInput['contractClass'], config: ReviewConfig) {
  const required: string[] = signingDepartments(routingPolicyOf(config)[cls].required);
  if (cls === 'special') required.push(...config.meetingQuorum.mustInclude);
  return REVIEWING_DEPARTMENTS.filter((d) => d === 'sales' || required.includes(d));
}

export const routingPolicyOf = (config: ReviewConfig): RoutingPolicy => config.routing ?? DEFAULT_ROUTING;

/** The case's minimum: what the policy named for its class and content, and what the class requires. */
export function minimumDepartments(
  input: Pick<OpenCaseInput, 'contractClass' | 'minimumDepartments'>,
  config: ReviewConfig,
): ReviewingDepartment[] {
  const named = new Set<string>([
    ...signingDepartments(input.minimumDepartments ?? []),
    ...requiredDepartments(input.contractClass, config),
  ]);
  return REVIEWING_DEPARTMENTS.filter((d) => named.has(d));
}

const departmentList = (deps: readonly Department[]): Bilingual => ({
  zh: deps.map((d) => DEPARTMENT_LABELS[d].zh).join('、'),
  en: deps.map((d) => DEPARTMENT_LABELS[d].en).join(', '),
});

/**
 * Why a case may not be opened as asked, or null. The receipt time starts the 48-hour clock. No case
 * may be reviewed by fewer departments than the routing policy names for its class and content (the
 * shell gives the policy's when the caller names none); a special contract's review group may
 * besides not be smaller than the meeting quorum.
 */
export function checkOpening(
  input: Pick<
    OpenCaseInput,
    'contractClass' | 'departments' | 'receivedAt' | 'minimumDepartments' | 'temporaryBasis'
  >,
  env: Env,
): Refusal | null {
  if (Date.parse(input.receivedAt) > Date.parse(env.now)) return refuse('RECEIVED_IN_FUTURE');
  if (input.temporaryBasis) {
    if (input.contractClass !== 'temporary') return refuse('NOT_TEMPORARY_CONTRACT');
    const wrong = checkTemporaryBasis(input.temporaryBasis, env);
    if (wrong) return wrong;
  }
  // Sales reviews every case (openCase adds it).
  const departments = new Set<string>([...input.departments, 'sales']);
  const missing = minimumDepartments(input, env.config).filter((d) => !departments.has(d));
  if (missing.length > 0) {
    const list = departmentList(missing);
    const group =
      input.contractClass === 'special'
        ? {
            zh: '；特殊合同由总经理和各部门负责人组成的评审组评审',
            en: '; a special contract is reviewed by the GM and the department heads',
          }
        : { zh: '', en: '' };
    return refuse(
      'REQUIRED_DEPARTMENTS_MISSING',
      {
        zh: `${CLASS_ZH[input.contractClass]}合同缺少：${list.zh}${group.zh}`,
        en: `${input.contractClass} contract, missing: ${list.en}${group.en}`,
      },
      missing,
    );
  }
  if (input.contractClass === 'special') {
    const group = new Set([
      ...input.departments.filter(isReviewingDepartment),
      'sales',
      ...(env.config.financeAlwaysReviews ? ['finance'] : []),
      'general_manager',
    ]);
    if (group.size < env.config.meetingQuorum.minDepartments)
      return refuse('REQUIRED_DEPARTMENTS_MISSING', {
        zh: `评审组至少须有 ${env.config.meetingQuorum.minDepartments} 个部门`,
        en: `the review group needs at least ${env.config.meetingQuorum.minDepartments} departments`,
      });
  }
  return null;
}

/** What a temporary contract's basis must say: why, who, and a time that has passed. */
function checkTemporaryBasis(b: TemporaryBasisInput, env: Env): Refusal | null {
  if (blank(b.reason) || blank(b.statedBy))
    return refuse('INVALID_INPUT', {
      zh: '请写明为何按临时合同处理及客户下达人',
      en: 'state why the contract is temporary and who gave it',
    });
  return Date.parse(b.statedAt) > Date.parse(env.now) ? refuse('TIME_IN_FUTURE') : null;
}

const CHANNEL_ZH = { verbal: '口头', phone: '电话', letter: '信函' } as const;

/**
 * Whether the actor may stand for `department`: `own` when it is their department, `deputy` when they
 * are its registered deputy (or, for the general manager's seat, the meeting deputy the policy names),
 * null when they may not.
 */
export function standsFor(
  actor: Actor,
  department: Department,
  config: ReviewConfig,
): 'own' | 'deputy' | null {
  if (actor.department === department) return 'own';
  if (actingDepartmentAsDeputy(actor, config) === department) return 'deputy';
  if (department === 'general_manager' && config.meetingQuorum.gmDeputy === actor.userId) return 'deputy';
  return null;
}

export function currentPauses(d: CaseData): PauseInterval[] {
  return d.clock.pauses;
}

/** The routing fields a requirement carries, only when set (cases without them stay as stored). */
function routingOf(r: RequirementRouting): RequirementRouting {
  return {
    ...(r.departments?.length ? { departments: r.departments } : {}),
    ...(r.basis ? { basis: r.basis } : {}),
  };
}

function termRequirements(reqs: CaseRequirement[]): TermRequirement[] {
  return reqs
    .filter((r) => r.status !== 'rejected')
    .map((r) => ({
      id: r.id,
      text: r.text,
      category: r.category,
      kind: r.kind,
      special: r.special,
      ...routingOf(r),
    }));
}

function withCurrentTerms(d: CaseData, terms: ContractTerms): CaseData['versions'] {
  const versions = [...d.versions];
  const last = versions[versions.length - 1]!;
  versions[versions.length - 1] = { ...last, terms };
  return versions;
}

// ---------------------------------------------------------------- opening

export function openCase(input: OpenCaseInput, env: Env): CaseData {
  const requirements: CaseRequirement[] = input.requirements.map((r, i) => ({
    id: `R${i + 1}`,
    text: r.text,
    category: r.category,
    kind: r.kind,
    special: r.special,
    priority: r.priority,
    ...routingOf(r),
    status: 'proposed',
    version: 1,
    history: [
      { version: 1, at: env.now, by: r.basis ? 'register' : 'analysis', change: 'created', before: null },
    ],
  }));
  const departments = new Set<ReviewingDepartment>(input.departments.filter(isReviewingDepartment));
  departments.add('sales');
  if (env.config.financeAlwaysReviews) departments.add('finance');
  const terms: ContractTerms = { ...input.terms, requirements: termRequirements(requirements) };
  const csr = input.csr ?? [];
  // A CSR entry is answered by the department it names: that department reviews the case.
  for (const c of csr) departments.add(c.department);
  const signOffs = REVIEWING_DEPARTMENTS.filter((d) => departments.has(d)).map((d) =>
    blankSignOff(d, terms, 1, 'initial', 1, {
      csr,
      samplesAreAcceptanceStandard: input.samplesAreAcceptanceStandard,
    }),
  );
  const minimum = minimumDepartments(input, env.config).filter((d) => departments.has(d));
  const data: CaseData = {
    caseId: input.caseId,
    revisionNo: 0,
    contractClass: input.contractClass,
    reasons: input.reasons ?? [],
    mode: MODE_OF[input.contractClass],
    owner: input.owner,
    receivedAt: input.receivedAt,
    samplesAreAcceptanceStandard: input.samplesAreAcceptanceStandard,
    revision: 1,
    contractVersion: 1,
    versions: [{ version: 1, terms, createdAt: env.now, createdBy: input.owner, amendment: null }],
    requirements,
    openQuestions: [],
    signOffs,
    meeting: null,
    issues: [],
    writtenConfirmation: null,
    conclusion: null,
    feedback: null,
    customerConfirmation: null,
    voided: null,
    conclusionAuthority: env.config.conclusionAuthority[input.contractClass],
    clock: { pauses: [], fired: [] },
    archive: [],
    routing: { minimum, triggers: input.routingTriggers ?? [], changes: [] },
    csr,
    temporaryBasis:
      input.contractClass === 'temporary' && input.temporaryBasis
        ? { ...input.temporaryBasis, recordedBy: input.owner, recordedAt: env.now }
        : null,
    history: [],
    outbox: [],
    now: env.now,
  };
  return record(
    data,
    null,
    'case_opened',
    { zh: '评审案件已创建', en: 'Review case opened' },
    null,
    {
      class: input.contractClass,
      departments: caseDepartments(data),
      minimum,
      triggers: input.routingTriggers ?? [],
      csr: csr.map((c) => ({ id: c.id, department: c.department })),
    },
    [notify({ type: 'user', userId: input.owner }, 'review_requested', confirmMsg(data.caseId))],
  );
}

function confirmMsg(caseId: string): Bilingual {
  return {
    zh: `请确认案件 ${caseId} 的客户需求。`,
    en: `Please confirm the customer requirements of case ${caseId}.`,
  };
}

/** What a department's checklist draws on besides the terms: the CSR entries, a sample as the standard. */
type ChecklistScope = Pick<CaseData, 'csr' | 'samplesAreAcceptanceStandard'>;

const checklistOf = (scope: ChecklistScope, department: ReviewingDepartment, terms: ContractTerms) =>
  generateChecklist(department, terms, scope.csr, scope.samplesAreAcceptanceStandard);

/**
 * Whether the goods are accepted against a sample, so the customer's sample sign-off (封样) is part
 * of the contract: said so when the case was opened, or a requirement under review says it.
 */
export function samplesAreStandard(d: CaseData): boolean {
  return d.samplesAreAcceptanceStandard || sampleSignOffNeeded(termsOf(d));
}

function blankSignOff(
  department: ReviewingDepartment,
  terms: ContractTerms,
  contractVersion: number,
  trigger: SignOff['trigger'],
  round: number,
  scope: ChecklistScope,
): SignOff {
  return {
    department,
    status: 'pending',
    round,
    trigger,
    checklist: checklistOf(scope, department, terms),
    answers: {},
    outcome: null,
    conditions: null,
    reason: null,
    cannotMeetRequirementIds: [],
    signature: null,
    via: null,
    contractVersion,
    previous: [],
  };
}

function resetSignOff(
  s: SignOff,
  terms: ContractTerms,
  version: number,
  trigger: SignOff['trigger'],
  scope: ChecklistScope,
): SignOff {
  const { previous, ...kept } = s;
  const history = s.status === 'signed' ? [...previous, kept] : previous;
  return { ...blankSignOff(s.department, terms, version, trigger, s.round + 1, scope), previous: history };
}

// ---------------------------------------------------------------- effects helpers

export function notify(
  to: Recipient,
  kind: Extract<Effect, { type: 'notify' }>['kind'],
  message: Bilingual,
): Effect {
  return { type: 'notify', to, kind, message };
}

function record(
  d: CaseData,
  by: string | null,
  event: AuditEvent,
  summary: Bilingual,
  before: unknown,
  after: unknown,
  extra: Effect[] = [],
): CaseData {
  const revision = d.revision + (d.history.length === 0 ? 0 : 1);
  return {
    ...d,
    revision,
    history: [...d.history, { revision, at: d.now, by, event, summary }],
    outbox: [...d.outbox, { type: 'audit', event, by, at: d.now, before, after }, ...extra],
  };
}

const label = (d: ReviewingDepartment) => DEPARTMENT_LABELS[d];

// ---------------------------------------------------------------- check

/** A step a person takes on a case (every event but the clock's). */
export type ActorEventType = Exclude<ReviewEvent['type'], 'CLOCK_TICK'>;

const ACTION_OF: Record<ActorEventType, ReviewAction> = {
  EDIT_REQUIREMENTS: 'edit_requirements',
  ASK_CUSTOMER: 'ask_customer',
  CUSTOMER_ANSWERED: 'ask_customer',
  CONFIRM_REQUIREMENTS: 'confirm_requirements',
  SIGN_REVIEW: 'sign_department_review',
  RECORD_MEETING: 'record_meeting',
  CONFIRM_MEETING: 'confirm_meeting',
  RECORD_NEGOTIATION: 'record_negotiation',
  GM_DECIDE: 'gm_decide',
  SIGN_CONCLUSION: 'sign_conclusion',
  SEND_FEEDBACK: 'send_feedback',
  CUSTOMER_CONFIRMED: 'record_customer_confirmation',
  AMEND: 'amend',
  VOID: 'void',
  ADD_DEPARTMENT: 'route_departments',
  REMOVE_DEPARTMENT: 'route_departments',
  RECORD_TEMPORARY_BASIS: 'record_temporary_basis',
};

/** The departments the case may not lose: the policy's minimum (cases opened before it: the class's). */
export function caseMinimum(d: CaseData, config: ReviewConfig): ReviewingDepartment[] {
  const minimum = new Set<ReviewingDepartment>(
    d.routing?.minimum ?? requiredDepartments(d.contractClass, config),
  );
  minimum.add('sales');
  return REVIEWING_DEPARTMENTS.filter((dep) => minimum.has(dep));
}

/**
 * The case is its owner's to run: the salesperson who opened it, a sales manager (a `review_roles`
 * title) or the general manager stand in for them. Users carry no personal deputy (a registered
 * deputy stands in for a department's signature, not for a colleague's case), so none is asked.
 */
const isOwnerOrManager = (d: CaseData, actor: Actor, env: Env) => {
  if (actor.userId === d.owner) return true;
  const roles = rolesOf(actor, env.config);
  return roles.includes('sales_manager') || roles.includes('general_manager');
};

/**
 * Why the owner may no longer correct the requirement list, or null while they may: a department
 * signed this round (or the meeting minutes, which decide on each requirement, were proposed).
 */
export function requirementsLocked(d: CaseData): Refusal | null {
  if (d.signOffs.some((s) => s.status === 'signed')) return refuse('REQUIREMENTS_LOCKED');
  if (d.meeting !== null)
    return refuse('REQUIREMENTS_LOCKED', {
      zh: '评审会议纪要已提交',
      en: 'the review meeting minutes were proposed',
    });
  return null;
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/** What a step is aimed at, where the actor's right depends on it; absent = whichever the actor could take. */
export interface StepTarget {
  department?: ReviewingDepartment;
  issueId?: string;
}

/** The pending sign-off the actor would sign: their own department's, else the one they deputise for. */
export function signOffFor(d: CaseData, actor: Actor, env: Env): SignOff | null {
  const mine = d.signOffs.filter((s) => s.department === actor.department);
  const deputy = d.signOffs.filter((s) => actingDepartmentAsDeputy(actor, env.config) === s.department);
  return [...mine, ...deputy].find((s) => s.status === 'pending') ?? mine[0] ?? deputy[0] ?? null;
}

/**
 * Whether this actor may take the step on this case, apart from what they send with it: their role,
 * whether the case is theirs, their department, their seat at the meeting, their authority. `check`
 * asks it first; the case page asks it (through the case view) before it offers a button, so a button
 * is shown exactly when the server would not answer 403 for who is asking.
 */
export function actorCheck(
  d: CaseData,
  type: ActorEventType,
  actor: Actor,
  env: Env,
  target: StepTarget = {},
): Refusal | null {
  if (!actorMay(actor, env.config, ACTION_OF[type])) return refuse('NOT_PERMITTED');
  switch (type) {
    case 'EDIT_REQUIREMENTS':
      // What the departments sign is the list as it stands: once one signed, it changes only by amendment.
      return isOwnerOrManager(d, actor, env) ? requirementsLocked(d) : refuse('NOT_CASE_OWNER');
    case 'CONFIRM_REQUIREMENTS':
    case 'RECORD_MEETING':
    case 'SEND_FEEDBACK':
    case 'ADD_DEPARTMENT':
    case 'REMOVE_DEPARTMENT':
      // The case owner organises; each participant confirms in their own session (CONFIRM_MEETING).
      return isOwnerOrManager(d, actor, env) ? null : refuse('NOT_CASE_OWNER');
    case 'RECORD_TEMPORARY_BASIS':
      if (d.contractClass !== 'temporary') return refuse('NOT_TEMPORARY_CONTRACT');
      return isOwnerOrManager(d, actor, env) ? null : refuse('NOT_CASE_OWNER');
    case 'SIGN_REVIEW': {
      const department = target.department ?? signOffFor(d, actor, env)?.department ?? actor.department;
      const own = actor.department === department;
      const deputy = actingDepartmentAsDeputy(actor, env.config) === department;
      if (!own && !deputy) return refuse('WRONG_DEPARTMENT');
      const s = d.signOffs.find((x) => x.department === department);
      if (!s) return refuse('NOT_REQUIRED_DEPARTMENT');
      return s.status === 'signed' ? refuse('ALREADY_SIGNED') : null;
    }
    case 'CONFIRM_MEETING': {
      if (d.meeting === null || meetingHeld(d)) return refuse('NO_MEETING_PROPOSED');
      const mine = d.meeting.participants.find((p) => p.userId === actor.userId);
      if (!mine) return refuse('NOT_A_PARTICIPANT');
      if (mine.confirmedAt !== null) return refuse('ALREADY_CONFIRMED');
      return standsFor(actor, mine.department, env.config) === null
        ? refuse('NOT_YOUR_MEETING_DEPARTMENT')
        : null;
    }
    case 'RECORD_NEGOTIATION':
    case 'GM_DECIDE': {
      // Talking to the customer is the owner's; the GM's decision is his, whoever owns the case.
      if (type === 'RECORD_NEGOTIATION' && !isOwnerOrManager(d, actor, env)) return refuse('NOT_CASE_OWNER');
      const status = type === 'GM_DECIDE' ? 'referred_to_gm' : 'open';
      const issue =
        target.issueId === undefined
          ? d.issues.find((i) => i.status === status)
          : d.issues.find((i) => i.id === target.issueId);
      if (!issue) return refuse('UNKNOWN_ISSUE');
      if (issue.status !== status)
        return refuse(type === 'GM_DECIDE' ? 'ISSUE_NOT_WITH_GM' : 'ISSUE_NOT_WITH_SALES');
      return null;
    }
    case 'SIGN_CONCLUSION': {
      const roles = rolesOf(actor, env.config);
      // The general manager outranks the sales manager; the reverse never holds.
      return !roles.includes(d.conclusionAuthority) && !roles.includes('general_manager')
        ? refuse('NOT_AUTHORISED_SIGNER')
        : null;
    }
    case 'ASK_CUSTOMER':
    case 'CUSTOMER_ANSWERED':
    case 'CUSTOMER_CONFIRMED':
    case 'AMEND':
    case 'VOID':
      // What the customer is asked, answers and confirms, and what the contract becomes, is the case
      // owner's to record: another salesperson's entry would speak for a customer they do not handle.
      return isOwnerOrManager(d, actor, env) ? null : refuse('NOT_CASE_OWNER');
    default:
      return assertNever(type);
  }
}

function checkEdit(d: CaseData, edit: RequirementEdit): Refusal | null {
  if (edit.op === 'add') return blank(edit.text) ? refuse('INVALID_INPUT') : null;
  const r = d.requirements.find((x) => x.id === edit.requirementId);
  if (!r) return refuse('UNKNOWN_REQUIREMENT');
  switch (edit.op) {
    case 'edit':
      return edit.text !== undefined && blank(edit.text) ? refuse('INVALID_INPUT') : null;
    case 'accept':
      return null;
    case 'reject':
      return blank(edit.reason) ? refuse('REJECTION_REASON_REQUIRED') : null;
    case 'merge': {
      const duplicate = d.requirements.find((x) => x.id === edit.duplicateId);
      if (!duplicate) return refuse('UNKNOWN_REQUIREMENT');
      if (duplicate.id === r.id || r.status === 'rejected' || duplicate.status === 'rejected')
        return refuse('REQUIREMENT_NOT_MERGEABLE');
      return edit.text !== undefined && blank(edit.text) ? refuse('INVALID_INPUT') : null;
    }
    default:
      return assertNever(edit);
  }
}

const targetOf = (e: ReviewEvent): StepTarget =>
  e.type === 'SIGN_REVIEW'
    ? { department: e.department }
    : e.type === 'RECORD_NEGOTIATION' || e.type === 'GM_DECIDE'
      ? { issueId: e.issueId }
      : {};

/** Why the event may not be applied to this case, or null when it may. Never throws. */
export function check(d: CaseData, e: ReviewEvent, env: Env): Refusal | null {
  if (e.type === 'CLOCK_TICK') return null;
  const who = actorCheck(d, e.type, e.actor, env, targetOf(e));
  if (who) return who;
  switch (e.type) {
    case 'EDIT_REQUIREMENTS':
    case 'CONFIRM_REQUIREMENTS': {
      if (e.type === 'CONFIRM_REQUIREMENTS') {
        if (d.requirements.some((r) => r.status === 'proposed')) return refuse('REQUIREMENTS_UNSETTLED');
        // The planner reviews a temporary order only with its basis on record (the procedure's 临时合同).
        return d.contractClass === 'temporary' && !d.temporaryBasis
          ? refuse('TEMPORARY_BASIS_MISSING')
          : null;
      }
      for (const edit of e.edits) {
        const refusal = checkEdit(d, edit);
        if (refusal) return refusal;
      }
      return e.edits.length === 0 ? refuse('INVALID_INPUT') : null;
    }
    case 'ASK_CUSTOMER':
      if (blank(e.question)) return refuse('INVALID_INPUT');
      if (e.requirementId !== undefined && !d.requirements.some((r) => r.id === e.requirementId))
        return refuse('UNKNOWN_REQUIREMENT');
      return null;
    case 'CUSTOMER_ANSWERED': {
      const q = d.openQuestions.find((x) => x.id === e.questionId);
      if (!q || q.answeredAt !== null) return refuse('UNKNOWN_QUESTION');
      return blank(e.answer) ? refuse('INVALID_INPUT') : null;
    }
    case 'SIGN_REVIEW': {
      const s = d.signOffs.find((x) => x.department === e.department)!;
      if (e.contractVersion !== d.contractVersion) return refuse('STALE_VERSION');
      if (e.outcome === 'cannot_meet' && blank(e.reason)) return refuse('REASON_REQUIRED');
      if (e.outcome === 'can_meet_with_conditions' && blank(e.conditions))
        return refuse('CONDITIONS_REQUIRED');
      for (const id of e.cannotMeetRequirementIds ?? [])
        if (!d.requirements.some((r) => r.id === id)) return refuse('UNKNOWN_REQUIREMENT');
      if (s.checklist.some((item) => e.answers[item.id] === undefined)) return refuse('CHECKLIST_INCOMPLETE');
      return null;
    }
    case 'RECORD_MEETING': {
      if (meetingHeld(d)) return refuse('NOT_ALLOWED_IN_STATE');
      const heldAt = Date.parse(e.heldAt);
      if (heldAt > Date.parse(env.now)) return refuse('TIME_IN_FUTURE');
      if (heldAt < Date.parse(openedAt(d))) return refuse('TIME_BEFORE_CASE');
      const people = new Set(e.participants.map((p) => p.userId));
      if (people.size !== e.participants.length) return refuse('DUPLICATE_PARTICIPANT');
      const inCase = new Set<Department>([...caseDepartments(d), 'general_manager']);
      const outsider = e.participants.find((p) => !inCase.has(p.department));
      if (outsider)
        return refuse('PARTICIPANT_NOT_IN_CASE', {
          zh: DEPARTMENT_LABELS[outsider.department].zh,
          en: DEPARTMENT_LABELS[outsider.department].en,
        });
      const present = new Set(e.participants.map((p) => p.department));
      if (d.mode === 'meeting' && !present.has('general_manager')) return refuse('GM_NOT_IN_MEETING');
      const q = env.config.meetingQuorum;
      if (present.size < q.minDepartments || q.mustInclude.some((dep) => !present.has(dep)))
        return refuse('QUORUM_NOT_MET');
      if (blank(e.minutes)) return refuse('INVALID_INPUT');
      for (const r of d.requirements.filter((x) => x.status === 'accepted')) {
        const decision = e.decisions.find((x) => x.requirementId === r.id);
        if (!decision) return refuse('DECISION_MISSING');
        if (decision.outcome === 'cannot_meet' && (decision.departments.length === 0 || blank(decision.note)))
          return refuse('DECISION_MISSING');
      }
      return null;
    }
    case 'CONFIRM_MEETING':
      return null;
    case 'RECORD_NEGOTIATION': {
      if (blank(e.summary) || blank(e.contact.name)) return refuse('INVALID_INPUT');
      if (e.requirementUpdate && !d.requirements.some((r) => r.id === e.requirementUpdate?.requirementId))
        return refuse('UNKNOWN_REQUIREMENT');
      return null;
    }
    case 'GM_DECIDE':
      return blank(e.rationale) ? refuse('INVALID_INPUT') : null;
    case 'SIGN_CONCLUSION': {
      if (e.contractVersion !== d.contractVersion) return refuse('STALE_VERSION');
      if (gmDeclined(d) && e.decision !== 'decline') return refuse('CONCLUSION_CONTRADICTS_GM');
      if (e.decision === 'accept_with_deviations' && blank(e.deviations))
        return refuse('DEVIATIONS_REQUIRED');
      return null;
    }
    case 'SEND_FEEDBACK':
      return null;
    case 'CUSTOMER_CONFIRMED':
      if (blank(e.reference)) return refuse('INVALID_INPUT');
      if (samplesAreStandard(d) && e.sampleSignedOff !== true) return refuse('SAMPLE_SIGNOFF_REQUIRED');
      return null;
    case 'AMEND': {
      if (blank(e.reason)) return refuse('INVALID_INPUT');
      const changes = diffTerms(termsOf(d), e.terms);
      if (changes.length === 0) return refuse('NO_CHANGES');
      if (e.kind === 'change_record' && !isRecordableChange(changes))
        return refuse('AMENDMENT_NOT_RECORDABLE');
      return null;
    }
    case 'VOID':
      return blank(e.reason) ? refuse('INVALID_INPUT') : null;
    case 'RECORD_TEMPORARY_BASIS':
      return checkTemporaryBasis(e, env);
    case 'ADD_DEPARTMENT':
    case 'REMOVE_DEPARTMENT': {
      if (!isReviewingDepartment(e.department)) return refuse('NOT_A_REVIEWING_DEPARTMENT');
      if (blank(e.reason)) return refuse('INVALID_INPUT', { zh: '请写明原因', en: 'state the reason' });
      const s = d.signOffs.find((x) => x.department === e.department);
      const name = departmentList([e.department]);
      if (e.type === 'ADD_DEPARTMENT') return s ? refuse('DEPARTMENT_ALREADY_IN_CASE', name) : null;
      if (!s) return refuse('NOT_REQUIRED_DEPARTMENT', name);
      if (caseMinimum(d, env.config).includes(e.department))
        return refuse('DEPARTMENT_REQUIRED_BY_POLICY', name, [e.department]);
      if ((d.csr ?? []).some((c) => c.department === e.department))
        return refuse(
          'DEPARTMENT_REQUIRED_BY_POLICY',
          {
            zh: `${name.zh}须答复客户特殊要求`,
            en: `${name.en} must answer a customer-specific requirement`,
          },
          [e.department],
        );
      if (s.status === 'signed') return refuse('DEPARTMENT_ALREADY_SIGNED', name);
      if (d.meeting?.participants.some((p) => p.department === e.department))
        return refuse('NOT_ALLOWED_IN_STATE', {
          zh: `会议纪要列有${name.zh}，请先修改纪要`,
          en: `the proposed minutes name ${name.en}; revise them first`,
        });
      return null;
    }
    default:
      return assertNever(e);
  }
}

// ---------------------------------------------------------------- apply

function signatureOf(actor: Actor, env: Env, department: ReviewingDepartment): Signature {
  const deputy = actor.department !== department ? actingDepartmentAsDeputy(actor, env.config) : null;
  return { userId: actor.userId, department: actor.department, deputyFor: deputy, at: env.now };
}

function closePauses(pauses: PauseInterval[], reason: string, at: string): PauseInterval[] {
  return pauses.map((p) => (p.reason === reason && p.to === null ? { ...p, to: at } : p));
}

function editRequirement(
  r: CaseRequirement,
  by: string,
  at: string,
  change: CaseRequirement['history'][number]['change'],
  patch: Partial<Omit<CaseRequirement, 'id' | 'history' | 'version'>>,
  note: Pick<RequirementRevision, 'reason' | 'mergedWith'> = {},
): CaseRequirement {
  const { history, ...before } = r;
  const version = r.version + 1;
  const why = {
    ...(note.reason?.trim() ? { reason: note.reason.trim() } : {}),
    ...(note.mergedWith ? { mergedWith: note.mergedWith } : {}),
  };
  return { ...r, ...patch, version, history: [...history, { version, at, by, change, before, ...why }] };
}

/** One correction applied to the list; the id a new requirement got, for the history's words. */
function applyEdit(
  reqs: CaseRequirement[],
  edit: RequirementEdit,
  by: string,
  at: string,
): { reqs: CaseRequirement[]; addedId: string | null } {
  if (edit.op === 'add') {
    const id = `R${reqs.length + 1}`;
    const reason = edit.reason?.trim();
    const added: CaseRequirement = {
      id,
      text: edit.text,
      category: edit.category,
      kind: edit.kind,
      special: edit.special ?? false,
      priority: edit.priority ?? 'normal',
      status: 'accepted',
      version: 1,
      history: [{ version: 1, at, by, change: 'created', before: null, ...(reason ? { reason } : {}) }],
    };
    return { reqs: [...reqs, added], addedId: id };
  }
  const map = (id: string, f: (r: CaseRequirement) => CaseRequirement) =>
    reqs.map((r) => (r.id === id ? f(r) : r));
  switch (edit.op) {
    case 'accept':
      return {
        reqs: map(edit.requirementId, (r) => editRequirement(r, by, at, 'accepted', { status: 'accepted' })),
        addedId: null,
      };
    case 'reject':
      return {
        reqs: map(edit.requirementId, (r) =>
          editRequirement(r, by, at, 'rejected', { status: 'rejected' }, { reason: edit.reason }),
        ),
        addedId: null,
      };
    case 'edit': {
      const { op: _op, requirementId: _id, reason, ...patch } = edit;
      return {
        reqs: map(edit.requirementId, (r) => editRequirement(r, by, at, 'edited', patch, { reason })),
        addedId: null,
      };
    }
    case 'merge': {
      const kept = map(edit.requirementId, (r) =>
        editRequirement(r, by, at, 'merged', edit.text !== undefined ? { text: edit.text } : {}, {
          reason: edit.reason,
          mergedWith: edit.duplicateId,
        }),
      );
      const merged = kept.map((r) =>
        r.id === edit.duplicateId
          ? editRequirement(
              r,
              by,
              at,
              'merged',
              { status: 'rejected', mergedInto: edit.requirementId },
              { reason: edit.reason, mergedWith: edit.requirementId },
            )
          : r,
      );
      return { reqs: merged, addedId: null };
    }
    default:
      return assertNever(edit);
  }
}

/**
 * The requirements an edit rewrites (their category may call a department in). Accepting the
 * analysis's proposal leaves it to the departments the case was routed to.
 */
const touchedBy = (edit: RequirementEdit, addedId: string | null): string[] =>
  edit.op === 'add' ? [addedId!] : edit.op === 'edit' || edit.op === 'merge' ? [edit.requirementId] : [];

/**
 * The corrected list as the departments will review it: every checklist rebuilt from it (nobody has
 * signed yet), and a department brought in where a corrected requirement's category belongs to none
 * of the case's departments, so no accepted requirement goes unreviewed.
 */
function routeCorrected(
  d: CaseData,
  terms: ContractTerms,
  touched: Set<string>,
  by: string,
): Pick<CaseData, 'signOffs' | 'routing'> {
  const inCase = new Set<ReviewingDepartment>(caseDepartments(d));
  const calledIn = new Map<ReviewingDepartment, string[]>();
  for (const r of terms.requirements.filter((x) => touched.has(x.id))) {
    const deps = departmentsForRequirement(r);
    if (deps.some((x) => inCase.has(x) || calledIn.has(x))) continue;
    calledIn.set(deps[0]!, [...(calledIn.get(deps[0]!) ?? []), r.id]);
  }
  const signOffs = [
    ...d.signOffs.map((s) => ({ ...s, checklist: checklistOf(d, s.department, terms) })),
    ...[...calledIn.keys()].map((dep) => blankSignOff(dep, terms, d.contractVersion, 'initial', 1, d)),
  ].sort((a, b) => REVIEWING_DEPARTMENTS.indexOf(a.department) - REVIEWING_DEPARTMENTS.indexOf(b.department));
  if (calledIn.size === 0) return { signOffs, routing: d.routing };
  const changes = [...calledIn].map(([department, ids]) => ({
    op: 'add' as const,
    department,
    reason: `需求修订：${ids.join('、')} 须由${label(department).zh}评审 / requirement correction: ${ids.join(', ')} need ${label(department).en}`,
    by,
    at: d.now,
  }));
  return {
    signOffs,
    routing: {
      minimum: d.routing?.minimum ?? [],
      triggers: d.routing?.triggers ?? [],
      changes: [...(d.routing?.changes ?? []), ...changes],
    },
  };
}

/**
 * A correction during the department reviews (no one has signed): departments it brings in are
 * asked at once, as when the owner adds one by hand.
 */
export function applyCorrectionInReview(d: CaseData, e: ReviewEvent, env: Env): CaseData {
  const next = apply(d, e, env);
  return next.signOffs
    .filter((s) => !d.signOffs.some((x) => x.department === s.department))
    .reduce((c, s) => notifyAdded(c, s.department), next);
}

/** Apply an event that `check` accepted. Pure: returns a new case with effects in its outbox. */
export function apply(d0: CaseData, e: ReviewEvent, env: Env): CaseData {
  const d: CaseData = { ...d0, now: env.now };
  switch (e.type) {
    case 'EDIT_REQUIREMENTS': {
      let reqs = d.requirements;
      const touched = new Set<string>();
      const said: Bilingual[] = [];
      for (const edit of e.edits) {
        const step = applyEdit(reqs, edit, e.actor.userId, env.now);
        said.push(describeEdit(edit, reqs, step.addedId));
        for (const id of touchedBy(edit, step.addedId)) touched.add(id);
        reqs = step.reqs;
      }
      const terms = { ...termsOf(d), requirements: termRequirements(reqs) };
      const routed = routeCorrected(d, terms, touched, e.actor.userId);
      const added = routed.signOffs.filter((s) => !d.signOffs.some((x) => x.department === s.department));
      return record(
        { ...d, ...routed, requirements: reqs, versions: withCurrentTerms(d, terms) },
        e.actor.userId,
        'requirements_edited',
        {
          zh: said.map((x) => x.zh).join('；'),
          en: said.map((x) => x.en).join('; '),
        },
        d.requirements.map(({ history: _h, ...r }) => r),
        {
          // The edits carry the reasons; the list is what the departments now review.
          edits: e.edits,
          requirements: reqs.map(({ history: _h, ...r }) => r),
          ...(added.length ? { departmentsAdded: added.map((s) => s.department) } : {}),
        },
      );
    }
    case 'ASK_CUSTOMER': {
      const id = `Q${d.openQuestions.length + 1}`;
      const question = {
        id,
        text: e.question,
        requirementId: e.requirementId ?? null,
        askedAt: env.now,
        askedBy: e.actor.userId,
        answeredAt: null,
        answer: null,
      };
      const pauses =
        env.config.clock.pauseWhileAwaitingCustomer && d.feedback === null
          ? [...d.clock.pauses, { from: env.now, to: null, reason: `question:${id}` }]
          : d.clock.pauses;
      return record(
        { ...d, openQuestions: [...d.openQuestions, question], clock: { ...d.clock, pauses } },
        e.actor.userId,
        'question_asked',
        { zh: `向客户提问：${e.question}`, en: `Question to the customer: ${e.question}` },
        null,
        question,
      );
    }
    case 'CUSTOMER_ANSWERED': {
      const openQuestions = d.openQuestions.map((q) =>
        q.id === e.questionId ? { ...q, answeredAt: env.now, answer: e.answer } : q,
      );
      const pauses = closePauses(d.clock.pauses, `question:${e.questionId}`, env.now);
      return record(
        { ...d, openQuestions, clock: { ...d.clock, pauses } },
        e.actor.userId,
        'question_answered',
        { zh: `客户答复 ${e.questionId}`, en: `Customer answered ${e.questionId}` },
        null,
        { questionId: e.questionId, answer: e.answer },
      );
    }
    case 'CONFIRM_REQUIREMENTS': {
      const terms = { ...termsOf(d), requirements: termRequirements(d.requirements) };
      const signOffs = d.signOffs.map((s) => ({
        ...s,
        checklist: checklistOf(d, s.department, terms),
      }));
      return record(
        { ...d, signOffs, versions: withCurrentTerms(d, terms) },
        e.actor.userId,
        'requirements_confirmed',
        { zh: '需求已确认，进入评审', en: 'Requirements confirmed; review starts' },
        null,
        terms.requirements,
      );
    }
    case 'SIGN_REVIEW': {
      const before = d.signOffs.find((s) => s.department === e.department)!;
      const signed: SignOff = {
        ...before,
        status: 'signed',
        answers: e.answers,
        outcome: e.outcome,
        conditions: e.outcome === 'can_meet_with_conditions' ? (e.conditions ?? null) : null,
        reason: e.outcome === 'cannot_meet' ? (e.reason ?? null) : null,
        cannotMeetRequirementIds: e.outcome === 'cannot_meet' ? (e.cannotMeetRequirementIds ?? []) : [],
        signature: signatureOf(e.actor, env, e.department),
        via: 'signature',
      };
      // Before the meeting, opinions are input to it; the meeting's decisions raise the issues.
      const raisesIssues = e.outcome === 'cannot_meet' && (d.mode !== 'meeting' || meetingHeld(d));
      const ids = signed.cannotMeetRequirementIds.length > 0 ? signed.cannotMeetRequirementIds : [null];
      const issues = raisesIssues
        ? [...d.issues, ...ids.map((rid, i) => newIssue(d, i, e.department, rid, e.reason ?? '', env.now))]
        : d.issues;
      return record(
        { ...d, issues, signOffs: d.signOffs.map((s) => (s.department === e.department ? signed : s)) },
        e.actor.userId,
        'review_signed',
        {
          zh: `${label(e.department).zh}评审已签署：${OUTCOME_ZH[e.outcome]}`,
          en: `${label(e.department).en} review signed: ${e.outcome}`,
        },
        { status: before.status },
        { status: 'signed', outcome: e.outcome, conditions: signed.conditions, reason: signed.reason },
      );
    }
    case 'RECORD_MEETING': {
      const meeting: MeetingRecord = {
        status: 'proposed',
        heldAt: e.heldAt,
        participants: e.participants.map((p) => ({ ...p, confirmedAt: null, ownDepartment: null })),
        minutes: e.minutes,
        decisions: e.decisions,
        recordedBy: e.actor.userId,
        recordedAt: env.now,
      };
      // A revised proposal replaces the earlier one; confirmations given to it no longer hold.
      return record(
        { ...d, meeting },
        e.actor.userId,
        'meeting_proposed',
        {
          zh: d.meeting ? '评审会议纪要已修改，待参加人重新确认' : '评审会议纪要已提交，待参加人确认',
          en: d.meeting
            ? 'Meeting minutes revised; participants must confirm again'
            : 'Meeting minutes proposed; awaiting the participants’ confirmation',
        },
        d.meeting,
        meeting,
        e.participants.map((p) =>
          notify({ type: 'user', userId: p.userId }, 'meeting_confirmation_needed', {
            zh: `请确认您出席了合同 ${d.caseId} 的评审会议及会议决定。`,
            en: `Please confirm your attendance at the review meeting of contract ${d.caseId} and its decisions.`,
          }),
        ),
      );
    }
    case 'CONFIRM_MEETING': {
      const proposed = d.meeting!;
      const stand = standsFor(
        e.actor,
        proposed.participants.find((p) => p.userId === e.actor.userId)!.department,
        env.config,
      );
      const participants = proposed.participants.map(
        (p): MeetingParticipant =>
          p.userId === e.actor.userId
            ? { ...p, confirmedAt: env.now, ownDepartment: stand === 'deputy' ? e.actor.department : null }
            : p,
      );
      const waiting = participants.filter((p) => p.confirmedAt === null).length;
      const confirmed = { ...proposed, participants };
      if (waiting > 0)
        return record(
          { ...d, meeting: confirmed },
          e.actor.userId,
          'meeting_attendance_confirmed',
          {
            zh: `会议出席已确认，尚待 ${waiting} 人确认`,
            en: `Meeting attendance confirmed; ${waiting} participant(s) still to confirm`,
          },
          null,
          { userId: e.actor.userId, waiting },
        );
      return countMeeting(d, { ...confirmed, status: 'held' }, e.actor.userId);
    }
    case 'RECORD_NEGOTIATION': {
      const issue = d.issues.find((i) => i.id === e.issueId)!;
      const negotiation = {
        at: env.now,
        by: e.actor.userId,
        contact: e.contact,
        outcome: e.outcome,
        summary: e.summary,
        requirementUpdate: e.requirementUpdate ?? null,
      };
      const status: Issue['status'] = e.outcome === 'agreed' ? 'resolved' : 'referred_to_gm';
      const issues = d.issues.map((i) =>
        i.id === e.issueId ? { ...i, status, negotiations: [...i.negotiations, negotiation] } : i,
      );
      let requirements = d.requirements;
      const update = e.requirementUpdate;
      if (update)
        requirements = requirements.map((r) =>
          r.id === update.requirementId
            ? editRequirement(r, e.actor.userId, env.now, 'negotiated', { text: update.text })
            : r,
        );
      const terms = { ...termsOf(d), requirements: termRequirements(requirements) };
      // Agreement changes what the department was asked; it re-reviews what it could not meet.
      const signOffs =
        e.outcome === 'agreed'
          ? d.signOffs.map((s) =>
              s.department === issue.department && s.status === 'signed'
                ? resetSignOff(s, terms, d.contractVersion, 'negotiation', d)
                : s,
            )
          : d.signOffs;
      return record(
        { ...d, issues, requirements, signOffs, versions: withCurrentTerms(d, terms) },
        e.actor.userId,
        'negotiation_recorded',
        {
          zh: `与客户协商（${e.contact.name}）：${e.outcome === 'agreed' ? '达成一致' : '未达成一致，提交总经理'}`,
          en: `Negotiated with ${e.contact.name}: ${e.outcome === 'agreed' ? 'agreed' : 'failed, referred to the GM'}`,
        },
        { issue: issue.status },
        { issue: status, negotiation },
      );
    }
    case 'GM_DECIDE': {
      const gm = { decision: e.decision, rationale: e.rationale, by: e.actor.userId, at: env.now };
      const issues = d.issues.map((i) =>
        i.id === e.issueId ? { ...i, status: 'decided_by_gm' as const, gm } : i,
      );
      return record(
        { ...d, issues },
        e.actor.userId,
        'gm_decided',
        { zh: `总经理决定：${GM_ZH[e.decision]}`, en: `General manager decided: ${e.decision}` },
        { issue: 'referred_to_gm' },
        { issue: 'decided_by_gm', gm },
        [
          notify({ type: 'user', userId: d.owner }, 'gm_decided', {
            zh: `总经理已就合同 ${d.caseId} 作出决定：${GM_ZH[e.decision]}。`,
            en: `The general manager decided on contract ${d.caseId}: ${GM_EN[e.decision]}.`,
          }),
        ],
      );
    }
    case 'SIGN_CONCLUSION': {
      const roles = rolesOf(e.actor, env.config);
      const authority = roles.includes('general_manager') ? 'general_manager' : 'sales_manager';
      const conclusion = {
        decision: e.decision,
        deviations: e.decision === 'accept_with_deviations' ? (e.deviations ?? null) : null,
        signature: {
          userId: e.actor.userId,
          department: e.actor.department,
          deputyFor: actingDepartmentAsDeputy(e.actor, env.config),
          at: env.now,
          authority,
        },
        contractVersion: d.contractVersion,
      } as const;
      const withConclusion = { ...d, conclusion };
      const writtenConfirmation =
        d.mode === 'sales_planner' ? composeWrittenConfirmation(withConclusion) : d.writtenConfirmation;
      return record(
        { ...withConclusion, writtenConfirmation },
        e.actor.userId,
        'conclusion_signed',
        { zh: `评审结论：${CONCLUSION_ZH[e.decision]}`, en: `Review conclusion: ${e.decision}` },
        null,
        conclusion,
        [notify({ type: 'user', userId: d.owner }, 'feedback_ready', feedbackMsg(d.caseId))],
      );
    }
    case 'SEND_FEEDBACK': {
      const pauses = d.clock.pauses.map((p) => (p.to === null ? { ...p, to: env.now } : p));
      const elapsedMs = countedMs(d.receivedAt, env.now, pauses, env.config.clock);
      const feedback = {
        sentAt: env.now,
        by: e.actor.userId,
        elapsedMs,
        clockCompliant: elapsedMs <= env.config.clock.budgetHours * 3_600_000,
        content: e.content?.trim() || null,
        channel: e.channel?.trim() || null,
        contact: e.contact?.trim() || null,
      };
      return record(
        { ...d, feedback, clock: { ...d.clock, pauses } },
        e.actor.userId,
        'feedback_sent',
        { zh: '已向客户反馈评审结果', en: 'Review result sent to the customer' },
        null,
        feedback,
      );
    }
    case 'CUSTOMER_CONFIRMED': {
      const customerConfirmation = {
        at: env.now,
        by: e.actor.userId,
        reference: e.reference,
        sampleSignedOff: samplesAreStandard(d) ? true : (e.sampleSignedOff ?? null),
      };
      return record(
        { ...d, customerConfirmation },
        e.actor.userId,
        'customer_confirmed',
        { zh: '客户已确认，合同生效', en: 'Customer confirmed; the contract is effective' },
        null,
        customerConfirmation,
        caseDepartments(d).map((dep) =>
          notify({ type: 'department', department: dep }, 'contract_confirmed', {
            zh: `合同 ${d.caseId} 已经客户确认生效。`,
            en: `Contract ${d.caseId} is confirmed by the customer and effective.`,
          }),
        ),
      );
    }
    case 'AMEND':
      return applyAmendment(d, e, env);
    case 'VOID': {
      const voided = { at: env.now, by: e.actor.userId, reason: e.reason };
      return record(
        { ...d, voided },
        e.actor.userId,
        'case_voided',
        { zh: `评审作废：${e.reason}`, en: `Review voided: ${e.reason}` },
        null,
        voided,
        caseDepartments(d).map((dep) =>
          notify({ type: 'department', department: dep }, 'case_voided', {
            zh: `评审 ${d.caseId} 已作废：${e.reason}`,
            en: `Review ${d.caseId} is void: ${e.reason}`,
          }),
        ),
      );
    }
    case 'RECORD_TEMPORARY_BASIS': {
      const basis = {
        reason: e.reason,
        statedBy: e.statedBy,
        statedAt: e.statedAt,
        channel: e.channel,
        recordedBy: e.actor.userId,
        recordedAt: env.now,
      };
      return record(
        { ...d, temporaryBasis: basis },
        e.actor.userId,
        'temporary_basis_recorded',
        {
          zh: `临时合同依据：${e.statedBy}（${CHANNEL_ZH[e.channel]}）：${e.reason}`,
          en: `Temporary contract basis: ${e.statedBy} (${e.channel}): ${e.reason}`,
        },
        d.temporaryBasis ?? null,
        basis,
      );
    }
    case 'ADD_DEPARTMENT':
    case 'REMOVE_DEPARTMENT': {
      const adding = e.type === 'ADD_DEPARTMENT';
      const signOffs = adding
        ? [...d.signOffs, blankSignOff(e.department, termsOf(d), d.contractVersion, 'initial', 1, d)].sort(
            (a, b) =>
              REVIEWING_DEPARTMENTS.indexOf(a.department) - REVIEWING_DEPARTMENTS.indexOf(b.department),
          )
        : d.signOffs.filter((s) => s.department !== e.department);
      const change = {
        op: adding ? ('add' as const) : ('remove' as const),
        department: e.department,
        reason: e.reason,
        by: e.actor.userId,
        at: env.now,
      };
      const routing: CaseRouting = {
        minimum: d.routing?.minimum ?? caseMinimum(d, env.config),
        triggers: d.routing?.triggers ?? [],
        changes: [...(d.routing?.changes ?? []), change],
      };
      const name = label(e.department);
      return record(
        { ...d, signOffs, routing },
        e.actor.userId,
        adding ? 'department_added' : 'department_removed',
        adding
          ? {
              zh: `增加评审部门：${name.zh}（${e.reason}）`,
              en: `Department added: ${name.en} (${e.reason})`,
            }
          : {
              zh: `移出评审部门：${name.zh}（${e.reason}）`,
              en: `Department removed: ${name.en} (${e.reason})`,
            },
        { departments: caseDepartments(d) },
        { departments: signOffs.map((s) => s.department), department: e.department, reason: e.reason },
      );
    }
    case 'CLOCK_TICK':
      return applyClockTick(d, env);
    default:
      return assertNever(e);
  }
}

/** A department added while the review runs gets the case to sign at once. */
export function notifyAdded(d: CaseData, department: ReviewingDepartment): CaseData {
  const s = d.signOffs.find((x) => x.department === department);
  if (s?.status !== 'pending') return d;
  return {
    ...d,
    outbox: [
      ...d.outbox,
      notify({ type: 'department', department }, 'review_requested', {
        zh: `合同 ${d.caseId} 增加${label(department).zh}评审，请评审（第 ${d.contractVersion} 版）并签署意见。`,
        en: `${label(department).en} was added to the review of contract ${d.caseId}; please review version ${d.contractVersion} and sign.`,
      }),
    ],
  };
}

/** The last confirmation makes the meeting count: its decisions become the attending departments' opinions. */
function countMeeting(d: CaseData, meeting: MeetingRecord, by: string): CaseData {
  const issues: Issue[] = [...d.issues];
  for (const dec of meeting.decisions.filter((x) => x.outcome === 'cannot_meet'))
    for (const dep of dec.departments)
      issues.push(newIssue({ ...d, issues }, 0, dep, dec.requirementId, dec.note, d.now));
  // A department present at the meeting gives its opinion there; absent ones still countersign.
  const signOffs = d.signOffs.map((s): SignOff => {
    const attendee = meeting.participants.find((p) => p.department === s.department);
    if (s.status === 'signed' || !attendee) return s;
    // A decision naming departments binds those; one naming none binds every attendee.
    const mine = meeting.decisions.filter((x) =>
      x.departments.length > 0 ? x.departments.includes(s.department) : x.outcome !== 'cannot_meet',
    );
    const cannot = mine.filter((x) => x.outcome === 'cannot_meet' && x.departments.includes(s.department));
    const conditional = mine.filter((x) => x.outcome === 'can_meet_with_conditions');
    const outcome =
      cannot.length > 0 ? 'cannot_meet' : conditional.length > 0 ? 'can_meet_with_conditions' : 'can_meet';
    return {
      ...s,
      status: 'signed',
      outcome,
      conditions: conditional.length > 0 ? conditional.map((x) => x.note).join('；') : null,
      reason: cannot.length > 0 ? cannot.map((x) => x.note).join('；') : null,
      cannotMeetRequirementIds: cannot.map((x) => x.requirementId),
      // Signed by the attendee in person: their own confirmation is the signature.
      signature: {
        userId: attendee.userId,
        department: attendee.ownDepartment ?? attendee.department,
        deputyFor: attendee.ownDepartment ? attendee.department : null,
        at: attendee.confirmedAt ?? d.now,
      },
      via: 'meeting',
    };
  });
  return record(
    { ...d, meeting, issues, signOffs },
    by,
    'meeting_recorded',
    {
      zh: '全体参加人已确认，评审会议纪要生效',
      en: 'Every participant confirmed; the review meeting minutes count',
    },
    null,
    meeting,
  );
}

const OUTCOME_ZH = {
  can_meet: '能满足',
  can_meet_with_conditions: '有条件满足',
  cannot_meet: '不能满足',
} as const;
const GM_ZH = {
  accept_requirement: '接受客户要求',
  accept_with_deviation: '偏离接受',
  decline: '拒绝',
} as const;
const GM_EN = {
  accept_requirement: "accept the customer's requirement",
  accept_with_deviation: 'accept with a deviation',
  decline: 'decline',
} as const;
const CONCLUSION_ZH = { accept: '接受', accept_with_deviations: '偏离接受', decline: '拒绝' } as const;

function feedbackMsg(caseId: string): Bilingual {
  return {
    zh: `案件 ${caseId} 评审结论已签署，请向客户反馈。`,
    en: `The conclusion of case ${caseId} is signed; send the feedback to the customer.`,
  };
}

function newIssue(
  d: CaseData,
  offset: number,
  department: ReviewingDepartment,
  requirementId: string | null,
  reason: string,
  at: string,
): Issue {
  return {
    id: `I${d.issues.length + offset + 1}`,
    department,
    requirementId,
    reason,
    raisedAt: at,
    status: 'open',
    negotiations: [],
    gm: null,
  };
}

function applyClockTick(d: CaseData, env: Env): CaseData {
  if (d.feedback !== null || d.voided !== null) return d;
  const due = dueMilestones(d.receivedAt, env.now, d.clock.pauses, env.config.clock, d.clock.fired);
  if (due.length === 0) return d;
  const effects: Effect[] = [];
  for (const m of due) {
    for (const target of m.to) {
      const to: Recipient =
        target === 'owner' ? { type: 'user', userId: d.owner } : { type: 'role', role: target };
      effects.push(
        notify(
          to,
          m.kind === 'reminder' ? 'deadline_reminder' : 'deadline_escalation',
          m.kind === 'reminder'
            ? {
                zh: `案件 ${d.caseId} 已用时 ${m.atHours} 小时，须在 ${env.config.clock.budgetHours} 小时内反馈客户。`,
                en: `Case ${d.caseId}: ${m.atHours} h used of the ${env.config.clock.budgetHours} h feedback time.`,
              }
            : {
                zh: `案件 ${d.caseId} 已超过 ${m.atHours} 小时未反馈客户，请督办。`,
                en: `Case ${d.caseId} has no customer feedback after ${m.atHours} h; please intervene.`,
              },
        ),
      );
    }
  }
  return record(
    { ...d, clock: { ...d.clock, fired: [...d.clock.fired, ...due.map((m) => m.key)] } },
    null,
    'deadline_milestone',
    {
      zh: `期限节点：${due.map((m) => m.key).join(', ')}`,
      en: `Deadline milestones: ${due.map((m) => m.key).join(', ')}`,
    },
    d.clock.fired,
    due.map((m) => m.key),
    effects,
  );
}

/**
 * Amended terms come from a client that knows nothing of routing: a requirement kept under its id
 * keeps the departments and register entry it had, so a statutory requirement stays with them.
 */
function keepRouting(terms: ContractTerms, reqs: CaseRequirement[]): ContractTerms {
  return {
    ...terms,
    requirements: terms.requirements.map((t) => {
      const had = reqs.find((r) => r.id === t.id);
      return had && !t.departments && !t.basis ? { ...t, ...routingOf(had) } : t;
    }),
  };
}

function applyAmendment(d: CaseData, e: Extract<ReviewEvent, { type: 'AMEND' }>, env: Env): CaseData {
  const before = termsOf(d);
  const terms = keepRouting(e.terms, d.requirements);
  const changes: FieldChange[] = diffTerms(before, terms);
  const version = d.contractVersion + 1;
  const versions = [
    ...d.versions,
    {
      version,
      terms: terms,
      createdAt: env.now,
      createdBy: e.actor.userId,
      amendment: { kind: e.kind, reason: e.reason },
    },
  ];
  const requirements = syncRequirements(
    d.requirements,
    terms,
    e.actor.userId,
    env.now,
    e.kind === 'void_resign',
  );
  const summary = {
    zh: `合同变更（${AMENDMENT_ZH[e.kind]}）：${changes.map((c) => c.path).join('，')}`,
    en: `Contract amended (${AMENDMENT_EN[e.kind]}): ${changes.map((c) => c.path).join(', ')}`,
  };
  const base = { ...d, versions, contractVersion: version, requirements };
  if (e.kind === 'change_record') {
    const notified = affectedDepartments(changes);
    return record(base, e.actor.userId, 'contract_amended', summary, before, { kind: e.kind, changes }, [
      ...notified.map((dep) =>
        notify({ type: 'department', department: dep }, 'amendment_recorded', {
          zh: `合同 ${d.caseId} 变更记录（第 ${version} 版）：${changes.map((c) => c.path).join('，')}，请知悉。`,
          en: `Contract ${d.caseId} change record (version ${version}): ${changes.map((c) => c.path).join(', ')}.`,
        }),
      ),
    ]);
  }
  // A void-and-re-sign is a new contract: the class the rules give its content decides who reviews.
  const resign = e.kind === 'void_resign' ? reclassified(d, e, env) : null;
  const departmentsBefore = caseDepartments(d);
  const reset = departmentsToReReview(e.kind, changes, departmentsBefore);
  const added = (resign?.departments ?? []).filter((dep) => !departmentsBefore.includes(dep));
  const signOffs = [
    ...d.signOffs.map((s) =>
      reset.includes(s.department)
        ? resetSignOff(s, terms, version, 'amendment', d)
        : { ...s, checklist: s.checklist, contractVersion: version },
    ),
    ...added.map((dep) => blankSignOff(dep, terms, version, 'amendment', 1, d)),
  ].sort((a, b) => REVIEWING_DEPARTMENTS.indexOf(a.department) - REVIEWING_DEPARTMENTS.indexOf(b.department));
  const archived: ArchivedRound = {
    contractVersion: d.contractVersion,
    receivedAt: d.receivedAt,
    meeting: d.meeting,
    issues: d.issues,
    conclusion: d.conclusion,
    feedback: d.feedback,
    customerConfirmation: d.customerConfirmation,
    writtenConfirmation: d.writtenConfirmation,
    revisionNo: d.revisionNo ?? 0,
    classification: { contractClass: d.contractClass, reasons: d.reasons ?? [] },
    mode: d.mode,
    signOffs: d.signOffs.map(({ previous: _p, ...s }) => s),
    requirements: d.requirements,
    closedBy: { kind: e.kind, reason: e.reason, at: env.now, by: e.actor.userId },
  };
  const revisionNo = (d.revisionNo ?? 0) + (resign ? 1 : 0);
  const caseNumber = revisionNo > 0 ? `${d.caseId}-R${revisionNo}` : d.caseId;
  const notified = REVIEWING_DEPARTMENTS.filter(
    (dep) =>
      signOffs.some((s) => s.department === dep) && (resign || affectedDepartments(changes).includes(dep)),
  );
  const notices = notified.map((dep) =>
    notify({ type: 'department', department: dep }, 'amendment_recorded', {
      zh: resign
        ? `合同 ${d.caseId} 作废重签为 ${caseNumber}（${CLASS_ZH[resign.contractClass]}合同），请重新评审：${e.reason}`
        : `合同 ${d.caseId} 条款变更（第 ${version} 版）：${changes.map((c) => c.path).join('，')}，请知悉。`,
      en: resign
        ? `Contract ${d.caseId} is voided and re-signed as ${caseNumber} (${resign.contractClass}); review it again: ${e.reason}`
        : `Contract ${d.caseId} clause change (version ${version}): ${changes.map((c) => c.path).join(', ')}.`,
    }),
  );
  const ownerNotice = resign
    ? [notify({ type: 'user', userId: d.owner }, 'review_requested', confirmMsg(d.caseId))]
    : [];
  // A change needs a new answer to the customer: the 48-h clock starts again at the amendment.
  return record(
    {
      ...base,
      ...(resign
        ? {
            revisionNo,
            contractClass: resign.contractClass,
            reasons: resign.reasons,
            mode: MODE_OF[resign.contractClass],
            conclusionAuthority: env.config.conclusionAuthority[resign.contractClass],
          }
        : {}),
      signOffs,
      archive: [...d.archive, archived],
      ...(resign
        ? {
            routing: {
              minimum: resign.minimum,
              triggers: resign.triggers,
              changes: d.routing?.changes ?? [],
            },
          }
        : {}),
      meeting: resign ? null : d.meeting,
      issues: [],
      conclusion: null,
      feedback: null,
      customerConfirmation: null,
      writtenConfirmation: null,
      receivedAt: env.now,
      clock: { pauses: [], fired: [] },
    },
    e.actor.userId,
    'contract_amended',
    resign
      ? {
          zh: `${summary.zh}；新合同号 ${caseNumber}，类别：${CLASS_ZH[resign.contractClass]}`,
          en: `${summary.en}; new number ${caseNumber}, class: ${resign.contractClass}`,
        }
      : summary,
    before,
    {
      kind: e.kind,
      changes,
      reReview: [...reset, ...added],
      ...(resign ? { number: caseNumber, contractClass: resign.contractClass, reasons: resign.reasons } : {}),
    },
    [...ownerNotice, ...notices],
  );
}

/** The class after a void-and-re-sign: the rules' answer carried by the event, else the class as it was. */
function reclassified(
  d: CaseData,
  e: Extract<ReviewEvent, { type: 'AMEND' }>,
  env: Env,
): {
  contractClass: CaseData['contractClass'];
  reasons: { code: string; explanation: string }[];
  departments: ReviewingDepartment[];
  minimum: ReviewingDepartment[];
  triggers: string[];
} {
  const r = e.reclassification;
  const contractClass = r?.contractClass ?? d.contractClass;
  const reasons = r?.reasons ?? d.reasons ?? [];
  // The routing policy applies to the re-signed content as it does to a new case.
  const policy = routingPolicyOf(env.config);
  const triggers = routingTriggers(
    {
      terms: e.terms,
      requirementTexts: e.terms.requirements.map((q) => q.text),
      reasonCodes: reasons.map((x) => x.code),
    },
    policy,
  );
  const minimum = minimumDepartments(
    { contractClass, minimumDepartments: policyDepartments(contractClass, triggers, policy) },
    env.config,
  );
  const wanted = new Set<ReviewingDepartment>([
    ...(r?.departments ?? []).filter(isReviewingDepartment),
    ...minimum,
    ...(d.csr ?? []).map((c) => c.department),
  ]);
  return {
    contractClass,
    reasons,
    departments: REVIEWING_DEPARTMENTS.filter((dep) => wanted.has(dep)),
    minimum,
    triggers,
  };
}

const CLASS_ZH = { regular: '常规', special: '特殊', temporary: '临时' } as const;
const AMENDMENT_EN = {
  void_resign: 'void and re-sign',
  change_clause: 'clause change',
  change_record: 'change record',
} as const;

const AMENDMENT_ZH = {
  void_resign: '作废重签',
  change_clause: '条款变更',
  change_record: '变更记录',
} as const;

function syncRequirements(
  reqs: CaseRequirement[],
  terms: ContractTerms,
  by: string,
  at: string,
  reconfirm: boolean,
): CaseRequirement[] {
  const out = reqs.map((r) => {
    const t = terms.requirements.find((x) => x.id === r.id);
    if (!t)
      return r.status === 'rejected' ? r : editRequirement(r, by, at, 'amended', { status: 'rejected' });
    const changed =
      t.text !== r.text || t.category !== r.category || t.kind !== r.kind || t.special !== r.special;
    const status = reconfirm ? 'proposed' : 'accepted';
    return changed || r.status !== status
      ? editRequirement(r, by, at, 'amended', {
          text: t.text,
          category: t.category,
          kind: t.kind,
          special: t.special,
          status,
        })
      : r;
  });
  for (const t of terms.requirements.filter((x) => !reqs.some((r) => r.id === x.id)))
    out.push({
      ...t,
      priority: 'normal',
      status: reconfirm ? 'proposed' : 'accepted',
      version: 1,
      history: [{ version: 1, at, by, change: 'created', before: null }],
    });
  return out;
}

// ---------------------------------------------------------------- entry notifications

export function notifyPending(d: CaseData, kind: 'review_requested' | 're_review_requested'): CaseData {
  const pending = d.signOffs.filter((s) => s.status === 'pending');
  return {
    ...d,
    outbox: [
      ...d.outbox,
      ...pending.map((s) =>
        notify(
          { type: 'department', department: s.department },
          kind,
          kind === 'review_requested'
            ? {
                zh: `请评审合同 ${d.caseId}（第 ${d.contractVersion} 版）并签署${label(s.department).zh}意见。`,
                en: `Please review contract ${d.caseId} (version ${d.contractVersion}) and sign for ${label(s.department).en}.`,
              }
            : {
                zh: `合同 ${d.caseId} 已变更（第 ${d.contractVersion} 版），请${label(s.department).zh}重新评审。`,
                en: `Contract ${d.caseId} changed (version ${d.contractVersion}); ${label(s.department).en} please review again.`,
              },
        ),
      ),
    ],
  };
}

export function notifyMeeting(d: CaseData): CaseData {
  const to: Recipient[] = [
    ...caseDepartments(d).map((department) => ({ type: 'department' as const, department })),
    { type: 'department', department: 'general_manager' },
  ];
  return {
    ...d,
    outbox: [
      ...d.outbox,
      ...to.map((r) =>
        notify(r, 'review_requested', {
          zh: `合同 ${d.caseId} 为特殊合同，需召开评审会议。`,
          en: `Contract ${d.caseId} is special and needs a review meeting.`,
        }),
      ),
    ],
  };
}

export function notifyNegotiation(d: CaseData): CaseData {
  const open = d.issues.filter((i) => i.status === 'open');
  return {
    ...d,
    outbox: [
      ...d.outbox,
      notify({ type: 'user', userId: d.owner }, 'negotiation_needed', {
        zh: `合同 ${d.caseId} 有 ${open.length} 项不能满足，请与客户协商。`,
        en: `Contract ${d.caseId} has ${open.length} item(s) that cannot be met; negotiate with the customer.`,
      }),
    ],
  };
}

export function notifyGm(d: CaseData): CaseData {
  const referred = d.issues.filter((i) => i.status === 'referred_to_gm');
  return {
    ...d,
    outbox: [
      ...d.outbox,
      notify({ type: 'department', department: 'general_manager' }, 'gm_decision_needed', {
        zh: `合同 ${d.caseId} 有 ${referred.length} 项协商未果，请总经理决定。`,
        en: `Contract ${d.caseId} has ${referred.length} unresolved item(s) for the general manager to decide.`,
      }),
    ],
  };
}

export function notifyConclusion(d: CaseData): CaseData {
  const to: Recipient =
    d.conclusionAuthority === 'general_manager'
      ? { type: 'department', department: 'general_manager' }
      : { type: 'role', role: 'sales_manager' };
  return {
    ...d,
    outbox: [
      ...d.outbox,
      notify(to, 'conclusion_needed', {
        zh: `合同 ${d.caseId} 评审完成，请签署评审结论。`,
        en: `The review of contract ${d.caseId} is complete; please sign the conclusion.`,
      }),
    ],
  };
}

/** 书面确认 for a temporary order: what we confirm to the customer, from terms and review conditions. */
export function composeWrittenConfirmation(d: CaseData): Bilingual {
  const t = termsOf(d);
  const lines = t.items.map((i) => {
    const qty = i.quantity ? `${i.quantity.value}${i.quantity.unit ?? ''}` : '数量待定';
    const price = i.unitPrice ? `${i.unitPrice.amount} ${i.unitPrice.currency}` : '价格待定';
    return {
      zh: `${i.line}. ${i.product} ${i.model ?? ''} ${qty}，单价 ${price}`,
      en: `${i.line}. ${i.product} ${i.model ?? ''} qty ${i.quantity?.value ?? 'TBD'} ${i.quantity?.unit ?? ''}, unit price ${i.unitPrice ? `${i.unitPrice.amount} ${i.unitPrice.currency}` : 'TBD'}`,
    };
  });
  const conditions = d.signOffs.filter((s) => s.conditions).map((s) => s.conditions as string);
  const decision = d.conclusion?.decision ?? 'accept';
  const zhHead = decision === 'decline' ? '很抱歉，我司无法承接贵司以下订单：' : '我司确认接受贵司以下订单：';
  const enHead =
    decision === 'decline'
      ? 'We regret we cannot accept the following order:'
      : 'We confirm the following order:';
  const zh = [
    zhHead,
    ...lines.map((l) => l.zh.replace(/\s+/g, ' ')),
    `交货日期：${t.delivery.date ?? '待定'}${t.delivery.place ? `，交货地点：${t.delivery.place}` : ''}`,
    ...(t.paymentTerms ? [`付款条件：${t.paymentTerms}`] : []),
    ...(conditions.length > 0 ? [`附加条件：${conditions.join('；')}`] : []),
    ...(d.conclusion?.deviations ? [`偏离说明：${d.conclusion.deviations}`] : []),
  ].join('\n');
  const en = [
    enHead,
    ...lines.map((l) => l.en.replace(/\s+/g, ' ')),
    `Delivery date: ${t.delivery.date ?? 'TBD'}${t.delivery.place ? `, place: ${t.delivery.place}` : ''}`,
    ...(t.paymentTerms ? [`Payment terms: ${t.paymentTerms}`] : []),
    ...(conditions.length > 0 ? [`Conditions: ${conditions.join('; ')}`] : []),
    ...(d.conclusion?.deviations ? [`Deviations: ${d.conclusion.deviations}`] : []),
  ].join('\n');
  return { zh, en };
}
