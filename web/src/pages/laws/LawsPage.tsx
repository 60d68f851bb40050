// 法律法规清单: the register searched and filtered on the server, with the review-due tag, each
// department's read confirmation, and — for quality and admin — register, edit, supersede, import
// and export. Every signed-in user confirms an entry for their own department.
import { App as AntApp, Button, Form, Select, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Department } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal, useSaving } from '../../components/FormModal';
import { usePagedPagination } from '../../components/PagedTable';
import { SearchBox } from '../../components/SearchBox';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useRouter } from '../../router';
import { useSession } from '../../session';
import { LawForm } from './LawForm';
import type { LawEntry, LawHistoryEntry, ScopeOptions } from './types';

const STATUS_FILTERS = ['all', 'current', 'superseded', 'due'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

interface ImportReport {
  written: boolean;
  created: number;
  updated: number;
  unchanged: number;
  invalidRows: number;
  issues: { row: number; column: string | null; message: string }[];
}

function History({ id }: { id: string }) {
  const { t, label } = useI18n();
  const [items, setItems] = useState<LawHistoryEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get<{ items: LawHistoryEntry[] }>(`/api/laws/${id}/history`).then((r) => setItems(r.items), setError);
  }, [id]);
  if (error) return <ErrorAlert error={error} />;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {(items ?? []).map((h) => (
        <li key={`${h.at}-${h.action}`}>
          {dayjs(h.at).format('YYYY-MM-DD HH:mm')} · {h.actorName ?? h.actorDepartment ?? '—'}
          {h.actorDepartment ? `（${label('department', h.actorDepartment)}）` : ''} ·{' '}
          {t(`laws.action.${h.action}` as MessageKey)}
        </li>
      ))}
    </ul>
  );
}

function Details({ entry }: { entry: LawEntry }) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      <div>
        <Typography.Text strong>{t('laws.obligations')}：</Typography.Text>
        {entry.obligations}
      </div>
      {entry.sourceUrl && (
        <div>
          <Typography.Text strong>{t('laws.sourceUrl')}：</Typography.Text>
          <a href={entry.sourceUrl} target="_blank" rel="noreferrer">
            {entry.sourceUrl}
          </a>
        </div>
      )}
      {entry.attachment && (
        <div>
          <Typography.Text strong>{t('laws.attachment')}：</Typography.Text>
          <a href={`/api/laws/${entry.id}/attachment`}>{entry.attachment.name}</a>
        </div>
      )}
      <div>
        <Typography.Text strong>
          {t('laws.history')}（{t('laws.revision', { n: entry.revision })}）
        </Typography.Text>
        <History id={entry.id} />
      </div>
    </div>
  );
}

export default function LawsPage() {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { user } = useSession();
  const { message, modal } = AntApp.useApp();
  const { search } = useRouter();
  // The status filter is in the address (?status=); the register opens on the entries in force.
  const status = STATUS_FILTERS.find((s) => s === search.get('status')) ?? 'current';
  const list = usePaged<LawEntry>('/api/laws', {
    fixed: {
      status: status === 'current' || status === 'superseded' ? status : undefined,
      due: status === 'due' ? 'true' : undefined,
    },
  });
  const pagination = usePagedPagination(list);
  const [options, setOptions] = useState<ScopeOptions | null>(null);
  const [editing, setEditing] = useState<LawEntry | 'new' | null>(null);
  const [superseding, setSuperseding] = useState<LawEntry | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const department = user?.department;
  const maintains =
    department === 'quality' ||
    department === 'admin' ||
    department === 'general_manager' ||
    user?.deputyFor === 'quality';

  useEffect(() => {
    api.get<ScopeOptions>('/api/laws/scope-options').then(setOptions, setActionError);
  }, []);

  const confirm = async (entry: LawEntry) => {
    setActionError(null);
    try {
      await api.post(`/api/laws/${entry.id}/confirm`);
      void message.success(t('laws.confirmedMine'));
      list.reload();
    } catch (err) {
      setActionError(err);
    }
  };

  const importFile = async (file: File) => {
    setActionError(null);
    const body = new FormData();
    body.append('file', file);
    try {
      const r = await api.post<ImportReport>('/api/laws/import', body);
      if (r.written) {
        void message.success(
          t('laws.importDone', { created: r.created, updated: r.updated, unchanged: r.unchanged }),
        );
        list.reload();
      }
      if (r.issues.length > 0)
        modal.warning({
          title: r.written
            ? t('laws.importDone', { created: r.created, updated: r.updated, unchanged: r.unchanged })
            : t('laws.importRefused', { n: r.invalidRows }),
          width: 640,
          content: (
            <ul data-testid="law-import-issues">
              {r.issues.map((i) => (
                <li key={`${i.row}-${i.column}-${i.message}`}>{i18n.pick(i.message)}</li>
              ))}
            </ul>
          ),
        });
    } catch (err) {
      setActionError(err);
    }
  };

  const confirmations = (entry: LawEntry) => {
    const named = new Set<Department>([
      ...entry.departments,
      ...entry.confirmations.map((c) => c.department),
    ]);
    return (
      <Space size={[4, 4]} wrap>
        {[...named].map((d) => {
          const c = entry.confirmations.find((x) => x.department === d);
          return (
            <Tooltip
              key={d}
              title={
                c
                  ? t('laws.confirmedBy', {
                      name: c.userName ?? '—',
                      at: dayjs(c.confirmedAt).format('YYYY-MM-DD HH:mm'),
                      revision: c.revision,
                    })
                  : t('laws.notConfirmed')
              }
            >
              <Tag color={c ? 'green' : 'default'} data-testid={`confirm-${d}`}>
                {label('department', d)}
                {c ? ' ✓' : ''}
              </Tag>
            </Tooltip>
          );
        })}
      </Space>
    );
  };

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('laws.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('laws.intro')}</Typography.Paragraph>
      <Space wrap align="end" style={{ marginBottom: 8 }}>
        <SearchBox
          id="laws-search"
          label={t('laws.searchLabel')}
          placeholder={t('common.searchPlaceholder')}
          key={`q-${list.q}`}
          defaultValue={list.q}
          onSearch={list.search}
        />
        <div style={{ marginBottom: 16 }}>
          <label htmlFor="laws-status" style={{ display: 'block', marginBottom: 4 }}>
            {t('laws.statusFilter')}
          </label>
          <Select<StatusFilter>
            id="laws-status"
            style={{ width: 140 }}
            value={status}
            onChange={(s) => list.setFilter('status', s === 'current' ? undefined : s)}
            options={STATUS_FILTERS.map((s) => ({
              value: s,
              label: t(`laws.status.${s}`),
            }))}
          />
        </div>
        <Space style={{ marginBottom: 16 }} wrap>
          {maintains && (
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('laws.create')}
            </Button>
          )}
          {maintains && (
            <Upload
              accept=".csv,.xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void importFile(file);
                return false;
              }}
            >
              <Button>{t('laws.import')}</Button>
            </Upload>
          )}
          <Button href="/api/laws/export?format=xlsx">{t('laws.export')} XLSX</Button>
          <Button href="/api/laws/export?format=csv">{t('laws.export')} CSV</Button>
        </Space>
      </Space>
      <ErrorAlert error={actionError} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<LawEntry>
        rowKey="id"
        size="small"
        data-testid="laws-table"
        loading={list.loading}
        dataSource={list.items}
        pagination={pagination}
        expandable={{
          expandedRowRender: (entry) => <Details entry={entry} />,
          // Ant Design's expand icon is a button without a name; screen readers need one.
          expandIcon: ({ expanded, onExpand, record }) => (
            <button
              type="button"
              className={`ant-table-row-expand-icon ant-table-row-expand-icon-${expanded ? 'expanded' : 'collapsed'}`}
              aria-label={`${t('common.details')} ${record.number}`}
              aria-expanded={expanded}
              onClick={(e) => onExpand(record, e)}
            />
          ),
        }}
        columns={[
          { title: t('laws.number'), dataIndex: 'number', width: 150 },
          {
            title: t('laws.name'),
            key: 'title',
            render: (_: unknown, e) => (
              <>
                <div>{e.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.issuer}
                </Typography.Text>
              </>
            ),
          },
          {
            title: t('laws.scope'),
            key: 'scope',
            render: (_: unknown, e) =>
              e.scope.all ? (
                <Tag color="blue">{t('laws.scopeAll')}</Tag>
              ) : (
                <Space size={[4, 4]} wrap>
                  {e.scope.categories.map((c) => (
                    <Tag key={`c-${c}`}>{c}</Tag>
                  ))}
                  {e.scope.processes.map((p) => (
                    <Tag key={`p-${p}`} color="purple">
                      {p}
                    </Tag>
                  ))}
                </Space>
              ),
          },
          {
            title: t('laws.reviewDue'),
            dataIndex: 'reviewDue',
            width: 130,
            render: (v: string, e) => (
              <>
                <div>{v}</div>
                {e.reviewDueSoon && (
                  <Tag
                    color={v < dayjs().format('YYYY-MM-DD') ? 'red' : 'orange'}
                    data-testid="review-due-tag"
                  >
                    {v < dayjs().format('YYYY-MM-DD') ? t('laws.overdueTag') : t('laws.dueTag')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: t('laws.statusCol'),
            dataIndex: 'status',
            width: 120,
            render: (v: LawEntry['status'], e) => (
              <>
                <Tag color={v === 'current' ? 'green' : 'default'}>{t(`laws.status.${v}`)}</Tag>
                {e.supersededBy && (
                  <div style={{ fontSize: 12 }}>
                    {t('laws.supersededBy', { number: e.supersededBy.number })}
                  </div>
                )}
              </>
            ),
          },
          { title: t('laws.confirmed'), key: 'confirmations', render: (_: unknown, e) => confirmations(e) },
          {
            title: '',
            key: 'actions',
            width: 220,
            render: (_: unknown, e) => {
              const mine = e.confirmations.some((c) => c.department === department);
              return (
                <Space size={4} wrap>
                  <Button size="small" disabled={mine} onClick={() => void confirm(e)}>
                    {mine ? t('laws.confirmedMine') : t('laws.confirm')}
                  </Button>
                  {maintains && (
                    <Button size="small" onClick={() => setEditing(e)}>
                      {t('laws.edit')}
                    </Button>
                  )}
                  {maintains && e.status === 'current' && (
                    <Button size="small" onClick={() => setSuperseding(e)}>
                      {t('laws.supersede')}
                    </Button>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      {editing && (
        <LawForm
          open
          entry={editing === 'new' ? null : editing}
          options={options}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
      {superseding && (
        <SupersedeDialog
          entry={superseding}
          onDone={() => {
            setSuperseding(null);
            list.reload();
          }}
          onCancel={() => setSuperseding(null)}
        />
      )}
    </div>
  );
}

function SupersedeDialog(props: { entry: LawEntry; onDone(): void; onCancel(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ supersededBy: string }>();
  const { error, saving, save } = useSaving();
  const [current, setCurrent] = useState<LawEntry[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    api
      .get<{ items: LawEntry[] }>('/api/laws?status=current&pageSize=500')
      .then((r) => setCurrent(r.items.filter((e) => e.id !== props.entry.id)), setLoadError);
  }, [props.entry.id]);
  return (
    <FormModal
      open
      title={t('laws.supersedeTitle', { number: props.entry.number })}
      okText={t('common.save')}
      error={error ?? loadError}
      saving={saving}
      onCancel={props.onCancel}
      onSubmit={async () => {
        const v = await form.validateFields();
        await save(async () => {
          await api.post(`/api/laws/${props.entry.id}/supersede`, v);
          props.onDone();
        });
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="supersededBy"
          label={t('laws.supersedeWith')}
          rules={[{ required: true, message: t('laws.required') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={current.map((e) => ({ value: e.id, label: `${e.number} ${e.title}` }))}
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
