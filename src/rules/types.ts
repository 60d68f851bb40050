// Shared shapes of the contract-classification core: context in, facts, rule definitions, results out.
import type { TopLevelCondition } from 'json-rules-engine';
import type { ContractClass } from '../analysis/result.js';
import type { Department } from '../auth/roles.js';
import type { Product } from '../catalog/product.js';
import type { Customer } from '../customers/customer.js';

export type Channel =
  | 'email'
  | 'wechat'
  | 'phone_transcript'
  | 'purchase_order'
  | 'contract'
  | 'meeting_minutes'
  | 'complaint_letter'
  | 'rfq'
  | 'fax'
  | (string & {});

/** A customer-specific requirement (CSR) the supplier holds on file for one customer. */
export interface CsrEntry {
  id: string;
  text: string;
  category?: string | null;
  /** Catalogue code, model or product name the entry is limited to; null = every product. */
  appliesTo?: string | null;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  /** Only `active` (or unset) entries apply. */
  status?: string | null;
}

export interface RuleContext {
  /** Day the message was received, YYYY-MM-DD (Asia/Shanghai). */
  refDate: string;
  channel: Channel;
  catalog: Product[];
  customers: Customer[];
  customerCsr?: CsrEntry[];
  /** The supplier's own names: a "customer" that is the supplier itself is no customer. */
  ownCompanyNames?: string[];
  /** When the store knows whether this customer has ordered before, it says so here. */
  customerHasPriorOrders?: boolean;
}

/** Where a fact came from, so that an explanation can quote it. Offsets index the original text. */
export interface Evidence {
  text: string;
  start?: number;
  end?: number;
  source: 'message' | 'analysis' | 'catalogue' | 'customers' | 'csr' | 'context';
  note?: string;
}

export type FactValue = number | boolean | string | string[] | null;

/** `values[name] === undefined` means the fact could not be computed for this message (not: false). */
export interface Facts {
  values: Record<string, FactValue | undefined>;
  evidence: Record<string, Evidence[]>;
  /** Per-item catalogue match, part kind, grade and weight contribution. */
  items: ItemFactSummary[];
}

export interface ItemFactSummary {
  index: number;
  product: string;
  catalogCode: string | null;
  kind: 'extrusion' | 'machined';
  precisionGrade: string | null;
  tonnes: number | null;
  weightNote: string;
}

export const RULE_EVENT_TYPES = ['special', 'temporary'] as const;
export type RuleEventType = (typeof RULE_EVENT_TYPES)[number];

export const RULE_SEVERITIES = ['high', 'medium', 'low'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

export interface RuleDefinition {
  id: string;
  name: string;
  conditions: TopLevelCondition;
  event: {
    type: RuleEventType;
    params: { code: string; explanationTemplate: string; severity: RuleSeverity };
  };
  /** Higher runs first; json-rules-engine requires ≥ 1. */
  priority: number;
  enabled: boolean;
}

export interface RuleSet {
  id?: string;
  version?: number;
  /** Shared conditions that rules reference with `{ "condition": "<name>" }`. */
  namedConditions?: Record<string, TopLevelCondition>;
  rules: RuleDefinition[];
}

export type RuleOutcome = 'fired' | 'not_fired' | 'not_evaluable';

export interface RuleEvaluation {
  ruleId: string;
  outcome: RuleOutcome;
  missing?: string[];
  explanation?: string;
}

export interface ClassificationReason {
  code: string;
  explanation: string;
  ruleId: string;
}

export interface RequirementFlag {
  index: number;
  special: true;
  ruleId: string;
  code: string;
}

export type ReviewMode = 'countersign' | 'meeting' | 'sales_planner';

export interface ReviewRouting {
  mode: ReviewMode;
  departments: Department[];
}

export interface ContractClassification {
  class: ContractClass | null;
  reasons: ClassificationReason[];
  /** Why the order is temporary, when it is. */
  temporaryBasis?: { ruleId: string; explanation: string };
  totalWeightTonnes: number | null;
  evaluations: RuleEvaluation[];
  requirementFlags: RequirementFlag[];
  /** Null when the message carries no order (nothing to review). */
  reviewRouting: ReviewRouting | null;
  facts: Facts;
}
