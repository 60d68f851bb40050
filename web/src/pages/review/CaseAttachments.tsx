// The case's files: the customer's original message (when the case came from an intake record)
// and what reviewers attached — drawings, letters, sample photos. Anyone who opens the case may
// download and attach; the server enforces the size limit and says it in words.
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Input, Space, Table, Tag, Upload, type UploadFile } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useId, useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import type { ContractCase } from './types';

interface Attachment {
  id: string;
  source: 'intake' | 'upload';
  fileName: string;
  sizeBytes: number;
  note: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function CaseAttachments({ data }: { data: ContractCase }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const base = `/api/contracts/${encodeURIComponent(data.id)}/attachments`;
  const [items, setItems] = useState<Attachment[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  // Ant Design's picker, not a bare <input type="file">, whose "Choose File / No file chosen" the
  // browser writes in its own language. Kept here and sent with the note on 上传附件.
  const [chosen, setChosen] = useState<UploadFile[]>([]);
  const noteId = useId();

  const load = useCallback(async () => {
    try {
      setItems((await api.get<{ items: Attachment[] }>(base)).items);
    } catch (err) {
      setError(err);
    }
  }, [base]);
  useEffect(() => {
    void load();
  }, [load]);

  const upload = async () => {
    const file = chosen[0]?.originFileObj;
    if (!file) {
      void message.warning(t('review.files.noFile'));
      return;
    }
    const form = new FormData();
    // The note goes first: the server reads fields that arrive before the file.
    if (note.trim()) form.append('note', note.trim());
    form.append('file', file, file.name);
    setBusy(true);
    setError(null);
    try {
      const added = await api.post<Attachment>(base, form);
      void message.success(t('review.files.uploaded', { name: added.fileName }));
      setNote('');
      setChosen([]);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<CardTitle>{t('review.files.title')}</CardTitle>} size="small" style={{ marginTop: 16 }}>
      <Table<Attachment>
        rowKey="id"
        size="small"
        pagination={false}
        data-testid="case-attachments"
        loading={items === null && !error}
        dataSource={items ?? []}
        locale={{ emptyText: <span style={{ color: '#595959' }}>{t('review.files.empty')}</span> }}
        columns={[
          {
            title: t('review.files.name'),
            render: (_: unknown, a: Attachment) => (
              <Space wrap>
                <a href={`${base}/${encodeURIComponent(a.id)}`} download={a.fileName}>
                  <DownloadOutlined aria-hidden /> {a.fileName}
                </a>
                {a.source === 'intake' && <Tag color="blue">{t('review.files.original')}</Tag>}
                {a.note && <span>{a.note}</span>}
              </Space>
            ),
          },
          { title: t('review.files.size'), dataIndex: 'sizeBytes', render: (v: number) => size(v) },
          {
            title: t('review.files.by'),
            render: (_: unknown, a: Attachment) =>
              a.createdByName ?? (a.createdBy ? (data.people?.[a.createdBy] ?? a.createdBy) : ''),
          },
          {
            title: t('review.files.at'),
            dataIndex: 'createdAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
        ]}
      />
      <Space wrap align="end" style={{ marginTop: 12 }}>
        <div data-testid="attachment-picker">
          <Upload
            maxCount={1}
            fileList={chosen}
            beforeUpload={() => false}
            onChange={({ fileList }) => setChosen(fileList.slice(-1))}
          >
            <Button icon={<PaperClipOutlined aria-hidden />}>{t('review.files.choose')}</Button>
          </Upload>
        </div>
        <span>
          <label htmlFor={noteId} style={{ display: 'block' }}>
            {t('review.files.note')}
          </label>
          <Input id={noteId} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </span>
        <Button onClick={() => void upload()} loading={busy}>
          {t('review.files.upload')}
        </Button>
      </Space>
      <div aria-live="polite" style={{ marginTop: 8 }}>
        <ErrorAlert error={error} />
      </div>
    </Card>
  );
}
