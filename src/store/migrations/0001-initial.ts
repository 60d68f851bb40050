import { type Kysely, sql } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
type Db = Kysely<any>;

export async function up(db: Db, caps: DialectCapabilities): Promise<void> {
  const dec = caps.decimalType === 'numeric' ? sql`numeric(20, 6)` : sql`text`;
  const createdUpdated = <T extends { addColumn: (n: string, t: 'text', b?: (c: any) => any) => T }>(
    t: T,
  ): T =>
    t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('deputy_for', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(createdUpdated)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('short_name', 'text')
    .addColumn('first_order_year', 'integer')
    .addColumn('industry', 'text')
    .addColumn('notes', 'text')
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
    .$call(createdUpdated)
    .execute();

  await db.schema
    .createTable('customer_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('wechat', 'text')
    .execute();

  await db.schema
    .createTable('csr_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('source_document', 'text')
    .addColumn('clause', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('applies_to', 'text')
    .addColumn('department', 'text')
    .addColumn('effective_from', 'text')
    .addColumn('effective_to', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .$call(createdUpdated)
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('category', 'text')
    .addColumn('precision_grade', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_weight_kg', dec)
    .addColumn('list_price_cny', dec)
    .$call(createdUpdated)
    .execute();

  await db.schema
    .createTable('intake_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('file_sha256', 'text')
    .addColumn('media_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('extracted_text', 'text')
    .addColumn('provenance', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('customer_id', 'text', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .$call(createdUpdated)
    .execute();
  await db.schema
    .createIndex('intake_status_idx')
    .on('intake_records')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('analyses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('intake_id', 'text', (c) => c.references('intake_records.id').onDelete('cascade'))
    .addColumn('ref_date', 'text', (c) => c.notNull())
    .addColumn('engine_version', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('class', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('intake_id', 'text', (c) => c.references('intake_records.id').onDelete('set null'))
    .addColumn('analysis_id', 'text', (c) => c.references('analyses.id').onDelete('set null'))
    .addColumn('currency', 'text')
    .addColumn('total_amount', dec)
    .addColumn('delivery_date', 'text')
    .addColumn('delivery_place', 'text')
    .addColumn('payment_terms', 'text')
    .addColumn('classification', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('feedback_due_at', 'text')
    .addColumn('customer_timezone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .$call(createdUpdated)
    .execute();
  await db.schema.createIndex('contracts_customer_idx').on('contracts').column('customer_id').execute();
  await db.schema
    .createIndex('contracts_status_idx')
    .on('contracts')
    .columns(['status', 'received_at'])
    .execute();

  await db.schema
    .createTable('contract_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_code', 'text', (c) => c.references('products.code').onDelete('set null'))
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('quantity', dec)
    .addColumn('unit', 'text')
    .addColumn('unit_price', dec)
    .addColumn('currency', 'text')
    .addColumn('tax_included', 'integer')
    .addUniqueConstraint('contract_items_line_uq', ['contract_id', 'line_no'])
    .execute();

  await db.schema
    .createTable('requirements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('analysis_id', 'text', (c) => c.references('analyses.id').onDelete('set null'))
    .addColumn('contract_id', 'text', (c) => c.references('contracts.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('special', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('special_rule', 'text')
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('span_start', 'integer')
    .addColumn('span_end', 'integer')
    .addColumn('links', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .$call(createdUpdated)
    .execute();
  await db.schema.createIndex('requirements_contract_idx').on('requirements').column('contract_id').execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('contract_version', 'integer', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('conclusion', 'text')
    .addColumn('conditions', 'text')
    .addColumn('reason', 'text')
    .addColumn('checklist', 'text')
    .addColumn('signer_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('signed_at', 'text')
    .$call(createdUpdated)
    .execute();
  await db.schema
    .createIndex('reviews_contract_idx')
    .on('reviews')
    .columns(['contract_id', 'department'])
    .execute();

  await db.schema
    .createTable('amendments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_version', 'integer', (c) => c.notNull())
    .addColumn('to_version', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('diff', 'text', (c) => c.notNull())
    .addColumn('affected_departments', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(createdUpdated)
    .execute();

  await db.schema
    .createTable('rule_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_id', 'text', (c) => c.notNull().references('rules.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text')
    .addColumn('changed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rule_versions_uq', ['rule_id', 'version'])
    .execute();

  await db.schema
    .createTable('feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('contract_id', 'text', (c) => c.references('contracts.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sentiment', 'text')
    .addColumn('sentiment_score', 'real')
    .addColumn('cause', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .$call(createdUpdated)
    .execute();

  await db.schema
    .createTable('improvement_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('feedback_id', 'text', (c) => c.references('feedback.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_department', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .$call(createdUpdated)
    .execute();

  await db.schema
    .createTable('capability_evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('evaluator_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', caps.name === 'postgres' ? 'bigserial' : 'integer', (c) =>
      caps.name === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_department', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema
    .createIndex('audit_entity_idx')
    .on('audit_log')
    .columns(['entity_type', 'entity_id'])
    .execute();

  // The audit log is evidence for auditors: the database itself refuses to change or delete it.
  if (caps.name === 'postgres') {
    await sql`CREATE FUNCTION shixu_audit_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION shixu_audit_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  }
}
