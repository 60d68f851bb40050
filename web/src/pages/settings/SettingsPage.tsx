// 系统设置: the review policy (everyone reads the rules their deadlines follow; an administrator
// changes them) and, for the administrator, the mail that did not go out.
import { Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { MailOutbox } from './MailOutbox';
import { ReviewPolicyForm } from './ReviewPolicyForm';

export default function SettingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const isAdmin = user?.department === 'admin';
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('settings.title')}
      </Typography.Title>
      <ReviewPolicyForm canEdit={isAdmin} />
      {isAdmin && <MailOutbox />}
    </div>
  );
}
