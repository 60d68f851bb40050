// Sales records an amendment of an accepted contract. The kind decides what may change: a change
// record only the delivery date or quantities (anything else would escape review), a clause change
// or a void-and-re-sign also the requirements and terms. The form checks what the server checks
// (a reason, at least one real change) so a refusal is the exception, not the way to learn the rules.
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import { RadioChoice } from './RadioChoice';
import type { Act, ContractCase, ContractTerms } from './types';

type Kind = 'change_record' | 'change_clause' | 'void_resign';
const KINDS: Kind[] = ['change_record', 'change_clause', 'void_resign'];
const DATE = 'YYYY-MM-DD';

interface Values {
  kind: Kind;
  deliveryDate?: Dayjs | null;
  quantities?: Record<string, number | null>;
  requirementId?: string;
  requirementText?: string;
  deliveryPlace?: string;
  paymentTerms?: string;
  reason: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The amended terms: the current ones with only the fields this kind may change replaced. */
export function amendedTerms(current: ContractTerms, v: Values): ContractTerms {
  const date = v.deliveryDate ? v.deliveryDate.format(DATE) : current.delivery.date;
  const items = current.items.map((i) => {
    const q = v.quantities?.[String(i.line)];
    if (q === undefined || q === null) return i;
    return { ...i, quantity: { value: q, unit: i.quantity?.unit ?? null } };
  });
  const terms: ContractTerms = { ...current, items, delivery: { ...current.delivery, date } };
  if (v.kind === 'change_record') return terms;
  const text = v.requirementText?.trim();
  return {
    ...terms,
    delivery: { ...terms.delivery, place: v.deliveryPlace?.trim() || current.delivery.place },
    paymentTerms: v.paymentTerms?.trim() || current.paymentTerms,
    requirements: current.requirements.map((r) => (r.id === v.requirementId && text ? { ...r, text } : r)),
  };
}

export function AmendmentForm({ data, busy, act }: { data: ContractCase; busy: boolean; act: Act }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [noChanges, setNoChanges] = useState(false);
  const kind = Form.useWatch('kind', form) ?? 'change_record';
  const current = data.terms;
  if (!current) return null;

  const initialDate = current.delivery.date ? dayjs(current.delivery.date, DATE, true) : null;
  const initialValues: Partial<Values> = {
    kind: 'change_record',
    deliveryDate: initialDate?.isValid() ? initialDate : null,
    quantities: Object.fromEntries(current.items.map((i) => [String(i.line), i.quantity?.value ?? null])),
  };

  const submit = async (v: Values) => {
    const terms = amendedTerms(current, v);
    if (same(terms, current)) {
      setNoChanges(true);
      return;
    }
    setNoChanges(false);
    const ok = await act('amendments', { kind: v.kind, terms, reason: v.reason.trim() });
    if (ok) {
      form.resetFields();
      setOpen(false);
    }
  };

  return (
    <Card title={<CardTitle>{t('review.amend.open')}</CardTitle>} size="small" style={{ marginTop: 16 }}>
      {!open ? (
        <Button onClick={() => setOpen(true)}>{t('review.amend.open')}</Button>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onValuesChange={() => setNoChanges(false)}
          onFinish={(v) => void submit(v)}
          data-testid="amendment-form"
        >
          <Form.Item name="kind" label={t('review.amend.kind')}>
            <RadioChoice
              aria-label={t('review.amend.kind')}
              options={KINDS.map((k) => ({ value: k, label: label('amendmentKind', k) }))}
            />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t(`review.amend.kindHint.${kind}`)}</Typography.Paragraph>
          <Form.Item name="deliveryDate" label={t('review.amend.deliveryDate')}>
            <DatePicker format={DATE} allowClear={false} />
          </Form.Item>
          {current.items.map((i) => (
            <Form.Item
              key={i.line}
              name={['quantities', String(i.line)]}
              label={t('review.amend.quantity', {
                line: i.line,
                product: i.product,
                unit: i.quantity?.unit ?? '—',
              })}
              rules={[
                {
                  validator: (_, value: number | null | undefined) =>
                    value === null || value === undefined || value > 0
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('review.amend.quantityInvalid'))),
                },
              ]}
            >
              <InputNumber style={{ width: 200 }} />
            </Form.Item>
          ))}
          {kind !== 'change_record' && (
            <>
              <Form.Item name="requirementId" label={t('review.amend.requirement')}>
                <Select
                  allowClear
                  options={current.requirements.map((r) => ({ value: r.id, label: `${r.id} ${r.text}` }))}
                />
              </Form.Item>
              <Form.Item
                name="requirementText"
                label={t('review.amend.requirementText')}
                dependencies={['requirementId']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: string | undefined) =>
                      !getFieldValue('requirementId') || value?.trim()
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('review.required'))),
                  }),
                ]}
              >
                <Input maxLength={2000} />
              </Form.Item>
              <Form.Item name="deliveryPlace" label={t('review.amend.deliveryPlace')}>
                <Input maxLength={200} placeholder={current.delivery.place ?? ''} />
              </Form.Item>
              <Form.Item name="paymentTerms" label={t('review.amend.paymentTerms')}>
                <Input maxLength={500} placeholder={current.paymentTerms ?? ''} />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="reason"
            label={t('review.amend.reason')}
            rules={[{ required: true, whitespace: true, message: t('review.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
          </Form.Item>
          {noChanges && (
            <Alert type="error" showIcon message={t('review.amend.noChanges')} style={{ marginBottom: 12 }} />
          )}
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('review.amend.submit')}
          </Button>{' '}
          <Button onClick={() => setOpen(false)}>{t('review.amend.cancel')}</Button>
        </Form>
      )}
    </Card>
  );
}
