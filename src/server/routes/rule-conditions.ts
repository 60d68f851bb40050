// The shape of a rule's condition tree, checked by zod before the rule set's own validation: every
// node is a group (all / any / not), a named condition or a comparison of a fact with a value, and
// each wrong node is reported at its path in Chinese and English. A zod union would report only the
// alternative that failed least (often "all is missing" for a mistyped comparison), so the tree is
// walked here and every problem is added as its own issue. What the facts and operators mean (is
// the fact known, does the operator suit its type, is the value one it can take) is validateRuleSet's.
import { z } from 'zod';
import { OPERATOR_LABELS } from '../../rules/fact-catalogue.js';
import { OPERATORS } from '../../rules/validate.js';

const KINDS = ['all', 'any', 'not', 'condition', 'fact'] as const;
const MAX_DEPTH = 20;

type Path = (string | number)[];
type Report = (path: Path, zh: string, en: string) => void;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isScalar = (v: unknown) =>
  (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' || typeof v === 'string';

const OPERATOR_LIST_ZH = OPERATORS.map((o) => `${OPERATOR_LABELS[o].zh}（${o}）`).join('、');

function walk(node: unknown, path: Path, depth: number, report: Report): void {
  if (depth > MAX_DEPTH) {
    report(path, `条件嵌套超过 ${MAX_DEPTH} 层`, `conditions nested deeper than ${MAX_DEPTH} levels`);
    return;
  }
  if (!isObject(node)) {
    report(path, '条件必须是对象', 'a condition must be an object');
    return;
  }
  const kinds = KINDS.filter((k) => k in node);
  if (kinds.length === 0) {
    report(
      path,
      '条件须含 all、any、not、condition 或 fact 之一',
      'a condition needs one of all, any, not, condition or fact',
    );
    return;
  }
  if (kinds.length > 1) {
    report(
      path,
      `条件只能含 all、any、not、condition、fact 中的一个（这里有 ${kinds.join('、')}）`,
      `a condition has only one of all, any, not, condition, fact (here: ${kinds.join(', ')})`,
    );
    return;
  }
  const kind = kinds[0]!;
  if (kind === 'all' || kind === 'any') {
    const list = node[kind];
    if (!Array.isArray(list)) {
      report([...path, kind], `“${kind}”必须是条件的列表`, `"${kind}" must be a list of conditions`);
      return;
    }
    list.forEach((child, i) => {
      walk(child, [...path, kind, i], depth + 1, report);
    });
    return;
  }
  if (kind === 'not') {
    walk(node.not, [...path, 'not'], depth + 1, report);
    return;
  }
  if (kind === 'condition') {
    if (typeof node.condition !== 'string' || node.condition.trim() === '') {
      report([...path, 'condition'], '命名条件必须是非空文本', 'a named condition must be non-empty text');
    }
    return;
  }
  if (typeof node.fact !== 'string' || node.fact.trim() === '') {
    report([...path, 'fact'], '事实名（fact）必须是非空文本', 'the fact must be non-empty text');
  }
  const op = node.operator;
  if (typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op)) {
    report(
      [...path, 'operator'],
      `运算符“${String(op)}”无效，只能是 ${OPERATOR_LIST_ZH}`,
      `operator "${String(op)}" is not one of ${OPERATORS.join(', ')}`,
    );
  }
  if (!('value' in node)) {
    report([...path, 'value'], '缺少比较值（value）', 'the comparison has no value');
    return;
  }
  const value = node.value;
  const ok =
    value === null || isScalar(value) || (Array.isArray(value) && value.length > 0 && value.every(isScalar));
  if (!ok) {
    report(
      [...path, 'value'],
      '比较值必须是数字、是/否、文本或它们的非空列表',
      'the value must be a number, true/false, text or a non-empty list of them',
    );
  }
}

/** A rule's `conditions`: the tree's shape, every problem at its own path, bilingual. */
export const conditionTreeSchema = z
  .unknown()
  .superRefine((tree, ctx) => {
    walk(tree, [], 0, (path, zh, en) => {
      ctx.addIssue({ code: 'custom', path, message: `${zh} / ${en}`, input: tree });
    });
  })
  .describe('json-rules-engine 条件树（all / any / not / condition / fact）/ condition tree');
