// 系统设置: the review policy and the routing table (everyone reads the rules their deadlines and
// reviews follow; an administrator changes them), for the administrator the mail that did not go out,
// and the ways to the pages kept off the top menu (audit trail, users and roles).
import { Typography } from 'antd';
import { useState } from 'react';
import { PageLink } from '../../components/PageLink';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { MailOutbox } from './MailOutbox';
import { ReviewPolicyForm } from './ReviewPolicyForm';
import { ReviewRoutingForm } from './ReviewRoutingForm';

export default function SettingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const isAdmin = user?.department === 'admin';
  // Both sections save the one review policy under its version: after one is saved the other
  // reloads, so it carries the new version.
  const [policyKey, setPolicyKey] = useState(0);
  const [routingKey, setRoutingKey] = useState(0);
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('settings.title')}
      </Typography.Title>
      <PageLink page="audit" />
      <PageLink page="users" />
      <ReviewPolicyForm key={policyKey} canEdit={isAdmin} onSaved={() => setRoutingKey((k) => k + 1)} />
      <ReviewRoutingForm key={routingKey} canEdit={isAdmin} onSaved={() => setPolicyKey((k) => k + 1)} />
      {isAdmin && <MailOutbox />}
    </div>
  );
}
