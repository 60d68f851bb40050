// Row types of every table, as Kysely sees them. Column conventions are described in dialect.ts.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** ISO-8601 UTC instant, e.g. 2026-03-01T08:00:00.000Z */
export type Instant = string;
/** Exact decimal as a string, e.g. "62.00" */
export type Decimal = string;
/** JSON document serialised as text */
export type JsonText = string;
type Flag = number;

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  department: string;
  deputy_for: string | null;
  /** Where review notifications are mailed (0006-user-email); null = inbox only. */
  email: string | null;
  active: Flag;
  created_at: Instant;
  updated_at: Instant;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Instant;
  expires_at: Instant;
}

export interface CustomersTable {
  id: string;
  name: string;
  short_name: string | null;
  first_order_year: number | null;
  industry: string | null;
  notes: string | null;
  timezone: string;
  created_at: Instant;
  updated_at: Instant;
  /** 0015-master-data: 0 = deactivated (kept for contracts and complaints). */
  active: Generated<number>;
  company_size: string | null;
  main_products: string | null;
  goals: string | null;
  use_scenario: string | null;
  urgency: string | null;
  budget: string | null;
  true_motive: string | null;
}

export interface CustomerContactsTable {
  id: string;
  customer_id: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
}

export interface CsrEntriesTable {
  id: string;
  customer_id: string;
  source_document: string | null;
  clause: string | null;
  text: string;
  category: string;
  applies_to: string | null;
  department: string | null;
  effective_from: string | null;
  effective_to: string | null;
  status: string;
  created_at: Instant;
  updated_at: Instant;
}

export interface ProductsTable {
  code: string;
  name: string;
  model: string | null;
  category: string | null;
  precision_grade: string | null;
  unit: string;
  unit_weight_kg: ColumnType<Decimal | null, Decimal | number | null, Decimal | number | null>;
  list_price_cny: ColumnType<Decimal | null, Decimal | number | null, Decimal | number | null>;
  created_at: Instant;
  updated_at: Instant;
  /** 0015-master-data: 0 = deactivated (no longer offered; kept for contracts). */
  active: Generated<number>;
}

export interface IntakeRecordsTable {
  id: string;
  channel: string;
  file_name: string | null;
  file_sha256: string | null;
  media_type: string | null;
  size_bytes: number | null;
  extracted_text: string | null;
  provenance: JsonText | null;
  status: string;
  error_code: string | null;
  error_message: string | null;
  customer_id: string | null;
  received_at: Instant;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
  /** 0003-intake */
  customer_name: string | null;
  ref_date: string | null;
  warnings: JsonText | null;
  started_at: Instant | null;
  /** 0010-intake-progress: pages (or parts) processed so far, of how many. */
  progress_done: number | null;
  progress_total: number | null;
}

export interface AnalysesTable {
  id: string;
  intake_id: string | null;
  ref_date: string;
  engine_version: string;
  result: JsonText;
  created_at: Instant;
  /** 0014-analysis-versions: 1, 2, … per intake record; the current one has no superseded_at. */
  version: Generated<number>;
  superseded_at: Instant | null;
}

export interface RequirementsTable {
  id: string;
  analysis_id: string | null;
  contract_id: string | null;
  text: string;
  category: string;
  kind: string;
  special: Flag;
  special_rule: string | null;
  priority: string;
  status: string;
  span_start: number | null;
  span_end: number | null;
  links: JsonText | null;
  version: number;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface ContractsTable {
  id: string;
  number: string;
  customer_id: string | null;
  customer_name: string;
  class: string | null;
  status: string;
  version: number;
  intake_id: string | null;
  analysis_id: string | null;
  currency: string | null;
  total_amount: ColumnType<Decimal | null, Decimal | number | null, Decimal | number | null>;
  delivery_date: string | null;
  delivery_place: string | null;
  payment_terms: string | null;
  classification: JsonText | null;
  received_at: Instant;
  feedback_due_at: Instant | null;
  customer_timezone: string;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface ContractItemsTable {
  id: string;
  contract_id: string;
  line_no: number;
  product_code: string | null;
  product_name: string;
  model: string | null;
  quantity: ColumnType<Decimal | null, Decimal | number | null, Decimal | number | null>;
  unit: string | null;
  unit_price: ColumnType<Decimal | null, Decimal | number | null, Decimal | number | null>;
  currency: string | null;
  tax_included: Flag | null;
}

export interface ReviewsTable {
  id: string;
  contract_id: string;
  contract_version: number;
  department: string;
  status: string;
  conclusion: string | null;
  conditions: string | null;
  reason: string | null;
  checklist: JsonText | null;
  signer_id: string | null;
  signed_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface AmendmentsTable {
  id: string;
  contract_id: string;
  kind: string;
  from_version: number;
  to_version: number;
  description: string;
  diff: JsonText;
  affected_departments: JsonText;
  created_by: string | null;
  created_at: Instant;
}

export interface RulesTable {
  id: string;
  name: string;
  current_version: number;
  enabled: Flag;
  created_at: Instant;
  updated_at: Instant;
}

export interface RuleVersionsTable {
  id: string;
  rule_id: string;
  version: number;
  definition: JsonText;
  change_note: string | null;
  changed_by: string | null;
  created_at: Instant;
  /** Actor id of who saved the version (0002-rules); may be a `system:` id. */
  author: string | null;
  author_department: string | null;
}

export interface FeedbackTable {
  id: string;
  customer_id: string | null;
  contract_id: string | null;
  kind: string;
  text: string;
  sentiment: string | null;
  sentiment_score: number | null;
  cause: string | null;
  status: string;
  received_at: Instant;
  closed_at: Instant | null;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
  /** 0005-feedback: where it came from, what the analysis read, and the 8D steps of a complaint. */
  channel: string | null;
  product_code: string | null;
  intent: string | null;
  categories: JsonText | null;
  cause_explanation: string | null;
  containment: string | null;
  root_cause: string | null;
  root_cause_type: string | null;
  corrective_action: string | null;
  verification: string | null;
  due_at: Instant | null;
  investigating_at: Instant | null;
  action_at: Instant | null;
  /** 0009-feedback-void: an entry recorded by mistake is voided with a reason, never deleted. */
  voided_at: Instant | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface ImprovementActionsTable {
  id: string;
  feedback_id: string | null;
  title: string;
  owner_department: string;
  due_date: string | null;
  status: string;
  result: string | null;
  created_at: Instant;
  updated_at: Instant;
  /** 0005-feedback: an action may come from a capability evaluation and is checked for effect. */
  evaluation_id: string | null;
  description: string | null;
  effectiveness: string | null;
  effectiveness_note: string | null;
  effectiveness_checked_at: Instant | null;
  closed_at: Instant | null;
  created_by: string | null;
}

export interface CapabilityEvaluationsTable {
  id: string;
  period: string;
  scores: JsonText;
  summary: string | null;
  evaluator_id: string | null;
  created_at: Instant;
  /** 0005-feedback */
  period_from: string | null;
  period_to: string | null;
  grade: string | null;
  findings: JsonText | null;
  evaluator_name: string | null;
  score: number | null;
  /** 0017-capability-criteria: 'criteria' for the five criteria; null = the earlier six indicators. */
  model: string | null;
  subject_kind: string | null;
  subject_id: string | null;
  subject_name: string | null;
  /** JSON: the assessor's 1–5 scores per criterion and sub-item. */
  assessment: JsonText | null;
  note: string | null;
  /** JSON: the weights and targets used, with the setting's version. */
  settings: JsonText | null;
}

/** One evaluation of a CSR register entry (0018-csr-evaluations); its history is the audit trail. */
export interface CsrEvaluationsTable {
  csr_id: string;
  feasible: 'yes' | 'no' | 'conditional';
  conditions: string | null;
  cost: string | null;
  time_needed: string | null;
  responsible_department: string;
  actions: string | null;
  status: string;
  next_review_date: string | null;
  version: number;
  evaluated_by: string | null;
  evaluated_at: Instant;
}

/** 0005-feedback */
export interface SatisfactionSurveysTable {
  id: string;
  customer_id: string;
  period: string;
  scale: number;
  quality: number | null;
  delivery: number | null;
  price: number | null;
  service: number | null;
  communication: number | null;
  respondent: string | null;
  comment: string | null;
  created_by: string | null;
  created_at: Instant;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Instant;
  actor_id: string | null;
  actor_department: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: JsonText | null;
  after: JsonText | null;
  /** SHA-256 of the previous row's hash and this row's content (src/store/audit-chain.ts). */
  hash: string | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  customers: CustomersTable;
  customer_contacts: CustomerContactsTable;
  csr_entries: CsrEntriesTable;
  csr_evaluations: CsrEvaluationsTable;
  products: ProductsTable;
  intake_records: IntakeRecordsTable;
  analyses: AnalysesTable;
  requirements: RequirementsTable;
  contracts: ContractsTable;
  contract_items: ContractItemsTable;
  reviews: ReviewsTable;
  amendments: AmendmentsTable;
  rules: RulesTable;
  rule_versions: RuleVersionsTable;
  feedback: FeedbackTable;
  improvement_actions: ImprovementActionsTable;
  capability_evaluations: CapabilityEvaluationsTable;
  satisfaction_surveys: SatisfactionSurveysTable;
  audit_log: AuditLogTable;
  review_cases: ReviewCasesTable;
  review_events: ReviewEventsTable;
  notifications: NotificationsTable;
  mail_outbox: MailOutboxTable;
  review_roles: ReviewRolesTable;
  contract_number_counters: ContractNumberCountersTable;
  settings: SettingsTable;
  contract_attachments: ContractAttachmentsTable;
  mailbox_state: MailboxStateTable;
  mailbox_messages: MailboxMessagesTable;
  contract_orders: ContractOrdersTable;
  analysis_corrections: AnalysisCorrectionsTable;
  laws: LawsTable;
  law_confirmations: LawConfirmationsTable;
  requirement_assessments: RequirementAssessmentsTable;
  plan_items: PlanItemsTable;
  supplier_requirements: SupplierRequirementsTable;
}

/** UIDs are bigint columns: PostgreSQL returns them as strings, SQLite as numbers. */
type Uid = ColumnType<number | string, number, number>;

/** The sales-inbox poller, per mailbox (0011-mailbox-state). */
export interface MailboxStateTable {
  /** user@host:port/mailbox */
  mailbox_key: string;
  uid_validity: string | null;
  last_uid: Uid;
  last_poll_at: Instant | null;
  last_success_at: Instant | null;
  last_error_zh: string | null;
  last_error_en: string | null;
  last_taken: number;
  messages_taken: number;
  updated_at: Instant;
}

/** A message taken from a mailbox, keyed by Message-ID (or the raw bytes' hash when it has none). */
export interface MailboxMessagesTable {
  mailbox_key: string;
  message_key: string;
  uid_validity: string;
  uid: Uid;
  intake_id: string | null;
  taken_at: Instant;
}

/** Review state of a contract (0004-review): the XState snapshot and columns the ledger filters on. */
export interface ReviewCasesTable {
  contract_id: string;
  stage: string;
  revision: number;
  snapshot: JsonText;
  open_input: JsonText;
  owner_id: string;
  feedback_sent_at: Instant | null;
  feedback_compliant: Flag | null;
  next_wake_at: Instant | null;
  updated_at: Instant;
}

export interface ReviewEventsTable {
  id: string;
  contract_id: string;
  revision: number;
  type: string;
  actor_id: string | null;
  actor_department: string | null;
  payload: JsonText;
  at: Instant;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  contract_id: string | null;
  kind: string;
  message_zh: string;
  message_en: string;
  created_at: Instant;
  read_at: Instant | null;
}

/** A notification waiting to be (or already) mailed (0006-user-email). */
export interface MailOutboxTable {
  id: string;
  notification_id: string;
  user_id: string;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  next_attempt_at: Instant;
  last_error: string | null;
  /** The address the mail went (or was last tried) to. */
  recipient: string | null;
  created_at: Instant;
  sent_at: Instant | null;
}

export interface ReviewRolesTable {
  user_id: string;
  role: string;
}

export interface ContractNumberCountersTable {
  year: number;
  last_value: number;
}

/** A run-time setting (0007-review-policy): validated JSON with an optimistic version. */
export interface SettingsTable {
  key: string;
  value: JsonText;
  version: number;
  updated_at: Instant;
  updated_by: string | null;
}

/** A file attached to a contract case (0008-case-attachments); bytes in the upload store. */
export interface ContractAttachmentsTable {
  id: string;
  contract_id: string;
  file_name: string;
  media_type: string;
  sha256: string;
  size_bytes: number;
  note: string | null;
  created_by: string | null;
  created_at: Instant;
}

/** Every version of a case's order: 1 as analysed, 2 as the user corrected it (0013-reviewed-order). */
export interface ContractOrdersTable {
  contract_id: string;
  version: number;
  source: 'analysis' | 'correction';
  order_json: JsonText;
  created_by: string | null;
  created_at: Instant;
}

/** One field the user corrected in the intake form: a labelled example for retraining (0013). */
export interface AnalysisCorrectionsTable {
  id: string;
  intake_id: string;
  analysis_id: string | null;
  contract_id: string | null;
  field_path: string;
  /** JSON of the value as analysed / as corrected; null when the line was added / removed. */
  analysed_value: JsonText | null;
  corrected_value: JsonText | null;
  created_by: string;
  created_at: Instant;
}

/** An entry of the laws and regulations register (0016-laws-register). */
export interface LawsTable {
  id: string;
  title: string;
  number: string;
  issuer: string;
  scope_all: Flag;
  /** JSON arrays of text. */
  scope_categories: JsonText;
  scope_processes: JsonText;
  departments: JsonText;
  effective_date: string | null;
  review_due: string;
  status: 'current' | 'superseded';
  superseded_by: string | null;
  obligations: string;
  source_url: string | null;
  attachment_name: string | null;
  attachment_media_type: string | null;
  attachment_sha256: string | null;
  attachment_size: number | null;
  revision: number;
  created_at: Instant;
  updated_at: Instant;
}

/** A department's confirmation that it read one revision of a register entry (传达学习). */
export interface LawConfirmationsTable {
  law_id: string;
  department: string;
  revision: number;
  user_id: string | null;
  confirmed_at: Instant;
}

/** A reviewer's rating of one requirement of a case, 1 low – 3 high (0019-requirement-planning). */
export interface RequirementAssessmentsTable {
  contract_id: string;
  /** The case's requirement id (R1, R2 …). */
  requirement_id: string;
  urgency: number;
  importance: number;
  cost: number;
  assessed_by: string | null;
  assessed_at: Instant;
}

/** Who carries out an accepted requirement by when (0019-requirement-planning). */
export interface PlanItemsTable {
  id: string;
  contract_id: string;
  requirement_id: string;
  owner_id: string;
  department: string;
  /** A day (YYYY-MM-DD) in the plant's zone. */
  due_date: string;
  /** Production plan number or design task reference. */
  link: string | null;
  status: 'planned' | 'in_progress' | 'done';
  notes: string | null;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
  done_at: Instant | null;
}

/** A requirement to pass on to an external supplier, and when purchasing did (0020-supplier-requirements). */
export interface SupplierRequirementsTable {
  id: string;
  contract_id: string;
  requirement_id: string;
  supplier: string;
  note: string | null;
  marked_by: string | null;
  marked_at: Instant;
  /** The day it was passed on (YYYY-MM-DD); null while pending. */
  passed_on: string | null;
  passed_by: string | null;
  passed_recorded_at: Instant | null;
  passed_note: string | null;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type ProductRow = Selectable<ProductsTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type ContractRow = Selectable<ContractsTable>;
export type ContractUpdate = Updateable<ContractsTable>;
