// A labelled search field: Enter or the button runs the search on the server.
import { SearchOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { useI18n } from '../i18n/i18n';

export function SearchBox(props: {
  id: string;
  label: string;
  placeholder: string;
  defaultValue?: string;
  onSearch(q: string): void;
}) {
  const { t } = useI18n();
  return (
    <div style={{ marginBottom: 16, maxWidth: 420 }}>
      <label htmlFor={props.id} style={{ display: 'block', marginBottom: 4 }}>
        {props.label}
      </label>
      <Input.Search
        id={props.id}
        allowClear
        // A named button: Ant Design's default takes its name from the icon ("search", in English).
        enterButton={
          <Button type="primary" icon={<SearchOutlined aria-hidden />} aria-label={t('common.search')} />
        }
        defaultValue={props.defaultValue}
        placeholder={props.placeholder}
        onSearch={(v) => props.onSearch(v)}
      />
    </div>
  );
}
