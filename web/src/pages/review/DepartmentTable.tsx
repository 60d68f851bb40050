// Where each required department stands: pending or signed, its conclusion with conditions or
// reason, who signed (and as whose deputy) and when. The case owner brings a department in with a
// reason, or takes out one the routing policy does not require.
import { Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import type { Act, ContractCase, DepartmentStatus } from './types';

const SIGNING = ['sales', 'technical', 'purchasing', 'production', 'quality', 'finance'] as const;

function RouteForm({ data, busy, act }: { data: ContractCase; busy: boolean; act: Act }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<{ department: string; reason: string }>();
  const present = new Set(data.departments.map((d) => d.department));
  const missing = SIGNING.filter((d) => !present.has(d));
  if (missing.length === 0) return null;
  return (
    <Form
      form={form}
      layout="inline"
      style={{ marginTop: 12 }}
      data-testid="add-department-form"
      onFinish={(v) =>
        void act('departments', { ...v, expectedVersion: data.version }).then(
          (ok) => ok && form.resetFields(),
        )
      }
    >
      {/* A validator, not `required`: Ant Design would put aria-required on the select's <div>. */}
      <Form.Item
        name="department"
        label={t('review.dept.add')}
        rules={[
          {
            validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('review.required')))),
          },
        ]}
      >
        <Select
          style={{ width: 140 }}
          options={missing.map((d) => ({ value: d, label: label('department', d) }))}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('review.dept.reason')}
        rules={[{ required: true, whitespace: true, message: t('review.required') }]}
      >
        <Input maxLength={500} style={{ width: 280 }} />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        {t('review.dept.addSubmit')}
      </Button>
    </Form>
  );
}

const OUTCOME_COLOURS: Record<string, string> = {
  can_meet: 'green',
  can_meet_with_conditions: 'orange',
  cannot_meet: 'red',
};

export function DepartmentTable({
  data,
  route,
}: {
  data: ContractCase;
  /** Given when the user may change who reviews (the case owner, at a review stage). */
  route?: { busy: boolean; act: Act };
}) {
  const { t, label } = useI18n();
  const person = (id: string) => data.people?.[id] ?? id;
  return (
    <Card title={<CardTitle>{t('review.dept.title')}</CardTitle>} size="small" style={{ marginTop: 16 }}>
      <Table<DepartmentStatus>
        rowKey="department"
        size="small"
        pagination={false}
        dataSource={data.departments}
        data-testid="department-table"
        columns={[
          {
            title: t('customers.department'),
            dataIndex: 'department',
            render: (v: string, d) => (
              <Space size={4}>
                {label('department', v)}
                {d.required && <Tag color="blue">{t('review.dept.required')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('ledger.status'),
            dataIndex: 'status',
            render: (v: string, d) => (
              <>
                <Tag color={v === 'signed' ? 'green' : 'default'}>{label('signStatus', v)}</Tag>
                {d.trigger !== 'initial' && <Tag>{label('trigger', d.trigger)}</Tag>}
              </>
            ),
          },
          {
            title: t('review.dept.outcome'),
            dataIndex: 'outcome',
            render: (v: string | null) =>
              v ? <Tag color={OUTCOME_COLOURS[v]}>{label('outcome', v)}</Tag> : '',
          },
          {
            title: t('review.dept.conditions'),
            key: 'conditions',
            render: (_, d) => d.conditions ?? d.reason ?? '',
          },
          {
            title: t('review.dept.signer'),
            key: 'signer',
            render: (_, d) =>
              d.signature
                ? `${person(d.signature.userId)}${d.signature.deputyFor ? ` (${t('review.dept.deputy')})` : ''}`
                : '',
          },
          {
            title: t('review.dept.signedAt'),
            key: 'at',
            render: (_, d) => (d.signature ? dayjs(d.signature.at).format('YYYY-MM-DD HH:mm') : ''),
          },
          ...(route
            ? [
                {
                  title: '',
                  key: 'remove',
                  render: (_: unknown, d: DepartmentStatus) =>
                    !d.required && d.status === 'pending' ? (
                      <Button
                        size="small"
                        loading={route.busy}
                        onClick={() => {
                          const reason = window.prompt(t('review.dept.removeReason'));
                          if (reason?.trim())
                            void route.act('departments/remove', {
                              department: d.department,
                              reason,
                              expectedVersion: data.version,
                            });
                        }}
                      >
                        {t('review.dept.remove')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {route && <RouteForm data={data} busy={route.busy} act={route.act} />}
    </Card>
  );
}
