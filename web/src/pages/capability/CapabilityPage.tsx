// 客户需求识别能力评价: the procedure's five criteria for the organisation, a team or a salesperson.
// Quality picks whom and which period, rates the sub-items 1–5 where it has a view, computes from
// the data and saves; the page shows each criterion's score, gap to target and evidence, "未评价"
// where nothing stands behind a criterion, the findings with improvement actions, the subject's
// history with its trend and the XLSX/PDF reports. The administrator sets weights, targets, teams.
import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Input,
  List,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, type Bilingual, query } from '../../api/client';
import type { Paged } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { Chart } from '../dashboard/Chart';
import { formatTime, useIsIn } from '../feedback/shared';
import { SettingsPanel } from './SettingsPanel';
import type {
  Assessment,
  CapabilityEvaluation,
  CapabilityModel,
  CapabilityResult,
  Criterion,
  CriterionKey,
  Finding,
  Measure,
  SubjectKind,
  Subjects,
} from './types';

const SEVERITY_COLOURS: Record<Finding['severity'], string> = {
  ok: 'green',
  minor: 'gold',
  major: 'red',
  not_evaluated: 'default',
};
const GRADE_COLOURS: Record<string, string> = { A: 'green', B: 'blue', C: 'gold', D: 'red' };

export function useBilingual() {
  const { lang } = useI18n();
  return useCallback((b: Bilingual) => (lang === 'en' ? b.en : b.zh), [lang]);
}

function measured(m: Measure, v: number | null, noData: string, hours: string): string {
  if (v === null) return noData;
  return m.unit === '%' ? `${v}%` : m.unit === 'h' ? `${v} ${hours}` : String(v);
}

const signed = (v: number | null) => (v === null ? '' : v > 0 ? `+${v}` : String(v));

function Result({
  result,
  evaluationId,
  canAct,
}: {
  result: CapabilityResult;
  evaluationId: string | null;
  canAct: boolean;
}) {
  const { t, label } = useI18n();
  const b = useBilingual();
  const { message } = AntApp.useApp();
  const [raised, setRaised] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<unknown>(null);
  const noData = t('cap.notEvaluated');
  const raise = async (f: Finding) => {
    setError(null);
    try {
      await api.post(`/api/capability-evaluations/${evaluationId}/actions`, { criterion: f.criterion });
      setRaised((r) => ({ ...r, [f.criterion]: true }));
      void message.success(t('cap.actionRaised'));
    } catch (err) {
      setError(err);
    }
  };
  const scored = result.criteria;
  return (
    <div data-testid="capability-result">
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={
                result.subject.kind === 'organisation'
                  ? label('capSubject', 'organisation')
                  : `${label('capSubject', result.subject.kind)}：${result.subject.name}`
              }
              value={result.score === null ? t('cap.noOverall') : result.score}
              valueRender={(node) => <span data-testid="capability-score">{node}</span>}
            />
            <Space style={{ marginTop: 8 }} wrap>
              <span>{t('cap.grade')}</span>
              {result.grade ? (
                <Tag color={GRADE_COLOURS[result.grade]} data-testid="capability-grade">
                  {result.grade}
                </Tag>
              ) : (
                <Tooltip title={t('cap.noOverallHint', { n: result.minEvaluated })}>
                  <Tag data-testid="capability-grade">{t('cap.noOverall')}</Tag>
                </Tooltip>
              )}
              <Typography.Text type="secondary">
                {t('cap.coverage', { n: result.evaluatedCount, w: result.coverage })}
              </Typography.Text>
            </Space>
            <Typography.Paragraph style={{ marginTop: 8 }}>{b(result.summary)}</Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('cap.chart')}</h2>}>
            <Chart
              height={260}
              label={`${t('cap.chart')}：${scored.map((c) => `${b(c.name)} ${c.score ?? noData}`).join('，')}`}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { bottom: 0 },
                grid: { left: 140, right: 24, top: 8, bottom: 40 },
                xAxis: { type: 'value', min: 0, max: 100 },
                yAxis: { type: 'category', inverse: true, data: scored.map((c) => b(c.name)) },
                series: [
                  {
                    name: t('cap.score'),
                    type: 'bar',
                    barMaxWidth: 14,
                    // A criterion not evaluated has no bar at all, never a full one.
                    data: scored.map((c) => c.score),
                    itemStyle: { color: '#1677ff' },
                  },
                  {
                    name: t('cap.target'),
                    type: 'bar',
                    barMaxWidth: 14,
                    data: scored.map((c) => c.target),
                    itemStyle: { color: '#bfbfbf' },
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Table<Criterion>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={scored}
            data-testid="capability-criteria"
            expandable={{
              expandedRowRender: (c) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Table<Measure>
                    rowKey="key"
                    size="small"
                    pagination={false}
                    dataSource={c.measures}
                    columns={[
                      { title: t('cap.measure'), key: 'name', render: (_: unknown, m) => b(m.name) },
                      {
                        title: t('cap.value'),
                        key: 'value',
                        render: (_: unknown, m) => measured(m, m.value, t('cap.noData'), t('cap.hoursUnit')),
                      },
                      {
                        title: t('cap.target'),
                        key: 'target',
                        render: (_: unknown, m) =>
                          `${m.direction === 'higher' ? '≥' : '≤'} ${measured(m, m.target, '', t('cap.hoursUnit'))}`,
                      },
                      { title: t('cap.gap'), dataIndex: 'gap', render: (v: number | null) => signed(v) },
                      {
                        title: t('cap.met'),
                        dataIndex: 'met',
                        render: (v: boolean | null) =>
                          v === null ? (
                            t('cap.noData')
                          ) : (
                            <Tag color={v ? 'green' : 'red'}>{v ? t('cap.met') : t('cap.notMet')}</Tag>
                          ),
                      },
                      {
                        title: t('cap.fraction'),
                        key: 'n',
                        render: (_: unknown, m) =>
                          m.value === null ? '' : `${m.numerator}/${m.denominator}`,
                      },
                    ]}
                  />
                  <Space wrap>
                    {c.subItems.map((s) => (
                      <Tag key={s.key}>
                        {b(s.name)}：{s.rating ?? t('cap.notRated')}
                      </Tag>
                    ))}
                  </Space>
                </Space>
              ),
            }}
            columns={[
              { title: t('cap.criterion'), key: 'name', render: (_: unknown, c) => `${c.no} ${b(c.name)}` },
              { title: t('cap.weight'), dataIndex: 'weight', render: (v: number) => `${v}%` },
              { title: t('cap.target'), dataIndex: 'target' },
              {
                title: t('cap.evidenceScore'),
                dataIndex: 'evidenceScore',
                render: (v: number | null) => v ?? '—',
              },
              {
                title: t('cap.assessorScore'),
                dataIndex: 'assessorScore',
                render: (v: number | null) => v ?? '—',
              },
              {
                title: t('cap.score'),
                dataIndex: 'score',
                render: (v: number | null) => (v === null ? <Tag>{t('cap.notEvaluated')}</Tag> : v),
              },
              { title: t('cap.gap'), dataIndex: 'gap', render: (v: number | null) => signed(v) },
              {
                title: t('cap.basis'),
                dataIndex: 'basis',
                render: (v: Criterion['basis']) => (v ? label('capBasis', v) : ''),
              },
            ]}
          />
        </Col>
        <Col xs={24}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('cap.findings')}</h2>}>
            <List<Finding>
              dataSource={result.findings}
              renderItem={(f) => (
                <List.Item
                  actions={
                    canAct && evaluationId && f.suggestion
                      ? [
                          <Button
                            key="raise"
                            size="small"
                            disabled={raised[f.criterion]}
                            onClick={() => void raise(f)}
                          >
                            {raised[f.criterion] ? t('cap.actionRaised') : t('cap.raiseAction')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Tag color={SEVERITY_COLOURS[f.severity]}>{label('capFinding', f.severity)}</Tag>
                        <span>{b(result.criteria.find((c) => c.key === f.criterion)!.name)}</span>
                        <Typography.Text type="secondary">
                          {t('act.owner')}：{label('department', f.ownerDepartment)}
                        </Typography.Text>
                      </Space>
                    }
                    description={
                      <>
                        <div>{b(f.text)}</div>
                        {f.suggestion && (
                          <div>
                            {t('cap.suggestion')}：{b(f.suggestion)}
                          </div>
                        )}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function Trend({ items }: { items: CapabilityEvaluation[] }) {
  const { t } = useI18n();
  const b = useBilingual();
  const points = items
    .filter((e) => !e.legacy)
    .slice()
    .reverse();
  if (points.length < 2) return null;
  const criteria = points[0]!.criteria;
  return (
    <Chart
      height={240}
      label={`${t('cap.trend')}：${points.map((p) => `${p.from}~${p.to} ${p.score ?? t('cap.noOverall')}`).join('，')}`}
      option={{
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 40, right: 24, top: 8, bottom: 56 },
        xAxis: { type: 'category', data: points.map((p) => `${p.from}~${p.to}`) },
        yAxis: { type: 'value', min: 0, max: 100 },
        series: [
          { name: t('cap.overall'), type: 'line', data: points.map((p) => p.score), connectNulls: false },
          ...criteria.map((c) => ({
            name: b(c.name),
            type: 'line' as const,
            data: points.map((p) => p.criteria.find((x) => x.key === c.key)?.score ?? null),
          })),
        ],
      }}
    />
  );
}

export default function CapabilityPage() {
  const { t, label } = useI18n();
  const b = useBilingual();
  const { message } = AntApp.useApp();
  const canRun = useIsIn('quality', 'general_manager');
  const isAdmin = useIsIn('admin');
  const [model, setModel] = useState<CapabilityModel | null>(null);
  const [subjects, setSubjects] = useState<Subjects>({ teams: [], people: [] });
  const [kind, setKind] = useState<SubjectKind>('organisation');
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [assessment, setAssessment] = useState<Assessment>({});
  const [note, setNote] = useState('');
  const [page, setPage] = useState(1);
  const [list, setList] = useState<Paged<CapabilityEvaluation>>({ items: [], total: 0 });
  const [shown, setShown] = useState<{ result: CapabilityResult; id: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);

  const loadModel = useCallback(() => {
    api.get<CapabilityModel>('/api/capability/model').then(setModel, setError);
    api.get<Subjects>('/api/capability/subjects').then(setSubjects, setError);
  }, []);
  useEffect(loadModel, [loadModel]);

  const ready = kind === 'organisation' || subjectId !== null;
  const load = useCallback(() => {
    if (!ready) return;
    setLoading(true);
    setError(null);
    api
      .get<Paged<CapabilityEvaluation>>(
        `/api/capability-evaluations${query({ page, pageSize: 10, subjectKind: kind, subjectId: kind === 'organisation' ? null : subjectId })}`,
      )
      .then((r) => {
        setList(r);
        setShown((s) => s ?? (r.items[0] ? { result: r.items[0], id: r.items[0].id } : null));
      }, setError)
      .finally(() => setLoading(false));
  }, [page, kind, subjectId, ready]);
  useEffect(load, [load]);

  const body = () => ({
    ...(range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {}),
    subject: kind === 'organisation' ? { kind } : { kind, id: subjectId },
    assessment,
    note: note || null,
  });
  const preview = async () => {
    setBusy(true);
    setError(null);
    try {
      setShown({
        result: await api.post<CapabilityResult>('/api/capability-evaluations/preview', body()),
        id: null,
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const e = await api.post<CapabilityEvaluation>('/api/capability-evaluations', body());
      setShown({ result: e, id: e.id });
      void message.success(t('cap.saved', { summary: b(e.summary) }));
      setPage(1);
      load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const choose = (k: SubjectKind, id: string | null) => {
    setKind(k);
    setSubjectId(id);
    setShown(null);
    setPage(1);
  };
  const rate = (criterion: CriterionKey, item: string, v: number) =>
    setAssessment((a) => {
      const items = { ...(a[criterion] ?? {}) };
      if (v) items[item] = v;
      else delete items[item];
      return { ...a, [criterion]: items };
    });
  const options = useMemo(
    () => [
      { value: 'organisation:', label: label('capSubject', 'organisation') },
      ...subjects.teams.map((x) => ({ value: `team:${x.id}`, label: `${t('cap.team')}：${x.name}` })),
      ...subjects.people.map((x) => ({ value: `person:${x.id}`, label: `${t('cap.person')}：${x.name}` })),
    ],
    [subjects, label, t],
  );

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('cap.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('cap.hint')}</Typography.Paragraph>
      <Space align="center" wrap style={{ marginBottom: 16 }}>
        <span id="cap-subject">{t('cap.subject')}</span>
        <Select
          aria-labelledby="cap-subject"
          style={{ minWidth: 240 }}
          value={`${kind}:${subjectId ?? ''}`}
          options={options}
          onChange={(v: string) => {
            const [k, id] = v.split(':') as [SubjectKind, string];
            choose(k, id || null);
          }}
        />
        <span id="cap-period">{t('cap.period')}</span>
        <DatePicker.RangePicker
          aria-labelledby="cap-period"
          value={range}
          onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
        />
      </Space>
      <ErrorAlert error={error} onRetry={load} />
      {canRun ? (
        model && (
          <Card
            size="small"
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('cap.assessment')}</h2>}
            style={{ marginBottom: 16 }}
          >
            <Row gutter={[16, 8]}>
              {model.criteria.map((c) => (
                <Col xs={24} md={12} lg={8} key={c.key}>
                  <Typography.Text strong>
                    {c.no} {b(c.name)}
                  </Typography.Text>
                  {c.subItems.map((s) => (
                    <div key={s.key}>
                      <Tooltip title={t('cap.levels', { l1: s.levels[1], l3: s.levels[3], l5: s.levels[5] })}>
                        <span
                          id={`rate-${c.key}-${s.key}`}
                          style={{ display: 'inline-block', minWidth: 120 }}
                        >
                          {b(s.name)}
                        </span>
                      </Tooltip>
                      <Select<number>
                        aria-labelledby={`rate-${c.key}-${s.key}`}
                        allowClear
                        placeholder={t('cap.notRated')}
                        style={{ width: 150 }}
                        value={assessment[c.key]?.[s.key]}
                        onChange={(v) => rate(c.key, s.key, v ?? 0)}
                        options={[5, 4, 3, 2, 1].map((n) => ({
                          value: n,
                          label: t('cap.points', { n }),
                          title: n % 2 === 1 ? s.levels[n as 1 | 3 | 5] : undefined,
                        }))}
                        optionRender={(o) =>
                          o.data.title ? `${o.label}：${o.data.title}` : (o.label as string)
                        }
                        popupMatchSelectWidth={false}
                      />
                    </div>
                  ))}
                </Col>
              ))}
            </Row>
            <Space align="start" wrap style={{ marginTop: 12 }}>
              <Input.TextArea
                aria-label={t('cap.note')}
                placeholder={t('cap.note')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                autoSize={{ minRows: 1, maxRows: 3 }}
                style={{ width: 320 }}
              />
              <Button disabled={!ready} loading={busy} onClick={() => void preview()}>
                {t('cap.preview')}
              </Button>
              <Button type="primary" disabled={!ready} loading={busy} onClick={() => void save()}>
                {t('cap.save')}
              </Button>
            </Space>
          </Card>
        )
      ) : (
        <Typography.Paragraph type="secondary">{t('cap.readOnly')}</Typography.Paragraph>
      )}
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {shown && shown.id === null ? t('cap.previewTitle') : t('cap.result')}
      </Typography.Title>
      {shown && shown.id !== null && (
        <Space style={{ marginBottom: 8 }}>
          <Button href={`/api/capability-evaluations/${shown.id}/report.xlsx`}>{t('cap.exportXlsx')}</Button>
          <Button href={`/api/capability-evaluations/${shown.id}/report.pdf`}>{t('cap.exportPdf')}</Button>
        </Space>
      )}
      {shown && 'legacy' in shown.result && (shown.result as CapabilityEvaluation).legacy ? (
        <Card size="small">
          <Tag>{t('cap.legacy')}</Tag> {b(shown.result.summary)}
        </Card>
      ) : shown ? (
        <Result key={shown.id ?? 'preview'} result={shown.result} evaluationId={shown.id} canAct={canRun} />
      ) : (
        !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />
      )}
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t('cap.history')}
      </Typography.Title>
      <Trend items={list.items} />
      <Table<CapabilityEvaluation>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={list.items}
        pagination={{
          current: page,
          pageSize: 10,
          total: list.total,
          showTotal: (n) => t('common.total', { n }),
          onChange: setPage,
        }}
        rowClassName={(e) => (e.id === shown?.id ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('cap.period'), key: 'period', render: (_: unknown, e) => `${e.from} ~ ${e.to}` },
          {
            title: t('cap.score'),
            dataIndex: 'score',
            render: (s: number | null, e) =>
              e.legacy ? <Tag>{t('cap.legacy')}</Tag> : s === null ? t('cap.noOverall') : s,
          },
          {
            title: t('cap.grade'),
            dataIndex: 'grade',
            render: (g: string | null) => (g ? <Tag color={GRADE_COLOURS[g]}>{g}</Tag> : ''),
          },
          { title: t('cap.evaluator'), dataIndex: 'evaluatorName' },
          { title: t('cap.evaluatedAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          {
            title: t('act.operations'),
            key: 'view',
            render: (_: unknown, e) => (
              <Button size="small" onClick={() => setShown({ result: e, id: e.id })}>
                {t('cap.view')}
              </Button>
            ),
          },
        ]}
      />
      {isAdmin && model && (
        <SettingsPanel
          key={model.version}
          model={model}
          people={subjects.people}
          onSaved={(version) => {
            void message.success(t('cap.settingsSaved', { version }));
            loadModel();
          }}
        />
      )}
      {model && !isAdmin && (
        <Descriptions size="small" style={{ marginTop: 16 }} column={1}>
          <Descriptions.Item label={t('cap.weight')}>
            {model.criteria.map((c) => `${b(c.name)} ${model.settings.weights[c.key]}%`).join('，')}
          </Descriptions.Item>
          <Descriptions.Item label={t('cap.target')}>
            {model.criteria.map((c) => `${b(c.name)} ${model.settings.targets[c.key]}`).join('，')}
          </Descriptions.Item>
        </Descriptions>
      )}
    </div>
  );
}
