// 工作台: what the signed-in user has to do now — every to-do of theirs (GET /api/todos: each review
// step waiting for them, with the 48-hour clock, and amendment notices until acknowledged) — then
// open reviews, new intake to process, overdue items and recent complaints (GET /api/workbench).
import { Button, Card, Col, Empty, List, Pagination, Row, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type Access, departmentMay, ROUTE_PERMISSIONS } from '../../../../src/auth/permissions';
import { api, isMissingRoute, query } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useRouter } from '../../router';
import { useSession } from '../../session';
import { Deadline, TodoList } from '../../todos/TodoList';
import { TODO_PAGE_SIZE, useTodos } from '../../todos/todos';
import { intakeRecordPath } from '../intake/record-path';
import { contractCasePath } from '../review/route';

type Item = Record<string, unknown>;
interface Sections {
  myReviews: Item[];
  newIntake: Item[];
  overdue: Item[];
  complaints: Item[];
  /** How many there are in all, where the server sends only the first rows. */
  totals?: Partial<Record<'myReviews' | 'overdue', number>>;
}

const SECTIONS: { key: Exclude<keyof Sections, 'totals'>; title: MessageKey; aliases: string[] }[] = [
  { key: 'myReviews', title: 'workbench.myReviews', aliases: ['myOpenReviews', 'reviews', 'openReviews'] },
  { key: 'newIntake', title: 'workbench.newIntake', aliases: ['intake', 'intakes'] },
  { key: 'overdue', title: 'workbench.overdue', aliases: ['overdueItems'] },
  { key: 'complaints', title: 'workbench.complaints', aliases: ['recentComplaints'] },
];

function arr(v: unknown): Item[] {
  if (Array.isArray(v)) return v as Item[];
  if (v && typeof v === 'object' && Array.isArray((v as Item).items)) return (v as Item).items as Item[];
  return [];
}

function sectionsOf(body: Item): Sections {
  const out = { myReviews: [], newIntake: [], overdue: [], complaints: [] } as Sections;
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
    complaints: [],
  };
}

/** `pasted` names an intake record whose pasted text is not yet read (it has no title yet). */
function titleOf(item: Item, pasted: string): string {
  const parts = [item.number, item.customerName ?? item.customer, item.title ?? item.fileName ?? item.text]
    .filter((v) => typeof v === 'string' && v.length > 0)
    .map((v) => String(v));
  if (parts.length === 0 && typeof item.intakeId === 'string') return pasted;
  return (parts.join(' · ') || String(item.id ?? '')).slice(0, 120);
}

/** Where an item leads: its review case, or an intake record's result on the intake page. */
function linkOf(item: Item): string | null {
  if (typeof item.contractId === 'string') return contractCasePath(item.contractId);
  if (typeof item.intakeId === 'string') return intakeRecordPath(item.intakeId);
  return null;
}

function dueOf(item: Item): string | null {
  const due = item.feedbackDueAt ?? item.dueAt ?? item.deadline;
  return typeof due === 'string' ? due : null;
}

/** The signed-in user's to-dos, first on the page. */
function MyTodos() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const { todos, error, load } = useTodos({ page });
  return (
    <Card
      size="small"
      data-testid="workbench-todos"
      title={
        <h2 style={{ fontSize: 16, margin: 0 }}>
          {t('todo.title')}{' '}
          <Tag color={todos?.items.some((x) => x.overdue) ? 'red' : undefined}>{todos?.total ?? 0}</Tag>
        </h2>
      }
      style={{ marginBottom: 16 }}
    >
      <ErrorAlert error={error} onRetry={() => void load()} />
      {todos ? <TodoList items={todos.items} /> : <Spin aria-label={t('common.loading')} />}
      {/* Every to-do is counted; beyond a page of them the list pages, it is never cut. */}
      {todos && todos.total > TODO_PAGE_SIZE && (
        <Pagination
          size="small"
          style={{ marginTop: 12, textAlign: 'right' }}
          current={page}
          pageSize={TODO_PAGE_SIZE}
          total={todos.total}
          showSizeChanger={false}
          onChange={setPage}
          data-testid="todo-pages"
        />
      )}
    </Card>
  );
}

export default function WorkbenchPage() {
  const { t, label } = useI18n();
  const { user } = useSession();
  const { navigate } = useRouter();
  // The button follows the matrix row of the write it leads to, not the menu entry: the
  // administrator may open the intake page (mailbox status) but may not take messages in.
  const mayTakeIn =
    !!user && departmentMay(ROUTE_PERMISSIONS['POST /api/intake'] as Access, user.department, user.deputyFor);
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
        setSections({ myReviews: [], newIntake: [], overdue: [], complaints: [] });
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
        {/* Offered only to who may take messages in; the others would meet a closed page. */}
        {mayTakeIn && (
          <Button type="primary" onClick={() => navigate('/intake')}>
            {t('workbench.newMessage')}
          </Button>
        )}{' '}
        <Button onClick={() => navigate('/plans')}>{t('plans.open')}</Button>
      </Typography.Paragraph>
      <ErrorAlert error={error} onRetry={load} />
      <MyTodos />
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
                    renderItem={(item) => {
                      const to = linkOf(item);
                      return (
                        <List.Item>
                          <div>
                            <div>
                              {to ? (
                                <a
                                  href={to}
                                  onClick={(e) => {
                                    e.preventDefault();
                                    navigate(to);
                                  }}
                                >
                                  {titleOf(item, t('intakeHistory.pasted'))}
                                </a>
                              ) : (
                                titleOf(item, t('intakeHistory.pasted'))
                              )}
                            </div>
                            {typeof item.status === 'string' && <Tag>{label('status', item.status)}</Tag>}
                            {typeof item.department === 'string' && (
                              <Tag>{label('department', item.department)}</Tag>
                            )}
                            <Deadline due={dueOf(item)} />
                          </div>
                        </List.Item>
                      );
                    }}
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
