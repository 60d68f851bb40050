// Shapes of the customer-side API answers (src/server/routes/feedback.ts), as these pages read them.
// The code lists, the 8D step rule and the feedback/action records come from src/feedback itself:
// status.ts has no imports, so Vite bundles it; the repositories are imported for their types only
// (erased from the bundle). What the routes reshape (surveys, evaluations) is described here.
import type { ImprovementAction as ActionRecord } from '../../../../src/feedback/action-repository';
import type { FeedbackRecord } from '../../../../src/feedback/feedback-repository';
import type { KpiReport } from '../../../../src/feedback/kpis';

export { COMPLAINT_CAUSES } from '../../../../src/feedback/cause';
export { SATISFACTION_DIMENSIONS } from '../../../../src/feedback/satisfaction';
export {
  ACTION_STATUSES,
  type ActionStatus,
  EFFECTIVENESS,
  FEEDBACK_CHANNELS,
  FEEDBACK_KINDS,
  FEEDBACK_STATUSES,
  type FeedbackKind,
  type FeedbackStatus,
  nextStatuses,
  ROOT_CAUSE_TYPES,
  type RootCauseType,
  VOID_REASON_MIN,
} from '../../../../src/feedback/status';

export type Feedback = FeedbackRecord;
export type ImprovementAction = ActionRecord;
/** Rates are percentages (0–100) and null when there is nothing to divide by; the route sends the period as days. */
export type CustomerKpis = Omit<KpiReport, 'period'> & { period: { from: string; to: string } };

export interface Survey {
  id: string;
  customerId: string;
  customerName: string | null;
  period: string;
  scale: 5 | 100;
  scores: Record<string, number | null>;
  index: number | null;
  respondent: string | null;
  comment: string | null;
  createdAt: string;
}

export interface SatisfactionAnswer {
  items: Survey[];
  total: number;
  trend: { period: string; index: number; change: number | null; byDimension: Record<string, number> }[];
}

/** Sentiment tag colours: red for negative, green for positive. */
export const SENTIMENT_COLOURS: Record<string, string> = {
  positive: 'green',
  neutral: 'default',
  negative: 'red',
};
