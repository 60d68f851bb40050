// A labelled search field: Enter or the button runs the search on the server.
import { Input } from 'antd';

export function SearchBox(props: {
  id: string;
  label: string;
  placeholder: string;
  defaultValue?: string;
  onSearch(q: string): void;
}) {
  return (
    <div style={{ marginBottom: 16, maxWidth: 420 }}>
      <label htmlFor={props.id} style={{ display: 'block', marginBottom: 4 }}>
        {props.label}
      </label>
      <Input.Search
        id={props.id}
        allowClear
        enterButton
        defaultValue={props.defaultValue}
        placeholder={props.placeholder}
        onSearch={(v) => props.onSearch(v)}
      />
    </div>
  );
}
