// 改进措施: every improvement action, searched, filtered, sorted and paged on the server, with all of it
// in the address (reload, Back and links keep it); overdue ones in red.
import { Button } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePagedPagination } from '../../components/PagedTable';
import { WORKING_DEPARTMENTS } from '../../departments';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { ActionFormModal, ActionsTable } from './ActionParts';
import { FilterBar } from './FilterBar';
import { useCanRecord } from './shared';
import { ACTION_STATUSES, type ImprovementAction } from './types';

export function ActionsTab() {
  const { t } = useI18n();
  const canCreate = useCanRecord();
  const [creating, setCreating] = useState(false);
  const list = usePaged<ImprovementAction>('/api/improvement-actions', {
    filters: ['status', 'ownerDepartment', 'overdue'],
    defaultSort: { key: 'dueDate', order: 'asc' },
  });
  const pagination = usePagedPagination(list);

  return (
    <div>
      <FilterBar
        idPrefix="action"
        search={{ label: t('act.searchLabel'), onSearch: list.search, value: list.q }}
        values={list.values}
        onChange={list.setFilter}
        fields={[
          {
            kind: 'select',
            name: 'status',
            label: t('act.status'),
            placeholder: t('fb.allStatuses'),
            options: ACTION_STATUSES,
            group: 'actionStatus',
            width: 140,
          },
          {
            kind: 'select',
            name: 'ownerDepartment',
            label: t('act.owner'),
            placeholder: t('act.allOwners'),
            options: WORKING_DEPARTMENTS,
            group: 'department',
            width: 160,
          },
          { kind: 'switch', name: 'overdue', label: t('act.overdueOnly') },
        ]}
      >
        {canCreate && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('act.create')}
          </Button>
        )}
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ActionsTable
        items={list.items}
        loading={list.loading}
        onChanged={list.reload}
        pagination={pagination}
        sorting={list}
      />
      <ActionFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          list.reload();
        }}
      />
    </div>
  );
}
