// The review record (合同评审表) an auditor reads, as PDF and as XLSX.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useI18n } from '../../i18n/i18n';

export function RecordDownloads({ id }: { id: string }) {
  const { t } = useI18n();
  const base = `/api/contracts/${encodeURIComponent(id)}`;
  return (
    <Space wrap>
      <Button
        icon={<DownloadOutlined aria-hidden />}
        href={`${base}/record.pdf`}
        download
        data-testid="record-pdf"
      >
        {t('review.record.pdf')}
      </Button>
      <Button
        icon={<DownloadOutlined aria-hidden />}
        href={`${base}/record.xlsx`}
        download
        data-testid="record-xlsx"
      >
        {t('review.record.xlsx')}
      </Button>
    </Space>
  );
}
