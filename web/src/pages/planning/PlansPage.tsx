// 需求计划与传递: the plan items of accepted requirements (filter by status, department, one's own;
// search; XLSX export; the owner or a planning department updates an item) and, on the second tab,
// the customer requirements to pass on to suppliers, per supplier, which purchasing records as
// passed. Reached from the workbench and the dashboard (?tab=suppliers opens the second tab).
import {
  App as AntApp,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, query, request } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal, useSaving } from '../../components/FormModal';
import { usePagedPagination } from '../../components/PagedTable';
import { SearchBox } from '../../components/SearchBox';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { useSession } from '../../session';
import { PlanItemForm, type PlanTarget } from './PlanItemForm';
import { STATE_COLOURS, useMay } from './shared';
import {
  type Owner,
  PLAN_DEPARTMENTS,
  PLAN_STATES,
  type PlanItem,
  type PlanState,
  type SupplierRequirement,
} from './types';

function CaseLink({ contractId, number, anchor }: { contractId: string; number: string; anchor?: string }) {
  const { navigate } = useRouter();
  const href = `/contracts/${encodeURIComponent(contractId)}${anchor ? `#${anchor}` : ''}`;
  return (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault();
        navigate(href);
      }}
    >
      {number}
    </a>
  );
}

function PlanItems() {
  const { t, label } = useI18n();
  const { user } = useSession();
  const may = useMay();
  const planner = may('POST /api/contracts/:id/requirements/:requirementId/plan');
  const [state, setState] = useState<PlanState | 'open' | 'all'>('open');
  const [department, setDepartment] = useState<string>('all');
  const [mine, setMine] = useState(false);
  const filters = {
    state: state === 'all' ? undefined : state,
    department: department === 'all' ? undefined : department,
    owner: mine ? 'me' : undefined,
  };
  const list = usePaged<PlanItem>('/api/plan-items', { fixed: filters, inAddress: false });
  const pagination = usePagedPagination(list);
  const [owners, setOwners] = useState<Owner[]>([]);
  const [editing, setEditing] = useState<PlanTarget | null>(null);
  const { message } = AntApp.useApp();

  useEffect(() => {
    api.get<{ owners: Owner[] }>('/api/plan-items?pageSize=1').then(
      (r) => setOwners(r.owners),
      () => setOwners([]),
    );
  }, []);

  return (
    <>
      <Space wrap align="end" style={{ marginBottom: 8 }}>
        <SearchBox
          id="plans-search"
          label={t('plans.search')}
          placeholder={t('common.searchPlaceholder')}
          onSearch={list.search}
        />
        <div style={{ marginBottom: 16 }}>
          <label htmlFor="plans-state" style={{ display: 'block', marginBottom: 4 }}>
            {t('plans.stateFilter')}
          </label>
          <Select
            id="plans-state"
            style={{ width: 130 }}
            value={state}
            onChange={setState}
            options={[
              { value: 'open', label: label('planState', 'open') },
              ...PLAN_STATES.map((s) => ({ value: s, label: label('planState', s) })),
              { value: 'all', label: t('plans.state.all') },
            ]}
          />
        </div>
        <div style={{ marginBottom: 16 }}>
          <label htmlFor="plans-department" style={{ display: 'block', marginBottom: 4 }}>
            {t('plans.departmentFilter')}
          </label>
          <Select
            id="plans-department"
            style={{ width: 140 }}
            value={department}
            onChange={setDepartment}
            options={[
              { value: 'all', label: t('plans.allDepartments') },
              ...PLAN_DEPARTMENTS.map((d) => ({ value: d, label: label('department', d) })),
            ]}
          />
        </div>
        <Checkbox style={{ marginBottom: 20 }} checked={mine} onChange={(e) => setMine(e.target.checked)}>
          {t('plans.mine')}
        </Checkbox>
        <Button
          style={{ marginBottom: 16 }}
          href={`/api/plan-items/export${query({ ...filters, q: list.q })}`}
        >
          {t('plans.export')}
        </Button>
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<PlanItem>
        rowKey="id"
        size="small"
        data-testid="plans-table"
        loading={list.loading}
        dataSource={list.items}
        pagination={pagination}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('plans.contract'),
            key: 'contract',
            render: (_: unknown, p) => (
              <>
                <CaseLink contractId={p.contractId} number={p.number} anchor="planning" />
                <div>
                  <Typography.Text type="secondary">{p.customer}</Typography.Text>
                </div>
              </>
            ),
          },
          {
            title: t('plans.requirement'),
            key: 'requirement',
            render: (_: unknown, p) => `${p.requirementId} ${p.requirementText ?? ''}`,
          },
          {
            title: t('plans.owner'),
            key: 'owner',
            render: (_: unknown, p) => p.owner.name ?? '—',
          },
          {
            title: t('plans.department'),
            dataIndex: 'department',
            render: (v: string) => label('department', v),
          },
          { title: t('plans.due'), dataIndex: 'dueDate' },
          { title: t('plans.link'), dataIndex: 'link', render: (v: string | null) => v ?? '—' },
          {
            title: t('plans.status'),
            dataIndex: 'state',
            render: (v: PlanState) => (
              <Tag color={STATE_COLOURS[v]} data-testid="plan-state">
                {label('planState', v)}
              </Tag>
            ),
          },
          { title: t('plans.notes'), dataIndex: 'notes', render: (v: string | null) => v ?? '' },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, p) =>
              planner || p.owner.id === user?.id ? (
                <Button
                  size="small"
                  // The name must contain the visible text: no space inserted between two characters.
                  autoInsertSpace={false}
                  aria-label={`${t('plans.edit')} ${p.number} ${p.requirementId}`}
                  onClick={() => setEditing({ kind: 'edit', item: p })}
                >
                  {t('plans.edit')}
                </Button>
              ) : null,
          },
        ]}
      />
      <PlanItemForm
        target={editing}
        owners={owners}
        planner={planner}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void message.success(t('plans.saved'));
          list.reload();
        }}
      />
    </>
  );
}

function PassedForm(props: { item: SupplierRequirement | null; onSaved(): void; onCancel(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ on: Dayjs | null; note: string }>();
  const { error, saving, save } = useSaving();
  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      await api.post(`/api/supplier-requirements/${props.item!.id}/passed`, {
        ...(v.on ? { on: v.on.format('YYYY-MM-DD') } : {}),
        note: v.note?.trim() || null,
      });
      props.onSaved();
    });
  };
  return (
    <FormModal
      open={props.item !== null}
      title={t('plans.markPassedTitle', { supplier: props.item?.supplier ?? '' })}
      okText={t('plans.markPassed')}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="on" label={t('plans.passedOn')}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('plans.passNote')}>
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function SupplierRequirements() {
  const { t, label } = useI18n();
  const may = useMay();
  const { message, modal } = AntApp.useApp();
  const canPass = may('POST /api/supplier-requirements/:id/passed');
  const canWithdraw = may('DELETE /api/supplier-requirements/:id');
  const [supplier, setSupplier] = useState<string>('');
  const [state, setState] = useState<'pending' | 'passed' | 'all'>('pending');
  const filters = { supplier: supplier || undefined, state: state === 'all' ? undefined : state };
  const list = usePaged<SupplierRequirement>('/api/supplier-requirements', {
    fixed: filters,
    inAddress: false,
  });
  const pagination = usePagedPagination(list);
  const [suppliers, setSuppliers] = useState<{ supplier: string; pending: number; passed: number }[]>([]);
  const [passing, setPassing] = useState<SupplierRequirement | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const reloads = list.items.length + list.total;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the counts follow the list's reloads
  useEffect(() => {
    api
      .get<{ suppliers: typeof suppliers }>('/api/supplier-requirements?pageSize=1')
      .then((r) => setSuppliers(r.suppliers), setActionError);
  }, [reloads]);

  const withdraw = (s: SupplierRequirement) =>
    modal.confirm({
      title: t('plans.withdrawConfirm', { supplier: s.supplier }),
      okText: t('plans.withdraw'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setActionError(null);
        try {
          await request('DELETE', `/api/supplier-requirements/${s.id}`);
          list.reload();
        } catch (err) {
          setActionError(err);
        }
      },
    });

  return (
    <>
      <Space wrap size={[8, 8]} style={{ marginBottom: 12 }} data-testid="supplier-summary">
        {suppliers.map((s) => (
          <Tag
            key={s.supplier}
            color={s.supplier === supplier ? 'blue' : s.pending > 0 ? 'orange' : 'default'}
            style={{ cursor: 'pointer' }}
            onClick={() => setSupplier(s.supplier === supplier ? '' : s.supplier)}
          >
            {s.supplier} · {t('plans.supplierCounts', { pending: s.pending, passed: s.passed })}
          </Tag>
        ))}
      </Space>
      <Space wrap align="end" style={{ marginBottom: 8 }}>
        <SearchBox
          id="suppliers-search"
          label={t('plans.search')}
          placeholder={t('common.searchPlaceholder')}
          onSearch={list.search}
        />
        <div style={{ marginBottom: 16 }}>
          <label htmlFor="suppliers-supplier" style={{ display: 'block', marginBottom: 4 }}>
            {t('plans.supplierFilter')}
          </label>
          <Select
            id="suppliers-supplier"
            style={{ width: 220 }}
            value={supplier}
            onChange={setSupplier}
            options={[
              { value: '', label: t('plans.allSuppliers') },
              ...suppliers.map((s) => ({ value: s.supplier, label: s.supplier })),
            ]}
          />
        </div>
        <div style={{ marginBottom: 16 }}>
          <label htmlFor="suppliers-state" style={{ display: 'block', marginBottom: 4 }}>
            {t('plans.supplierState')}
          </label>
          <Select
            id="suppliers-state"
            style={{ width: 120 }}
            value={state}
            onChange={setState}
            options={[
              { value: 'pending', label: label('supplierState', 'pending') },
              { value: 'passed', label: label('supplierState', 'passed') },
              { value: 'all', label: t('plans.state.all') },
            ]}
          />
        </div>
        <Button
          style={{ marginBottom: 16 }}
          href={`/api/supplier-requirements/export${query({ ...filters, q: list.q })}`}
        >
          {t('plans.export')}
        </Button>
      </Space>
      <ErrorAlert error={actionError} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<SupplierRequirement>
        rowKey="id"
        size="small"
        data-testid="supplier-table"
        loading={list.loading}
        dataSource={list.items}
        pagination={pagination}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('plans.supplier'), dataIndex: 'supplier' },
          {
            title: t('plans.contract'),
            key: 'contract',
            render: (_: unknown, s) => (
              <>
                <CaseLink contractId={s.contractId} number={s.number} anchor="planning" />
                <div>
                  <Typography.Text type="secondary">{s.customer}</Typography.Text>
                </div>
              </>
            ),
          },
          {
            title: t('plans.requirement'),
            key: 'requirement',
            render: (_: unknown, s) => (
              <>
                <div>
                  {s.requirementId} {s.requirementText ?? ''}
                </div>
                {s.note && <Typography.Text type="secondary">{s.note}</Typography.Text>}
              </>
            ),
          },
          { title: t('plans.markedBy'), key: 'markedBy', render: (_: unknown, s) => s.markedBy.name ?? '—' },
          {
            title: t('plans.supplierState'),
            key: 'state',
            render: (_: unknown, s) =>
              s.passed ? (
                <>
                  <Tag color="green">{label('supplierState', 'passed')}</Tag>
                  <div>{t('plans.passedInfo', { on: s.passed.on, name: s.passed.by.name ?? '—' })}</div>
                  {s.passed.note && <Typography.Text type="secondary">{s.passed.note}</Typography.Text>}
                </>
              ) : (
                <Tag color="orange">{label('supplierState', 'pending')}</Tag>
              ),
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, s) =>
              s.passed ? null : (
                <Space size={4}>
                  {canPass && (
                    <Button
                      size="small"
                      type="primary"
                      autoInsertSpace={false}
                      aria-label={`${t('plans.markPassed')} ${s.supplier} ${s.number} ${s.requirementId}`}
                      onClick={() => setPassing(s)}
                    >
                      {t('plans.markPassed')}
                    </Button>
                  )}
                  {canWithdraw && (
                    <Button size="small" danger onClick={() => withdraw(s)}>
                      {t('plans.withdraw')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <PassedForm
        item={passing}
        onCancel={() => setPassing(null)}
        onSaved={() => {
          setPassing(null);
          void message.success(t('plans.passed'));
          list.reload();
        }}
      />
    </>
  );
}

export default function PlansPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState(() =>
    new URLSearchParams(window.location.search).get('tab') === 'suppliers' ? 'suppliers' : 'items',
  );
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('plans.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('plans.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'items', label: t('plans.tab.items'), children: <PlanItems /> },
          { key: 'suppliers', label: t('plans.tab.suppliers'), children: <SupplierRequirements /> },
        ]}
      />
    </div>
  );
}
