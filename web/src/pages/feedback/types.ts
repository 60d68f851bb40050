// Shapes of the customer-side API answers (src/server/routes/feedback.ts), as these pages read them.

export const FEEDBACK_KINDS = ['complaint', 'feedback'] as const;
export const FEEDBACK_STATUSES = ['open', 'investigating', 'action', 'closed'] as const;
export const FEEDBACK_CHANNELS = ['email', 'phone', 'wechat', 'visit', 'portal', 'survey', 'other'] as const;
export const COMPLAINT_CAUSES = [
  'quality',
  'delivery',
  'price',
  'service',
  'documentation',
  'packaging',
] as const;
export const ROOT_CAUSE_TYPES = [
  'requirement_not_identified',
  'process',
  'material',
  'supplier',
  'transport',
  'customer_use',
  'other',
] as const;
export const ACTION_STATUSES = ['open', 'in_progress', 'closed'] as const;
export const SATISFACTION_DIMENSIONS = ['quality', 'delivery', 'price', 'service', 'communication'] as const;

export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type RootCauseType = (typeof ROOT_CAUSE_TYPES)[number];

export interface Feedback {
  id: string;
  customerId: string | null;
  customerName: string | null;
  contractId: string | null;
  productCode: string | null;
  channel: string | null;
  kind: FeedbackKind;
  text: string;
  intent: string | null;
  sentiment: string | null;
  sentimentScore: number | null;
  categories: string[];
  cause: string | null;
  causeExplanation: string | null;
  containment: string | null;
  rootCause: string | null;
  rootCauseType: RootCauseType | null;
  correctiveAction: string | null;
  verification: string | null;
  status: FeedbackStatus;
  receivedAt: string;
  dueAt: string | null;
  overdue: boolean;
  closedAt: string | null;
  createdAt: string;
}

export interface ImprovementAction {
  id: string;
  feedbackId: string | null;
  evaluationId: string | null;
  title: string;
  description: string | null;
  ownerDepartment: string;
  dueDate: string | null;
  status: ActionStatus;
  result: string | null;
  effectiveness: 'effective' | 'not_effective' | null;
  closedAt: string | null;
  overdue: boolean;
  createdAt: string;
}

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

/** Rates are percentages (0–100) and null when there is nothing to divide by. */
export interface CustomerKpis {
  period: { from: string; to: string };
  complaints: {
    total: number;
    byCause: Record<string, number>;
    byMonth: {
      month: string;
      count: number;
      byCause: Record<string, number>;
      ratePer100Contracts: number | null;
    }[];
  };
  feedbackTotal: number;
  complaintRatePer100Contracts: number | null;
  meanDaysToClose: number | null;
  openComplaints: number;
  actionClosure: { closed: number; onTime: number; rate: number | null };
  satisfactionIndex: number | null;
  feedback48h: { due: number; compliant: number; rate: number | null };
}

export interface Indicator {
  key: string;
  name: string;
  weight: number;
  score: number | null;
  value: number | null;
  unit: '%' | 'h';
  numerator: number;
  denominator: number;
  target: number;
}

export interface Finding {
  indicator: string;
  severity: 'ok' | 'minor' | 'major' | 'no_data';
  text: string;
  suggestion: string;
  ownerDepartment: string;
}

export interface CapabilityEvaluation {
  id: string;
  period: string;
  from: string;
  to: string;
  score: number | null;
  grade: 'A' | 'B' | 'C' | 'D' | null;
  summary: string;
  indicators: Indicator[];
  findings: Finding[];
  evaluatorName: string | null;
  createdAt: string;
}

/** Next statuses the 8D flow allows (src/feedback/status.ts); praise and suggestions may close at once. */
export function nextStatuses(kind: FeedbackKind, from: FeedbackStatus): FeedbackStatus[] {
  const allowed: Record<FeedbackStatus, FeedbackStatus[]> = {
    open: ['investigating'],
    investigating: ['action'],
    action: ['closed', 'investigating'],
    closed: ['investigating'],
  };
  const next = [...allowed[from]];
  if (kind === 'feedback' && from !== 'closed' && !next.includes('closed')) next.push('closed');
  return next;
}

/** Sentiment tag colours: red for negative, green for positive. */
export const SENTIMENT_COLOURS: Record<string, string> = {
  positive: 'green',
  neutral: 'default',
  negative: 'red',
};
