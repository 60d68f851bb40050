// 合同台账: every contract with its class, status and 48-hour feedback deadline; searched,
// filtered and paged on the server.
import { Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Contract } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SearchBox } from '../../components/SearchBox';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { contractCasePath } from '../review/route';

const CLASS_COLOURS: Record<string, string> = { regular: 'green', special: 'red', temporary: 'orange' };

export default function LedgerPage() {
  const { t, label } = useI18n();
  const { search, navigate } = useRouter();
  const [cls, setCls] = useState<string | undefined>(undefined);
  const list = usePaged<Contract>('/api/contracts', { class: cls }, search.get('q') ?? '');
  const now = Date.now();
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('ledger.title')}
      </Typography.Title>
      <Space align="end" wrap>
        <SearchBox
          id="ledger-search"
          label={t('ledger.searchLabel')}
          placeholder={t('common.searchPlaceholder')}
          defaultValue={list.q}
          onSearch={list.search}
        />
        <div style={{ marginBottom: 16 }}>
          <label htmlFor="ledger-class" style={{ display: 'block', marginBottom: 4 }}>
            {t('ledger.filterClass')}
          </label>
          <Select
            id="ledger-class"
            allowClear
            style={{ width: 160 }}
            value={cls}
            onChange={(v) => setCls(v)}
            options={['regular', 'special', 'temporary'].map((c) => ({
              value: c,
              label: label('contractClass', c),
            }))}
          />
        </div>
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<Contract>
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
            title: t('ledger.number'),
            dataIndex: 'number',
            render: (v: string, c) => (
              <a
                href={contractCasePath(c.id)}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(contractCasePath(c.id));
                }}
              >
                {v}
              </a>
            ),
          },
          {
            title: t('ledger.customer'),
            dataIndex: 'customerName',
            // The ledger API names the field `customer`.
            render: (v: string | undefined, c) => v ?? (c as Contract & { customer?: string }).customer,
          },
          {
            title: t('ledger.class'),
            dataIndex: 'class',
            render: (v: string | null) => (
              <Tag color={CLASS_COLOURS[v ?? ''] ?? 'default'}>{label('contractClass', v ?? 'unknown')}</Tag>
            ),
          },
          { title: t('ledger.status'), dataIndex: 'status', render: (v: string) => label('status', v) },
          {
            title: t('ledger.receivedAt'),
            dataIndex: 'receivedAt',
            render: (v: string) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : ''),
          },
          {
            title: t('ledger.feedbackDue'),
            dataIndex: 'feedbackDueAt',
            render: (v: string | null | undefined) =>
              v ? (
                <Tag color={Date.parse(v) < now ? 'red' : 'blue'}>{dayjs(v).format('MM-DD HH:mm')}</Tag>
              ) : null,
          },
          { title: t('ledger.delivery'), dataIndex: 'deliveryDate' },
          {
            title: t('ledger.amount'),
            dataIndex: 'totalAmount',
            align: 'right',
            render: (v: string | number | null | undefined, c) =>
              v == null ? '' : `${v} ${c.currency ?? ''}`,
          },
        ]}
      />
    </div>
  );
}
