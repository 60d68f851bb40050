// Audit rows for this area, written in the caller's transaction at the repository's clock time.
import type { Kysely } from 'kysely';
import { type Actor, recordAudit } from '../store/audit.js';
import type { Database } from '../store/schema.js';

export type FeedbackAuditAction =
  | 'feedback.created'
  | 'feedback.updated'
  | 'feedback.deleted'
  | 'feedback.voided'
  | 'feedback.transitioned'
  | 'satisfaction.recorded'
  | 'satisfaction.deleted'
  | 'action.created'
  | 'action.updated'
  | 'evaluation.created';

export async function writeAudit(
  trx: Kysely<Database>,
  actor: Actor,
  action: FeedbackAuditAction,
  entityId: string,
  before: unknown,
  after: unknown,
  at: string,
): Promise<void> {
  await recordAudit(trx, actor, { action, entityId, before, after, at });
}
