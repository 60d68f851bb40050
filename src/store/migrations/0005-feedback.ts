// Customer side (feedback / complaints with 8D fields, improvement actions, satisfaction surveys,
// capability evaluations). 0001 created the bare tables; this adds what quality managers work with.
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  const feedbackColumns = [
    'channel',
    'product_code',
    'intent',
    'categories',
    'cause_explanation',
    'containment',
    'root_cause',
    'root_cause_type',
    'corrective_action',
    'verification',
    'due_at',
    'investigating_at',
    'action_at',
  ];
  for (const col of feedbackColumns) {
    await db.schema.alterTable('feedback').addColumn(col, 'text').execute();
  }
  await db.schema.createIndex('feedback_received_idx').on('feedback').columns(['received_at']).execute();
  await db.schema.createIndex('feedback_customer_idx').on('feedback').columns(['customer_id']).execute();

  for (const col of [
    'evaluation_id',
    'description',
    'effectiveness',
    'effectiveness_note',
    'effectiveness_checked_at',
    'closed_at',
    'created_by',
  ]) {
    await db.schema.alterTable('improvement_actions').addColumn(col, 'text').execute();
  }

  for (const col of ['period_from', 'period_to', 'grade', 'findings', 'evaluator_name']) {
    await db.schema.alterTable('capability_evaluations').addColumn(col, 'text').execute();
  }
  await db.schema.alterTable('capability_evaluations').addColumn('score', 'double precision').execute();

  await db.schema
    .createTable('satisfaction_surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('scale', 'integer', (c) => c.notNull())
    .addColumn('quality', 'double precision')
    .addColumn('delivery', 'double precision')
    .addColumn('price', 'double precision')
    .addColumn('service', 'double precision')
    .addColumn('communication', 'double precision')
    .addColumn('respondent', 'text')
    .addColumn('comment', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('satisfaction_customer_period_uq', ['customer_id', 'period'])
    .execute();
}
