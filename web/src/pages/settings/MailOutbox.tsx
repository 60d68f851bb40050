// Mail that has not gone out, for the administrator: who it was for, the last error from the mail
// server, and a way to send it again once the server is fixed (it is re-queued; the server's
// sender delivers it on its next round).
import { App as AntApp, Button, Card, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';

interface OutboxMail {
  id: string;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  lastError: string | null;
  recipient: string | null;
  userName: string;
  userEmail: string | null;
  kind: string;
  contractNumber: string | null;
  createdAt: string;
}

const STATUS_COLORS = { pending: 'blue', sent: 'green', failed: 'red', skipped: 'default' } as const;

export function MailOutbox() {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<OutboxMail[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setItems((await api.get<{ items: OutboxMail[] }>('/api/settings/mail')).items);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const retry = async (ids: string[]) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ requeued: string[] }>('/api/settings/mail/retry', { ids });
      void message.success(t('settings.mail.requeued', { count: r.requeued.length }));
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('settings.mail.title')}</h2>}
      size="small"
      style={{ marginTop: 16 }}
      extra={
        <Button
          onClick={() => void retry([])}
          loading={busy}
          disabled={!items?.some((m) => m.status === 'failed')}
        >
          {t('settings.mail.retryAll')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('settings.mail.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Table<OutboxMail>
        rowKey="id"
        size="small"
        data-testid="mail-outbox"
        loading={items === null}
        dataSource={items ?? []}
        locale={{ emptyText: <span style={{ color: '#595959' }}>{t('settings.mail.empty')}</span> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('settings.mail.status'),
            dataIndex: 'status',
            render: (s: OutboxMail['status']) => <Tag color={STATUS_COLORS[s]}>{label('mailStatus', s)}</Tag>,
          },
          {
            title: t('settings.mail.recipient'),
            render: (_: unknown, m: OutboxMail) => `${m.userName} <${m.recipient ?? m.userEmail ?? '-'}>`,
          },
          {
            title: t('settings.mail.contract'),
            dataIndex: 'contractNumber',
            render: (v: string | null) => v ?? '-',
          },
          { title: t('settings.mail.kind'), dataIndex: 'kind' },
          { title: t('settings.mail.attempts'), dataIndex: 'attempts' },
          {
            title: t('settings.mail.error'),
            dataIndex: 'lastError',
            render: (v: string | null) => <Typography.Text type="danger">{v ?? ''}</Typography.Text>,
          },
          {
            title: t('settings.mail.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: '',
            render: (_: unknown, m: OutboxMail) =>
              m.status === 'sent' ? null : (
                <Space>
                  <Button size="small" onClick={() => void retry([m.id])} loading={busy}>
                    {t('settings.mail.retry')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
