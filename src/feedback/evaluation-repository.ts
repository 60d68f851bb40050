// Gathers the facts the KPIs need, and runs and stores capability evaluations (the five criteria,
// capability.ts) with whom they evaluate, the assessor's scores, who ran them and when.
// Tables another feature fills may be empty; every fact then comes out empty, never an error.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../shared/errors.js';
import type { Actor } from '../store/audit.js';
import { ConflictError, NotFoundError } from '../store/errors.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { createAction, type ImprovementAction } from './action-repository.js';
import { writeAudit } from './audit.js';
import {
  type Assessment,
  type Bilingual,
  type CapabilityResult,
  type CapabilitySettings,
  CRITERIA,
  CRITERION_DEFINITIONS,
  type CriterionKey,
  evaluateCapability,
  type Finding,
  type Grade,
} from './capability.js';
import { capabilityFacts, resolveSubject, type Subject, type SubjectKind } from './capability-evidence.js';
import { measureEvidence } from './capability-measures.js';
import { getCapabilitySettings } from './capability-settings.js';
import {
  type ActionFacts,
  type ContractFacts,
  computeKpis,
  type FeedbackFacts,
  type KpiReport,
  type Period,
} from './kpis.js';
import { listSurveys } from './satisfaction-repository.js';

type Db = Kysely<Database>;

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export async function kpisFor(db: Db, period: Period, now = new Date()): Promise<KpiReport> {
  const feedback: FeedbackFacts[] = (
    await db
      .selectFrom('feedback')
      .select(['customer_id', 'kind', 'cause', 'sentiment_score', 'received_at', 'closed_at'])
      // Voided entries were recorded by mistake: they are no customer's feedback.
      .where('voided_at', 'is', null)
      .where('received_at', '>=', period.from)
      .where('received_at', '<=', period.to)
      .execute()
  ).map((r) => ({
    customerId: r.customer_id,
    kind: r.kind,
    cause: r.cause,
    sentimentScore: r.sentiment_score === null ? null : Number(r.sentiment_score),
    receivedAt: r.received_at,
    closedAt: r.closed_at,
  }));
  const actions: ActionFacts[] = (
    await db.selectFrom('improvement_actions').select(['status', 'due_date', 'closed_at']).execute()
  ).map((r) => ({ status: r.status, dueDate: r.due_date, closedAt: r.closed_at }));
  const contracts: ContractFacts[] = (
    await db
      .selectFrom('contracts')
      .leftJoin('review_cases', 'review_cases.contract_id', 'contracts.id')
      .select([
        'contracts.received_at',
        'contracts.feedback_due_at',
        'review_cases.feedback_sent_at',
        'review_cases.feedback_compliant',
      ])
      .where('contracts.received_at', '>=', period.from)
      .where('contracts.received_at', '<=', period.to)
      .execute()
  ).map((r) => ({
    receivedAt: r.received_at,
    feedbackDueAt: r.feedback_due_at,
    feedbackSentAt: r.feedback_sent_at ?? null,
    feedbackCompliant:
      r.feedback_compliant === null || r.feedback_compliant === undefined
        ? null
        : Number(r.feedback_compliant) === 1,
  }));
  const surveys = await listSurveys(db);
  return computeKpis({ feedback, actions, contracts, surveys }, period, now);
}

export interface EvaluationRecord extends CapabilityResult {
  id: string;
  period: string;
  from: string;
  to: string;
  subject: { kind: SubjectKind; id: string | null; name: string };
  /** Evaluated on the earlier six indicators: only its score, grade and summary are kept. */
  legacy: boolean;
  assessment: Assessment;
  note: string | null;
  /** The weights and targets it was computed with and the setting's version. */
  settings: {
    version: number;
    weights: CapabilitySettings['weights'];
    targets: CapabilitySettings['targets'];
  } | null;
  evaluatorId: string | null;
  evaluatorName: string | null;
  createdAt: string;
}

type EvaluationRow = Database['capability_evaluations'];

function fromRow(r: EvaluationRow): EvaluationRecord {
  const base = {
    id: r.id,
    period: r.period,
    from: r.period_from ?? r.period.split('..')[0] ?? '',
    to: r.period_to ?? r.period.split('..')[1] ?? '',
    score: r.score === null ? null : Math.round(Number(r.score) * 10) / 10,
    grade: (r.grade as Grade | null) ?? null,
    evaluatorId: r.evaluator_id,
    evaluatorName: r.evaluator_name,
    createdAt: r.created_at,
    note: r.note,
  };
  if (r.model !== 'criteria') {
    const summary = r.summary ?? '';
    return {
      ...base,
      subject: { kind: 'organisation', id: null, name: '全公司 / Organisation' },
      legacy: true,
      criteria: [],
      findings: [],
      evaluatedCount: 0,
      minEvaluated: 0,
      coverage: 0,
      summary: { zh: summary, en: summary },
      assessment: {},
      settings: null,
    };
  }
  const scores = parseJson<
    Pick<CapabilityResult, 'criteria' | 'evaluatedCount' | 'minEvaluated' | 'coverage'>
  >(r.scores, { criteria: [], evaluatedCount: 0, minEvaluated: 0, coverage: 0 });
  return {
    ...base,
    ...scores,
    subject: {
      kind: (r.subject_kind as SubjectKind) ?? 'organisation',
      id: r.subject_id,
      name: r.subject_name ?? '',
    },
    legacy: false,
    findings: parseJson<Finding[]>(r.findings, []),
    summary: parseJson<Bilingual>(r.summary, { zh: '', en: '' }),
    assessment: parseJson<Assessment>(r.assessment, {}),
    settings: parseJson(r.settings, null),
  };
}

export interface EvaluationInput {
  period: Period & { fromDay: string; toDay: string };
  subject: Subject;
  assessment?: Assessment | undefined;
  note?: string | null | undefined;
}

/** Checks an assessment names known criteria and sub-items with whole 1–5 ratings. */
export function checkAssessment(assessment: Assessment): void {
  const problems: { path: string; message: string }[] = [];
  for (const [criterion, items] of Object.entries(assessment)) {
    const def = CRITERIA.includes(criterion as CriterionKey)
      ? CRITERION_DEFINITIONS.find((c) => c.key === criterion)
      : undefined;
    if (!def) {
      problems.push({ path: `/assessment/${criterion}`, message: '未知的评价准则 / unknown criterion' });
      continue;
    }
    for (const [item, value] of Object.entries(items ?? {})) {
      if (!def.subItems.some((s) => s.key === item))
        problems.push({
          path: `/assessment/${criterion}/${item}`,
          message: '未知的评价子项 / unknown sub-item',
        });
      else if (!(Number.isInteger(value) && value >= 1 && value <= 5))
        problems.push({
          path: `/assessment/${criterion}/${item}`,
          message: '评分应为 1–5 的整数 / a rating is a whole number 1–5',
        });
    }
  }
  if (problems.length)
    throw new AppError(
      'VALIDATION_FAILED',
      {
        zh: `评价人打分无效：${problems.map((p) => `${p.path} ${p.message}`).join('；')}`,
        en: `invalid assessment: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      },
      { errors: problems.map((p) => ({ in: 'body', ...p })) },
    );
}

/** The evidence for a subject and period as the evaluation would compute it, stored nowhere. */
export async function previewEvaluation(
  db: Db,
  input: EvaluationInput,
  now = new Date(),
): Promise<CapabilityResult & { subject: { kind: SubjectKind; id: string | null; name: string } }> {
  const { settings } = await getCapabilitySettings(db);
  const subject = await resolveSubject(db, input.subject, settings);
  const assessment = input.assessment ?? {};
  checkAssessment(assessment);
  const evidence = measureEvidence(await capabilityFacts(db, subject, input.period), settings, now);
  return {
    ...evaluateCapability({ evidence, assessment, settings, people: subject.people }),
    subject: { kind: subject.kind, id: subject.id, name: subject.name },
  };
}

/** Computes the evaluation of a subject for the days `fromDay…toDay` with the assessor's scores and stores it. */
export async function runEvaluation(
  db: Db,
  actor: Actor & { name?: string | null },
  input: EvaluationInput,
  now = new Date(),
): Promise<EvaluationRecord> {
  const stored = await getCapabilitySettings(db);
  const { settings } = stored;
  const subject = await resolveSubject(db, input.subject, settings);
  const assessment = input.assessment ?? {};
  checkAssessment(assessment);
  const evidence = measureEvidence(await capabilityFacts(db, subject, input.period), settings, now);
  const result = evaluateCapability({ evidence, assessment, settings, people: subject.people });
  const id = randomUUID();
  const at = now.toISOString();
  const { period } = input;
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('capability_evaluations')
      .values({
        id,
        period: `${period.fromDay}..${period.toDay}`,
        period_from: period.fromDay,
        period_to: period.toDay,
        model: 'criteria',
        subject_kind: subject.kind,
        subject_id: subject.id,
        subject_name: subject.name,
        scores: JSON.stringify({
          criteria: result.criteria,
          evaluatedCount: result.evaluatedCount,
          minEvaluated: result.minEvaluated,
          coverage: result.coverage,
        }),
        summary: JSON.stringify(result.summary),
        score: result.score,
        grade: result.grade,
        findings: JSON.stringify(result.findings),
        assessment: JSON.stringify(assessment),
        note: input.note ?? null,
        settings: JSON.stringify({
          version: stored.version,
          weights: settings.weights,
          targets: settings.targets,
        }),
        evaluator_id: actor.id.startsWith('system:') ? null : actor.id,
        evaluator_name: actor.name ?? null,
        created_at: at,
      })
      .execute();
    await writeAudit(
      trx,
      actor,
      'evaluation.created',
      id,
      undefined,
      {
        subject: { kind: subject.kind, id: subject.id, name: subject.name },
        period: `${period.fromDay}..${period.toDay}`,
        assessment,
        score: result.score,
        grade: result.grade,
        criteria: Object.fromEntries(result.criteria.map((c) => [c.key, c.score])),
      },
      at,
    );
  });
  return (await getEvaluation(db, id))!;
}

export async function getEvaluation(db: Db, id: string): Promise<EvaluationRecord | null> {
  const r = await db.selectFrom('capability_evaluations').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : null;
}

export async function listEvaluations(
  db: Db,
  q: {
    limit?: number;
    offset?: number;
    subjectKind?: SubjectKind | undefined;
    subjectId?: string | undefined;
  } = {},
): Promise<{ items: EvaluationRecord[]; total: number }> {
  let base = db.selectFrom('capability_evaluations');
  if (q.subjectKind === 'organisation')
    base = base.where((eb) =>
      eb.or([eb('subject_kind', '=', 'organisation'), eb('subject_kind', 'is', null)]),
    );
  else if (q.subjectKind) base = base.where('subject_kind', '=', q.subjectKind);
  if (q.subjectId) base = base.where('subject_id', '=', q.subjectId);
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(Math.min(Math.max(q.limit ?? 50, 1), 500))
    .offset(Math.max(q.offset ?? 0, 0))
    .execute();
  const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(fromRow), total: Number(count.n) };
}

/** Raises an improvement action from one criterion's finding of a stored evaluation. */
export async function raiseActionFromFinding(
  db: Db,
  actor: Actor,
  evaluationId: string,
  criterion: string,
  options: { dueDate?: string | null; ownerDepartment?: string } = {},
  now = new Date(),
): Promise<ImprovementAction> {
  const evaluation = await getEvaluation(db, evaluationId);
  if (!evaluation) throw new NotFoundError('capability evaluation', evaluationId);
  const finding = evaluation.findings.find((f) => f.criterion === criterion);
  if (!finding) throw new NotFoundError('finding', criterion);
  if (finding.severity === 'ok' || finding.severity === 'not_evaluated' || !finding.suggestion) {
    throw new ConflictError({
      zh: `该准则 ${criterion} 已达标或未评价，无需措施`,
      en: `finding ${criterion} needs no action`,
    });
  }
  return createAction(
    db,
    actor,
    {
      evaluationId,
      title: finding.suggestion.zh,
      description: `${evaluation.subject.name}：${finding.text.zh}`,
      ownerDepartment: options.ownerDepartment ?? finding.ownerDepartment,
      dueDate: options.dueDate ?? null,
    },
    now,
  );
}
