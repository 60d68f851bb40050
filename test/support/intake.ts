// Waiting for background intake work the way a client does: by reading the record until it ends.

import type { Kysely } from 'kysely';
import { getIntake } from '../../src/intake/intake-repository.js';
import type { Database } from '../../src/store/schema.js';

export async function waitForIntake(db: Kysely<Database>, id: string, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const record = await getIntake(db, id);
    if (record && (record.status === 'done' || record.status === 'failed')) return record;
    if (Date.now() > end) throw new Error(`intake ${id} still ${record?.status ?? 'missing'} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
