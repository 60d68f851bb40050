// 用户与角色: the administrator's list of accounts — name, username, department, deputyship, e-mail,
// state and last sign-in — searched, sorted and paged on the server with keyword, state, page and
// sort in the address, like the other tables. From a row: edit, reset the password, deactivate or
// reactivate. Each action is offered only when the permission matrix lets the viewer make its
// request (all are the administrator's), so the page never offers what the server would refuse.
// Reached from the settings page; not in the top menu.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  type Access,
  departmentMay,
  ROUTE_PERMISSIONS,
  type RouteKey,
} from '../../../../src/auth/permissions';
import { api } from '../../api/client';
import type { ListedUser } from '../../api/types';
import { ActiveTag } from '../../components/ActiveTag';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePagedPagination } from '../../components/PagedTable';
import { SearchBox } from '../../components/SearchBox';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { useSession } from '../../session';
import { PasswordResetForm, UserForm } from './UserForms';

function useMay(): (route: RouteKey) => boolean {
  const { user } = useSession();
  return (route) =>
    !!user && departmentMay(ROUTE_PERMISSIONS[route] as Access, user.department, user.deputyFor);
}

export default function UsersPage() {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const { navigate } = useRouter();
  const may = useMay();
  const list = usePaged<ListedUser>('/api/users', {
    filters: ['active'],
    defaultSort: { key: 'username', order: 'asc' },
  });
  const pagination = usePagedPagination(list);
  const [editing, setEditing] = useState<ListedUser | 'new' | null>(null);
  const [resetting, setResetting] = useState<ListedUser | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const setActive = async (u: ListedUser, active: boolean) => {
    setActionError(null);
    try {
      await api.post(`/api/users/${encodeURIComponent(u.username)}/${active ? 'reactivate' : 'deactivate'}`);
      void message.success(t(active ? 'users.reactivated' : 'users.deactivated', { name: u.displayName }));
      list.reload();
    } catch (err) {
      setActionError(err);
    }
  };

  const canEdit = may('PUT /api/users/:username');
  const canReset = may('POST /api/users/:username/password');
  const canDeactivate = may('POST /api/users/:username/deactivate');
  const canReactivate = may('POST /api/users/:username/reactivate');
  const anyAction = canEdit || canReset || canDeactivate || canReactivate;

  return (
    <div>
      <Button
        type="link"
        icon={<ArrowLeftOutlined aria-hidden />}
        style={{ padding: 0 }}
        href="/settings"
        onClick={(e) => {
          e.preventDefault();
          navigate('/settings');
        }}
      >
        {t('users.back')}
      </Button>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('users.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('users.intro')}</Typography.Paragraph>
      <Space align="end" wrap style={{ marginBottom: 16 }}>
        <SearchBox
          id="user-search"
          label={t('users.searchLabel')}
          placeholder={t('common.searchPlaceholder')}
          key={`q-${list.q}`}
          defaultValue={list.q}
          onSearch={list.search}
        />
        <div style={{ marginBottom: 16 }}>
          <label htmlFor="user-state" style={{ display: 'block', marginBottom: 4 }}>
            {t('users.stateLabel')}
          </label>
          <Select
            id="user-state"
            style={{ width: 140 }}
            value={list.values.active ?? ''}
            onChange={(v: string) => list.setFilter('active', v || undefined)}
            options={[
              { value: '', label: t('users.stateAll') },
              { value: 'true', label: t('users.stateActive') },
              { value: 'false', label: t('users.stateInactive') },
            ]}
          />
        </div>
        {may('POST /api/users') && (
          <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setEditing('new')}>
            {t('users.new')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ErrorAlert error={actionError} />
      <Table<ListedUser>
        rowKey="id"
        size="small"
        data-testid="users-table"
        scroll={{ x: 'max-content' }}
        loading={list.loading}
        dataSource={list.items}
        pagination={pagination}
        onChange={list.onTableChange}
        columns={[
          { title: t('users.displayName'), dataIndex: 'displayName', ...list.sortable('displayName') },
          { title: t('users.username'), dataIndex: 'username', ...list.sortable('username') },
          {
            title: t('users.department'),
            dataIndex: 'department',
            ...list.sortable('department'),
            render: (v: string) => <Tag>{label('department', v)}</Tag>,
          },
          {
            title: t('users.deputyFor'),
            dataIndex: 'deputyFor',
            render: (v: string | null) => (v ? label('department', v) : '—'),
          },
          { title: t('users.email'), dataIndex: 'email', render: (v: string | null) => v ?? '—' },
          {
            title: t('users.state'),
            dataIndex: 'active',
            ...list.sortable('active'),
            render: (v: boolean) => <ActiveTag active={v} />,
          },
          {
            title: t('users.lastSignIn'),
            dataIndex: 'lastSignInAt',
            ...list.sortable('lastSignInAt'),
            render: (v: string | null) =>
              v ? (
                dayjs(v).format('YYYY-MM-DD HH:mm')
              ) : (
                <Typography.Text type="secondary">{t('users.never')}</Typography.Text>
              ),
          },
          ...(anyAction
            ? [
                {
                  title: t('users.actions'),
                  key: 'actions',
                  render: (_: unknown, u: ListedUser) => (
                    <Space size="small" wrap>
                      {canEdit && (
                        <Button size="small" type="link" onClick={() => setEditing(u)}>
                          {t('users.edit')}
                        </Button>
                      )}
                      {canReset && (
                        <Button size="small" type="link" onClick={() => setResetting(u)}>
                          {t('users.resetPassword')}
                        </Button>
                      )}
                      {u.active
                        ? canDeactivate && (
                            <Popconfirm
                              title={t('users.deactivateConfirm', { name: u.displayName })}
                              okText={t('users.deactivate')}
                              cancelText={t('common.cancel')}
                              onConfirm={() => setActive(u, false)}
                            >
                              <Button size="small" type="link" danger>
                                {t('users.deactivate')}
                              </Button>
                            </Popconfirm>
                          )
                        : canReactivate && (
                            <Button size="small" type="link" onClick={() => void setActive(u, true)}>
                              {t('users.reactivate')}
                            </Button>
                          )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <UserForm
        open={editing !== null}
        user={editing === 'new' ? null : editing}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <PasswordResetForm
        user={resetting}
        onCancel={() => setResetting(null)}
        onDone={() => {
          setResetting(null);
          list.reload();
        }}
      />
    </div>
  );
}
