// An entry of the laws and regulations register (法律法规清单) and the pure decisions about it:
// whether it is due for review, and whether a contract case falls in its scope. No I/O here.
import { BUSINESS_DEPARTMENTS, type Department } from '../auth/roles.js';

export const LAW_STATUSES = ['current', 'superseded'] as const;
export type LawStatus = (typeof LAW_STATUSES)[number];

/** Departments an entry can name: those that review contracts and hold a checklist. */
export const LAW_DEPARTMENTS = BUSINESS_DEPARTMENTS;
export type LawDepartment = (typeof LAW_DEPARTMENTS)[number];

/** An entry is listed as due for review this many days before its review date, and after it. */
export const REVIEW_DUE_WINDOW_DAYS = 30;

export interface LawScope {
  /** Applies to every product and contract (产品质量法, 民法典合同编). */
  all: boolean;
  /** Product categories as the catalogue writes them (汽车结构件, 散热器型材 …). */
  categories: string[];
  /** Processes (挤压, 阳极氧化, 熔铸 …), found in what the case says about its items and requirements. */
  processes: string[];
}

/** What a user writes into an entry. */
export interface LawInput {
  title: string;
  number: string;
  issuer: string;
  scope: LawScope;
  departments: LawDepartment[];
  effectiveDate: string | null;
  reviewDue: string;
  obligations: string;
  sourceUrl: string | null;
}

export interface LawConfirmation {
  department: Department;
  revision: number;
  userId: string | null;
  userName: string | null;
  confirmedAt: string;
}

export interface LawEntry extends LawInput {
  id: string;
  status: LawStatus;
  supersededBy: { id: string; number: string; title: string } | null;
  attachment: { name: string; mediaType: string; size: number } | null;
  revision: number;
  /** Review date passed or within REVIEW_DUE_WINDOW_DAYS of today (current entries only). */
  reviewDueSoon: boolean;
  /** Confirmations of the current revision, one per department. */
  confirmations: LawConfirmation[];
  createdAt: string;
  updatedAt: string;
}

/** Adds days to an ISO date (YYYY-MM-DD), in UTC so no zone shifts the day. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last review date that is already "due" on `today`. */
export function reviewDueLimit(today: string): string {
  return addDays(today, REVIEW_DUE_WINDOW_DAYS);
}

export function isReviewDue(entry: { status: LawStatus; reviewDue: string }, today: string): boolean {
  return entry.status === 'current' && entry.reviewDue <= reviewDueLimit(today);
}

/** What a case says that a scope can match: the catalogue categories of its items and its words. */
export interface CaseScopeFacts {
  categories: readonly string[];
  /** Item names, models, materials, packaging and requirement texts, joined. */
  text: string;
}

/** Why an entry applies to a case, or null when it does not. */
export function scopeMatch(scope: LawScope, facts: CaseScopeFacts): string[] | null {
  if (scope.all) return ['all'];
  const text = facts.text.toLowerCase();
  const because = [
    ...scope.categories
      // An item not matched to the catalogue still names its category (散热器型材) in its name.
      .filter((c) => facts.categories.includes(c) || text.includes(c.toLowerCase()))
      .map((c) => `category:${c}`),
    ...scope.processes.filter((p) => text.includes(p.toLowerCase())).map((p) => `process:${p}`),
  ];
  return because.length > 0 ? because : null;
}

/** The requirement a case gets from an entry in scope: the law cited and what it obliges. */
export function statutoryRequirementText(entry: Pick<LawInput, 'title' | 'number' | 'obligations'>): string {
  const title = entry.title.replace(/^《|》$/g, '');
  return `符合《${title}》（${entry.number}）：${entry.obligations}`;
}
