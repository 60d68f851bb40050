// A customer's contracts (from the ledger) and complaints/feedback, each paged on the server.
import { Tag } from 'antd';
import type { Contract } from '../../api/types';
import { PagedTable } from '../../components/PagedTable';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { useFeedbackColumns } from '../feedback/columns';
import { formatTime } from '../feedback/shared';
import type { Feedback } from '../feedback/types';
import { ContractLink } from '../ledger/ContractLink';

export function CustomerContracts({ customerId }: { customerId: string }) {
  const { t, label } = useI18n();
  const list = usePaged<Contract>('/api/contracts', {
    fixed: { customer: customerId },
    pageSize: 10,
    inAddress: false,
  });
  return (
    <PagedTable<Contract>
      list={list}
      sizeChanger="auto"
      columns={[
        {
          title: t('ledger.number'),
          dataIndex: 'number',
          render: (v: string, c) => <ContractLink id={c.id} number={v} />,
        },
        {
          title: t('ledger.class'),
          dataIndex: 'class',
          render: (v: string | null) => <Tag>{label('contractClass', v ?? 'unknown')}</Tag>,
        },
        { title: t('ledger.status'), dataIndex: 'status', render: (v: string) => label('status', v) },
        { title: t('ledger.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => formatTime(v) },
      ]}
    />
  );
}

export function CustomerComplaints({ customerId }: { customerId: string }) {
  const { t, label } = useI18n();
  const columns = useFeedbackColumns();
  const list = usePaged<Feedback>('/api/feedback', { fixed: { customerId }, pageSize: 10, inAddress: false });
  const { navigate } = useRouter();
  return (
    <PagedTable<Feedback>
      list={list}
      sizeChanger="auto"
      columns={[
        columns.receivedAt,
        columns.kind,
        {
          title: t('fb.text'),
          dataIndex: 'text',
          ellipsis: true,
          // The complaint's own drawer on the feedback page, by a link that can be shared.
          render: (v: string, f) => {
            const href = `/feedback?complaint=${encodeURIComponent(f.id)}`;
            return (
              <a
                href={href}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(href);
                }}
              >
                {v}
              </a>
            );
          },
        },
        columns.sentiment,
        {
          title: t('fb.status'),
          dataIndex: 'status',
          width: 100,
          render: (s: string) => label('feedbackStatus', s),
        },
      ]}
    />
  );
}
