// The in-app inbox. Workflow effects name a department, a user or a title; they are fanned out to
// the people who hold it now, so a later deputy or new hire does not inherit old messages.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Effect } from '../review/types.js';
import type { Database } from '../store/schema.js';
import { queueMail } from './mail-outbox.js';

type Notify = Extract<Effect, { type: 'notify' }>;

export interface Notification {
  id: string;
  contractId: string | null;
  kind: string;
  message: { zh: string; en: string };
  createdAt: string;
  readAt: string | null;
}

async function recipientsOf(db: Kysely<Database>, to: Notify['to']): Promise<string[]> {
  switch (to.type) {
    case 'user': {
      const u = await db.selectFrom('users').select('id').where('id', '=', to.userId).executeTakeFirst();
      return u ? [u.id] : [];
    }
    case 'department': {
      const rows = await db
        .selectFrom('users')
        .select('id')
        .where('active', '=', 1)
        .where((eb) => eb.or([eb('department', '=', to.department), eb('deputy_for', '=', to.department)]))
        .execute();
      return rows.map((r) => r.id);
    }
    case 'role': {
      const titled = await db
        .selectFrom('review_roles')
        .select('user_id')
        .where('role', '=', to.role)
        .execute();
      const ids = titled.map((r) => r.user_id);
      if (to.role === 'general_manager') {
        const gms = await db
          .selectFrom('users')
          .select('id')
          .where('active', '=', 1)
          .where('department', '=', 'general_manager')
          .execute();
        ids.push(...gms.map((g) => g.id));
      }
      return [...new Set(ids)];
    }
  }
}

export async function deliverNotifications(
  trx: Kysely<Database>,
  contractId: string,
  effects: readonly Effect[],
  at: string,
): Promise<number> {
  const written: { id: string; userId: string }[] = [];
  for (const e of effects) {
    if (e.type !== 'notify') continue;
    for (const userId of await recipientsOf(trx, e.to)) {
      const id = randomUUID();
      await trx
        .insertInto('notifications')
        .values({
          id,
          user_id: userId,
          contract_id: contractId,
          kind: e.kind,
          message_zh: e.message.zh,
          message_en: e.message.en,
          created_at: at,
          read_at: null,
        })
        .execute();
      written.push({ id, userId });
    }
  }
  // Same transaction: the mail goes out only if the review step commits.
  await queueMail(trx, written, at);
  return written.length;
}

export async function listNotifications(
  db: Kysely<Database>,
  userId: string,
  opts: { unreadOnly?: boolean; limit?: number } = {},
): Promise<{ items: Notification[]; unread: number }> {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(opts.limit ?? 100)
    .execute();
  const unread = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({
      id: r.id,
      contractId: r.contract_id,
      kind: r.kind,
      message: { zh: r.message_zh, en: r.message_en },
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
    unread: Number(unread.n),
  };
}

/** Marks the user's notifications read (all when `ids` is omitted); returns how many changed. */
export async function markNotificationsRead(
  db: Kysely<Database>,
  userId: string,
  at: string,
  ids?: string[],
): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids) {
    if (ids.length === 0) return 0;
    q = q.where('id', 'in', ids);
  }
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
