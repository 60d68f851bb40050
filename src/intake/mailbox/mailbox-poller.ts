// Takes the sales inbox in over IMAP: every message with a UID above the last one taken becomes an
// intake record through the same path as an uploaded .eml (acceptIntake, then the intake job).
// The record, the message's Message-ID and the advanced UID are committed in one transaction, and
// only then is the message marked \Seen, so a crash at any point re-takes the message on the next
// poll instead of losing it, and the Message-ID check stops a second record. A new UIDVALIDITY
// starts the mailbox over; the same check keeps that from duplicating anything either.
import { createHash } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { ImapConfig } from '../../config/config.js';
import { SYSTEM_ACTORS } from '../../store/audit.js';
import type { Store } from '../../store/connect.js';
import { inTransaction } from '../../store/transaction.js';
import type { FileStore } from '../file-store.js';
import { acceptIntake } from '../intake-service.js';
import { describeImapError, MailboxOpenError } from './imap-errors.js';
import {
  advanceCursor,
  ensureMailboxState,
  finishPoll,
  isTaken,
  type MailboxProblem,
  mailboxKey,
  readCursor,
  recordTaken,
  resetCursor,
} from './mailbox-store.js';

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MailboxPollerDeps {
  store: Store;
  files: FileStore;
  config: ImapConfig;
  /** Queues the processing of a stored record (IntakeJobs.enqueue). */
  enqueue(intakeId: string): Promise<void>;
  log?: Log;
  clock?: () => Date;
}

export interface MailboxPollResult {
  /** New intake records created. */
  taken: number;
  /** Messages already taken before (same Message-ID), marked seen without a new record. */
  duplicates: number;
  error: MailboxProblem | null;
}

/** A file name for the record: the subject without characters file systems or headers object to. */
export function mailFileName(subject: string | undefined, uid: number): string {
  const cleaned = (subject ?? '')
    .replace(/[\p{Cc}\\/:*?"<>|]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
  return cleaned ? `${cleaned}.eml` : `mail-${uid}.eml`;
}

/** The Message-ID identifies a message across UID changes; without one, its exact bytes do. */
function messageKeyOf(messageId: string | undefined, raw: Buffer): string {
  const id = messageId?.trim();
  return id ? id : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/** The day the server received the message, in the company's time zone (relative dates count from it). */
function shanghaiDay(at: Date | string | undefined): string | null {
  const ms = at === undefined ? Number.NaN : new Date(at).getTime();
  return Number.isNaN(ms) ? null : new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export class MailboxPoller {
  readonly key: string;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<MailboxPollResult> | undefined;
  private stopped = false;

  constructor(private readonly deps: MailboxPollerDeps) {
    this.key = mailboxKey(deps.config);
  }

  private now(): string {
    return (this.deps.clock?.() ?? new Date()).toISOString();
  }

  /** One poll. Never throws: a failure is logged and kept as the mailbox status for the next try. */
  async pollOnce(): Promise<MailboxPollResult> {
    if (this.running) await this.running;
    this.running = this.poll();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /** Polls now and then every pollSeconds after the previous poll ended, until stop(). */
  start(): void {
    this.stopped = false;
    const tick = () => {
      this.timer = undefined;
      void this.pollOnce()
        .catch((err) => this.deps.log?.error({ err, mailbox: this.key }, 'mailbox poll failed'))
        .then(() => {
          if (this.stopped) return;
          this.timer = setTimeout(tick, this.deps.config.pollSeconds * 1000);
          this.timer.unref();
        });
    };
    tick();
  }

  /** Stops the timer and waits for a poll in progress (it stops after the message in hand). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async poll(): Promise<MailboxPollResult> {
    const { config: cfg, log } = this.deps;
    const result: MailboxPollResult = { taken: 0, duplicates: 0, error: null };
    const client = new ImapFlow({
      host: cfg.host,
      port: cfg.port,
      secure: cfg.secure,
      auth: { user: cfg.user, pass: cfg.password },
      logger: false,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 5 * 60_000,
    });
    // A dropped connection is also emitted as an event; the awaited command reports it to us.
    client.on('error', (err: Error) =>
      log?.warn({ err: err.message, mailbox: this.key }, 'IMAP connection error'),
    );
    try {
      await ensureMailboxState(this.deps.store.db, this.key, this.now());
      await client.connect();
      await this.takeNew(client, result);
      await client.logout();
    } catch (err) {
      result.error = describeImapError(err, cfg);
      log?.warn({ mailbox: this.key, code: result.error.code, err: result.error.en }, 'mailbox poll failed');
      client.close();
    }
    try {
      await finishPoll(this.deps.store.db, this.key, {
        at: this.now(),
        taken: result.taken,
        error: result.error,
      });
    } catch (err) {
      log?.error({ err, mailbox: this.key }, 'mailbox status not stored');
    }
    if (result.taken > 0) log?.info({ mailbox: this.key, taken: result.taken }, 'mail taken in');
    return result;
  }

  private async takeNew(client: ImapFlow, result: MailboxPollResult): Promise<void> {
    const { db } = this.deps.store;
    const folder = this.deps.config.mailbox;
    let uidValidity: string;
    try {
      uidValidity = String((await client.mailboxOpen(folder)).uidValidity);
    } catch (err) {
      const e = err as { responseText?: unknown; message?: unknown };
      throw new MailboxOpenError(folder, String(e.responseText || e.message || err));
    }
    let { uidValidity: known, lastUid } = await readCursor(db, this.key);
    if (known !== uidValidity) {
      if (known !== null)
        this.deps.log?.warn(
          { mailbox: this.key, from: known, to: uidValidity },
          'UIDVALIDITY changed; taking the mailbox again, skipping messages already taken',
        );
      await resetCursor(db, this.key, uidValidity, this.now());
      lastUid = 0;
    }
    // "n:*" also matches the highest UID when it is below n, hence the filter.
    const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
    const uids = found.filter((u) => u > lastUid).sort((a, b) => a - b);
    for (const uid of uids) {
      if (this.stopped) break;
      const msg =
        (await client.fetchOne(
          String(uid),
          { uid: true, source: true, envelope: true, internalDate: true },
          { uid: true },
        )) || undefined;
      if (!msg?.source) {
        // Deleted between search and fetch: nothing to take.
        await advanceCursor(db, this.key, uid, this.now());
        continue;
      }
      const created = await this.takeOne(uidValidity, uid, msg.source, msg.envelope?.messageId, {
        subject: msg.envelope?.subject,
        receivedDay: shanghaiDay(msg.internalDate),
      });
      if (created) result.taken += 1;
      else result.duplicates += 1;
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
  }

  /** Stores one message as an intake record; false when this mailbox already took it. */
  private async takeOne(
    uidValidity: string,
    uid: number,
    raw: Buffer,
    messageId: string | undefined,
    meta: { subject: string | undefined; receivedDay: string | null },
  ): Promise<boolean> {
    const { store, files } = this.deps;
    const messageKey = messageKeyOf(messageId, raw);
    if (await isTaken(store.db, this.key, messageKey)) {
      await advanceCursor(store.db, this.key, uid, this.now());
      return false;
    }
    let intakeId: string;
    try {
      intakeId = await inTransaction(store.db, async (trx) => {
        const id = await acceptIntake(
          { store: { ...store, db: trx }, files },
          {
            bytes: new Uint8Array(raw),
            fileName: mailFileName(meta.subject, uid),
            channel: 'email',
            refDate: meta.receivedDay,
            actor: SYSTEM_ACTORS.mailbox,
          },
        );
        await recordTaken(trx, this.key, { messageKey, uidValidity, uid, intakeId: id, at: this.now() });
        return id;
      });
    } catch (err) {
      // Another poll (the CLI beside the server) committed the same message first.
      if (await isTaken(store.db, this.key, messageKey)) {
        await advanceCursor(store.db, this.key, uid, this.now());
        return false;
      }
      throw err;
    }
    // Committed before queueing: should queueing fail, the record stays queued and the worker's
    // start picks it up (IntakeJobs.start), so it is not lost.
    await this.deps.enqueue(intakeId);
    return true;
  }
}
