// 工作台: what the signed-in user has to do now — open reviews with the 48-hour clock, new intake
// to process, overdue items, unread amendment notices, recent complaints — in one request
// (GET /api/workbench).
import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, List, Row, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api, isMissingRoute, query } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useRouter } from '../../router';
import { useSession } from '../../session';
import { contractCasePath } from '../review/route';

type Item = Record<string, unknown>;
interface Sections {
  myReviews: Item[];
  newIntake: Item[];
  overdue: Item[];
  amendments: Item[];
  complaints: Item[];
  /** How many there are in all, where the server sends only the first rows. */
  totals?: Partial<Record<'myReviews' | 'overdue', number>>;
}

const SECTIONS: { key: Exclude<keyof Sections, 'totals'>; title: MessageKey; aliases: string[] }[] = [
  { key: 'myReviews', title: 'workbench.myReviews', aliases: ['myOpenReviews', 'reviews', 'openReviews'] },
  { key: 'newIntake', title: 'workbench.newIntake', aliases: ['intake', 'intakes'] },
  { key: 'overdue', title: 'workbench.overdue', aliases: ['overdueItems'] },
  { key: 'amendments', title: 'workbench.amendments', aliases: ['amendmentNotices'] },
  { key: 'complaints', title: 'workbench.complaints', aliases: ['recentComplaints'] },
];

function arr(v: unknown): Item[] {
  if (Array.isArray(v)) return v as Item[];
  if (v && typeof v === 'object' && Array.isArray((v as Item).items)) return (v as Item).items as Item[];
  return [];
}

function sectionsOf(body: Item): Sections {
  const out = { myReviews: [], newIntake: [], overdue: [], amendments: [], complaints: [] } as Sections;
  for (const s of SECTIONS) {
    const found = [s.key, ...s.aliases].map((k) => body[k]).find((v) => v !== undefined);
    out[s.key] = arr(found);
  }
  out.totals = {
    ...(typeof body.myOpenReviewsTotal === 'number' ? { myReviews: body.myOpenReviewsTotal } : {}),
    ...(typeof body.overdueTotal === 'number' ? { overdue: body.overdueTotal } : {}),
  };
  return out;
}

/** Without the workbench endpoint, the intake list and the ledger give the same picture. */
async function fallbackSections(): Promise<Sections> {
  const [intake, contracts] = await Promise.allSettled([
    api.get<unknown>(`/api/intake${query({ pageSize: 10 })}`),
    api.get<unknown>(`/api/contracts${query({ pageSize: 50 })}`),
  ]);
  const open = contracts.status === 'fulfilled' ? arr(contracts.value) : [];
  const now = Date.now();
  return {
    myReviews: open.filter(
      (c) => !['approved', 'rejected', 'closed', 'confirmed'].includes(String(c.status)),
    ),
    newIntake: intake.status === 'fulfilled' ? arr(intake.value) : [],
    overdue: open.filter((c) => typeof c.feedbackDueAt === 'string' && Date.parse(c.feedbackDueAt) < now),
    amendments: [],
    complaints: [],
  };
}

function titleOf(item: Item): string {
  const parts = [item.number, item.customerName ?? item.customer, item.title ?? item.fileName ?? item.text]
    .filter((v) => typeof v === 'string' && v.length > 0)
    .map((v) => String(v));
  return (parts.join(' · ') || String(item.id ?? '')).slice(0, 120);
}

function Deadline({ item }: { item: Item }) {
  const { t } = useI18n();
  const due = item.feedbackDueAt ?? item.dueAt ?? item.deadline;
  if (typeof due !== 'string') return null;
  const hours = Math.round((Date.parse(due) - Date.now()) / 3_600_000);
  return (
    <Tag icon={<ClockCircleOutlined />} color={hours < 0 ? 'red' : hours < 8 ? 'orange' : 'blue'}>
      {t('workbench.due', { time: dayjs(due).format('MM-DD HH:mm') })} ·{' '}
      {hours < 0 ? t('workbench.overdueBy', { h: -hours }) : t('workbench.remaining', { h: hours })}
    </Tag>
  );
}

export default function WorkbenchPage() {
  const { t, label } = useI18n();
  const { user } = useSession();
  const { navigate } = useRouter();
  const [sections, setSections] = useState<Sections | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    setError(null);
    api
      .get<Item>('/api/workbench')
      .then(sectionsOf)
      .catch((err: unknown) => {
        if (isMissingRoute(err)) return fallbackSections();
        throw err;
      })
      .then(setSections, (err: unknown) => {
        setError(err);
        setSections({ myReviews: [], newIntake: [], overdue: [], amendments: [], complaints: [] });
      });
  }, []);
  useEffect(load, [load]);

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('workbench.title')}
      </Typography.Title>
      <Typography.Paragraph>
        {t('workbench.greeting', { name: user?.displayName ?? '' })}{' '}
        <Button type="primary" onClick={() => navigate('/intake')}>
          {t('workbench.newMessage')}
        </Button>
      </Typography.Paragraph>
      <ErrorAlert error={error} onRetry={load} />
      {!sections ? (
        <Spin aria-label={t('common.loading')} />
      ) : (
        <Row gutter={[16, 16]}>
          {SECTIONS.map((s) => (
            <Col xs={24} lg={12} key={s.key}>
              <Card
                title={
                  <h2 style={{ fontSize: 16, margin: 0 }}>
                    {t(s.title)}{' '}
                    <Tag>
                      {(s.key === 'myReviews' || s.key === 'overdue'
                        ? sections.totals?.[s.key]
                        : undefined) ?? sections[s.key].length}
                    </Tag>
                  </h2>
                }
                size="small"
              >
                {sections[s.key].length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />
                ) : (
                  <List
                    size="small"
                    dataSource={sections[s.key].slice(0, 10)}
                    renderItem={(item) => (
                      <List.Item>
                        <div>
                          <div>
                            {typeof item.contractId === 'string' ? (
                              <a
                                href={contractCasePath(item.contractId)}
                                onClick={(e) => {
                                  e.preventDefault();
                                  navigate(contractCasePath(String(item.contractId)));
                                }}
                              >
                                {titleOf(item)}
                              </a>
                            ) : (
                              titleOf(item)
                            )}
                          </div>
                          {typeof item.status === 'string' && <Tag>{label('status', item.status)}</Tag>}
                          {typeof item.department === 'string' && (
                            <Tag>{label('department', item.department)}</Tag>
                          )}
                          <Deadline item={item} />
                          {s.key === 'amendments' && typeof item.message === 'object' && item.message && (
                            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                              {String((item.message as { zh?: unknown }).zh ?? '')}
                            </Typography.Paragraph>
                          )}
                        </div>
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
