// Where each required department stands: pending or signed, its conclusion with conditions or
// reason, who signed (and as whose deputy) and when.
import { Card, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import type { ContractCase, DepartmentStatus } from './types';

const OUTCOME_COLOURS: Record<string, string> = {
  can_meet: 'green',
  can_meet_with_conditions: 'orange',
  cannot_meet: 'red',
};

export function DepartmentTable({ data }: { data: ContractCase }) {
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
            render: (v: string) => label('department', v),
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
        ]}
      />
    </Card>
  );
}
