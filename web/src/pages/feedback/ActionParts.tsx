// Improvement actions: the form that creates one (from a complaint or on its own) and the table
// that moves them along open → in progress → closed. The owner department, quality and the GM may
// update an action; closing needs the result, as the server requires.
import { App as AntApp, Button, DatePicker, Form, Input, Radio, Select, Space, Table, Tag } from 'antd';
import type { TablePaginationConfig } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { api } from '../../api/client';
import type { Department } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal, useSaving } from '../../components/FormModal';
import { WORKING_DEPARTMENTS } from '../../departments';
import type { PagedList } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { type ActionStatus, EFFECTIVENESS, type ImprovementAction } from './types';

type Effectiveness = (typeof EFFECTIVENESS)[number];

const STATUS_COLOURS: Record<ActionStatus, string> = { open: 'blue', in_progress: 'gold', closed: 'green' };

export function ActionFormModal(props: {
  open: boolean;
  feedbackId?: string | null;
  onClose(): void;
  onCreated(a: ImprovementAction): void;
}) {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{
    title: string;
    ownerDepartment: Department;
    dueDate?: Dayjs | null;
    description?: string;
  }>();
  const { error, saving, save } = useSaving();

  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      const created = await api.post<ImprovementAction>('/api/improvement-actions', {
        title: v.title,
        ownerDepartment: v.ownerDepartment,
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
        description: v.description ?? null,
        ...(props.feedbackId ? { feedbackId: props.feedbackId } : {}),
      });
      void message.success(t('act.created'));
      form.resetFields();
      props.onCreated(created);
    });
  };

  return (
    <FormModal
      open={props.open}
      title={t('act.createTitle')}
      okText={t('common.save')}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <Form form={form} layout="vertical" name="action">
        <Form.Item
          name="title"
          label={t('act.title')}
          rules={[{ required: true, message: t('act.titleRequired') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="ownerDepartment"
          label={t('act.owner')}
          rules={[{ required: true, message: t('act.ownerRequired') }]}
        >
          <Select options={WORKING_DEPARTMENTS.map((d) => ({ value: d, label: label('department', d) }))} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('act.dueDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label={t('act.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/**
 * A dialog that sends one change of an action (closing it, recording its check) made of the form's
 * values. `resetOnDone` clears what was typed once it is saved.
 */
function ActionUpdateModal<V extends object>(props: {
  action: ImprovementAction | null;
  title: string;
  okText: string;
  name: string;
  initialValues: Partial<V>;
  toBody(v: V): Record<string, unknown>;
  resetOnDone?: boolean;
  onClose(): void;
  onDone(a: ImprovementAction): void;
  children: ReactNode;
}) {
  const [form] = Form.useForm<V>();
  const { error, saving, save } = useSaving();
  const submit = async () => {
    if (!props.action) return;
    const { id } = props.action;
    const v = await form.validateFields();
    await save(async () => {
      props.onDone(await api.put<ImprovementAction>(`/api/improvement-actions/${id}`, props.toBody(v)));
      if (props.resetOnDone) form.resetFields();
    });
  };
  return (
    <FormModal
      open={props.action !== null}
      title={props.title}
      okText={props.okText}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <Form form={form} layout="vertical" name={props.name} initialValues={props.initialValues}>
        {props.children}
      </Form>
    </FormModal>
  );
}

type ActionModalProps = {
  action: ImprovementAction | null;
  onClose(): void;
  onDone(a: ImprovementAction): void;
};

function CloseActionModal(props: ActionModalProps) {
  const { t } = useI18n();
  return (
    <ActionUpdateModal<{ result: string }>
      {...props}
      title={t('act.closeTitle', { title: props.action?.title ?? '' })}
      okText={t('act.close')}
      name="close-action"
      initialValues={{ result: props.action?.result ?? '' }}
      toBody={(v) => ({ status: 'closed', result: v.result })}
      resetOnDone
    >
      <Form.Item
        name="result"
        label={t('act.result')}
        rules={[{ required: true, message: t('act.resultRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </ActionUpdateModal>
  );
}

/**
 * 效果验证: after an action is closed, whoever owns it (or quality) records whether it worked and the
 * evidence; the server stamps when it was checked. "Not effective" is the cue to reopen it.
 */
function EffectivenessModal(props: ActionModalProps) {
  const { t, label } = useI18n();
  return (
    <ActionUpdateModal<{ effectiveness: Effectiveness; effectivenessNote: string }>
      {...props}
      title={t('act.checkTitle', { title: props.action?.title ?? '' })}
      okText={t('common.save')}
      name="effectiveness"
      initialValues={{
        effectiveness: props.action?.effectiveness ?? undefined,
        effectivenessNote: props.action?.effectivenessNote ?? '',
      }}
      toBody={(v) => ({ effectiveness: v.effectiveness, effectivenessNote: v.effectivenessNote.trim() })}
    >
      <Form.Item
        name="effectiveness"
        label={t('act.checkResult')}
        rules={[{ required: true, message: t('act.checkResultRequired') }]}
      >
        <Radio.Group options={EFFECTIVENESS.map((e) => ({ value: e, label: label('effectiveness', e) }))} />
      </Form.Item>
      <Form.Item
        name="effectivenessNote"
        label={t('act.checkNote')}
        rules={[{ required: true, whitespace: true, message: t('act.checkNoteRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </ActionUpdateModal>
  );
}

export function ActionsTable(props: {
  items: ImprovementAction[];
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  /** Server sorting (the actions tab): column props for a sortable column and the table's onChange. */
  sorting?: Pick<PagedList<ImprovementAction>, 'sortable' | 'onTableChange'>;
  onChanged(): void;
}) {
  const sortable = (key: string) => props.sorting?.sortable(key) ?? {};
  const { t, label } = useI18n();
  const { user } = useSession();
  const { message } = AntApp.useApp();
  const [closing, setClosing] = useState<ImprovementAction | null>(null);
  const [checking, setChecking] = useState<ImprovementAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const mayUpdate = (a: ImprovementAction) => {
    if (!user) return false;
    const allowed = ['quality', 'general_manager', a.ownerDepartment];
    return allowed.includes(user.department) || (user.deputyFor !== null && allowed.includes(user.deputyFor));
  };
  const setStatus = async (a: ImprovementAction, status: ActionStatus) => {
    setBusy(a.id);
    setError(null);
    try {
      await api.put(`/api/improvement-actions/${a.id}`, { status });
      void message.success(t('act.updated', { status: label('actionStatus', status) }));
      props.onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <ErrorAlert error={error} />
      <Table<ImprovementAction>
        rowKey="id"
        size="small"
        loading={props.loading}
        dataSource={props.items}
        pagination={props.pagination ?? false}
        locale={{ emptyText: t('fb.noActions') }}
        rowClassName={(a) => (a.overdue ? 'action-overdue' : '')}
        {...(props.sorting ? { onChange: props.sorting.onTableChange } : {})}
        columns={[
          { title: t('act.title'), dataIndex: 'title', ...sortable('title') },
          {
            title: t('act.owner'),
            dataIndex: 'ownerDepartment',
            ...sortable('ownerDepartment'),
            render: (d: string) => label('department', d),
          },
          {
            title: t('act.dueDate'),
            dataIndex: 'dueDate',
            ...sortable('dueDate'),
            render: (d: string | null, a) =>
              a.overdue ? (
                // Dark red keeps the AA contrast ratio on the white table.
                <Space size={4} style={{ color: '#a8071a', fontWeight: 600 }} data-overdue="true">
                  {d}
                  <Tag color="red">{t('fb.overdue')}</Tag>
                </Space>
              ) : (
                d
              ),
          },
          {
            title: t('act.status'),
            dataIndex: 'status',
            ...sortable('status'),
            render: (s: ActionStatus) => (
              <Tag color={STATUS_COLOURS[s]} data-status={s}>
                {label('actionStatus', s)}
              </Tag>
            ),
          },
          { title: t('act.result'), dataIndex: 'result' },
          {
            title: t('act.effectiveness'),
            dataIndex: 'effectiveness',
            render: (e: string | null, a) =>
              e ? (
                <span data-effectiveness={e}>
                  <Tag color={e === 'effective' ? 'green' : 'red'}>{label('effectiveness', e)}</Tag>
                  {a.effectivenessNote}
                </span>
              ) : (
                ''
              ),
          },
          {
            title: t('act.operations'),
            key: 'ops',
            render: (_: unknown, a) =>
              mayUpdate(a) ? (
                <Space size="small" wrap>
                  {a.status === 'open' && (
                    <Button
                      size="small"
                      loading={busy === a.id}
                      onClick={() => void setStatus(a, 'in_progress')}
                    >
                      {t('act.start')}
                    </Button>
                  )}
                  {a.status !== 'closed' && (
                    <Button size="small" type="primary" onClick={() => setClosing(a)}>
                      {t('act.close')}
                    </Button>
                  )}
                  {a.status === 'closed' && (
                    <Button size="small" type="primary" onClick={() => setChecking(a)}>
                      {t('act.check')}
                    </Button>
                  )}
                  {a.status === 'closed' && (
                    <Button
                      size="small"
                      loading={busy === a.id}
                      onClick={() => void setStatus(a, 'in_progress')}
                    >
                      {t('act.reopen')}
                    </Button>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
      <EffectivenessModal
        action={checking}
        onClose={() => setChecking(null)}
        onDone={() => {
          setChecking(null);
          void message.success(t('act.checked'));
          props.onChanged();
        }}
      />
      <CloseActionModal
        action={closing}
        onClose={() => setClosing(null)}
        onDone={(a) => {
          setClosing(null);
          void message.success(t('act.updated', { status: label('actionStatus', a.status) }));
          props.onChanged();
        }}
      />
    </>
  );
}
