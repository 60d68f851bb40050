// 改进措施: every improvement action, filtered and paged on the server; overdue ones in red.
import { Button } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePagedPagination } from '../../components/PagedTable';
import { WORKING_DEPARTMENTS } from '../../departments';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { ActionFormModal, ActionsTable } from './ActionParts';
import { FilterBar, useFilters } from './FilterBar';
import { useCanRecord } from './shared';
import { ACTION_STATUSES, type ImprovementAction } from './types';

export function ActionsTab() {
  const { t } = useI18n();
  const canCreate = useCanRecord();
  const filters = useFilters();
  const [creating, setCreating] = useState(false);
  const list = usePaged<ImprovementAction>('/api/improvement-actions', filters.values);
  const pagination = usePagedPagination(list);

  return (
    <div>
      <FilterBar
        idPrefix="action"
        values={filters.values}
        onChange={filters.set}
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
