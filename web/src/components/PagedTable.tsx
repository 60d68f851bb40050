// A table showing one server page of a usePaged list: the list's error with a retry above it, and
// a pager that asks the server for another page or page size.
import { Table, type TableProps } from 'antd';
import type { TablePaginationConfig } from 'antd/es/table';
import type { PagedList } from '../hooks/usePaged';
import { useI18n } from '../i18n/i18n';
import { ErrorAlert } from './ErrorAlert';

/**
 * The pager of a server-paged list. `sizeChanger: 'auto'` leaves the page-size picker to Ant Design
 * (shown past 50 rows), for short lists inside a drawer.
 */
export function usePagedPagination<T>(
  list: PagedList<T>,
  sizeChanger: 'always' | 'auto' = 'always',
): TablePaginationConfig {
  const { t } = useI18n();
  return {
    current: list.page,
    pageSize: list.pageSize,
    total: list.total,
    ...(sizeChanger === 'always' ? { showSizeChanger: true } : {}),
    showTotal: (n) => t('common.total', { n }),
    onChange: list.onPageChange,
  };
}

export function PagedTable<T extends object>({
  list,
  sizeChanger,
  ...table
}: Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> & {
  list: PagedList<T>;
  sizeChanger?: 'always' | 'auto';
}) {
  const pagination = usePagedPagination(list, sizeChanger);
  return (
    <>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<T>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={pagination}
        {...table}
      />
    </>
  );
}
