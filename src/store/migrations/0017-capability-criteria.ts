// The capability evaluation on the procedure's five criteria: each evaluation names whom it
// evaluates (a salesperson, a team or the organisation), keeps the assessor's 1–5 scores and a
// note, and the weights and targets (with the setting's version) it was computed with. Rows
// written before (`model` null) keep their six-indicator result and are shown as such.
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  for (const col of [
    'model',
    'subject_kind',
    'subject_id',
    'subject_name',
    'assessment',
    'note',
    'settings',
  ]) {
    await db.schema.alterTable('capability_evaluations').addColumn(col, 'text').execute();
  }
  await db.schema
    .createIndex('capability_evaluations_subject_idx')
    .on('capability_evaluations')
    .columns(['subject_kind', 'subject_id', 'created_at'])
    .execute();
}
