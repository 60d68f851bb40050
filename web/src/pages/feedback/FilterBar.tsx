// The one filter bar of the customer-side tabs: an optional search box, labelled selects, customer
// pickers and switches described as data, and the tab's own buttons at the end. Values are strings
// (a switch is '1' when on) so they go to the address and usePaged as query parameters unchanged.
import { Select, Space, Switch } from 'antd';
import type { ReactNode } from 'react';
import { Labelled } from '../../components/Labelled';
import { SearchBox } from '../../components/SearchBox';
import { useI18n } from '../../i18n/i18n';
import { CustomerSelect, useMayCall } from './shared';

export type FilterField =
  | {
      kind: 'select';
      name: string;
      label: string;
      placeholder: string;
      options: readonly string[];
      /** Code-label group the options are shown with (see i18n CODE_LABELS). */
      group: string;
      width?: number;
    }
  | { kind: 'customer'; name: string; label: string; placeholder?: string }
  | { kind: 'switch'; name: string; label: string };

export type FilterValues = Record<string, string | undefined>;

export function FilterBar(props: {
  idPrefix: string;
  fields: readonly FilterField[];
  values: FilterValues;
  onChange(name: string, value: string | undefined): void;
  /** `value`: the keyword the list shows now (from the address), put back in the box. */
  search?: { label: string; onSearch(q: string): void; value?: string };
  children?: ReactNode;
}) {
  const { t, label } = useI18n();
  const mayReadCustomers = useMayCall('GET /api/customers');
  const id = (name: string) => `${props.idPrefix}-${name}`;
  return (
    <Space align="end" wrap>
      {props.search && (
        <SearchBox
          id={id('search')}
          label={props.search.label}
          placeholder={t('common.searchPlaceholder')}
          key={`q-${props.search.value ?? ''}`}
          defaultValue={props.search.value}
          onSearch={props.search.onSearch}
        />
      )}
      {props.fields
        // The customer filter searches the customer register, which not every department reads.
        .filter((f) => f.kind !== 'customer' || mayReadCustomers)
        .map((f) => (
          <Labelled key={f.name} id={id(f.name)} label={f.label}>
            {f.kind === 'select' ? (
              <Select
                id={id(f.name)}
                allowClear
                placeholder={f.placeholder}
                style={{ width: f.width ?? 150 }}
                value={props.values[f.name]}
                onChange={(v: string | undefined) => props.onChange(f.name, v)}
                options={f.options.map((code) => ({ value: code, label: label(f.group, code) }))}
              />
            ) : f.kind === 'customer' ? (
              <CustomerSelect
                id={id(f.name)}
                value={props.values[f.name]}
                onChange={(v) => props.onChange(f.name, v)}
                {...(f.placeholder ? { placeholder: f.placeholder } : {})}
              />
            ) : (
              <Switch
                id={id(f.name)}
                checked={props.values[f.name] === '1'}
                onChange={(on) => props.onChange(f.name, on ? '1' : undefined)}
              />
            )}
          </Labelled>
        ))}
      {props.children && <div style={{ marginBottom: 16 }}>{props.children}</div>}
    </Space>
  );
}
