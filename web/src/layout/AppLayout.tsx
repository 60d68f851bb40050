// The frame of every signed-in page: navigation for the user's department, the to-do and
// notification bell, language switch and user menu. Pages render inside <main>. Below the `md`
// breakpoint (phones) the navigation moves into a drawer opened by a menu button, since a
// horizontal menu there collapses into "…".
import { GlobalOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { canSee, entryOfPath, NAVIGATION } from '../navigation';
import { caseIdOfPath } from '../pages/review/route';
import { useRouter } from '../router';
import { useSession } from '../session';
import { NotificationBell } from '../todos/NotificationBell';
import { PasswordDialog } from './PasswordDialog';

export function AppLayout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { user, logout } = useSession();
  const { path, navigate } = useRouter();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Before the first measurement `md` is undefined: the desktop frame, as on most screens.
  const phone = screens.md === false;
  const [changingPassword, setChangingPassword] = useState(false);
  if (!user) return null;
  const entries = NAVIGATION.filter((e) => e.menu !== false && canSee(e, user.department, user.deputyFor));
  // A contract case is reached from the ledger (and its number is the ledger's key), so the ledger
  // entry stays highlighted while one is open.
  const open = entryOfPath(path);
  const current = caseIdOfPath(path) ? 'ledger' : (open?.under ?? open?.id ?? 'workbench');

  const menu = (mode: 'horizontal' | 'inline') => (
    <Menu
      mode={mode}
      selectedKeys={[current]}
      items={entries.map((e) => ({
        key: e.id,
        label: (
          <a
            href={e.path}
            onClick={(ev) => {
              ev.preventDefault();
              setDrawerOpen(false);
              navigate(e.path);
            }}
          >
            {t(e.label)}
          </a>
        ),
      }))}
      style={{ borderBottom: 'none', borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {lang === 'en' ? 'Skip to content' : '跳到正文'}
      </a>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: phone ? 8 : 24,
          background: '#fff',
          padding: phone ? '0 12px' : '0 24px',
        }}
      >
        {phone && (
          <Button
            icon={<MenuOutlined />}
            aria-label={t('nav.open')}
            aria-expanded={drawerOpen}
            aria-controls="nav-drawer"
            data-testid="nav-menu-button"
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Typography.Text strong style={{ fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Text>
        {phone ? (
          <div style={{ flex: 1 }} />
        ) : (
          <nav aria-label={t('nav.main')} style={{ flex: 1, minWidth: 0 }}>
            {menu('horizontal')}
          </nav>
        )}
        <Space size={phone ? 4 : 8}>
          <NotificationBell />
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
                  key: 'password',
                  icon: <KeyOutlined />,
                  label: t('user.changePassword'),
                  onClick: () => setChangingPassword(true),
                },
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
            <Button
              icon={<UserOutlined />}
              aria-haspopup="menu"
              aria-label={phone ? user.displayName : undefined}
              title={phone ? user.displayName : undefined}
            >
              {phone ? null : user.displayName}
            </Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <PasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
      {phone && (
        <Drawer
          id="nav-drawer"
          placement="left"
          width={260}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={t('app.name')}
          closable={{ 'aria-label': t('common.close') }}
          styles={{ body: { padding: 0 } }}
        >
          <nav aria-label={t('nav.main')}>{menu('inline')}</nav>
        </Drawer>
      )}
      <Layout.Content id="main" role="main" style={{ padding: phone ? 12 : 24, minWidth: 0 }} tabIndex={-1}>
        {children}
      </Layout.Content>
    </Layout>
  );
}
