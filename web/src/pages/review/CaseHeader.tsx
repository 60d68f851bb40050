// Who and what the case is about: number, customer, class with the rules that made it so (and, when
// the order corrected on the intake page was classed again, what the analysis had said), the stage
// and the feedback clock.
import { Descriptions, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { FeedbackClock } from './FeedbackClock';
import type { ContractCase } from './types';

const CLASS_COLOURS: Record<string, string> = { regular: 'green', special: 'red', temporary: 'orange' };

export function CaseHeader({ data }: { data: ContractCase }) {
  const { t, label } = useI18n();
  const cls = data.classification?.class ?? null;
  const reasons = data.classification?.reasons ?? [];
  const analysed = data.classification?.analysed ?? null;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('review.title', { number: data.number })}
      </Typography.Title>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="case-header">
        <Descriptions.Item label={t('ledger.customer')}>{data.customer.name}</Descriptions.Item>
        <Descriptions.Item label={t('review.stage')}>
          <Tag color={data.voided ? 'default' : 'blue'} data-testid="case-stage">
            {label('status', data.stage)}
          </Tag>
          {data.contractVersion > 1 && t('review.contractVersion', { n: data.contractVersion })}
        </Descriptions.Item>
        <Descriptions.Item label={t('ledger.class')}>
          <Tag color={CLASS_COLOURS[cls ?? ''] ?? 'default'}>{label('contractClass', cls ?? 'unknown')}</Tag>
          {reasons.length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {reasons.map((r) => (
                <li key={r.code}>
                  <strong>{label('reason', r.code)}</strong>：{r.explanation}
                </li>
              ))}
            </ul>
          )}
          {analysed && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }} data-testid="reclassified">
              {t('review.order.reclassified', {
                from: label('contractClass', analysed.class ?? 'unknown'),
                reasons: analysed.reasons.map((r) => label('reason', r.code)).join('、') || '—',
              })}
            </Typography.Paragraph>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('ledger.feedbackDue')}>
          <FeedbackClock clock={data.feedbackClock} />
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}
