// The signed-in department's part of the review: answer every checklist item, state whether the
// department can meet the contract (conditions or a reason when it cannot fully), and sign.
// Nothing is pre-answered: each item is chosen, or "all OK" is pressed on purpose, and the form
// applies the server's rule (every item of the checklist answered) before it sends anything.
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import { RadioChoice } from './RadioChoice';
import type { Act, ChecklistAnswer, ContractCase, Outcome } from './types';

interface Values {
  answers: Record<string, ChecklistAnswer>;
  outcome: Outcome;
  conditions?: string;
  reason?: string;
  cannotMeetRequirementIds?: string[];
}

const ANSWERS: ChecklistAnswer[] = ['ok', 'not_applicable', 'issue'];
const OUTCOMES: Outcome[] = ['can_meet', 'can_meet_with_conditions', 'cannot_meet'];

export function SignReviewForm({ data, busy, act }: { data: ContractCase; busy: boolean; act: Act }) {
  const { t, label, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const answers = Form.useWatch('answers', form) as Partial<Record<string, ChecklistAnswer>> | undefined;
  const mine = data.myChecklist!;
  const topic = (item: (typeof mine.items)[number]) => (lang === 'en' ? item.topic.en : item.topic.zh);
  // The server refuses CHECKLIST_INCOMPLETE when any item of this checklist has no answer.
  const unanswered = mine.items.filter((i) => !answers?.[i.id]);
  const [triedSubmit, setTriedSubmit] = useState(false);

  const submit = async (v: Values) => {
    const done = await act('reviews/sign', {
      department: mine.department,
      contractVersion: data.contractVersion,
      answers: v.answers,
      outcome: v.outcome,
      ...(v.outcome === 'can_meet_with_conditions' ? { conditions: v.conditions } : {}),
      ...(v.outcome === 'cannot_meet'
        ? { reason: v.reason, cannotMeetRequirementIds: v.cannotMeetRequirementIds ?? [] }
        : {}),
    });
    if (done) form.resetFields();
  };

  return (
    <Card
      title={
        <CardTitle>{t('review.sign.title', { department: label('department', mine.department) })}</CardTitle>
      }
      size="small"
      style={{ marginTop: 16 }}
      data-testid="sign-review-form"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onFinishFailed={() => setTriedSubmit(true)}
        requiredMark
      >
        <Typography.Paragraph type="secondary">{t('review.sign.hint')}</Typography.Paragraph>
        <Button
          style={{ marginBottom: 12 }}
          onClick={() =>
            form.setFieldsValue({ answers: Object.fromEntries(mine.items.map((i) => [i.id, 'ok' as const])) })
          }
        >
          {t('review.sign.allOk')}
        </Button>
        <Typography.Paragraph data-testid="checklist-progress">
          {t('review.sign.progress', {
            done: mine.items.length - unanswered.length,
            total: mine.items.length,
          })}
        </Typography.Paragraph>
        {mine.items.map((item) => (
          <Form.Item
            key={item.id}
            name={['answers', item.id]}
            label={topic(item)}
            rules={[{ required: true, message: t('review.sign.answerRequired') }]}
            style={{ marginBottom: 8 }}
          >
            <RadioChoice
              aria-label={topic(item)}
              options={ANSWERS.map((a) => ({ value: a, label: label('checklistAnswer', a) }))}
            />
          </Form.Item>
        ))}
        <Form.Item
          name="outcome"
          label={t('review.dept.outcome')}
          rules={[{ required: true, message: t('review.sign.outcomeRequired') }]}
        >
          <RadioChoice
            aria-label={t('review.dept.outcome')}
            options={OUTCOMES.map((o) => ({ value: o, label: label('outcome', o) }))}
          />
        </Form.Item>
        {outcome === 'can_meet_with_conditions' && (
          <Form.Item
            name="conditions"
            label={t('review.sign.conditions')}
            rules={[{ required: true, whitespace: true, message: t('review.sign.conditionsRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        )}
        {outcome === 'cannot_meet' && (
          <>
            <Form.Item
              name="reason"
              label={t('review.sign.reason')}
              rules={[{ required: true, whitespace: true, message: t('review.sign.reasonRequired') }]}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
            <Form.Item name="cannotMeetRequirementIds" label={t('review.sign.cannotMeetWhich')}>
              <Select
                mode="multiple"
                allowClear
                options={data.requirements
                  .filter((r) => r.status === 'accepted')
                  .map((r) => ({ value: r.id, label: `${r.id} ${r.text}` }))}
              />
            </Form.Item>
          </>
        )}
        {triedSubmit && unanswered.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            message={t('review.sign.unanswered', {
              count: unanswered.length,
              items: unanswered.map(topic).join('、'),
            })}
          />
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('review.sign.submit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
