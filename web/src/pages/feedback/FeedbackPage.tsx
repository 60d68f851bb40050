// 反馈与指标: complaints and feedback (8D), improvement actions, satisfaction surveys and the
// customer-side KPIs, one tab each. The tab is kept in the address (?tab=) so links and reloads
// land on the same tab.
import { Tabs, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { ActionsTab } from './ActionsTab';
import { ComplaintsTab } from './ComplaintsTab';
import { KpiTab } from './KpiTab';
import { SatisfactionTab } from './SatisfactionTab';

const TABS = ['complaints', 'actions', 'satisfaction', 'kpis'] as const;
type Tab = (typeof TABS)[number];

export default function FeedbackPage() {
  const { t } = useI18n();
  const { search, navigate } = useRouter();
  const asked = search.get('tab');
  const tab: Tab = TABS.includes(asked as Tab) ? (asked as Tab) : 'complaints';

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('fb.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(key === 'complaints' ? '/feedback' : `/feedback?tab=${key}`)}
        destroyOnHidden
        items={[
          { key: 'complaints', label: t('fb.tab.complaints'), children: <ComplaintsTab /> },
          { key: 'actions', label: t('fb.tab.actions'), children: <ActionsTab /> },
          { key: 'satisfaction', label: t('fb.tab.satisfaction'), children: <SatisfactionTab /> },
          { key: 'kpis', label: t('fb.tab.kpis'), children: <KpiTab /> },
        ]}
      />
    </div>
  );
}
