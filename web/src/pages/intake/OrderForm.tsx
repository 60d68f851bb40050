// The order the analysis extracted, as an editable form: customer, PO number, items, delivery and
// payment. What the user leaves or corrects here is sent when the review is opened and is the order
// the departments review (POST /api/contracts `order`). Validation mirrors the server's (product
// named, quantity above zero, price not negative, ISO date).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, type FormInstance, Input, InputNumber, Space, Tag, Tooltip } from 'antd';
import { useEffect } from 'react';
import type { AnalysisResult } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

export interface OrderValues {
  customer: string;
  poNumber: string;
  items: {
    /** The analysed line (1-based) this row started as; null for a row the user added. */
    line: number | null;
    product: string;
    catalogCode: string;
    model: string;
    quantity: number | null;
    unit: string;
    unitPrice: number | null;
    currency: string;
  }[];
  deliveryDate: string;
  deliveryPlace: string;
  deliveryTerms: string;
  paymentTerms: string;
}

export function orderValuesOf(a: AnalysisResult): OrderValues {
  const po = a.entities.find((e) => e.type === 'order_number');
  return {
    customer: a.customer?.name ?? '',
    poNumber: po ? (typeof po.value === 'string' ? po.value : po.text) : '',
    items: a.items.map((i, n) => ({
      line: n + 1,
      product: i.product,
      catalogCode: i.catalogCode ?? '',
      model: i.model ?? '',
      quantity: i.quantity?.value ?? null,
      unit: i.quantity?.unit ?? '',
      unitPrice: i.unitPrice?.amount ?? null,
      currency: i.unitPrice?.currency ?? 'CNY',
    })),
    deliveryDate: a.delivery.date ?? '',
    deliveryPlace: a.delivery.place ?? '',
    deliveryTerms: a.delivery.terms ?? '',
    paymentTerms: a.paymentTerms ?? '',
  };
}

const orNull = (s: string | null | undefined) => s?.trim() || null;

/** The form's values as the server takes them (`order` of POST /api/contracts). */
export function orderBodyOf(v: OrderValues) {
  return {
    customer: (v.customer ?? '').trim(),
    poNumber: orNull(v.poNumber),
    items: (v.items ?? []).map((i) => ({
      line: i.line ?? null,
      product: (i.product ?? '').trim(),
      catalogCode: orNull(i.catalogCode),
      model: orNull(i.model),
      quantity: i.quantity ?? null,
      unit: orNull(i.unit),
      unitPrice: i.unitPrice ?? null,
      currency: orNull(i.currency) ?? 'CNY',
    })),
    deliveryDate: orNull(v.deliveryDate),
    deliveryPlace: orNull(v.deliveryPlace),
    deliveryTerms: orNull(v.deliveryTerms),
    paymentTerms: orNull(v.paymentTerms),
  };
}

/** A mark on a field the analysis is unsure of: the person checks exactly these. */
export function NeedsReview({ analysis, path }: { analysis: AnalysisResult; path: string }) {
  const { t } = useI18n();
  if (!analysis.needsReview?.includes(path)) return null;
  return (
    <Tooltip title={t('intake.needsReviewHint')}>
      <Tag color="gold" data-testid={`needs-review-${path}`}>
        {t('intake.needsReview')}
      </Tag>
    </Tooltip>
  );
}

export function OrderForm({ analysis, form }: { analysis: AnalysisResult; form: FormInstance<OrderValues> }) {
  const { t } = useI18n();
  // The form instance outlives this component (the page reads it to open the review): a new
  // analysis must replace what an earlier one left in it, not merge with it.
  useEffect(() => {
    form.resetFields();
  }, [form]);

  return (
    <Form form={form} layout="vertical" initialValues={orderValuesOf(analysis)} name="order">
      <Form.Item
        label={
          <Space>
            {t('intake.customer')}
            {analysis.customer && (
              <Tag color={analysis.customer.known ? 'green' : 'orange'}>
                {analysis.customer.known ? t('intake.knownCustomer') : t('intake.newCustomer')}
              </Tag>
            )}
            <NeedsReview analysis={analysis} path="customer" />
          </Space>
        }
        name="customer"
        rules={[{ required: true, whitespace: true, message: t('intake.customerRequired') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item label={t('intake.poNumber')} name="poNumber">
        <Input style={{ width: 220 }} />
      </Form.Item>
      <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('intake.items')}</legend>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, n) => (
                <Space key={field.key} wrap align="start" style={{ marginBottom: 4 }}>
                  <Form.Item
                    name={[field.name, 'product']}
                    label={`${t('intake.product')} ${n + 1}`}
                    rules={[{ required: true, whitespace: true, message: t('intake.productRequired') }]}
                  >
                    <Input style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'catalogCode']} label={t('intake.catalogCode')}>
                    <Input style={{ width: 100 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'model']} label={t('intake.model')}>
                    <Input style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'quantity']}
                    label={
                      <Space size={4}>
                        {t('intake.quantity')}
                        <NeedsReview analysis={analysis} path={`items[${n}].quantity`} />
                      </Space>
                    }
                    rules={[
                      {
                        validator: (_, v: number | null) =>
                          v === null || v === undefined || v > 0
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('intake.quantityPositive'))),
                      },
                    ]}
                  >
                    <InputNumber style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'unit']} label={t('intake.unit')}>
                    <Input style={{ width: 70 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'unitPrice']}
                    label={t('intake.unitPrice')}
                    rules={[
                      {
                        validator: (_, v: number | null) =>
                          v === null || v === undefined || v >= 0
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('intake.priceNotNegative'))),
                      },
                    ]}
                  >
                    <InputNumber style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item label=" ">
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={`${t('intake.removeItem')} ${n + 1}`}
                      onClick={() => remove(field.name)}
                    />
                  </Form.Item>
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ currency: 'CNY', line: null })}>
                {t('intake.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>
      <Space wrap style={{ marginTop: 16 }}>
        <Form.Item
          label={
            <Space size={4}>
              {t('intake.deliveryDate')}
              <NeedsReview analysis={analysis} path="delivery.date" />
            </Space>
          }
          name="deliveryDate"
          rules={[{ pattern: /^(\d{4}-\d{2}-\d{2})?$/, message: 'YYYY-MM-DD' }]}
        >
          <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label={t('intake.deliveryPlace')} name="deliveryPlace">
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label={t('intake.deliveryTerms')} name="deliveryTerms">
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label={t('intake.paymentTerms')} name="paymentTerms">
          <Input style={{ width: 220 }} />
        </Form.Item>
      </Space>
    </Form>
  );
}
