// Import and export of a master-data table (catalogue, customers) as CSV/XLSX: Ant Design's Upload
// picks the file — a bare <input type="file"> shows the browser's own "Choose File / No file chosen",
// in the browser's language rather than the app's — and the server's report says what was written
// or, row by row, why nothing was.
import { App as AntApp, Button, Space, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ErrorAlert } from './ErrorAlert';

interface ImportReport {
  written: boolean;
  created: number;
  updated: number;
  unchanged: number;
  invalidRows: number;
  issues: { row: number; column: string | null; message: string }[];
}

export function TableImport(props: {
  /** Names the parts for tests and labels (`catalogue`, `customers`). */
  idPrefix: string;
  importUrl: string;
  /** Export for everyone who reads the table; import only for those the server lets write it. */
  exportUrl: string;
  canImport: boolean;
  onImported(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message, modal } = AntApp.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File) => {
    setError(null);
    setBusy(true);
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      const r = await api.post<ImportReport>(props.importUrl, body);
      const done = t('md.importDone', { created: r.created, updated: r.updated, unchanged: r.unchanged });
      if (r.written) {
        void message.success(done);
        props.onImported();
      }
      if (r.issues.length > 0)
        modal.warning({
          title: r.written ? done : t('md.importRefused', { n: r.invalidRows }),
          width: 640,
          content: (
            <ul data-testid={`${props.idPrefix}-import-issues`}>
              {r.issues.map((i) => (
                <li key={`${i.row}-${i.column}-${i.message}`}>
                  {t('md.importRow', { row: i.row })}
                  {i18n.pick(i.message)}
                </li>
              ))}
            </ul>
          ),
        });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        {props.canImport && (
          <Upload
            accept=".csv,.xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              void importFile(file);
              return false;
            }}
          >
            <Button loading={busy}>{t('md.import')}</Button>
          </Upload>
        )}
        <Button href={`${props.exportUrl}?format=xlsx`}>{t('md.export', { format: 'XLSX' })}</Button>
        <Button href={`${props.exportUrl}?format=csv`}>{t('md.export', { format: 'CSV' })}</Button>
      </Space>
      <ErrorAlert error={error} />
    </div>
  );
}
