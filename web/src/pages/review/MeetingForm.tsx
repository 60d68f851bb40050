// Minutes of the review meeting held for a special contract: when, which departments attended and
// who for each, what was said, and a decision for every accepted requirement.
import { Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Department } from '../../api/types';
import { WORKING_DEPARTMENTS } from '../../departments';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import type { Act, ContractCase, Outcome } from './types';

const REVIEWING = WORKING_DEPARTMENTS.filter((d) => d !== 'general_manager');

interface Values {
  heldAt: Dayjs;
  attendees: Partial<Record<Department, string>>;
  minutes: string;
  decisions: Record<string, { outcome: Outcome; note?: string; departments?: Department[] }>;
}

export function MeetingForm({ data, busy, act }: { data: ContractCase; busy: boolean; act: Act }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const accepted = data.requirements.filter((r) => r.status === 'accepted');

  const submit = (v: Values) =>
    act('meeting', {
      heldAt: v.heldAt.toISOString(),
      // The attendee as written in the minutes; departments without a name did not attend.
      participants: Object.entries(v.attendees ?? {})
        .filter(([, name]) => name?.trim())
        .map(([department, name]) => ({ userId: name!.trim(), department })),
      minutes: v.minutes,
      decisions: accepted.map((r) => ({
        requirementId: r.id,
        outcome: v.decisions[r.id]!.outcome,
        note: v.decisions[r.id]!.note ?? '',
        departments: v.decisions[r.id]!.departments ?? [],
      })),
    });

  return (
    <Card title={<CardTitle>{t('review.meeting.title')}</CardTitle>} size="small" style={{ marginTop: 16 }}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          heldAt: dayjs(),
          decisions: Object.fromEntries(accepted.map((r) => [r.id, { outcome: 'can_meet' }])),
        }}
        onFinish={(v) => void submit(v)}
      >
        <Typography.Paragraph type="secondary">{t('review.meeting.hint')}</Typography.Paragraph>
        <Form.Item name="heldAt" label={t('review.meeting.heldAt')} rules={[{ required: true }]}>
          <DatePicker showTime format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 14 }}>{t('review.meeting.attendees')}</legend>
          {WORKING_DEPARTMENTS.map((d) => (
            <Form.Item
              key={d}
              name={['attendees', d]}
              label={label('department', d)}
              style={{ marginBottom: 8 }}
            >
              <Input maxLength={100} placeholder={t('review.meeting.attendeePlaceholder')} />
            </Form.Item>
          ))}
        </fieldset>
        <Form.Item
          name="minutes"
          label={t('review.meeting.minutes')}
          rules={[{ required: true, whitespace: true, message: t('review.meeting.minutesRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={20_000} />
        </Form.Item>
        {accepted.map((r) => (
          <fieldset key={r.id} style={{ border: '1px solid #f0f0f0', padding: 8, marginBottom: 8 }}>
            <legend style={{ fontSize: 14, width: 'auto' }}>
              {r.id} {r.text}
            </legend>
            {/* No required rule: the decision starts on "can meet" and cannot be cleared, and Ant
                Design would put aria-required on the select's wrapper <div>, where it is not allowed. */}
            <Form.Item name={['decisions', r.id, 'outcome']} label={t('review.dept.outcome')}>
              <Select
                options={(['can_meet', 'can_meet_with_conditions', 'cannot_meet'] as const).map((o) => ({
                  value: o,
                  label: label('outcome', o),
                }))}
              />
            </Form.Item>
            <Form.Item name={['decisions', r.id, 'note']} label={t('review.meeting.note')}>
              <Input maxLength={2000} />
            </Form.Item>
            <Form.Item name={['decisions', r.id, 'departments']} label={t('review.meeting.cannotMeetBy')}>
              <Select
                mode="multiple"
                allowClear
                options={REVIEWING.map((d) => ({ value: d, label: label('department', d) }))}
              />
            </Form.Item>
          </fieldset>
        ))}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('review.meeting.submit')}
        </Button>
      </Form>
    </Card>
  );
}
