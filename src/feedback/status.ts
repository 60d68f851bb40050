// Status flow of a complaint, 8D-style: open → investigating → action → closed. Each step needs
// the 8D field that proves it (D3 containment, D4 root cause, D5/6 corrective action, D7
// verification), so a complaint cannot be closed on paper alone. Praise and suggestions
// (kind "feedback") may be closed straight away.

export const FEEDBACK_STATUSES = ['open', 'investigating', 'action', 'closed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const FEEDBACK_KINDS = ['complaint', 'feedback'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

// The code lists live here, in a module without imports, so the web app bundles them from this
// one source instead of restating them.
export const FEEDBACK_CHANNELS = ['email', 'phone', 'wechat', 'visit', 'portal', 'survey', 'other'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const EFFECTIVENESS = ['effective', 'not_effective'] as const;
export type Effectiveness = (typeof EFFECTIVENESS)[number];

/** Shortest reason accepted for voiding an entry: enough for an auditor to understand why. */
export const VOID_REASON_MIN = 4;

/** Root-cause types; `requirement_not_identified` feeds the capability evaluation. */
export const ROOT_CAUSE_TYPES = [
  'requirement_not_identified',
  'process',
  'material',
  'supplier',
  'transport',
  'customer_use',
  'other',
] as const;
export type RootCauseType = (typeof ROOT_CAUSE_TYPES)[number];

export interface EightD {
  containment: string | null;
  rootCause: string | null;
  rootCauseType: RootCauseType | null;
  correctiveAction: string | null;
  verification: string | null;
}

const ALLOWED: Record<FeedbackStatus, readonly FeedbackStatus[]> = {
  open: ['investigating'],
  investigating: ['action'],
  // Verification failed: back to the investigation.
  action: ['closed', 'investigating'],
  closed: ['investigating'],
};

const STATUS_ZH: Record<FeedbackStatus, string> = {
  open: '待处理',
  investigating: '调查中',
  action: '措施实施中',
  closed: '已关闭',
};

export interface TransitionCheck {
  ok: boolean;
  /** Field names missing or the reason the step is not allowed, 中文 / English. */
  problems: { field: string; message: string }[];
}

const blank = (v: string | null | undefined) => !v?.trim();

/** The statuses a step may go to from `from` (before checking the 8D fields). */
export function nextStatuses(kind: FeedbackKind, from: FeedbackStatus): FeedbackStatus[] {
  const next = [...ALLOWED[from]];
  if (kind === 'feedback' && from !== 'closed' && !next.includes('closed')) next.push('closed');
  return next;
}

/** Whether `from → to` is allowed for this kind with these 8D fields (after the step's input). */
export function checkTransition(
  kind: FeedbackKind,
  from: FeedbackStatus,
  to: FeedbackStatus,
  d: EightD,
): TransitionCheck {
  const problems: { field: string; message: string }[] = [];
  const direct = kind === 'feedback' && to === 'closed' && from !== 'closed';
  if (!direct && !ALLOWED[from].includes(to)) {
    problems.push({
      field: 'status',
      message: `不能从「${STATUS_ZH[from]}」转到「${STATUS_ZH[to]}」/ cannot go from ${from} to ${to}`,
    });
    return { ok: false, problems };
  }
  if (kind === 'complaint') {
    if (to === 'investigating' && blank(d.containment)) {
      problems.push({ field: 'containment', message: '需填写围堵措施（D3）/ containment (D3) is required' });
    }
    if (to === 'action') {
      if (blank(d.rootCause)) {
        problems.push({ field: 'rootCause', message: '需填写根本原因（D4）/ root cause (D4) is required' });
      }
      if (!d.rootCauseType) {
        problems.push({
          field: 'rootCauseType',
          message: '需选择根本原因类型 / root cause type is required',
        });
      }
      if (blank(d.correctiveAction)) {
        problems.push({
          field: 'correctiveAction',
          message: '需填写纠正措施（D5/D6）/ corrective action (D5/D6) is required',
        });
      }
    }
    if (to === 'closed' && blank(d.verification)) {
      problems.push({
        field: 'verification',
        message: '需填写效果验证（D7）/ verification (D7) is required',
      });
    }
  }
  return { ok: problems.length === 0, problems };
}

/** Default working days to close a complaint (8D report due), counted in calendar days. */
export const DEFAULT_COMPLAINT_DAYS = 10;

export function defaultDueAt(receivedAt: string, kind: FeedbackKind): string | null {
  if (kind !== 'complaint') return null;
  return new Date(Date.parse(receivedAt) + DEFAULT_COMPLAINT_DAYS * 86_400_000).toISOString();
}

/** Open past its due instant at `now`. */
export function isOverdue(
  item: { status: string; dueAt: string | null },
  now: Date,
  closedStatus = 'closed',
): boolean {
  return item.status !== closedStatus && item.dueAt !== null && Date.parse(item.dueAt) < now.getTime();
}
