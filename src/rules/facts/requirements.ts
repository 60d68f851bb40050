// Requirement, standard, certification and standing-CSR facts, taken from the analysis result and
// the customer's CSR file.
import type { AnalysisResult, OrderItem } from '../../analysis/result.js';
import { prepareText } from '../text.js';
import type { CsrEntry, Evidence, RuleContext } from '../types.js';
import { csrTextIsSpecial } from './special-terms.js';

export function applicableCsr(entries: CsrEntry[], ctx: RuleContext, items: OrderItem[]): CsrEntry[] {
  return entries.filter((e) => {
    if (e.status && e.status !== 'active') return false;
    if (e.effectiveFrom && e.effectiveFrom > ctx.refDate) return false;
    if (e.effectiveTo && e.effectiveTo < ctx.refDate) return false;
    if (!e.appliesTo) return true;
    const target = e.appliesTo.toLowerCase();
    return items.some((i) =>
      [i.catalogCode, i.model, i.product].some(
        (v) => v && (v.toLowerCase() === target || v.includes(e.appliesTo as string)),
      ),
    );
  });
}

export interface RequirementFacts {
  requirementCategories: string[];
  requirementCount: number;
  standards: string[];
  certifications: string[];
  applicableCsrIds: string[];
  standingSpecialCsr: boolean;
  evidence: Record<
    'requirementCategories' | 'standards' | 'certifications' | 'applicableCsrIds' | 'standingSpecialCsr',
    Evidence[]
  >;
}

export function requirementFacts(result: AnalysisResult, ctx: RuleContext): RequirementFacts {
  const csr = applicableCsr(ctx.customerCsr ?? [], ctx, result.items);
  const special = csr.filter((e) => csrTextIsSpecial(e.text, prepareText));
  const reqEv = (r: AnalysisResult['requirements'][number]): Evidence => ({
    text: r.text,
    start: r.span.start,
    end: r.span.end,
    source: 'analysis',
  });
  return {
    requirementCategories: [...new Set(result.requirements.map((r) => r.category))],
    requirementCount: result.requirements.length,
    standards: [...result.standards],
    certifications: [...result.certifications],
    applicableCsrIds: csr.map((e) => e.id),
    standingSpecialCsr: special.length > 0,
    evidence: {
      requirementCategories: result.requirements.map(reqEv),
      standards: result.standards.map((s) => ({ text: s, source: 'analysis' })),
      certifications: result.certifications.map((s) => ({ text: s, source: 'analysis' })),
      applicableCsrIds: csr.map((e) => ({ text: e.text, source: 'csr', note: e.id })),
      standingSpecialCsr: special.map((e) => ({ text: e.text, source: 'csr', note: e.id })),
    },
  };
}
