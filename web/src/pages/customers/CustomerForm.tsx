// 新建/编辑客户: a drawer with the customer's profile and the procedure's sales-side background
// questions. The server validates (unique name, lengths); its problem+json is shown above the form.
import { App as AntApp, Button, Divider, Drawer, Form, Input, InputNumber, Space } from 'antd';
import { api } from '../../api/client';
import type { Customer } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSaving } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';

export const BACKGROUND_FIELDS = [
  'companySize',
  'mainProducts',
  'goals',
  'useScenario',
  'urgency',
  'budget',
  'trueMotive',
] as const;

type Values = Pick<Customer, 'name' | 'shortName' | 'industry' | 'firstOrderYear' | 'notes'> &
  Partial<Record<(typeof BACKGROUND_FIELDS)[number], string | null>>;

export function CustomerForm(props: {
  open: boolean;
  /** The customer to edit; null creates one. */
  customer: Customer | null;
  onClose(): void;
  onSaved(customer: Customer): void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const { error, saving, save } = useSaving();
  const editing = props.customer;

  const submit = async () => {
    const values = await form.validateFields();
    // Empty inputs clear the field (null), so an edit can remove what was written before.
    const body = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, v === '' || v === undefined ? null : v]),
    );
    await save(async () => {
      const saved = editing
        ? await api.put<Customer>(`/api/customers/${encodeURIComponent(editing.id)}`, body)
        : await api.post<Customer>('/api/customers', body);
      void message.success(t('md.saved'));
      props.onSaved(saved);
    });
  };

  return (
    <Drawer
      open={props.open}
      width={560}
      title={editing ? t('md.editCustomer') : t('md.newCustomer')}
      onClose={props.onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit().catch(() => undefined)}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={editing ?? {}}
        preserve={false}
        name="customer-form"
      >
        <Form.Item
          name="name"
          label={t('customers.name')}
          rules={[{ required: true, whitespace: true, message: t('md.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="shortName" label={t('customers.shortName')} style={{ flex: 1 }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="industry" label={t('customers.industry')} style={{ flex: 1, marginLeft: 8 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="firstOrderYear" label={t('customers.firstOrderYear')} style={{ marginLeft: 8 }}>
            <InputNumber min={1900} max={2200} precision={0} />
          </Form.Item>
        </Space.Compact>
        <Divider orientation="left" plain>
          {t('md.background')}
        </Divider>
        {BACKGROUND_FIELDS.map((f) => (
          <Form.Item key={f} name={f} label={t(`md.${f}`)}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
          </Form.Item>
        ))}
        <Form.Item name="notes" label={t('md.notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
