// The dialog that registers or edits a register entry. Validated like the server (title, number,
// issuer, a scope, at least one department, the review date, the obligations, an http(s) link), so
// most mistakes are marked before anything is sent; the server's own refusal is shown above the form.
import { Checkbox, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { FormModal, useSaving } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';
import type { LawEntry, ScopeOptions } from './types';

interface Values {
  title: string;
  number: string;
  issuer: string;
  scopeAll: boolean;
  categories: string[];
  processes: string[];
  departments: string[];
  effectiveDate: Dayjs | null;
  reviewDue: Dayjs | null;
  obligations: string;
  sourceUrl: string;
}

const DATE = 'YYYY-MM-DD';

export function LawForm(props: {
  open: boolean;
  entry: LawEntry | null;
  options: ScopeOptions | null;
  onSaved(entry: LawEntry): void;
  onCancel(): void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const { error, saving, save } = useSaving();
  const scopeAll = Form.useWatch('scopeAll', form);
  const e = props.entry;
  const initial: Partial<Values> = e
    ? {
        title: e.title,
        number: e.number,
        issuer: e.issuer,
        scopeAll: e.scope.all,
        categories: e.scope.categories,
        processes: e.scope.processes,
        departments: e.departments,
        effectiveDate: e.effectiveDate ? dayjs(e.effectiveDate) : null,
        reviewDue: dayjs(e.reviewDue),
        obligations: e.obligations,
        sourceUrl: e.sourceUrl ?? '',
      }
    : { scopeAll: false, categories: [], processes: [], departments: [] };
  const required = [{ required: true, whitespace: true, message: t('laws.required') }];

  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      const body = {
        title: v.title,
        number: v.number,
        issuer: v.issuer,
        scope: { all: v.scopeAll, categories: v.categories ?? [], processes: v.processes ?? [] },
        departments: v.departments,
        effectiveDate: v.effectiveDate ? v.effectiveDate.format(DATE) : null,
        reviewDue: v.reviewDue!.format(DATE),
        obligations: v.obligations,
        sourceUrl: v.sourceUrl?.trim() || null,
      };
      const saved = e
        ? await api.put<LawEntry>(`/api/laws/${e.id}`, { ...body, expectedRevision: e.revision })
        : await api.post<LawEntry>('/api/laws', body);
      props.onSaved(saved);
    });
  };

  return (
    <FormModal
      open={props.open}
      title={e ? t('laws.editTitle', { number: e.number }) : t('laws.createTitle')}
      okText={t('common.save')}
      width={720}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onCancel}
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false} data-testid="law-form">
        <Form.Item name="title" label={t('laws.name')} rules={required}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="number" label={t('laws.number')} rules={required}>
          <Input maxLength={100} placeholder="GB/T 3190-2020" />
        </Form.Item>
        <Form.Item name="issuer" label={t('laws.issuer')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="scopeAll" valuePropName="checked">
          <Checkbox>{t('laws.scopeAll')}</Checkbox>
        </Form.Item>
        {!scopeAll && (
          <>
            <Form.Item
              name="categories"
              label={t('laws.categories')}
              dependencies={['processes', 'scopeAll']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: string[] | undefined) =>
                    getFieldValue('scopeAll') ||
                    (value?.length ?? 0) > 0 ||
                    (getFieldValue('processes')?.length ?? 0) > 0
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('laws.scopeRequired'))),
                }),
              ]}
            >
              <Select
                mode="multiple"
                allowClear
                options={(props.options?.categories ?? []).map((c) => ({ value: c, label: c }))}
              />
            </Form.Item>
            <Form.Item name="processes" label={t('laws.processes')}>
              <Select
                mode="tags"
                allowClear
                options={(props.options?.processes ?? []).map((p) => ({ value: p, label: p }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="departments"
          label={t('laws.departments')}
          rules={[{ required: true, type: 'array', min: 1, message: t('laws.departmentsRequired') }]}
        >
          <Select
            mode="multiple"
            options={(props.options?.departments ?? []).map((d) => ({
              value: d,
              label: label('department', d),
            }))}
          />
        </Form.Item>
        <Form.Item name="effectiveDate" label={t('laws.effectiveDate')}>
          <DatePicker format={DATE} />
        </Form.Item>
        <Form.Item
          name="reviewDue"
          label={t('laws.reviewDue')}
          rules={[{ required: true, message: t('laws.required') }]}
        >
          <DatePicker format={DATE} />
        </Form.Item>
        <Form.Item name="obligations" label={t('laws.obligations')} rules={required}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="sourceUrl"
          label={t('laws.sourceUrl')}
          rules={[{ pattern: /^(https?:\/\/\S+)?$/i, message: t('laws.urlInvalid') }]}
        >
          <Input maxLength={1000} placeholder="https://" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
