// 联系人: the customer's contacts (name, role, phone, e-mail), added and edited in a dialog and
// removed after a confirmation. Each change is one request; the server audits it.
import { Button, Form, Input, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { api, request } from '../../api/client';
import type { Contact } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal, useSaving } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';

type Values = Pick<Contact, 'name' | 'title' | 'phone' | 'email'>;

export function ContactsEditor(props: {
  customerId: string;
  contacts: Contact[];
  editable: boolean;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const { error, saving, save, setError } = useSaving();
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const base = `/api/customers/${encodeURIComponent(props.customerId)}/contacts`;

  const submit = async () => {
    const values = await form.validateFields();
    const body = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ? v : null]));
    await save(async () => {
      if (editing === 'new') await api.post(base, body);
      else if (editing) await api.put(`${base}/${encodeURIComponent(editing.id)}`, body);
      setEditing(null);
      props.onChanged();
    });
  };
  const remove = async (c: Contact) => {
    setDeleteError(null);
    try {
      await request('DELETE', `${base}/${encodeURIComponent(c.id)}`);
      props.onChanged();
    } catch (err) {
      setDeleteError(err);
    }
  };

  return (
    <>
      <ErrorAlert error={deleteError} />
      <Table<Contact>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={props.contacts}
        columns={[
          { title: t('md.contactName'), dataIndex: 'name' },
          { title: t('md.contactRole'), dataIndex: 'title' },
          { title: t('customers.phone'), dataIndex: 'phone' },
          { title: t('customers.email'), dataIndex: 'email' },
          ...(props.editable
            ? [
                {
                  title: t('md.actions'),
                  key: 'actions',
                  render: (_: unknown, c: Contact) => (
                    <Space size="small">
                      <Button
                        size="small"
                        type="link"
                        onClick={() => {
                          setError(null);
                          setEditing(c);
                        }}
                      >
                        {t('md.edit')}
                      </Button>
                      <Popconfirm title={t('md.deleteContactConfirm')} onConfirm={() => remove(c)}>
                        <Button size="small" type="link" danger>
                          {t('md.deleteContact')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {props.editable && (
        <Button
          style={{ marginTop: 8 }}
          onClick={() => {
            setError(null);
            setEditing('new');
          }}
        >
          {t('md.addContact')}
        </Button>
      )}
      <FormModal
        open={editing !== null}
        title={editing === 'new' ? t('md.addContact') : t('md.editContact')}
        okText={t('common.save')}
        error={error}
        saving={saving}
        onSubmit={submit}
        onCancel={() => setEditing(null)}
      >
        <Form<Values>
          form={form}
          layout="vertical"
          preserve={false}
          name="contact-form"
          initialValues={editing && editing !== 'new' ? editing : {}}
        >
          <Form.Item
            name="name"
            label={t('md.contactName')}
            rules={[{ required: true, whitespace: true, message: t('md.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="title" label={t('md.contactRole')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="phone" label={t('customers.phone')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="email" label={t('customers.email')} rules={[{ type: 'email' }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
