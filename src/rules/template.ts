// Explanation templates: "总重 {{totalWeightTonnes}} 吨 ≥ 100 吨". Placeholders name a fact
// (its value), `fact.evidence` (quoted evidence of that fact) or `evidence` (quoted evidence of every
// fact that made the rule hold).
import type { Evidence, Facts, FactValue } from './types.js';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface TemplateProblem {
  placeholder: string | null;
  zh: string;
  en: string;
}

/** Checks syntax and that every placeholder is a known name. */
export function checkTemplate(template: string, isKnown: (name: string) => boolean): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (template.trim() === '') {
    return [{ placeholder: null, zh: '说明模板为空', en: 'Explanation template is empty' }];
  }
  const stripped = template.replace(PLACEHOLDER, '');
  if (stripped.includes('{{') || stripped.includes('}}')) {
    problems.push({ placeholder: null, zh: '模板中的 {{ }} 不成对', en: 'Unbalanced {{ }} in template' });
  }
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    const base = name.endsWith('.evidence') ? name.slice(0, -'.evidence'.length) : name;
    if (name === '') {
      problems.push({ placeholder: name, zh: '模板占位符为空', en: 'Empty placeholder' });
    } else if (name !== 'evidence' && !isKnown(base)) {
      problems.push({
        placeholder: name,
        zh: `模板引用了未知事实“${name}”`,
        en: `Template refers to unknown fact "${name}"`,
      });
    }
  }
  return problems;
}

export function formatValue(v: FactValue | undefined): string {
  if (v === undefined) return '未知';
  if (v === null) return '无';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return String(Number(v.toFixed(2)));
  if (Array.isArray(v)) return v.length ? v.join('、') : '无';
  return v;
}

export function quoteEvidence(evidence: Evidence[], max = 4): string {
  const texts = [...new Set(evidence.map((e) => e.text.trim()).filter((s) => s.length > 0))];
  if (texts.length === 0) return '';
  const shown = texts.slice(0, max).map((s) => `「${s.length > 40 ? `${s.slice(0, 40)}…` : s}」`);
  return shown.join('、') + (texts.length > max ? ` 等${texts.length}处` : '');
}

export function renderTemplate(template: string, facts: Facts, ruleEvidence: Evidence[]): string {
  return template.replace(PLACEHOLDER, (_all, raw: string) => {
    const name = raw.trim();
    if (name === 'evidence') return quoteEvidence(ruleEvidence);
    if (name.endsWith('.evidence'))
      return quoteEvidence(facts.evidence[name.slice(0, -'.evidence'.length)] ?? []);
    return formatValue(facts.values[name]);
  });
}
