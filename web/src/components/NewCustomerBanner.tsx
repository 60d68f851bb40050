// A customer named in a message but not on file is proposed as a new customer record: a banner with
// one button. The name and the message's contact are prefilled by the server; confirming creates the
// customer (or links the one of that name) and links the intake and its cases to it.
import { Alert, App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import type { Customer, NewCustomerProposal } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { ErrorAlert } from './ErrorAlert';

/** Departments that keep customer records (the server checks the same). */
export const CUSTOMER_EDITORS = ['sales', 'quality', 'general_manager'];

export function NewCustomerBanner(props: {
  proposal: NewCustomerProposal | null | undefined;
  /** POST endpoint: /api/intake/:id/new-customer or /api/contracts/:id/new-customer. */
  confirmUrl: string;
  onConfirmed(customer: Customer): void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { user } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const p = props.proposal;
  if (!p) return null;
  const mayConfirm =
    !!user && (CUSTOMER_EDITORS.includes(user.department) || CUSTOMER_EDITORS.includes(user.deputyFor ?? ''));
  const contact = p.contact
    ? [p.contact.name, p.contact.phone, p.contact.email].filter(Boolean).join(' · ')
    : '';
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const out = await api.post<{ customer: Customer; created: boolean }>(props.confirmUrl, {});
      void message.success(
        t(out.created ? 'md.proposalDone' : 'md.proposalLinked', { name: out.customer.name }),
      );
      props.onConfirmed(out.customer);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ margin: '12px 0' }} data-testid="new-customer-banner">
      <Alert
        type="warning"
        showIcon
        message={t('md.proposalTitle', { name: p.name })}
        description={
          p.existingCustomerId
            ? t('md.proposalExisting', { name: p.name })
            : t('md.proposalText', { contact: contact ? t('md.proposalContact', { contact }) : '' })
        }
        action={
          mayConfirm ? (
            <Button type="primary" loading={busy} onClick={() => void confirm()}>
              {t(p.existingCustomerId ? 'md.proposalLink' : 'md.proposalConfirm')}
            </Button>
          ) : undefined
        }
      />
      <ErrorAlert error={error} />
    </div>
  );
}
