// The analysis as the server runs it: the database's catalogue, customers, the customer's CSR file
// and the current stored rule set (the shipped defaults while none is stored). Reads only; a rule
// edited through the API is used by the very next call, no restart or cache involved.
import { type AnalyzeOptions, analyze, DEFAULT_OWN_COMPANY_NAMES } from '../analysis/analyze.js';
import type { AnalysisResult, ContractClass } from '../analysis/result.js';
import type { Department } from '../auth/roles.js';
import { allProducts } from '../catalog/catalog-repository.js';
import type { Product } from '../catalog/product.js';
import type { Customer } from '../customers/customer.js';
import { allCustomers, findCustomerByName, listCsrEntries } from '../customers/customer-repository.js';
import type { ContractTerms } from '../review/types.js';
import type { Store } from '../store/connect.js';
import { amendedAnalysis, contractText } from './amended-contract.js';
import { applyClassification, classifyContract } from './classify.js';
import { matchCustomer } from './facts/customer.js';
import { applicableCsr } from './facts/requirements.js';
import { activeRuleSet } from './rule-repository.js';
import type { Channel, ContractClassification, CsrEntry, RuleContext } from './types.js';

export interface StoreAnalysisInput {
  text: string;
  /** Day received, YYYY-MM-DD (Asia/Shanghai); today when omitted. */
  refDate?: string;
  channel?: string;
  /** The customer when the caller already knows it (an intake filed under a customer). */
  customerName?: string;
}

export interface StoreAnalysis {
  result: AnalysisResult;
  classification: ContractClassification;
  /** Database id of the customer the message is from, when it is a stored customer. */
  customerId: string | null;
  /** The customer's CSR entries that apply to this message (to attach to the review). */
  applicableCsr: CsrEntry[];
  /** Version marker of the rule set used (highest current rule version; the defaults are 1). */
  ruleSetVersion: number | null;
}

function todayInShanghai(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface PreparedAnalysis {
  /** The analysis before classification (contract still empty). */
  result: AnalysisResult;
  ctx: RuleContext;
  customerId: string | null;
  csr: CsrEntry[];
}

/** Master data of the database, loaded once per request (or once per dry run over many messages). */
export interface MasterData {
  catalog: Product[];
  customers: Customer[];
}

export async function loadMasterData(store: Pick<Store, 'db'>): Promise<MasterData> {
  const [catalog, customers] = await Promise.all([
    allProducts(store.db, { activeOnly: true }),
    allCustomers(store.db),
  ]);
  return { catalog, customers };
}

/** The pure analysis, in this thread or on a worker pool (bulk runs: `shixu analyze --jsonl`). */
export type AnalyzeText = (text: string, opts: AnalyzeOptions) => AnalysisResult | Promise<AnalysisResult>;

/** Runs the analysis and gathers the rule context (customer, CSR file, prior orders) of a message. */
export async function prepareAnalysis(
  store: Pick<Store, 'db'>,
  input: StoreAnalysisInput,
  master?: MasterData,
  analyzeText: AnalyzeText = analyze,
): Promise<PreparedAnalysis> {
  const db = store.db;
  const { catalog, customers } = master ?? (await loadMasterData(store));
  const refDate = input.refDate ?? todayInShanghai();
  const channel: Channel = input.channel ?? 'email';
  let result = await analyzeText(input.text, { refDate, channel, catalog, customers });
  const given = input.customerName?.trim();
  if (given && !result.customer) {
    result = { ...result, customer: { name: given, known: matchCustomer(given, customers) !== null } };
  }
  const name = given || result.customer?.name;
  const listed = name ? matchCustomer(name, customers) : null;
  const record = listed ? await findCustomerByName(db, listed.customer.name) : null;
  const csr = record ? await listCsrEntries(db, { customerId: record.id }) : [];
  const prior = record
    ? await db
        .selectFrom('contracts')
        .select('id')
        .where('customer_id', '=', record.id)
        .limit(1)
        .executeTakeFirst()
    : undefined;
  const ctx: RuleContext = {
    refDate,
    channel,
    catalog,
    customers,
    customerCsr: csr,
    ownCompanyNames: [...DEFAULT_OWN_COMPANY_NAMES],
    // Only a contract on file proves a repeat order; without one the customer list's first-order
    // year decides (an empty contract ledger must not make every customer "new").
    ...(prior ? { customerHasPriorOrders: true } : {}),
  };
  return { result, ctx, customerId: record?.id ?? null, csr };
}

/** Analysis, classification and the applicable CSR entries, with the details the review needs. */
export async function analyzeWithStore(store: Store, input: StoreAnalysisInput): Promise<StoreAnalysis> {
  const [prepared, ruleSet] = await Promise.all([prepareAnalysis(store, input), activeRuleSet(store.db)]);
  const { result, ctx, csr } = prepared;
  const classification = await classifyContract(result, input.text, ctx, ruleSet);
  return {
    result: applyClassification(result, classification),
    classification,
    customerId: prepared.customerId,
    applicableCsr: applicableCsr(csr, ctx, result.items),
    ruleSetVersion: ruleSet.version ?? null,
  };
}

/** analyze() with the database's catalogue, customers, CSR and current rules; `contract` filled in. */
export async function analyzeAndClassify(store: Store, input: StoreAnalysisInput): Promise<AnalysisResult> {
  return (await analyzeWithStore(store, input)).result;
}

/**
 * The class, reasons and routed departments the current rules give amended contract terms (a void
 * and re-sign), with the customer's CSR file and the database's catalogue; null when the rules find
 * no order in them (the caller keeps the class it had).
 */
export async function classifyAmendedTerms(
  store: Pick<Store, 'db'>,
  input: { customerName: string; terms: ContractTerms; refDate: string },
): Promise<{
  contractClass: ContractClass;
  reasons: { code: string; explanation: string }[];
  departments: Department[];
} | null> {
  const text = contractText(input.customerName, input.terms);
  const [prepared, ruleSet] = await Promise.all([
    prepareAnalysis(store, {
      text,
      refDate: input.refDate,
      channel: 'contract',
      customerName: input.customerName,
    }),
    activeRuleSet(store.db),
  ]);
  const result = amendedAnalysis(prepared.result, text, input.terms);
  const c = await classifyContract(result, text, prepared.ctx, ruleSet);
  if (c.class === null) return null;
  return {
    contractClass: c.class,
    reasons: c.reasons.map((r) => ({ code: r.code, explanation: r.explanation })),
    departments: c.reviewRouting?.departments ?? [],
  };
}

/**
 * The class and reasons the current rules give an intake message whose order the user corrected
 * before opening the review: the message as analysed (its text, entities, requirements), with the
 * order — customer, items, delivery, payment — replaced by the corrected one, so a quantity, date or
 * customer put right decides the class instead of the misreading. Null when the rules find no order.
 */
export async function classifyCorrectedOrder(
  store: Pick<Store, 'db'>,
  input: {
    text: string;
    analysed: AnalysisResult;
    customerName: string;
    terms: Omit<ContractTerms, 'requirements'>;
    refDate: string;
    channel: string;
  },
): Promise<{ contractClass: ContractClass; reasons: { code: string; explanation: string }[] } | null> {
  const [prepared, ruleSet] = await Promise.all([
    // The message is analysed already: its stored result stands in for a second run.
    prepareAnalysis(
      store,
      { text: input.text, refDate: input.refDate, channel: input.channel, customerName: input.customerName },
      undefined,
      () => input.analysed,
    ),
    activeRuleSet(store.db),
  ]);
  const known = matchCustomer(input.customerName, prepared.ctx.customers) !== null;
  const result: AnalysisResult = {
    ...input.analysed,
    customer:
      input.analysed.customer?.name === input.customerName
        ? input.analysed.customer
        : { name: input.customerName, known },
    items: input.terms.items.map((i, n) => ({
      product: i.product,
      catalogCode: i.catalogCode,
      model: i.model,
      quantity: i.quantity,
      unitPrice: i.unitPrice,
      // A corrected line keeps where the analysed line stood in the message; an added one has no place.
      span: input.analysed.items[n]?.span ?? { start: 0, end: 0 },
    })),
    delivery: input.terms.delivery,
    paymentTerms: input.terms.paymentTerms,
    contract: { class: null, reasons: [], totalWeightTonnes: null },
  };
  const c = await classifyContract(result, input.text, prepared.ctx, ruleSet);
  if (c.class === null) return null;
  return {
    contractClass: c.class,
    reasons: c.reasons.map((r) => ({ code: r.code, explanation: r.explanation })),
  };
}
