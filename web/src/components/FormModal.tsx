// The dialogs that send one form to the server share their mechanics: a saving flag on the OK
// button, the server's error shown above the form and kept until the next try, and a failed
// validation that simply leaves the dialog open with the fields marked.
import { type ButtonProps, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { ErrorAlert } from './ErrorAlert';

/** Runs one request at a time, keeping its error for an ErrorAlert instead of throwing it. */
export function useSaving() {
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const save = async (request: () => Promise<void>) => {
    setSaving(true);
    setError(null);
    try {
      await request();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return { error, setError, saving, save };
}

export function FormModal(props: {
  open: boolean;
  title: ReactNode;
  okText: string;
  okButtonProps?: ButtonProps;
  width?: number;
  error: unknown;
  saving: boolean;
  /** Validates and sends; a rejection (failed validation) keeps the dialog open. */
  onSubmit(): Promise<void>;
  onCancel(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={props.open}
      title={props.title}
      width={props.width}
      onCancel={props.onCancel}
      onOk={() => void props.onSubmit().catch(() => undefined)}
      okText={props.okText}
      okButtonProps={props.okButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={props.saving}
      destroyOnHidden
    >
      <ErrorAlert error={props.error} />
      {props.children}
    </Modal>
  );
}
