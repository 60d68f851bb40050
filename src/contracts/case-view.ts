// The full case as the contract page shows it: what the workflow knows plus what only the shell
// knows (contract number, customer, amendments as stored, the current user's own checklist).
import type { Kysely } from 'kysely';
import { DEPARTMENT_LABELS, type Department } from '../auth/roles.js';
import { caseMinimum, samplesAreStandard } from '../review/case-logic.js';
import { readClock } from '../review/feedback-clock.js';
import { actingDepartmentAsDeputy } from '../review/permissions.js';
import { requirementCorrections } from '../review/requirement-corrections.js';
import { reviewRounds } from '../review/review-rounds.js';
import type { ReviewConfig, SignOff } from '../review/types.js';
import { acceptedEvents, actionsFor } from '../review/workflow.js';
import type { Database } from '../store/schema.js';
import { originalFileName } from './attachments.js';
import { actorFor, type Classification, loadCase } from './case-repository.js';
import { orderVersions } from './order-versions.js';

/** The customer's message the case was opened from, shown inline; its file is attachment `intakeId`. */
async function originalMessage(db: Kysely<Database>, intakeId: string | null, number: string) {
  if (!intakeId) return null;
  const row = await db
    .selectFrom('intake_records')
    .select(['id', 'extracted_text', 'file_name', 'media_type', 'file_sha256', 'channel', 'received_at'])
    .where('id', '=', intakeId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    intakeId: row.id,
    channel: row.channel,
    receivedAt: row.received_at,
    text: row.extracted_text,
    fileName: row.file_sha256 ? originalFileName(row.file_name, row.media_type, number) : null,
    /** Download it from /api/contracts/:id/attachments/:attachmentId; null when no file was kept. */
    attachmentId: row.file_sha256 ? row.id : null,
  };
}

export interface ViewerUser {
  id: string;
  department: Department;
  deputyFor: Department | null;
}

export async function contractCaseView(
  db: Kysely<Database>,
  contractId: string,
  viewer: ViewerUser,
  now: Date,
  config: ReviewConfig,
) {
  const loaded = await loadCase(db, contractId);
  const c = await db
    .selectFrom('contracts')
    .selectAll()
    .where('id', '=', contractId)
    .executeTakeFirstOrThrow();
  const items = await db
    .selectFrom('contract_items')
    .selectAll()
    .where('contract_id', '=', contractId)
    .orderBy('line_no')
    .execute();
  const amendments = await db
    .selectFrom('amendments')
    .selectAll()
    .where('contract_id', '=', contractId)
    .orderBy('created_at')
    .execute();
  const sources = await db
    .selectFrom('requirements')
    .select(['id', 'span_start', 'span_end', 'links'])
    .where('contract_id', '=', contractId)
    .execute();
  const order = await orderVersions(db, contractId);
  const original = await originalMessage(db, c.intake_id, c.number);
  const d = loaded.state.context;
  const clock = readClock(
    d.receivedAt,
    now.toISOString(),
    d.clock.pauses,
    config.clock,
    d.feedback?.sentAt ?? null,
  );
  const actor = actorFor(viewer);
  const mine = (s: SignOff) =>
    s.department === viewer.department || actingDepartmentAsDeputy(actor, config) === s.department;
  const sourceOf = (reqId: string) => {
    const row = sources.find((s) => s.id === `${contractId}:${reqId}`);
    return row?.links ? (JSON.parse(row.links) as { source: unknown }).source : null;
  };
  const mySignOff = d.signOffs.find(mine) ?? null;
  const minimum = caseMinimum(d, config);
  return {
    id: contractId,
    number: c.number,
    customer: { id: c.customer_id, name: c.customer_name },
    stage: loaded.state.value,
    version: loaded.revision,
    contractVersion: d.contractVersion,
    mode: d.mode,
    owner: d.owner,
    receivedAt: d.receivedAt,
    classification: c.classification ? (JSON.parse(c.classification) as Classification) : null,
    items: items.map((i) => ({
      line: i.line_no,
      productCode: i.product_code,
      product: i.product_name,
      model: i.model,
      quantity: i.quantity,
      unit: i.unit,
      unitPrice: i.unit_price,
      currency: i.currency,
    })),
    terms: d.versions.at(-1)!.terms,
    totalAmount: c.total_amount,
    currency: c.currency,
    /**
     * The order under review and where it came from: version 1 as analysed, version 2 as the user
     * corrected it on the intake page (then the one reviewed), and each corrected field.
     */
    order: {
      poNumber: order.versions.at(-1)?.order.poNumber ?? null,
      versions: order.versions,
      corrections: order.corrections,
    },
    original,
    requirements: d.requirements.map((r) => ({ ...r, source: sourceOf(r.id) })),
    /** 需求修订: what the owner added, changed, rejected or merged, with who, when, before → after and why. */
    requirementCorrections: requirementCorrections(d.requirements),
    openQuestions: d.openQuestions,
    departments: d.signOffs.map((s) => ({
      department: s.department,
      label: DEPARTMENT_LABELS[s.department],
      status: s.status,
      trigger: s.trigger,
      round: s.round,
      outcome: s.outcome,
      conditions: s.conditions,
      reason: s.reason,
      signature: s.signature,
      /** The routing policy requires it: it cannot be removed from the case. */
      required: minimum.includes(s.department),
    })),
    /** Who reviews and why: the policy's minimum, the triggers that called departments in, the owner's changes. */
    routing: {
      minimum,
      triggers: d.routing?.triggers ?? [],
      changes: d.routing?.changes ?? [],
    },
    /** Applicable CSR register entries, each a checklist line of the department it names. */
    csr: d.csr ?? [],
    /** The goods are accepted against a sample: the customer's confirmation must record the sample sign-off. */
    samplesAreAcceptanceStandard: samplesAreStandard(d),
    /** A temporary contract's basis (who gave it, when, how, why); null until recorded. */
    temporaryBasis: d.temporaryBasis ?? null,
    myChecklist: mySignOff
      ? {
          department: mySignOff.department,
          status: mySignOff.status,
          items: mySignOff.checklist,
          answers: mySignOff.answers,
        }
      : null,
    meeting: d.meeting,
    issues: d.issues,
    negotiation: d.issues.flatMap((i) => i.negotiations.map((n) => ({ issueId: i.id, ...n }))),
    gmDecisions: d.issues.flatMap((i) => (i.gm ? [{ issueId: i.id, ...i.gm }] : [])),
    writtenConfirmation: d.writtenConfirmation,
    conclusion: d.conclusion,
    feedback: d.feedback,
    feedbackClock: {
      deadline: clock.dueAt,
      remainingMs: clock.remainingMs,
      overdue: clock.overdue,
      paused: clock.paused,
      sentAt: d.feedback?.sentAt ?? null,
      compliant: d.feedback ? d.feedback.clockCompliant : clock.overdue ? false : null,
    },
    customerConfirmation: d.customerConfirmation,
    amendments: amendments.map((a) => ({
      id: a.id,
      kind: a.kind,
      fromVersion: Number(a.from_version),
      toVersion: Number(a.to_version),
      reason: a.description,
      diff: JSON.parse(a.diff) as unknown[],
      affectedDepartments: JSON.parse(a.affected_departments) as string[],
      by: a.created_by,
      at: a.created_at,
    })),
    voided: d.voided,
    revisionNo: d.revisionNo ?? 0,
    /** Every review round, earliest first; earlier rounds as they were when an amendment closed them. */
    rounds: reviewRounds(d),
    history: d.history,
    allowedEvents: acceptedEvents(loaded.state),
    /**
     * What the viewer may do now, step by step, by the same check the server runs on the event
     * (with the refusal where not): the page shows only the buttons that would not be refused.
     */
    actions: actionsFor(loaded.state, actor, { now, config }),
  };
}

export type ContractCaseView = Awaited<ReturnType<typeof contractCaseView>>;
