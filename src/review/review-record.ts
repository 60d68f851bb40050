// The contract review record (合同评审记录) as an auditor reads it: every requirement, each
// department's opinion and signature, the meeting, the GM's decision, the conclusion, whether the
// customer was answered within the time limit, and the change history. A renderer prints it as is.
import { DEPARTMENT_LABELS } from '../auth/roles.js';
import { countedMs, readClock } from './feedback-clock.js';
import type { Bilingual, CaseData, ReviewConfig } from './types.js';
import type { ReviewState } from './workflow.js';

export interface ReviewRecord {
  caseId: string;
  contractClass: CaseData['contractClass'];
  mode: CaseData['mode'];
  stage: ReviewState['value'];
  contractVersion: number;
  receivedAt: string;
  requirements: {
    id: string;
    text: string;
    kind: string;
    category: string;
    special: boolean;
    status: string;
    version: number;
    mergedInto: string | null;
    edits: { version: number; at: string; by: string; change: string; reason: string | null }[];
  }[];
  openQuestions: CaseData['openQuestions'];
  departments: {
    department: string;
    label: Bilingual;
    outcome: string | null;
    conditions: string | null;
    reason: string | null;
    signedBy: string | null;
    deputyFor: string | null;
    signedAt: string | null;
    via: string | null;
    checklist: { item: Bilingual; answer: string | null }[];
    earlierOpinions: { outcome: string | null; signedBy: string | null; signedAt: string | null }[];
  }[];
  meeting: CaseData['meeting'];
  issues: {
    id: string;
    department: string;
    requirementId: string | null;
    reason: string;
    status: string;
    negotiations: CaseData['issues'][number]['negotiations'];
    gmDecision: CaseData['issues'][number]['gm'];
  }[];
  writtenConfirmation: Bilingual | null;
  conclusion: CaseData['conclusion'];
  feedbackDeadline: {
    budgetHours: number;
    dueAt: string | null;
    sentAt: string | null;
    countedHours: number;
    pausedHours: number;
    compliant: boolean | null;
  };
  customerConfirmation: CaseData['customerConfirmation'];
  versions: { version: number; at: string; by: string; amendment: string | null; reason: string | null }[];
  earlierRounds: CaseData['archive'];
  history: CaseData['history'];
}

const HOUR = 3_600_000;

export function buildReviewRecord(state: ReviewState, now: Date, config: ReviewConfig): ReviewRecord {
  const d = state.context;
  const clock = readClock(
    d.receivedAt,
    now.toISOString(),
    d.clock.pauses,
    config.clock,
    d.feedback?.sentAt ?? null,
  );
  const until = d.feedback?.sentAt ?? now.toISOString();
  const wall = Date.parse(until) - Date.parse(d.receivedAt);
  const withoutPauses = countedMs(d.receivedAt, until, [], config.clock);
  return {
    caseId: d.caseId,
    contractClass: d.contractClass,
    mode: d.mode,
    stage: state.value,
    contractVersion: d.contractVersion,
    receivedAt: d.receivedAt,
    requirements: d.requirements.map((r) => ({
      id: r.id,
      text: r.text,
      kind: r.kind,
      category: r.category,
      special: r.special,
      status: r.status,
      version: r.version,
      mergedInto: r.mergedInto ?? null,
      edits: r.history.map((h) => ({
        version: h.version,
        at: h.at,
        by: h.by,
        change: h.change,
        reason: h.reason ?? null,
      })),
    })),
    openQuestions: d.openQuestions,
    departments: d.signOffs.map((s) => ({
      department: s.department,
      label: DEPARTMENT_LABELS[s.department],
      outcome: s.outcome,
      conditions: s.conditions,
      reason: s.reason,
      signedBy: s.signature?.userId ?? null,
      deputyFor: s.signature?.deputyFor ?? null,
      signedAt: s.signature?.at ?? null,
      via: s.via,
      checklist: s.checklist.map((c) => ({ item: c.topic, answer: s.answers[c.id] ?? null })),
      earlierOpinions: s.previous.map((p) => ({
        outcome: p.outcome,
        signedBy: p.signature?.userId ?? null,
        signedAt: p.signature?.at ?? null,
      })),
    })),
    meeting: d.meeting,
    issues: d.issues.map((i) => ({
      id: i.id,
      department: i.department,
      requirementId: i.requirementId,
      reason: i.reason,
      status: i.status,
      negotiations: i.negotiations,
      gmDecision: i.gm,
    })),
    writtenConfirmation: d.writtenConfirmation,
    conclusion: d.conclusion,
    feedbackDeadline: {
      budgetHours: config.clock.budgetHours,
      dueAt: clock.dueAt,
      sentAt: d.feedback?.sentAt ?? null,
      countedHours: round(clock.elapsedMs / HOUR),
      pausedHours: round((Math.min(wall, withoutPauses) - clock.elapsedMs) / HOUR),
      compliant: d.feedback ? d.feedback.clockCompliant : clock.overdue ? false : null,
    },
    customerConfirmation: d.customerConfirmation,
    versions: d.versions.map((v) => ({
      version: v.version,
      at: v.createdAt,
      by: v.createdBy,
      amendment: v.amendment?.kind ?? null,
      reason: v.amendment?.reason ?? null,
    })),
    earlierRounds: d.archive,
    history: d.history,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
