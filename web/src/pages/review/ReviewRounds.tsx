// Earlier review rounds, read-only: each round an amendment closed (a void and re-sign, a clause
// change) as it was — its number, class, order, department opinions and conclusion — so a reader
// sees what was reviewed before the contract changed.
import { Card, Collapse, Descriptions, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import { OrderItemsTable } from './CaseOrder';
import type { ContractCase, ReviewRound } from './types';

function RoundBody({ round, data }: { round: ReviewRound; data: ContractCase }) {
  const { t, label } = useI18n();
  const person = (id: string) => data.people?.[id] ?? id;
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('ledger.class')}>
          {label('contractClass', round.classification.contractClass)}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.order.deliveryDate')}>
          {round.terms.delivery.date ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.order.paymentTerms')}>
          {round.terms.paymentTerms ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.rounds.conclusion')}>
          {round.conclusion
            ? `${label('conclusion', round.conclusion.decision)}（${person(round.conclusion.signature.userId)}，${dayjs(round.conclusion.signature.at).format('YYYY-MM-DD HH:mm')}）`
            : t('review.rounds.none')}
        </Descriptions.Item>
      </Descriptions>
      <OrderItemsTable lines={round.terms.items} />
      <Table
        style={{ marginTop: 8 }}
        rowKey="department"
        size="small"
        pagination={false}
        dataSource={round.signOffs}
        columns={[
          {
            title: t('review.rounds.signOffs'),
            dataIndex: 'department',
            render: (v: string) => label('department', v),
          },
          {
            title: t('review.dept.outcome'),
            render: (_: unknown, s) =>
              s.outcome ? <Tag>{label('outcome', s.outcome)}</Tag> : label('signStatus', s.status),
          },
          {
            title: t('review.files.by'),
            render: (_: unknown, s) =>
              s.signature
                ? `${person(s.signature.userId)} ${dayjs(s.signature.at).format('YYYY-MM-DD HH:mm')}`
                : '—',
          },
        ]}
      />
    </>
  );
}

export function ReviewRounds({ data }: { data: ContractCase }) {
  const { t, label } = useI18n();
  const earlier = (data.rounds ?? []).filter((r) => !r.current);
  if (earlier.length === 0) return null;
  const person = (id: string) => data.people?.[id] ?? id;
  return (
    <Card
      title={<CardTitle>{t('review.rounds.title')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="review-rounds"
    >
      <Collapse
        items={earlier.map((r) => ({
          key: String(r.round),
          label: (
            <span>
              {t('review.rounds.round', { n: r.round, number: r.number })}
              {r.closedBy &&
                ` — ${t('review.rounds.closedBy', {
                  kind: label('amendmentKind', r.closedBy.kind),
                  reason: r.closedBy.reason || '—',
                  by: person(r.closedBy.by),
                  at: dayjs(r.closedBy.at).format('YYYY-MM-DD HH:mm'),
                })}`}
            </span>
          ),
          children: <RoundBody round={r} data={data} />,
        }))}
      />
    </Card>
  );
}
