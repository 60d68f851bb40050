// Rule versions record their author as the actor id (a user id or a `system:` id such as the CLI):
// `changed_by` references users and so cannot hold the system actors that also edit rules.
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema type.
export async function up(db: Kysely<any>, _caps: DialectCapabilities): Promise<void> {
  await db.schema.alterTable('rule_versions').addColumn('author', 'text').execute();
  await db.schema.alterTable('rule_versions').addColumn('author_department', 'text').execute();
}
