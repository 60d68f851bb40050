// 产品目录: the supplier's products with precision grade and unit weight, searched, sorted and paged
// on the server, with the keyword, page and sort in the address (reload, Back and links keep them). Technical and sales create and edit items in a dialog and deactivate those no longer
// offered (kept for contracts; the analysis no longer matches orders against them).
import { App as AntApp, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Product } from '../../api/types';
import { ActiveTag } from '../../components/ActiveTag';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePagedPagination } from '../../components/PagedTable';
import { SearchBox } from '../../components/SearchBox';
import { TableImport } from '../../components/TableImport';
import { formatMoney, formatNumber } from '../../format';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { ProductForm } from './ProductForm';

const CATALOGUE_EDITORS = ['technical', 'sales', 'general_manager'];

export default function CataloguePage() {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const { user } = useSession();
  const list = usePaged<Product>('/api/catalog/products');
  const pagination = usePagedPagination(list);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const editable =
    !!user &&
    (CATALOGUE_EDITORS.includes(user.department) || CATALOGUE_EDITORS.includes(user.deputyFor ?? ''));
  const setActive = async (p: Product, active: boolean) => {
    setActionError(null);
    try {
      await api.post(
        `/api/catalog/products/${encodeURIComponent(p.code)}/${active ? 'reactivate' : 'deactivate'}`,
      );
      void message.success(t(active ? 'md.reactivated' : 'md.deactivated'));
      list.reload();
    } catch (err) {
      setActionError(err);
    }
  };
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('catalogue.title')}
      </Typography.Title>
      <Space align="start" wrap>
        <SearchBox
          id="catalogue-search"
          label={t('catalogue.searchLabel')}
          placeholder={t('common.searchPlaceholder')}
          key={`q-${list.q}`}
          defaultValue={list.q}
          onSearch={list.search}
        />
        {editable && (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('md.newProduct')}
          </Button>
        )}
        <TableImport
          idPrefix="catalogue"
          importUrl="/api/catalog/import"
          exportUrl="/api/catalog/export"
          canImport={editable}
          onImported={list.reload}
        />
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ErrorAlert error={actionError} />
      <ProductForm
        open={editing !== null}
        product={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <Table<Product>
        rowKey="code"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={pagination}
        onChange={list.onTableChange}
        columns={[
          { title: t('catalogue.code'), dataIndex: 'code', ...list.sortable('code') },
          { title: t('catalogue.name'), dataIndex: 'name', ...list.sortable('name') },
          { title: t('catalogue.model'), dataIndex: 'model', ...list.sortable('model') },
          { title: t('catalogue.category'), dataIndex: 'category', ...list.sortable('category') },
          {
            title: t('catalogue.precision'),
            dataIndex: 'precisionGrade',
            ...list.sortable('precisionGrade'),
            render: (v: string | null) =>
              v ? <Tag color={v === '普通级' ? 'default' : 'blue'}>{label('precisionGrade', v)}</Tag> : null,
          },
          {
            title: t('catalogue.unit'),
            dataIndex: 'unit',
            render: (v: string | null) => (v ? label('unit', v) : ''),
          },
          {
            title: t('catalogue.unitWeight'),
            dataIndex: 'unitWeightKg',
            align: 'right',
            ...list.sortable('unitWeightKg'),
            render: (v: number | string | null) => formatNumber(v),
          },
          {
            title: t('catalogue.price'),
            dataIndex: 'listPriceCny',
            align: 'right',
            ...list.sortable('listPriceCny'),
            render: (v: string | number | null) => formatMoney(v, 'CNY'),
          },
          {
            title: t('md.status'),
            dataIndex: 'active',
            ...list.sortable('active'),
            render: (v: boolean | undefined) => <ActiveTag active={v} />,
          },
          ...(editable
            ? [
                {
                  title: t('md.actions'),
                  key: 'actions',
                  render: (_: unknown, p: Product) => (
                    <Space size="small">
                      <Button size="small" type="link" onClick={() => setEditing(p)}>
                        {t('md.edit')}
                      </Button>
                      {p.active === false ? (
                        <Button size="small" type="link" onClick={() => void setActive(p, true)}>
                          {t('md.reactivate')}
                        </Button>
                      ) : (
                        <Popconfirm title={t('md.deactivateConfirm')} onConfirm={() => setActive(p, false)}>
                          <Button size="small" type="link" danger>
                            {t('md.deactivate')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
