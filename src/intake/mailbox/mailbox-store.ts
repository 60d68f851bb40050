// What the poller remembers about a mailbox, in the database so the server's poller, `shixu mailbox
// poll` and GET /api/intake/mailbox all see the same state: the UIDVALIDITY and the last UID taken,
// the outcome of the last poll, and each message taken (by Message-ID) with the record it became.
import type { Kysely } from 'kysely';
import type { ImapConfig } from '../../config/config.js';
import type { Database } from '../../store/schema.js';

type Db = Kysely<Database>;

export interface MailboxProblem {
  code: 'auth' | 'connect' | 'timeout' | 'tls' | 'mailbox' | 'other';
  zh: string;
  en: string;
}

export interface MailboxStatus {
  configured: boolean;
  /** user@host:port/mailbox (never the password). */
  mailbox: string | null;
  pollSeconds: number | null;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  /** The last poll's failure; null after a successful poll. */
  lastError: { zh: string; en: string } | null;
  /** Messages taken by the last poll, and by all polls of this mailbox. */
  lastTaken: number;
  messagesTaken: number;
  lastUid: number;
  uidValidity: string | null;
}

/** One row per mailbox: a different server, account or folder starts its own history. */
export function mailboxKey(cfg: ImapConfig): string {
  return `${cfg.user}@${cfg.host}:${cfg.port}/${cfg.mailbox}`;
}

export async function ensureMailboxState(db: Db, key: string, at: string): Promise<void> {
  await db
    .insertInto('mailbox_state')
    .values({ mailbox_key: key, last_uid: 0, last_taken: 0, messages_taken: 0, updated_at: at })
    .onConflict((oc) => oc.column('mailbox_key').doNothing())
    .execute();
}

export async function readCursor(
  db: Db,
  key: string,
): Promise<{ uidValidity: string | null; lastUid: number }> {
  const row = await db
    .selectFrom('mailbox_state')
    .select(['uid_validity', 'last_uid'])
    .where('mailbox_key', '=', key)
    .executeTakeFirst();
  return { uidValidity: row?.uid_validity ?? null, lastUid: Number(row?.last_uid ?? 0) };
}

/** UIDs of the old validity mean nothing any more: start again from the first message. */
export async function resetCursor(db: Db, key: string, uidValidity: string, at: string): Promise<void> {
  await db
    .updateTable('mailbox_state')
    .set({ uid_validity: uidValidity, last_uid: 0, updated_at: at })
    .where('mailbox_key', '=', key)
    .execute();
}

export async function advanceCursor(db: Db, key: string, uid: number, at: string): Promise<void> {
  await db
    .updateTable('mailbox_state')
    .set({ last_uid: uid, updated_at: at })
    .where('mailbox_key', '=', key)
    .where('last_uid', '<', uid)
    .execute();
}

export async function isTaken(db: Db, key: string, messageKey: string): Promise<boolean> {
  const row = await db
    .selectFrom('mailbox_messages')
    .select('intake_id')
    .where('mailbox_key', '=', key)
    .where('message_key', '=', messageKey)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Called in the transaction that stores the intake record: the message, its record and the advanced
 * cursor commit together, so a crash leaves either all of them or none (and the message is taken again).
 */
export async function recordTaken(
  db: Db,
  key: string,
  m: { messageKey: string; uidValidity: string; uid: number; intakeId: string; at: string },
): Promise<void> {
  await db
    .insertInto('mailbox_messages')
    .values({
      mailbox_key: key,
      message_key: m.messageKey,
      uid_validity: m.uidValidity,
      uid: m.uid,
      intake_id: m.intakeId,
      taken_at: m.at,
    })
    .execute();
  await advanceCursor(db, key, m.uid, m.at);
}

export async function finishPoll(
  db: Db,
  key: string,
  r: { at: string; taken: number; error: MailboxProblem | null },
): Promise<void> {
  await db
    .updateTable('mailbox_state')
    .set((eb) => ({
      last_poll_at: r.at,
      ...(r.error ? {} : { last_success_at: r.at }),
      last_error_zh: r.error?.zh ?? null,
      last_error_en: r.error?.en ?? null,
      last_taken: r.taken,
      // Added in the database: a CLI poll and the server's poller may finish at the same moment.
      messages_taken: eb('messages_taken', '+', r.taken),
      updated_at: r.at,
    }))
    .where('mailbox_key', '=', key)
    .execute();
}

export async function getMailboxStatus(db: Db, cfg: ImapConfig | null): Promise<MailboxStatus> {
  const key = cfg ? mailboxKey(cfg) : null;
  const row = key
    ? await db.selectFrom('mailbox_state').selectAll().where('mailbox_key', '=', key).executeTakeFirst()
    : undefined;
  return {
    configured: cfg !== null,
    mailbox: key,
    pollSeconds: cfg?.pollSeconds ?? null,
    lastPollAt: row?.last_poll_at ?? null,
    lastSuccessAt: row?.last_success_at ?? null,
    lastError: row?.last_error_zh ? { zh: row.last_error_zh, en: row.last_error_en ?? '' } : null,
    lastTaken: Number(row?.last_taken ?? 0),
    messagesTaken: Number(row?.messages_taken ?? 0),
    lastUid: Number(row?.last_uid ?? 0),
    uidValidity: row?.uid_validity ?? null,
  };
}
