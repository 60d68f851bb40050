// One complaint or feedback item in a drawer: what the customer said, what the analysis found,
// the 8D fields, the status steps this user may take and the linked improvement actions.
import {
  Alert,
  App as AntApp,
  Button,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, query } from '../../api/client';
import type { Paged } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal, useSaving } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';
import { ActionFormModal, ActionsTable } from './ActionParts';
import { EditFeedbackModal, VoidFeedbackModal } from './FeedbackEdit';
import { formatTime, SentimentTag, useCanRecord } from './shared';
import {
  type Feedback,
  type FeedbackStatus,
  type ImprovementAction,
  nextStatuses,
  ROOT_CAUSE_TYPES,
  type RootCauseType,
} from './types';

type EightDField = 'containment' | 'rootCause' | 'rootCauseType' | 'correctiveAction' | 'verification';

/** The 8D fields each step asks for (all are required for complaints, see src/feedback/status.ts). */
const STEP_FIELDS: Record<FeedbackStatus, EightDField[]> = {
  open: [],
  investigating: ['containment'],
  action: ['rootCause', 'rootCauseType', 'correctiveAction'],
  closed: ['verification'],
};

const FIELD_LABELS = {
  containment: 'fb.containment',
  rootCause: 'fb.rootCause',
  rootCauseType: 'fb.rootCauseType',
  correctiveAction: 'fb.correctiveAction',
  verification: 'fb.verification',
} as const;

function TransitionModal(props: {
  item: Feedback;
  to: FeedbackStatus | null;
  onClose(): void;
  onDone(f: Feedback): void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Partial<Record<EightDField, string>>>();
  const { error, saving, save } = useSaving();
  const { item, to } = props;
  const fields = to ? STEP_FIELDS[to] : [];
  const required = item.kind === 'complaint';

  const submit = async () => {
    if (!to) return;
    const v = await form.validateFields();
    await save(async () =>
      props.onDone(await api.post<Feedback>(`/api/feedback/${item.id}/transition`, { to, ...v })),
    );
  };

  return (
    <FormModal
      open={to !== null}
      title={
        to
          ? t('fb.moveTitle', { from: label('feedbackStatus', item.status), to: label('feedbackStatus', to) })
          : ''
      }
      okText={t('fb.moveSubmit')}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <Form
        form={form}
        layout="vertical"
        name="transition"
        initialValues={Object.fromEntries(fields.map((f) => [f, item[f] ?? undefined]))}
      >
        {fields.map((f) =>
          f === 'rootCauseType' ? (
            <Form.Item
              key={f}
              name={f}
              label={t(FIELD_LABELS[f])}
              rules={[{ required, message: t('fb.fieldRequired') }]}
            >
              <Select
                options={ROOT_CAUSE_TYPES.map((r: RootCauseType) => ({
                  value: r,
                  label: label('rootCauseType', r),
                }))}
              />
            </Form.Item>
          ) : (
            <Form.Item
              key={f}
              name={f}
              label={t(FIELD_LABELS[f])}
              rules={[{ required, whitespace: true, message: t('fb.fieldRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          ),
        )}
      </Form>
    </FormModal>
  );
}

export function FeedbackDetail({ id, onChanged }: { id: string; onChanged(): void }) {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const canRecord = useCanRecord();
  const [item, setItem] = useState<Feedback | null>(null);
  const [actions, setActions] = useState<ImprovementAction[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [moving, setMoving] = useState<FeedbackStatus | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState(false);
  const [voiding, setVoiding] = useState(false);

  const load = useCallback(() => {
    setError(null);
    api.get<Feedback>(`/api/feedback/${encodeURIComponent(id)}`).then(setItem, setError);
    api
      .get<Paged<ImprovementAction>>(`/api/improvement-actions${query({ feedbackId: id, pageSize: 100 })}`)
      .then((r) => setActions(r.items), setError);
  }, [id]);
  useEffect(load, [load]);

  if (error && !item) return <ErrorAlert error={error} onRetry={load} />;
  if (!item) return <Spin aria-label={t('common.loading')} />;

  const voided = item.voidedAt !== null;
  const writable = canRecord && !voided;
  return (
    <div data-testid="feedback-detail">
      <ErrorAlert error={error} onRetry={load} />
      {voided && (
        <Alert
          type="warning"
          showIcon
          data-testid="feedback-voided"
          message={t('fb.voidedBanner', { at: formatTime(item.voidedAt), reason: item.voidReason ?? '' })}
          style={{ marginBottom: 12 }}
        />
      )}
      {writable && (
        <Space style={{ marginBottom: 12 }}>
          <Button onClick={() => setEditing(true)}>{t('fb.edit')}</Button>
          <Button danger onClick={() => setVoiding(true)}>
            {t('fb.void')}
          </Button>
        </Space>
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('fb.status')}>
          <Tag data-testid="feedback-status">{label('feedbackStatus', item.status)}</Tag>
          {item.overdue && <Tag color="red">{t('fb.overdue')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('fb.customer')}>{item.customerName ?? ''}</Descriptions.Item>
        <Descriptions.Item label={t('fb.kind')}>{label('feedbackKind', item.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('fb.channel')}>
          {item.channel ? label('feedbackChannel', item.channel) : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('fb.receivedAt')}>{formatTime(item.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('fb.dueAt')}>{formatTime(item.dueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('fb.text')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {item.text}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('fb.sentiment')}>
          <SentimentTag sentiment={item.sentiment} score={item.sentimentScore} />
        </Descriptions.Item>
        <Descriptions.Item label={t('fb.intent')}>
          {item.intent ? label('intent', item.intent) : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('fb.cause')}>
          {item.cause ? label('cause', item.cause) : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('fb.causeExplanation')}>{item.causeExplanation ?? ''}</Descriptions.Item>
        <Descriptions.Item label={t('fb.categories')}>
          {item.categories.map((c) => (
            <Tag key={c}>{label('category', c)}</Tag>
          ))}
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {t('fb.eightD')}
      </Typography.Title>
      <Descriptions column={1} size="small" bordered>
        {(['containment', 'rootCause', 'rootCauseType', 'correctiveAction', 'verification'] as const).map(
          (f) => (
            <Descriptions.Item key={f} label={t(FIELD_LABELS[f])}>
              {f === 'rootCauseType' ? (item[f] ? label('rootCauseType', item[f]) : '') : (item[f] ?? '')}
            </Descriptions.Item>
          ),
        )}
      </Descriptions>
      {writable ? (
        <Space style={{ marginTop: 12 }} wrap>
          {nextStatuses(item.kind, item.status).map((to) => (
            <Button
              key={to}
              type={to === 'investigating' && item.status !== 'open' ? 'default' : 'primary'}
              onClick={() => setMoving(to)}
            >
              {t('fb.moveTo', { status: label('feedbackStatus', to) })}
            </Button>
          ))}
        </Space>
      ) : (
        !voided && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('fb.readOnly')}
          </Typography.Paragraph>
        )
      )}

      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('fb.linkedActions')}
      </Typography.Title>
      {writable && (
        <Button style={{ marginBottom: 8 }} onClick={() => setCreating(true)}>
          {t('fb.newAction')}
        </Button>
      )}
      <ActionsTable items={actions} onChanged={load} />

      <TransitionModal
        item={item}
        to={moving}
        onClose={() => setMoving(null)}
        onDone={(f) => {
          setMoving(null);
          setItem(f);
          void message.success(t('fb.moved', { status: label('feedbackStatus', f.status) }));
          onChanged();
        }}
      />
      <EditFeedbackModal
        item={item}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={(f) => {
          setEditing(false);
          setItem(f);
          void message.success(t('fb.saved'));
          onChanged();
        }}
      />
      <VoidFeedbackModal
        item={item}
        open={voiding}
        onClose={() => setVoiding(false)}
        onVoided={(f) => {
          setVoiding(false);
          setItem(f);
          void message.success(t('fb.voided'));
          onChanged();
        }}
      />
      <ActionFormModal
        open={creating}
        feedbackId={item.id}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          load();
        }}
      />
    </div>
  );
}
