// Dry run against the database: the draft rules laid over the current ones, evaluated on given
// messages or on the texts of the latest stored analyses, compared with the current rules.
// Nothing is written.
import type { Store } from '../store/connect.js';
import { compareRuleSets, type DryRunMessage, type DryRunReport } from './dry-run.js';
import { activeRuleSet, SHARED_CONDITIONS } from './rule-repository.js';
import { loadMasterData, prepareAnalysis, type StoreAnalysisInput } from './store-classification.js';
import type { RuleDefinition, RuleSet } from './types.js';
import { type ValidationProblem, validateRuleSet } from './validate.js';

export interface DryRunMessageInput extends StoreAnalysisInput {
  id?: string;
}

export interface StoreDryRunInput {
  /** Draft rules: each replaces the current rule with its id, or is added. Omitted = current rules. */
  rules?: unknown[];
  /** Messages to evaluate; when omitted, the texts of the latest `last` stored analyses. */
  messages?: DryRunMessageInput[];
  last?: number;
}

export interface StoreDryRunReport extends DryRunReport {
  source: 'messages' | 'stored_analyses';
}

export const DEFAULT_DRY_RUN_LAST = 50;
export const MAX_DRY_RUN_MESSAGES = 500;

/** The draft set: draft rules first (so problem paths `rules[i]` index the draft), then the rest. */
export function draftRuleSet(current: RuleSet, draft: unknown[]): RuleSet {
  const ids = new Set(draft.map((r) => (r as { id?: unknown } | null)?.id).filter((id) => id !== undefined));
  return {
    id: 'draft',
    namedConditions: current.namedConditions ?? SHARED_CONDITIONS,
    rules: [...(draft as RuleDefinition[]), ...current.rules.filter((r) => !ids.has(r.id))],
  };
}

/** Problems of the draft rules themselves (paths `rules[i]…` index the draft list). */
export function draftProblems(current: RuleSet, draft: unknown[]): ValidationProblem[] {
  return validateRuleSet(draftRuleSet(current, draft));
}

async function storedMessages(store: Store, last: number): Promise<DryRunMessageInput[]> {
  const rows = await store.db
    .selectFrom('analyses')
    .innerJoin('intake_records', 'intake_records.id', 'analyses.intake_id')
    .select([
      'analyses.id as id',
      'analyses.ref_date as refDate',
      'intake_records.channel as channel',
      'intake_records.extracted_text as text',
    ])
    .where('intake_records.extracted_text', 'is not', null)
    .where('analyses.superseded_at', 'is', null)
    .orderBy('analyses.created_at', 'desc')
    .orderBy('analyses.id', 'desc')
    .limit(last)
    .execute();
  return rows.map((r) => ({ id: r.id, text: r.text ?? '', refDate: r.refDate, channel: r.channel }));
}

export async function dryRunWithStore(store: Store, input: StoreDryRunInput): Promise<StoreDryRunReport> {
  const current = await activeRuleSet(store.db);
  const draft = draftRuleSet(current, input.rules ?? []);
  const source = input.messages ? 'messages' : 'stored_analyses';
  const problems = validateRuleSet(draft);
  if (problems.length > 0) return { source, problems, items: [], changedCount: 0 };
  const last = Math.min(Math.max(input.last ?? DEFAULT_DRY_RUN_LAST, 1), MAX_DRY_RUN_MESSAGES);
  const inputs = input.messages ?? (await storedMessages(store, last));
  const master = await loadMasterData(store);
  const messages: DryRunMessage[] = [];
  for (const [i, m] of inputs.entries()) {
    const prepared = await prepareAnalysis(store, m, master);
    messages.push({ id: m.id ?? String(i + 1), result: prepared.result, text: m.text, ctx: prepared.ctx });
  }
  const base = messages[0]?.ctx;
  const ctx = {
    refDate: base?.refDate ?? '1970-01-01',
    channel: base?.channel ?? 'email',
    catalog: master.catalog,
    customers: master.customers,
  };
  return { source, ...(await compareRuleSets(messages, current, draft, ctx)) };
}
