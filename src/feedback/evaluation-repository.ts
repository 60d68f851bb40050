// Gathers the facts the KPIs and the capability evaluation need from the contract, review,
// requirement, CSR and feedback tables, and stores evaluations with who ran them and when.
// Tables another feature fills may be empty; every fact then comes out empty, never an error.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../store/audit.js';
import { ConflictError, NotFoundError } from '../store/errors.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { createAction, type ImprovementAction } from './action-repository.js';
import { writeAudit } from './audit.js';
import {
  type CapabilityFacts,
  type CapabilityResult,
  type ContractEvidence,
  evaluateCapability,
  type Finding,
  type Grade,
  type Indicator,
} from './capability.js';
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

export async function capabilityFacts(db: Db, period: Period): Promise<CapabilityFacts> {
  const contracts = await db
    .selectFrom('contracts')
    .select(['id', 'number', 'customer_id', 'received_at', 'class', 'analysis_id'])
    .where('received_at', '>=', period.from)
    .where('received_at', '<=', period.to)
    .orderBy('received_at')
    .execute();
  const ids = contracts.map((c) => c.id);
  const evidence: ContractEvidence[] = [];
  if (ids.length) {
    const analysisIds = contracts.map((c) => c.analysis_id).filter((a): a is string => a !== null);
    const analyses = analysisIds.length
      ? await db.selectFrom('analyses').select(['id', 'result']).where('id', 'in', analysisIds).execute()
      : [];
    const proposed = new Map(
      analyses.map((a) => [
        a.id,
        parseJson<{ contract?: { class?: string | null } }>(a.result, {}).contract?.class ?? null,
      ]),
    );
    const confirmations = await db
      .selectFrom('review_events')
      .select(['contract_id', 'at'])
      .where('type', '=', 'CONFIRM_REQUIREMENTS')
      .where('contract_id', 'in', ids)
      .orderBy('at')
      .execute();
    const reviews = await db
      .selectFrom('reviews')
      .select(['contract_id', 'status', 'signed_at'])
      .where('contract_id', 'in', ids)
      .execute();
    const requirements = await db
      .selectFrom('requirements')
      .select(['contract_id'])
      .where('contract_id', 'in', ids)
      .execute();
    const amendments = await db
      .selectFrom('amendments')
      .select(['contract_id', 'diff'])
      .where('contract_id', 'in', ids)
      .execute();
    for (const c of contracts) {
      const mine = reviews.filter((r) => r.contract_id === c.id);
      const signed = mine
        .map((r) => r.signed_at)
        .filter((s): s is string => s !== null)
        .sort();
      const current = mine.filter((r) => r.status !== 'superseded');
      const complete = current.length > 0 && current.every((r) => r.signed_at !== null);
      const changed = amendments
        .filter((a) => a.contract_id === c.id)
        .flatMap((a) => parseJson<{ field?: string }[]>(a.diff, []))
        .filter((d) => d && d.field === 'requirement').length;
      evidence.push({
        id: c.id,
        number: c.number,
        customerId: c.customer_id,
        receivedAt: c.received_at,
        finalClass: c.class,
        proposedClass: c.analysis_id ? (proposed.get(c.analysis_id) ?? null) : null,
        requirementsConfirmedAt: confirmations.find((e) => e.contract_id === c.id)?.at ?? null,
        firstReviewSignedAt: signed[0] ?? null,
        reviewCompletedAt: complete
          ? current
              .map((r) => r.signed_at!)
              .sort()
              .at(-1)!
          : null,
        requirementCount: requirements.filter((r) => r.contract_id === c.id).length,
        requirementsChangedByAmendment: changed,
      });
    }
  }
  const complaints = await db
    .selectFrom('feedback')
    .select(['root_cause_type'])
    .where('kind', '=', 'complaint')
    .where('voided_at', 'is', null)
    .where('received_at', '>=', period.from)
    .where('received_at', '<=', period.to)
    .where('root_cause_type', 'is not', null)
    .execute();
  const csr = await db
    .selectFrom('csr_entries')
    .select('customer_id')
    .where('status', '=', 'active')
    .distinct()
    .execute();
  return {
    contracts: evidence,
    complaintsWithRootCause: complaints.length,
    complaintsRequirementNotIdentified: complaints.filter(
      (c) => c.root_cause_type === 'requirement_not_identified',
    ).length,
    activeCustomerIds: [
      ...new Set(contracts.map((c) => c.customer_id).filter((x): x is string => x !== null)),
    ],
    customersWithCsr: csr.map((r) => r.customer_id),
  };
}

export interface EvaluationRecord extends CapabilityResult {
  id: string;
  period: string;
  from: string;
  to: string;
  evaluatorId: string | null;
  evaluatorName: string | null;
  createdAt: string;
}

type EvaluationRow = {
  id: string;
  period: string;
  period_from: string | null;
  period_to: string | null;
  scores: string;
  summary: string | null;
  score: number | null;
  grade: string | null;
  findings: string | null;
  evaluator_id: string | null;
  evaluator_name: string | null;
  created_at: string;
};

function fromRow(r: EvaluationRow): EvaluationRecord {
  return {
    id: r.id,
    period: r.period,
    from: r.period_from ?? r.period.split('..')[0] ?? '',
    to: r.period_to ?? r.period.split('..')[1] ?? '',
    indicators: parseJson<Indicator[]>(r.scores, []),
    score: r.score === null ? null : Math.round(Number(r.score) * 10) / 10,
    grade: (r.grade as Grade | null) ?? null,
    findings: parseJson<Finding[]>(r.findings, []),
    summary: r.summary ?? '',
    evaluatorId: r.evaluator_id,
    evaluatorName: r.evaluator_name,
    createdAt: r.created_at,
  };
}

/** Computes the evaluation for the days `fromDay…toDay` and stores it. */
export async function runEvaluation(
  db: Db,
  actor: Actor & { name?: string | null },
  period: Period & { fromDay: string; toDay: string },
  now = new Date(),
): Promise<EvaluationRecord> {
  const result = evaluateCapability(await capabilityFacts(db, period));
  const id = randomUUID();
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('capability_evaluations')
      .values({
        id,
        period: `${period.fromDay}..${period.toDay}`,
        period_from: period.fromDay,
        period_to: period.toDay,
        scores: JSON.stringify(result.indicators),
        summary: result.summary,
        score: result.score,
        grade: result.grade,
        findings: JSON.stringify(result.findings),
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
      { score: result.score, grade: result.grade },
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
  q: { limit?: number; offset?: number } = {},
): Promise<{ items: EvaluationRecord[]; total: number }> {
  const base = db.selectFrom('capability_evaluations');
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

/** Raises an improvement action from one finding of a stored evaluation. */
export async function raiseActionFromFinding(
  db: Db,
  actor: Actor,
  evaluationId: string,
  indicator: string,
  options: { dueDate?: string | null; ownerDepartment?: string } = {},
  now = new Date(),
): Promise<ImprovementAction> {
  const evaluation = await getEvaluation(db, evaluationId);
  if (!evaluation) throw new NotFoundError('capability evaluation', evaluationId);
  const finding = evaluation.findings.find((f) => f.indicator === indicator);
  if (!finding) throw new NotFoundError('finding', indicator);
  if (finding.severity === 'ok' || finding.severity === 'no_data') {
    throw new ConflictError({
      zh: `该指标 ${indicator} 已达标或无数据，无需措施`,
      en: `finding ${indicator} needs no action`,
    });
  }
  return createAction(
    db,
    actor,
    {
      evaluationId,
      title: finding.suggestion,
      description: finding.text,
      ownerDepartment: options.ownerDepartment ?? finding.ownerDepartment,
      dueDate: options.dueDate ?? null,
    },
    now,
  );
}
