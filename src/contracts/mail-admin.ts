// What an administrator sees of the mail outbox: mail that has not gone out (pending, failed,
// skipped) with the last error, and a retry that puts a mail back in the queue due now with a
// fresh attempt count. The sender (mail-sender.ts) does the sending; a retry only re-queues, so
// the rule "mail goes out after the commit, through the outbox" holds for retries too.
import type { Kysely } from 'kysely';
import { AppError } from '../shared/errors.js';
import { type Actor, recordAudit } from '../store/audit.js';
import { NotFoundError } from '../store/errors.js';
import type { Database, MailOutboxTable } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';

export type MailStatus = MailOutboxTable['status'];
export const UNSENT_STATUSES = ['pending', 'failed', 'skipped'] as const satisfies readonly MailStatus[];

export interface OutboxEntry {
  id: string;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  recipient: string | null;
  userId: string;
  userName: string;
  userEmail: string | null;
  kind: string;
  contractNumber: string | null;
  createdAt: string;
  sentAt: string | null;
}

export async function listOutbox(
  db: Kysely<Database>,
  filter: { statuses?: readonly MailStatus[]; limit?: number } = {},
): Promise<OutboxEntry[]> {
  const statuses = filter.statuses?.length ? filter.statuses : UNSENT_STATUSES;
  const rows = await db
    .selectFrom('mail_outbox')
    .innerJoin('notifications', 'notifications.id', 'mail_outbox.notification_id')
    .innerJoin('users', 'users.id', 'mail_outbox.user_id')
    .leftJoin('contracts', 'contracts.id', 'notifications.contract_id')
    .select([
      'mail_outbox.id',
      'mail_outbox.status',
      'mail_outbox.attempts',
      'mail_outbox.next_attempt_at',
      'mail_outbox.last_error',
      'mail_outbox.recipient',
      'mail_outbox.user_id',
      'mail_outbox.created_at',
      'mail_outbox.sent_at',
      'users.display_name',
      'users.email',
      'notifications.kind',
      'contracts.number',
    ])
    .where('mail_outbox.status', 'in', [...statuses])
    .orderBy('mail_outbox.created_at', 'desc')
    .orderBy('mail_outbox.id')
    .limit(filter.limit ?? 200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    recipient: r.recipient,
    userId: r.user_id,
    userName: r.display_name,
    userEmail: r.email,
    kind: r.kind,
    contractNumber: r.number,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}

/**
 * Puts failed or skipped mail (or pending mail waiting for its retry pause) back in the queue,
 * due at `now`, with the attempt count reset. `ids` empty = every failed mail. Sent mail is never
 * sent twice: naming one is refused. Returns the ids re-queued.
 */
export async function retryMail(
  db: Kysely<Database>,
  actor: Actor,
  ids: readonly string[],
  now: Date,
): Promise<string[]> {
  return inTransaction(db, async (trx) => {
    const targets = ids.length
      ? await trx
          .selectFrom('mail_outbox')
          .select(['id', 'status'])
          .where('id', 'in', [...ids])
          .execute()
      : await trx.selectFrom('mail_outbox').select(['id', 'status']).where('status', '=', 'failed').execute();
    for (const id of ids) if (!targets.some((t) => t.id === id)) throw new NotFoundError('mail', id);
    const sent = targets.find((t) => t.status === 'sent');
    if (sent) {
      throw new AppError(
        'CONFLICT',
        { zh: `邮件 ${sent.id} 已发送，不再重发`, en: `mail ${sent.id} was already sent` },
        {
          reason: 'ALREADY_SENT',
        },
      );
    }
    const at = now.toISOString();
    for (const t of targets) {
      await trx
        .updateTable('mail_outbox')
        // created_at moves too: the sender gives up on mail older than three days, and a retry
        // an administrator asked for should get its full chance.
        .set({ status: 'pending', attempts: 0, next_attempt_at: at, created_at: at })
        .where('id', '=', t.id)
        .execute();
      await recordAudit(trx, actor, {
        action: 'mail.retried',
        entityId: t.id,
        before: { status: t.status },
        after: { status: 'pending' },
        at,
      });
    }
    return targets.map((t) => t.id);
  });
}
