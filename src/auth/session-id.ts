// The stored form of a session id: only its hash is kept, so a leaked sessions table opens no
// session. Its own module because both the sessions and the user repository (which ends a user's
// other sessions on a password change) need it, and they import each other's types otherwise.
import { createHash } from 'node:crypto';

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
