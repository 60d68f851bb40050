// The fields of a feedback entry, shared by recording one and correcting it. Recording may leave the
// kind to the server's analysis; correcting may also set the cause the analysis chose.
import { DatePicker, Form, Input, Select, Space } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { CustomerSelect } from './shared';
import { COMPLAINT_CAUSES, FEEDBACK_CHANNELS, FEEDBACK_KINDS } from './types';

export function FeedbackFields({ mode }: { mode: 'record' | 'edit' }) {
  const { t, label } = useI18n();
  const recording = mode === 'record';
  const kinds = FEEDBACK_KINDS.map((k) => ({ value: k, label: label('feedbackKind', k) }));
  return (
    <>
      <Form.Item name="customerId" label={t('fb.customer')}>
        <CustomerSelect style={{ width: '100%' }} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="channel" label={t('fb.channel')}>
          <Select
            allowClear
            style={{ width: recording ? 160 : 150 }}
            options={FEEDBACK_CHANNELS.map((c) => ({ value: c, label: label('feedbackChannel', c) }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('fb.kind')}>
          <Select
            style={{ width: recording ? 160 : 120 }}
            options={recording ? [{ value: '', label: t('fb.kindAuto') }, ...kinds] : kinds}
          />
        </Form.Item>
        {!recording && (
          <Form.Item name="cause" label={t('fb.cause')}>
            <Select
              allowClear
              style={{ width: 130 }}
              options={COMPLAINT_CAUSES.map((c) => ({ value: c, label: label('cause', c) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="receivedAt"
          label={t('fb.receivedAt')}
          rules={[{ required: true, message: t('fb.receivedAtRequired') }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Space>
      <Form.Item
        name="text"
        label={t('fb.text')}
        rules={[{ required: true, whitespace: true, message: t('fb.textRequired') }]}
      >
        <Input.TextArea
          rows={5}
          maxLength={20000}
          placeholder={recording ? t('fb.textPlaceholder') : undefined}
        />
      </Form.Item>
    </>
  );
}
