// The frame of every signed-in page: navigation for the user's department, language switch and
// user menu. Pages render inside <main>.
import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { canSee, entryOfPath, NAVIGATION } from '../navigation';
import { caseIdOfPath } from '../pages/review/route';
import { useRouter } from '../router';
import { useSession } from '../session';

export function AppLayout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { user, logout } = useSession();
  const { path, navigate } = useRouter();
  if (!user) return null;
  const entries = NAVIGATION.filter((e) => canSee(e, user.department, user.deputyFor));
  // A contract case is reached from the ledger (and its number is the ledger's key), so the ledger
  // entry stays highlighted while one is open.
  const current = caseIdOfPath(path) ? 'ledger' : (entryOfPath(path)?.id ?? 'workbench');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {lang === 'en' ? 'Skip to content' : '跳到正文'}
      </a>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#fff', padding: '0 24px' }}
      >
        <Typography.Text strong style={{ fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Text>
        <nav aria-label={t('nav.main')} style={{ flex: 1, minWidth: 0 }}>
          <Menu
            mode="horizontal"
            selectedKeys={[current]}
            items={entries.map((e) => ({
              key: e.id,
              label: (
                <a
                  href={e.path}
                  onClick={(ev) => {
                    ev.preventDefault();
                    navigate(e.path);
                  }}
                >
                  {t(e.label)}
                </a>
              ),
            }))}
            style={{ borderBottom: 'none' }}
          />
        </nav>
        <Space>
          <Button
            icon={<GlobalOutlined />}
            aria-label={`${t('lang.label')}（${t('lang.switch')}）`}
            onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
          >
            {t('lang.label')}
          </Button>
          <Dropdown
            menu={{
              items: [
                {
                  key: 'logout',
                  icon: <LogoutOutlined />,
                  label: t('user.logout'),
                  onClick: () => {
                    void logout().then(() => navigate('/login'));
                  },
                },
              ],
            }}
          >
            <Button icon={<UserOutlined />} aria-haspopup="menu">
              {user.displayName}
            </Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout.Content id="main" role="main" style={{ padding: 24 }} tabIndex={-1}>
        {children}
      </Layout.Content>
    </Layout>
  );
}
