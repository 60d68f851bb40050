// 客户: customers searched and paged on the server; a row opens the customer in a drawer: profile
// and contacts, message history with the sentiment trend, contracts, complaints, and the
// customer-specific requirements (CSR) register with the customer's row of the CSR matrix.
import { Button, Descriptions, Drawer, Spin, Table, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Customer } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SearchBox } from '../../components/SearchBox';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { CsrPanel } from './CsrPanel';
import { CustomerHistory } from './CustomerHistory';
import { CustomerComplaints, CustomerContracts } from './CustomerRecords';

function CustomerProfile({ id }: { id: string }) {
  const { t } = useI18n();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setCustomer(null);
    setError(null);
    api
      .get<Customer & { customer?: Customer }>(`/api/customers/${encodeURIComponent(id)}`)
      .then((r) => setCustomer(r.customer ? { ...r.customer, ...r, id: r.customer.id } : r), setError);
  }, [id]);
  if (error) return <ErrorAlert error={error} />;
  if (!customer) return <Spin aria-label={t('common.loading')} />;
  const profile = (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('customers.name')}>{customer.name}</Descriptions.Item>
        <Descriptions.Item label={t('customers.shortName')}>{customer.shortName}</Descriptions.Item>
        <Descriptions.Item label={t('customers.industry')}>{customer.industry}</Descriptions.Item>
        <Descriptions.Item label={t('customers.firstOrderYear')}>{customer.firstOrderYear}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('customers.contacts')}
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={customer.contacts ?? []}
        columns={[
          { title: t('customers.name'), dataIndex: 'name' },
          { title: t('customers.contactTitle'), dataIndex: 'title' },
          { title: t('customers.phone'), dataIndex: 'phone' },
          { title: t('customers.email'), dataIndex: 'email' },
        ]}
      />
    </>
  );
  // Each tab renders (and asks the server) only when opened.
  return (
    <Tabs
      destroyOnHidden
      items={[
        { key: 'profile', label: t('customers.profile'), children: profile },
        {
          key: 'history',
          label: t('customers.history'),
          children: <CustomerHistory customerId={customer.id} />,
        },
        {
          key: 'contracts',
          label: t('customers.contracts'),
          children: <CustomerContracts customerId={customer.id} />,
        },
        {
          key: 'complaints',
          label: t('customers.complaints'),
          children: <CustomerComplaints customerId={customer.id} />,
        },
        {
          key: 'csr',
          label: t('customers.csr'),
          children: <CsrPanel customerId={customer.id} entries={customer.csr ?? []} />,
        },
      ]}
    />
  );
}

export default function CustomersPage() {
  const { t } = useI18n();
  const list = usePaged<Customer>('/api/customers');
  const [open, setOpen] = useState<Customer | null>(null);
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('customers.title')}
      </Typography.Title>
      <SearchBox
        id="customer-search"
        label={t('customers.searchLabel')}
        placeholder={t('common.searchPlaceholder')}
        onSearch={list.search}
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<Customer>
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
            title: t('customers.name'),
            dataIndex: 'name',
            render: (v: string, c) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(c)}>
                {v}
              </Button>
            ),
          },
          { title: t('customers.shortName'), dataIndex: 'shortName' },
          { title: t('customers.industry'), dataIndex: 'industry' },
          { title: t('customers.firstOrderYear'), dataIndex: 'firstOrderYear' },
        ]}
      />
      <Drawer
        width={860}
        open={open !== null}
        onClose={() => setOpen(null)}
        title={open?.name}
        destroyOnHidden
      >
        {open && <CustomerProfile id={open.id} />}
      </Drawer>
    </div>
  );
}
