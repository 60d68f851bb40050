// The case's history: who did what and when, as the workflow recorded it.
import { Card, Table } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import type { ContractCase, HistoryEntry } from './types';

export function CaseHistory({ data }: { data: ContractCase }) {
  const { t, lang } = useI18n();
  const person = (id: string | null) => (id ? (data.people?.[id] ?? id) : t('review.history.system'));
  return (
    <Card title={<CardTitle>{t('review.history.title')}</CardTitle>} size="small" style={{ marginTop: 16 }}>
      <Table<HistoryEntry>
        rowKey="revision"
        size="small"
        pagination={false}
        data-testid="case-history"
        dataSource={[...data.history].reverse()}
        columns={[
          {
            title: t('review.history.at'),
            dataIndex: 'at',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          { title: t('review.history.by'), dataIndex: 'by', render: (v: string | null) => person(v) },
          {
            title: t('review.history.what'),
            dataIndex: 'summary',
            render: (s: HistoryEntry['summary']) => (lang === 'en' ? s.en : s.zh),
          },
        ]}
      />
    </Card>
  );
}
