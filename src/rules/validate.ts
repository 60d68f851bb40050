// Validates a rule set before it is saved or run: every problem is reported at once, each with the
// JSON path it is at and a Chinese + English message the rule editor can show next to the field.
import { FACT_DEFINITIONS, type FactDefinition, type FactType, isFactName } from './facts/index.js';
import { checkTemplate } from './template.js';
import { RULE_EVENT_TYPES, RULE_SEVERITIES } from './types.js';

export type ValidationCode =
  | 'invalid_shape'
  | 'duplicate_id'
  | 'bad_priority'
  | 'bad_event'
  | 'unknown_fact'
  | 'unknown_operator'
  | 'operator_not_allowed'
  | 'wrong_value_type'
  | 'unknown_value'
  | 'unsupported_property'
  | 'unknown_condition'
  | 'cyclic_condition'
  | 'bad_template';

export interface ValidationProblem {
  path: string;
  code: ValidationCode;
  message: { zh: string; en: string };
}

export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;
export type OperatorName = (typeof OPERATORS)[number];

export const OPERATORS_BY_TYPE: Record<FactType, readonly OperatorName[]> = {
  number: [
    'equal',
    'notEqual',
    'lessThan',
    'lessThanInclusive',
    'greaterThan',
    'greaterThanInclusive',
    'in',
    'notIn',
  ],
  boolean: ['equal', 'notEqual'],
  string: ['equal', 'notEqual', 'in', 'notIn'],
  'string[]': ['contains', 'doesNotContain'],
};

const TYPE_LABEL: Record<FactType, string> = {
  number: '数值 number',
  boolean: '布尔 boolean',
  string: '文本 string',
  'string[]': '文本列表 string[]',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function problem(path: string, code: ValidationCode, zh: string, en: string): ValidationProblem {
  return { path, code, message: { zh, en } };
}

function factDef(name: string): FactDefinition | undefined {
  return isFactName(name) ? (FACT_DEFINITIONS[name] as FactDefinition) : undefined;
}

function checkScalar(def: FactDefinition, value: unknown, operator: OperatorName): boolean {
  switch (def.type) {
    case 'number':
      // null = "nothing stated" (e.g. no tolerance in the text), comparable by equality only.
      return typeof value === 'number'
        ? Number.isFinite(value)
        : value === null && /^(equal|notEqual)$/.test(operator);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
    case 'string[]':
      return typeof value === 'string';
  }
}

function checkLeaf(node: Obj, path: string, out: ValidationProblem[]): void {
  for (const key of ['path', 'params'] as const) {
    if (key in node) {
      out.push(
        problem(
          `${path}.${key}`,
          'unsupported_property',
          `不支持属性“${key}”`,
          `Property "${key}" is not supported`,
        ),
      );
    }
  }
  const fact = node.fact;
  if (typeof fact !== 'string' || fact === '') {
    out.push(problem(`${path}.fact`, 'invalid_shape', '条件缺少事实名', 'Condition has no fact name'));
    return;
  }
  const def = factDef(fact);
  if (!def) out.push(problem(`${path}.fact`, 'unknown_fact', `未知事实“${fact}”`, `Unknown fact "${fact}"`));
  const op = node.operator;
  if (typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op)) {
    out.push(
      problem(
        `${path}.operator`,
        'unknown_operator',
        `未知运算符“${String(op)}”`,
        `Unknown operator "${String(op)}"`,
      ),
    );
    return;
  }
  if (!('value' in node)) {
    out.push(problem(`${path}.value`, 'invalid_shape', '条件缺少比较值', 'Condition has no value'));
    return;
  }
  if (!def) return;
  const operator = op as OperatorName;
  if (!OPERATORS_BY_TYPE[def.type].includes(operator)) {
    out.push(
      problem(
        `${path}.operator`,
        'operator_not_allowed',
        `运算符“${op}”不能用于${TYPE_LABEL[def.type]}事实“${fact}”`,
        `Operator "${op}" cannot be used on ${def.type} fact "${fact}"`,
      ),
    );
    return;
  }
  const value = node.value;
  if (isObj(value) && 'fact' in value) {
    const ref = value.fact;
    const refDef = typeof ref === 'string' ? factDef(ref) : undefined;
    if (!refDef) {
      out.push(
        problem(
          `${path}.value.fact`,
          'unknown_fact',
          `未知事实“${String(ref)}”`,
          `Unknown fact "${String(ref)}"`,
        ),
      );
    } else if (refDef.type !== def.type) {
      out.push(
        problem(
          `${path}.value.fact`,
          'wrong_value_type',
          `事实“${String(ref)}”的类型与“${fact}”不同`,
          `Fact "${String(ref)}" has a different type from "${fact}"`,
        ),
      );
    }
    return;
  }
  const listOp = operator === 'in' || operator === 'notIn';
  const values = listOp ? value : [value];
  if (!Array.isArray(values) || (listOp && values.length === 0)) {
    out.push(
      problem(
        `${path}.value`,
        'wrong_value_type',
        `运算符“${op}”需要非空列表`,
        `Operator "${op}" needs a non-empty list`,
      ),
    );
    return;
  }
  values.forEach((v, i) => {
    const at = listOp ? `${path}.value[${i}]` : `${path}.value`;
    if (!checkScalar(def, v, operator)) {
      const expected = def.type === 'string[]' ? TYPE_LABEL.string : TYPE_LABEL[def.type];
      out.push(
        problem(
          at,
          'wrong_value_type',
          `事实“${fact}”的比较值应为${expected}，实际为 ${JSON.stringify(v)}`,
          `Value for fact "${fact}" must be ${def.type === 'string[]' ? 'string' : def.type}, got ${JSON.stringify(v)}`,
        ),
      );
    } else if (def.values && typeof v === 'string' && !def.values.includes(v)) {
      out.push(
        problem(
          at,
          'unknown_value',
          `事实“${fact}”没有取值“${v}”（可选：${def.values.join('、')}）`,
          `Fact "${fact}" never takes the value "${v}" (one of: ${def.values.join(', ')})`,
        ),
      );
    }
  });
}

const BRANCH_KEYS = ['all', 'any', 'not', 'condition'] as const;

function checkCondition(
  node: unknown,
  path: string,
  out: ValidationProblem[],
  refs: Set<string>,
  topLevel: boolean,
): void {
  if (!isObj(node)) {
    out.push(problem(path, 'invalid_shape', '条件必须是对象', 'A condition must be an object'));
    return;
  }
  const branches = BRANCH_KEYS.filter((k) => k in node);
  if (branches.length === 0 && !topLevel && 'fact' in node) {
    checkLeaf(node, path, out);
    return;
  }
  if (branches.length !== 1) {
    out.push(
      problem(
        path,
        'invalid_shape',
        topLevel
          ? '顶层条件必须且只能含 all / any / not / condition 之一'
          : '条件必须是事实比较或 all / any / not / condition 之一',
        topLevel
          ? 'A top-level condition needs exactly one of all / any / not / condition'
          : 'A condition is a fact comparison or exactly one of all / any / not / condition',
      ),
    );
    return;
  }
  const key = branches[0] as (typeof BRANCH_KEYS)[number];
  if (key === 'condition') {
    if (typeof node.condition !== 'string' || node.condition === '') {
      out.push(
        problem(
          `${path}.condition`,
          'invalid_shape',
          '条件引用必须是名称',
          'A condition reference must be a name',
        ),
      );
    } else refs.add(node.condition);
    return;
  }
  if (key === 'not') {
    checkCondition(node.not, `${path}.not`, out, refs, false);
    return;
  }
  const list = node[key];
  if (!Array.isArray(list) || list.length === 0) {
    out.push(
      problem(
        `${path}.${key}`,
        'invalid_shape',
        `“${key}”必须是非空列表`,
        `"${key}" must be a non-empty list`,
      ),
    );
    return;
  }
  list.forEach((c, i) => {
    checkCondition(c, `${path}.${key}[${i}]`, out, refs, false);
  });
}

function findCycles(graph: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'active');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (!graph.has(m)) continue;
      if (state.get(m) === 'active') cycles.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return cycles;
}

/** Every problem of a rule set; an empty list means it can be saved and run. */
export function validateRuleSet(input: unknown): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  if (!isObj(input) || !Array.isArray(input.rules)) {
    return [problem('rules', 'invalid_shape', '规则集必须含 rules 列表', 'A rule set needs a "rules" list')];
  }
  const named = input.namedConditions ?? {};
  const graph = new Map<string, Set<string>>();
  if (!isObj(named)) {
    out.push(
      problem(
        'namedConditions',
        'invalid_shape',
        'namedConditions 必须是对象',
        'namedConditions must be an object',
      ),
    );
  } else {
    for (const [name, cond] of Object.entries(named)) {
      const refs = new Set<string>();
      checkCondition(cond, `namedConditions.${name}`, out, refs, true);
      graph.set(name, refs);
    }
    for (const [name, refs] of graph) {
      for (const r of refs) {
        if (!graph.has(r)) {
          out.push(
            problem(
              `namedConditions.${name}`,
              'unknown_condition',
              `引用了未定义的条件“${r}”`,
              `Refers to undefined condition "${r}"`,
            ),
          );
        }
      }
    }
    for (const cycle of findCycles(graph)) {
      out.push(
        problem(
          `namedConditions.${cycle[0]}`,
          'cyclic_condition',
          `条件循环引用：${cycle.join(' → ')}`,
          `Conditions refer to each other in a cycle: ${cycle.join(' → ')}`,
        ),
      );
    }
  }
  const seen = new Set<string>();
  input.rules.forEach((rule: unknown, i: number) => {
    const at = `rules[${i}]`;
    if (!isObj(rule)) {
      out.push(problem(at, 'invalid_shape', '规则必须是对象', 'A rule must be an object'));
      return;
    }
    if (typeof rule.id !== 'string' || rule.id.trim() === '') {
      out.push(problem(`${at}.id`, 'invalid_shape', '规则缺少 id', 'Rule has no id'));
    } else if (seen.has(rule.id)) {
      out.push(
        problem(`${at}.id`, 'duplicate_id', `规则 id“${rule.id}”重复`, `Duplicate rule id "${rule.id}"`),
      );
    } else seen.add(rule.id);
    if (typeof rule.name !== 'string' || rule.name.trim() === '') {
      out.push(problem(`${at}.name`, 'invalid_shape', '规则缺少名称', 'Rule has no name'));
    }
    if (typeof rule.enabled !== 'boolean') {
      out.push(
        problem(
          `${at}.enabled`,
          'invalid_shape',
          'enabled 必须是 true 或 false',
          'enabled must be true or false',
        ),
      );
    }
    if (typeof rule.priority !== 'number' || !Number.isInteger(rule.priority) || rule.priority < 1) {
      out.push(
        problem(
          `${at}.priority`,
          'bad_priority',
          '优先级必须是 ≥1 的整数',
          'Priority must be an integer ≥ 1',
        ),
      );
    }
    const refs = new Set<string>();
    checkCondition(rule.conditions, `${at}.conditions`, out, refs, true);
    for (const r of refs) {
      if (!graph.has(r)) {
        out.push(
          problem(
            `${at}.conditions`,
            'unknown_condition',
            `引用了未定义的条件“${r}”`,
            `Refers to undefined condition "${r}"`,
          ),
        );
      }
    }
    const event = rule.event;
    if (!isObj(event)) {
      out.push(problem(`${at}.event`, 'bad_event', '规则缺少事件', 'Rule has no event'));
      return;
    }
    if (!(RULE_EVENT_TYPES as readonly unknown[]).includes(event.type)) {
      out.push(
        problem(
          `${at}.event.type`,
          'bad_event',
          `事件类型必须是 ${RULE_EVENT_TYPES.join(' / ')}`,
          `Event type must be one of ${RULE_EVENT_TYPES.join(', ')}`,
        ),
      );
    }
    const params = event.params;
    if (!isObj(params)) {
      out.push(problem(`${at}.event.params`, 'bad_event', '事件缺少参数', 'Event has no params'));
      return;
    }
    if (typeof params.code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(params.code)) {
      out.push(
        problem(
          `${at}.event.params.code`,
          'bad_event',
          '原因代码必须是小写字母、数字和下划线',
          'Reason code must be lower-case letters, digits and underscores',
        ),
      );
    }
    if (!(RULE_SEVERITIES as readonly unknown[]).includes(params.severity)) {
      out.push(
        problem(
          `${at}.event.params.severity`,
          'bad_event',
          `严重度必须是 ${RULE_SEVERITIES.join(' / ')}`,
          `Severity must be one of ${RULE_SEVERITIES.join(', ')}`,
        ),
      );
    }
    if (typeof params.explanationTemplate !== 'string') {
      out.push(
        problem(
          `${at}.event.params.explanationTemplate`,
          'bad_template',
          '缺少说明模板',
          'Explanation template missing',
        ),
      );
    } else {
      for (const p of checkTemplate(params.explanationTemplate, isFactName)) {
        out.push(problem(`${at}.event.params.explanationTemplate`, 'bad_template', p.zh, p.en));
      }
    }
  });
  return out;
}

export class RuleSetInvalidError extends Error {
  readonly problems: ValidationProblem[];
  constructor(problems: ValidationProblem[]) {
    super(
      `规则集无效 / invalid rule set: ${problems
        .slice(0, 3)
        .map((p) => `${p.path}: ${p.message.en}`)
        .join('; ')}`,
    );
    this.name = 'RuleSetInvalidError';
    this.problems = problems;
  }
}
