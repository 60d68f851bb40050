// Correcting an entry and voiding one recorded by mistake. Edits send only what changed (new text
// is analysed again on the server). Voiding never deletes: the server keeps the entry with who
// voided it, when and why, so the reason is required here with the server's own minimum length.
import { Alert, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { FormModal, useSaving } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';
import { FeedbackFields } from './FeedbackFields';
import { type Feedback, VOID_REASON_MIN } from './types';

interface EditValues {
  customerId?: string | null;
  channel?: string | null;
  kind: string;
  cause?: string | null;
  receivedAt: Dayjs;
  text: string;
}

export function EditFeedbackModal(props: {
  item: Feedback;
  open: boolean;
  onClose(): void;
  onSaved(f: Feedback): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<EditValues>();
  const { error, saving, save } = useSaving();
  const { item } = props;

  const submit = async () => {
    const v = await form.validateFields();
    const next = {
      customerId: v.customerId ?? null,
      channel: v.channel ?? null,
      kind: v.kind,
      cause: v.cause ?? null,
      receivedAt: v.receivedAt.toISOString(),
      text: v.text.trim(),
    };
    const changed = Object.fromEntries(
      Object.entries(next).filter(([k, value]) =>
        k === 'receivedAt'
          ? Date.parse(value as string) !== Date.parse(item.receivedAt)
          : value !== item[k as keyof typeof next],
      ),
    );
    if (Object.keys(changed).length === 0) {
      props.onClose();
      return;
    }
    await save(async () => props.onSaved(await api.put<Feedback>(`/api/feedback/${item.id}`, changed)));
  };

  return (
    <FormModal
      open={props.open}
      title={t('fb.editTitle')}
      width={640}
      okText={t('common.save')}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <Alert type="info" showIcon message={t('fb.editHint')} style={{ marginBottom: 12 }} />
      <Form<EditValues>
        form={form}
        layout="vertical"
        name="edit-feedback"
        initialValues={{
          customerId: item.customerId ?? undefined,
          channel: item.channel ?? undefined,
          kind: item.kind,
          cause: item.cause ?? undefined,
          receivedAt: dayjs(item.receivedAt),
          text: item.text,
        }}
      >
        <FeedbackFields mode="edit" />
      </Form>
    </FormModal>
  );
}

export function VoidFeedbackModal(props: {
  item: Feedback;
  open: boolean;
  onClose(): void;
  onVoided(f: Feedback): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const { error, saving, save } = useSaving();

  const submit = async () => {
    const v = await form.validateFields();
    await save(async () =>
      props.onVoided(
        await api.post<Feedback>(`/api/feedback/${props.item.id}/void`, { reason: v.reason.trim() }),
      ),
    );
  };

  return (
    <FormModal
      open={props.open}
      title={t('fb.voidTitle')}
      okText={t('fb.voidSubmit')}
      okButtonProps={{ danger: true }}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <Alert type="warning" showIcon message={t('fb.voidHint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" name="void-feedback">
        <Form.Item
          name="reason"
          label={t('fb.voidReason')}
          rules={[
            {
              required: true,
              whitespace: true,
              // Same minimum as the server (src/feedback/status.ts).
              validator: async (_, value: string | undefined) => {
                if ((value ?? '').trim().length < VOID_REASON_MIN) throw new Error('short');
              },
              message: t('fb.voidReasonRequired', { n: VOID_REASON_MIN }),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
