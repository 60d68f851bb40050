// Sign-in. Errors (wrong password, too many attempts) come from the server in the user's language.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';

export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t, lang, setLang } = useI18n();
  const { login, expired } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.username, values.password);
      onSignedIn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380, maxWidth: 'calc(100vw - 24px)' }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {expired && !error && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            message={t('login.expired')}
            style={{ marginBottom: 16 }}
          />
        )}
        <ErrorAlert error={error} />
        <Form layout="vertical" onFinish={submit} requiredMark={false} name="login">
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          {t('login.demoHint')}
        </Typography.Paragraph>
        <Button
          type="link"
          onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
          aria-label={`${t('lang.label')}（${t('lang.switch')}）`}
        >
          {t('lang.label')}
        </Button>
      </Card>
    </main>
  );
}
