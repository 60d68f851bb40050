// Shapes of a contract review case: its data, the events that move it, the effects it asks for.
// Everything is plain JSON (instants as ISO strings) so a case can be persisted and restored.
import type { ContractClass, Priority, RequirementCategory, RequirementKind } from '../analysis/result.js';
import { BUSINESS_DEPARTMENTS, type Department } from '../auth/roles.js';
import type { ReviewMode } from '../rules/types.js';
import type { ClockConfig, EscalationTarget, PauseInterval } from './feedback-clock.js';
import type { ActorClaim, RoleDirectory } from './permissions.js';
import type { RoutingPolicy } from './routing-policy.js';

export type { ReviewMode };
export type Actor = ActorClaim;
export interface Bilingual {
  zh: string;
  en: string;
}

/** Departments that sign a review part: the business departments (the GM decides; admin never signs). */
export const REVIEWING_DEPARTMENTS = BUSINESS_DEPARTMENTS;
export type ReviewingDepartment = (typeof REVIEWING_DEPARTMENTS)[number];

export function isReviewingDepartment(d: Department): d is ReviewingDepartment {
  return (REVIEWING_DEPARTMENTS as readonly string[]).includes(d);
}

// ---------------------------------------------------------------- contract terms (versioned)

export interface ContractLine {
  line: number;
  product: string;
  catalogCode: string | null;
  model: string | null;
  quantity: { value: number; unit: string | null } | null;
  unitPrice: {
    amount: number;
    currency: string;
    per: string | null;
    taxIncluded: boolean | null;
    /** VAT rate in per cent, where the order states one (含13%增值税, 税率13%). */
    taxRate?: number | null;
  } | null;
  material: string | null;
  tolerance: string | null;
  drawing: { number: string; revision: string | null } | null;
  packaging: string | null;
}

/** The register entry (法律法规清单) a statutory requirement was proposed from. */
export interface StatutoryBasis {
  lawId: string;
  number: string;
  title: string;
  revision: number;
}

/**
 * What a requirement may carry besides its text: the departments that must review it when they
 * are not those of its category (a register entry names them), and the entry it came from.
 */
export interface RequirementRouting {
  departments?: ReviewingDepartment[];
  basis?: StatutoryBasis;
}

export interface TermRequirement extends RequirementRouting {
  id: string;
  text: string;
  category: RequirementCategory;
  kind: RequirementKind;
  special: boolean;
}

export interface ContractTerms {
  items: ContractLine[];
  delivery: { date: string | null; place: string | null; terms: string | null };
  paymentTerms: string | null;
  requirements: TermRequirement[];
}

export const AMENDMENT_KINDS = ['void_resign', 'change_clause', 'change_record'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

export interface ContractVersion {
  version: number;
  terms: ContractTerms;
  createdAt: string;
  createdBy: string;
  amendment: { kind: AmendmentKind; reason: string } | null;
}

// ---------------------------------------------------------------- requirements

export interface RequirementRevision {
  version: number;
  at: string;
  by: string;
  change: 'created' | 'edited' | 'accepted' | 'rejected' | 'merged' | 'negotiated' | 'amended';
  before: Omit<CaseRequirement, 'history'> | null;
  /** Why the owner corrected it (required for a rejection; absent in revisions made before reasons were kept). */
  reason?: string;
  /** For a merge: the other requirement (the duplicate folded in, or the one it was folded into). */
  mergedWith?: string;
}

export interface CaseRequirement extends RequirementRouting {
  id: string;
  text: string;
  category: RequirementCategory;
  kind: RequirementKind;
  special: boolean;
  priority: Priority;
  status: 'proposed' | 'accepted' | 'rejected';
  /** A duplicate merged into another requirement: rejected, and the one that now stands for it. */
  mergedInto?: string;
  version: number;
  history: RequirementRevision[];
}

export interface OpenQuestion {
  id: string;
  text: string;
  requirementId: string | null;
  askedAt: string;
  askedBy: string;
  answeredAt: string | null;
  answer: string | null;
}

// ---------------------------------------------------------------- reviews

export type ReviewOutcome = 'can_meet' | 'can_meet_with_conditions' | 'cannot_meet';
export type ChecklistAnswer = 'ok' | 'not_applicable' | 'issue';

export interface ChecklistItem {
  id: string;
  topic: Bilingual;
  /** `csr`: an entry of the customer's CSR register the department must answer. */
  source: 'scope' | 'requirement' | 'csr';
  requirementId: string | null;
  /** The CSR register entry of a `csr` line. */
  csrId?: string;
}

/** An applicable entry of the customer's CSR register, fixed on the case when it was opened. */
export interface CaseCsr {
  id: string;
  clause: string | null;
  text: string;
  /** The department the entry names (or, naming none, the one its category belongs to). */
  department: ReviewingDepartment;
}

/** Who reviews the case, as the routing policy named it, and what the case owner changed. */
export interface CaseRouting {
  /** The policy's departments for the class and content: never removed from the case. */
  minimum: ReviewingDepartment[];
  /** Why the policy called the conditional departments in (trigger codes). */
  triggers: string[];
  changes: {
    op: 'add' | 'remove';
    department: ReviewingDepartment;
    reason: string;
    by: string;
    at: string;
  }[];
}

export interface Signature {
  userId: string;
  department: Department;
  /** Set when a registered deputy signed for the department. */
  deputyFor: Department | null;
  at: string;
}

export interface SignOff {
  department: ReviewingDepartment;
  status: 'pending' | 'signed';
  round: number;
  /** Why the department must (re)review. */
  trigger: 'initial' | 'negotiation' | 'amendment';
  checklist: ChecklistItem[];
  answers: Record<string, ChecklistAnswer>;
  outcome: ReviewOutcome | null;
  conditions: string | null;
  reason: string | null;
  cannotMeetRequirementIds: string[];
  signature: Signature | null;
  /** `meeting` when the opinion was taken from the review-meeting minutes. */
  via: 'signature' | 'meeting' | null;
  contractVersion: number;
  /** Earlier signed opinions of this department, kept for the record. */
  previous: Omit<SignOff, 'previous'>[];
}

export interface MeetingDecision {
  requirementId: string;
  outcome: ReviewOutcome;
  note: string;
  /** Departments that cannot meet it (required with `cannot_meet`). */
  departments: ReviewingDepartment[];
}

/** One person at the meeting, for the department they stand for, and their own confirmation. */
export interface MeetingParticipant {
  userId: string;
  department: Department;
  /** Set when the participant confirmed attendance and decisions in their own session. */
  confirmedAt: string | null;
  /** The department the participant belongs to, when they stood in as a deputy (set on confirmation). */
  ownDepartment: Department | null;
}

/**
 * The review meeting. The case owner proposes it (time, participants, minutes, decisions); it counts
 * (`held`) only once every participant has confirmed it in their own session.
 */
export interface MeetingRecord {
  /** Absent in cases stored before confirmations existed: those meetings counted at once. */
  status?: 'proposed' | 'held';
  heldAt: string;
  participants: MeetingParticipant[];
  minutes: string;
  decisions: MeetingDecision[];
  recordedBy: string;
  recordedAt: string;
}

export interface Negotiation {
  at: string;
  by: string;
  contact: { name: string; channel: string };
  outcome: 'agreed' | 'failed';
  summary: string;
  requirementUpdate: { requirementId: string; text: string } | null;
}

export type GmDecision = 'accept_requirement' | 'accept_with_deviation' | 'decline';

export interface Issue {
  id: string;
  department: ReviewingDepartment;
  requirementId: string | null;
  reason: string;
  raisedAt: string;
  status: 'open' | 'resolved' | 'referred_to_gm' | 'decided_by_gm';
  negotiations: Negotiation[];
  gm: { decision: GmDecision; rationale: string; by: string; at: string } | null;
}

export type ConclusionDecision = 'accept' | 'accept_with_deviations' | 'decline';

export interface Conclusion {
  decision: ConclusionDecision;
  deviations: string | null;
  signature: Signature & { authority: 'sales_manager' | 'general_manager' };
  contractVersion: number;
}

/** Class and reasons of a review round, as the rules gave them for that round's content. */
export interface RoundClassification {
  contractClass: ContractClass;
  reasons: { code: string; explanation: string }[];
}

/** What the rules say about amended content: the shell computes it, the event carries it (replayable). */
export interface Reclassification extends RoundClassification {
  /** Departments the routing asks for the amended content. */
  departments: Department[];
}

/**
 * A review round set aside by an amendment that needed a new review. Fields after
 * `writtenConfirmation` are absent in rounds archived before they were kept.
 */
export interface ArchivedRound {
  contractVersion: number;
  receivedAt: string;
  meeting: MeetingRecord | null;
  issues: Issue[];
  conclusion: Conclusion | null;
  feedback: CaseData['feedback'];
  customerConfirmation: CaseData['customerConfirmation'];
  writtenConfirmation: Bilingual | null;
  /** Revision of the contract number this round was reviewed under (0 = the original number). */
  revisionNo?: number;
  classification?: RoundClassification;
  mode?: ReviewMode;
  signOffs?: Omit<SignOff, 'previous'>[];
  requirements?: CaseRequirement[];
  /** The amendment that closed the round. */
  closedBy?: { kind: AmendmentKind; reason: string; at: string; by: string };
}

/** How a temporary contract reached us: by word of mouth, by telephone or by letter (临时合同：口头、电话、信函). */
export const TEMPORARY_CHANNELS = ['verbal', 'phone', 'letter'] as const;
export type TemporaryChannel = (typeof TEMPORARY_CHANNELS)[number];

/**
 * Why a contract is temporary and what it rests on: who on the customer's side gave the order, when
 * and by which channel. The procedure lets the sales planner review such an order only with this
 * stated; the record prints it.
 */
export interface TemporaryBasisInput {
  reason: string;
  statedBy: string;
  statedAt: string;
  channel: TemporaryChannel;
}

export interface TemporaryBasis extends TemporaryBasisInput {
  recordedBy: string;
  recordedAt: string;
}

export interface HistoryEntry {
  revision: number;
  at: string;
  by: string | null;
  event: string;
  summary: Bilingual;
}

/** What was sent to the customer within the 48 hours (content, channel, contact are optional for older cases). */
export interface FeedbackRecord {
  sentAt: string;
  by: string;
  clockCompliant: boolean;
  elapsedMs: number;
  content?: string | null;
  channel?: string | null;
  contact?: string | null;
}

export interface CaseData {
  caseId: string;
  /** How many times the contract was voided and re-signed: its number carries -R<n> (absent = 0). */
  revisionNo?: number;
  contractClass: ContractClass;
  /** Why the rules gave the class (absent in cases opened before reasons were kept). */
  reasons?: { code: string; explanation: string }[];
  mode: ReviewMode;
  owner: string;
  receivedAt: string;
  samplesAreAcceptanceStandard: boolean;
  /** Bumped on every accepted event: the optimistic-concurrency token. */
  revision: number;
  contractVersion: number;
  versions: ContractVersion[];
  requirements: CaseRequirement[];
  openQuestions: OpenQuestion[];
  signOffs: SignOff[];
  meeting: MeetingRecord | null;
  issues: Issue[];
  writtenConfirmation: Bilingual | null;
  conclusion: Conclusion | null;
  feedback: FeedbackRecord | null;
  customerConfirmation: { at: string; by: string; reference: string; sampleSignedOff: boolean | null } | null;
  voided: { at: string; by: string; reason: string } | null;
  /** Who signs the conclusion, fixed from configuration when the case opened. */
  conclusionAuthority: 'sales_manager' | 'general_manager';
  clock: { pauses: PauseInterval[]; fired: string[] };
  /** Outcomes of earlier review rounds, set aside by an amendment that needs a new review. */
  archive: ArchivedRound[];
  /** The routing policy's minimum and the owner's additions (absent in cases opened before it). */
  routing?: CaseRouting;
  /** Applicable CSR register entries: checklist lines of the departments they name. */
  csr?: CaseCsr[];
  /** A temporary contract's basis; its review does not start without one (absent = none recorded). */
  temporaryBasis?: TemporaryBasis | null;
  history: HistoryEntry[];
  /** Transient: filled while a transition runs, emptied before the state is returned. */
  outbox: Effect[];
  /** Transient: instant of the event being applied. */
  now: string;
}

// ---------------------------------------------------------------- configuration

export interface ReviewConfig extends RoleDirectory {
  clock: ClockConfig;
  meetingQuorum: {
    minDepartments: number;
    mustInclude: Department[];
    /** User who may sit in a special contract's meeting for the general manager; null/absent = the GM himself. */
    gmDeputy?: string | null;
  };
  conclusionAuthority: Record<ContractClass, 'sales_manager' | 'general_manager'>;
  /** Finance reviews every case when true; otherwise only when the routing names it. */
  financeAlwaysReviews: boolean;
  /** How the review record is headed and dated; absent = the defaults (review-policy.ts). */
  record?: RecordSettings;
  /** Which departments review each class; absent = the procedure's table (routing-policy.ts). */
  routing?: RoutingPolicy;
}

/** The review record as a controlled form: whose it is, its form number and revision, its clock. */
export interface RecordSettings {
  companyName: string;
  formNumber: string;
  formRevision: string;
  /** IANA zone the record's times are printed in (e.g. Asia/Shanghai). */
  timeZone: string;
}

// ---------------------------------------------------------------- effects

export type Recipient =
  | { type: 'department'; department: Department }
  | { type: 'user'; userId: string }
  | { type: 'role'; role: Exclude<EscalationTarget, 'owner'> };

export const NOTIFY_KINDS = [
  'review_requested',
  're_review_requested',
  'meeting_confirmation_needed',
  'negotiation_needed',
  'gm_decision_needed',
  'gm_decided',
  'conclusion_needed',
  'feedback_ready',
  'deadline_reminder',
  'deadline_escalation',
  'contract_confirmed',
  'amendment_recorded',
  'case_voided',
] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

export const AUDIT_EVENTS = [
  'case_opened',
  'requirements_edited',
  'question_asked',
  'question_answered',
  'requirements_confirmed',
  'review_signed',
  'meeting_proposed',
  'meeting_attendance_confirmed',
  'meeting_recorded',
  'negotiation_recorded',
  'gm_decided',
  'conclusion_signed',
  'feedback_sent',
  'customer_confirmed',
  'contract_amended',
  'case_voided',
  'deadline_milestone',
  'department_added',
  'department_removed',
  'temporary_basis_recorded',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export type Effect =
  | { type: 'persist'; caseId: string; revision: number }
  | { type: 'notify'; to: Recipient; kind: NotifyKind; message: Bilingual }
  | { type: 'schedule'; at: string; event: { type: 'CLOCK_TICK' } }
  | { type: 'audit'; event: AuditEvent; by: string | null; at: string; before: unknown; after: unknown };

// ---------------------------------------------------------------- events

/**
 * The case owner's corrections of the requirement list the analysis produced. `reason` is kept in the
 * requirement's history and printed in the review record; a rejection must give one (`check`), but
 * the field stays optional here so rejections stored before reasons were asked still replay.
 */
export type RequirementEdit =
  | {
      op: 'add';
      text: string;
      category: RequirementCategory;
      kind: RequirementKind;
      special?: boolean;
      priority?: Priority;
      reason?: string;
    }
  | {
      op: 'edit';
      requirementId: string;
      text?: string;
      category?: RequirementCategory;
      kind?: RequirementKind;
      special?: boolean;
      priority?: Priority;
      reason?: string;
    }
  | { op: 'accept'; requirementId: string }
  | { op: 'reject'; requirementId: string; reason?: string }
  /** Two requirements say the same: `duplicateId` is rejected into `requirementId`, which may be reworded. */
  | { op: 'merge'; requirementId: string; duplicateId: string; text?: string; reason?: string };

interface Base {
  actor: Actor;
  /** Optimistic concurrency: the revision the client last saw. */
  expectedRevision?: number;
}

export type ReviewEvent =
  | (Base & { type: 'EDIT_REQUIREMENTS'; edits: RequirementEdit[] })
  | (Base & { type: 'ASK_CUSTOMER'; question: string; requirementId?: string })
  | (Base & { type: 'CUSTOMER_ANSWERED'; questionId: string; answer: string })
  | (Base & { type: 'CONFIRM_REQUIREMENTS' })
  | (Base & {
      type: 'SIGN_REVIEW';
      department: ReviewingDepartment;
      contractVersion: number;
      answers: Record<string, ChecklistAnswer>;
      outcome: ReviewOutcome;
      conditions?: string;
      reason?: string;
      cannotMeetRequirementIds?: string[];
    })
  | (Base & {
      type: 'RECORD_MEETING';
      heldAt: string;
      participants: { userId: string; department: Department }[];
      minutes: string;
      decisions: MeetingDecision[];
    })
  /** A participant confirms, in their own session, the attendance and decisions of the proposed meeting. */
  | (Base & { type: 'CONFIRM_MEETING' })
  | (Base & {
      type: 'RECORD_NEGOTIATION';
      issueId: string;
      contact: { name: string; channel: string };
      outcome: 'agreed' | 'failed';
      summary: string;
      requirementUpdate?: { requirementId: string; text: string };
    })
  | (Base & { type: 'GM_DECIDE'; issueId: string; decision: GmDecision; rationale: string })
  | (Base & {
      type: 'SIGN_CONCLUSION';
      decision: ConclusionDecision;
      deviations?: string;
      contractVersion: number;
    })
  | (Base & { type: 'SEND_FEEDBACK'; content?: string; channel?: string; contact?: string })
  | (Base & { type: 'CUSTOMER_CONFIRMED'; reference: string; sampleSignedOff?: boolean })
  | (Base & {
      type: 'AMEND';
      kind: AmendmentKind;
      terms: ContractTerms;
      reason: string;
      /** Set by the shell for a void-and-re-sign: the class the rules give the amended content. */
      reclassification?: Reclassification;
    })
  | (Base & { type: 'VOID'; reason: string })
  /** The owner states why a contract is temporary and what it rests on, before its review starts. */
  | (Base & { type: 'RECORD_TEMPORARY_BASIS' } & TemporaryBasisInput)
  /** The case owner brings a department into the review (it gets the case to sign) or takes one out. */
  | (Base & { type: 'ADD_DEPARTMENT'; department: ReviewingDepartment; reason: string })
  | (Base & { type: 'REMOVE_DEPARTMENT'; department: ReviewingDepartment; reason: string })
  | { type: 'CLOCK_TICK'; actor?: undefined; expectedRevision?: number };

export type ReviewEventType = ReviewEvent['type'];

export interface OpenCaseInput {
  caseId: string;
  contractClass: ContractClass;
  /** Why the rules gave the class. */
  reasons?: { code: string; explanation: string }[];
  /** Departments the routing asks for; the GM and admin are not signing departments and are ignored. */
  departments: Department[];
  owner: string;
  receivedAt: string;
  terms: Omit<ContractTerms, 'requirements'>;
  requirements: ({
    text: string;
    category: RequirementCategory;
    kind: RequirementKind;
    special: boolean;
    priority: Priority;
  } & RequirementRouting)[];
  samplesAreAcceptanceStandard: boolean;
  /** The routing policy's departments for this class and content (the case's minimum). */
  minimumDepartments?: Department[];
  /** Trigger codes that called conditional departments in. */
  routingTriggers?: string[];
  /** Applicable CSR register entries of the customer. */
  csr?: CaseCsr[];
  /** A temporary contract's basis, when known at opening (else recorded before the review starts). */
  temporaryBasis?: TemporaryBasisInput;
}
