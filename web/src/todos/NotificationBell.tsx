// The bell in the top bar: how many to-dos are open and notifications unread, and a panel listing
// both — a to-do opens its case at the step, a notification is marked read when opened or by hand.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { contractCasePath } from '../pages/review/route';
import { useRouter } from '../router';
import { TodoList } from './TodoList';
import { markRead, useTodos } from './todos';

/** Shown in the panel; the rest are on the workbench. */
const PANEL_ROWS = 8;
const REFRESH_MS = 60_000;

export function NotificationBell() {
  const { t, label, lang } = useI18n();
  const { navigate } = useRouter();
  const { todos, notifications } = useTodos({ notifications: true, refreshMs: REFRESH_MS });
  const [open, setOpen] = useState(false);
  const todoCount = todos?.total ?? 0;
  const unread = notifications?.unread ?? 0;
  const close = () => setOpen(false);

  const todoTab = (
    <div data-testid="bell-todos">
      <TodoList items={(todos?.items ?? []).slice(0, PANEL_ROWS)} onOpen={close} />
      {todoCount > PANEL_ROWS && (
        <Button
          type="link"
          onClick={() => {
            close();
            navigate('/');
          }}
        >
          {t('todo.more', { n: todoCount - PANEL_ROWS })}
        </Button>
      )}
    </div>
  );
  const notificationTab = (
    <div data-testid="bell-notifications">
      {unread === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('todo.noNotifications')} />
      ) : (
        <>
          <List
            size="small"
            dataSource={notifications?.items ?? []}
            renderItem={(n) => (
              <List.Item
                actions={[
                  <Button key="read" size="small" onClick={() => void markRead([n.id])}>
                    {t('todo.markRead')}
                  </Button>,
                ]}
              >
                <div style={{ minWidth: 0 }}>
                  {n.contractId ? (
                    <a
                      href={contractCasePath(n.contractId)}
                      onClick={(e) => {
                        e.preventDefault();
                        close();
                        void markRead([n.id]);
                        navigate(contractCasePath(n.contractId as string));
                      }}
                    >
                      {label('notificationKind', n.kind)}
                    </a>
                  ) : (
                    <Typography.Text strong>{label('notificationKind', n.kind)}</Typography.Text>
                  )}
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {lang === 'en' ? n.message.en : n.message.zh} · {dayjs(n.createdAt).format('MM-DD HH:mm')}
                  </Typography.Paragraph>
                </div>
              </List.Item>
            )}
          />
          <Button type="link" onClick={() => void markRead()}>
            {t('todo.markAllRead')}
          </Button>
        </>
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={
        <div style={{ width: 420, maxHeight: 520, overflowY: 'auto' }}>
          <Tabs
            size="small"
            items={[
              { key: 'todos', label: t('todo.todos', { n: todoCount }), children: todoTab },
              {
                key: 'notifications',
                label: t('todo.notifications', { n: unread }),
                children: notificationTab,
              },
            ]}
          />
        </div>
      }
    >
      <Button data-testid="notification-bell" aria-haspopup="dialog" aria-expanded={open}>
        {/* The name says both counts in words; the badge (their sum) is for the eye only. */}
        <span className="sr-only" data-testid="bell-label">
          {t('todo.bellCount', { todos: todoCount, unread })}
        </span>
        <span aria-hidden="true">
          <Badge count={todoCount + unread} size="small" overflowCount={99}>
            <BellOutlined />
          </Badge>
        </span>
      </Button>
    </Popover>
  );
}
