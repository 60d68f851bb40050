// Customer requirements to pass on to external suppliers (采购部负责传递顾客的要求给外部供方). A
// reviewer marks an accepted requirement for a supplier; purchasing works through the list per
// supplier and records the day each was passed on and by whom. Marks are removed only while
// pending: once passed, the record stands. Every write is audited in its transaction.
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { OutputTable } from '../io/tabular.js';
import { AppError } from '../shared/errors.js';
import { type Actor, recordAudit } from '../store/audit.js';
import { NotFoundError } from '../store/errors.js';
import type { Database, SupplierRequirementsTable } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { acceptedRequirement } from './case-requirements.js';

type Db = Kysely<Database>;

export const SUPPLIER_STATES = ['pending', 'passed'] as const;
export type SupplierState = (typeof SUPPLIER_STATES)[number];

export interface SupplierRequirement {
  id: string;
  contractId: string;
  number: string;
  customer: string;
  requirementId: string;
  requirementText: string | null;
  supplier: string;
  note: string | null;
  markedBy: { id: string | null; name: string | null };
  markedAt: string;
  state: SupplierState;
  passed: {
    on: string;
    by: { id: string | null; name: string | null };
    recordedAt: string | null;
    note: string | null;
  } | null;
}

type Row = Selectable<SupplierRequirementsTable> & {
  number: string;
  customer_name: string;
  requirement_text: string | null;
  marker_name: string | null;
  passer_name: string | null;
};

function baseQuery(db: Db) {
  return db
    .selectFrom('supplier_requirements')
    .innerJoin('contracts', 'contracts.id', 'supplier_requirements.contract_id')
    .leftJoin('users as marker', 'marker.id', 'supplier_requirements.marked_by')
    .leftJoin('users as passer', 'passer.id', 'supplier_requirements.passed_by')
    .leftJoin('requirements', (j) =>
      j.on(
        sql<boolean>`requirements.id = supplier_requirements.contract_id || ':' || supplier_requirements.requirement_id`,
      ),
    );
}

function selected(q: ReturnType<typeof baseQuery>) {
  return q
    .selectAll('supplier_requirements')
    .select([
      'contracts.number',
      'contracts.customer_name',
      'requirements.text as requirement_text',
      'marker.display_name as marker_name',
      'passer.display_name as passer_name',
    ]);
}

function itemOf(r: Row): SupplierRequirement {
  return {
    id: r.id,
    contractId: r.contract_id,
    number: r.number,
    customer: r.customer_name,
    requirementId: r.requirement_id,
    requirementText: r.requirement_text,
    supplier: r.supplier,
    note: r.note,
    markedBy: { id: r.marked_by, name: r.marker_name },
    markedAt: r.marked_at,
    state: r.passed_on ? 'passed' : 'pending',
    passed: r.passed_on
      ? {
          on: r.passed_on,
          by: { id: r.passed_by, name: r.passer_name },
          recordedAt: r.passed_recorded_at,
          note: r.passed_note,
        }
      : null,
  };
}

/** The suppliers marked on one case. */
export async function supplierRequirementsOf(db: Db, contractId: string): Promise<SupplierRequirement[]> {
  const rows = await selected(baseQuery(db))
    .where('supplier_requirements.contract_id', '=', contractId)
    .orderBy('supplier_requirements.supplier')
    .execute();
  return rows.map((r) => itemOf(r as Row));
}

async function getSupplierRequirement(db: Db, id: string): Promise<SupplierRequirement> {
  const row = await selected(baseQuery(db)).where('supplier_requirements.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('supplier requirement', id);
  return itemOf(row as Row);
}

/** Marks an accepted requirement to be passed on to `supplier`. */
export async function markForSupplier(
  db: Db,
  actor: Actor,
  contractId: string,
  requirementId: string,
  input: { supplier: string; note: string | null },
  now: Date,
): Promise<SupplierRequirement> {
  await acceptedRequirement(db, contractId, requirementId);
  const id = randomUUID();
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('supplier_requirements')
      .select('id')
      .where('contract_id', '=', contractId)
      .where('requirement_id', '=', requirementId)
      .where('supplier', '=', input.supplier)
      .executeTakeFirst();
    if (existing) throw new AppError('SUPPLIER_REQUIREMENT_EXISTS', undefined, { id: existing.id });
    await trx
      .insertInto('supplier_requirements')
      .values({
        id,
        contract_id: contractId,
        requirement_id: requirementId,
        supplier: input.supplier,
        note: input.note,
        marked_by: actor.id,
        marked_at: at,
        passed_on: null,
        passed_by: null,
        passed_recorded_at: null,
        passed_note: null,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'supplier_requirement.marked',
      entityId: id,
      after: { contractId, requirementId, supplier: input.supplier, note: input.note },
      at,
    });
  });
  return getSupplierRequirement(db, id);
}

/** Takes a pending mark back (marked for the wrong supplier, or no longer to pass on). */
export async function removeSupplierMark(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('supplier_requirements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('supplier requirement', id);
    if (row.passed_on) throw new AppError('ALREADY_PASSED_TO_SUPPLIER');
    await trx.deleteFrom('supplier_requirements').where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'supplier_requirement.removed',
      entityId: id,
      before: {
        contractId: row.contract_id,
        requirementId: row.requirement_id,
        supplier: row.supplier,
        note: row.note,
      },
      at: now.toISOString(),
    });
  });
}

/** Purchasing records that the requirement was passed on to the supplier, on `on`. */
export async function markPassed(
  db: Db,
  actor: Actor,
  id: string,
  input: { on: string; note: string | null },
  now: Date,
): Promise<SupplierRequirement> {
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('supplier_requirements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('supplier requirement', id);
    if (row.passed_on) throw new AppError('ALREADY_PASSED_TO_SUPPLIER');
    await trx
      .updateTable('supplier_requirements')
      .set({ passed_on: input.on, passed_by: actor.id, passed_recorded_at: at, passed_note: input.note })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'supplier_requirement.passed',
      entityId: id,
      before: { supplier: row.supplier, passedOn: null },
      after: {
        contractId: row.contract_id,
        requirementId: row.requirement_id,
        supplier: row.supplier,
        passedOn: input.on,
        note: input.note,
      },
      at,
    });
  });
  return getSupplierRequirement(db, id);
}

export interface SupplierListQuery {
  supplier?: string;
  state?: SupplierState;
  search?: string;
  limit: number;
  offset: number;
}

function filtered(db: Db, q: Omit<SupplierListQuery, 'limit' | 'offset'>) {
  let query = baseQuery(db);
  if (q.supplier) query = query.where('supplier_requirements.supplier', '=', q.supplier);
  if (q.state === 'pending') query = query.where('supplier_requirements.passed_on', 'is', null);
  if (q.state === 'passed') query = query.where('supplier_requirements.passed_on', 'is not', null);
  if (q.search) {
    const pattern = `%${q.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or(
        [
          'contracts.number',
          'contracts.customer_name',
          'requirements.text',
          'supplier_requirements.supplier',
        ].map((col) => sql<boolean>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`),
      ),
    );
  }
  return query;
}

/**
 * The list purchasing works through, grouped by supplier (pending first within each), with each
 * supplier's pending and passed counts over the whole list.
 */
export async function listSupplierRequirements(
  db: Db,
  q: SupplierListQuery,
): Promise<{
  items: SupplierRequirement[];
  total: number;
  suppliers: { supplier: string; pending: number; passed: number }[];
}> {
  const base = filtered(db, q);
  const total = await base
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await selected(base)
    .orderBy('supplier_requirements.supplier')
    .orderBy(sql`case when supplier_requirements.passed_on is null then 0 else 1 end`)
    .orderBy('contracts.number')
    .orderBy('supplier_requirements.requirement_id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const counts = await db
    .selectFrom('supplier_requirements')
    .select((eb) => [
      'supplier',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.count<number | string>('passed_on').as('passed'),
    ])
    .groupBy('supplier')
    .orderBy('supplier')
    .execute();
  return {
    items: rows.map((r) => itemOf(r as Row)),
    total: Number(total.n),
    suppliers: counts.map((c) => ({
      supplier: c.supplier,
      pending: Number(c.n) - Number(c.passed),
      passed: Number(c.passed),
    })),
  };
}

/** Requirements waiting to be passed on, plant-wide (the dashboard). */
export async function pendingSupplierCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('supplier_requirements')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('passed_on', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function supplierExportTable(
  db: Db,
  q: Omit<SupplierListQuery, 'limit' | 'offset'>,
): Promise<OutputTable> {
  const { items } = await listSupplierRequirements(db, { ...q, limit: 100_000, offset: 0 });
  return {
    header: [
      '供方 Supplier',
      '合同编号 Contract',
      '客户 Customer',
      '需求 Requirement',
      '需求内容 Text',
      '说明 Note',
      '标记人 Marked by',
      '状态 Status',
      '传递日期 Passed on',
      '传递人 Passed by',
      '传递说明 Pass-on note',
    ],
    rows: items.map((s) => [
      s.supplier,
      s.number,
      s.customer,
      s.requirementId,
      s.requirementText ?? '',
      s.note ?? '',
      s.markedBy.name ?? '',
      s.passed ? '已传递 passed' : '待传递 pending',
      s.passed?.on ?? '',
      s.passed?.by.name ?? '',
      s.passed?.note ?? '',
    ]),
  };
}
