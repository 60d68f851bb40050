// Dry run of a draft rule set: classify the same messages under the active and the draft set and
// show what would change before anyone saves the draft.
import type { AnalysisResult, ContractClass } from '../analysis/result.js';
import { classifyContract } from './classify.js';
import type { RuleContext, RuleSet } from './types.js';
import { type ValidationProblem, validateRuleSet } from './validate.js';

export interface DryRunMessage {
  id: string;
  result: AnalysisResult;
  text: string;
  /** Per-message context (refDate, channel …) laid over the shared one. */
  ctx?: Partial<RuleContext>;
}

export interface ClassSnapshot {
  class: ContractClass | null;
  reasons: string[];
}

export interface DryRunItem {
  id: string;
  before: ClassSnapshot;
  after: ClassSnapshot;
  changed: boolean;
  addedReasons: string[];
  removedReasons: string[];
}

export interface DryRunReport {
  /** Problems of the draft; when any, nothing was run. */
  problems: ValidationProblem[];
  items: DryRunItem[];
  changedCount: number;
}

export async function compareRuleSets(
  messages: DryRunMessage[],
  activeSet: RuleSet,
  draftSet: RuleSet,
  ctx: RuleContext,
): Promise<DryRunReport> {
  const problems = validateRuleSet(draftSet);
  if (problems.length > 0) return { problems, items: [], changedCount: 0 };
  const items: DryRunItem[] = [];
  for (const m of messages) {
    const c = { ...ctx, ...m.ctx };
    const before = await classifyContract(m.result, m.text, c, activeSet);
    const after = await classifyContract(m.result, m.text, c, draftSet);
    const b = [...new Set(before.reasons.map((r) => r.code))].sort();
    const a = [...new Set(after.reasons.map((r) => r.code))].sort();
    const added = a.filter((x) => !b.includes(x));
    const removed = b.filter((x) => !a.includes(x));
    items.push({
      id: m.id,
      before: { class: before.class, reasons: b },
      after: { class: after.class, reasons: a },
      changed: before.class !== after.class || added.length > 0 || removed.length > 0,
      addedReasons: added,
      removedReasons: removed,
    });
  }
  return { problems: [], items, changedCount: items.filter((i) => i.changed).length };
}
