// The audit trail (审核追溯): every change to business data is written together with who made it,
// in the same transaction as the change itself, so the trail can never disagree with the data.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Who acted. Users carry their id and department; jobs and the CLI use a `system:` id. */
export interface Actor {
  id: string;
  department: string | null;
}

export const SYSTEM_ACTORS = {
  cli: { id: 'system:cli', department: null },
  demoSeed: { id: 'system:demo-seed', department: null },
  server: { id: 'system:server', department: null },
} as const satisfies Record<string, Actor>;

export const AUDIT_ACTIONS = [
  'product.created',
  'product.updated',
  'product.deleted',
  'catalog.imported',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'customers.imported',
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'csr.created',
  'csr.updated',
  'csr.deleted',
  'rule.created',
  'rule.updated',
  'rule.restored',
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'user.password_changed',
  'user.login',
  'user.login_failed',
  'user.logout',
  'demo.seeded',
  'database.restored',
  'feedback.created',
  'feedback.updated',
  'feedback.deleted',
  'feedback.voided',
  'feedback.transitioned',
  'satisfaction.recorded',
  'satisfaction.deleted',
  'action.created',
  'action.updated',
  'evaluation.created',
  'settings.updated',
  'attachment.added',
  'mail.retried',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The entity type is the part of the action before the dot (product, customer, csr …). */
export type AuditEntityType = AuditAction extends `${infer E}.${string}` ? E : never;

export interface AuditEvent {
  action: AuditAction;
  entityId: string;
  /** State before the change; omitted for creations and non-data events. */
  before?: unknown;
  /** State after the change; omitted for deletions. */
  after?: unknown;
  /** When it happened, for repositories that run on an injected clock; default now. */
  at?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorDepartment: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export function entityTypeOf(action: AuditAction): AuditEntityType {
  return action.slice(0, action.indexOf('.')) as AuditEntityType;
}

/** Appends one audit row. Pass the transaction that makes the change. */
export async function recordAudit(trx: Kysely<Database>, actor: Actor, event: AuditEvent): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: event.at ?? new Date().toISOString(),
      actor_id: actor.id,
      actor_department: actor.department,
      action: event.action,
      entity_type: entityTypeOf(event.action),
      entity_id: event.entityId,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    })
    .execute();
}

/** Audit rows of one entity, oldest first. */
export async function auditTrail(
  db: Kysely<Database>,
  filter: { entityType?: string; entityId?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  const rows = await q
    .orderBy('id', 'asc')
    .limit(filter.limit ?? 1000)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actorId: r.actor_id,
    actorDepartment: r.actor_department,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  }));
}
