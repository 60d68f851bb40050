// The contract ledger (合同台账): every contract with its review outcome and 48-hour compliance,
// filtered and paged in the database so it stays fast with years of contracts.
import type { Kysely } from 'kysely';
import { CONTRACT_CLASSES, type ContractClass } from '../analysis/result.js';
import { DEPARTMENT_LABELS, isDepartment } from '../auth/roles.js';
import type { OutputTable } from '../io/tabular.js';
import { REVIEW_STATES, type ReviewStateName } from '../review/states.js';
import type { ReviewOutcome } from '../review/types.js';
import type { DialectCapabilities } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { orderBySort, type SortOrder } from '../store/sort.js';
import { beijingTime, bilingual, CLASS_LABELS, OUTCOME_LABELS, STAGE_LABELS } from './review-labels.js';

const isContractClass = (c: string): c is ContractClass =>
  (CONTRACT_CLASSES as readonly string[]).includes(c);
const isStage = (s: string): s is ReviewStateName => (REVIEW_STATES as readonly string[]).includes(s);

export const COMPLIANCE_FILTERS = ['met', 'missed', 'open', 'overdue'] as const;
export type ComplianceFilter = (typeof COMPLIANCE_FILTERS)[number];

/** Columns the ledger sorts by (the API's `sort`), each with the column it orders on. */
export const LEDGER_SORTS = [
  'number',
  'customer',
  'class',
  'status',
  'receivedAt',
  'feedbackDueAt',
  'deliveryDate',
  'totalAmount',
] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

const SORT_COLUMNS = {
  number: 'contracts.number',
  customer: 'contracts.customer_name',
  class: 'contracts.class',
  status: 'contracts.status',
  receivedAt: 'contracts.received_at',
  feedbackDueAt: 'contracts.feedback_due_at',
  deliveryDate: 'contracts.delivery_date',
  totalAmount: 'contracts.total_amount',
} as const satisfies Record<LedgerSort, string>;

export interface LedgerQuery {
  customer?: string;
  class?: string;
  status?: string;
  /** received_at within [from, to] (ISO dates or instants; `to` is inclusive of that day). */
  from?: string;
  to?: string;
  compliance?: ComplianceFilter;
  q?: string;
  /** Column to sort by (default: received, newest first). */
  sort?: LedgerSort;
  order?: SortOrder;
  page?: number;
  pageSize?: number;
}

export type LedgerRow = {
  id: string;
  number: string;
  customer: string;
  class: string | null;
  status: string;
  receivedAt: string;
  feedbackDueAt: string | null;
  feedbackSentAt: string | null;
  /** true/false once feedback was sent; null while it is still open. */
  feedbackCompliant: boolean | null;
  overdue: boolean;
  deliveryDate: string | null;
  totalAmount: string | null;
  currency: string | null;
  reviews: { department: string; conclusion: string | null; signerId: string | null }[];
  amendments: number;
  version: number;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function queryLedger(
  db: Kysely<Database>,
  caps: DialectCapabilities,
  query: LedgerQuery,
  now: Date,
): Promise<{ items: LedgerRow[]; total: number }> {
  const nowIso = now.toISOString();
  let q = db.selectFrom('contracts').innerJoin('review_cases', 'review_cases.contract_id', 'contracts.id');
  if (query.customer) {
    const pattern = `%${escapeLike(query.customer)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('contracts.customer_id', '=', query.customer!),
        eb('contracts.customer_name', caps.ilike, pattern),
      ]),
    );
  }
  if (query.class) q = q.where('contracts.class', '=', query.class);
  if (query.status) q = q.where('contracts.status', '=', query.status);
  if (query.from) q = q.where('contracts.received_at', '>=', query.from);
  if (query.to)
    q = q.where(
      'contracts.received_at',
      '<=',
      query.to.length === 10 ? `${query.to}T23:59:59.999Z` : query.to,
    );
  switch (query.compliance) {
    case 'met':
      q = q.where('review_cases.feedback_compliant', '=', 1);
      break;
    case 'missed':
      q = q.where((eb) =>
        eb.or([
          eb('review_cases.feedback_compliant', '=', 0),
          eb.and([
            eb('review_cases.feedback_sent_at', 'is', null),
            eb('contracts.feedback_due_at', '<', nowIso),
          ]),
        ]),
      );
      break;
    case 'open':
      q = q.where('review_cases.feedback_sent_at', 'is', null);
      break;
    case 'overdue':
      q = q
        .where('review_cases.feedback_sent_at', 'is', null)
        .where('contracts.feedback_due_at', '<', nowIso);
      break;
    case undefined:
      break;
  }
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('contracts.number', caps.ilike, pattern),
        eb('contracts.customer_name', caps.ilike, pattern),
        eb.exists(
          eb
            .selectFrom('requirements')
            .select('requirements.id')
            .whereRef('requirements.contract_id', '=', 'contracts.id')
            .where('requirements.text', caps.ilike, pattern),
        ),
        eb.exists(
          eb
            .selectFrom('contract_items')
            .select('contract_items.id')
            .whereRef('contract_items.contract_id', '=', 'contracts.id')
            .where('contract_items.product_name', caps.ilike, pattern),
        ),
      ]),
    );
  }
  const totalRow = await q
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const pageSize = query.pageSize ?? 50;
  const page = query.page ?? 1;
  const rows = await q
    .select([
      'contracts.id',
      'contracts.number',
      'contracts.customer_name',
      'contracts.class',
      'contracts.status',
      'contracts.received_at',
      'contracts.feedback_due_at',
      'contracts.delivery_date',
      'contracts.total_amount',
      'contracts.currency',
      'contracts.version',
      'review_cases.feedback_sent_at',
      'review_cases.feedback_compliant',
    ])
    .$call((qb) => {
      // Amounts are decimal text on SQLite: they sort as numbers.
      const sort = query.sort ?? 'receivedAt';
      return orderBySort(
        qb,
        { column: SORT_COLUMNS[sort], numeric: sort === 'totalAmount' },
        query.order ?? 'desc',
        'contracts.number',
      );
    })
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const reviews = ids.length
    ? await db
        .selectFrom('reviews')
        .select(['contract_id', 'department', 'conclusion', 'signer_id'])
        .where('contract_id', 'in', ids)
        .where('status', '!=', 'superseded')
        .execute()
    : [];
  const amendments = ids.length
    ? await db
        .selectFrom('amendments')
        .select(['contract_id', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('contract_id', 'in', ids)
        .groupBy('contract_id')
        .execute()
    : [];
  return {
    total: Number(totalRow.n),
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      customer: r.customer_name,
      class: r.class,
      status: r.status,
      receivedAt: r.received_at,
      feedbackDueAt: r.feedback_due_at,
      feedbackSentAt: r.feedback_sent_at,
      feedbackCompliant: r.feedback_compliant === null ? null : Number(r.feedback_compliant) === 1,
      overdue: r.feedback_sent_at === null && r.feedback_due_at !== null && r.feedback_due_at < nowIso,
      deliveryDate: r.delivery_date,
      totalAmount: r.total_amount === null ? null : String(r.total_amount),
      currency: r.currency,
      reviews: reviews
        .filter((v) => v.contract_id === r.id)
        .map((v) => ({ department: v.department, conclusion: v.conclusion, signerId: v.signer_id })),
      amendments: Number(amendments.find((a) => a.contract_id === r.id)?.n ?? 0),
      version: Number(r.version),
    })),
  };
}

const COMPLIANT_ZH = (r: LedgerRow) =>
  r.feedbackCompliant === true
    ? '是 yes'
    : r.feedbackCompliant === false || r.overdue
      ? '否 no'
      : '进行中 open';

/** The whole filtered ledger as a table for export (all pages). */
export async function ledgerTable(
  db: Kysely<Database>,
  caps: DialectCapabilities,
  query: LedgerQuery,
  now: Date,
): Promise<OutputTable> {
  const all: LedgerRow[] = [];
  for (let page = 1; ; page++) {
    const r = await queryLedger(db, caps, { ...query, page, pageSize: 500 }, now);
    all.push(...r.items);
    if (all.length >= r.total || r.items.length === 0) break;
  }
  return {
    header: [
      '合同号 number',
      '客户 customer',
      '类别 class',
      '状态 status',
      '收到时间 received',
      '反馈期限 feedback due',
      '反馈时间 feedback sent',
      '48小时内反馈 within 48 h',
      '交期 delivery',
      '金额 amount',
      '币种 currency',
      '评审意见 reviews',
      '变更次数 amendments',
    ],
    rows: all.map((r) => [
      r.number,
      r.customer,
      r.class && isContractClass(r.class) ? bilingual(CLASS_LABELS[r.class]) : '',
      isStage(r.status) ? bilingual(STAGE_LABELS[r.status]) : r.status,
      beijingTime(r.receivedAt),
      r.feedbackDueAt ? beijingTime(r.feedbackDueAt) : '',
      r.feedbackSentAt ? beijingTime(r.feedbackSentAt) : '',
      COMPLIANT_ZH(r),
      r.deliveryDate ?? '',
      r.totalAmount,
      r.currency ?? '',
      r.reviews
        .map(
          (v) =>
            `${isDepartment(v.department) ? DEPARTMENT_LABELS[v.department].zh : v.department}：${
              v.conclusion && v.conclusion in OUTCOME_LABELS
                ? OUTCOME_LABELS[v.conclusion as ReviewOutcome].zh
                : '待签'
            }`,
        )
        .join('；'),
      r.amendments,
    ]),
    decimalColumns: { '金额 amount': '#,##0.00' },
  };
}
