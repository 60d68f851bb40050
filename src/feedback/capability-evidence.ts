// Reads the facts behind the capability criteria for one salesperson, a team or the whole
// organisation: a salesperson's contracts are the cases they own (the contract's creator where no
// case was opened); their complaints are those on their contracts or, without a contract, from the
// customers they served in the period; their actions are those on those complaints or that they
// proposed. Tables another feature fills may be empty; every fact then comes out empty.
import type { Kysely } from 'kysely';
import { AppError } from '../shared/errors.js';
import type { Database } from '../store/schema.js';
import type { CapabilitySettings } from './capability.js';
import type { ActionFact, CapabilityFacts, ComplaintFact, ContractFact } from './capability-measures.js';
import type { Period } from './kpis.js';
import { listSurveys } from './satisfaction-repository.js';

type Db = Kysely<Database>;

export const SUBJECT_KINDS = ['organisation', 'team', 'person'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export interface Subject {
  kind: SubjectKind;
  /** User id (person) or team id (team); absent for the organisation. */
  id?: string | null | undefined;
}

export interface ResolvedSubject {
  kind: SubjectKind;
  id: string | null;
  name: string;
  /** The people whose work is evaluated; null = everyone. */
  userIds: string[] | null;
  /** How many people the per-person count targets are multiplied by. */
  people: number;
}

const ORGANISATION_NAME = '全公司 / Organisation';

export async function resolveSubject(
  db: Db,
  subject: Subject,
  settings: CapabilitySettings,
): Promise<ResolvedSubject> {
  if (subject.kind === 'organisation') {
    const sales = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('department', '=', 'sales')
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    return {
      kind: 'organisation',
      id: null,
      name: ORGANISATION_NAME,
      userIds: null,
      people: Math.max(1, Number(sales.n)),
    };
  }
  const unknown = (what: string) =>
    new AppError(
      'VALIDATION_FAILED',
      { zh: `评价对象不存在：${what}`, en: `no such subject: ${what}` },
      { errors: [{ in: 'body', path: '/subject/id', message: `未知的评价对象 / unknown subject ${what}` }] },
    );
  if (!subject.id) throw unknown('(空 / empty)');
  if (subject.kind === 'team') {
    const team = settings.teams.find((t) => t.id === subject.id);
    if (!team) throw unknown(subject.id);
    return {
      kind: 'team',
      id: team.id,
      name: team.name,
      userIds: team.members,
      people: Math.max(1, team.members.length),
    };
  }
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', subject.id)
    .executeTakeFirst();
  if (!user) throw unknown(subject.id);
  return { kind: 'person', id: user.id, name: user.display_name, userIds: [user.id], people: 1 };
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** `requirements[R3]` → R3: the case requirement an amendment's diff line names. */
function requirementIdOf(path: unknown): string | null {
  const m = typeof path === 'string' ? /requirements\[([^\]]+)\]/.exec(path) : null;
  return m?.[1] ?? null;
}

export async function capabilityFacts(
  db: Db,
  subject: ResolvedSubject,
  period: Period,
): Promise<CapabilityFacts> {
  const users = subject.userIds;
  const none = users !== null && users.length === 0;
  let contractQuery = db
    .selectFrom('contracts')
    .leftJoin('review_cases', 'review_cases.contract_id', 'contracts.id')
    .select([
      'contracts.id',
      'contracts.number',
      'contracts.customer_id',
      'contracts.received_at',
      'contracts.feedback_due_at',
      'review_cases.feedback_sent_at',
      'review_cases.feedback_compliant',
      'review_cases.snapshot',
    ])
    .where('contracts.received_at', '>=', period.from)
    .where('contracts.received_at', '<=', period.to);
  if (users !== null && !none) {
    contractQuery = contractQuery.where((eb) =>
      eb.or([
        eb('review_cases.owner_id', 'in', users),
        eb.and([eb('review_cases.owner_id', 'is', null), eb('contracts.created_by', 'in', users)]),
      ]),
    );
  }
  const rows = none ? [] : await contractQuery.orderBy('contracts.received_at').execute();
  const ids = rows.map((r) => r.id);
  const contracts: ContractFact[] = [];
  if (ids.length) {
    const confirmations = await db
      .selectFrom('review_events')
      .select(['contract_id', 'at'])
      .where('type', '=', 'CONFIRM_REQUIREMENTS')
      .where('contract_id', 'in', ids)
      .orderBy('at')
      .execute();
    const signatures = await db
      .selectFrom('reviews')
      .select(['contract_id', 'signed_at'])
      .where('contract_id', 'in', ids)
      .where('signed_at', 'is not', null)
      .execute();
    const requirements = await db
      .selectFrom('requirements')
      .select(['id', 'contract_id', 'kind', 'status', 'created_at', 'updated_at', 'links'])
      .where('contract_id', 'in', ids)
      .execute();
    const amendments = await db
      .selectFrom('amendments')
      .select(['contract_id', 'diff'])
      .where('contract_id', 'in', ids)
      .execute();
    for (const c of rows) {
      const snapshot = parseJson<{
        context?: { openQuestions?: { askedAt: string; answeredAt: string | null }[] };
      }>(c.snapshot ?? null, {});
      const signed = signatures
        .filter((s) => s.contract_id === c.id)
        .map((s) => s.signed_at!)
        .sort();
      contracts.push({
        id: c.id,
        number: c.number,
        customerId: c.customer_id,
        receivedAt: c.received_at,
        feedbackDueAt: c.feedback_due_at,
        feedbackSentAt: c.feedback_sent_at ?? null,
        feedbackCompliant:
          c.feedback_compliant === null || c.feedback_compliant === undefined
            ? null
            : Number(c.feedback_compliant) === 1,
        confirmedAt: confirmations.find((e) => e.contract_id === c.id)?.at ?? null,
        firstSignedAt: signed[0] ?? null,
        requirements: requirements
          .filter((r) => r.contract_id === c.id)
          .map((r) => ({
            id:
              parseJson<{ caseRequirementId?: string }>(r.links, {}).caseRequirementId ??
              r.id.split(':').at(-1)!,
            kind: r.kind,
            status: r.status,
            createdAt: r.created_at,
            updatedAt: r.updated_at,
          })),
        amendedRequirementIds: amendments
          .filter((a) => a.contract_id === c.id)
          .flatMap((a) => parseJson<{ field?: string; path?: string }[]>(a.diff, []))
          .filter((d) => d && d.field === 'requirement')
          .map((d) => requirementIdOf(d.path))
          .filter((x): x is string => x !== null),
        questions: (snapshot.context?.openQuestions ?? []).map((q) => ({
          askedAt: q.askedAt,
          answeredAt: q.answeredAt ?? null,
        })),
      });
    }
  }
  const servedCustomers = new Set(contracts.map((c) => c.customerId).filter((x): x is string => x !== null));
  const ownContracts = new Set(ids);

  const since = new Date(Date.parse(period.from) - 90 * 86_400_000).toISOString();
  const complaintRows = await db
    .selectFrom('feedback')
    .leftJoin('customers', 'customers.id', 'feedback.customer_id')
    .select([
      'feedback.id',
      'feedback.customer_id',
      'feedback.contract_id',
      'feedback.cause',
      'feedback.received_at',
      'feedback.investigating_at',
      'feedback.action_at',
      'feedback.closed_at',
      'customers.name as customer_name',
    ])
    .where('feedback.kind', '=', 'complaint')
    .where('feedback.voided_at', 'is', null)
    .where('feedback.received_at', '>=', since)
    .where('feedback.received_at', '<=', period.to)
    .execute();
  const complaints: ComplaintFact[] = complaintRows.map((f) => ({
    id: f.id,
    customerId: f.customer_id,
    customerName: f.customer_name ?? null,
    cause: f.cause,
    receivedAt: f.received_at,
    respondedAt:
      [f.investigating_at, f.action_at, f.closed_at].filter((x): x is string => x !== null).sort()[0] ?? null,
    inScope:
      users === null ||
      (f.contract_id !== null
        ? ownContracts.has(f.contract_id)
        : f.customer_id !== null && servedCustomers.has(f.customer_id)),
  }));
  const scopedComplaints = new Set(complaints.filter((c) => c.inScope).map((c) => c.id));

  const actionRows = await db
    .selectFrom('improvement_actions')
    .select([
      'id',
      'title',
      'feedback_id',
      'evaluation_id',
      'due_date',
      'closed_at',
      'effectiveness',
      'created_by',
      'created_at',
    ])
    .execute();
  const actions: ActionFact[] = actionRows
    .filter(
      (a) =>
        users === null ||
        (a.feedback_id !== null && scopedComplaints.has(a.feedback_id)) ||
        (a.created_by !== null && users.includes(a.created_by)),
    )
    .map((a) => ({
      id: a.id,
      title: a.title,
      dueDate: a.due_date,
      closedAt: a.closed_at,
      effectiveness: a.effectiveness,
      fromComplaint: a.feedback_id !== null,
      fromEvaluation: a.evaluation_id !== null,
      createdAt: a.created_at,
    }));

  const surveys = (await listSurveys(db)).filter((s) => users === null || servedCustomers.has(s.customerId));

  // Who added a product is in the audit trail; imports and the demo seed act as `system:` actors.
  let products = db
    .selectFrom('audit_log')
    .select(['entity_id', 'after'])
    .where('action', '=', 'product.created')
    .where('at', '>=', period.from)
    .where('at', '<=', period.to);
  products =
    users === null
      ? products.where('actor_id', 'not like', 'system:%')
      : products.where('actor_id', 'in', none ? ['-'] : users);
  const newProducts = (await products.execute()).map((p) => ({
    code: p.entity_id,
    name: parseJson<{ name?: string }>(p.after, {}).name ?? p.entity_id,
  }));

  return { from: period.from, to: period.to, contracts, complaints, actions, surveys, newProducts };
}
