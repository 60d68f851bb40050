// 录入记录: the messages a user took in, newest first — when, through which channel, what (first line
// or file name), how far processing got, for which customer — each a link back to its analysis on the
// intake page, and to the review case opened from it. Paged on the server, searched and filtered by
// status; page, size, keyword and filters live in the address so Back from a result returns to the
// same rows.
import { Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { MouseEvent } from 'react';
import { PagedTable } from '../../components/PagedTable';
import { SearchBox } from '../../components/SearchBox';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { intakeRecordPath } from '../intake/record-path';
import { contractCasePath } from '../review/route';

export interface IntakeSummary {
  id: string;
  channel: string;
  fileName: string | null;
  status: string;
  createdAt: string;
  customerName: string | null;
  title: string | null;
  contract: { id: string; number: string } | null;
}

const STATUSES = ['queued', 'processing', 'done', 'failed'] as const;
const STATUS_COLOURS: Record<string, string> = { done: 'green', failed: 'red', processing: 'blue' };

export default function IntakeHistoryPage() {
  const { t, label } = useI18n();
  const { search, navigate } = useRouter();
  const status = STATUSES.find((s) => s === search.get('status'));
  // Everyone's records only when asked for: the page is "what I took in".
  const everyone = search.get('all') === '1';
  const list = usePaged<IntakeSummary>('/api/intake', {
    filters: ['status'],
    fixed: { mine: everyone ? undefined : 'true' },
  });
  const go = (to: string) => (e: MouseEvent) => {
    e.preventDefault();
    navigate(to);
  };

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('intakeHistory.title')}
      </Typography.Title>
      <Space wrap align="end" style={{ marginBottom: 8 }}>
        <div>
          <label htmlFor="intake-history-status" style={{ display: 'block', marginBottom: 4 }}>
            {t('intakeHistory.status')}
          </label>
          <Select
            id="intake-history-status"
            style={{ minWidth: 160 }}
            value={status ?? ''}
            onChange={(v: string) => list.setFilter('status', v || undefined)}
            options={[
              { value: '', label: t('intakeHistory.allStatuses') },
              ...STATUSES.map((s) => ({ value: s, label: label('status', s) })),
            ]}
          />
        </div>
        <Space align="center" style={{ marginBottom: 4 }}>
          <Switch
            id="intake-history-everyone"
            checked={everyone}
            onChange={(on) => list.setFilter('all', on ? '1' : undefined)}
          />
          <label htmlFor="intake-history-everyone">{t('intakeHistory.everyone')}</label>
        </Space>
      </Space>
      <SearchBox
        id="intake-history-search"
        label={t('intakeHistory.search')}
        placeholder={t('common.searchPlaceholder')}
        key={`q-${list.q}`}
        defaultValue={list.q}
        onSearch={list.search}
      />
      <PagedTable<IntakeSummary>
        list={list}
        data-testid="intake-history"
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('intakeHistory.time'),
            dataIndex: 'createdAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: t('intakeHistory.channel'),
            dataIndex: 'channel',
            render: (v: string) => label('channel', v),
          },
          {
            title: t('intakeHistory.subject'),
            dataIndex: 'title',
            render: (v: string | null, r) => (
              <a href={intakeRecordPath(r.id)} onClick={go(intakeRecordPath(r.id))}>
                {v ?? t('intakeHistory.pasted')}
              </a>
            ),
          },
          {
            title: t('intakeHistory.status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={STATUS_COLOURS[v]}>{label('status', v)}</Tag>,
          },
          {
            title: t('intakeHistory.customer'),
            dataIndex: 'customerName',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('intakeHistory.case'),
            dataIndex: 'contract',
            render: (c: IntakeSummary['contract']) =>
              c ? (
                <a href={contractCasePath(c.id)} onClick={go(contractCasePath(c.id))}>
                  {c.number}
                </a>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}
