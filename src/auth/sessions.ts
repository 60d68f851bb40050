// Server-side sessions. The browser holds a random 32-byte id; the database holds only its
// SHA-256, so a copy of the database (a backup) cannot be used to sign in as anyone.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { hashSessionId } from './session-id.js';
import { toUser, type User } from './user-repository.js';

export const SESSION_COOKIE = 'shixu_session';
export { hashSessionId };

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  hours: number,
): Promise<{ id: string; expiresAt: Date }> {
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  // Expired sessions are swept at sign-in: cheap, and no scheduler is needed.
  await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
  await db
    .insertInto('sessions')
    .values({
      id: hashSessionId(id),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  return { id, expiresAt };
}

/** The active user of a live session, or undefined when the session is unknown, expired or the user deactivated. */
export async function userOfSession(
  db: Kysely<Database>,
  sessionId: string,
  now: Date,
): Promise<User | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.id', '=', hashSessionId(sessionId))
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.active', '=', 1)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<string | undefined> {
  const row = await db
    .deleteFrom('sessions')
    .where('id', '=', hashSessionId(sessionId))
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}
