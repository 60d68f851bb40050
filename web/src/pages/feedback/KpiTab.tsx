// KPI 指标: the customer-side figures for a period (GET /api/kpis) as cards, complaints by cause
// and by month, and the satisfaction trend. A rate the server cannot compute is shown as "—". The
// period chosen is in the address (?from=&to=), so a link or reload shows the same figures.
import { Card, Col, DatePicker, Empty, Row, Spin, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, query } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useListParams } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { Chart } from '../dashboard/Chart';
import { COMPLAINT_CAUSES, type CustomerKpis, type SatisfactionAnswer } from './types';

const CAUSES = [...COMPLAINT_CAUSES, 'unclassified'] as const;
const CAUSE_COLOURS = ['#1677ff', '#fa8c16', '#13c2c2', '#722ed1', '#eb2f96', '#a0d911', '#8c8c8c'];

/** A day from the address, or null for a missing or hand-mangled one. */
function dayOf(raw: string | null): Dayjs | null {
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const d = dayjs(raw);
  return d.isValid() ? d : null;
}

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const num = (v: number | null) => (v === null ? '—' : v);

export function KpiTab() {
  const { t, label } = useI18n();
  // The server's default period (last 12 months) until the user picks one.
  const address = useListParams();
  const from = dayOf(address.search.get('from'));
  const to = dayOf(address.search.get('to'));
  const range: [Dayjs, Dayjs] | null = from && to ? [from, to] : null;
  const [kpis, setKpis] = useState<CustomerKpis | null>(null);
  const [trend, setTrend] = useState<SatisfactionAnswer['trend']>([]);
  const [error, setError] = useState<unknown>(null);

  const fromDay = from?.format('YYYY-MM-DD');
  const toDay = to?.format('YYYY-MM-DD');
  const load = useCallback(() => {
    setError(null);
    const period = fromDay && toDay ? { from: fromDay, to: toDay } : {};
    api.get<CustomerKpis>(`/api/kpis${query(period)}`).then(setKpis, setError);
    api.get<SatisfactionAnswer>('/api/satisfaction').then((r) => setTrend(r.trend), setError);
  }, [fromDay, toDay]);
  useEffect(load, [load]);

  const byCause = useMemo(
    () =>
      kpis
        ? CAUSES.map((c) => ({
            key: c,
            name: label('cause', c),
            value: kpis.complaints.byCause[c] ?? 0,
          })).filter((r) => r.value > 0)
        : [],
    [kpis, label],
  );

  const inPeriodTrend = kpis
    ? trend.filter(
        (p) =>
          p.period.slice(0, 4) >= kpis.period.from.slice(0, 4) &&
          p.period.slice(0, 4) <= kpis.period.to.slice(0, 4),
      )
    : [];

  const card = (title: string, value: string | number, detail?: string, testId?: string) => (
    <Col flex="1 1 170px">
      <Card size="small" style={{ height: '100%' }} data-testid={testId}>
        <Statistic title={title} value={value} />
        {detail && <Typography.Text type="secondary">{detail}</Typography.Text>}
      </Card>
    </Col>
  );

  const chartCard = (title: string, body: React.ReactNode, span: number) => (
    <Col xs={24} lg={span}>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}>
        {body}
      </Card>
    </Col>
  );
  const noData = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kpi.noData')} />;

  return (
    <div>
      <div style={{ marginBottom: 16 }}>
        <span id="kpi-period" style={{ marginRight: 8 }}>
          {t('kpi.period')}
        </span>
        <DatePicker.RangePicker
          aria-labelledby="kpi-period"
          allowClear={false}
          value={range ?? (kpis ? [dayjs(kpis.period.from), dayjs(kpis.period.to)] : null)}
          onChange={(v) => {
            if (v?.[0] && v[1])
              address.set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
          }}
        />
      </div>
      <ErrorAlert error={error} onRetry={load} />
      {!kpis ? (
        !error && <Spin aria-label={t('common.loading')} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {card(
              t('kpi.complaints'),
              kpis.complaints.total,
              t('kpi.feedbackTotal', { n: kpis.feedbackTotal }),
              'kpi-complaints',
            )}
            {card(t('kpi.openComplaints'), kpis.openComplaints, undefined, 'kpi-open')}
            {card(t('kpi.ratePer100'), num(kpis.complaintRatePer100Contracts))}
            {card(t('kpi.meanDaysToClose'), num(kpis.meanDaysToClose))}
            {card(
              t('kpi.actionClosure'),
              pct(kpis.actionClosure.rate),
              t('kpi.actionClosureDetail', {
                closed: kpis.actionClosure.closed,
                onTime: kpis.actionClosure.onTime,
              }),
              'kpi-actions',
            )}
            {card(t('kpi.satisfactionIndex'), num(kpis.satisfactionIndex))}
            {card(
              t('kpi.feedback48h'),
              pct(kpis.feedback48h.rate),
              t('kpi.feedback48hDetail', {
                due: kpis.feedback48h.due,
                compliant: kpis.feedback48h.compliant,
              }),
            )}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            {chartCard(
              t('kpi.byCause'),
              byCause.length === 0 ? (
                noData
              ) : (
                <Chart
                  label={`${t('kpi.byCause')}：${byCause.map((r) => `${r.name} ${r.value}`).join('，')}`}
                  option={{
                    tooltip: { trigger: 'item' },
                    legend: { bottom: 0 },
                    series: [
                      {
                        type: 'pie',
                        radius: ['35%', '65%'],
                        data: byCause.map((r) => ({
                          name: r.name,
                          value: r.value,
                          itemStyle: { color: CAUSE_COLOURS[CAUSES.indexOf(r.key)] },
                        })),
                        label: { formatter: '{b}: {c}' },
                      },
                    ],
                  }}
                />
              ),
              8,
            )}
            {chartCard(
              t('kpi.byMonth'),
              kpis.complaints.byMonth.length === 0 ? (
                noData
              ) : (
                <Chart
                  label={`${t('kpi.byMonth')}：${kpis.complaints.byMonth.map((m) => `${m.month} ${m.count}`).join('，')}`}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { bottom: 0 },
                    grid: { left: 40, right: 16, top: 16, bottom: 56 },
                    xAxis: { type: 'category', data: kpis.complaints.byMonth.map((m) => m.month) },
                    yAxis: { type: 'value', minInterval: 1 },
                    color: CAUSE_COLOURS,
                    series: CAUSES.map((c) => ({
                      name: label('cause', c),
                      type: 'bar',
                      stack: 'total',
                      barMaxWidth: 28,
                      data: kpis.complaints.byMonth.map((m) => m.byCause[c] ?? 0),
                    })),
                  }}
                />
              ),
              16,
            )}
            {chartCard(
              t('kpi.satisfactionTrend'),
              inPeriodTrend.length === 0 ? (
                noData
              ) : (
                <Chart
                  label={`${t('kpi.satisfactionTrend')}：${inPeriodTrend.map((p) => `${p.period} ${p.index}`).join('，')}`}
                  option={{
                    tooltip: { trigger: 'axis' },
                    grid: { left: 40, right: 16, top: 16, bottom: 32 },
                    xAxis: { type: 'category', data: inPeriodTrend.map((p) => p.period) },
                    yAxis: { type: 'value', min: 0, max: 100 },
                    series: [{ type: 'line', name: t('sat.index'), data: inPeriodTrend.map((p) => p.index) }],
                  }}
                />
              ),
              24,
            )}
          </Row>
        </>
      )}
    </div>
  );
}
