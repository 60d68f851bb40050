// The versions of a case's order on disk: the analysed order (version 1) and the user's correction
// (version 2), the corrected fields as labelled examples for retraining (`analysis_corrections`)
// and the audit row saying who changed what. Written in the transaction that opens the case.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OrderCorrection, ReviewedOrder } from '../review/reviewed-order.js';
import { type Actor, recordAudit } from '../store/audit.js';
import type { Database } from '../store/schema.js';

type Db = Kysely<Database>;

export interface OrderOrigin {
  intakeId: string;
  analysisId: string;
  analysed: ReviewedOrder;
  /** Null when the user opened the case without changing the analysed order. */
  corrected: ReviewedOrder | null;
  corrections: OrderCorrection[];
}

export interface OrderVersion {
  version: number;
  source: 'analysis' | 'correction';
  order: ReviewedOrder;
  by: string | null;
  at: string;
}

export interface StoredCorrection extends OrderCorrection {
  by: string;
  at: string;
}

export async function recordOrderVersions(
  trx: Db,
  contractId: string,
  number: string,
  origin: OrderOrigin,
  actor: Actor,
  at: string,
): Promise<void> {
  await trx
    .insertInto('contract_orders')
    .values({
      contract_id: contractId,
      version: 1,
      source: 'analysis',
      order_json: JSON.stringify(origin.analysed),
      created_by: null,
      created_at: at,
    })
    .execute();
  if (!origin.corrected || origin.corrections.length === 0) return;
  await trx
    .insertInto('contract_orders')
    .values({
      contract_id: contractId,
      version: 2,
      source: 'correction',
      order_json: JSON.stringify(origin.corrected),
      created_by: actor.id,
      created_at: at,
    })
    .execute();
  for (const c of origin.corrections) {
    await trx
      .insertInto('analysis_corrections')
      .values({
        id: randomUUID(),
        intake_id: origin.intakeId,
        analysis_id: origin.analysisId,
        contract_id: contractId,
        field_path: c.path,
        analysed_value: c.analysed === null ? null : JSON.stringify(c.analysed),
        corrected_value: c.corrected === null ? null : JSON.stringify(c.corrected),
        created_by: actor.id,
        created_at: at,
      })
      .execute();
  }
  await recordAudit(trx, actor, {
    action: 'contract.order_corrected',
    entityId: contractId,
    before: { number, order: origin.analysed },
    after: { number, order: origin.corrected, changes: origin.corrections },
    at,
  });
}

/** The order's versions, oldest first, and the corrected fields; empty for a case opened by hand. */
export async function orderVersions(
  db: Db,
  contractId: string,
): Promise<{ versions: OrderVersion[]; corrections: StoredCorrection[] }> {
  const rows = await db
    .selectFrom('contract_orders')
    .selectAll()
    .where('contract_id', '=', contractId)
    .orderBy('version')
    .execute();
  const corrections = await db
    .selectFrom('analysis_corrections')
    .selectAll()
    .where('contract_id', '=', contractId)
    .orderBy('field_path')
    .execute();
  const json = (s: string | null): unknown => (s === null ? null : JSON.parse(s));
  return {
    versions: rows.map((r) => ({
      version: Number(r.version),
      source: r.source,
      order: JSON.parse(r.order_json) as ReviewedOrder,
      by: r.created_by,
      at: r.created_at,
    })),
    corrections: corrections.map((c) => ({
      path: c.field_path,
      analysed: json(c.analysed_value),
      corrected: json(c.corrected_value),
      by: c.created_by,
      at: c.created_at,
    })),
  };
}
