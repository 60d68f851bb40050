// Contract numbers HT-YYYY-NNNN. One atomic upsert on a per-year counter row: both SQLite and
// PostgreSQL serialise it on the row, so two concurrent openings never get the same number.
import type { Kysely } from 'kysely';
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
