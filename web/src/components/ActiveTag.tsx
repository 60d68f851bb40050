// In use / deactivated, for master data (customers, catalogue items) that is deactivated, not deleted.
import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n';

export function ActiveTag({ active }: { active: boolean | undefined }) {
  const { t } = useI18n();
  return active === false ? <Tag>{t('md.inactive')}</Tag> : <Tag color="green">{t('md.active')}</Tag>;
}
