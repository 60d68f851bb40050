// 合同台账: every contract with its class, status and 48-hour feedback deadline; searched,
// filtered and paged on the server. The filters live in the address (query.ts), so the shell can
// fetch the first page while this page's code downloads, and a filtered ledger can be linked.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Contract } from '../../api/types';
import { Labelled } from '../../components/Labelled';
import { PagedTable } from '../../components/PagedTable';
import { SearchBox } from '../../components/SearchBox';
import { formatMoney } from '../../format';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { ContractLink } from './ContractLink';
import {
  COMPLIANCE_FILTERS,
  LEDGER_FILTERS,
  LEDGER_PAGE_SIZE,
  LEDGER_STAGES,
  type LedgerFilter,
  type LedgerFilters,
  type LedgerSort,
  ledgerExportUrl,
} from './query';

const CLASS_COLOURS: Record<string, string> = { regular: 'green', special: 'red', temporary: 'orange' };

export default function LedgerPage() {
  const { t, label } = useI18n();
  // Filters, keyword, page, page size and sort all live in the address (reload, Back, a link).
  // The server sorts one page at a time: received, newest first, until a column is chosen.
  const list = usePaged<Contract>('/api/contracts', {
    filters: LEDGER_FILTERS.filter((f) => f !== 'sort' && f !== 'order'),
    pageSize: LEDGER_PAGE_SIZE,
    defaultSort: { key: 'receivedAt', order: 'desc' },
  });
  const filters = list.values as LedgerFilters;
  const setFilter = (name: LedgerFilter, value: string | undefined) => list.setFilter(name, value);
  const now = Date.now();
  const sortable = (key: LedgerSort) => list.sortable(key);
  const choice = (name: LedgerFilter, codes: readonly string[], group: string, width = 160) => (
    <Select
      id={`ledger-${name}`}
      allowClear
      placeholder={t('ledger.all')}
      style={{ width }}
      value={filters[name]}
      onChange={(v: string | undefined) => setFilter(name, v)}
      options={codes.map((c) => ({ value: c, label: label(group, c) }))}
    />
  );
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
          // Keyed by the address's keyword, so Back to another keyword shows that one.
          key={`q-${list.q}`}
          defaultValue={list.q}
          onSearch={list.search}
        />
        <Labelled id="ledger-customer" label={t('ledger.filterCustomer')}>
          <Input
            key={`customer-${filters.customer ?? ''}`}
            id="ledger-customer"
            allowClear
            style={{ width: 200 }}
            defaultValue={filters.customer}
            // Asks the server on Enter or when the field is left, not on every keystroke.
            onPressEnter={(e) => setFilter('customer', e.currentTarget.value.trim())}
            onBlur={(e) => {
              if (e.currentTarget.value.trim() !== (filters.customer ?? ''))
                setFilter('customer', e.currentTarget.value.trim());
            }}
          />
        </Labelled>
        <Labelled id="ledger-class" label={t('ledger.filterClass')}>
          {choice('class', ['regular', 'special', 'temporary'], 'contractClass', 140)}
        </Labelled>
        <Labelled id="ledger-status" label={t('ledger.filterStatus')}>
          {choice('status', LEDGER_STAGES, 'status', 180)}
        </Labelled>
        {/* Ant Design's picker follows the interface language; a native date box shows the
            browser's (mm/dd/yyyy in an English browser). */}
        <Labelled id="ledger-from" label={t('ledger.filterFrom')}>
          <DatePicker
            id="ledger-from"
            style={{ width: 160 }}
            value={filters.from ? dayjs(filters.from) : null}
            onChange={(d) => setFilter('from', d ? d.format('YYYY-MM-DD') : undefined)}
          />
        </Labelled>
        <Labelled id="ledger-to" label={t('ledger.filterTo')}>
          <DatePicker
            id="ledger-to"
            style={{ width: 160 }}
            value={filters.to ? dayjs(filters.to) : null}
            onChange={(d) => setFilter('to', d ? d.format('YYYY-MM-DD') : undefined)}
          />
        </Labelled>
        <Labelled id="ledger-compliance" label={t('ledger.filterCompliance')}>
          {choice('compliance', COMPLIANCE_FILTERS, 'compliance', 160)}
        </Labelled>
        <Space style={{ marginBottom: 16 }}>
          <Button icon={<DownloadOutlined />} href={ledgerExportUrl(filters, list.q)} download>
            {t('ledger.export')}
          </Button>
          {(list.q || Object.keys(filters).some((f) => f !== 'sort' && f !== 'order')) && (
            <Button onClick={list.clearFilters}>{t('ledger.clearFilters')}</Button>
          )}
        </Space>
      </Space>
      <PagedTable<Contract>
        list={list}
        onChange={list.onTableChange}
        columns={[
          {
            title: t('ledger.number'),
            dataIndex: 'number',
            ...sortable('number'),
            render: (v: string, c) => <ContractLink id={c.id} number={v} />,
          },
          {
            title: t('ledger.customer'),
            dataIndex: 'customerName',
            ...sortable('customer'),
            // The ledger API names the field `customer`.
            render: (v: string | undefined, c) => v ?? (c as Contract & { customer?: string }).customer,
          },
          {
            title: t('ledger.class'),
            dataIndex: 'class',
            ...sortable('class'),
            render: (v: string | null) => (
              <Tag color={CLASS_COLOURS[v ?? ''] ?? 'default'}>{label('contractClass', v ?? 'unknown')}</Tag>
            ),
          },
          {
            title: t('ledger.status'),
            dataIndex: 'status',
            ...sortable('status'),
            render: (v: string) => label('status', v),
          },
          {
            title: t('ledger.receivedAt'),
            dataIndex: 'receivedAt',
            ...sortable('receivedAt'),
            render: (v: string) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : ''),
          },
          {
            title: t('ledger.feedbackDue'),
            dataIndex: 'feedbackDueAt',
            ...sortable('feedbackDueAt'),
            render: (v: string | null | undefined) =>
              v ? (
                <Tag color={Date.parse(v) < now ? 'red' : 'blue'}>{dayjs(v).format('MM-DD HH:mm')}</Tag>
              ) : null,
          },
          { title: t('ledger.delivery'), dataIndex: 'deliveryDate', ...sortable('deliveryDate') },
          {
            title: t('ledger.amount'),
            dataIndex: 'totalAmount',
            align: 'right',
            ...sortable('totalAmount'),
            render: (v: string | number | null | undefined, c) =>
              v == null ? '' : formatMoney(v, c.currency ?? null),
          },
        ]}
      />
    </div>
  );
}
