// The requirements of the case with their category, kind, special flag and the customer's own
// words they came from. While requirements are being confirmed, sales accepts or rejects each and
// then confirms the list, which starts the department reviews. Until a department signs, the case
// owner corrects the list (edit, add, reject with a reason, merge duplicates) — the server says
// when (`actions.EDIT_REQUIREMENTS`); every correction goes to the history and the review record.
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import { RequirementCorrection } from './RequirementCorrection';
import type { CorrectionMode } from './requirement-edits';
import type { Act, CaseRequirement, ContractCase } from './types';

const STATUS_COLOURS: Record<string, string> = {
  proposed: 'default',
  accepted: 'green',
  rejected: 'default',
};

export function RequirementList({
  data,
  canConfirm,
  canCorrect,
  busy,
  act,
  error,
}: {
  data: ContractCase;
  canConfirm: boolean;
  /** The owner may still correct the list (no department has signed). */
  canCorrect: boolean;
  busy: boolean;
  act: Act;
  /** The page's last refusal, for the correction dialog. */
  error?: unknown;
}) {
  const { t, label } = useI18n();
  const [correcting, setCorrecting] = useState<CorrectionMode | null>(null);
  const proposed = data.requirements.filter((r) => r.status === 'proposed');
  const accept = (ids: string[]) =>
    act('requirements', { edits: ids.map((requirementId) => ({ op: 'accept', requirementId })) });
  const open = data.requirements.filter((r) => r.status !== 'rejected');

  return (
    <Card
      title={<CardTitle>{t('intake.requirements')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="case-requirements"
      extra={
        canConfirm || canCorrect ? (
          <Space wrap>
            {canCorrect && (
              <Button disabled={busy} onClick={() => setCorrecting({ op: 'add' })}>
                {t('review.req.add')}
              </Button>
            )}
            {canConfirm && (
              <>
                <Button
                  disabled={proposed.length === 0}
                  loading={busy}
                  onClick={() => void accept(proposed.map((r) => r.id))}
                >
                  {t('review.req.acceptAll')}
                </Button>
                <Button type="primary" loading={busy} onClick={() => void act('requirements/confirm', {})}>
                  {t('review.req.confirm')}
                </Button>
              </>
            )}
          </Space>
        ) : undefined
      }
    >
      {canConfirm && (
        <Typography.Paragraph type="secondary">{t('review.req.confirmHint')}</Typography.Paragraph>
      )}
      {canCorrect && (
        <Typography.Paragraph type="secondary">{t('review.req.correctHint')}</Typography.Paragraph>
      )}
      <Table<CaseRequirement>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data.requirements}
        scroll={{ x: 'max-content' }}
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
            render: (v: string, r) => (
              <Space size={4} wrap>
                {r.mergedInto ? (
                  <Tag>{t('review.req.mergedInto', { id: r.mergedInto })}</Tag>
                ) : (
                  <Tag color={STATUS_COLOURS[v]}>{label('requirementStatus', v)}</Tag>
                )}
                {canCorrect && (
                  // The name must contain the visible text: no space inserted between two characters.
                  <>
                    {v !== 'accepted' && !r.mergedInto && (
                      <Button
                        size="small"
                        autoInsertSpace={false}
                        aria-label={`${t('review.req.accept')} ${r.id}`}
                        disabled={busy}
                        onClick={() => void accept([r.id])}
                      >
                        {t('review.req.accept')}
                      </Button>
                    )}
                    {v !== 'rejected' && (
                      <>
                        <Button
                          size="small"
                          autoInsertSpace={false}
                          aria-label={`${t('review.req.edit')} ${r.id}`}
                          disabled={busy}
                          onClick={() => setCorrecting({ op: 'edit', id: r.id })}
                        >
                          {t('review.req.edit')}
                        </Button>
                        {open.length > 1 && (
                          <Button
                            size="small"
                            autoInsertSpace={false}
                            aria-label={`${t('review.req.merge')} ${r.id}`}
                            disabled={busy}
                            onClick={() => setCorrecting({ op: 'merge', id: r.id })}
                          >
                            {t('review.req.merge')}
                          </Button>
                        )}
                        <Button
                          size="small"
                          danger
                          autoInsertSpace={false}
                          aria-label={`${t('review.req.reject')} ${r.id}`}
                          disabled={busy}
                          onClick={() => setCorrecting({ op: 'reject', id: r.id })}
                        >
                          {t('review.req.reject')}
                        </Button>
                      </>
                    )}
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <RequirementCorrection
        mode={correcting}
        requirements={data.requirements}
        busy={busy}
        act={act}
        error={error}
        onClose={() => setCorrecting(null)}
      />
    </Card>
  );
}
