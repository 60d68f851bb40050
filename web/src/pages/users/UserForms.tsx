// The dialogs of the users page: a new user, an edit of one (name, department, deputyship, e-mail)
// and a password reset. The forms check what they can before sending (required fields, the
// password's length and confirmation, the deputyship rules); the server applies the full password
// policy and the escalation rules, and its refusal is put on the field it names.
import { App as AntApp, Form, Input, Select, Typography } from 'antd';
import { MIN_PASSWORD_LENGTH } from '../../../../src/auth/password-length';
import { api } from '../../api/client';
import type { Department, ListedUser } from '../../api/types';
import { FormModal, useSaving } from '../../components/FormModal';
import { placeServerFieldErrors } from '../../components/server-field-errors';
import { ALL_DEPARTMENTS } from '../../departments';
import { useI18n } from '../../i18n/i18n';

interface UserValues {
  username: string;
  displayName: string;
  department: Department;
  deputyFor: Department | null;
  email: string;
  password: string;
  confirm: string;
}

const USERNAME = /^[A-Za-z0-9._-]{2,64}$/;

/** The departments `department` may stand in for: a business one other than its own; none for admin. */
function deputyOptions(department: Department | undefined): Department[] {
  if (!department || department === 'admin') return [];
  return ALL_DEPARTMENTS.filter((d) => d !== 'admin' && d !== department);
}

function usePasswordRules() {
  const { t } = useI18n();
  return {
    password: [
      { required: true, message: t('users.required') },
      { min: MIN_PASSWORD_LENGTH, message: t('users.passwordShort', { min: MIN_PASSWORD_LENGTH }) },
    ],
    confirm: [
      { required: true, message: t('users.required') },
      ({ getFieldValue }: { getFieldValue(name: string): unknown }) => ({
        validator: (_: unknown, value: unknown) =>
          !value || value === getFieldValue('password')
            ? Promise.resolve()
            : Promise.reject(new Error(t('users.passwordMismatch'))),
      }),
    ],
  };
}

/** Creates a user (`user` null) or edits one. */
export function UserForm(props: {
  open: boolean;
  user: ListedUser | null;
  onSaved(name: string): void;
  onCancel(): void;
}) {
  const { t, label, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<UserValues>();
  const { error, setError, saving, save } = useSaving();
  const department = Form.useWatch('department', form);
  const rules = usePasswordRules();
  const required = [{ required: true, whitespace: true, message: t('users.required') }];
  const u = props.user;

  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      const common = {
        displayName: v.displayName?.trim() ?? '',
        department: v.department,
        deputyFor: v.deputyFor ?? null,
        email: v.email?.trim() || null,
      };
      try {
        if (u) {
          await api.put(`/api/users/${encodeURIComponent(u.username)}`, common);
          void message.success(t('users.saved'));
          props.onSaved(common.displayName || u.username);
        } else {
          const body = { ...common, username: v.username.trim(), password: v.password };
          await api.post('/api/users', body);
          void message.success(t('users.created', { name: common.displayName || body.username }));
          props.onSaved(common.displayName || body.username);
        }
      } catch (err) {
        if (placeServerFieldErrors(form, err, Object.keys(v), pick)) {
          setError(null);
          return;
        }
        throw err;
      }
    });
  };

  return (
    <FormModal
      open={props.open}
      title={u ? t('users.editTitle', { name: u.displayName }) : t('users.new')}
      okText={t('common.save')}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      <Form<UserValues>
        form={form}
        layout="vertical"
        name="user-form"
        data-testid="user-form"
        preserve={false}
        initialValues={
          u
            ? {
                displayName: u.displayName,
                department: u.department,
                deputyFor: u.deputyFor,
                email: u.email ?? '',
              }
            : { deputyFor: null }
        }
        onValuesChange={(changed: Partial<UserValues>) => {
          // A deputyship the new department may not hold is dropped rather than refused later.
          if (
            changed.department &&
            !deputyOptions(changed.department).includes(form.getFieldValue('deputyFor'))
          ) {
            form.setFieldValue('deputyFor', null);
          }
        }}
      >
        {!u && (
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('users.usernameHint')}
            rules={[...required, { pattern: USERNAME, message: t('users.usernameInvalid') }]}
          >
            <Input maxLength={64} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="department"
          label={t('users.department')}
          rules={[{ required: true, message: t('users.required') }]}
        >
          <Select options={ALL_DEPARTMENTS.map((d) => ({ value: d, label: label('department', d) }))} />
        </Form.Item>
        <Form.Item name="deputyFor" label={t('users.deputyFor')} extra={t('users.deputyHint')}>
          <Select
            disabled={deputyOptions(department).length === 0}
            options={[
              { value: null, label: t('users.noDeputy') },
              ...deputyOptions(department).map((d) => ({ value: d, label: label('department', d) })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('users.email')}
          rules={[{ type: 'email', message: t('users.emailInvalid') }]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        {!u && (
          <>
            <Form.Item
              name="password"
              label={t('users.password')}
              extra={t('users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
              rules={rules.password}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('users.confirmPassword')}
              dependencies={['password']}
              rules={rules.confirm}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
      </Form>
    </FormModal>
  );
}

/** Sets a new password for a user who forgot theirs; their sessions end. */
export function PasswordResetForm(props: { user: ListedUser | null; onDone(): void; onCancel(): void }) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Pick<UserValues, 'password' | 'confirm'>>();
  const { error, setError, saving, save } = useSaving();
  const rules = usePasswordRules();
  const u = props.user;

  const submit = async () => {
    const v = await form.validateFields();
    if (!u) return;
    await save(async () => {
      try {
        const res = await api.post<{ sessionsEnded: number }>(
          `/api/users/${encodeURIComponent(u.username)}/password`,
          { password: v.password },
        );
        void message.success(t('users.resetDone', { name: u.displayName, n: res.sessionsEnded }));
        props.onDone();
      } catch (err) {
        if (placeServerFieldErrors(form, err, ['password'], pick)) {
          setError(null);
          return;
        }
        throw err;
      }
    });
  };

  return (
    <FormModal
      open={u !== null}
      title={u ? t('users.resetTitle', { name: u.displayName }) : ''}
      okText={t('users.resetPassword')}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      <Typography.Paragraph type="secondary">{t('users.resetHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="password-reset" preserve={false}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          extra={t('users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          rules={rules.password}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.confirmPassword')}
          dependencies={['password']}
          rules={rules.confirm}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
