// Pieces the customer-side pages share: who may write, a customer picker that searches on the
// server, the time format and the sentiment tag.
import { Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import {
  type Access,
  departmentMay,
  ROUTE_PERMISSIONS,
  type RouteKey,
} from '../../../../src/auth/permissions';
import { api, query } from '../../api/client';
import type { Customer, Department, Paged } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { SENTIMENT_COLOURS } from './types';

/** Whether the signed-in user (or the department they deputise for) is one of these departments. */
export function useIsIn(...departments: Department[]): boolean {
  const { user } = useSession();
  if (!user) return false;
  return (
    departments.includes(user.department) || (user.deputyFor !== null && departments.includes(user.deputyFor))
  );
}

/** Whether the server's permission matrix lets the signed-in user make this request. */
export function useMayCall(route: RouteKey): boolean {
  const { user } = useSession();
  return user ? departmentMay(ROUTE_PERMISSIONS[route] as Access, user.department, user.deputyFor) : false;
}

/** The server lets sales and quality (and the general manager) record feedback and surveys; admin runs the system only. */
export const useCanRecord = () => useIsIn('sales', 'quality', 'general_manager');

export const formatTime = (iso: string | null | undefined) =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';

export function SentimentTag({ sentiment, score }: { sentiment: string | null; score?: number | null }) {
  const { label } = useI18n();
  if (!sentiment) return null;
  return (
    <Tag color={SENTIMENT_COLOURS[sentiment] ?? 'default'} data-sentiment={sentiment}>
      {label('sentiment', sentiment)}
      {score !== undefined && score !== null ? ` ${score.toFixed(2)}` : ''}
    </Tag>
  );
}

/**
 * Customers searched on the server while typing (the register can hold thousands); `value` is the
 * customer id. `initial` names the selected customer before any search ran.
 */
export function CustomerSelect(props: {
  id?: string;
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-required'?: boolean;
}) {
  const { t } = useI18n();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const [term, setTerm] = useState('');
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<Paged<Customer>>(`/api/customers${query({ q: term, pageSize: 20 })}`)
        .then((r) => {
          if (ticket === latest.current) setOptions(r.items.map((c) => ({ value: c.id, label: c.name })));
        })
        .catch(() => {
          if (ticket === latest.current) setOptions([]);
        })
        .finally(() => {
          if (ticket === latest.current) setLoading(false);
        });
    }, 250);
    return () => clearTimeout(timer);
  }, [term]);

  return (
    <Select
      id={props.id}
      showSearch
      allowClear={props.allowClear ?? true}
      filterOption={false}
      loading={loading}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      onSearch={setTerm}
      options={options}
      placeholder={props.placeholder ?? t('fb.customerPlaceholder')}
      notFoundContent={loading ? t('common.loading') : t('common.empty')}
      style={props.style ?? { width: 260 }}
      aria-required={props['aria-required']}
    />
  );
}
