// Row types of the customer-side tables as 0005-feedback left them. Kept here rather than in the
// shared schema so this area's columns travel with its code; `feedbackDb` views the one store
// through these types.
import type { Kysely } from 'kysely';
import type {
  CapabilityEvaluationsTable,
  Database,
  FeedbackTable,
  ImprovementActionsTable,
  Instant,
  JsonText,
} from '../store/schema.js';

export interface FeedbackRowTable extends FeedbackTable {
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
  /** 0009-feedback-void */
  voided_at: Instant | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface ImprovementActionRowTable extends ImprovementActionsTable {
  evaluation_id: string | null;
  description: string | null;
  effectiveness: string | null;
  effectiveness_note: string | null;
  effectiveness_checked_at: Instant | null;
  closed_at: Instant | null;
  created_by: string | null;
}

export interface CapabilityEvaluationRowTable extends CapabilityEvaluationsTable {
  period_from: string | null;
  period_to: string | null;
  grade: string | null;
  findings: JsonText | null;
  evaluator_name: string | null;
  score: number | null;
}

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

export interface FeedbackDatabase
  extends Omit<Database, 'feedback' | 'improvement_actions' | 'capability_evaluations'> {
  feedback: FeedbackRowTable;
  improvement_actions: ImprovementActionRowTable;
  capability_evaluations: CapabilityEvaluationRowTable;
  satisfaction_surveys: SatisfactionSurveysTable;
}

export type FeedbackDb = Kysely<FeedbackDatabase>;

export function feedbackDb(db: Kysely<Database>): FeedbackDb {
  return db as unknown as FeedbackDb;
}
