// 需求排序与策划: the case's requirements by priority — urgency, importance and cost as a reviewer
// rated them, or as derived from category, kind and the special flag — sortable by score; each
// accepted requirement's plan item (owner, due date, production plan or design task, status) and
// the suppliers it is to be passed on to. Buttons follow the permission matrix, so none answers 403.
import { AutoComplete, Button, Card, Form, Input, Radio, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal, useSaving } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { PlanItemForm, type PlanTarget } from '../planning/PlanItemForm';
import { STATE_COLOURS, useMay } from '../planning/shared';
import type { CasePlanning, PlannedRequirement } from '../planning/types';
import { CardTitle } from './CardTitle';

const PRIORITY_COLOURS = { high: 'red', normal: 'blue', low: 'default' } as const;
const FACTORS = ['urgency', 'importance', 'cost'] as const;

function RateForm(props: {
  contractId: string;
  requirement: PlannedRequirement | null;
  onSaved(): void;
  onCancel(): void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Record<(typeof FACTORS)[number], number>>();
  const { error, saving, save } = useSaving();
  const r = props.requirement;
  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      await api.put(
        `/api/contracts/${encodeURIComponent(props.contractId)}/requirements/${r!.id}/assessment`,
        v,
      );
      props.onSaved();
    });
  };
  return (
    <FormModal
      open={r !== null}
      title={t('planning.rateTitle', { id: r?.id ?? '' })}
      okText={t('common.save')}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      <Typography.Paragraph>{r?.text}</Typography.Paragraph>
      <Form
        form={form}
        layout="horizontal"
        preserve={false}
        initialValues={
          r ? { urgency: r.priority.urgency, importance: r.priority.importance, cost: r.priority.cost } : {}
        }
      >
        {FACTORS.map((f) => (
          <Form.Item key={f} name={f} label={t(`planning.${f}`)} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={[1, 2, 3].map((n) => ({ value: n, label: label('level', String(n)) }))}
            />
          </Form.Item>
        ))}
      </Form>
    </FormModal>
  );
}

function SupplierForm(props: {
  contractId: string;
  requirement: PlannedRequirement | null;
  suppliers: string[];
  onSaved(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ supplier: string; note: string }>();
  const { error, saving, save } = useSaving();
  const r = props.requirement;
  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      await api.post(
        `/api/contracts/${encodeURIComponent(props.contractId)}/requirements/${r!.id}/suppliers`,
        {
          supplier: v.supplier.trim(),
          note: v.note?.trim() || null,
        },
      );
      props.onSaved();
    });
  };
  return (
    <FormModal
      open={r !== null}
      title={t('planning.markSupplierTitle', { id: r?.id ?? '' })}
      okText={t('common.save')}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      <Typography.Paragraph>{r?.text}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="supplier"
          label={t('planning.supplierName')}
          rules={[{ required: true, whitespace: true, message: t('plans.required') }]}
        >
          <AutoComplete
            options={props.suppliers.map((s) => ({ value: s }))}
            filterOption={(input, option) => String(option?.value ?? '').includes(input)}
            maxLength={200}
          />
        </Form.Item>
        <Form.Item name="note" label={t('planning.supplierNote')}>
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function RequirementPlanning({ contractId, version }: { contractId: string; version: number }) {
  const { t, label } = useI18n();
  const { user } = useSession();
  const may = useMay();
  const canRate = may('PUT /api/contracts/:id/requirements/:requirementId/assessment');
  const planner = may('POST /api/contracts/:id/requirements/:requirementId/plan');
  const canMark = may('POST /api/contracts/:id/requirements/:requirementId/suppliers');
  const [data, setData] = useState<CasePlanning | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [rating, setRating] = useState<PlannedRequirement | null>(null);
  const [planning, setPlanning] = useState<PlanTarget | null>(null);
  const [marking, setMarking] = useState<PlannedRequirement | null>(null);
  const [suppliers, setSuppliers] = useState<string[]>([]);

  const load = useCallback(() => {
    api.get<CasePlanning>(`/api/contracts/${encodeURIComponent(contractId)}/planning`).then((d) => {
      setData(d);
      setError(null);
    }, setError);
  }, [contractId]);
  // The case's version changes when its requirements do (accepted, edited): read the list again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the reload trigger
  useEffect(load, [load, version]);
  useEffect(() => {
    if (!canMark) return;
    api
      .get<{ suppliers: { supplier: string }[] }>('/api/supplier-requirements?pageSize=1')
      .then((r) => setSuppliers(r.suppliers.map((s) => s.supplier)), setError);
  }, [canMark]);

  const rows = (data?.requirements ?? []).filter((r) => r.status !== 'rejected');
  const done = () => {
    setRating(null);
    setPlanning(null);
    setMarking(null);
    load();
  };

  return (
    <Card
      title={<CardTitle>{t('planning.title')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="case-planning"
    >
      <Typography.Paragraph type="secondary">{t('planning.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={load} />
      <Table<PlannedRequirement>
        rowKey="id"
        size="small"
        pagination={false}
        loading={data === null && !error}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '#', dataIndex: 'id', width: 56 },
          {
            title: t('intake.reqText'),
            dataIndex: 'text',
            // Register entries quote whole clauses: the text wraps instead of widening the table.
            render: (text: string, r) => (
              <div style={{ minWidth: 180, maxWidth: 420, whiteSpace: 'normal' }}>
                <div>{text}</div>
                <Tag>{label('category', r.category)}</Tag>
                {r.status !== 'accepted' && (
                  <Typography.Text type="secondary">{label('requirementStatus', r.status)}</Typography.Text>
                )}
              </div>
            ),
          },
          {
            title: t('planning.priority'),
            key: 'priority',
            sorter: (a, b) => a.priority.score - b.priority.score,
            defaultSortOrder: 'descend',
            sortDirections: ['descend', 'ascend'],
            render: (_: unknown, r) => (
              <Space direction="vertical" size={2}>
                <Tooltip
                  title={t('planning.factors', {
                    u: label('level', String(r.priority.urgency)),
                    i: label('level', String(r.priority.importance)),
                    c: label('level', String(r.priority.cost)),
                  })}
                >
                  <Tag color={PRIORITY_COLOURS[r.priority.priority]} data-testid={`priority-${r.id}`}>
                    {label('priority', r.priority.priority)} · {r.priority.score}
                  </Tag>
                </Tooltip>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', maxWidth: 220 }}>
                  {t('planning.factors', {
                    u: label('level', String(r.priority.urgency)),
                    i: label('level', String(r.priority.importance)),
                    c: label('level', String(r.priority.cost)),
                  })}
                  {' · '}
                  {r.assessedBy
                    ? t('planning.ratedBy', { name: r.assessedBy.name ?? '—' })
                    : t('planning.derived')}
                </Typography.Text>
                {canRate && (
                  <Button
                    size="small"
                    autoInsertSpace={false}
                    aria-label={`${t('planning.rate')} ${r.id}`}
                    onClick={() => setRating(r)}
                  >
                    {t('planning.rate')}
                  </Button>
                )}
              </Space>
            ),
          },
          {
            title: t('planning.plan'),
            key: 'plan',
            render: (_: unknown, r) => {
              const p = r.planItem;
              if (p)
                return (
                  <Space direction="vertical" size={2}>
                    <Tag color={STATE_COLOURS[p.state]} data-testid={`plan-${r.id}`}>
                      {label('planState', p.state)}
                    </Tag>
                    <span>
                      {p.owner.name ?? '—'}（{label('department', p.department)}）· {p.dueDate}
                    </span>
                    {p.link && <Typography.Text type="secondary">{p.link}</Typography.Text>}
                    {(planner || p.owner.id === user?.id) && (
                      <Button
                        size="small"
                        autoInsertSpace={false}
                        aria-label={`${t('plans.edit')} ${r.id}`}
                        onClick={() => setPlanning({ kind: 'edit', item: p })}
                      >
                        {t('plans.edit')}
                      </Button>
                    )}
                  </Space>
                );
              if (r.status !== 'accepted')
                return <Typography.Text type="secondary">{t('planning.onlyAccepted')}</Typography.Text>;
              return planner ? (
                <Button
                  size="small"
                  autoInsertSpace={false}
                  aria-label={`${t('plans.create')} ${r.id}`}
                  onClick={() => setPlanning({ kind: 'new', contractId, requirementId: r.id })}
                >
                  {t('plans.create')}
                </Button>
              ) : (
                '—'
              );
            },
          },
          {
            title: t('planning.suppliers'),
            key: 'suppliers',
            render: (_: unknown, r) => (
              <Space direction="vertical" size={2}>
                {r.suppliers.map((s) => (
                  <Tag key={s.id} color={s.passed ? 'green' : 'orange'}>
                    {s.supplier} · {label('supplierState', s.state)}
                  </Tag>
                ))}
                {canMark && r.status === 'accepted' && (
                  <Button
                    size="small"
                    autoInsertSpace={false}
                    aria-label={`${t('planning.markSupplier')} ${r.id}`}
                    onClick={() => setMarking(r)}
                  >
                    {t('planning.markSupplier')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <RateForm
        contractId={contractId}
        requirement={rating}
        onSaved={done}
        onCancel={() => setRating(null)}
      />
      <PlanItemForm
        target={planning}
        owners={data?.owners ?? []}
        planner={planner}
        onSaved={done}
        onCancel={() => setPlanning(null)}
      />
      <SupplierForm
        contractId={contractId}
        requirement={marking}
        suppliers={suppliers}
        onSaved={done}
        onCancel={() => setMarking(null)}
      />
    </Card>
  );
}
