// The dialog in which the case owner corrects one requirement: edit its wording, category, kind and
// special flag, add one the analysis missed, reject one (a reason is required) or merge a duplicate
// into it. What is sent is `correctionEdit` of the form; the server's refusal, if any, is shown by
// the page and the dialog stays open.
import { Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { type CorrectionMode, type CorrectionValues, correctionEdit } from './requirement-edits';
import type { Act, CaseRequirement } from './types';

const CATEGORIES = [
  'quality',
  'delivery',
  'price',
  'technical',
  'packaging',
  'logistics',
  'payment',
  'documentation',
  'regulatory',
  'service',
];
const KINDS = ['explicit', 'implied', 'statutory', 'organisational'];

export function RequirementCorrection({
  mode,
  requirements,
  busy,
  act,
  error,
  onClose,
}: {
  mode: CorrectionMode | null;
  requirements: CaseRequirement[];
  busy: boolean;
  act: Act;
  /** The page's last refusal: shown in the dialog once its own request was refused. */
  error: unknown;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<CorrectionValues>();
  const [refused, setRefused] = useState(false);
  const current = mode && mode.op !== 'add' ? requirements.find((r) => r.id === mode.id) : undefined;

  useEffect(() => {
    if (!mode) return;
    setRefused(false);
    form.resetFields();
    if (mode.op === 'add') form.setFieldsValue({ kind: 'explicit', special: false });
    if (current && (mode.op === 'edit' || mode.op === 'merge'))
      form.setFieldsValue({
        text: current.text,
        category: current.category,
        kind: current.kind,
        special: current.special,
      });
  }, [mode, current, form]);

  if (!mode) return null;
  const id = current?.id ?? '';
  const title =
    mode.op === 'add'
      ? t('review.req.addTitle')
      : mode.op === 'edit'
        ? t('review.req.editTitle', { id })
        : mode.op === 'reject'
          ? t('review.req.rejectTitle', { id })
          : t('review.req.mergeTitle', { id });
  const submit = async () => {
    const values = await form.validateFields();
    if (await act('requirements', { edits: [correctionEdit(mode, values)] })) onClose();
    else setRefused(true);
  };
  const others = requirements.filter((r) => r.id !== id && r.status !== 'rejected');

  return (
    <Modal
      open
      title={title}
      okText={t('review.req.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      // A failed validation leaves the dialog open with the fields marked.
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {refused && <ErrorAlert error={error} />}
      {/* Named, so its fields' ids do not collide with other forms' (a "reason" field) on the page. */}
      <Form form={form} name="requirement-correction" layout="vertical" data-testid="requirement-correction">
        {current && mode.op === 'reject' && <Typography.Paragraph>{current.text}</Typography.Paragraph>}
        {mode.op === 'merge' && (
          <>
            <Typography.Paragraph type="secondary">{t('review.req.mergeHint', { id })}</Typography.Paragraph>
            <Form.Item
              name="duplicateId"
              label={t('review.req.duplicate')}
              rules={[{ required: true, message: t('review.req.duplicateRequired') }]}
            >
              <Select options={others.map((r) => ({ value: r.id, label: `${r.id} ${r.text}` }))} />
            </Form.Item>
          </>
        )}
        {mode.op !== 'reject' && (
          <Form.Item
            name="text"
            label={mode.op === 'merge' ? t('review.req.mergedText') : t('review.req.text')}
            rules={[{ required: true, whitespace: true, message: t('review.req.textRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        )}
        {(mode.op === 'add' || mode.op === 'edit') && (
          <>
            <Form.Item name="category" label={t('intake.category')} rules={[{ required: true }]}>
              <Select options={CATEGORIES.map((c) => ({ value: c, label: label('category', c) }))} />
            </Form.Item>
            <Form.Item name="kind" label={t('intake.kind')} rules={[{ required: true }]}>
              <Select options={KINDS.map((k) => ({ value: k, label: label('kind', k) }))} />
            </Form.Item>
            <Form.Item name="special" valuePropName="checked">
              <Checkbox>{t('intake.special')}</Checkbox>
            </Form.Item>
          </>
        )}
        <Form.Item
          name="reason"
          label={mode.op === 'reject' ? t('review.req.rejectReason') : t('review.req.reason')}
          rules={
            mode.op === 'reject'
              ? [{ required: true, whitespace: true, message: t('review.req.reasonRequired') }]
              : []
          }
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
