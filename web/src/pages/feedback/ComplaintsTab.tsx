// 投诉与反馈: the list paged and filtered on the server, the form that records what a customer
// said (the server analyses sentiment, intent and cause, and the answer is shown at once), and
// the detail drawer.
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SearchBox } from '../../components/SearchBox';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { FeedbackDetail } from './FeedbackDetail';
import { CustomerSelect, formatTime, Labelled, SentimentTag, useCanRecord } from './shared';
import { FEEDBACK_CHANNELS, FEEDBACK_KINDS, FEEDBACK_STATUSES, type Feedback } from './types';

interface RecordValues {
  customerId?: string;
  channel?: string;
  kind?: string;
  receivedAt: Dayjs;
  text: string;
}

function RecordModal(props: { open: boolean; onClose(): void; onCreated(): void; onOpen(id: string): void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<RecordValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<Feedback | null>(null);

  const close = () => {
    setCreated(null);
    setError(null);
    form.resetFields();
    props.onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const f = await api.post<Feedback>('/api/feedback', {
        text: v.text,
        receivedAt: v.receivedAt.toISOString(),
        ...(v.customerId ? { customerId: v.customerId } : {}),
        ...(v.channel ? { channel: v.channel } : {}),
        ...(v.kind ? { kind: v.kind } : {}),
      });
      setCreated(f);
      props.onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={t('fb.recordTitle')}
      width={640}
      onCancel={close}
      destroyOnHidden
      footer={
        created ? (
          <Space>
            <Button onClick={close}>{t('common.close')}</Button>
            <Button
              type="primary"
              onClick={() => {
                const id = created.id;
                close();
                props.onOpen(id);
              }}
            >
              {t('fb.openDetail')}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => void submit().catch(() => undefined)}>
              {t('fb.recordSubmit')}
            </Button>
          </Space>
        )
      }
    >
      <ErrorAlert error={error} />
      {created ? (
        <div data-testid="feedback-analysis">
          <Alert type="success" showIcon message={t('fb.recorded')} style={{ marginBottom: 12 }} />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('fb.kind')}>{label('feedbackKind', created.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('fb.sentiment')}>
              <SentimentTag sentiment={created.sentiment} score={created.sentimentScore} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fb.intent')}>
              {created.intent ? label('intent', created.intent) : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('fb.cause')}>
              {created.cause ? label('cause', created.cause) : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('fb.causeExplanation')}>
              {created.causeExplanation ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('fb.dueAt')}>{formatTime(created.dueAt)}</Descriptions.Item>
          </Descriptions>
        </div>
      ) : (
        <Form<RecordValues>
          form={form}
          layout="vertical"
          name="record-feedback"
          initialValues={{ receivedAt: dayjs(), kind: '' }}
        >
          <Alert type="info" showIcon message={t('fb.recordHint')} style={{ marginBottom: 12 }} />
          <Form.Item name="customerId" label={t('fb.customer')}>
            <CustomerSelect style={{ width: '100%' }} />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="channel" label={t('fb.channel')}>
              <Select
                allowClear
                style={{ width: 160 }}
                options={FEEDBACK_CHANNELS.map((c) => ({ value: c, label: label('feedbackChannel', c) }))}
              />
            </Form.Item>
            <Form.Item name="kind" label={t('fb.kind')}>
              <Select
                style={{ width: 160 }}
                options={[
                  { value: '', label: t('fb.kindAuto') },
                  ...FEEDBACK_KINDS.map((k) => ({ value: k, label: label('feedbackKind', k) })),
                ]}
              />
            </Form.Item>
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
            <Input.TextArea rows={5} maxLength={20000} placeholder={t('fb.textPlaceholder')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function ComplaintsTab() {
  const { t, label } = useI18n();
  const canRecord = useCanRecord();
  const [customerId, setCustomerId] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const list = usePaged<Feedback>('/api/feedback', { customerId, kind, status });
  const [recording, setRecording] = useState(false);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <div>
      <Space align="end" wrap>
        <SearchBox
          id="feedback-search"
          label={t('fb.searchLabel')}
          placeholder={t('common.searchPlaceholder')}
          onSearch={list.search}
        />
        <Labelled id="feedback-customer" label={t('fb.customer')}>
          <CustomerSelect id="feedback-customer" value={customerId} onChange={setCustomerId} />
        </Labelled>
        <Labelled id="feedback-kind" label={t('fb.kind')}>
          <Select
            id="feedback-kind"
            allowClear
            placeholder={t('fb.allKinds')}
            style={{ width: 140 }}
            value={kind}
            onChange={setKind}
            options={FEEDBACK_KINDS.map((k) => ({ value: k, label: label('feedbackKind', k) }))}
          />
        </Labelled>
        <Labelled id="feedback-status" label={t('fb.status')}>
          <Select
            id="feedback-status"
            allowClear
            placeholder={t('fb.allStatuses')}
            style={{ width: 150 }}
            value={status}
            onChange={setStatus}
            options={FEEDBACK_STATUSES.map((s) => ({ value: s, label: label('feedbackStatus', s) }))}
          />
        </Labelled>
        {canRecord && (
          <div style={{ marginBottom: 16 }}>
            <Button type="primary" onClick={() => setRecording(true)}>
              {t('fb.record')}
            </Button>
          </div>
        )}
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<Feedback>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: list.total,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: list.onPageChange,
        }}
        columns={[
          {
            title: t('fb.receivedAt'),
            dataIndex: 'receivedAt',
            width: 140,
            render: (v: string) => formatTime(v),
          },
          { title: t('fb.customer'), dataIndex: 'customerName', width: 200 },
          {
            title: t('fb.kind'),
            dataIndex: 'kind',
            width: 80,
            render: (k: string) => (
              <Tag color={k === 'complaint' ? 'volcano' : 'blue'}>{label('feedbackKind', k)}</Tag>
            ),
          },
          {
            title: t('fb.text'),
            dataIndex: 'text',
            ellipsis: true,
            render: (v: string, f) => (
              <Button
                type="link"
                style={{ padding: 0, maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis' }}
                onClick={() => setOpen(f.id)}
              >
                {v}
              </Button>
            ),
          },
          {
            title: t('fb.sentiment'),
            dataIndex: 'sentiment',
            width: 90,
            render: (s: string | null) => <SentimentTag sentiment={s} />,
          },
          {
            title: t('fb.cause'),
            dataIndex: 'cause',
            width: 90,
            render: (c: string | null) => (c ? label('cause', c) : ''),
          },
          {
            title: t('fb.status'),
            dataIndex: 'status',
            width: 130,
            render: (s: string, f) => (
              <Space size={4}>
                <span>{label('feedbackStatus', s)}</span>
                {f.overdue && <Tag color="red">{t('fb.overdue')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <RecordModal
        open={recording}
        onClose={() => setRecording(false)}
        onCreated={list.reload}
        onOpen={(id) => setOpen(id)}
      />
      <Drawer
        width={760}
        open={open !== null}
        onClose={() => setOpen(null)}
        title={t('fb.detailTitle')}
        destroyOnHidden
      >
        {open && <FeedbackDetail id={open} onChanged={list.reload} />}
      </Drawer>
    </div>
  );
}
