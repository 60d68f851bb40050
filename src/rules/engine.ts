// Runs a rule set on json-rules-engine and reads its condition results with three-valued logic, so a
// rule whose outcome hinges on a fact the message does not provide is `not_evaluable`, never false.
import { Engine, type RuleResult } from 'json-rules-engine';
import { FACT_DEFINITIONS, isFactName } from './facts/index.js';
import { renderTemplate } from './template.js';
import type { Evidence, Facts, RuleDefinition, RuleEvaluation, RuleSet } from './types.js';

type Tri = true | false | undefined;

interface Walk {
  value: Tri;
  missing: Set<string>;
  /** Facts of the leaves that held, where the whole branch held. */
  supporting: Set<string>;
}

interface Node {
  all?: Node[];
  any?: Node[];
  not?: Node;
  fact?: string;
  value?: unknown;
  result?: boolean;
}

function missingName(fact: string): string {
  return isFactName(fact) ? ((FACT_DEFINITIONS[fact] as { missingAs?: string }).missingAs ?? fact) : fact;
}

function walk(node: Node, facts: Facts): Walk {
  if (node.fact !== undefined) {
    const refs = [node.fact];
    const v = node.value;
    if (v && typeof v === 'object' && 'fact' in v && typeof (v as { fact: unknown }).fact === 'string') {
      refs.push((v as { fact: string }).fact);
    }
    const absent = refs.filter((f) => facts.values[f] === undefined);
    if (absent.length > 0)
      return { value: undefined, missing: new Set(absent.map(missingName)), supporting: new Set() };
    const held = node.result === true;
    return { value: held, missing: new Set(), supporting: new Set(held ? refs : []) };
  }
  if (node.not) {
    const inner = walk(node.not, facts);
    return {
      value: inner.value === undefined ? undefined : !inner.value,
      missing: inner.missing,
      supporting: new Set(),
    };
  }
  const children = (node.all ?? node.any ?? []).map((c) => walk(c, facts));
  const isAll = node.all !== undefined;
  const missing = new Set<string>();
  const supporting = new Set<string>();
  let value: Tri;
  if (isAll) {
    value = children.some((c) => c.value === false)
      ? false
      : children.some((c) => c.value === undefined)
        ? undefined
        : true;
  } else {
    value = children.some((c) => c.value === true)
      ? true
      : children.some((c) => c.value === undefined)
        ? undefined
        : false;
  }
  for (const c of children) {
    if (value === undefined && c.value === undefined) for (const m of c.missing) missing.add(m);
    if (value === true && c.value === true) for (const s of c.supporting) supporting.add(s);
  }
  return { value, missing, supporting };
}

export interface RuleRun {
  rule: RuleDefinition;
  evaluation: RuleEvaluation;
  /** Evidence of the facts that made the rule hold (empty unless fired). */
  evidence: Evidence[];
}

function supportingEvidence(facts: Facts, names: Set<string>): Evidence[] {
  const out: Evidence[] = [];
  for (const n of names) {
    if (isFactName(n) && (FACT_DEFINITIONS[n] as { gate?: boolean }).gate) continue;
    out.push(...(facts.evidence[n] ?? []));
  }
  return out;
}

/** Evaluates every enabled rule, highest priority first. The rule set must be valid (validateRuleSet). */
export async function runRules(ruleSet: RuleSet, facts: Facts): Promise<RuleRun[]> {
  const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false });
  for (const [name, cond] of Object.entries(ruleSet.namedConditions ?? {})) engine.setCondition(name, cond);
  const enabled = ruleSet.rules.filter((r) => r.enabled);
  for (const r of enabled) {
    engine.addRule({ name: r.id, priority: r.priority, conditions: r.conditions, event: r.event });
  }
  const known: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(facts.values)) if (v !== undefined) known[k] = v;
  const run = await engine.run(known);
  const byId = new Map<string, RuleResult>();
  for (const r of [...run.results, ...run.failureResults]) byId.set(r.name, r);
  return [...enabled]
    .sort((a, b) => b.priority - a.priority)
    .map((rule) => {
      const res = byId.get(rule.id);
      const w = res
        ? walk(res.conditions as Node, facts)
        : { value: undefined, missing: new Set<string>(), supporting: new Set<string>() };
      const fired = res?.result === true;
      if (fired) {
        const evidence = supportingEvidence(facts, w.supporting);
        return {
          rule,
          evidence,
          evaluation: {
            ruleId: rule.id,
            outcome: 'fired' as const,
            explanation: renderTemplate(rule.event.params.explanationTemplate, facts, evidence),
          },
        };
      }
      if (w.value === undefined) {
        const missing = [...w.missing];
        return {
          rule,
          evidence: [],
          evaluation: {
            ruleId: rule.id,
            outcome: 'not_evaluable' as const,
            missing,
            explanation: `缺少事实 ${missing.join('、')}，无法判断 / cannot decide without ${missing.join(', ')}`,
          },
        };
      }
      return { rule, evidence: [], evaluation: { ruleId: rule.id, outcome: 'not_fired' as const } };
    });
}
