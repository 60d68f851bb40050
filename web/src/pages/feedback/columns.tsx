// Columns that read the same wherever feedback is listed (the complaints tab, a customer's drawer).
import { Tag } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useI18n } from '../../i18n/i18n';
import { formatTime, SentimentTag } from './shared';
import type { Feedback } from './types';

export function useFeedbackColumns(): Record<'receivedAt' | 'kind' | 'sentiment', ColumnType<Feedback>> {
  const { t, label } = useI18n();
  return {
    receivedAt: {
      title: t('fb.receivedAt'),
      dataIndex: 'receivedAt',
      width: 140,
      render: (v: string) => formatTime(v),
    },
    kind: {
      title: t('fb.kind'),
      dataIndex: 'kind',
      width: 80,
      render: (k: string) => (
        <Tag color={k === 'complaint' ? 'volcano' : 'blue'}>{label('feedbackKind', k)}</Tag>
      ),
    },
    sentiment: {
      title: t('fb.sentiment'),
      dataIndex: 'sentiment',
      width: 90,
      render: (s: string | null) => <SentimentTag sentiment={s} />,
    },
  };
}
