// 新建/编辑产品: one dialog; the code is fixed once created. Prices are exact decimals, sent as
// text; the server checks every field and names the wrong ones.
import { App as AntApp, Form, Input, InputNumber, Select } from 'antd';
import { api } from '../../api/client';
import type { Product } from '../../api/types';
import { FormModal, useSaving } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';

const GRADES = ['普通级', '高精级', '超高精级'];

type Values = Omit<Product, 'active'>;

export function ProductForm(props: {
  open: boolean;
  product: Product | null;
  onClose(): void;
  onSaved(p: Product): void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const { error, saving, save } = useSaving();
  const editing = props.product;

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      name: v.name,
      model: v.model || null,
      category: v.category || null,
      precisionGrade: v.precisionGrade || null,
      unit: v.unit,
      unitWeightKg: v.unitWeightKg === '' || v.unitWeightKg === undefined ? null : v.unitWeightKg,
      listPriceCny: v.listPriceCny === '' || v.listPriceCny === undefined ? null : String(v.listPriceCny),
    };
    await save(async () => {
      const saved = editing
        ? await api.put<Product>(`/api/catalog/products/${encodeURIComponent(editing.code)}`, body)
        : await api.post<Product>('/api/catalog/products', { code: v.code, ...body });
      void message.success(t('md.saved'));
      props.onSaved(saved);
    });
  };

  return (
    <FormModal
      open={props.open}
      title={editing ? t('md.editProduct') : t('md.newProduct')}
      okText={t('common.save')}
      error={error}
      saving={saving}
      onSubmit={submit}
      onCancel={props.onClose}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        name="product-form"
        initialValues={editing ?? { unit: '件' }}
      >
        <Form.Item
          name="code"
          label={t('catalogue.code')}
          extra={t('md.codeHint')}
          rules={[
            { required: true, whitespace: true, message: t('md.required') },
            { pattern: /^[^\s/]+$/, message: t('md.codeHint') },
          ]}
        >
          <Input maxLength={64} disabled={!!editing} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('catalogue.name')}
          rules={[{ required: true, whitespace: true, message: t('md.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="model" label={t('catalogue.model')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="category" label={t('catalogue.category')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="precisionGrade" label={t('catalogue.precision')}>
          <Select allowClear options={GRADES.map((g) => ({ value: g, label: g }))} />
        </Form.Item>
        <Form.Item
          name="unit"
          label={t('catalogue.unit')}
          rules={[{ required: true, whitespace: true, message: t('md.required') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="unitWeightKg" label={t('catalogue.unitWeight')}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="listPriceCny" label={t('catalogue.price')}>
          <InputNumber<string> min="0" stringMode style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
