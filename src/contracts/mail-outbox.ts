// The mail outbox. A notification for a user with an e-mail address gets an outbox row in the same
// transaction as the notification itself; the sender (mail-sender.ts) mails it after the commit.
// So a review is never held up or rolled back by the mail server, and a rolled-back review never
// sends mail. The text is composed at sending time from the case as committed.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { NotifyKind } from '../review/types.js';
import type { Database } from '../store/schema.js';
import { beijingTime } from './review-labels.js';

/** Queues mail for the notifications just written; users without an address get none. */
export async function queueMail(
  trx: Kysely<Database>,
  notifications: readonly { id: string; userId: string }[],
  at: string,
): Promise<number> {
  if (notifications.length === 0) return 0;
  const userIds = [...new Set(notifications.map((n) => n.userId))];
  const withAddress = new Set(
    (
      await trx
        .selectFrom('users')
        .select('id')
        .where('id', 'in', userIds)
        .where('active', '=', 1)
        .where('email', 'is not', null)
        .where('email', '!=', '')
        .execute()
    ).map((u) => u.id),
  );
  let count = 0;
  for (const n of notifications) {
    if (!withAddress.has(n.userId)) continue;
    await trx
      .insertInto('mail_outbox')
      .values({
        id: randomUUID(),
        notification_id: n.id,
        user_id: n.userId,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        last_error: null,
        recipient: null,
        created_at: at,
        sent_at: null,
      })
      .execute();
    count++;
  }
  return count;
}

const SUBJECTS: Record<NotifyKind, { zh: string; en: string }> = {
  review_requested: { zh: '待您评审', en: 'awaiting your review' },
  re_review_requested: { zh: '已变更，请重新评审', en: 'changed, please review again' },
  meeting_confirmation_needed: { zh: '请确认评审会议出席', en: 'please confirm your meeting attendance' },
  negotiation_needed: { zh: '需与客户协商', en: 'negotiation with the customer needed' },
  gm_decision_needed: { zh: '待总经理决定', en: "awaiting the GM's decision" },
  gm_decided: { zh: '总经理已决定', en: 'the GM decided' },
  conclusion_needed: { zh: '待签署评审结论', en: 'conclusion awaiting signature' },
  feedback_ready: { zh: '可向客户反馈', en: 'ready for feedback to the customer' },
  deadline_reminder: { zh: '48 小时反馈提醒', en: '48-hour feedback reminder' },
  deadline_escalation: { zh: '48 小时反馈升级', en: '48-hour feedback escalation' },
  contract_confirmed: { zh: '客户已确认', en: 'confirmed by the customer' },
  amendment_recorded: { zh: '合同已变更', en: 'contract amended' },
  case_voided: { zh: '评审已作废', en: 'review voided' },
};

export interface MailFacts {
  kind: string;
  message: { zh: string; en: string };
  recipientName: string;
  contract: {
    number: string;
    customer: string;
    feedbackDueAt: string | null;
    feedbackSentAt: string | null;
  } | null;
  /** Base URL of the web app, or null for mail without a link. */
  appUrl: string | null;
}

function utc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** Subject and plain text of one notification mail, Chinese first with English. */
export function composeMail(f: MailFacts): { subject: string; text: string } {
  const s = SUBJECTS[f.kind as NotifyKind] ?? { zh: '新通知', en: 'new notification' };
  const subject = f.contract
    ? `【识需】合同 ${f.contract.number} ${s.zh} / ${s.en}`
    : `【识需】${s.zh} / ${s.en}`;
  const c = f.contract;
  const link = c && f.appUrl ? `${f.appUrl}/contracts/${encodeURIComponent(c.number)}` : null;
  let deadlineZh: string | null = null;
  let deadlineEn: string | null = null;
  if (c?.feedbackSentAt) {
    deadlineZh = `已于 ${beijingTime(c.feedbackSentAt)}（北京时间）反馈客户`;
    deadlineEn = `feedback sent ${utc(c.feedbackSentAt)}`;
  } else if (c?.feedbackDueAt) {
    deadlineZh = `${beijingTime(c.feedbackDueAt)}（北京时间）`;
    deadlineEn = utc(c.feedbackDueAt);
  } else if (c) {
    deadlineZh = '计时暂停（等待客户答复）';
    deadlineEn = 'clock paused (awaiting the customer)';
  }
  const zh = [
    `${f.recipientName}，您好：`,
    '',
    f.message.zh,
    '',
    ...(c ? [`合同：${c.number}（客户：${c.customer}）`, `48 小时反馈期限：${deadlineZh}`] : []),
    ...(link ? [`查看并处理：${link}`] : []),
  ];
  const en = [
    `Hello ${f.recipientName},`,
    '',
    f.message.en,
    '',
    ...(c
      ? [`Contract: ${c.number} (customer: ${c.customer})`, `48-hour feedback deadline: ${deadlineEn}`]
      : []),
    ...(link ? [`Open: ${link}`] : []),
  ];
  const text = [
    ...zh,
    '',
    '----',
    ...en,
    '',
    '此邮件由识需自动发送，请勿直接回复。/ Sent automatically by Shixu; please do not reply.',
    '',
  ].join('\n');
  return { subject, text };
}
