// Sends the mail outbox over SMTP (nodemailer), outside any review transaction. A failed send is
// recorded on its row (attempts, last error) and tried again later with growing pauses; after
// MAX_ATTEMPTS, or when a mail is older than MAX_AGE, the row is given up — the in-app inbox still
// has the notification. Several server processes may run a sender: each row is claimed with a
// conditional update before it is sent, so a mail goes out once.
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config/config.js';
import type { Database } from '../store/schema.js';
import { composeMail } from './mail-outbox.js';

const MINUTE = 60_000;
/** Pause before the next try, by the number of failed tries so far (the last one repeats). */
const RETRY_DELAYS_MS = [1, 5, 15, 60, 180, 360].map((m) => m * MINUTE);
export const MAX_ATTEMPTS = 12;
/** A review mail older than this helps nobody; the inbox and the deadline reminders take over. */
const MAX_AGE_MS = 3 * 24 * 60 * MINUTE;
/** How long a claimed row stays with the process that claimed it before another may try. */
const CLAIM_MS = 10 * MINUTE;
const BATCH = 50;

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** What the sender needs from nodemailer; tests and the server both use the real SMTP transport. */
export interface MailTransport {
  sendMail(message: MailMessage): Promise<unknown>;
  close(): void;
}

interface Log {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MailRunReport {
  sent: number;
  failed: number;
  gaveUp: number;
  skipped: number;
}

export function smtpTransport(config: MailConfig): MailTransport {
  // Bounded waits, so an unreachable server costs one run a few seconds, not minutes.
  return nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  }) as unknown as MailTransport;
}

function retryDelay(failedTries: number): number {
  return RETRY_DELAYS_MS[Math.min(failedTries, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0]!;
}

function errorText(err: unknown): string {
  const e = err as { message?: unknown; responseCode?: unknown };
  const msg = typeof e?.message === 'string' ? e.message : String(err);
  const code = typeof e?.responseCode === 'number' ? `SMTP ${e.responseCode}: ` : '';
  return `${code}${msg}`.slice(0, 500);
}

export class MailSender {
  private readonly db: Kysely<Database>;
  private readonly config: MailConfig;
  private readonly transport: MailTransport;
  private readonly clock: () => Date;
  private readonly log: Log | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<MailRunReport> | undefined;

  constructor(opts: {
    db: Kysely<Database>;
    config: MailConfig;
    transport?: MailTransport;
    clock?: () => Date;
    log?: Log;
  }) {
    this.db = opts.db;
    this.config = opts.config;
    this.transport = opts.transport ?? smtpTransport(opts.config);
    this.clock = opts.clock ?? (() => new Date());
    this.log = opts.log;
  }

  /** Sends what is due at `now`. Never throws for a mail server problem; those are recorded per row. */
  async runOnce(now: Date = this.clock()): Promise<MailRunReport> {
    if (this.running) await this.running.catch(() => undefined);
    this.running = this.sendDue(now);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /** Polls every `intervalMs` until stop(). */
  start(intervalMs = 30_000): void {
    if (this.timer) return;
    const tick = () => {
      if (this.running) return;
      this.runOnce().catch((err) => this.log?.error({ err }, 'mail outbox run failed'));
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  /** Stops polling, lets a send in progress finish, closes the SMTP connection. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    this.transport.close();
  }

  private async sendDue(now: Date): Promise<MailRunReport> {
    const report: MailRunReport = { sent: 0, failed: 0, gaveUp: 0, skipped: 0 };
    const nowIso = now.toISOString();
    const tooOld = new Date(now.getTime() - MAX_AGE_MS).toISOString();
    const expired = await this.db
      .updateTable('mail_outbox')
      .set({
        status: 'skipped',
        last_error: '超过 3 天未能发送，已放弃 / not sent within 3 days; given up',
      })
      .where('status', '=', 'pending')
      .where('created_at', '<', tooOld)
      .executeTakeFirst();
    report.skipped += Number(expired.numUpdatedRows);

    const due = await this.db
      .selectFrom('mail_outbox')
      .innerJoin('notifications', 'notifications.id', 'mail_outbox.notification_id')
      .innerJoin('users', 'users.id', 'mail_outbox.user_id')
      .leftJoin('contracts', 'contracts.id', 'notifications.contract_id')
      .leftJoin('review_cases', 'review_cases.contract_id', 'notifications.contract_id')
      .select([
        'mail_outbox.id',
        'mail_outbox.attempts',
        'mail_outbox.next_attempt_at',
        'notifications.kind',
        'notifications.message_zh',
        'notifications.message_en',
        'users.email',
        'users.display_name',
        'users.active',
        'contracts.number',
        'contracts.customer_name',
        'contracts.feedback_due_at',
        'review_cases.feedback_sent_at',
      ])
      .where('mail_outbox.status', '=', 'pending')
      .where('mail_outbox.next_attempt_at', '<=', nowIso)
      .orderBy('mail_outbox.next_attempt_at')
      .orderBy('mail_outbox.created_at')
      .limit(BATCH)
      .execute();

    // Set when the server could not be reached at all: the rest of the batch would fail the same
    // way, each after a timeout, so they are recorded as failed with the same error instead.
    let unreachable: unknown;
    for (const row of due) {
      const claimed = await this.db
        .updateTable('mail_outbox')
        .set({ next_attempt_at: new Date(now.getTime() + CLAIM_MS).toISOString() })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '=', row.next_attempt_at)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue; // another sender has it
      const to = row.email?.trim() ?? '';
      if (to === '' || Number(row.active) !== 1) {
        await this.db
          .updateTable('mail_outbox')
          .set({
            status: 'skipped',
            last_error: '收件人已无邮箱或已停用 / recipient has no address or is inactive',
          })
          .where('id', '=', row.id)
          .execute();
        report.skipped++;
        continue;
      }
      const mail = composeMail({
        kind: row.kind,
        message: { zh: row.message_zh, en: row.message_en },
        recipientName: row.display_name,
        contract:
          row.number && row.customer_name
            ? {
                number: row.number,
                customer: row.customer_name,
                feedbackDueAt: row.feedback_due_at,
                feedbackSentAt: row.feedback_sent_at,
              }
            : null,
        appUrl: this.config.appUrl,
      });
      const attempts = Number(row.attempts) + 1;
      try {
        if (unreachable !== undefined) throw unreachable;
        await this.transport.sendMail({ from: this.config.from, to, ...mail });
        await this.db
          .updateTable('mail_outbox')
          .set({ status: 'sent', attempts, sent_at: nowIso, recipient: to, last_error: null })
          .where('id', '=', row.id)
          .execute();
        report.sent++;
      } catch (err) {
        const giveUp = attempts >= MAX_ATTEMPTS;
        await this.db
          .updateTable('mail_outbox')
          .set({
            status: giveUp ? 'failed' : 'pending',
            attempts,
            recipient: to,
            last_error: errorText(err),
            next_attempt_at: new Date(now.getTime() + retryDelay(attempts)).toISOString(),
          })
          .where('id', '=', row.id)
          .execute();
        if (giveUp) report.gaveUp++;
        else report.failed++;
        if (err !== unreachable) {
          this.log?.warn(
            { err: errorText(err), server: this.config.describe, attempts },
            giveUp ? 'mail given up' : 'mail send failed; will retry',
          );
        }
        // No SMTP reply at all: a connection problem, not a problem of this one message.
        if (typeof (err as { responseCode?: unknown })?.responseCode !== 'number') unreachable = err;
      }
    }
    return report;
  }
}
