// 顾客特殊要求识别与评价表: every CSR register entry with its evaluation — can it be met, conditions,
// cost, time, responsible department, actions, status and next review — filtered to what is due,
// evaluated in a dialog (sales, engineering, quality, GM), with each entry's history and the table
// exported as the procedure's form. Opened from the customers page (?customer= narrows it to one).
import {
  Button,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api, query } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal, useSaving } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { formatTime, useMayCall } from '../feedback/shared';

type Feasible = 'yes' | 'conditional' | 'no';
type Status = 'open' | 'in_progress' | 'implemented' | 'not_accepted';
type View = 'all' | 'due' | 'unevaluated';

interface Evaluation {
  feasible: Feasible;
  conditions: string | null;
  cost: string | null;
  timeNeeded: string | null;
  responsibleDepartment: string;
  actions: string | null;
  status: Status;
  nextReviewDate: string;
  version: number;
  evaluatedByName: string | null;
  evaluatedAt: string;
}

interface Row {
  id: string;
  customerId: string;
  customerName: string;
  clause: string | null;
  sourceDocument: string | null;
  text: string;
  category: string;
  status: 'active' | 'inactive';
  evaluation: Evaluation | null;
  reviewDue: boolean;
  overdue: boolean;
}

interface Change {
  at: string;
  actorName: string | null;
  after: Record<string, unknown> | null;
}

const FEASIBLE_COLOURS: Record<Feasible, string> = { yes: 'green', conditional: 'gold', no: 'red' };
const DEPARTMENTS = [
  'sales',
  'technical',
  'purchasing',
  'production',
  'quality',
  'finance',
  'general_manager',
];
const STATUSES: Status[] = ['open', 'in_progress', 'implemented', 'not_accepted'];

interface FormValues {
  feasible: Feasible;
  conditions?: string;
  cost?: string;
  timeNeeded?: string;
  responsibleDepartment: string;
  actions?: string;
  status: Status;
  nextReviewDate: Dayjs;
}

function EvaluateDialog({ row, onClose, onSaved }: { row: Row | null; onClose(): void; onSaved(): void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const { error, saving, save, setError } = useSaving();
  const feasible = Form.useWatch('feasible', form);
  useEffect(() => {
    setError(null);
    if (!row) return;
    const e = row.evaluation;
    form.setFieldsValue({
      feasible: e?.feasible ?? 'yes',
      conditions: e?.conditions ?? '',
      cost: e?.cost ?? '',
      timeNeeded: e?.timeNeeded ?? '',
      responsibleDepartment: e?.responsibleDepartment ?? 'quality',
      actions: e?.actions ?? '',
      status: e?.status ?? 'open',
      nextReviewDate: e ? dayjs(e.nextReviewDate) : dayjs().add(1, 'year'),
    });
  }, [row, form, setError]);
  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      await api.put(`/api/csr/${row!.id}/evaluation`, {
        ...v,
        nextReviewDate: v.nextReviewDate.format('YYYY-MM-DD'),
        version: row!.evaluation?.version ?? 0,
      });
      onSaved();
    });
  };
  const required = [{ required: true, message: t('csrEval.required') }];
  return (
    <FormModal
      open={row !== null}
      title={t('csrEval.evaluateTitle', { clause: row?.clause ?? row?.text.slice(0, 20) ?? '' })}
      okText={t('common.save')}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={onClose}
      width={640}
    >
      <Typography.Paragraph type="secondary">{row?.text}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="feasible" label={t('csrEval.feasible')} rules={required}>
          <Select
            options={(['yes', 'conditional', 'no'] as const).map((v) => ({
              value: v,
              label: label('csrFeasible', v),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="conditions"
          label={t('csrEval.conditions')}
          rules={feasible === 'conditional' ? required : []}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="cost" label={t('csrEval.cost')}>
            <Input maxLength={500} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="timeNeeded" label={t('csrEval.time')}>
            <Input maxLength={200} style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="responsibleDepartment" label={t('csrEval.responsible')} rules={required}>
            <Select
              style={{ width: 180 }}
              options={DEPARTMENTS.map((d) => ({ value: d, label: label('department', d) }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('csrEval.status')} rules={required}>
            <Select
              style={{ width: 220 }}
              options={STATUSES.map((s) => ({ value: s, label: label('csrEvalStatus', s) }))}
            />
          </Form.Item>
          <Form.Item name="nextReviewDate" label={t('csrEval.nextReview')} rules={required}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="actions" label={t('csrEval.actions')} rules={feasible === 'no' ? required : []}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function History({ row, onClose }: { row: Row | null; onClose(): void }) {
  const { t, label } = useI18n();
  const [items, setItems] = useState<Change[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setItems(null);
    if (row)
      api
        .get<{ items: Change[] }>(`/api/csr/${row.id}/evaluation/history`)
        .then((r) => setItems(r.items), setError);
  }, [row]);
  return (
    <Modal
      open={row !== null}
      title={t('csrEval.historyTitle')}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <List<Change>
        loading={items === null && !error}
        dataSource={items ?? []}
        locale={{ emptyText: t('csrEval.noHistory') }}
        renderItem={(c) => {
          const a = c.after ?? {};
          return (
            <List.Item>
              <List.Item.Meta
                title={`${formatTime(c.at)} ${c.actorName ?? ''}`}
                description={[
                  label('csrFeasible', String(a.feasible ?? '')),
                  label('csrEvalStatus', String(a.status ?? '')),
                  label('department', String(a.responsible_department ?? '')),
                  `${t('csrEval.nextReview')} ${String(a.next_review_date ?? '')}`,
                ].join(' · ')}
              />
            </List.Item>
          );
        }}
      />
    </Modal>
  );
}

export default function CsrEvaluationPage() {
  const { t, label } = useI18n();
  const { search } = useRouter();
  const customerId = search.get('customer');
  const [view, setView] = useState<View>(search.get('view') === 'due' ? 'due' : 'all');
  const [rows, setRows] = useState<Row[]>([]);
  const [due, setDue] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Row | null>(null);
  const [history, setHistory] = useState<Row | null>(null);
  const canEvaluate = useMayCall('PUT /api/csr/:csrId/evaluation');
  const load = useCallback(() => {
    setLoading(true);
    setError(null);
    api
      .get<{ items: Row[]; due: number }>(`/api/csr/evaluations${query({ customerId, view })}`)
      .then((r) => {
        setRows(r.items);
        setDue(r.due);
      }, setError)
      .finally(() => setLoading(false));
  }, [customerId, view]);
  useEffect(load, [load]);
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('csrEval.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('csrEval.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<View>
          aria-label={t('csrEval.status')}
          value={view}
          onChange={setView}
          options={(['all', 'due', 'unevaluated'] as const).map((v) => ({
            value: v,
            label: t(`csrEval.view.${v}`),
          }))}
        />
        {view === 'all' && due > 0 && <Tag color="orange">{t('csrEval.dueCount', { n: due })}</Tag>}
        <Button href={`/api/csr/evaluations/export${query({ customerId, view, format: 'xlsx' })}`}>
          {t('csrEval.export')}
        </Button>
      </Space>
      <ErrorAlert error={error} onRetry={load} />
      <Table<Row>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        data-testid="csr-evaluation-table"
        pagination={{ pageSize: 50, showTotal: (n) => t('common.total', { n }) }}
        scroll={{ x: 1100 }}
        columns={[
          { title: t('csrEval.customer'), dataIndex: 'customerName', width: 160 },
          { title: t('csrEval.clause'), dataIndex: 'clause', width: 90 },
          { title: t('csrEval.requirement'), dataIndex: 'text' },
          {
            title: t('csrEval.feasible'),
            key: 'feasible',
            width: 120,
            render: (_: unknown, r) =>
              r.evaluation ? (
                <Tag color={FEASIBLE_COLOURS[r.evaluation.feasible]}>
                  {label('csrFeasible', r.evaluation.feasible)}
                </Tag>
              ) : (
                <Tag>{t('csrEval.notEvaluated')}</Tag>
              ),
          },
          {
            title: t('csrEval.conditions'),
            key: 'conditions',
            render: (_: unknown, r) => r.evaluation?.conditions ?? '',
          },
          { title: t('csrEval.cost'), key: 'cost', render: (_: unknown, r) => r.evaluation?.cost ?? '' },
          {
            title: t('csrEval.time'),
            key: 'time',
            render: (_: unknown, r) => r.evaluation?.timeNeeded ?? '',
          },
          {
            title: t('csrEval.responsible'),
            key: 'responsible',
            render: (_: unknown, r) =>
              r.evaluation ? label('department', r.evaluation.responsibleDepartment) : '',
          },
          {
            title: t('csrEval.actions'),
            key: 'actions',
            render: (_: unknown, r) => r.evaluation?.actions ?? '',
          },
          {
            title: t('csrEval.status'),
            key: 'status',
            render: (_: unknown, r) => (r.evaluation ? label('csrEvalStatus', r.evaluation.status) : ''),
          },
          {
            title: t('csrEval.nextReview'),
            key: 'next',
            width: 150,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                {r.evaluation?.nextReviewDate ?? ''}
                {r.overdue ? (
                  <Tag color="red">{t('csrEval.overdue')}</Tag>
                ) : (
                  r.reviewDue && r.evaluation && <Tag color="orange">{t('csrEval.due')}</Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('csrEval.operations'),
            key: 'ops',
            width: 150,
            fixed: 'right',
            render: (_: unknown, r) => (
              <Space size={4}>
                {canEvaluate && (
                  <Button
                    size="small"
                    type={r.reviewDue ? 'primary' : 'default'}
                    onClick={() => setEditing(r)}
                  >
                    {r.evaluation ? t('csrEval.reevaluate') : t('csrEval.evaluate')}
                  </Button>
                )}
                <Button size="small" onClick={() => setHistory(r)}>
                  {t('csrEval.history')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <EvaluateDialog
        row={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          load();
        }}
      />
      <History row={history} onClose={() => setHistory(null)} />
    </div>
  );
}
