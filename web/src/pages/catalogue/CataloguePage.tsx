// 产品目录: the supplier's products with precision grade and unit weight, searched and paged on the server.
import { Table, Tag, Typography } from 'antd';
import type { Product } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SearchBox } from '../../components/SearchBox';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';

export default function CataloguePage() {
  const { t, label } = useI18n();
  const list = usePaged<Product>('/api/catalog/products');
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('catalogue.title')}
      </Typography.Title>
      <SearchBox
        id="catalogue-search"
        label={t('catalogue.searchLabel')}
        placeholder={t('common.searchPlaceholder')}
        onSearch={list.search}
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<Product>
        rowKey="code"
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
          { title: t('catalogue.code'), dataIndex: 'code' },
          { title: t('catalogue.name'), dataIndex: 'name' },
          { title: t('catalogue.model'), dataIndex: 'model' },
          { title: t('catalogue.category'), dataIndex: 'category' },
          {
            title: t('catalogue.precision'),
            dataIndex: 'precisionGrade',
            render: (v: string | null) =>
              v ? <Tag color={v === '普通级' ? 'default' : 'blue'}>{label('precisionGrade', v)}</Tag> : null,
          },
          {
            title: t('catalogue.unit'),
            dataIndex: 'unit',
            render: (v: string | null) => (v ? label('unit', v) : ''),
          },
          { title: t('catalogue.unitWeight'), dataIndex: 'unitWeightKg', align: 'right' },
          { title: t('catalogue.price'), dataIndex: 'listPriceCny', align: 'right' },
        ]}
      />
    </div>
  );
}
