// The requirements of the case with their category, kind, special flag and the customer's own
// words they came from. While requirements are being confirmed, sales accepts or rejects each and
// then confirms the list, which starts the department reviews.
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import type { Act, CaseRequirement, ContractCase } from './types';

const STATUS_COLOURS: Record<string, string> = {
  proposed: 'default',
  accepted: 'green',
  rejected: 'default',
};

export function RequirementList({
  data,
  canConfirm,
  busy,
  act,
}: {
  data: ContractCase;
  canConfirm: boolean;
  busy: boolean;
  act: Act;
}) {
  const { t, label } = useI18n();
  const proposed = data.requirements.filter((r) => r.status === 'proposed');
  const decide = (op: 'accept' | 'reject', ids: string[]) =>
    act('requirements', { edits: ids.map((requirementId) => ({ op, requirementId })) });

  return (
    <Card
      title={<CardTitle>{t('intake.requirements')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="case-requirements"
      extra={
        canConfirm ? (
          <Space>
            <Button
              disabled={proposed.length === 0}
              loading={busy}
              onClick={() =>
                void decide(
                  'accept',
                  proposed.map((r) => r.id),
                )
              }
            >
              {t('review.req.acceptAll')}
            </Button>
            <Button type="primary" loading={busy} onClick={() => void act('requirements/confirm', {})}>
              {t('review.req.confirm')}
            </Button>
          </Space>
        ) : undefined
      }
    >
      {canConfirm && (
        <Typography.Paragraph type="secondary">{t('review.req.confirmHint')}</Typography.Paragraph>
      )}
      <Table<CaseRequirement>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data.requirements}
        columns={[
          { title: '#', dataIndex: 'id', width: 56 },
          {
            title: t('intake.reqText'),
            dataIndex: 'text',
            render: (text: string, r) => (
              <div>
                <div>{text}</div>
                {r.source?.quote && r.source.quote !== text && (
                  <Typography.Text type="secondary">
                    {t('review.req.source')}：「{r.source.quote}」
                  </Typography.Text>
                )}
              </div>
            ),
          },
          {
            title: t('intake.category'),
            dataIndex: 'category',
            render: (v: string) => <Tag>{label('category', v)}</Tag>,
          },
          {
            title: t('intake.kind'),
            dataIndex: 'kind',
            render: (v: string, r: CaseRequirement) =>
              r.basis ? (
                // From the register: the entry's number says which law or standard it is.
                <Tooltip title={`${t('laws.title')}：${r.basis.title}`}>
                  <span>
                    {label('kind', v)} <Tag color="geekblue">{r.basis.number}</Tag>
                  </span>
                </Tooltip>
              ) : (
                label('kind', v)
              ),
          },
          {
            title: t('intake.special'),
            dataIndex: 'special',
            render: (v: boolean) => (v ? <Tag color="red">{t('intake.special')}</Tag> : t('common.no')),
          },
          { title: t('intake.priority'), dataIndex: 'priority', render: (v: string) => label('priority', v) },
          {
            title: t('ledger.status'),
            dataIndex: 'status',
            render: (v: string, r) =>
              canConfirm ? (
                <Space size={4} wrap>
                  <Tag color={STATUS_COLOURS[v]}>{label('requirementStatus', v)}</Tag>
                  {v !== 'accepted' && (
                    <Button
                      size="small"
                      // The name must contain the visible text: no space inserted between two characters.
                      autoInsertSpace={false}
                      aria-label={`${t('review.req.accept')} ${r.id}`}
                      disabled={busy}
                      onClick={() => void decide('accept', [r.id])}
                    >
                      {t('review.req.accept')}
                    </Button>
                  )}
                  {v !== 'rejected' && (
                    <Button
                      size="small"
                      danger
                      autoInsertSpace={false}
                      aria-label={`${t('review.req.reject')} ${r.id}`}
                      disabled={busy}
                      onClick={() => void decide('reject', [r.id])}
                    >
                      {t('review.req.reject')}
                    </Button>
                  )}
                </Space>
              ) : (
                <Tag color={STATUS_COLOURS[v]}>{label('requirementStatus', v)}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
