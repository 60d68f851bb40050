// A plan item (需求策划与设计): who does what by when for one accepted requirement, linked to the
// production plan or the design task that carries it out. Its status is kept by its owner; "overdue"
// is never stored but read from the due date, so a list is always right the morning after. Pure.

export const PLAN_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** What lists show and filter on: a stored status, or overdue when it is past due and not done. */
export const PLAN_STATES = [...PLAN_STATUSES, 'overdue'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export function planState(status: PlanStatus, dueDate: string, today: string): PlanState {
  return status !== 'done' && dueDate < today ? 'overdue' : status;
}

/** What a person writes into a plan item. */
export interface PlanItemInput {
  ownerId: string;
  /** The department carrying it out (生产部 for a production plan, 技术部 for a design task …). */
  department: string;
  dueDate: string;
  /** Production plan number or design task reference, free text (SC-2026-118, DT-0042). */
  link: string | null;
  notes: string | null;
}

/** The plant's calendar day of an instant (the due date is a day in the plant's zone). */
export function dayIn(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')}`;
}
