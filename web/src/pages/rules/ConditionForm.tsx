// A rule's conditions as fields: each comparison is a fact chosen by its Chinese name, a comparison
// shown as a sign or word (≥, ≤, 等于, 包含) and a value with the fact's unit; groups say whether all
// or any of their conditions must hold; named conditions (orderToReview) show their Chinese name.
// The tree is edited immutably: every change hands the parent a new node.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useRef } from 'react';
import type { OperatorName } from '../../../../src/rules/validate';
import { useI18n } from '../../i18n/i18n';

export interface Condition {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  condition?: string;
  fact?: string;
  operator?: string;
  value?: unknown;
  path?: string;
}

/** One fact of GET /api/rules/facts. */
export interface FactInfo {
  name: string;
  type: 'number' | 'boolean' | 'string' | 'string[]';
  label: { zh: string; en: string };
  operators: { name: string; zh: string; en: string; takesList: boolean }[];
  values?: readonly string[];
  unit?: { zh: string; en: string };
}

/** A threshold the user changed, for the title and explanation to follow (rule-text.ts). */
export interface ThresholdEdit {
  fact: FactInfo;
  from: number;
  to: number;
  operator?: { from: OperatorName; to: OperatorName };
}

/** Number comparisons read as signs; the rest as words. */
const SIGNS: Record<string, string> = {
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
};

export function useOperatorText() {
  const { lang } = useI18n();
  return (op: { name: string; zh: string; en: string }) => {
    const words = lang === 'en' ? op.en : op.zh;
    return SIGNS[op.name] ? `${SIGNS[op.name]}（${words}）` : words;
  };
}

interface NodeProps {
  node: Condition;
  facts: FactInfo[];
  /** Position among its siblings, for the fields' accessible names. */
  index: number;
  onChange(node: Condition): void;
  onRemove?: () => void;
  onThreshold(edit: ThresholdEdit): void;
}

/** A fresh comparison for "添加条件": the first number fact, at least 0. */
function newComparison(facts: FactInfo[]): Condition {
  const fact = facts.find((f) => f.type === 'number') ?? facts[0];
  const op = fact?.operators.find((o) => o.name === 'greaterThanInclusive') ?? fact?.operators[0];
  return {
    fact: fact?.name ?? '',
    operator: op?.name ?? 'equal',
    value: fact?.type === 'boolean' ? true : 0,
  };
}

/** A value that suits the fact's type, kept when it already does. */
function valueFor(fact: FactInfo, value: unknown, takesList: boolean): unknown {
  if (takesList) return Array.isArray(value) ? value : [];
  if (fact.type === 'number') return typeof value === 'number' ? value : 0;
  if (fact.type === 'boolean') return typeof value === 'boolean' ? value : true;
  if (fact.values) return typeof value === 'string' && fact.values.includes(value) ? value : fact.values[0];
  return typeof value === 'string' ? value : '';
}

function Comparison({ node, facts, index, onChange, onRemove, onThreshold }: NodeProps) {
  const { t, lang, label } = useI18n();
  const operatorText = useOperatorText();
  const fact = facts.find((f) => f.name === node.fact);
  const factName = fact ? (lang === 'en' ? fact.label.en : fact.label.zh) : (node.fact ?? '');
  const operator = fact?.operators.find((o) => o.name === node.operator);
  // The last number the texts were rewritten to: typing "8" then "80" rewrites 100 → 8 → 80.
  const shown = useRef<number | null>(typeof node.value === 'number' ? node.value : null);
  const unit = fact?.unit ? (lang === 'en' ? fact.unit.en : fact.unit.zh) : undefined;

  const setFact = (name: string) => {
    const next = facts.find((f) => f.name === name);
    if (!next) return;
    const op = next.operators.find((o) => o.name === node.operator) ?? next.operators[0];
    const value = valueFor(next, node.value, op?.takesList ?? false);
    shown.current = typeof value === 'number' ? value : null;
    onChange({ fact: name, operator: op?.name ?? 'equal', value });
  };
  const setOperator = (name: string) => {
    const op = fact?.operators.find((o) => o.name === name);
    if (!fact || !op) return;
    const value = valueFor(fact, node.value, op.takesList);
    if (typeof value === 'number' && node.operator && fact.type === 'number') {
      onThreshold({
        fact,
        from: value,
        to: value,
        operator: { from: node.operator as OperatorName, to: name as OperatorName },
      });
    }
    onChange({ ...node, operator: name, value });
  };
  const setNumber = (n: number | null) => {
    onChange({ ...node, value: n });
    if (n === null || !fact) return;
    if (shown.current !== null && shown.current !== n) onThreshold({ fact, from: shown.current, to: n });
    shown.current = n;
  };

  const valueLabel = t('rules.valueOf', { fact: factName });
  let valueField: React.ReactNode;
  if (!fact) {
    valueField = <Typography.Text code>{JSON.stringify(node.value)}</Typography.Text>;
  } else if (operator?.takesList || fact.type === 'string[]') {
    const list = Array.isArray(node.value)
      ? node.value.map(String)
      : node.value == null
        ? []
        : [String(node.value)];
    valueField = (
      <Select
        mode={fact.values ? 'multiple' : 'tags'}
        aria-label={valueLabel}
        style={{ minWidth: 200 }}
        value={operator?.takesList ? list : (list[0] ?? undefined)}
        placeholder={t('rules.listHint')}
        tokenSeparators={[',', '，', '、']}
        options={(fact.values ?? []).map((v) => ({ value: v, label: v }))}
        onChange={(v: string[] | string) => {
          const values = (Array.isArray(v) ? v : [v]).map((x) =>
            fact.type === 'number' && Number.isFinite(Number(x)) ? Number(x) : x,
          );
          onChange({ ...node, value: operator?.takesList ? values : (values[values.length - 1] ?? '') });
        }}
      />
    );
  } else if (fact.type === 'number') {
    valueField = (
      <InputNumber
        aria-label={valueLabel}
        value={typeof node.value === 'number' ? node.value : null}
        onChange={(v) => setNumber(typeof v === 'number' ? v : null)}
        {...(unit ? { addonAfter: unit } : {})}
        style={{ width: unit ? 170 : 130 }}
      />
    );
  } else if (fact.type === 'boolean') {
    valueField = (
      <Select
        aria-label={valueLabel}
        style={{ width: 90 }}
        value={node.value === true ? 'true' : node.value === false ? 'false' : undefined}
        onChange={(v: string) => onChange({ ...node, value: v === 'true' })}
        options={['true', 'false'].map((v) => ({ value: v, label: label('boolean', v) }))}
      />
    );
  } else {
    valueField = (
      <Select
        aria-label={valueLabel}
        style={{ minWidth: 160 }}
        showSearch
        value={typeof node.value === 'string' ? node.value : undefined}
        onChange={(v: string) => onChange({ ...node, value: v })}
        options={(fact.values ?? []).map((v) => ({ value: v, label: v }))}
      />
    );
  }

  return (
    <Space wrap align="center" data-testid="rule-comparison">
      <Select
        aria-label={t('rules.factOf', { n: index + 1 })}
        showSearch
        optionFilterProp="label"
        style={{ minWidth: 240 }}
        value={node.fact}
        onChange={setFact}
        options={facts.map((f) => ({ value: f.name, label: lang === 'en' ? f.label.en : f.label.zh }))}
      />
      <Select
        aria-label={t('rules.operatorOf', { fact: factName })}
        style={{ width: 150 }}
        value={node.operator}
        onChange={setOperator}
        options={(fact?.operators ?? []).map((o) => ({ value: o.name, label: operatorText(o) }))}
      />
      {valueField}
      {onRemove && (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined aria-hidden />}
          aria-label={t('rules.removeCondition')}
          onClick={onRemove}
        />
      )}
    </Space>
  );
}

/** One node of the tree: a group, a negation, a named condition or a comparison. */
export function ConditionNode(props: NodeProps) {
  const { t, label } = useI18n();
  const { node, facts, onChange, onThreshold } = props;
  if (node.all || node.any) {
    const kind = node.all ? 'all' : 'any';
    const children = (node.all ?? node.any)!;
    const setChildren = (list: Condition[]) => onChange({ [kind]: list });
    return (
      <div style={{ borderLeft: '3px solid #d9d9d9', paddingLeft: 12, margin: '4px 0' }}>
        <Space wrap>
          <Select
            aria-label={t('rules.groupKind')}
            size="small"
            style={{ width: 120 }}
            value={kind}
            onChange={(k: 'all' | 'any') => onChange({ [k]: children })}
            options={[
              { value: 'all', label: t('rules.all') },
              { value: 'any', label: t('rules.any') },
            ]}
          />
          {props.onRemove && (
            <Button
              type="text"
              danger
              size="small"
              icon={<DeleteOutlined aria-hidden />}
              aria-label={t('rules.removeCondition')}
              onClick={props.onRemove}
            />
          )}
        </Space>
        <ol style={{ margin: '4px 0', paddingLeft: 20 }}>
          {children.map((child, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity besides their place
            <li key={i} style={{ margin: '4px 0' }}>
              <ConditionNode
                node={child}
                facts={facts}
                index={i}
                onChange={(c) => setChildren(children.map((x, j) => (j === i ? c : x)))}
                onRemove={() => setChildren(children.filter((_, j) => j !== i))}
                onThreshold={onThreshold}
              />
            </li>
          ))}
        </ol>
        <Button
          size="small"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setChildren([...children, newComparison(facts)])}
        >
          {t('rules.addCondition')}
        </Button>
      </div>
    );
  }
  if (node.not) {
    return (
      <div>
        {t('rules.not')}
        <ConditionNode
          node={node.not}
          facts={facts}
          index={0}
          onChange={(c) => onChange({ not: c })}
          onThreshold={onThreshold}
        />
      </div>
    );
  }
  if (node.condition) {
    return (
      <Space>
        <Tag>{t('rules.namedCondition', { name: label('ruleCondition', node.condition) })}</Tag>
        {props.onRemove && (
          <Button
            type="text"
            danger
            size="small"
            icon={<DeleteOutlined aria-hidden />}
            aria-label={t('rules.removeCondition')}
            onClick={props.onRemove}
          />
        )}
      </Space>
    );
  }
  return <Comparison {...props} />;
}
