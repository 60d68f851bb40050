// A temporary contract (口头、电话、信函) and what it rests on: why it is temporary, who on the
// customer's side gave it, when and by which channel. The planner's review starts only once the
// owner has recorded it; it then stays on the case and in the review record.
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import { RadioChoice } from './RadioChoice';
import type { Act, ContractCase } from './types';

const CHANNELS = ['verbal', 'phone', 'letter'] as const;

interface Values {
  reason: string;
  statedBy: string;
  statedAt: Dayjs;
  channel: (typeof CHANNELS)[number];
}

export function TemporaryBasis({
  data,
  busy,
  act,
  canRecord,
}: {
  data: ContractCase;
  busy: boolean;
  act: Act;
  canRecord: boolean;
}) {
  const { t, label } = useI18n();
  const basis = data.temporaryBasis ?? null;
  if (data.classification?.class !== 'temporary' && !basis) return null;
  const person = (id: string) => data.people?.[id] ?? id;
  return (
    <Card
      title={<CardTitle>{t('review.temporaryBasis.title')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="temporary-basis"
    >
      {basis ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('review.temporaryBasis.reason')}>{basis.reason}</Descriptions.Item>
          <Descriptions.Item label={t('review.temporaryBasis.statedBy')}>{basis.statedBy}</Descriptions.Item>
          <Descriptions.Item label={t('review.temporaryBasis.statedAt')}>
            {dayjs(basis.statedAt).format('YYYY-MM-DD HH:mm')}
          </Descriptions.Item>
          <Descriptions.Item label={t('review.temporaryBasis.channel')}>
            {label('temporaryChannel', basis.channel)}
          </Descriptions.Item>
          <Descriptions.Item label={t('review.temporaryBasis.recorded')}>
            {person(basis.recordedBy)} {dayjs(basis.recordedAt).format('YYYY-MM-DD HH:mm')}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Alert type="warning" showIcon message={t('review.temporaryBasis.missing')} />
      )}
      {canRecord && (
        <Form<Values>
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={
            basis
              ? { ...basis, statedAt: dayjs(basis.statedAt) }
              : { channel: 'phone', statedAt: dayjs(data.receivedAt) }
          }
          onFinish={(v) =>
            void act('temporary-basis', {
              reason: v.reason,
              statedBy: v.statedBy,
              statedAt: v.statedAt.toISOString(),
              channel: v.channel,
            })
          }
        >
          <Form.Item name="channel" label={t('review.temporaryBasis.channel')} rules={[{ required: true }]}>
            <RadioChoice
              aria-label={t('review.temporaryBasis.channel')}
              options={CHANNELS.map((c) => ({ value: c, label: label('temporaryChannel', c) }))}
            />
          </Form.Item>
          <Form.Item
            name="statedBy"
            label={t('review.temporaryBasis.statedBy')}
            rules={[{ required: true, whitespace: true, message: t('review.required') }]}
          >
            <Input maxLength={200} placeholder={t('review.temporaryBasis.statedByHint')} />
          </Form.Item>
          <Form.Item name="statedAt" label={t('review.temporaryBasis.statedAt')} rules={[{ required: true }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('review.temporaryBasis.reason')}
            rules={[{ required: true, whitespace: true, message: t('review.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('review.temporaryBasis.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
