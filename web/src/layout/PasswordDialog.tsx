// Changing one's own password from the user menu. The server checks the current password and the
// policy and names the field at fault; that message is put on the field it concerns.
import { App as AntApp, Form, Input, Typography } from 'antd';
import { ApiError, api } from '../api/client';
import { FormModal, useSaving } from '../components/FormModal';
import { useI18n } from '../i18n/i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function PasswordDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const { error, setError, saving, save } = useSaving();
  const required = [{ required: true, message: t('password.required') }];

  const submit = async () => {
    const values = await form.validateFields();
    await save(async () => {
      try {
        const res = await api.post<{ sessionsEnded: number }>('/api/auth/password', {
          currentPassword: values.currentPassword,
          newPassword: values.newPassword,
        });
        void message.success(t('password.changed', { n: res.sessionsEnded }));
        form.resetFields();
        onClose();
      } catch (err) {
        const fields = err instanceof ApiError ? (err.problem.errors ?? []) : [];
        const named = fields
          .map((f) => ({ name: f.path.replace(/^\//, ''), errors: [f.message] }))
          .filter((f) => f.name === 'currentPassword' || f.name === 'newPassword');
        if (named.length > 0) {
          form.setFields(named as { name: keyof Values; errors: string[] }[]);
          setError(null);
          return;
        }
        throw err;
      }
    });
  };

  return (
    <FormModal
      open={open}
      title={t('user.changePassword')}
      okText={t('password.submit')}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onClose();
      }}
    >
      <Form form={form} layout="vertical" name="change-password" preserve={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={required}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={required}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            ...required,
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('password.hint')}</Typography.Paragraph>
      </Form>
    </FormModal>
  );
}
