// 投诉与反馈: the list paged, filtered and sorted on the server with all of it in the address, the
// form that records what a customer said (the server analyses sentiment, intent and cause, and the
// answer is shown at once), and the detail drawer, linkable as /feedback?complaint=ID.
import { Alert, Button, Descriptions, Drawer, Form, Modal, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSaving } from '../../components/FormModal';
import { PagedTable } from '../../components/PagedTable';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { useFeedbackColumns } from './columns';
import { FeedbackDetail } from './FeedbackDetail';
import { FeedbackFields } from './FeedbackFields';
import { FilterBar } from './FilterBar';
import { formatTime, SentimentTag, useCanRecord } from './shared';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, type Feedback } from './types';

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
  const { error, setError, saving, save } = useSaving();
  const [created, setCreated] = useState<Feedback | null>(null);

  const close = () => {
    setCreated(null);
    setError(null);
    form.resetFields();
    props.onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      const f = await api.post<Feedback>('/api/feedback', {
        text: v.text,
        receivedAt: v.receivedAt.toISOString(),
        ...(v.customerId ? { customerId: v.customerId } : {}),
        ...(v.channel ? { channel: v.channel } : {}),
        ...(v.kind ? { kind: v.kind } : {}),
      });
      setCreated(f);
      props.onCreated();
    });
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
          <FeedbackFields mode="record" />
        </Form>
      )}
    </Modal>
  );
}

export function ComplaintsTab() {
  const { t, label } = useI18n();
  const canRecord = useCanRecord();
  const list = usePaged<Feedback>('/api/feedback', {
    filters: ['customerId', 'kind', 'status'],
    defaultSort: { key: 'receivedAt', order: 'desc' },
  });
  const columns = useFeedbackColumns();
  const [recording, setRecording] = useState(false);
  const open = useRouter().search.get('complaint');
  const setOpen = (id: string | null) => list.setParam('complaint', id ?? undefined);

  return (
    <div>
      <FilterBar
        idPrefix="feedback"
        search={{ label: t('fb.searchLabel'), onSearch: list.search, value: list.q }}
        values={list.values}
        onChange={list.setFilter}
        fields={[
          { kind: 'customer', name: 'customerId', label: t('fb.customer') },
          {
            kind: 'select',
            name: 'kind',
            label: t('fb.kind'),
            placeholder: t('fb.allKinds'),
            options: FEEDBACK_KINDS,
            group: 'feedbackKind',
            width: 140,
          },
          {
            kind: 'select',
            name: 'status',
            label: t('fb.status'),
            placeholder: t('fb.allStatuses'),
            options: FEEDBACK_STATUSES,
            group: 'feedbackStatus',
          },
        ]}
      >
        {canRecord && (
          <Button type="primary" onClick={() => setRecording(true)}>
            {t('fb.record')}
          </Button>
        )}
      </FilterBar>
      <PagedTable<Feedback>
        list={list}
        onChange={list.onTableChange}
        columns={[
          { ...columns.receivedAt, ...list.sortable('receivedAt') },
          { title: t('fb.customer'), dataIndex: 'customerName', width: 200, ...list.sortable('customer') },
          { ...columns.kind, ...list.sortable('kind') },
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
          { ...columns.sentiment, ...list.sortable('sentiment') },
          {
            title: t('fb.cause'),
            dataIndex: 'cause',
            width: 90,
            ...list.sortable('cause'),
            render: (c: string | null) => (c ? label('cause', c) : ''),
          },
          {
            title: t('fb.status'),
            dataIndex: 'status',
            width: 130,
            ...list.sortable('status'),
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
