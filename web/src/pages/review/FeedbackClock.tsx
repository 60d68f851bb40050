// The 48-hour feedback clock: when the customer must have an answer, how long is left, red once
// the deadline has passed; after the feedback went out, whether it was in time.
import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n/i18n';
import type { ContractCase } from './types';

function hoursAndMinutes(ms: number): { h: number; m: number } {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}

export function FeedbackClock({ clock }: { clock: ContractCase['feedbackClock'] }) {
  const { t } = useI18n();
  const deadline = dayjs(clock.deadline).format('YYYY-MM-DD HH:mm');
  let state: string;
  let colour: string;
  if (clock.sentAt) {
    state = clock.compliant ? t('review.clock.sentOnTime') : t('review.clock.sentLate');
    colour = clock.compliant ? 'green' : 'red';
  } else if (clock.overdue) {
    state = t('review.clock.overdueBy', hoursAndMinutes(clock.remainingMs));
    colour = 'red';
  } else {
    state = t('review.clock.remaining', hoursAndMinutes(clock.remainingMs));
    colour = clock.remainingMs < 8 * 3_600_000 ? 'orange' : 'blue';
  }
  return (
    <span data-testid="feedback-clock" data-overdue={clock.overdue && !clock.sentAt ? 'true' : 'false'}>
      <Tag icon={<ClockCircleOutlined aria-hidden />} color={colour}>
        {t('review.clock.deadline', { time: deadline })} · {state}
      </Tag>
      {clock.paused && !clock.sentAt && <Tag>{t('review.clock.paused')}</Tag>}
    </span>
  );
}
