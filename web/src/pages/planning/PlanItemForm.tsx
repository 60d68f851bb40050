// The dialog that plans an accepted requirement or updates a plan item: owner, executing department,
// due date, production plan or design task, status and notes. A planning department edits all of
// it; the owner alone reports progress (status, plan number, notes), as the server allows.
import { DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { FormModal, useSaving } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';
import { type Owner, PLAN_DEPARTMENTS, type PlanItem, type PlanStatus } from './types';

interface Values {
  ownerId: string;
  department: string;
  dueDate: Dayjs | null;
  link: string;
  notes: string;
  status: PlanStatus;
}

const DATE = 'YYYY-MM-DD';

/** What the dialog is for: a new plan item of a requirement, or an existing item. */
export type PlanTarget =
  | { kind: 'new'; contractId: string; requirementId: string }
  | { kind: 'edit'; item: PlanItem };

export function PlanItemForm(props: {
  target: PlanTarget | null;
  owners: Owner[];
  /** The user may change owner, department and due date (a planning department). */
  planner: boolean;
  onSaved(item: PlanItem): void;
  onCancel(): void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const { error, saving, save } = useSaving();
  const target = props.target;
  const item = target?.kind === 'edit' ? target.item : null;
  const locked = !props.planner && item !== null;
  const initial: Partial<Values> = item
    ? {
        ownerId: item.owner.id,
        department: item.department,
        dueDate: dayjs(item.dueDate),
        link: item.link ?? '',
        notes: item.notes ?? '',
        status: item.status,
      }
    : { link: '', notes: '' };
  const required = [{ required: true, message: t('plans.required') }];

  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      const body = {
        ...(locked ? {} : { ownerId: v.ownerId, department: v.department, dueDate: v.dueDate!.format(DATE) }),
        link: v.link?.trim() || null,
        notes: v.notes?.trim() || null,
      };
      const saved =
        target?.kind === 'edit'
          ? await api.put<PlanItem>(`/api/plan-items/${target.item.id}`, { ...body, status: v.status })
          : await api.post<PlanItem>(
              `/api/contracts/${encodeURIComponent(target!.contractId)}/requirements/${target!.requirementId}/plan`,
              body,
            );
      props.onSaved(saved);
    });
  };

  const id = target?.kind === 'edit' ? target.item.requirementId : (target?.requirementId ?? '');
  return (
    <FormModal
      open={target !== null}
      title={item ? t('plans.editTitle', { id }) : t('plans.createTitle', { id })}
      okText={t('common.save')}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      {locked && <Typography.Paragraph type="secondary">{t('plans.ownerOnly')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="ownerId" label={t('plans.owner')} rules={required}>
          <Select
            disabled={locked}
            showSearch
            optionFilterProp="label"
            // Grouped by department: names alone do not say who does what.
            options={[...new Set(props.owners.map((o) => o.department))].map((d) => ({
              label: label('department', d),
              options: props.owners
                .filter((o) => o.department === d)
                .map((o) => ({ value: o.id, label: o.name })),
            }))}
            onChange={(ownerId: string) => {
              const owner = props.owners.find((o) => o.id === ownerId);
              if (owner && !form.getFieldValue('department'))
                form.setFieldValue('department', owner.department);
            }}
          />
        </Form.Item>
        <Form.Item name="department" label={t('plans.department')} rules={required}>
          <Select
            disabled={locked}
            options={PLAN_DEPARTMENTS.map((d) => ({ value: d, label: label('department', d) }))}
          />
        </Form.Item>
        <Form.Item name="dueDate" label={t('plans.due')} rules={required}>
          <DatePicker disabled={locked} format={DATE} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="link" label={t('plans.link')} extra={t('plans.linkHint')}>
          <Input maxLength={200} />
        </Form.Item>
        {item && (
          <Form.Item name="status" label={t('plans.status')} rules={required}>
            <Select
              options={(['planned', 'in_progress', 'done'] as const).map((s) => ({
                value: s,
                label: label('planState', s),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="notes" label={t('plans.notes')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
