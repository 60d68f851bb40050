// 满意度调查: record one survey per customer and period, list the surveys and show the index trend. The
// customer filter and the table's page and size are in the address like the other tabs' lists.
import { App as AntApp, Button, Card, Empty, Form, Input, InputNumber, Radio, Space, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { addressPage } from '../../address-list';
import { api, query } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSaving } from '../../components/FormModal';
import { useListParams } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { Chart } from '../dashboard/Chart';
import { FilterBar } from './FilterBar';
import { CustomerSelect, formatTime, useCanRecord } from './shared';
import { SATISFACTION_DIMENSIONS, type SatisfactionAnswer, type Survey } from './types';

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

interface SurveyValues {
  customerId: string;
  period: string;
  scale: 5 | 100;
  scores: Partial<Record<string, number | null>>;
  respondent?: string;
  comment?: string;
}

function SurveyForm({ onSaved }: { onSaved(): void }) {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<SurveyValues>();
  const scale = Form.useWatch('scale', form) ?? 5;
  const { error, setError, saving, save } = useSaving();

  const submit = async () => {
    const v = await form.validateFields();
    const scores = Object.fromEntries(
      SATISFACTION_DIMENSIONS.map((d) => [d, v.scores?.[d] ?? null]).filter(([, s]) => s !== null),
    );
    if (Object.keys(scores).length === 0) {
      setError(new Error(t('sat.scoreRequired')));
      return;
    }
    await save(async () => {
      await api.post<Survey>('/api/satisfaction', {
        customerId: v.customerId,
        period: v.period.trim(),
        scale: v.scale,
        scores,
        respondent: v.respondent ?? null,
        comment: v.comment ?? null,
      });
      void message.success(t('sat.saved'));
      form.resetFields(['scores', 'respondent', 'comment']);
      onSaved();
    });
  };

  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('sat.record')}</h2>}
      style={{ marginBottom: 16 }}
    >
      <ErrorAlert error={error} />
      <Form<SurveyValues> form={form} layout="vertical" name="survey" initialValues={{ scale: 5 }}>
        <Space wrap align="start">
          <Form.Item
            name="customerId"
            label={t('fb.customer')}
            rules={[{ required: true, message: t('fb.customerPlaceholder') }]}
          >
            <CustomerSelect allowClear={false} />
          </Form.Item>
          <Form.Item
            name="period"
            label={t('sat.period')}
            extra={t('sat.periodHelp')}
            rules={[{ required: true, pattern: PERIOD, message: t('sat.periodRequired') }]}
          >
            <Input style={{ width: 140 }} placeholder="2026-Q1" />
          </Form.Item>
          <Form.Item name="scale" label={t('sat.scale')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 5, label: t('sat.scale5') },
                { value: 100, label: t('sat.scale100') },
              ]}
            />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          {SATISFACTION_DIMENSIONS.map((d) => (
            <Form.Item key={d} name={['scores', d]} label={label('satisfactionDimension', d)}>
              <InputNumber
                min={scale === 5 ? 1 : 0}
                max={scale}
                step={scale === 5 ? 1 : 5}
                style={{ width: 110 }}
              />
            </Form.Item>
          ))}
        </Space>
        <Space wrap align="start">
          <Form.Item name="respondent" label={t('sat.respondent')}>
            <Input style={{ width: 200 }} maxLength={200} />
          </Form.Item>
          <Form.Item name="comment" label={t('sat.comment')}>
            <Input style={{ width: 420 }} maxLength={4000} />
          </Form.Item>
        </Space>
        <Button type="primary" loading={saving} onClick={() => void submit().catch(() => undefined)}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

export function SatisfactionTab() {
  const { t, label } = useI18n();
  const canRecord = useCanRecord();
  const address = useListParams();
  const customerId = address.search.get('customerId') ?? undefined;
  const { page, pageSize } = addressPage(address.search, 20);
  // Another customer's surveys start at their first page.
  const setCustomer = (_: string, v: string | undefined) => address.set({ customerId: v, page: undefined });
  const [data, setData] = useState<SatisfactionAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(() => {
    setLoading(true);
    setError(null);
    api
      .get<SatisfactionAnswer>(`/api/satisfaction${query({ customerId })}`)
      .then(setData, setError)
      .finally(() => setLoading(false));
  }, [customerId]);
  useEffect(load, [load]);

  const trend = data?.trend ?? [];
  return (
    <div>
      {canRecord && <SurveyForm onSaved={load} />}
      <FilterBar
        idPrefix="survey"
        values={{ customerId }}
        onChange={setCustomer}
        fields={[
          {
            kind: 'customer',
            name: 'customerId',
            label: t('fb.customer'),
            placeholder: t('fb.allCustomers'),
          },
        ]}
      />
      <ErrorAlert error={error} onRetry={load} />
      <Card
        size="small"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('sat.trend')}</h2>}
        style={{ marginBottom: 16 }}
      >
        {trend.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kpi.noData')} />
        ) : (
          <Chart
            height={220}
            label={`${t('sat.trend')}：${trend.map((p) => `${p.period} ${p.index}`).join('，')}`}
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 40, right: 16, top: 16, bottom: 32 },
              xAxis: { type: 'category', data: trend.map((p) => p.period) },
              yAxis: { type: 'value', min: 0, max: 100 },
              series: [{ type: 'line', name: t('sat.index'), data: trend.map((p) => p.index) }],
            }}
          />
        )}
      </Card>
      <Table<Survey>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, size) =>
            address.set({
              page: size === pageSize && p > 1 ? p : undefined,
              pageSize: size === 20 ? undefined : size,
            }),
        }}
        columns={[
          { title: t('fb.customer'), dataIndex: 'customerName' },
          { title: t('sat.period'), dataIndex: 'period' },
          {
            title: t('sat.scale'),
            dataIndex: 'scale',
            render: (s: number) => (s === 5 ? t('sat.scale5') : t('sat.scale100')),
          },
          ...SATISFACTION_DIMENSIONS.map((d) => ({
            title: label('satisfactionDimension', d),
            key: d,
            render: (_: unknown, s: Survey) => s.scores[d] ?? '',
          })),
          {
            title: t('sat.index'),
            dataIndex: 'index',
            render: (v: number | null) => (v === null ? '—' : <strong>{v}</strong>),
          },
          { title: t('sat.respondent'), dataIndex: 'respondent' },
          { title: t('sat.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
        ]}
      />
    </div>
  );
}
