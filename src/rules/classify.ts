// classifyContract: facts → rules → class, reasons, flags and review routing (README steps 1–4).
import type { AnalysisResult } from '../analysis/result.js';
import { defaultRules } from './default-rules.js';
import { runRules } from './engine.js';
import { computeFacts } from './facts/index.js';
import { reviewRouting } from './routing.js';
import { overlaps } from './text.js';
import type {
  ClassificationReason,
  ContractClassification,
  RequirementFlag,
  RuleContext,
  RuleSet,
} from './types.js';
import { RuleSetInvalidError, validateRuleSet } from './validate.js';

export async function classifyContract(
  result: AnalysisResult,
  text: string,
  ctx: RuleContext,
  ruleSet: RuleSet = defaultRules,
): Promise<ContractClassification> {
  const problems = validateRuleSet(ruleSet);
  if (problems.length > 0) throw new RuleSetInvalidError(problems);
  const facts = computeFacts(result, text, ctx);
  const runs = await runRules(ruleSet, facts);
  const weight = facts.values.totalWeightTonnes;
  const base = {
    totalWeightTonnes: typeof weight === 'number' ? weight : null,
    evaluations: runs.map((r) => r.evaluation),
    facts,
  };
  if (facts.values.hasOrderContent === false) {
    return { ...base, class: null, reasons: [], requirementFlags: [], reviewRouting: null };
  }
  const special = runs.filter((r) => r.rule.event.type === 'special' && r.evaluation.outcome === 'fired');
  if (special.length > 0) {
    const reasons: ClassificationReason[] = [];
    for (const r of special) {
      const explanation = r.evaluation.explanation ?? r.rule.name;
      const same = reasons.find((x) => x.code === r.rule.event.params.code);
      if (same) same.explanation = `${same.explanation}；${explanation}`;
      else reasons.push({ code: r.rule.event.params.code, explanation, ruleId: r.rule.id });
    }
    const requirementFlags: RequirementFlag[] = [];
    result.requirements.forEach((req, index) => {
      const hit = special.find((r) =>
        r.evidence.some(
          (e) => overlaps(e, req.span) || (e.source === 'message' && e.text.includes(req.text)),
        ),
      );
      if (hit)
        requirementFlags.push({
          index,
          special: true,
          ruleId: hit.rule.id,
          code: hit.rule.event.params.code,
        });
    });
    return {
      ...base,
      class: 'special',
      reasons,
      requirementFlags,
      reviewRouting: reviewRouting(
        'special',
        reasons.map((r) => r.code),
        facts,
      ),
    };
  }
  const temporary = runs.find((r) => r.rule.event.type === 'temporary' && r.evaluation.outcome === 'fired');
  if (temporary) {
    return {
      ...base,
      class: 'temporary',
      reasons: [],
      temporaryBasis: {
        ruleId: temporary.rule.id,
        explanation: temporary.evaluation.explanation ?? temporary.rule.name,
      },
      requirementFlags: [],
      reviewRouting: reviewRouting('temporary', [], facts),
    };
  }
  return {
    ...base,
    class: 'regular',
    reasons: [],
    requirementFlags: [],
    reviewRouting: reviewRouting('regular', [], facts),
  };
}

/** The analysis result with `contract` filled in and the requirements that made it special marked. */
export function applyClassification(result: AnalysisResult, c: ContractClassification): AnalysisResult {
  const flags = new Map(c.requirementFlags.map((f) => [f.index, f]));
  return {
    ...result,
    contract: {
      class: c.class,
      reasons: c.reasons.map((r) => ({ code: r.code, explanation: r.explanation })),
      totalWeightTonnes: c.totalWeightTonnes,
    },
    requirements: result.requirements.map((req, i) => {
      const flag = flags.get(i);
      return flag ? { ...req, special: true, specialRule: flag.ruleId } : req;
    }),
  };
}
