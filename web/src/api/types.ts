// Shapes of the server's answers as the web application uses them. The analysis result mirrors
// docs/analysis.schema.json; the other shapes keep only the fields the pages read, and optional
// fields are optional because features land one by one.

export type Department =
  | 'sales'
  | 'technical'
  | 'purchasing'
  | 'production'
  | 'quality'
  | 'finance'
  | 'general_manager'
  | 'admin';

export interface User {
  id: string;
  username: string;
  displayName: string;
  department: Department;
  departmentLabel: { zh: string; en: string };
  deputyFor: Department | null;
}

/** A user as the administrator's users page lists them (GET /api/users). */
export interface ListedUser extends User {
  active: boolean;
  email: string | null;
  /** From the audit trail's sign-in entries; null = never signed in. */
  lastSignInAt: string | null;
  createdAt: string;
}

export interface Span {
  start: number;
  end: number;
}

export interface Entity {
  type: string;
  text: string;
  start: number;
  end: number;
  value: unknown;
}

export interface Money {
  amount: number;
  currency: string;
  per: string | null;
  taxIncluded: boolean | null;
}

export interface OrderItem {
  product: string;
  catalogCode: string | null;
  model: string | null;
  quantity: { value: number; unit: string | null } | null;
  unitPrice: Money | null;
  span: Span;
}

export interface Requirement {
  text: string;
  category: string;
  kind: string;
  special: boolean;
  priority: string;
  span: Span;
  specialRule?: string | null;
  /** An implied requirement as a full sentence (`text` is then only the words that imply it). */
  statement?: string;
  basis?: string;
}

export interface AnalysisResult {
  id?: string;
  intent: { label: string; confidence: number };
  sentiment: { label: string; score: number; confidence?: number };
  customer: { name: string; known: boolean; confidence?: number } | null;
  items: OrderItem[];
  delivery: { date: string | null; place: string | null; terms: string | null; confidence?: number };
  /** Paths of the fields the analysis is unsure of (intent, customer, delivery.date, items[0].quantity…). */
  needsReview?: string[];
  paymentTerms: string | null;
  standards: string[];
  certifications: string[];
  requirements: Requirement[];
  entities: Entity[];
  keywords: { word: string; weight: number }[];
  contract: {
    class: 'regular' | 'special' | 'temporary' | null;
    reasons: { code: string; explanation: string }[];
    totalWeightTonnes: number | null;
  };
}

export interface RuleEvaluation {
  ruleId: string;
  outcome: 'fired' | 'not_fired' | 'not_evaluable';
  missing?: string[];
  explanation?: string;
}

export interface IntakeRecord {
  id: string;
  status: string;
  channel?: string;
  fileName?: string | null;
  text?: string | null;
  analysis?: AnalysisResult | null;
  classification?: {
    evaluations?: RuleEvaluation[];
    reviewRouting?: { mode: string; departments: string[] } | null;
  } | null;
  error?: { code?: string; message?: string } | null;
  errorMessage?: string | null;
  receivedAt?: string;
  customerName?: string | null;
  customerId?: string | null;
  /** A customer named in the message but not on file: shown for sales to confirm. */
  newCustomer?: NewCustomerProposal | null;
  /** Pages done of a scanned document while it is read: "第 3/40 页 / page 3 of 40". */
  progress?: { done: number; total: number; label: string } | null;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface Product {
  code: string;
  name: string;
  model: string | null;
  category: string | null;
  precisionGrade: string | null;
  unit: string;
  unitWeightKg: number | string | null;
  listPriceCny: string | number | null;
  active?: boolean;
}

export interface NewCustomerProposal {
  name: string;
  contact: { name: string | null; phone: string | null; email: string | null } | null;
  existingCustomerId: string | null;
}

export interface Contact {
  id: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
}

export interface CsrEntry {
  id: string;
  clause: string | null;
  text: string;
  category: string;
  appliesTo: string | null;
  department: string | null;
  status: string;
  sourceDocument?: string | null;
  /** YYYY-MM-DD; null = open-ended. */
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
}

export interface Customer {
  id: string;
  name: string;
  shortName: string | null;
  industry: string | null;
  firstOrderYear: number | null;
  notes?: string | null;
  timezone?: string;
  active?: boolean;
  /** The procedure's sales-side background questions. */
  companySize?: string | null;
  mainProducts?: string | null;
  goals?: string | null;
  useScenario?: string | null;
  urgency?: string | null;
  budget?: string | null;
  trueMotive?: string | null;
  contacts?: Contact[];
  csr?: CsrEntry[];
}

export interface Contract {
  id: string;
  number: string;
  customerName: string;
  class: string | null;
  status: string;
  version?: number;
  receivedAt: string;
  feedbackDueAt?: string | null;
  deliveryDate?: string | null;
  totalAmount?: string | number | null;
  currency?: string | null;
}

export interface Dashboard {
  period: { from: string; to: string; days: number };
  intakeByChannel: { key: string; count: number }[];
  requirementCategories: { key: string; count: number }[];
  contracts: {
    total: number;
    byClass: { key: string; count: number }[];
    specialShare: number | null;
    specialReasons: { key: string; count: number }[];
  };
  reviewCycleHours: { completed: number; median: number | null; p90: number | null };
  feedback48h: { due: number; onTime: number; late: number; overdueOpen: number; compliance: number | null };
  sentimentTrend: {
    week: string;
    positive: number;
    neutral: number;
    negative: number;
    averageScore: number | null;
  }[];
  topKeywords: { word: string; weight: number }[];
  complaintsByCause: { key: string; count: number }[];
  /** Requirement planning as of now (absent from servers before it shipped). */
  planning?: { open: number; overdue: number; done: number; supplierPending: number };
}

/** GET /api/intake/mailbox: the sales-inbox (IMAP) poller as last recorded in the database. */
export interface MailboxStatus {
  configured: boolean;
  /** user@host:port/folder; null when no mailbox is configured. */
  mailbox: string | null;
  pollSeconds: number | null;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  /** The last poll's error; null once a poll succeeds. */
  lastError: { zh: string; en: string } | null;
  lastTaken: number;
  messagesTaken: number;
  lastUid: number;
  uidValidity: string | null;
}
