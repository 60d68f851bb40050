// 消息记录: the messages taken in for a customer with the sentiment the analysis read, paged on the
// server, and the monthly sentiment trend as an ECharts line. The chart library loads only when
// this tab opens, so the customer list stays light.
import { Empty, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { api, query } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { formatTime, SentimentTag } from '../feedback/shared';

const Chart = lazy(() => import('../dashboard/Chart').then((m) => ({ default: m.Chart })));

interface HistoryItem {
  id: string;
  receivedAt: string;
  channel: string;
  fileName: string | null;
  status: string;
  excerpt: string;
  sentiment: string | null;
  sentimentScore: number | null;
  intent: string | null;
}

interface TrendPoint {
  month: string;
  messages: number;
  meanScore: number | null;
  positive: number;
  neutral: number;
  negative: number;
}

interface History {
  items: HistoryItem[];
  total: number;
  trend: TrendPoint[];
}

function SentimentTrend({ trend }: { trend: TrendPoint[] }) {
  const { t } = useI18n();
  const title = t('customers.sentimentTrend');
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: trend.map((p) => p.month) },
      yAxis: [
        { type: 'value', min: -1, max: 1, name: t('customers.sentimentScore') },
        { type: 'value', minInterval: 1, name: t('customers.messages') },
      ],
      series: [
        {
          name: t('customers.sentimentScore'),
          type: 'line',
          smooth: true,
          data: trend.map((p) => p.meanScore),
        },
        {
          name: t('customers.messages'),
          type: 'bar',
          yAxisIndex: 1,
          barMaxWidth: 24,
          itemStyle: { opacity: 0.35 },
          data: trend.map((p) => p.messages),
        },
      ],
    }),
    [trend, t],
  );
  // Screen readers get the figures the line shows.
  const summary = `${title}: ${trend.map((p) => `${p.month} ${p.meanScore ?? '—'}（${p.messages}）`).join('；')}`;
  return (
    <Suspense fallback={<div style={{ height: 240 }} />}>
      <div data-testid="customer-sentiment-chart">
        <Chart option={option} label={summary} height={240} />
      </div>
    </Suspense>
  );
}

export function CustomerHistory({ customerId }: { customerId: string }) {
  const { t, label } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [data, setData] = useState<History | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    api
      .get<History>(`/api/customers/${encodeURIComponent(customerId)}/history${query({ page, pageSize })}`)
      .then(
        (r) => live && setData(r),
        (err: unknown) => live && setError(err),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [customerId, page, pageSize]);

  if (error) return <ErrorAlert error={error} />;
  return (
    <div data-testid="customer-history">
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('customers.sentimentTrend')}
      </Typography.Title>
      {data && data.trend.length > 0 ? (
        <SentimentTrend trend={data.trend} />
      ) : (
        !loading && <Empty description={t('customers.noHistory')} />
      )}
      <Table<HistoryItem>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('customers.noHistory') }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          },
        }}
        columns={[
          {
            title: t('customers.receivedAt'),
            dataIndex: 'receivedAt',
            width: 140,
            render: (v: string) => formatTime(v),
          },
          {
            title: t('customers.channel'),
            dataIndex: 'channel',
            width: 80,
            render: (v: string) => label('channel', v),
          },
          {
            title: t('customers.excerpt'),
            dataIndex: 'excerpt',
            render: (v: string, r) => v || r.fileName || label('status', r.status),
          },
          {
            title: t('customers.intent'),
            dataIndex: 'intent',
            width: 90,
            render: (v: string | null) => (v ? <Tag>{label('intent', v)}</Tag> : ''),
          },
          {
            title: t('customers.sentiment'),
            dataIndex: 'sentiment',
            width: 110,
            render: (v: string | null, r) => <SentimentTag sentiment={v} score={r.sentimentScore} />,
          },
        ]}
      />
    </div>
  );
}
