// 驾驶舱: management figures for a period from GET /api/dashboard, one request, drawn with ECharts.
import { Button, Card, Col, Empty, Row, Segmented, Spin, Statistic, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, query } from '../../api/client';
import type { Dashboard } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLink } from '../../components/PageLink';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { Chart, type ChartOption } from './Chart';

const PERIODS = [30, 90, 180, 365];

function pieOption(rows: { name: string; value: number }[]): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: rows, label: { formatter: '{b}: {c}' } }],
  };
}

function barOption(rows: { name: string; value: number }[], horizontal = false): ChartOption {
  const names = rows.map((r) => r.name);
  const values = rows.map((r) => r.value);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: horizontal ? 120 : 40, right: 16, top: 16, bottom: 40 },
    xAxis: horizontal
      ? { type: 'value', minInterval: 1 }
      : { type: 'category', data: names, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: horizontal ? { type: 'category', data: names } : { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: values, barMaxWidth: 28, itemStyle: { color: '#1677ff' } }],
  };
}

function summary(rows: { name: string; value: number }[]): string {
  return rows.map((r) => `${r.name} ${r.value}`).join('，');
}

export default function DashboardPage() {
  const { t, label } = useI18n();
  const { navigate } = useRouter();
  const [days, setDays] = useState(180);
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    setError(null);
    api.get<Dashboard>(`/api/dashboard${query({ days })}`).then(setData, setError);
  }, [days]);
  useEffect(load, [load]);

  const charts = useMemo(() => {
    if (!data) return null;
    const rows = (list: { key: string; count: number }[], group?: string) =>
      list.map((r) => ({ name: group ? label(group, r.key) : r.key, value: r.count }));
    return {
      channel: rows(data.intakeByChannel, 'channel'),
      categories: rows(data.requirementCategories, 'category'),
      classes: rows(data.contracts.byClass, 'contractClass'),
      reasons: rows(data.contracts.specialReasons, 'reason'),
      complaints: rows(data.complaintsByCause, 'cause'),
    };
  }, [data, label]);

  const card = (title: string, rows: { name: string; value: number }[], kind: 'pie' | 'bar' | 'hbar') => (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} size="small">
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />
      ) : (
        <Chart
          label={`${title}：${summary(rows)}`}
          option={kind === 'pie' ? pieOption(rows) : barOption(rows, kind === 'hbar')}
        />
      )}
    </Card>
  );

  const maxWeight = Math.max(1, ...(data?.topKeywords.map((k) => k.weight) ?? [1]));
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('dashboard.title')}
      </Typography.Title>
      {/* Quality and the administrator answer to auditors; the trail is theirs to open from here. */}
      <PageLink page="audit" />
      <div style={{ marginBottom: 16 }}>
        <span id="dashboard-period" style={{ marginRight: 8 }}>
          {t('dashboard.period')}
        </span>
        <Segmented
          aria-labelledby="dashboard-period"
          // rc-segmented names the group "segmented control" unless told otherwise.
          aria-label={t('dashboard.period')}
          value={days}
          onChange={(v) => setDays(Number(v))}
          options={PERIODS.map((n) => ({ value: n, label: t('dashboard.days', { n }) }))}
        />
      </div>
      <ErrorAlert error={error} onRetry={load} />
      {!data || !charts ? (
        !error && <Spin aria-label={t('common.loading')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12} lg={6}>
            <Card size="small">
              <Statistic title={t('dashboard.specialShare')} value={pct(data.contracts.specialShare)} />
            </Card>
          </Col>
          <Col xs={24} md={12} lg={6}>
            <Card size="small">
              <Statistic title={t('dashboard.feedback48h')} value={pct(data.feedback48h.compliance)} />
              <Typography.Text type="secondary">
                {t('dashboard.onTime')} {data.feedback48h.onTime} · {t('dashboard.late')}{' '}
                {data.feedback48h.late} · {t('dashboard.overdueOpen')} {data.feedback48h.overdueOpen}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={24} md={12} lg={6}>
            <Card size="small">
              <Statistic
                title={`${t('dashboard.reviewCycle')} · ${t('dashboard.median')}`}
                value={data.reviewCycleHours.median ?? '—'}
              />
              <Typography.Text type="secondary">
                {t('dashboard.completed', { n: data.reviewCycleHours.completed })}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={24} md={12} lg={6}>
            <Card size="small">
              <Statistic
                title={`${t('dashboard.reviewCycle')} · ${t('dashboard.p90')}`}
                value={data.reviewCycleHours.p90 ?? '—'}
              />
            </Card>
          </Col>
          {data.planning && (
            <Col xs={24}>
              <Card size="small" data-testid="dashboard-planning">
                <Row gutter={[16, 8]} align="middle">
                  <Col xs={12} md={6}>
                    <Statistic title={t('dashboard.planOpen')} value={data.planning.open} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic
                      title={t('dashboard.planOverdue')}
                      value={data.planning.overdue}
                      valueStyle={data.planning.overdue > 0 ? { color: '#cf1322' } : undefined}
                    />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title={t('dashboard.supplierPending')} value={data.planning.supplierPending} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Button onClick={() => navigate('/plans')}>{t('dashboard.toPlans')}</Button>
                  </Col>
                </Row>
              </Card>
            </Col>
          )}
          <Col xs={24} lg={12}>
            {card(t('dashboard.intakeByChannel'), charts.channel, 'pie')}
          </Col>
          <Col xs={24} lg={12}>
            {card(t('dashboard.requirementCategories'), charts.categories, 'bar')}
          </Col>
          <Col xs={24} lg={12}>
            {card(t('dashboard.contractClasses'), charts.classes, 'pie')}
          </Col>
          <Col xs={24} lg={12}>
            {card(t('dashboard.specialReasons'), charts.reasons, 'hbar')}
          </Col>
          <Col xs={24} lg={12}>
            <Card
              title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dashboard.sentimentTrend')}</h2>}
              size="small"
            >
              {data.sentimentTrend.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />
              ) : (
                <Chart
                  label={t('dashboard.sentimentTrend')}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { bottom: 0 },
                    grid: { left: 40, right: 16, top: 16, bottom: 48 },
                    xAxis: { type: 'category', data: data.sentimentTrend.map((w) => w.week) },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: (['positive', 'neutral', 'negative'] as const).map((s) => ({
                      name: label('sentiment', s),
                      type: 'bar',
                      stack: 'total',
                      barMaxWidth: 28,
                      data: data.sentimentTrend.map((w) => w[s]),
                    })),
                    color: ['#52c41a', '#8c8c8c', '#f5222d'],
                  }}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            {card(t('dashboard.complaintsByCause'), charts.complaints, 'hbar')}
          </Col>
          <Col xs={24}>
            <Card
              title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dashboard.topKeywords')}</h2>}
              size="small"
            >
              {data.topKeywords.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />
              ) : (
                <ul
                  className="keyword-cloud"
                  aria-label={t('dashboard.topKeywords')}
                  style={{ listStyle: 'none', margin: 0 }}
                >
                  {data.topKeywords.map((k) => (
                    <li
                      key={k.word}
                      style={{ fontSize: 12 + Math.round((k.weight / maxWeight) * 16), color: '#1f1f1f' }}
                    >
                      {k.word}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
