// A to-do as the bell and the workbench show it: what to do (linking to the place on the case page),
// which contract, the 48-hour deadline with the time left (red once overdue), and for an amendment
// notice its text and an acknowledge button.
import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useRouter } from '../router';
import { markRead, type Todo, todoLabelKey } from './todos';

/** The 48-hour deadline: when, and the hours left or past it. */
export function Deadline({ due }: { due: string | null | undefined }) {
  const { t } = useI18n();
  if (typeof due !== 'string') return null;
  const hours = Math.round((Date.parse(due) - Date.now()) / 3_600_000);
  return (
    <Tag icon={<ClockCircleOutlined />} color={hours < 0 ? 'red' : hours < 8 ? 'orange' : 'blue'}>
      {t('workbench.due', { time: dayjs(due).format('MM-DD HH:mm') })} ·{' '}
      {hours < 0 ? t('workbench.overdueBy', { h: -hours }) : t('workbench.remaining', { h: hours })}
    </Tag>
  );
}

function TodoRow({ todo, onOpen }: { todo: Todo; onOpen?: () => void }) {
  const { t, label, lang } = useI18n();
  const { navigate } = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <List.Item
      data-testid="todo-item"
      actions={
        todo.notificationId
          ? [
              <Button
                key="ack"
                size="small"
                loading={busy}
                onClick={() => {
                  setBusy(true);
                  void markRead([todo.notificationId as string]).finally(() => setBusy(false));
                }}
              >
                {t('todo.acknowledge')}
              </Button>,
            ]
          : []
      }
    >
      <div style={{ minWidth: 0 }}>
        <a
          href={todo.href}
          onClick={(e) => {
            e.preventDefault();
            onOpen?.();
            navigate(todo.href);
          }}
        >
          {todo.department ? t('todo.department', { department: label('department', todo.department) }) : ''}
          {label('todoKind', todoLabelKey(todo))}
        </a>
        <div>
          <Typography.Text type="secondary">
            {todo.number} · {todo.customer}
          </Typography.Text>{' '}
          <Deadline due={todo.deadline} />
        </div>
        {todo.message && (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {lang === 'en' ? todo.message.en : todo.message.zh}
          </Typography.Paragraph>
        )}
      </div>
    </List.Item>
  );
}

export function TodoList({ items, onOpen }: { items: Todo[]; onOpen?: () => void }) {
  const { t } = useI18n();
  return (
    <List
      size="small"
      dataSource={items}
      locale={{ emptyText: <span style={{ color: '#595959' }}>{t('todo.empty')}</span> }}
      renderItem={(todo) => <TodoRow key={todo.id} todo={todo} {...(onOpen ? { onOpen } : {})} />}
    />
  );
}
