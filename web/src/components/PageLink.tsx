// A link to a page kept off the top menu (which must fit one row), shown only to the departments the
// permission matrix lets read that page, so nobody is offered a page that answers "no access".
import { Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { canSee, NAVIGATION, type PageId } from '../navigation';
import { useRouter } from '../router';
import { useSession } from '../session';

/** The page's name as a link in a paragraph of its own, or nothing for whoever may not read it. */
export function PageLink({ page }: { page: PageId }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const { user } = useSession();
  const entry = NAVIGATION.find((e) => e.id === page);
  if (!user || !entry || !canSee(entry, user.department, user.deputyFor)) return null;
  return (
    <Typography.Paragraph>
      <a
        href={entry.path}
        onClick={(ev) => {
          ev.preventDefault();
          navigate(entry.path);
        }}
      >
        {t(entry.label)}
      </a>
    </Typography.Paragraph>
  );
}
