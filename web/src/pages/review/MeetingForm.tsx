// The review meeting of a special contract, as the case owner organises it: when it was held, who
// attended for each department (chosen from the active users who may stand for it — never typed
// in), the minutes, and a decision for every accepted requirement. Submitting proposes the minutes;
// they count only once every participant has confirmed them in their own session
// (MeetingConfirmations).
import { Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Department } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import type { Act, ContractCase, MeetingCandidate, Outcome } from './types';

interface Values {
  heldAt: Dayjs;
  attendees: Partial<Record<Department, string>>;
  minutes: string;
  decisions: Record<string, { outcome: Outcome; note?: string; departments?: Department[] }>;
}

export function MeetingForm({
  data,
  busy,
  act,
  onDone,
}: {
  data: ContractCase;
  busy: boolean;
  act: Act;
  onDone?: () => void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const [candidates, setCandidates] = useState<MeetingCandidate[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const accepted = data.requirements.filter((r) => r.status === 'accepted');
  const reviewing = data.departments.map((d) => d.department);
  // The review group: the case's departments and the general manager.
  const group: Department[] = [...reviewing, 'general_manager'];
  const earlier = data.meeting;

  useEffect(() => {
    api
      .get<{ items: MeetingCandidate[] }>(`/api/contracts/${encodeURIComponent(data.id)}/meeting-candidates`)
      .then((r) => setCandidates(r.items))
      .catch(setLoadError);
  }, [data.id]);

  const submit = async (v: Values) => {
    const done = await act('meeting', {
      heldAt: v.heldAt.toISOString(),
      participants: Object.entries(v.attendees ?? {})
        .filter(([, userId]) => !!userId)
        .map(([department, userId]) => ({ userId, department })),
      minutes: v.minutes,
      decisions: accepted.map((r) => ({
        requirementId: r.id,
        outcome: v.decisions[r.id]!.outcome,
        note: v.decisions[r.id]!.note ?? '',
        departments: v.decisions[r.id]!.departments ?? [],
      })),
    });
    if (done) onDone?.();
  };

  const initialValues: Partial<Values> = earlier
    ? {
        heldAt: dayjs(earlier.heldAt),
        minutes: earlier.minutes,
        attendees: Object.fromEntries(earlier.participants.map((p) => [p.department, p.userId])),
        decisions: Object.fromEntries(
          accepted.map((r) => {
            const d = earlier.decisions.find((x) => x.requirementId === r.id);
            return [
              r.id,
              d ? { outcome: d.outcome, note: d.note, departments: d.departments } : { outcome: 'can_meet' },
            ];
          }),
        ),
      }
    : {
        heldAt: dayjs(),
        decisions: Object.fromEntries(accepted.map((r) => [r.id, { outcome: 'can_meet' as const }])),
      };

  return (
    <Card
      title={<CardTitle>{t('review.meeting.title')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="meeting-form"
    >
      <ErrorAlert error={loadError} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => void submit(v)}
      >
        <Typography.Paragraph type="secondary">{t('review.meeting.hint')}</Typography.Paragraph>
        <Form.Item name="heldAt" label={t('review.meeting.heldAt')} rules={[{ required: true }]}>
          {/* A meeting cannot be held in the future; the server refuses it too. */}
          <DatePicker showTime format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 14 }}>{t('review.meeting.attendees')}</legend>
          {group.map((d) => (
            <Form.Item
              key={d}
              name={['attendees', d]}
              label={label('department', d)}
              style={{ marginBottom: 8 }}
            >
              <Select
                allowClear
                loading={candidates === null && !loadError}
                placeholder={t('review.meeting.attendeePlaceholder')}
                options={(candidates ?? [])
                  .filter((c) => c.department === d)
                  .map((c) => ({
                    value: c.userId,
                    label:
                      c.ownDepartment === d
                        ? c.displayName
                        : `${c.displayName}（${t('review.dept.deputy')}）`,
                  }))}
              />
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
                options={reviewing.map((d) => ({ value: d, label: label('department', d) }))}
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
