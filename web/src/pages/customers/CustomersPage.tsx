// 客户: customers searched, sorted and paged on the server, keyword, page and sort kept in the
// address; a row opens the customer in a drawer (?customer=ID, so it can be linked): profile
// and contacts, message history with the sentiment trend, contracts, complaints, and the
// customer-specific requirements (CSR) register with the customer's row of the CSR matrix. Sales and
// quality create and edit customers (with the procedure's background questions) and their contacts,
// and deactivate or reactivate them; deactivated customers stay listed, marked.
import {
  App as AntApp,
  Button,
  Descriptions,
  Drawer,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Customer } from '../../api/types';
import { ActiveTag } from '../../components/ActiveTag';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CUSTOMER_EDITORS } from '../../components/NewCustomerBanner';
import { usePagedPagination } from '../../components/PagedTable';
import { SearchBox } from '../../components/SearchBox';
import { TableImport } from '../../components/TableImport';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { useSession } from '../../session';
import { ContactsEditor } from './ContactsEditor';
import { CsrPanel } from './CsrPanel';
import { BACKGROUND_FIELDS, CustomerForm } from './CustomerForm';
import { CustomerHistory } from './CustomerHistory';
import { CustomerComplaints, CustomerContracts } from './CustomerRecords';

function useMayEditCustomers(): boolean {
  const { user } = useSession();
  return (
    !!user && (CUSTOMER_EDITORS.includes(user.department) || CUSTOMER_EDITORS.includes(user.deputyFor ?? ''))
  );
}

function CustomerProfile({
  id,
  onChanged,
  onLoaded,
}: {
  id: string;
  onChanged(): void;
  onLoaded(c: Customer): void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const editable = useMayEditCustomers();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [reloads, setReloads] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads forces a refetch after an edit
  useEffect(() => {
    setError(null);
    api.get<Customer & { customer?: Customer }>(`/api/customers/${encodeURIComponent(id)}`).then((r) => {
      const c = r.customer ? { ...r.customer, ...r, id: r.customer.id } : r;
      setCustomer(c);
      onLoaded(c);
    }, setError);
  }, [id, reloads]);
  if (error) return <ErrorAlert error={error} />;
  if (!customer) return <Spin aria-label={t('common.loading')} />;
  const changed = () => {
    setReloads((n) => n + 1);
    onChanged();
  };
  const setActive = async (active: boolean) => {
    setActionError(null);
    try {
      await api.post(`/api/customers/${encodeURIComponent(id)}/${active ? 'reactivate' : 'deactivate'}`);
      void message.success(t(active ? 'md.reactivated' : 'md.deactivated'));
      changed();
    } catch (err) {
      setActionError(err);
    }
  };
  const profile = (
    <>
      {editable && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setEditing(true)}>
            {t('md.editCustomer')}
          </Button>
          {customer.active === false ? (
            <Button onClick={() => void setActive(true)}>{t('md.reactivate')}</Button>
          ) : (
            <Popconfirm title={t('md.deactivateConfirm')} onConfirm={() => setActive(false)}>
              <Button danger>{t('md.deactivate')}</Button>
            </Popconfirm>
          )}
        </Space>
      )}
      <ErrorAlert error={actionError} />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('customers.name')}>{customer.name}</Descriptions.Item>
        <Descriptions.Item label={t('md.status')}>
          <ActiveTag active={customer.active} />
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.shortName')}>{customer.shortName}</Descriptions.Item>
        <Descriptions.Item label={t('customers.industry')}>{customer.industry}</Descriptions.Item>
        <Descriptions.Item label={t('customers.firstOrderYear')}>{customer.firstOrderYear}</Descriptions.Item>
        <Descriptions.Item label={t('md.notes')}>{customer.notes}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('md.background')}
      </Typography.Title>
      <Descriptions column={1} size="small" bordered>
        {BACKGROUND_FIELDS.map((f) => (
          <Descriptions.Item key={f} label={t(`md.${f}`)}>
            {customer[f]}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('customers.contacts')}
      </Typography.Title>
      <ContactsEditor
        customerId={customer.id}
        contacts={customer.contacts ?? []}
        editable={editable}
        onChanged={changed}
      />
      <CustomerForm
        open={editing}
        customer={customer}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          changed();
        }}
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
          children: (
            <CsrPanel
              customerId={customer.id}
              entries={customer.csr ?? []}
              editable={editable}
              onChanged={changed}
            />
          ),
        },
      ]}
    />
  );
}

export default function CustomersPage() {
  const { t } = useI18n();
  const list = usePaged<Customer>('/api/customers');
  const pagination = usePagedPagination(list);
  const { search, navigate } = useRouter();
  const openId = search.get('customer');
  const [title, setTitle] = useState('');
  const setOpen = (c: Pick<Customer, 'id' | 'name'> | null) => {
    setTitle(c?.name ?? '');
    list.setParam('customer', c?.id);
  };
  const [creating, setCreating] = useState(false);
  const editable = useMayEditCustomers();
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('customers.title')}
      </Typography.Title>
      <Space align="start" wrap>
        <SearchBox
          id="customer-search"
          label={t('customers.searchLabel')}
          placeholder={t('common.searchPlaceholder')}
          key={`q-${list.q}`}
          defaultValue={list.q}
          onSearch={list.search}
        />
        {editable && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('md.newCustomer')}
          </Button>
        )}
        <Button onClick={() => navigate('/csr-evaluation')}>{t('csrEval.open')}</Button>
        <TableImport
          idPrefix="customers"
          importUrl="/api/customers/import"
          exportUrl="/api/customers/export"
          canImport={editable}
          onImported={list.reload}
        />
      </Space>
      <CustomerForm
        open={creating}
        customer={null}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          list.reload();
          setOpen(c);
        }}
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<Customer>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={pagination}
        onChange={list.onTableChange}
        columns={[
          {
            title: t('customers.name'),
            dataIndex: 'name',
            ...list.sortable('name'),
            render: (v: string, c) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(c)}>
                {v}
              </Button>
            ),
          },
          { title: t('customers.shortName'), dataIndex: 'shortName', ...list.sortable('shortName') },
          { title: t('customers.industry'), dataIndex: 'industry', ...list.sortable('industry') },
          {
            title: t('customers.firstOrderYear'),
            dataIndex: 'firstOrderYear',
            ...list.sortable('firstOrderYear'),
          },
          {
            title: t('md.status'),
            dataIndex: 'active',
            ...list.sortable('active'),
            render: (v: boolean | undefined) => <ActiveTag active={v} />,
          },
        ]}
      />
      <Drawer
        width={860}
        open={openId !== null}
        onClose={() => setOpen(null)}
        title={title || list.items.find((c) => c.id === openId)?.name}
        destroyOnHidden
      >
        {openId && <CustomerProfile id={openId} onChanged={list.reload} onLoaded={(c) => setTitle(c.name)} />}
      </Drawer>
    </div>
  );
}
