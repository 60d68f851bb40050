// 改进措施: every improvement action, filtered and paged on the server; overdue ones in red.
import { Button, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { ActionFormModal, ActionsTable, DEPARTMENTS } from './ActionParts';
import { Labelled, useCanRecord } from './shared';
import { ACTION_STATUSES, type ImprovementAction } from './types';

export function ActionsTab() {
  const { t, label } = useI18n();
  const canCreate = useCanRecord();
  const [status, setStatus] = useState<string | undefined>();
  const [ownerDepartment, setOwner] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = usePaged<ImprovementAction>('/api/improvement-actions', {
    status,
    ownerDepartment,
    overdue: overdue ? '1' : undefined,
  });

  return (
    <div>
      <Space align="end" wrap>
        <Labelled id="action-status" label={t('act.status')}>
          <Select
            id="action-status"
            allowClear
            placeholder={t('fb.allStatuses')}
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={ACTION_STATUSES.map((s) => ({ value: s, label: label('actionStatus', s) }))}
          />
        </Labelled>
        <Labelled id="action-owner" label={t('act.owner')}>
          <Select
            id="action-owner"
            allowClear
            placeholder={t('act.allOwners')}
            style={{ width: 160 }}
            value={ownerDepartment}
            onChange={setOwner}
            options={DEPARTMENTS.map((d) => ({ value: d, label: label('department', d) }))}
          />
        </Labelled>
        <Labelled id="action-overdue" label={t('act.overdueOnly')}>
          <Switch id="action-overdue" checked={overdue} onChange={setOverdue} />
        </Labelled>
        {canCreate && (
          <div style={{ marginBottom: 16 }}>
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('act.create')}
            </Button>
          </div>
        )}
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ActionsTable
        items={list.items}
        loading={list.loading}
        onChanged={list.reload}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: list.total,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: list.onPageChange,
        }}
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
