// The proposed (or held) review meeting as every participant sees it: time, minutes, decisions and,
// per participant, whether they have confirmed. A participant who has not yet confirmed confirms
// here, in their own session; the minutes count only when the last one has.
import { Alert, Button, Card, Descriptions, List, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { CardTitle } from './CardTitle';
import type { Act, ContractCase } from './types';

export function MeetingConfirmations({
  data,
  busy,
  act,
  canConfirm,
  onRevise,
}: {
  data: ContractCase;
  busy: boolean;
  act: Act;
  canConfirm: boolean;
  /** Shown to the organiser while the minutes still await confirmations. */
  onRevise?: () => void;
}) {
  const { t, label } = useI18n();
  const { user } = useSession();
  const meeting = data.meeting;
  if (!meeting) return null;
  const person = (id: string) => data.people?.[id] ?? id;
  const proposed = meeting.status === 'proposed';
  const mine = meeting.participants.find((p) => p.userId === user?.id);
  const waiting = meeting.participants.filter((p) => p.confirmedAt === null).length;
  const requirement = (id: string) => data.requirements.find((r) => r.id === id)?.text ?? id;

  return (
    <Card
      title={<CardTitle>{t(proposed ? 'review.meeting.proposedTitle' : 'review.meeting.title')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="meeting-status"
    >
      {proposed && (
        <div data-testid="meeting-waiting" style={{ marginBottom: 8 }}>
          <Alert type="warning" showIcon message={t('review.meeting.waiting', { count: String(waiting) })} />
        </div>
      )}
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('review.meeting.heldAt')}>
          {dayjs(meeting.heldAt).format('YYYY-MM-DD HH:mm')}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.meeting.organiser')}>
          {person(meeting.recordedBy)}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.meeting.minutes')}>{meeting.minutes}</Descriptions.Item>
      </Descriptions>
      <List
        size="small"
        header={t('review.meeting.decisions')}
        dataSource={meeting.decisions}
        renderItem={(d) => (
          <List.Item>
            {d.requirementId} {requirement(d.requirementId)}：{label('outcome', d.outcome)}
            {d.note ? `（${d.note}）` : ''}
            {d.departments.length > 0
              ? ` — ${d.departments.map((x) => label('department', x)).join('、')}`
              : ''}
          </List.Item>
        )}
      />
      <List
        size="small"
        header={t('review.meeting.attendeesStatus')}
        dataSource={meeting.participants}
        data-testid="meeting-participants"
        renderItem={(p) => (
          <List.Item>
            <Space wrap>
              <span>{label('department', p.department)}</span>
              <span>{person(p.userId)}</span>
              {p.confirmedAt ? (
                <Tag color="green">
                  {t('review.meeting.confirmedAt', { at: dayjs(p.confirmedAt).format('YYYY-MM-DD HH:mm') })}
                </Tag>
              ) : proposed ? (
                <Tag>{t('review.meeting.notConfirmed')}</Tag>
              ) : null}
            </Space>
          </List.Item>
        )}
      />
      <Space style={{ marginTop: 8 }}>
        {proposed && canConfirm && mine && mine.confirmedAt === null && (
          <Button type="primary" loading={busy} onClick={() => void act('meeting/confirm', {})}>
            {t('review.meeting.confirm')}
          </Button>
        )}
        {proposed && onRevise && <Button onClick={onRevise}>{t('review.meeting.revise')}</Button>}
      </Space>
    </Card>
  );
}
