// The review policy as a form: the 48-hour clock (budget, reminders, escalations and to whom,
// pause while awaiting the customer, business hours with holidays), the meeting quorum and who
// signs conclusions. The server validates again and names the field; a save carries the version
// read, so two administrators never silently overwrite each other (409 → reload).
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Switch,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { ReviewPolicy } from '../../../../src/contracts/review-policy';
import type { EscalationTarget } from '../../../../src/review/feedback-clock';
import { ApiError, api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { WORKING_DEPARTMENTS } from '../../departments';
import { useI18n } from '../../i18n/i18n';

// The policy's shape is the server's own (type-only imports: nothing of src/ is bundled).
interface Stored {
  policy: ReviewPolicy;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  rescheduledCases?: number;
}

type BusinessHours = NonNullable<ReviewPolicy['clock']['businessHours']>;

/** The form keeps hours as tag strings and business hours behind a switch. */
interface Values extends Omit<ReviewPolicy, 'clock'> {
  clock: Omit<ReviewPolicy['clock'], 'reminderHours' | 'businessHours'> & {
    reminderHours: string[];
    useBusinessHours: boolean;
    businessHours: BusinessHours;
  };
}

const DEFAULT_HOURS: BusinessHours = {
  startHour: 8,
  endHour: 17,
  utcOffsetMinutes: 480,
  excludeWeekends: true,
  closedDays: [],
  workingWeekendDays: [],
};
const TARGETS: EscalationTarget[] = ['owner', 'sales_manager', 'general_manager'];
const CLASSES = ['regular', 'special', 'temporary'] as const;

// The server's default heading (src/contracts/review-policy.ts), shown until one is saved.
const DEFAULT_RECORD: NonNullable<ReviewPolicy['record']> = {
  companyName: '',
  formNumber: 'QR-8.2-01',
  formRevision: 'A/0',
  timeZone: 'Asia/Shanghai',
};

function toValues(p: ReviewPolicy): Values {
  return {
    ...p,
    record: p.record ?? DEFAULT_RECORD,
    clock: {
      ...p.clock,
      reminderHours: p.clock.reminderHours.map(String),
      useBusinessHours: p.clock.businessHours !== null,
      businessHours: p.clock.businessHours ?? DEFAULT_HOURS,
    },
  };
}

function toPolicy(v: Values): ReviewPolicy {
  const { useBusinessHours, businessHours, reminderHours, ...clock } = v.clock;
  return {
    ...v,
    clock: {
      ...clock,
      reminderHours: reminderHours.map(Number).sort((a, b) => a - b),
      businessHours: useBusinessHours ? businessHours : null,
    },
  };
}

/** A rule for a tags field: every tag typed must pass `valid`. */
const everyTag = (valid: (tag: string) => boolean, message: string) => ({
  validator: (_: unknown, value: string[] | undefined) =>
    (value ?? []).every(valid) ? Promise.resolve() : Promise.reject(new Error(message)),
});
const positiveTags = (message: string) => everyTag((h) => /^\d+(\.\d+)?$/.test(h) && Number(h) > 0, message);
const dateTags = (message: string) => everyTag((d) => dayjs(d, 'YYYY-MM-DD', true).isValid(), message);

export function ReviewPolicyForm({ canEdit, onSaved }: { canEdit: boolean; onSaved?: () => void }) {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [stored, setStored] = useState<Stored | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const useHours = Form.useWatch(['clock', 'useBusinessHours'], form);

  const load = useCallback(async () => {
    try {
      const s = await api.get<Stored>('/api/settings/review-policy');
      setStored(s);
      form.setFieldsValue(toValues(s.policy));
    } catch (err) {
      setError(err);
    }
  }, [form]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (v: Values) => {
    if (!stored) return;
    setBusy(true);
    setError(null);
    try {
      const s = await api.put<Stored>('/api/settings/review-policy', {
        expectedVersion: stored.version,
        policy: toPolicy(v),
      });
      setStored(s);
      form.setFieldsValue(toValues(s.policy));
      void message.success(
        t('settings.policy.saved', { version: s.version, count: s.rescheduledCases ?? 0 }),
      );
      onSaved?.();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.status === 409) await load();
    } finally {
      setBusy(false);
    }
  };

  if (!stored)
    return error ? (
      <ErrorAlert error={error} onRetry={() => void load()} />
    ) : (
      <Spin aria-label={t('common.loading')} />
    );

  const hours = { min: 0.5, max: 720, step: 1, style: { width: 160 } };
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('settings.policy.title')}</h2>} size="small">
      <Typography.Paragraph type="secondary" data-testid="policy-version">
        {stored.version === 0
          ? t('settings.policy.default')
          : t('settings.policy.version', {
              version: stored.version,
              at: dayjs(stored.updatedAt).format('YYYY-MM-DD HH:mm'),
              by: stored.updatedBy ?? '',
            })}
      </Typography.Paragraph>
      <Alert type="info" showIcon message={t('settings.policy.affects')} style={{ marginBottom: 12 }} />
      {!canEdit && (
        <Alert type="warning" showIcon message={t('settings.policy.readOnly')} style={{ marginBottom: 12 }} />
      )}
      <div aria-live="polite">
        <ErrorAlert error={error} />
      </div>
      <Form<Values> form={form} layout="vertical" disabled={!canEdit} onFinish={(v) => void save(v)}>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 15 }}>{t('settings.policy.clock')}</legend>
          <Form.Item name={['clock', 'budgetHours']} label={t('settings.policy.budgetHours')}>
            <InputNumber {...hours} />
          </Form.Item>
          <Form.Item
            name={['clock', 'reminderHours']}
            label={t('settings.policy.reminderHours')}
            rules={[positiveTags(t('settings.policy.invalidHours'))]}
          >
            <Select
              mode="tags"
              tokenSeparators={[',', '，', ' ']}
              placeholder={t('settings.policy.reminderPlaceholder')}
              open={false}
            />
          </Form.Item>
          <Form.List name={['clock', 'escalations']}>
            {(fields, { add, remove }) => (
              <div>
                <Typography.Text>{t('settings.policy.escalations')}</Typography.Text>
                {fields.map((f, i) => (
                  <Space key={f.key} align="end" wrap style={{ display: 'flex' }}>
                    <Form.Item
                      name={[f.name, 'atHours']}
                      label={`${t('settings.policy.escalationAt')} ${i + 1}`}
                    >
                      <InputNumber {...hours} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'to']} label={`${t('settings.policy.escalationTo')} ${i + 1}`}>
                      <Select
                        mode="multiple"
                        style={{ minWidth: 260 }}
                        options={TARGETS.map((x) => ({ value: x, label: label('escalationTarget', x) }))}
                      />
                    </Form.Item>
                    <Form.Item>
                      <Button onClick={() => remove(f.name)}>{t('settings.policy.removeEscalation')}</Button>
                    </Form.Item>
                  </Space>
                ))}
                <Button
                  onClick={() => add({ atHours: 48, to: ['sales_manager'] })}
                  style={{ marginBottom: 16 }}
                >
                  {t('settings.policy.addEscalation')}
                </Button>
              </div>
            )}
          </Form.List>
          <Form.Item
            name={['clock', 'pauseWhileAwaitingCustomer']}
            valuePropName="checked"
            label={t('settings.policy.pause')}
          >
            <Switch />
          </Form.Item>
          <Form.Item
            name={['clock', 'useBusinessHours']}
            valuePropName="checked"
            label={t('settings.policy.businessHours')}
          >
            <Switch />
          </Form.Item>
          {useHours && (
            <Space wrap align="start">
              <Form.Item
                name={['clock', 'businessHours', 'startHour']}
                label={t('settings.policy.startHour')}
              >
                <InputNumber min={0} max={23} />
              </Form.Item>
              <Form.Item name={['clock', 'businessHours', 'endHour']} label={t('settings.policy.endHour')}>
                <InputNumber min={1} max={24} />
              </Form.Item>
              <Form.Item
                name={['clock', 'businessHours', 'utcOffsetMinutes']}
                label={t('settings.policy.utcOffset')}
              >
                <InputNumber min={-720} max={840} />
              </Form.Item>
              <Form.Item
                name={['clock', 'businessHours', 'excludeWeekends']}
                valuePropName="checked"
                label={t('settings.policy.excludeWeekends')}
              >
                <Switch />
              </Form.Item>
              {(['closedDays', 'workingWeekendDays'] as const).map((days) => (
                <Form.Item
                  key={days}
                  name={['clock', 'businessHours', days]}
                  label={t(`settings.policy.${days}`)}
                  rules={[dateTags(t('settings.policy.invalidDate'))]}
                >
                  <Select
                    mode="tags"
                    style={{ minWidth: 280 }}
                    open={false}
                    placeholder={t('settings.policy.datePlaceholder')}
                  />
                </Form.Item>
              ))}
            </Space>
          )}
        </fieldset>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 15 }}>{t('settings.policy.meeting')}</legend>
          <Form.Item name={['meetingQuorum', 'minDepartments']} label={t('settings.policy.minDepartments')}>
            <InputNumber min={1} max={WORKING_DEPARTMENTS.length} />
          </Form.Item>
          <Form.Item name={['meetingQuorum', 'mustInclude']} label={t('settings.policy.mustInclude')}>
            <Select
              mode="multiple"
              options={WORKING_DEPARTMENTS.map((d) => ({ value: d, label: label('department', d) }))}
            />
          </Form.Item>
          {/* Set through the API or CLI (a user id); kept as it is when the form is saved. */}
          <Form.Item name={['meetingQuorum', 'gmDeputy']} hidden>
            <Input />
          </Form.Item>
        </fieldset>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 15 }}>{t('settings.policy.authority')}</legend>
          <Space wrap>
            {CLASSES.map((c) => (
              <Form.Item key={c} name={['conclusionAuthority', c]} label={label('contractClass', c)}>
                <Select
                  style={{ width: 180 }}
                  options={(['sales_manager', 'general_manager'] as const).map((a) => ({
                    value: a,
                    label: label('conclusionAuthority', a),
                  }))}
                />
              </Form.Item>
            ))}
          </Space>
          <Form.Item
            name="financeAlwaysReviews"
            valuePropName="checked"
            label={t('settings.policy.financeAlways')}
          >
            <Switch />
          </Form.Item>
        </fieldset>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 15 }}>{t('settings.policy.record')}</legend>
          <Form.Item name={['record', 'companyName']} label={t('settings.policy.companyName')}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap>
            <Form.Item
              name={['record', 'formNumber']}
              label={t('settings.policy.formNumber')}
              rules={[{ required: true }]}
            >
              <Input maxLength={40} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item
              name={['record', 'formRevision']}
              label={t('settings.policy.formRevision')}
              rules={[{ required: true }]}
            >
              <Input maxLength={20} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item
              name={['record', 'timeZone']}
              label={t('settings.policy.timeZone')}
              rules={[{ required: true }]}
            >
              <Input style={{ width: 220 }} />
            </Form.Item>
          </Space>
        </fieldset>
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('settings.policy.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
