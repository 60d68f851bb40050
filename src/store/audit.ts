// The audit trail (审核追溯): every change to business data is written together with who made it,
// in the same transaction as the change itself, so the trail can never disagree with the data.
// Rows are hash-chained (audit-chain.ts): a row changed afterwards is found by verifyAuditChain.
import type { Kysely } from 'kysely';
import { appendChained } from './audit-chain.js';
import type { Database } from './schema.js';
import { inTransaction } from './transaction.js';

/** Who acted. Users carry their id and department; jobs and the CLI use a `system:` id. */
export interface Actor {
  id: string;
  department: string | null;
}

export const SYSTEM_ACTORS = {
  cli: { id: 'system:cli', department: null },
  demoSeed: { id: 'system:demo-seed', department: null },
  server: { id: 'system:server', department: null },
  intakeWorker: { id: 'system:intake-worker', department: null },
  mailbox: { id: 'system:mailbox', department: null },
} as const satisfies Record<string, Actor>;

export const AUDIT_ACTIONS = [
  'product.created',
  'product.updated',
  'product.deleted',
  'product.deactivated',
  'product.reactivated',
  'catalog.imported',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'customer.deactivated',
  'customer.reactivated',
  'customers.imported',
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'csr.created',
  'csr.updated',
  'csr.deleted',
  'csr.evaluated',
  'rule.created',
  'rule.updated',
  'rule.restored',
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'user.password_changed',
  'user.password_reset',
  'user.password_change_refused',
  'user.login',
  'user.login_failed',
  'user.logout',
  'demo.seeded',
  'database.restored',
  'database.broken_audit_accepted',
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
  'settings.review_routing_updated',
  'settings.capability_updated',
  'attachment.added',
  'mail.retried',
  'contract.order_corrected',
  'contract.reclassified',
  'intake.created',
  'intake.processed',
  'intake.failed',
  'intake.retried',
  'intake.requeued',
  'intake.customer_linked',
  'contract.customer_linked',
  'analysis.created',
  'law.created',
  'law.updated',
  'law.superseded',
  'law.confirmed',
  'law.attachment_added',
  'laws.imported',
  'requirement.assessed',
  'plan.created',
  'plan.updated',
  'supplier_requirement.marked',
  'supplier_requirement.removed',
  'supplier_requirement.passed',
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

/**
 * Appends one audit row. Pass the transaction that makes the change; without one, the row gets a
 * transaction of its own (the chain's append lock lasts as long as the transaction).
 */
export async function recordAudit(db: Kysely<Database>, actor: Actor, event: AuditEvent): Promise<void> {
  await inTransaction(db, (trx) =>
    appendChained(trx, {
      at: event.at ?? new Date().toISOString(),
      actor_id: actor.id,
      actor_department: actor.department,
      action: event.action,
      entity_type: entityTypeOf(event.action),
      entity_id: event.entityId,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    }),
  );
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

export interface AuditQuery {
  /** One action code (customer.updated …). */
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  /** Instants (ISO 8601, UTC): from inclusive, to exclusive. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** One page of the audit trail, newest first, with the actor's display name where it is a user. */
export async function listAudit(
  db: Kysely<Database>,
  query: AuditQuery,
): Promise<{ items: (AuditEntry & { actorName: string | null; hash: string | null })[]; total: number }> {
  let q = db.selectFrom('audit_log');
  if (query.action) q = q.where('audit_log.action', '=', query.action);
  if (query.entityType) q = q.where('audit_log.entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('audit_log.entity_id', '=', query.entityId);
  if (query.actorId) q = q.where('audit_log.actor_id', '=', query.actorId);
  if (query.from) q = q.where('audit_log.at', '>=', query.from);
  if (query.to) q = q.where('audit_log.at', '<', query.to);
  const total = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select('users.display_name as actor_name')
    .orderBy('audit_log.id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      actorDepartment: r.actor_department,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
      hash: r.hash,
    })),
  };
}
