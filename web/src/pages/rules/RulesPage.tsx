// 规则: the special-requirement rules as readable cards (conditions and explanation in words, codes
// as their Chinese names), edited as a form (conditions as fact / comparison / value with its unit;
// the title and explanation follow a changed threshold) with the JSON under "高级: JSON" for experts,
// errors from the server's validation, and version history with restore.
import { HistoryOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Badge,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { retextThreshold } from '../../../../src/rules/rule-text';
import { ApiError, api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { type Condition, ConditionNode, type FactInfo, type ThresholdEdit } from './ConditionForm';
import { describeJsonError } from './json-error';

interface RuleDefinition {
  id: string;
  name: string;
  conditions?: Condition;
  event?: { type?: string; params?: { code?: string; explanationTemplate?: string; severity?: string } };
  priority?: number;
  enabled?: boolean;
}

interface RuleView {
  id: string;
  name: string;
  enabled: boolean;
  version: number | null;
  definition: RuleDefinition;
}

interface RuleVersion {
  version: number;
  changeNote?: string | null;
  authorName?: string | null;
  author?: string | null;
  createdAt?: string;
}

/** Labels from GET /api/rules/facts: fact names, the operators' words, each fact's unit. */
interface Vocabulary {
  facts: Record<string, string>;
  operators: Record<string, [string, string]>;
  units: Record<string, string>;
  list: FactInfo[];
}

const EMPTY_VOCABULARY: Vocabulary = { facts: {}, operators: {}, units: {}, list: [] };

/** Number comparisons as signs on the cards (≥ 100 吨), as in the editor. */
const SIGNS: Record<string, string> = {
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
};

/** Departments whose edits the server accepts (PUT /api/rules/:id); others only read. */
const EDITORS = ['quality', 'admin', 'general_manager'];

type Raw = Record<string, unknown>;

function listOf<T>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  for (const k of keys) {
    const v = (body as Raw | null)?.[k];
    if (Array.isArray(v)) return v as T[];
  }
  return [];
}

/** Accepts a stored rule ({id, definition, currentVersion}) or a bare rule definition. */
function ruleView(raw: Raw): RuleView {
  const def = (raw.definition as RuleDefinition | undefined) ?? (raw as unknown as RuleDefinition);
  const version = raw.currentVersion ?? raw.version ?? null;
  return {
    id: String(raw.id ?? def.id),
    name: String(raw.name ?? def.name ?? raw.id),
    enabled: Boolean(raw.enabled ?? def.enabled ?? true),
    version: typeof version === 'number' ? version : null,
    definition: def,
  };
}

const OPERATORS: Record<string, [string, string]> = {
  equal: ['等于', 'equals'],
  notEqual: ['不等于', 'does not equal'],
  lessThan: ['小于', 'is less than'],
  lessThanInclusive: ['不大于', 'is at most'],
  greaterThan: ['大于', 'is greater than'],
  greaterThanInclusive: ['不小于', 'is at least'],
  in: ['属于', 'is one of'],
  notIn: ['不属于', 'is not one of'],
  contains: ['包含', 'contains'],
  doesNotContain: ['不包含', 'does not contain'],
};

/** A condition's value in words: yes/no for flags, lists joined, numbers as written. */
function valueText(value: unknown, label: (group: string, code: string) => string): string {
  if (typeof value === 'boolean') return label('boolean', String(value));
  if (Array.isArray(value)) return value.map((v) => valueText(v, label)).join('、');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * An explanation template as the reader sees it: each {{placeholder}} shown as 〈the fact's name〉
 * (its value is filled in when the rule fires), never as the internal fact code.
 */
function TemplateText({ template, vocab }: { template: string; vocab: Vocabulary }) {
  const { t } = useI18n();
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index));
    const name = m[1] ?? '';
    const base = name.endsWith('.evidence') ? name.slice(0, -'.evidence'.length) : name;
    const fact = vocab.facts[base] ?? base;
    const text =
      name === 'evidence'
        ? t('rules.placeholder.evidence')
        : name.endsWith('.evidence')
          ? t('rules.placeholder.factEvidence', { fact })
          : fact;
    parts.push(
      <Typography.Text key={m.index} type="secondary" title={t('rules.placeholder.hint')}>
        〈{text}〉
      </Typography.Text>,
    );
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(template.slice(last));
  return <>{parts}</>;
}

function ConditionText({ c, vocab }: { c: Condition; vocab: Vocabulary }): ReactNode {
  const { t, lang, label } = useI18n();
  const group = (word: string, parts: Condition[]) => (
    <div>
      {word}
      <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
        {parts.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity besides their place
          <li key={i}>
            <ConditionText c={p} vocab={vocab} />
          </li>
        ))}
      </ul>
    </div>
  );
  if (c.all) return group(t('rules.all'), c.all);
  if (c.any) return group(t('rules.any'), c.any);
  if (c.not) return group(t('rules.not'), [c.not]);
  if (c.condition)
    return <span>{t('rules.namedCondition', { name: label('ruleCondition', c.condition) })}</span>;
  const op = vocab.operators[c.operator ?? ''] ?? OPERATORS[c.operator ?? ''];
  const value = valueText(c.value, label);
  const unit = typeof c.value === 'number' ? vocab.units[c.fact ?? ''] : undefined;
  return (
    <span>
      <Typography.Text strong>{vocab.facts[c.fact ?? ''] ?? c.fact}</Typography.Text>
      {c.path ? ` (${c.path})` : ''}{' '}
      {SIGNS[c.operator ?? ''] ?? (op ? (lang === 'en' ? op[1] : op[0]) : c.operator)}{' '}
      <Typography.Text code>
        {value}
        {unit ? ` ${unit}` : ''}
      </Typography.Text>
    </span>
  );
}

function VersionHistory({ rule, onRestored }: { rule: RuleView; onRestored(): void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [versions, setVersions] = useState<RuleVersion[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api
      .get<unknown>(`/api/rules/${encodeURIComponent(rule.id)}/versions`)
      .then(
        (r) => setVersions(listOf<RuleVersion>(r, 'items', 'versions').sort((a, b) => b.version - a.version)),
        setError,
      );
  }, [rule.id]);
  const restore = async (version: number) => {
    try {
      await api.post(`/api/rules/${encodeURIComponent(rule.id)}/restore`, { version });
      void message.success(t('rules.restored', { n: version }));
      onRestored();
    } catch (err) {
      setError(err);
    }
  };
  if (error) return <ErrorAlert error={error} />;
  if (!versions) return <Spin aria-label={t('common.loading')} />;
  return (
    <List
      dataSource={versions}
      renderItem={(v) => (
        <List.Item
          actions={
            v.version === rule.version
              ? [
                  <Tag key="current" color="blue">
                    {t('rules.version', { n: v.version })}
                  </Tag>,
                ]
              : [
                  <Button key="restore" size="small" onClick={() => void restore(v.version)}>
                    {t('rules.restore')}
                  </Button>,
                ]
          }
        >
          <List.Item.Meta
            title={t('rules.version', { n: v.version })}
            description={[
              v.createdAt ? dayjs(v.createdAt).format('YYYY-MM-DD HH:mm') : '',
              v.authorName ?? v.author,
              v.changeNote,
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        </List.Item>
      )}
    />
  );
}

interface DryRunReport {
  source: 'messages' | 'stored_analyses';
  changedCount: number;
  items: {
    id: string;
    before: { class: string | null; reasons: string[] };
    after: { class: string | null; reasons: string[] };
    changed: boolean;
    addedReasons: string[];
    removedReasons: string[];
  }[];
}

/** Every comparison of the tree, for "is this value used by another condition too". */
function comparisons(c: Condition | undefined): Condition[] {
  if (!c) return [];
  if (c.all || c.any) return (c.all ?? c.any ?? []).flatMap(comparisons);
  if (c.not) return comparisons(c.not);
  return c.fact ? [c] : [];
}

function RuleEditor({
  rule,
  vocab,
  onClose,
  onSaved,
}: {
  rule: RuleView;
  vocab: Vocabulary;
  onClose(): void;
  onSaved(): void;
}) {
  const { t, label, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [draft, setDraft] = useState<RuleDefinition>(() => structuredClone(rule.definition));
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const [json, setJson] = useState(() => JSON.stringify(rule.definition, null, 2));
  const [note, setNote] = useState('');
  const [sample, setSample] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [textNote, setTextNote] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [report, setReport] = useState<DryRunReport | null>(null);

  /** The JSON tab's text as a definition, or null after showing (in Chinese) why it is not one. */
  const fromJson = (): RuleDefinition | null => {
    try {
      const value: unknown = JSON.parse(json);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        setError(new ApiError({ title: t('rules.json.notObject'), status: 400 }));
        return null;
      }
      return value as RuleDefinition;
    } catch (err) {
      setError(new ApiError({ title: describeJsonError(json, err, t), status: 400 }));
      return null;
    }
  };

  /** The definition being edited, from whichever tab is open. */
  const parsed = (): RuleDefinition | null => (tab === 'json' ? fromJson() : draft);

  const switchTab = (key: string) => {
    if (key === 'json') {
      setJson(JSON.stringify(draft, null, 2));
      setTab('json');
      return;
    }
    const definition = fromJson();
    if (definition === null) return;
    setError(null);
    setDraft(definition);
    setTab('form');
  };

  // A changed threshold: the number in the title and explanation follows, unless another condition
  // states the same value (then which number is which cannot be told; the user is asked to check).
  const followThreshold = (edit: ThresholdEdit) => {
    const units = edit.fact.unit ? [edit.fact.unit.zh, edit.fact.unit.en] : [];
    setDraft((d) => {
      const same = comparisons(d.conditions).filter(
        (c) => c.value === edit.from && (vocab.units[c.fact ?? ''] ?? '') === (edit.fact.unit?.zh ?? ''),
      );
      if (same.length > 1 && edit.from !== edit.to) {
        setTextNote(t('rules.textNotFollowed', { value: edit.from }));
        return d;
      }
      const change = {
        from: edit.from,
        to: edit.to,
        units,
        ...(edit.operator ? { operator: edit.operator } : {}),
      };
      const name = retextThreshold(d.name, change);
      const template = d.event?.params?.explanationTemplate;
      const explanation = template === undefined ? undefined : retextThreshold(template, change);
      if (name === d.name && explanation === template) return d;
      setTextNote(t('rules.textFollowed'));
      return {
        ...d,
        name,
        ...(d.event && explanation !== undefined
          ? { event: { ...d.event, params: { ...d.event.params, explanationTemplate: explanation } } }
          : {}),
      };
    });
  };

  const setParams = (params: Partial<NonNullable<NonNullable<RuleDefinition['event']>['params']>>) =>
    setDraft((d) => ({ ...d, event: { ...d.event, params: { ...d.event?.params, ...params } } }));

  const save = async () => {
    const definition = parsed();
    if (definition === null) return;
    setSaving(true);
    setError(null);
    try {
      await api.put(`/api/rules/${encodeURIComponent(rule.id)}`, {
        rule: definition,
        changeNote: note || undefined,
        expectedVersion: rule.version ?? undefined,
      });
      void message.success(t('rules.saved'));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const form = (
    <div data-testid="rule-form">
      <label htmlFor="rule-name" style={{ display: 'block' }}>
        {t('rules.name')}
      </label>
      <Input
        id="rule-name"
        value={draft.name}
        onChange={(e) => setDraft({ ...draft, name: e.target.value })}
      />
      <Typography.Title level={3} style={{ fontSize: 14, marginTop: 12 }}>
        {t('rules.conditions')}
      </Typography.Title>
      {draft.conditions && (
        <ConditionNode
          node={draft.conditions}
          facts={vocab.list}
          index={0}
          onChange={(conditions) => setDraft((d) => ({ ...d, conditions }))}
          onThreshold={followThreshold}
        />
      )}
      {textNote && (
        <Typography.Paragraph type="secondary" role="status" style={{ marginTop: 8 }}>
          {textNote}
        </Typography.Paragraph>
      )}
      <label htmlFor="rule-template" style={{ display: 'block', marginTop: 12 }}>
        {t('rules.template')}
      </label>
      <Input.TextArea
        id="rule-template"
        value={draft.event?.params?.explanationTemplate ?? ''}
        onChange={(e) => setParams({ explanationTemplate: e.target.value })}
        autoSize={{ minRows: 2, maxRows: 6 }}
      />
      {draft.event?.params?.explanationTemplate && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
          {t('rules.templatePreview')}:{' '}
          <TemplateText template={draft.event.params.explanationTemplate} vocab={vocab} />
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginTop: 8 }}>
        <Tag color={draft.event?.type === 'special' ? 'red' : 'orange'}>
          {label('contractClass', draft.event?.type ?? 'unknown')}
        </Tag>
        {draft.event?.params?.code && <Tag>{label('reason', draft.event.params.code)}</Tag>}
        <label htmlFor="rule-severity">{t('rules.severity')}</label>
        <Select
          id="rule-severity"
          style={{ width: 100 }}
          value={draft.event?.params?.severity}
          onChange={(severity: string) => setParams({ severity })}
          options={['high', 'medium', 'low'].map((v) => ({ value: v, label: label('severity', v) }))}
        />
      </Space>
    </div>
  );

  // Dry run: the draft against the sample message, or against the latest stored analyses.
  const dryRun = async () => {
    const definition = parsed();
    if (definition === null) return;
    setError(null);
    setReport(null);
    try {
      setReport(
        await api.post<DryRunReport>('/api/rules/dry-run', {
          rules: [definition],
          ...(sample.trim() ? { messages: [{ id: 'sample', text: sample }] } : {}),
        }),
      );
    } catch (err) {
      setError(err);
    }
  };

  const classText = (c: string | null) => label('contractClass', c ?? 'unknown');
  return (
    <Modal
      open
      width={800}
      title={t('rules.editTitle', {
        name: lang === 'en' ? label('reason', rule.definition.event?.params?.code ?? rule.name) : rule.name,
      })}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
    >
      <ErrorAlert error={error} />
      <Tabs
        activeKey={tab}
        onChange={switchTab}
        items={[
          { key: 'form', label: t('rules.tab.form'), children: form },
          {
            key: 'json',
            label: t('rules.tab.json'),
            children: (
              <>
                <label htmlFor="rule-json">{t('rules.definition')}</label>
                <Input.TextArea
                  id="rule-json"
                  lang="en"
                  value={json}
                  onChange={(e) => setJson(e.target.value)}
                  autoSize={{ minRows: 12, maxRows: 24 }}
                  style={{ fontFamily: 'monospace' }}
                />
              </>
            ),
          },
        ]}
      />
      <label htmlFor="rule-note" style={{ display: 'block', marginTop: 12 }}>
        {t('rules.changeNote')}
      </label>
      <Input id="rule-note" value={note} onChange={(e) => setNote(e.target.value)} />
      <label htmlFor="rule-sample" style={{ display: 'block', marginTop: 12 }}>
        {t('rules.sample')}
      </label>
      <Input.TextArea
        id="rule-sample"
        value={sample}
        onChange={(e) => setSample(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 6 }}
      />
      <Button style={{ marginTop: 8 }} onClick={() => void dryRun()}>
        {t('rules.dryRun')}
      </Button>
      {report && (
        <div role="status" style={{ marginTop: 12 }}>
          <Typography.Paragraph>
            {t('rules.dryRunSummary', { n: report.items.length, changed: report.changedCount })}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={report.items.filter((i) => i.changed || report.items.length <= 5)}
            renderItem={(i) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text code>{i.id}</Typography.Text>
                  {classText(i.before.class)} → <strong>{classText(i.after.class)}</strong>
                  {i.addedReasons.map((r) => (
                    <Tag key={`+${r}`} color="red">
                      + {label('reason', r)}
                    </Tag>
                  ))}
                  {i.removedReasons.map((r) => (
                    <Tag key={`-${r}`}>− {label('reason', r)}</Tag>
                  ))}
                </Space>
              </List.Item>
            )}
          />
        </div>
      )}
    </Modal>
  );
}

export default function RulesPage() {
  const { t, label } = useI18n();
  const [rules, setRules] = useState<RuleView[] | null>(null);
  const [vocab, setVocab] = useState<Vocabulary>(EMPTY_VOCABULARY);
  const { user } = useSession();
  const canEdit =
    !!user &&
    (EDITORS.includes(user.department) || (user.deputyFor !== null && EDITORS.includes(user.deputyFor)));
  const [error, setError] = useState<unknown>(null);
  const [history, setHistory] = useState<RuleView | null>(null);
  const [editing, setEditing] = useState<RuleView | null>(null);
  const { pick } = useI18n();

  const load = useCallback(() => {
    setError(null);
    api.get<unknown>('/api/rules').then(
      (r) => setRules(listOf<Raw>(r, 'items', 'rules').map(ruleView)),
      (err: unknown) => {
        setError(err);
        setRules([]);
      },
    );
  }, []);

  useEffect(() => {
    load();
    // Fact names read better with their labels; without the endpoint the raw names still show.
    api.get<unknown>('/api/rules/facts').then(
      (r) => {
        const list = listOf<FactInfo>(r, 'items', 'facts');
        const out: Vocabulary = { facts: {}, operators: {}, units: {}, list };
        for (const f of list as unknown as Raw[]) {
          const name = String(f.name ?? '');
          const text = f.label as { zh?: string; en?: string } | string | undefined;
          const unit = f.unit as { zh: string; en: string } | undefined;
          if (name && unit) out.units[name] = pick(`${unit.zh} / ${unit.en}`);
          if (name)
            out.facts[name] = typeof text === 'object' ? pick(`${text.zh} / ${text.en}`) : (text ?? name);
          for (const op of (f.operators as { name: string; zh: string; en: string }[] | undefined) ?? []) {
            out.operators[op.name] = [op.zh, op.en];
          }
        }
        setVocab(out);
      },
      () => setVocab(EMPTY_VOCABULARY),
    );
  }, [load, pick]);

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('rules.title')}
      </Typography.Title>
      <ErrorAlert error={error} onRetry={load} />
      {rules === null && <Spin aria-label={t('common.loading')} />}
      {rules?.length === 0 && !error && <Empty />}
      <Row gutter={[16, 16]}>
        {rules?.map((rule) => {
          const p = rule.definition.event?.params;
          return (
            <Col xs={24} lg={12} key={rule.id}>
              <Card
                title={
                  <Space>
                    <Badge status={rule.enabled ? 'success' : 'default'} />
                    <span>{rule.name}</span>
                  </Space>
                }
                extra={
                  <Space>
                    {rule.version !== null && <Tag>{t('rules.version', { n: rule.version })}</Tag>}
                    <Tag color={rule.enabled ? 'green' : 'default'}>
                      {rule.enabled ? t('rules.enabled') : t('rules.disabled')}
                    </Tag>
                  </Space>
                }
                actions={[
                  ...(canEdit
                    ? [
                        <Button key="edit" type="link" onClick={() => setEditing(rule)}>
                          {t('rules.edit')}
                        </Button>,
                      ]
                    : []),
                  <Button
                    key="history"
                    type="link"
                    icon={<HistoryOutlined />}
                    onClick={() => setHistory(rule)}
                  >
                    {t('rules.history')}
                  </Button>,
                ]}
              >
                <Typography.Title level={2} style={{ fontSize: 14 }}>
                  {t('rules.when')}
                </Typography.Title>
                {rule.definition.conditions ? (
                  <ConditionText c={rule.definition.conditions} vocab={vocab} />
                ) : null}
                <Typography.Title level={2} style={{ fontSize: 14 }}>
                  {t('rules.then')}
                </Typography.Title>
                <Space wrap>
                  <Tag color={rule.definition.event?.type === 'special' ? 'red' : 'orange'}>
                    {label('contractClass', rule.definition.event?.type ?? 'unknown')}
                  </Tag>
                  {p?.code && <Tag>{label('reason', p.code)}</Tag>}
                  {p?.severity && (
                    <Tag>
                      {t('rules.severity')}: {label('severity', p.severity)}
                    </Tag>
                  )}
                </Space>
                {p?.explanationTemplate && (
                  <Typography.Paragraph style={{ marginTop: 8 }}>
                    {t('rules.explanation')}: <TemplateText template={p.explanationTemplate} vocab={vocab} />
                  </Typography.Paragraph>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
      <Drawer
        width={520}
        open={history !== null}
        onClose={() => setHistory(null)}
        title={t('rules.history')}
        destroyOnHidden
      >
        {history && (
          <VersionHistory
            rule={history}
            onRestored={() => {
              setHistory(null);
              load();
            }}
          />
        )}
      </Drawer>
      {editing && (
        <RuleEditor
          rule={editing}
          vocab={vocab}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            load();
          }}
        />
      )}
    </div>
  );
}
