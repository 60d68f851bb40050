// What happens when a department cannot meet a requirement: sales records the negotiation with the
// customer (agreed → the department reviews again; failed → the general manager decides), and the
// general manager records the decision.
import { Button, Card, Form, Input, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import { RadioChoice } from './RadioChoice';
import type { Act, ContractCase, Issue } from './types';

function issueLabel(i: Issue, data: ContractCase, dept: string): string {
  const req = data.requirements.find((r) => r.id === i.requirementId);
  return `${dept}：${i.reason}${req ? `（${req.id} ${req.text}）` : ''}`;
}

export function IssueList({ data }: { data: ContractCase }) {
  const { t, label } = useI18n();
  if (data.issues.length === 0) return null;
  const person = (id: string) => data.people?.[id] ?? id;
  return (
    <Card
      title={<CardTitle>{t('review.issues.title')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="issue-list"
    >
      <ul style={{ paddingLeft: 20, margin: 0 }}>
        {data.issues.map((i) => (
          <li key={i.id}>
            {issueLabel(i, data, label('department', i.department))} — {label('issueStatus', i.status)}
            <ul>
              {data.negotiation
                .filter((n) => n.issueId === i.id)
                .map((n) => (
                  <li key={n.at}>
                    {dayjs(n.at).format('MM-DD HH:mm')} {person(n.by)} ↔ {n.contact.name}（{n.contact.channel}
                    ）：
                    {n.summary} [{label('negotiationOutcome', n.outcome)}]
                  </li>
                ))}
              {data.gmDecisions
                .filter((g) => g.issueId === i.id)
                .map((g) => (
                  <li key={g.at}>
                    <Tag color="purple">{t('review.gm.final')}</Tag>
                    {t('review.gm.decided', { who: person(g.by) })}：{label('gmDecision', g.decision)} —{' '}
                    {g.rationale}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
    </Card>
  );
}

interface NegotiationValues {
  issueId: string;
  contactName: string;
  channel: string;
  outcome: 'agreed' | 'failed';
  summary: string;
  newText?: string;
}

export function NegotiationForm({ data, busy, act }: { data: ContractCase; busy: boolean; act: Act }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<NegotiationValues>();
  const open = data.issues.filter((i) => i.status === 'open');
  if (open.length === 0) return null;
  const submit = async (v: NegotiationValues) => {
    const issue = open.find((i) => i.id === v.issueId);
    const ok = await act('negotiations', {
      issueId: v.issueId,
      contact: { name: v.contactName, channel: v.channel },
      outcome: v.outcome,
      summary: v.summary,
      ...(v.newText?.trim() && issue?.requirementId
        ? { requirementUpdate: { requirementId: issue.requirementId, text: v.newText.trim() } }
        : {}),
    });
    if (ok) form.resetFields();
  };
  return (
    <Card
      title={<CardTitle>{t('review.negotiation.title')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
    >
      <Form<NegotiationValues>
        form={form}
        layout="vertical"
        initialValues={{ issueId: open[0]!.id, outcome: 'agreed', channel: '电话' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="issueId" label={t('review.issues.issue')}>
          <Select
            options={open.map((i) => ({
              value: i.id,
              label: issueLabel(i, data, label('department', i.department)),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="contactName"
          label={t('review.negotiation.contact')}
          rules={[{ required: true, whitespace: true, message: t('review.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="channel" label={t('review.negotiation.channel')} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="outcome" label={t('review.dept.outcome')}>
          <RadioChoice
            aria-label={t('review.dept.outcome')}
            options={(['agreed', 'failed'] as const).map((o) => ({
              value: o,
              label: label('negotiationOutcome', o),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('review.negotiation.summary')}
          rules={[{ required: true, whitespace: true, message: t('review.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="newText" label={t('review.negotiation.newText')}>
          <Input maxLength={2000} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('review.negotiation.hint')}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('review.negotiation.submit')}
        </Button>
      </Form>
    </Card>
  );
}

interface GmValues {
  issueId: string;
  decision: 'accept_requirement' | 'accept_with_deviation' | 'decline';
  rationale: string;
}

// The issue select has no required rule: it always starts on an issue and cannot be cleared, and
// Ant Design would put aria-required on the select's wrapper <div>, which is not allowed there.
export function GmDecisionForm({ data, busy, act }: { data: ContractCase; busy: boolean; act: Act }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<GmValues>();
  const referred = data.issues.filter((i) => i.status === 'referred_to_gm');
  if (referred.length === 0) return null;
  return (
    <Card title={<CardTitle>{t('review.gm.title')}</CardTitle>} size="small" style={{ marginTop: 16 }}>
      <Form<GmValues>
        form={form}
        layout="vertical"
        initialValues={{ issueId: referred[0]!.id }}
        onFinish={(v) => void act('gm-decision', { ...v })}
      >
        <Form.Item name="issueId" label={t('review.issues.issue')}>
          <Select
            options={referred.map((i) => ({
              value: i.id,
              label: issueLabel(i, data, label('department', i.department)),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="decision"
          label={t('review.gm.decision')}
          rules={[{ required: true, message: t('review.required') }]}
        >
          <RadioChoice
            aria-label={t('review.gm.decision')}
            options={(['accept_requirement', 'accept_with_deviation', 'decline'] as const).map((d) => ({
              value: d,
              label: label('gmDecision', d),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="rationale"
          label={t('review.gm.rationale')}
          rules={[{ required: true, whitespace: true, message: t('review.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('review.gm.submit')}
        </Button>
      </Form>
    </Card>
  );
}
