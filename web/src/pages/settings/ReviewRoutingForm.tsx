// The routing table: which departments review each class of contract (required ones always, the
// minimum of every case; conditional ones when the order's content calls for them) and what a large
// order is. Everyone reads it; an administrator saves it under the review policy's version (409 →
// reload). The server validates again and names the field.
import { App as AntApp, Button, Card, Form, InputNumber, Select, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { RoutingPolicy } from '../../../../src/review/routing-policy';
import { ApiError, api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';

interface Stored {
  routing: RoutingPolicy;
  version: number;
  triggers: { code: string; zh: string; en: string }[];
}

const CLASSES = ['regular', 'special', 'temporary'] as const;
const SIGNING = ['sales', 'technical', 'purchasing', 'production', 'quality', 'finance'] as const;

export function ReviewRoutingForm({ canEdit, onSaved }: { canEdit: boolean; onSaved: () => void }) {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RoutingPolicy>();
  const [stored, setStored] = useState<Stored | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const s = await api.get<Stored>('/api/settings/review-routing');
      setStored(s);
      form.setFieldsValue(s.routing);
    } catch (err) {
      setError(err);
    }
  }, [form]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (routing: RoutingPolicy) => {
    if (!stored) return;
    setBusy(true);
    setError(null);
    try {
      const s = await api.put<Stored>('/api/settings/review-routing', {
        expectedVersion: stored.version,
        routing,
      });
      setStored(s);
      form.setFieldsValue(s.routing);
      void message.success(t('settings.routing.saved', { version: s.version }));
      onSaved();
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

  const departmentOptions = (withGm: boolean) =>
    [...SIGNING, ...(withGm ? (['general_manager'] as const) : [])].map((d) => ({
      value: d,
      label: label('department', d),
    }));
  const triggerOptions = stored.triggers.map((x) => ({
    value: x.code,
    label: label('routingTrigger', x.code),
  }));

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('settings.routing.title')}</h2>}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="review-routing"
    >
      <Typography.Paragraph type="secondary">{t('settings.routing.hint')}</Typography.Paragraph>
      <div aria-live="polite">
        <ErrorAlert error={error} />
      </div>
      <Form<RoutingPolicy> form={form} layout="vertical" disabled={!canEdit} onFinish={(v) => void save(v)}>
        {CLASSES.map((cls) => (
          <fieldset
            key={cls}
            style={{ border: 0, padding: 0, margin: '0 0 12px' }}
            data-testid={`routing-${cls}`}
          >
            <legend style={{ fontSize: 15 }}>
              {label('contractClass', cls)} · {t('settings.routing.mode')}：{label('reviewMode', cls)}
            </legend>
            <Form.Item name={[cls, 'required']} label={t('settings.routing.required')}>
              <Select mode="multiple" options={departmentOptions(cls === 'special')} />
            </Form.Item>
            <Form.List name={[cls, 'conditional']}>
              {(fields, { add, remove }) => (
                <div>
                  <Typography.Text>{t('settings.routing.conditional')}</Typography.Text>
                  {fields.map((f, i) => (
                    <Space key={f.key} align="end" wrap style={{ display: 'flex' }}>
                      <Form.Item
                        name={[f.name, 'department']}
                        label={`${t('settings.routing.department')} ${i + 1}`}
                      >
                        <Select style={{ width: 140 }} options={departmentOptions(false)} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'when']} label={`${t('settings.routing.when')} ${i + 1}`}>
                        <Select mode="multiple" style={{ minWidth: 320 }} options={triggerOptions} />
                      </Form.Item>
                      <Form.Item>
                        <Button onClick={() => remove(f.name)}>{t('settings.routing.remove')}</Button>
                      </Form.Item>
                    </Space>
                  ))}
                  {canEdit && (
                    <Button onClick={() => add({ department: 'purchasing', when: ['materials'] })}>
                      {t('settings.routing.add')}
                    </Button>
                  )}
                </div>
              )}
            </Form.List>
          </fieldset>
        ))}
        <Form.Item name="largeOrderTonnes" label={t('settings.routing.largeOrderTonnes')}>
          <InputNumber min={0.001} max={1_000_000} style={{ width: 160 }} />
        </Form.Item>
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('settings.routing.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
