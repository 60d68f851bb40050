// Contract cases on disk. The workflow core (src/review) stays pure; this shell loads a case's
// snapshot, runs one step, and writes in one transaction: the new snapshot (guarded by the
// revision it read), the event with who and when, the contract row and its mirrors (items,
// requirements, department reviews, amendments), the audit rows and the notifications.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { taxRatesIn } from '../analysis/entities/business.js';
import { type AnalysisResult, analysisResultSchema, type ContractClass } from '../analysis/result.js';
import type { Department } from '../auth/roles.js';
import { diffTerms } from '../review/amendment-diff.js';
import { checkOpening, requiredDepartments, routingPolicyOf } from '../review/case-logic.js';
import { csrFallbackDepartment } from '../review/checklists.js';
import { readClock } from '../review/feedback-clock.js';
import { analysedOrder, orderCorrections, orderTerms, type ReviewedOrder } from '../review/reviewed-order.js';
import { csrDepartment, policyDepartments, routingTriggers } from '../review/routing-policy.js';
import type {
  Actor,
  CaseCsr,
  CaseData,
  ContractLine,
  ContractTerms,
  Effect,
  OpenCaseInput,
  Reclassification,
  RequirementRouting,
  ReviewConfig,
  ReviewEvent,
  TemporaryBasisInput,
} from '../review/types.js';
import { openReview, type ReviewState, step } from '../review/workflow.js';
import { reviewRouting } from '../rules/routing.js';
import { classifyAmendedTerms, classifyCorrectedOrder } from '../rules/store-classification.js';
import { AppError } from '../shared/errors.js';
import { recordAudit } from '../store/audit.js';
import { appendChained } from '../store/audit-chain.js';
import { NotFoundError } from '../store/errors.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { allocateContractNumber, baseNumber, revisionNumber } from './contract-numbers.js';
import { participantRefusal } from './meeting-participants.js';
import { deliverNotifications } from './notifications.js';
import { type OrderOrigin, recordOrderVersions } from './order-versions.js';
import { refusalError } from './review-refusal.js';
import { statutoryRequirements } from './statutory-requirements.js';

type Db = Kysely<Database>;

export interface RequirementInput extends RequirementRouting {
  text: string;
  category: OpenCaseInput['requirements'][number]['category'];
  kind: OpenCaseInput['requirements'][number]['kind'];
  special: boolean;
  priority: OpenCaseInput['requirements'][number]['priority'];
  /** Where the requirement was found in the customer's message, when it came from an analysis. */
  source?: { intakeId: string | null; start: number; end: number; quote: string } | null;
}

export interface ManualCaseInput {
  customerName: string;
  customerId?: string | null;
  contractClass: ContractClass;
  reasons?: { code: string; explanation: string }[];
  /**
   * Departments to review; omitted → the routing policy's table for the class and the order's content,
   * with what the rules route. A special contract's list may not fall short of the policy.
   */
  departments?: Department[];
  /** Total weight as the analysis weighed it; else the lines in t/kg are counted. */
  totalWeightTonnes?: number | null;
  receivedAt?: string;
  items: ContractLine[];
  delivery: ContractTerms['delivery'];
  paymentTerms: string | null;
  requirements: RequirementInput[];
  samplesAreAcceptanceStandard?: boolean;
  /** A temporary contract's basis (who gave it, when, how, why), when known at opening. */
  temporaryBasis?: TemporaryBasisInput;
}

export interface CaseContext {
  actor: { id: string; department: Department };
  now: Date;
  config: ReviewConfig;
}

interface StoredOpenInput {
  input: OpenCaseInput;
  sources: Record<string, RequirementInput['source']>;
}

export interface Classification {
  class: ContractClass;
  reasons: { code: string; explanation: string }[];
  departments: Department[];
  csr: { id: string; clause: string | null; text: string; category: string; department: string | null }[];
  /**
   * The class the analysis gave before the user corrected the order on the intake page, when the
   * rules, run again on the corrected order, class it otherwise (absent when nothing changed).
   */
  analysed?: OrderClassification;
}

/** A class with the reasons the rules gave it. */
export interface OrderClassification {
  class: ContractClass | null;
  reasons: { code: string; explanation: string }[];
}

export interface LoadedCase {
  contractId: string;
  number: string;
  state: ReviewState;
  revision: number;
}

// ---------------------------------------------------------------- opening

function routedDepartments(input: ManualCaseInput): Department[] {
  const routing = reviewRouting(
    input.contractClass,
    (input.reasons ?? []).map((r) => r.code),
    {
      values: { requirementCategories: [...new Set(input.requirements.map((r) => r.category))] },
      evidence: {},
      items: [],
    },
  );
  return routing?.departments ?? ['sales'];
}

/**
 * Who reviews: the routing policy's departments for the class and what the order's content triggers
 * (the case's minimum), with what the rules route — or, when the caller names departments, those
 * (checked against the minimum for a special contract by checkOpening).
 */
function routingFor(input: ManualCaseInput, config: ReviewConfig) {
  const policy = routingPolicyOf(config);
  const triggers = routingTriggers(
    {
      terms: { items: input.items, delivery: input.delivery, paymentTerms: input.paymentTerms },
      requirementTexts: input.requirements.map((r) => r.text),
      reasonCodes: (input.reasons ?? []).map((r) => r.code),
      totalWeightTonnes: input.totalWeightTonnes ?? null,
    },
    policy,
  );
  const minimum = policyDepartments(input.contractClass, triggers, policy);
  const departments = input.departments ?? [
    ...new Set([
      ...routedDepartments(input),
      ...minimum,
      ...requiredDepartments(input.contractClass, config),
    ]),
  ];
  return { departments, minimum, triggers };
}

/** The customer's CSR register entries that apply on the day received to the order's lines. */
function applicableEntries(
  entries: {
    id: string;
    clause: string | null;
    text: string;
    category: string;
    department: string | null;
    applies_to: string | null;
    effective_from: string | null;
    effective_to: string | null;
  }[],
  day: string,
  items: ContractLine[],
): CaseCsr[] {
  return entries
    .filter((e) => {
      if (e.effective_from && e.effective_from > day) return false;
      if (e.effective_to && e.effective_to < day) return false;
      const target = e.applies_to?.trim().toLowerCase();
      if (!target || ['all', '全部', '所有', '所有产品', '全部产品'].includes(target)) return true;
      return items.some((i) =>
        [i.catalogCode, i.model, i.product].some(
          (v) => v && (v.toLowerCase() === target || v.toLowerCase().includes(target)),
        ),
      );
    })
    .map((e) => ({
      id: e.id,
      clause: e.clause,
      text: e.text,
      department: csrDepartment(e.department) ?? csrFallbackDepartment(e.category),
    }));
}

function totalOf(items: ContractLine[]): { amount: string | null; currency: string | null } {
  const priced = items.filter((i) => i.unitPrice && i.quantity);
  if (priced.length === 0) return { amount: null, currency: null };
  const currency = priced[0]!.unitPrice!.currency;
  if (priced.some((i) => i.unitPrice!.currency !== currency)) return { amount: null, currency: null };
  // Cents as integers, so the total is exact for the prices orders carry.
  const cents = priced.reduce((sum, i) => sum + Math.round(i.unitPrice!.amount * 100) * i.quantity!.value, 0);
  return { amount: (cents / 100).toFixed(2), currency };
}

export async function openContractCase(
  db: Db,
  given: ManualCaseInput,
  ctx: CaseContext,
  origin: {
    intakeId?: string | null;
    analysisId?: string | null;
    order?: OrderOrigin;
    /** The analysis's class, when the corrected order was classed otherwise. */
    analysedClassification?: OrderClassification;
  } = {},
): Promise<LoadedCase> {
  if (given.customerName.trim() === '')
    throw new AppError('VALIDATION_FAILED', { zh: '客户名称不能为空', en: 'customer name is required' });
  const now = ctx.now.toISOString();
  const receivedAt = given.receivedAt ?? now;
  // The register's entries in scope join the case as statutory requirements, reviewed by the
  // departments each entry names (who are added to the review when routing did not ask for them).
  const statutory = await statutoryRequirements(db, given);
  const input: ManualCaseInput = { ...given, requirements: [...given.requirements, ...statutory] };
  const routed = routingFor(given, ctx.config);
  const { minimum, triggers } = routed;
  const departments = [...new Set([...routed.departments, ...statutory.flatMap((r) => r.departments ?? [])])];
  // Refused before anything is written (not even a contract number is taken).
  const refusal = checkOpening(
    {
      contractClass: input.contractClass,
      departments,
      receivedAt,
      minimumDepartments: minimum,
      ...(input.temporaryBasis ? { temporaryBasis: input.temporaryBasis } : {}),
    },
    { now, config: ctx.config },
  );
  if (refusal) throw refusalError(refusal);
  return inTransaction(db, async (trx) => {
    const id = randomUUID();
    const number = await allocateContractNumber(trx, ctx.now.getUTCFullYear());
    const customer = input.customerId
      ? await trx
          .selectFrom('customers')
          .select(['id', 'timezone'])
          .where('id', '=', input.customerId)
          .executeTakeFirst()
      : await trx
          .selectFrom('customers')
          .select(['id', 'timezone'])
          .where('name', '=', input.customerName.trim())
          .executeTakeFirst();
    if (input.customerId && !customer) throw new NotFoundError('customer', input.customerId);
    const register = customer
      ? await trx
          .selectFrom('csr_entries')
          .select([
            'id',
            'clause',
            'text',
            'category',
            'department',
            'applies_to',
            'effective_from',
            'effective_to',
          ])
          .where('customer_id', '=', customer.id)
          .where('status', '=', 'active')
          .orderBy('clause')
          .orderBy('id')
          .execute()
      : [];
    const csr = register.map(({ applies_to: _a, effective_from: _f, effective_to: _t, ...e }) => e);
    const caseCsr = applicableEntries(register, shanghaiDay(new Date(receivedAt)), input.items);
    const openInput: OpenCaseInput = {
      caseId: number,
      contractClass: input.contractClass,
      departments,
      owner: ctx.actor.id,
      receivedAt,
      terms: { items: input.items, delivery: input.delivery, paymentTerms: input.paymentTerms },
      requirements: input.requirements.map(({ source: _s, ...r }) => r),
      reasons: input.reasons ?? [],
      samplesAreAcceptanceStandard: input.samplesAreAcceptanceStandard ?? false,
      minimumDepartments: minimum,
      routingTriggers: triggers,
      csr: caseCsr,
      ...(input.temporaryBasis ? { temporaryBasis: input.temporaryBasis } : {}),
    };
    const sources = Object.fromEntries(input.requirements.map((r, i) => [`R${i + 1}`, r.source ?? null]));
    const { state, effects } = openReview(openInput, { now: ctx.now, config: ctx.config });
    const classification: Classification = {
      class: input.contractClass,
      reasons: input.reasons ?? [],
      departments: state.context.signOffs.map((x) => x.department),
      csr,
      ...(origin.analysedClassification ? { analysed: origin.analysedClassification } : {}),
    };
    const total = totalOf(input.items);
    await trx
      .insertInto('contracts')
      .values({
        id,
        number,
        customer_id: customer?.id ?? null,
        customer_name: input.customerName.trim(),
        class: input.contractClass,
        status: state.value,
        version: state.context.revision,
        intake_id: origin.intakeId ?? null,
        analysis_id: origin.analysisId ?? null,
        currency: total.currency,
        total_amount: total.amount,
        delivery_date: input.delivery.date,
        delivery_place: input.delivery.place,
        payment_terms: input.paymentTerms,
        classification: JSON.stringify(classification),
        received_at: receivedAt,
        feedback_due_at: dueAt(state, ctx.config, now),
        customer_timezone: customer?.timezone ?? 'Asia/Shanghai',
        created_by: ctx.actor.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const stored: StoredOpenInput = { input: openInput, sources };
    await trx
      .insertInto('review_cases')
      .values({
        contract_id: id,
        stage: state.value,
        revision: state.context.revision,
        snapshot: JSON.stringify(state),
        open_input: JSON.stringify(stored),
        owner_id: ctx.actor.id,
        feedback_sent_at: null,
        feedback_compliant: null,
        next_wake_at: wakeAt(effects, null),
        updated_at: now,
      })
      .execute();
    await appendEvent(trx, id, state.context.revision, 'OPEN', ctx.actor, { input: openInput }, now);
    await syncMirrors(trx, id, state, stored, origin.analysisId ?? null, now, true);
    await writeEffects(trx, id, number, effects, now);
    if (origin.order) await recordOrderVersions(trx, id, number, origin.order, ctx.actor, now);
    if (origin.analysedClassification)
      await recordAudit(trx, ctx.actor, {
        action: 'contract.reclassified',
        entityId: id,
        before: { number, ...origin.analysedClassification },
        after: {
          number,
          class: input.contractClass,
          reasons: input.reasons ?? [],
          changes: origin.order?.corrections.map((c) => c.path) ?? [],
        },
        at: now,
      });
    return { contractId: id, number, state, revision: state.context.revision };
  });
}

/**
 * Opens a case from an analysed intake record: the latest analysis of that record gives the terms,
 * or — when the user checked the order on the intake page — the order as corrected, which is then
 * what is reviewed; the analysed order is kept beside it and every corrected field is recorded.
 */
export async function openCaseFromIntake(
  db: Db,
  intakeId: string,
  ctx: CaseContext,
  overrides: {
    contractClass?: ContractClass;
    customerName?: string;
    order?: ReviewedOrder;
    temporaryBasis?: TemporaryBasisInput;
  } = {},
): Promise<LoadedCase> {
  const intake = await db
    .selectFrom('intake_records')
    .selectAll()
    .where('id', '=', intakeId)
    .executeTakeFirst();
  if (!intake) throw new NotFoundError('intake record', intakeId);
  // One message, one review: a second click or a second user must land on the case already open.
  const existing = await db
    .selectFrom('contracts')
    .select('number')
    .where('intake_id', '=', intakeId)
    .executeTakeFirst();
  if (existing) {
    throw new AppError('CONFLICT', {
      zh: `该收件已建立合同评审 ${existing.number}，请打开该评审`,
      en: `a review case ${existing.number} is already open for this intake`,
    });
  }
  const analysis = await db
    .selectFrom('analyses')
    .selectAll()
    .where('intake_id', '=', intakeId)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  if (!analysis) {
    throw new AppError('CONFLICT', {
      zh: `收件 ${intakeId} 尚未分析，请先分析再建立合同评审`,
      en: `intake ${intakeId} has no analysis yet; analyse it first`,
    });
  }
  const parsed = analysisResultSchema.safeParse(JSON.parse(analysis.result));
  if (!parsed.success) {
    throw new AppError('CONFLICT', {
      zh: `分析结果 ${analysis.id} 格式无效`,
      en: `analysis ${analysis.id} is not a valid result`,
    });
  }
  const result: AnalysisResult = parsed.data;
  const customerRow = intake.customer_id
    ? await db
        .selectFrom('customers')
        .select(['id', 'name'])
        .where('id', '=', intake.customer_id)
        .executeTakeFirst()
    : undefined;
  const analysed = analysedOrder(result, customerRow?.name ?? result.customer?.name ?? null);
  const corrected = overrides.order ?? null;
  const corrections = corrected ? orderCorrections(analysed, corrected) : [];
  const reviewed = corrected ?? analysed;
  const customerName = overrides.customerName ?? corrected?.customer ?? analysed.customer;
  if (!customerName) {
    throw new AppError('VALIDATION_FAILED', {
      zh: '未识别出客户，请指定 customerName',
      en: 'no customer recognised; pass customerName',
    });
  }
  const text = intake.extracted_text ?? '';
  // One VAT rate stated in the message (含13%增值税) is the rate of its prices; several say nothing sure.
  const rates = [...new Set(taxRatesIn(text))];
  const terms = orderTerms(reviewed, result.items, rates.length === 1 ? rates[0]! : null);
  // A corrected order is classed again by the rules: what the user put right (a quantity, the date,
  // the customer) decides the class, not what the analysis misread. A class the user names wins.
  const analysedClass: OrderClassification = {
    class: result.contract.class,
    reasons: result.contract.reasons.map((r) => ({ code: r.code, explanation: r.explanation })),
  };
  const recomputed =
    corrections.length > 0 && !overrides.contractClass
      ? await classifyCorrectedOrder(
          { db },
          {
            text,
            analysed: result,
            customerName,
            terms,
            refDate: shanghaiDay(new Date(intake.received_at)),
            channel: intake.channel,
          },
        )
      : null;
  const classed = recomputed
    ? { class: recomputed.contractClass, reasons: recomputed.reasons }
    : analysedClass;
  const contractClass = overrides.contractClass ?? classed.class;
  if (!contractClass) {
    throw new AppError('VALIDATION_FAILED', {
      zh: '分析未能确定合同类别，请指定 contractClass（regular/special/temporary）',
      en: 'the analysis gave no contract class; pass contractClass',
    });
  }
  const reclassified = recomputed !== null && !sameClassification(analysedClass, classed);
  return openContractCase(
    db,
    {
      customerName,
      // A customer renamed in the form is looked up by its new name, not filed under the old one.
      customerId: customerRow && customerRow.name === customerName ? customerRow.id : null,
      contractClass,
      reasons: classed.reasons,
      // The analysis weighed the order it read; a corrected order is weighed from its lines.
      totalWeightTonnes: corrections.length > 0 ? null : (result.contract.totalWeightTonnes ?? null),
      receivedAt: intake.received_at,
      items: terms.items,
      delivery: terms.delivery,
      paymentTerms: terms.paymentTerms,
      requirements: result.requirements.map((r) => ({
        // An implied requirement is reviewed as the sentence it stands for; its trigger words stay the quote.
        text: r.statement ?? r.text,
        category: r.category,
        kind: r.kind,
        special: r.special,
        priority: r.priority,
        source: {
          intakeId,
          start: r.span.start,
          end: r.span.end,
          quote: text.slice(r.span.start, r.span.end),
        },
      })),
      ...(overrides.temporaryBasis ? { temporaryBasis: overrides.temporaryBasis } : {}),
    },
    ctx,
    {
      intakeId,
      analysisId: analysis.id,
      order: {
        intakeId,
        analysisId: analysis.id,
        analysed,
        corrected: corrections.length > 0 ? corrected : null,
        corrections,
      },
      ...(reclassified ? { analysedClassification: analysedClass } : {}),
    },
  );
}

function sameClassification(a: OrderClassification, b: OrderClassification): boolean {
  const codes = (c: OrderClassification) =>
    c.reasons
      .map((r) => r.code)
      .sort()
      .join('\n');
  return a.class === b.class && codes(a) === codes(b);
}

// ---------------------------------------------------------------- loading and stepping

/** A case by id, by its current number, or by any number it had before a void-and-re-sign. */
export async function findContractId(db: Db, idOrNumber: string): Promise<string> {
  const row = await db
    .selectFrom('contracts')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrNumber), eb('number', '=', idOrNumber)]))
    .executeTakeFirst();
  if (row) return row.id;
  const base = baseNumber(idOrNumber);
  if (base) {
    const revised = await db
      .selectFrom('contracts')
      .select('id')
      .where((eb) => eb.or([eb('number', '=', base), eb('number', 'like', `${base}-R%`)]))
      .executeTakeFirst();
    if (revised) return revised.id;
  }
  throw new NotFoundError('contract', idOrNumber);
}

export async function loadCase(db: Db, contractId: string): Promise<LoadedCase> {
  const row = await db
    .selectFrom('review_cases')
    .innerJoin('contracts', 'contracts.id', 'review_cases.contract_id')
    .select(['review_cases.snapshot', 'review_cases.revision', 'contracts.number'])
    .where('review_cases.contract_id', '=', contractId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('contract', contractId);
  return {
    contractId,
    number: row.number,
    state: JSON.parse(row.snapshot) as ReviewState,
    revision: Number(row.revision),
  };
}

/** The actor the workflow sees for a signed-in user (a registered deputyship travels with them). */
export function actorFor(user: { id: string; department: Department; deputyFor: Department | null }): Actor {
  return {
    userId: user.id,
    department: user.department,
    ...(user.deputyFor ? { deputyFor: user.deputyFor } : {}),
  };
}

function stale(current: number): AppError {
  return new AppError('STALE_VERSION', undefined, { reason: 'STALE_VERSION', currentVersion: current });
}

/**
 * Applies one workflow event. A refusal throws an AppError carrying the refusal code; a revision
 * other than `expectedRevision` (or a concurrent writer) throws STALE_VERSION and nothing is written.
 */
export async function applyCaseEvent(
  db: Db,
  contractId: string,
  given: ReviewEvent,
  ctx: { now: Date; config: ReviewConfig },
): Promise<{ state: ReviewState; effects: Effect[]; changed: boolean }> {
  // Read before the transaction: the rules read the catalogue and CSR file through `db`, which on
  // SQLite is the one connection the transaction would hold.
  const event = await withReclassification(db, contractId, given, ctx.now);
  return inTransaction(db, async (trx) => {
    const loaded = await loadCase(trx, contractId);
    if (event.expectedRevision !== undefined && event.expectedRevision !== loaded.revision)
      throw stale(loaded.revision);
    if (event.type === 'RECORD_MEETING') {
      const refusal = await participantRefusal(trx, event.participants, ctx.config);
      if (refusal) throw refusalError(refusal);
    }
    const result = step(loaded.state, event, ctx);
    if (!result.ok) throw refusalError(result);
    const { state, effects } = result;
    if (state.context.revision === loaded.revision && state.value === loaded.state.value) {
      return { state, effects, changed: false };
    }
    const now = ctx.now.toISOString();
    const updated = await trx
      .updateTable('review_cases')
      .set({
        stage: state.value,
        revision: state.context.revision,
        snapshot: JSON.stringify(state),
        feedback_sent_at: state.context.feedback?.sentAt ?? null,
        feedback_compliant: state.context.feedback ? (state.context.feedback.clockCompliant ? 1 : 0) : null,
        next_wake_at: nextWake(state, ctx.config),
        updated_at: now,
      })
      .where('contract_id', '=', contractId)
      .where('revision', '=', loaded.revision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw stale(loaded.revision);
    const { actor, expectedRevision: _r, ...payload } = event as ReviewEvent & { actor?: Actor };
    await appendEvent(
      trx,
      contractId,
      state.context.revision,
      event.type,
      actor ? { id: actor.userId, department: actor.department } : null,
      { ...payload, ...(actor ? { actor } : {}) },
      now,
    );
    const stored = await openInputOf(trx, contractId);
    const origin = await trx
      .selectFrom('contracts')
      .select('analysis_id')
      .where('id', '=', contractId)
      .executeTakeFirstOrThrow();
    await syncMirrors(trx, contractId, state, stored, origin.analysis_id, now, event.type === 'AMEND');
    if (event.type === 'AMEND') await recordAmendment(trx, contractId, loaded.state, state, event, now);
    await writeEffects(trx, contractId, loaded.number, effects, now);
    await trx
      .updateTable('contracts')
      .set({
        status: state.value,
        version: state.context.revision,
        feedback_due_at: dueAt(state, ctx.config, now),
        updated_at: now,
      })
      .where('id', '=', contractId)
      .execute();
    if (event.type === 'AMEND' && event.kind === 'void_resign')
      await recordResigned(trx, contractId, state, event.reclassification);
    return { state, effects, changed: true };
  });
}

/**
 * Rebuilds a case from its event log alone: the opening input, then every event at its recorded
 * instant. Equal to the stored snapshot when the log is complete (tests hold the shell to that).
 */
export async function replayCase(db: Db, contractId: string, config: ReviewConfig): Promise<ReviewState> {
  const events = await db
    .selectFrom('review_events')
    .selectAll()
    .where('contract_id', '=', contractId)
    .orderBy('revision')
    .execute();
  const [first, ...rest] = events;
  if (first?.type !== 'OPEN') throw new NotFoundError('contract', contractId);
  const { input } = JSON.parse(first.payload) as { input: OpenCaseInput };
  let { state } = openReview(input, { now: new Date(first.at), config });
  for (const e of rest) {
    const r = step(state, JSON.parse(e.payload) as ReviewEvent, { now: new Date(e.at), config });
    if (!r.ok) throw new Error(`replay of ${contractId} refused at revision ${e.revision}: ${r.code}`);
    state = r.state;
  }
  return state;
}

/**
 * After the review policy changed: every case not yet answered gets its next reminder/escalation
 * instant and its feedback deadline recomputed from `config`, because the deadline check wakes a
 * case only at its stored `next_wake_at`. The snapshot is not touched (its revision stays), so no
 * one's open form goes stale. Returns how many cases were rescheduled.
 */
export async function rescheduleOpenClocks(db: Db, config: ReviewConfig, now: Date): Promise<number> {
  const open = await db
    .selectFrom('review_cases')
    .select(['contract_id', 'snapshot'])
    .where('feedback_sent_at', 'is', null)
    .execute();
  let count = 0;
  for (const row of open) {
    const state = JSON.parse(row.snapshot) as ReviewState;
    if (state.context.voided !== null) continue;
    await db
      .updateTable('review_cases')
      .set({ next_wake_at: nextWake(state, config) })
      .where('contract_id', '=', row.contract_id)
      .execute();
    await db
      .updateTable('contracts')
      .set({ feedback_due_at: dueAt(state, config, now.toISOString()) })
      .where('id', '=', row.contract_id)
      .execute();
    count++;
  }
  return count;
}

// ---------------------------------------------------------------- helpers

function dueAt(state: ReviewState, config: ReviewConfig, now: string): string | null {
  const d = state.context;
  return readClock(d.receivedAt, now, d.clock.pauses, config.clock, d.feedback?.sentAt ?? null).dueAt;
}

function nextWake(state: ReviewState, config: ReviewConfig): string | null {
  const d = state.context;
  if (d.feedback !== null || d.voided !== null) return null;
  const fired = new Set(d.clock.fired);
  const pending = readClock(d.receivedAt, d.now, d.clock.pauses, config.clock).milestones.filter(
    (m) => m.at !== null && !fired.has(m.key),
  );
  return pending[0]?.at ?? null;
}

function wakeAt(effects: Effect[], fallback: string | null): string | null {
  const s = effects.find((e): e is Extract<Effect, { type: 'schedule' }> => e.type === 'schedule');
  return s?.at ?? fallback;
}

async function openInputOf(db: Db, contractId: string): Promise<StoredOpenInput> {
  const row = await db
    .selectFrom('review_cases')
    .select('open_input')
    .where('contract_id', '=', contractId)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.open_input) as StoredOpenInput;
}

async function appendEvent(
  trx: Db,
  contractId: string,
  revision: number,
  type: string,
  actor: { id: string; department: string | null } | null,
  payload: unknown,
  at: string,
): Promise<void> {
  await trx
    .insertInto('review_events')
    .values({
      id: randomUUID(),
      contract_id: contractId,
      revision,
      type,
      actor_id: actor?.id ?? null,
      actor_department: actor?.department ?? null,
      payload: JSON.stringify(payload),
      at,
    })
    .execute();
}

async function writeEffects(
  trx: Db,
  contractId: string,
  number: string,
  effects: Effect[],
  at: string,
): Promise<void> {
  for (const e of effects) {
    if (e.type !== 'audit') continue;
    await inTransaction(trx, (t) =>
      appendChained(t, {
        at,
        actor_id: e.by,
        actor_department: null,
        action: `review.${e.event}`,
        entity_type: 'contract',
        entity_id: contractId,
        before: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
        after: JSON.stringify({
          number,
          ...(typeof e.after === 'object' && e.after !== null ? e.after : { value: e.after }),
        }),
      }),
    );
  }
  await deliverNotifications(trx, contractId, effects, at);
}

/** Keeps the relational mirrors (items, requirements, department reviews) equal to the snapshot. */
async function syncMirrors(
  trx: Db,
  contractId: string,
  state: ReviewState,
  stored: StoredOpenInput,
  analysisId: string | null,
  now: string,
  termsChanged: boolean,
): Promise<void> {
  const d: CaseData = state.context;
  const terms = d.versions[d.versions.length - 1]!.terms;
  if (termsChanged) {
    await trx.deleteFrom('contract_items').where('contract_id', '=', contractId).execute();
    const codes = terms.items.map((i) => i.catalogCode).filter((c): c is string => c !== null);
    const known = codes.length
      ? new Set(
          (await trx.selectFrom('products').select('code').where('code', 'in', codes).execute()).map(
            (p) => p.code,
          ),
        )
      : new Set<string>();
    for (const item of terms.items) {
      await trx
        .insertInto('contract_items')
        .values({
          id: randomUUID(),
          contract_id: contractId,
          line_no: item.line,
          product_code: item.catalogCode && known.has(item.catalogCode) ? item.catalogCode : null,
          product_name: item.product,
          model: item.model,
          quantity: item.quantity ? String(item.quantity.value) : null,
          unit: item.quantity?.unit ?? null,
          unit_price: item.unitPrice ? String(item.unitPrice.amount) : null,
          currency: item.unitPrice?.currency ?? null,
          tax_included: item.unitPrice?.taxIncluded == null ? null : item.unitPrice.taxIncluded ? 1 : 0,
        })
        .execute();
    }
    const total = totalOf(terms.items);
    await trx
      .updateTable('contracts')
      .set({
        delivery_date: terms.delivery.date,
        delivery_place: terms.delivery.place,
        payment_terms: terms.paymentTerms,
        total_amount: total.amount,
        currency: total.currency,
      })
      .where('id', '=', contractId)
      .execute();
  }
  await trx.deleteFrom('requirements').where('contract_id', '=', contractId).execute();
  for (const r of d.requirements) {
    const source = stored.sources[r.id] ?? null;
    await trx
      .insertInto('requirements')
      .values({
        id: `${contractId}:${r.id}`,
        analysis_id: analysisId,
        contract_id: contractId,
        text: r.text,
        category: r.category,
        kind: r.kind,
        special: r.special ? 1 : 0,
        special_rule: null,
        priority: r.priority,
        status: r.status,
        span_start: source?.start ?? null,
        span_end: source?.end ?? null,
        links: JSON.stringify({ caseRequirementId: r.id, source }),
        version: r.version,
        created_by: null,
        created_at: r.history[0]?.at ?? now,
        updated_at: r.history.at(-1)?.at ?? now,
      })
      .execute();
  }
  await trx.deleteFrom('reviews').where('contract_id', '=', contractId).execute();
  const signers = new Set(
    d.signOffs.flatMap((s) => [s, ...s.previous]).flatMap((s) => (s.signature ? [s.signature.userId] : [])),
  );
  const existing = signers.size
    ? new Set(
        (
          await trx
            .selectFrom('users')
            .select('id')
            .where('id', 'in', [...signers])
            .execute()
        ).map((u) => u.id),
      )
    : new Set<string>();
  for (const s of d.signOffs) {
    for (const opinion of [...s.previous, s]) {
      await trx
        .insertInto('reviews')
        .values({
          id: randomUUID(),
          contract_id: contractId,
          contract_version: opinion.contractVersion,
          department: s.department,
          status: opinion === s ? s.status : 'superseded',
          conclusion: opinion.outcome,
          conditions: opinion.conditions,
          reason: opinion.reason,
          checklist: JSON.stringify({ items: opinion.checklist, answers: opinion.answers }),
          signer_id:
            opinion.signature && existing.has(opinion.signature.userId) ? opinion.signature.userId : null,
          signed_at: opinion.signature?.at ?? null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  }
}

/** A void-and-re-sign carries the class the current rules give the amended content. */
async function withReclassification(db: Db, contractId: string, event: ReviewEvent, now: Date) {
  if (event.type !== 'AMEND' || event.kind !== 'void_resign') return event;
  const row = await db
    .selectFrom('contracts')
    .select('customer_name')
    .where('id', '=', contractId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('contract', contractId);
  const reclassification = await classifyAmendedTerms(
    { db },
    { customerName: row.customer_name, terms: event.terms, refDate: shanghaiDay(now) },
  );
  return reclassification ? { ...event, reclassification } : event;
}

const shanghaiDay = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The re-signed contract's new number and class on the contract row; the earlier ones stay in the rounds. */
async function recordResigned(
  trx: Db,
  contractId: string,
  state: ReviewState,
  reclassification: Reclassification | undefined,
): Promise<void> {
  const d = state.context;
  const row = await trx
    .selectFrom('contracts')
    .select('classification')
    .where('id', '=', contractId)
    .executeTakeFirstOrThrow();
  const before = row.classification ? (JSON.parse(row.classification) as Classification) : null;
  const classification: Classification = {
    class: d.contractClass,
    reasons: d.reasons ?? [],
    departments: reclassification?.departments ?? before?.departments ?? [],
    csr: before?.csr ?? [],
  };
  await trx
    .updateTable('contracts')
    .set({
      number: revisionNumber(d.caseId, d.revisionNo ?? 0),
      class: d.contractClass,
      classification: JSON.stringify(classification),
    })
    .where('id', '=', contractId)
    .execute();
}

async function recordAmendment(
  trx: Db,
  contractId: string,
  before: ReviewState,
  after: ReviewState,
  event: Extract<ReviewEvent, { type: 'AMEND' }>,
  now: string,
): Promise<void> {
  const prevTerms = before.context.versions.at(-1)!.terms;
  const changes = diffTerms(prevTerms, event.terms);
  const reset = after.context.signOffs
    .filter((s) => {
      const was = before.context.signOffs.find((b) => b.department === s.department);
      return was !== undefined && s.round > was.round;
    })
    .map((s) => s.department);
  await trx
    .insertInto('amendments')
    .values({
      id: randomUUID(),
      contract_id: contractId,
      kind: event.kind,
      from_version: before.context.contractVersion,
      to_version: after.context.contractVersion,
      description: event.reason,
      diff: JSON.stringify(changes),
      affected_departments: JSON.stringify(reset),
      created_by: event.actor.userId,
      created_at: now,
    })
    .execute();
}
