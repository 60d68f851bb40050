// 能力评价: the organisation's requirement-identification capability (ISO 9001 §8.2.2 / §9.1.3).
// Quality runs an evaluation for a period; the page shows its score, the per-indicator breakdown
// and the findings with suggestions, from which quality raises improvement actions.
import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  List,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, query } from '../../api/client';
import type { Paged } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { Chart } from '../dashboard/Chart';
import { formatTime, useIsIn } from '../feedback/shared';
import type { CapabilityEvaluation, Finding, Indicator } from '../feedback/types';

const SEVERITY_COLOURS: Record<Finding['severity'], string> = {
  ok: 'green',
  minor: 'gold',
  major: 'red',
  no_data: 'default',
};
const GRADE_COLOURS: Record<string, string> = { A: 'green', B: 'blue', C: 'gold', D: 'red' };

function measured(i: Indicator, noData: string): string {
  if (i.value === null) return noData;
  return i.unit === 'h' ? `${i.value} h` : `${i.value}%`;
}

function EvaluationResult({ evaluation, canAct }: { evaluation: CapabilityEvaluation; canAct: boolean }) {
  const { t, label, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [raised, setRaised] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<unknown>(null);
  const names = useMemo(
    () => Object.fromEntries(evaluation.indicators.map((i) => [i.key, pick(i.name)])),
    [evaluation, pick],
  );

  const raise = async (f: Finding) => {
    setError(null);
    try {
      await api.post(`/api/capability-evaluations/${evaluation.id}/actions`, { indicator: f.indicator });
      setRaised((r) => ({ ...r, [f.indicator]: true }));
      void message.success(t('cap.actionRaised'));
    } catch (err) {
      setError(err);
    }
  };

  const scored = evaluation.indicators;
  const summaryLabel = scored
    .map((i) => `${names[i.key]} ${i.score === null ? t('cap.noData') : i.score}`)
    .join('，');

  return (
    <div data-testid="capability-result">
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={t('cap.score')}
              value={evaluation.score === null ? t('cap.noScore') : evaluation.score}
              valueRender={(node) => <span data-testid="capability-score">{node}</span>}
            />
            <Space style={{ marginTop: 8 }}>
              <span>{t('cap.grade')}</span>
              {evaluation.grade ? (
                <Tag color={GRADE_COLOURS[evaluation.grade]} data-testid="capability-grade">
                  {evaluation.grade}
                </Tag>
              ) : (
                <Tag>{t('cap.noData')}</Tag>
              )}
            </Space>
            <Typography.Paragraph style={{ marginTop: 8 }}>{evaluation.summary}</Typography.Paragraph>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('cap.period')}>
                {evaluation.from} ~ {evaluation.to}
              </Descriptions.Item>
              <Descriptions.Item label={t('cap.evaluator')}>
                {evaluation.evaluatorName ?? ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('cap.evaluatedAt')}>
                {formatTime(evaluation.createdAt)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('cap.chart')}</h2>}>
            <Chart
              height={300}
              label={`${t('cap.chart')}：${summaryLabel}`}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { bottom: 0 },
                grid: { left: 200, right: 24, top: 8, bottom: 40 },
                xAxis: { type: 'value', min: 0, max: 100 },
                yAxis: {
                  type: 'category',
                  inverse: true,
                  data: scored.map((i) => names[i.key]),
                  axisLabel: { width: 190, overflow: 'truncate' },
                },
                series: [
                  {
                    name: t('cap.score'),
                    type: 'bar',
                    barMaxWidth: 16,
                    data: scored.map((i) => i.score ?? 0),
                    itemStyle: { color: '#1677ff' },
                  },
                  {
                    name: t('cap.target'),
                    type: 'bar',
                    barMaxWidth: 16,
                    data: scored.map((i) => i.target),
                    itemStyle: { color: '#bfbfbf' },
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('cap.dimensions')}</h2>}>
            <Table<Indicator>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={scored}
              columns={[
                { title: t('cap.indicator'), dataIndex: 'key', render: (k: string) => names[k] },
                { title: t('cap.weight'), dataIndex: 'weight' },
                {
                  title: t('cap.value'),
                  key: 'value',
                  render: (_: unknown, i) => measured(i, t('cap.noData')),
                },
                {
                  title: t('cap.score'),
                  dataIndex: 'score',
                  render: (s: number | null) => (s === null ? t('cap.noData') : s),
                },
                { title: t('cap.target'), dataIndex: 'target' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('cap.findings')}</h2>}>
            <List<Finding>
              dataSource={evaluation.findings}
              renderItem={(f) => (
                <List.Item
                  actions={
                    canAct && (f.severity === 'minor' || f.severity === 'major')
                      ? [
                          <Button
                            key="raise"
                            size="small"
                            disabled={raised[f.indicator]}
                            onClick={() => void raise(f)}
                          >
                            {raised[f.indicator] ? t('cap.actionRaised') : t('cap.raiseAction')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Tag color={SEVERITY_COLOURS[f.severity]}>{label('findingSeverity', f.severity)}</Tag>
                        <span>{names[f.indicator]}</span>
                        <Typography.Text type="secondary">
                          {t('act.owner')}：{label('department', f.ownerDepartment)}
                        </Typography.Text>
                      </Space>
                    }
                    description={
                      <>
                        <div>{f.text}</div>
                        {f.suggestion && (
                          <div>
                            {t('cap.suggestion')}：{f.suggestion}
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

export default function CapabilityPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const canRun = useIsIn('quality', 'general_manager');
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [page, setPage] = useState(1);
  const [list, setList] = useState<Paged<CapabilityEvaluation>>({ items: [], total: 0 });
  const [selected, setSelected] = useState<CapabilityEvaluation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [running, setRunning] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    setError(null);
    api
      .get<Paged<CapabilityEvaluation>>(`/api/capability-evaluations${query({ page, pageSize: 10 })}`)
      .then((r) => {
        setList(r);
        // The newest evaluation is shown until the user picks another.
        setSelected((s) => s ?? r.items[0] ?? null);
      }, setError)
      .finally(() => setLoading(false));
  }, [page]);
  useEffect(load, [load]);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const body = range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {};
      const e = await api.post<CapabilityEvaluation>('/api/capability-evaluations', body);
      setSelected(e);
      void message.success(t('cap.ran', { summary: e.summary }));
      setPage(1);
      load();
    } catch (err) {
      setError(err);
    } finally {
      setRunning(false);
    }
  };

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('cap.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('cap.hint')}</Typography.Paragraph>
      {canRun ? (
        <Space align="center" wrap style={{ marginBottom: 16 }}>
          <span id="cap-period">{t('cap.period')}</span>
          <DatePicker.RangePicker
            aria-labelledby="cap-period"
            value={range}
            onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
          />
          <Button type="primary" loading={running} onClick={() => void run()}>
            {t('cap.run')}
          </Button>
        </Space>
      ) : (
        <Typography.Paragraph type="secondary">{t('cap.readOnly')}</Typography.Paragraph>
      )}
      <ErrorAlert error={error} onRetry={load} />
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('cap.result')}
      </Typography.Title>
      {selected ? (
        <EvaluationResult key={selected.id} evaluation={selected} canAct={canRun} />
      ) : (
        !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />
      )}
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t('cap.history')}
      </Typography.Title>
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
        rowClassName={(e) => (e.id === selected?.id ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('cap.period'), key: 'period', render: (_: unknown, e) => `${e.from} ~ ${e.to}` },
          {
            title: t('cap.score'),
            dataIndex: 'score',
            render: (s: number | null) => (s === null ? t('cap.noScore') : s),
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
              <Button size="small" onClick={() => setSelected(e)}>
                {t('cap.view')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
