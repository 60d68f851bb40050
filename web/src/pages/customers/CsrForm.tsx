// 登记/编辑 CSR: one customer-specific requirement — clause, source document, category, responsible
// department, what it applies to, the dates it is in force and its content. Checked before sending
// (content and category required, the end not before the start); the server validates again and a
// refusal naming a field is shown on that field. Each save is audited by the server.
import { App as AntApp, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { CsrEntry } from '../../api/types';
import { FormModal, useSaving } from '../../components/FormModal';
import { placeServerFieldErrors } from '../../components/server-field-errors';
import { WORKING_DEPARTMENTS } from '../../departments';
import { useI18n } from '../../i18n/i18n';
import { CODE_LABELS } from '../../i18n/messages';

interface Values {
  clause: string;
  sourceDocument: string;
  category: string;
  department: string | null;
  appliesTo: string;
  effectiveFrom: Dayjs | null;
  effectiveTo: Dayjs | null;
  status: 'active' | 'inactive';
  text: string;
}

const DATE = 'YYYY-MM-DD';
const CATEGORIES = Object.keys(CODE_LABELS.category ?? {});

export function CsrForm(props: {
  customerId: string;
  open: boolean;
  /** The entry to edit; null registers a new one. */
  entry: CsrEntry | null;
  onSaved(): void;
  onCancel(): void;
}) {
  const { t, label, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const { error, setError, saving, save } = useSaving();
  const e = props.entry;
  const day = (v: string | null | undefined) => (v ? dayjs(v, DATE) : null);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      clause: v.clause?.trim() || null,
      sourceDocument: v.sourceDocument?.trim() || null,
      category: v.category,
      department: v.department ?? null,
      appliesTo: v.appliesTo?.trim() || null,
      effectiveFrom: v.effectiveFrom ? v.effectiveFrom.format(DATE) : null,
      effectiveTo: v.effectiveTo ? v.effectiveTo.format(DATE) : null,
      status: v.status,
      text: v.text,
    };
    const base = `/api/customers/${encodeURIComponent(props.customerId)}/csr`;
    await save(async () => {
      try {
        if (e) await api.put(`${base}/${encodeURIComponent(e.id)}`, body);
        else await api.post(base, body);
        void message.success(t('md.csrSaved', { clause: body.clause ?? '' }));
        props.onSaved();
      } catch (err) {
        if (placeServerFieldErrors(form, err, Object.keys(body), pick)) {
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
      title={e ? t('md.csrEditTitle', { clause: e.clause ?? t('md.csrNoClause') }) : t('md.csrNew')}
      okText={t('common.save')}
      width={640}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="csr-form"
        data-testid="csr-form"
        preserve={false}
        initialValues={
          e
            ? {
                clause: e.clause ?? '',
                sourceDocument: e.sourceDocument ?? '',
                category: e.category,
                department: e.department,
                appliesTo: e.appliesTo ?? '',
                effectiveFrom: day(e.effectiveFrom),
                effectiveTo: day(e.effectiveTo),
                status: e.status === 'inactive' ? 'inactive' : 'active',
                text: e.text,
              }
            : { status: 'active', department: null }
        }
      >
        <Space.Compact block>
          <Form.Item name="clause" label={t('customers.clause')} style={{ flex: 1 }}>
            <Input maxLength={100} placeholder="CSR-4.2" />
          </Form.Item>
          <Form.Item name="sourceDocument" label={t('customers.source')} style={{ flex: 2, marginLeft: 8 }}>
            <Input maxLength={200} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item
            name="category"
            label={t('md.csrCategory')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('md.required') }]}
          >
            <Select options={CATEGORIES.map((c) => ({ value: c, label: label('category', c) }))} />
          </Form.Item>
          <Form.Item name="department" label={t('customers.department')} style={{ flex: 1, marginLeft: 8 }}>
            <Select
              allowClear
              options={WORKING_DEPARTMENTS.map((d) => ({ value: d, label: label('department', d) }))}
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="appliesTo" label={t('customers.appliesTo')} extra={t('md.csrAppliesToHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="effectiveFrom" label={t('md.csrEffectiveFrom')}>
            <DatePicker format={DATE} />
          </Form.Item>
          <Form.Item
            name="effectiveTo"
            label={t('md.csrEffectiveTo')}
            dependencies={['effectiveFrom']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | null) => {
                  const from = getFieldValue('effectiveFrom') as Dayjs | null;
                  return !value || !from || !value.isBefore(from, 'day')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('md.csrDateOrder')));
                },
              }),
            ]}
          >
            <DatePicker format={DATE} />
          </Form.Item>
          <Form.Item name="status" label={t('md.csrStatus')}>
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'active', label: t('md.active') },
                { value: 'inactive', label: t('md.inactive') },
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="text"
          label={t('md.csrText')}
          rules={[{ required: true, whitespace: true, message: t('md.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
