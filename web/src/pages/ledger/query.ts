// The ledger's filters live in the address (/ledger?class=special&compliance=missed…), so a filtered
// ledger can be linked and reloaded, and the app shell can ask for the first page of rows while the
// page's code is still downloading (see prefetch.ts). No UI imports here: the shell loads this early.
import { REVIEW_STATES } from '../../../../src/review/states';
import { query } from '../../api/client';

// `sort` and `order` travel with the filters: a sorted ledger can be linked and exported as shown.
export const LEDGER_FILTERS = [
  'customer',
  'class',
  'status',
  'from',
  'to',
  'compliance',
  'sort',
  'order',
] as const;
export type LedgerFilter = (typeof LEDGER_FILTERS)[number];
export type LedgerFilters = Partial<Record<LedgerFilter, string>>;

export const LEDGER_PAGE_SIZE = 20;

/** Review stages a contract can be in, for the status filter. */
export const LEDGER_STAGES = REVIEW_STATES;

export const COMPLIANCE_FILTERS = ['met', 'missed', 'open', 'overdue'] as const;

/** Columns the server sorts by (src/contracts/ledger.ts LEDGER_SORTS). */
export type LedgerSort =
  | 'number'
  | 'customer'
  | 'class'
  | 'status'
  | 'receivedAt'
  | 'feedbackDueAt'
  | 'deliveryDate'
  | 'totalAmount';

/** Amounts as a Chinese ledger prints them: thousands separated, two decimals. */
export function formatAmount(value: string | number): string {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n)
    ? n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : String(value);
}

export function ledgerFilters(search: URLSearchParams): LedgerFilters {
  const out: LedgerFilters = {};
  for (const f of LEDGER_FILTERS) {
    const v = search.get(f);
    if (v) out[f] = v;
  }
  return out;
}

/** The API request of one ledger page; usePaged builds the same string (filters, q, page, pageSize). */
export function ledgerApiUrl(
  filters: LedgerFilters,
  q: string,
  page = 1,
  pageSize = LEDGER_PAGE_SIZE,
): string {
  return `/api/contracts${query({ ...filters, q, page, pageSize })}`;
}

/** The XLSX export of everything the current filters match (no paging). */
export function ledgerExportUrl(filters: LedgerFilters, q: string): string {
  return `/api/contracts/export.xlsx${query({ ...filters, q })}`;
}
