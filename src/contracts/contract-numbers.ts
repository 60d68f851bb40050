// Contract numbers HT-YYYY-NNNN. One atomic upsert on a per-year counter row: both SQLite and
// PostgreSQL serialise it on the row, so two concurrent openings never get the same number.
import type { Kysely } from 'kysely';
import { numberAt } from '../review/review-rounds.js';
import type { Database } from '../store/schema.js';

export async function allocateContractNumber(trx: Kysely<Database>, year: number): Promise<string> {
  const row = await trx
    .insertInto('contract_number_counters')
    .values({ year, last_value: 1 })
    .onConflict((oc) =>
      oc
        .column('year')
        .doUpdateSet((eb) => ({ last_value: eb('contract_number_counters.last_value', '+', 1) })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return formatContractNumber(year, Number(row.last_value));
}

export function formatContractNumber(year: number, n: number): string {
  return `HT-${year}-${String(n).padStart(4, '0')}`;
}

/** The number of the contract after its n-th void-and-re-sign: HT-2026-0001 → HT-2026-0001-R1. */
export const revisionNumber = numberAt;

/** The original number of a contract number, with or without a revision suffix; null if it is none. */
export function baseNumber(number: string): string | null {
  const m = /^(HT-\d{4}-\d{4,})(?:-R\d+)?$/.exec(number.trim());
  return m ? m[1]! : null;
}
