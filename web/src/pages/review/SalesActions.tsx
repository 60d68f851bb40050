// The steps that close the review towards the customer: the authorised signer signs the conclusion,
// sales records that the answer went out (stopping the 48-hour clock) and then the customer's
// confirmation.
import { Alert, Button, Card, Checkbox, Form, Input, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import { RadioChoice } from './RadioChoice';
import type { Act, ContractCase } from './types';

type Decision = 'accept' | 'accept_with_deviations' | 'decline';

export function ConclusionForm({ data, busy, act }: { data: ContractCase; busy: boolean; act: Act }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<{ decision: Decision; deviations?: string }>();
  const decision = Form.useWatch('decision', form);
  return (
    <Card
      title={<CardTitle>{t('review.conclusion.title')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
    >
      <Typography.Paragraph type="secondary">{t('review.conclusion.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ decision: 'accept' }}
        onFinish={(v) =>
          void act('conclusion', {
            decision: v.decision,
            contractVersion: data.contractVersion,
            ...(v.decision === 'accept_with_deviations' ? { deviations: v.deviations } : {}),
          })
        }
      >
        <Form.Item name="decision" label={t('review.conclusion.decision')}>
          <RadioChoice
            aria-label={t('review.conclusion.decision')}
            options={(['accept', 'accept_with_deviations', 'decline'] as const).map((d) => ({
              value: d,
              label: label('conclusion', d),
            }))}
          />
        </Form.Item>
        {decision === 'accept_with_deviations' && (
          <Form.Item
            name="deviations"
            label={t('review.conclusion.deviations')}
            rules={[{ required: true, whitespace: true, message: t('review.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('review.conclusion.submit')}
        </Button>
      </Form>
    </Card>
  );
}

export function FeedbackSent({ busy, act }: { busy: boolean; act: Act }) {
  const { t } = useI18n();
  return (
    <Card title={<CardTitle>{t('review.feedback.title')}</CardTitle>} size="small" style={{ marginTop: 16 }}>
      <Typography.Paragraph>{t('review.feedback.hint')}</Typography.Paragraph>
      <Button type="primary" loading={busy} onClick={() => void act('feedback-sent', {})}>
        {t('review.feedback.submit')}
      </Button>
    </Card>
  );
}

export function CustomerConfirmationForm({
  busy,
  act,
  samples = false,
}: {
  busy: boolean;
  act: Act;
  /** The goods are accepted against a sample: the customer's sample sign-off is required. */
  samples?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Card
      title={<CardTitle>{t('review.confirmation.title')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
    >
      {samples && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('review.confirmation.samplesStandard')}
          data-testid="samples-standard"
        />
      )}
      <Form<{ reference: string; sampleSignedOff?: boolean }>
        layout="vertical"
        onFinish={(v) =>
          void act('customer-confirmation', {
            reference: v.reference,
            ...(v.sampleSignedOff ? { sampleSignedOff: true } : {}),
          })
        }
      >
        <Form.Item
          name="reference"
          label={t('review.confirmation.reference')}
          rules={[{ required: true, whitespace: true, message: t('review.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="sampleSignedOff"
          valuePropName="checked"
          rules={
            samples
              ? [
                  {
                    validator: (_, v) =>
                      v
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('review.confirmation.sampleRequired'))),
                  },
                ]
              : []
          }
        >
          <Checkbox>{t('review.confirmation.sample')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('review.confirmation.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The outcome once it exists: conclusion, feedback and confirmation, as recorded. */
export function ClosingSummary({ data }: { data: ContractCase }) {
  const { t, label } = useI18n();
  const person = (id: string) => data.people?.[id] ?? id;
  if (!data.conclusion && !data.feedback && !data.customerConfirmation && !data.voided) return null;
  return (
    <Card title={<CardTitle>{t('review.outcome.title')}</CardTitle>} size="small" style={{ marginTop: 16 }}>
      <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="closing-summary">
        {data.conclusion && (
          <li>
            {t('review.conclusion.title')}：{label('conclusion', data.conclusion.decision)}
            {data.conclusion.deviations ? `（${data.conclusion.deviations}）` : ''} —{' '}
            {person(data.conclusion.signature.userId)}
          </li>
        )}
        {data.feedback && (
          <li>
            {t('review.feedback.done', { who: person(data.feedback.by) })}
            {data.feedback.clockCompliant ? t('review.clock.sentOnTime') : t('review.clock.sentLate')}
          </li>
        )}
        {data.customerConfirmation && (
          <li>{t('review.confirmation.done', { reference: data.customerConfirmation.reference })}</li>
        )}
        {data.voided && <li>{t('review.voided', { reason: data.voided.reason })}</li>}
      </ul>
    </Card>
  );
}
