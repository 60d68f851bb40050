// The contract case as GET /api/contracts/:id returns it (src/contracts/case-view.ts), keeping only
// what the review page reads.
import type { Department, NewCustomerProposal } from '../../api/types';

export type Outcome = 'can_meet' | 'can_meet_with_conditions' | 'cannot_meet';
export type ChecklistAnswer = 'ok' | 'not_applicable' | 'issue';
export interface Bilingual {
  zh: string;
  en: string;
}

export interface Signature {
  userId: string;
  department: Department;
  deputyFor: Department | null;
  at: string;
}

export interface CaseRequirement {
  id: string;
  text: string;
  category: string;
  kind: string;
  special: boolean;
  priority: string;
  status: 'proposed' | 'accepted' | 'rejected';
  /** A duplicate merged into another requirement (then rejected). */
  mergedInto?: string;
  version: number;
  source: { intakeId: string | null; start: number; end: number; quote: string } | null;
  /** The laws and regulations register entry a statutory requirement came from. */
  basis?: { lawId: string; number: string; title: string; revision: number };
}

export interface DepartmentStatus {
  department: Department;
  status: 'pending' | 'signed';
  trigger: 'initial' | 'negotiation' | 'amendment';
  round: number;
  outcome: Outcome | null;
  conditions: string | null;
  reason: string | null;
  signature: Signature | null;
  /** The routing policy requires it: it cannot be taken out of the case. */
  required?: boolean;
}

export interface ChecklistItem {
  id: string;
  topic: Bilingual;
  source: 'scope' | 'requirement' | 'csr';
  requirementId: string | null;
}

export interface Issue {
  id: string;
  department: Department;
  requirementId: string | null;
  reason: string;
  status: 'open' | 'resolved' | 'referred_to_gm' | 'decided_by_gm';
}

export interface FieldChange {
  path: string;
  field: string;
  before: unknown;
  after: unknown;
  departments: Department[];
}

export interface Amendment {
  id: string;
  kind: 'void_resign' | 'change_clause' | 'change_record';
  fromVersion: number;
  toVersion: number;
  reason: string | null;
  diff: FieldChange[];
  affectedDepartments: Department[];
  by: string;
  at: string;
}

/** The contract's current terms as the AMEND event takes them (src/review/types.ts ContractTerms). */
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
    /** VAT rate in per cent, where the order states one. */
    taxRate?: number | null;
  } | null;
  material: string | null;
  tolerance: string | null;
  drawing: { number: string; revision: string | null } | null;
  packaging: string | null;
}

export interface ContractTerms {
  items: ContractLine[];
  delivery: { date: string | null; place: string | null; terms: string | null };
  paymentTerms: string | null;
  requirements: { id: string; text: string; category: string; kind: string; special: boolean }[];
}

/** The review meeting: proposed by the case owner, counted once every participant confirmed it. */
export interface MeetingRecord {
  /** Absent on meetings recorded before confirmations existed (those counted at once). */
  status?: 'proposed' | 'held';
  heldAt: string;
  minutes: string;
  participants: {
    userId: string;
    department: Department;
    confirmedAt: string | null;
    ownDepartment: Department | null;
  }[];
  decisions: { requirementId: string; outcome: Outcome; note: string; departments: Department[] }[];
  recordedBy: string;
  recordedAt: string;
}

/** Someone who may sit in the meeting for `department` (GET /api/contracts/:id/meeting-candidates). */
export interface MeetingCandidate {
  userId: string;
  displayName: string;
  department: Department;
  ownDepartment: Department;
}

export interface HistoryEntry {
  revision: number;
  at: string;
  by: string | null;
  event: string;
  summary: Bilingual;
}

export interface ContractCase {
  id: string;
  number: string;
  customer: { id: string | null; name: string };
  /** The case's customer is not on file: proposed for sales to confirm. */
  newCustomer?: NewCustomerProposal | null;
  stage: string;
  version: number;
  contractVersion: number;
  mode: string;
  owner: string;
  receivedAt: string;
  classification: {
    class: string;
    reasons: { code: string; explanation: string }[];
    /** The analysis's class, when the order corrected on the intake page was classed otherwise. */
    analysed?: { class: string | null; reasons: { code: string; explanation: string }[] };
  } | null;
  /** Absent from older servers. */
  terms?: ContractTerms;
  totalAmount?: string | number | null;
  currency?: string | null;
  order?: CaseOrder;
  original?: OriginalMessage | null;
  rounds?: ReviewRound[];
  requirements: CaseRequirement[];
  departments: DepartmentStatus[];
  myChecklist: {
    department: Department;
    status: 'pending' | 'signed';
    items: ChecklistItem[];
    answers: Record<string, ChecklistAnswer>;
  } | null;
  meeting: MeetingRecord | null;
  issues: Issue[];
  negotiation: {
    issueId: string;
    at: string;
    by: string;
    contact: { name: string; channel: string };
    outcome: string;
    summary: string;
  }[];
  gmDecisions: { issueId: string; decision: string; rationale: string; by: string; at: string }[];
  conclusion: { decision: string; deviations: string | null; signature: Signature } | null;
  feedback: { sentAt: string; by: string; clockCompliant: boolean } | null;
  feedbackClock: {
    deadline: string;
    remainingMs: number;
    overdue: boolean;
    paused: boolean;
    sentAt: string | null;
    compliant: boolean | null;
  };
  customerConfirmation: {
    at: string;
    by: string;
    reference: string;
    sampleSignedOff?: boolean | null;
  } | null;
  /** The goods are accepted against a sample: the confirmation must record the sample sign-off. */
  samplesAreAcceptanceStandard?: boolean;
  /** A temporary contract's basis; null until recorded (absent from older servers). */
  temporaryBasis?: {
    reason: string;
    statedBy: string;
    statedAt: string;
    channel: 'verbal' | 'phone' | 'letter';
    recordedBy: string;
    recordedAt: string;
  } | null;
  amendments: Amendment[];
  voided: { at: string; by: string; reason: string } | null;
  history: HistoryEntry[];
  allowedEvents: string[];
  /**
   * Whether the signed-in user may take each step now, by the server's own check, with the
   * refusal where not (absent from older servers).
   */
  actions?: Record<string, { allowed: boolean; reason: { code: string; message: Bilingual } | null }>;
  /** Display names by user id (absent from older servers). */
  people?: Record<string, string>;
}

/** Submits one workflow step (the path after /api/contracts/:id/); resolves true when it was applied. */
export type Act = (step: string, body: Record<string, unknown>) => Promise<boolean>;

/** The order as the intake form held it (src/review/reviewed-order.ts ReviewedOrder). */
export interface ReviewedOrder {
  customer: string | null;
  poNumber: string | null;
  items: {
    line: number | null;
    product: string;
    model: string | null;
    quantity: number | null;
    unit: string | null;
    unitPrice: number | null;
    currency: string;
  }[];
  deliveryDate: string | null;
  deliveryPlace: string | null;
  deliveryTerms: string | null;
  paymentTerms: string | null;
}

/** Where the order under review came from: as analysed (1) and as corrected on the intake page (2). */
export interface CaseOrder {
  poNumber: string | null;
  versions: {
    version: number;
    source: 'analysis' | 'correction';
    order: ReviewedOrder;
    by: string | null;
    at: string;
  }[];
  corrections: { path: string; analysed: unknown; corrected: unknown; by: string; at: string }[];
}

/** The customer's message the case was opened from. */
export interface OriginalMessage {
  intakeId: string;
  channel: string;
  receivedAt: string;
  text: string | null;
  fileName: string | null;
  attachmentId: string | null;
}

/** One review round (earlier ones as an amendment closed them). */
export interface ReviewRound {
  round: number;
  number: string;
  contractVersion: number;
  current: boolean;
  classification: { contractClass: string; reasons: { code: string; explanation: string }[] };
  terms: ContractTerms;
  signOffs: Omit<DepartmentStatus, 'trigger'>[];
  conclusion: { decision: string; deviations: string | null; signature: Signature } | null;
  closedBy: { kind: Amendment['kind']; reason: string; at: string; by: string } | null;
}
