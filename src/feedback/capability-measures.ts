// The evidence behind the capability criteria, computed from plain facts (capability-evidence.ts
// reads them from the database for one salesperson, team or the whole organisation). Pure.
// A measure whose data holds nothing to measure is null ("no data"), never 0 % or 100 %.
import type { CapabilityEvidence, CapabilitySettings, MeasureEvidence } from './capability.js';
import { type ContractFacts, feedbackCompliance, satisfactionIndex } from './kpis.js';
import { periodEndMonth, periodStartMonth, type SurveyScores } from './satisfaction.js';

export interface RequirementFact {
  /** The case's requirement id (R1 …). */
  id: string;
  kind: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface ContractFact extends ContractFacts {
  id: string;
  number: string;
  customerId: string | null;
  /** First time sales confirmed the requirements, if ever. */
  confirmedAt: string | null;
  /** First department signature, if any. */
  firstSignedAt: string | null;
  requirements: RequirementFact[];
  /** Case requirement ids an amendment added or changed. */
  amendedRequirementIds: string[];
  questions: { askedAt: string; answeredAt: string | null }[];
}

export interface ComplaintFact {
  id: string;
  customerId: string | null;
  customerName: string | null;
  cause: string | null;
  receivedAt: string;
  /** When it was first worked on: investigation started, action taken or closed. */
  respondedAt: string | null;
  /** Whether it belongs to the evaluated scope (earlier complaints are kept to find repeats). */
  inScope: boolean;
}

export interface ActionFact {
  id: string;
  title: string;
  dueDate: string | null;
  closedAt: string | null;
  effectiveness: string | null;
  fromComplaint: boolean;
  fromEvaluation: boolean;
  createdAt: string;
}

export interface CapabilityFacts {
  /** Instants bounding the period (inclusive). */
  from: string;
  to: string;
  contracts: ContractFact[];
  /** Non-voided complaints from 90 days before the period to its end. */
  complaints: ComplaintFact[];
  /** Improvement actions of the scope. */
  actions: ActionFact[];
  surveys: SurveyScores[];
  /** Products the scope added to the catalogue in the period. */
  newProducts: { code: string; name: string }[];
}

const HOUR = 3_600_000;
const REPEAT_WINDOW_MS = 90 * 24 * HOUR;
const pct = (num: number, den: number) => (den === 0 ? null : (num / den) * 100);
const none = (): MeasureEvidence => ({ value: null, numerator: 0, denominator: 0, examples: [] });
const distinct = (xs: string[]) => [...new Set(xs)];
const inside = (instant: string, from: string, to: string) => instant >= from && instant <= to;

/** The Shanghai calendar day of an instant, as action due dates are kept. */
const shanghaiDay = (instant: string) => new Date(Date.parse(instant) + 8 * HOUR).toISOString().slice(0, 10);

export function measureEvidence(
  facts: CapabilityFacts,
  settings: CapabilitySettings,
  now: Date,
): CapabilityEvidence {
  const nowMs = now.getTime();
  const t = settings.measureTargets;

  // 1 沟通: requirements confirmed and left as confirmed.
  let stable = 0;
  let considered = 0;
  const changedContracts: string[] = [];
  for (const c of facts.contracts) {
    if (!c.confirmedAt) continue;
    const amended = new Set(c.amendedRequirementIds);
    for (const r of c.requirements) {
      // Dropped before it was ever confirmed: it was never part of what the customer confirmed.
      if (r.status === 'rejected' && r.updatedAt <= c.confirmedAt) continue;
      considered += 1;
      const changed = r.createdAt > c.confirmedAt || r.updatedAt > c.confirmedAt || amended.has(r.id);
      if (changed) changedContracts.push(c.number);
      else stable += 1;
    }
  }
  const requirementsStable: MeasureEvidence = {
    value: pct(stable, considered),
    numerator: stable,
    denominator: considered,
    examples: distinct(changedContracts),
  };

  let asked = 0;
  let inTime = 0;
  const lateQuestions: string[] = [];
  const limit = settings.questionHours * HOUR;
  for (const c of facts.contracts) {
    for (const q of c.questions) {
      const waited = (q.answeredAt ? Date.parse(q.answeredAt) : nowMs) - Date.parse(q.askedAt);
      // Still open and not yet late: nothing to judge.
      if (!q.answeredAt && waited <= limit) continue;
      asked += 1;
      if (q.answeredAt && waited <= limit) inTime += 1;
      else lateQuestions.push(c.number);
    }
  }
  const questions: MeasureEvidence = {
    value: pct(inTime, asked),
    numerator: inTime,
    denominator: asked,
    examples: distinct(lateQuestions),
  };

  // 2 知识: implied and statutory requirements present before the first department signed.
  let implicit = 0;
  let early = 0;
  const lateFound: string[] = [];
  for (const c of facts.contracts) {
    if (!c.firstSignedAt) continue;
    for (const r of c.requirements) {
      if ((r.kind !== 'implied' && r.kind !== 'statutory') || r.status === 'rejected') continue;
      implicit += 1;
      if (r.createdAt <= c.firstSignedAt) early += 1;
      else lateFound.push(c.number);
    }
  }
  const implicitBeforeReview: MeasureEvidence = {
    value: pct(early, implicit),
    numerator: early,
    denominator: implicit,
    examples: distinct(lateFound),
  };

  // 3 服务: the 48-hour answer and satisfaction.
  const compliance = feedbackCompliance(facts.contracts, now);
  const lateFeedback = facts.contracts
    .filter(
      (c) =>
        c.feedbackCompliant === false ||
        (c.feedbackCompliant === null &&
          c.feedbackDueAt !== null &&
          !c.feedbackSentAt &&
          Date.parse(c.feedbackDueAt) < nowMs),
    )
    .map((c) => c.number);
  const feedback48h: MeasureEvidence = {
    value: compliance.rate,
    numerator: compliance.compliant,
    denominator: compliance.due,
    examples: lateFeedback,
  };
  const first = shanghaiDay(facts.from).slice(0, 7);
  const last = shanghaiDay(facts.to).slice(0, 7);
  const surveys = facts.surveys.filter(
    (s) => periodStartMonth(s.period) <= last && periodEndMonth(s.period) >= first,
  );
  const index = satisfactionIndex(surveys);
  const satisfaction: MeasureEvidence = {
    value: index,
    numerator: surveys.length,
    denominator: surveys.length,
    examples: [],
  };

  // 4 反馈和改进: response time, actions closed and effective, repeats.
  const complaints = facts.complaints.filter((c) => c.inScope && inside(c.receivedAt, facts.from, facts.to));
  const hours = complaints.map((c) => ({
    c,
    h: ((c.respondedAt ? Date.parse(c.respondedAt) : nowMs) - Date.parse(c.receivedAt)) / HOUR,
  }));
  const response: MeasureEvidence = hours.length
    ? {
        value: hours.reduce((a, x) => a + x.h, 0) / hours.length,
        numerator: hours.filter((x) => x.h <= t.complaint_response_hours).length,
        denominator: hours.length,
        examples: distinct(
          hours.filter((x) => x.h > t.complaint_response_hours).map((x) => x.c.customerName ?? x.c.id),
        ),
      }
    : none();

  const endDay = shanghaiDay(facts.to);
  const today = shanghaiDay(now.toISOString());
  const judged = facts.actions.filter((a) =>
    a.closedAt
      ? inside(a.closedAt, facts.from, facts.to)
      : a.dueDate !== null && a.dueDate <= endDay && a.dueDate < today,
  );
  const good = judged.filter(
    (a) =>
      a.closedAt !== null &&
      (a.dueDate === null || shanghaiDay(a.closedAt) <= a.dueDate) &&
      a.effectiveness === 'effective',
  );
  const actions: MeasureEvidence = {
    value: pct(good.length, judged.length),
    numerator: good.length,
    denominator: judged.length,
    examples: judged.filter((a) => !good.includes(a)).map((a) => a.title.slice(0, 30)),
  };

  const repeats = complaints.filter((c) =>
    facts.complaints.some(
      (p) =>
        p.id !== c.id &&
        c.customerId !== null &&
        p.customerId === c.customerId &&
        p.cause !== null &&
        p.cause === c.cause &&
        p.receivedAt < c.receivedAt &&
        Date.parse(c.receivedAt) - Date.parse(p.receivedAt) <= REPEAT_WINDOW_MS,
    ),
  );
  const repeat: MeasureEvidence = {
    value: pct(repeats.length, complaints.length),
    numerator: repeats.length,
    denominator: complaints.length,
    examples: distinct(repeats.map((c) => c.customerName ?? c.id)),
  };

  // 5 创新: counts are evidence only where the scope worked in the period (had contracts);
  // otherwise a zero says nothing about the people and the criterion stays without data.
  const active = facts.contracts.length > 0;
  const proposals = facts.actions.filter(
    (a) => !a.fromComplaint && !a.fromEvaluation && inside(a.createdAt, facts.from, facts.to),
  );
  const count = (n: number, examples: string[]): MeasureEvidence =>
    active || n > 0 ? { value: n, numerator: n, denominator: n, examples } : none();

  return {
    requirements_stable: requirementsStable,
    questions_answered_in_time: questions,
    implicit_before_review: implicitBeforeReview,
    feedback_48h: feedback48h,
    satisfaction,
    complaint_response_hours: response,
    actions_closed_effective: actions,
    repeat_complaint_rate: repeat,
    improvement_proposals: count(proposals.length, []),
    new_products: count(facts.newProducts.length, []),
  };
}
