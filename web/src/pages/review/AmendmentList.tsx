// Every amendment of the contract with what changed, field by field, and which departments it sent
// back to review.
import { Card, Empty, List, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import type { ContractCase, FieldChange } from './types';

function isQuantity(v: unknown): v is { value: number; unit: string | null } {
  return typeof v === 'object' && v !== null && 'value' in v && 'unit' in v && Object.keys(v).length === 2;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (isQuantity(value)) return `${value.value}${value.unit ? ` ${value.unit}` : ''}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function DiffTable({ diff, recordOnly }: { diff: FieldChange[]; recordOnly: boolean }) {
  const { t, label } = useI18n();
  return (
    <Table<FieldChange>
      rowKey="path"
      size="small"
      pagination={false}
      dataSource={diff}
      columns={[
        {
          title: t('review.amend.field'),
          dataIndex: 'field',
          render: (v: string, c) => `${label('changeField', v)} (${c.path})`,
        },
        {
          title: t('review.amend.before'),
          dataIndex: 'before',
          render: (v: unknown) => <del style={{ color: '#a8071a' }}>{show(v)}</del>,
        },
        {
          title: t('review.amend.after'),
          dataIndex: 'after',
          render: (v: unknown) => <ins style={{ color: '#135200', textDecoration: 'none' }}>{show(v)}</ins>,
        },
        {
          // A change record resets no sign-off; the departments a field concerns are only notified.
          title: recordOnly ? t('review.amend.concerned') : t('review.amend.departments'),
          dataIndex: 'departments',
          render: (ds: string[]) => ds.map((d) => <Tag key={d}>{label('department', d)}</Tag>),
        },
      ]}
    />
  );
}

export function AmendmentList({ data }: { data: ContractCase }) {
  const { t, label } = useI18n();
  const person = (id: string) => data.people?.[id] ?? id;
  const names = (ds: string[]) => ds.map((d) => label('department', d)).join('、') || '—';
  return (
    <Card title={<CardTitle>{t('review.amend.title')}</CardTitle>} size="small" style={{ marginTop: 16 }}>
      {data.amendments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.amend.none')} />
      ) : (
        <List
          dataSource={data.amendments}
          data-testid="amendment-list"
          renderItem={(a) => (
            <List.Item key={a.id}>
              <div style={{ width: '100%' }}>
                <Typography.Text strong>
                  {label('amendmentKind', a.kind)} · v{a.fromVersion} → v{a.toVersion}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {person(a.by)} {dayjs(a.at).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
                {a.reason && <div>{a.reason}</div>}
                <DiffTable diff={a.diff} recordOnly={a.kind === 'change_record'} />
                <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="amendment-rereview">
                  {a.affectedDepartments.length > 0
                    ? t('review.amend.reReview', { departments: names(a.affectedDepartments) })
                    : t('review.amend.recordOnly', {
                        departments: names([...new Set(a.diff.flatMap((c) => c.departments))]),
                      })}
                </Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
