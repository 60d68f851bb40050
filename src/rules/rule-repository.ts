// Stored, versioned classification rules. Each rule row points at its current version; every save
// (create, edit, enable/disable, restore) appends a version with author, time and change note, in
// the same transaction as its audit entry. The shipped default set is written on first use.
// Named conditions are not stored: rules reference the shipped ones (defaultRules.namedConditions).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Actor, recordAudit, SYSTEM_ACTORS } from '../store/audit.js';
import { ConflictError, NotFoundError } from '../store/errors.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { defaultRules } from './default-rules.js';
import type { RuleDefinition, RuleSet } from './types.js';
import { RuleSetInvalidError, type ValidationProblem, validateRuleSet } from './validate.js';

type Db = Kysely<Database>;

/** The conditions every stored rule may reference with `{ "condition": name }`. */
export const SHARED_CONDITIONS = defaultRules.namedConditions ?? {};

export interface StoredRule {
  id: string;
  name: string;
  enabled: boolean;
  version: number;
  definition: RuleDefinition;
  createdAt: string;
  updatedAt: string;
}

export interface RuleVersion {
  ruleId: string;
  version: number;
  definition: RuleDefinition;
  changeNote: string | null;
  /** Actor id: a user id or a `system:` id. */
  author: string | null;
  authorDepartment: string | null;
  /** Display name when the author is a user. */
  authorName: string | null;
  createdAt: string;
}

export interface SaveOptions {
  changeNote?: string | null;
  /** Fail with CONFLICT when the rule's current version is no longer this (someone else saved). */
  expectedVersion?: number;
  /** Return the current rule unchanged (no version) when the definition equals it (imports). */
  skipUnchanged?: boolean;
}

const SEED_NOTE = '默认规则集 / shipped default rule set';

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

async function readCurrent(db: Db): Promise<StoredRule[]> {
  const rows = await db
    .selectFrom('rules')
    .innerJoin('rule_versions', (j) =>
      j
        .onRef('rule_versions.rule_id', '=', 'rules.id')
        .onRef('rule_versions.version', '=', 'rules.current_version'),
    )
    .select([
      'rules.id as id',
      'rules.name as name',
      'rules.enabled as enabled',
      'rules.current_version as version',
      'rules.created_at as createdAt',
      'rules.updated_at as updatedAt',
      'rule_versions.definition as definition',
    ])
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      enabled: Number(r.enabled) === 1,
      version: Number(r.version),
      definition: JSON.parse(r.definition) as RuleDefinition,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }))
    .sort((a, b) => b.definition.priority - a.definition.priority || a.id.localeCompare(b.id));
}

async function appendVersion(
  trx: Db,
  actor: Actor,
  definition: RuleDefinition,
  version: number,
  changeNote: string | null,
  now: string,
): Promise<void> {
  const isUser = !actor.id.startsWith('system:');
  await trx
    .insertInto('rule_versions')
    .values({
      id: randomUUID(),
      rule_id: definition.id,
      version,
      definition: JSON.stringify(definition),
      change_note: changeNote,
      changed_by: isUser ? actor.id : null,
      author: actor.id,
      author_department: actor.department,
      created_at: now,
    })
    .execute();
}

async function insertRule(trx: Db, actor: Actor, def: RuleDefinition, note: string | null): Promise<void> {
  const now = new Date().toISOString();
  await trx
    .insertInto('rules')
    .values({
      id: def.id,
      name: def.name,
      current_version: 1,
      enabled: def.enabled ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await appendVersion(trx, actor, def, 1, note, now);
}

/** Writes the shipped default rules when no rule is stored yet. Safe to call concurrently. */
export async function ensureDefaultRules(db: Db, actor: Actor = SYSTEM_ACTORS.server): Promise<void> {
  const any = await db.selectFrom('rules').select('id').limit(1).executeTakeFirst();
  if (any) return;
  try {
    await inTransaction(db, async (trx) => {
      for (const def of defaultRules.rules) {
        await insertRule(trx, actor, def, SEED_NOTE);
        await recordAudit(trx, actor, { action: 'rule.created', entityId: def.id, after: def });
      }
    });
  } catch (err) {
    // Another request seeded at the same moment: its rows are as good as ours.
    if (!isUniqueViolation(err)) throw err;
  }
}

/** The current version of every rule, highest priority first (seeds the defaults on first use). */
export async function listRules(db: Db): Promise<StoredRule[]> {
  await ensureDefaultRules(db);
  return readCurrent(db);
}

export async function getRule(db: Db, id: string): Promise<StoredRule | null> {
  await ensureDefaultRules(db);
  return (await readCurrent(db)).find((r) => r.id === id) ?? null;
}

/**
 * The rule set classification runs with: the stored current versions, or the shipped defaults while
 * nothing is stored. Reads only, so analysing never writes.
 */
export async function activeRuleSet(db: Db): Promise<RuleSet> {
  const stored = await readCurrent(db);
  if (stored.length === 0) return defaultRules;
  const version = stored.reduce((n, r) => Math.max(n, r.version), 0);
  return {
    id: 'database',
    version,
    namedConditions: SHARED_CONDITIONS,
    rules: stored.map((r) => r.definition),
  };
}

/** The problems of `candidate` when it joins (or replaces its namesake in) the current rules. */
export function problemsWithRule(current: RuleDefinition[], candidate: unknown): ValidationProblem[] {
  const id = (candidate as { id?: unknown } | null)?.id;
  const others = current.filter((r) => r.id !== id);
  const problems = validateRuleSet({ namedConditions: SHARED_CONDITIONS, rules: [candidate, ...others] });
  // Only the candidate's own problems (index 0) concern the caller; paths are made relative to it.
  return problems
    .filter((p) => p.path === 'rules[0]' || p.path.startsWith('rules[0].'))
    .map((p) => ({ ...p, path: p.path.replace(/^rules\[0\]\.?/, '') }));
}

function validated(current: StoredRule[], candidate: unknown): RuleDefinition {
  const problems = problemsWithRule(
    current.map((r) => r.definition),
    candidate,
  );
  if (problems.length > 0) throw new RuleSetInvalidError(problems);
  return candidate as RuleDefinition;
}

/** Only the fields of a rule definition, in a fixed order (request bodies may carry extras). */
function canonical(def: RuleDefinition): RuleDefinition {
  return {
    id: def.id,
    name: def.name,
    priority: def.priority,
    enabled: def.enabled,
    conditions: def.conditions,
    event: {
      type: def.event.type,
      params: {
        code: def.event.params.code,
        explanationTemplate: def.event.params.explanationTemplate,
        severity: def.event.params.severity,
      },
    },
  };
}

async function writeNewVersion(
  trx: Db,
  actor: Actor,
  before: StoredRule,
  def: RuleDefinition,
  note: string | null,
  action: 'rule.updated' | 'rule.restored',
): Promise<StoredRule> {
  const now = new Date().toISOString();
  const version = before.version + 1;
  await appendVersion(trx, actor, def, version, note, now);
  await trx
    .updateTable('rules')
    .set({ name: def.name, enabled: def.enabled ? 1 : 0, current_version: version, updated_at: now })
    .where('id', '=', def.id)
    .execute();
  await recordAudit(trx, actor, {
    action,
    entityId: def.id,
    before: { version: before.version, definition: before.definition },
    after: { version, definition: def, changeNote: note },
  });
  return { ...before, name: def.name, enabled: def.enabled, version, definition: def, updatedAt: now };
}

/** Adds a new rule as version 1. Throws RuleSetInvalidError (nothing saved) or ConflictError. */
export async function createRule(
  db: Db,
  actor: Actor,
  candidate: unknown,
  opts: SaveOptions = {},
): Promise<StoredRule> {
  await ensureDefaultRules(db);
  return inTransaction(db, async (trx) => {
    const current = await readCurrent(trx);
    const def = canonical(validated(current, candidate));
    if (current.some((r) => r.id === def.id)) {
      throw new ConflictError({ zh: `规则 ${def.id} 已存在`, en: `rule ${def.id} already exists` });
    }
    await insertRule(trx, actor, def, opts.changeNote ?? null);
    await recordAudit(trx, actor, { action: 'rule.created', entityId: def.id, after: def });
    return (await readCurrent(trx)).find((r) => r.id === def.id)!;
  });
}

/** Saves a new version of an existing rule (the id in the definition must be `id`). */
export async function updateRule(
  db: Db,
  actor: Actor,
  id: string,
  candidate: unknown,
  opts: SaveOptions = {},
): Promise<StoredRule> {
  await ensureDefaultRules(db);
  return inTransaction(db, async (trx) => {
    const current = await readCurrent(trx);
    const before = current.find((r) => r.id === id);
    if (!before) throw new NotFoundError('rule', id);
    const bodyId = (candidate as { id?: unknown } | null)?.id;
    if (bodyId !== undefined && bodyId !== id) {
      throw new RuleSetInvalidError([
        {
          path: 'id',
          code: 'invalid_shape',
          message: {
            zh: `规则 id 不能修改（${id} → ${String(bodyId)}）`,
            en: `The rule id cannot change (${id} → ${String(bodyId)})`,
          },
        },
      ]);
    }
    const def = canonical(validated(current, { ...(candidate as object), id }));
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== before.version) {
      throw new ConflictError({
        zh: `规则 ${id} 已被他人修改（当前版本 ${before.version}）`,
        en: `rule ${id} was changed by someone else (now version ${before.version})`,
      });
    }
    if (opts.skipUnchanged && JSON.stringify(def) === JSON.stringify(canonical(before.definition)))
      return before;
    return writeNewVersion(trx, actor, before, def, opts.changeNote ?? null, 'rule.updated');
  });
}

/** Enables or disables a rule; recorded as a new version like any other change. */
export async function setRuleEnabled(
  db: Db,
  actor: Actor,
  id: string,
  enabled: boolean,
  opts: SaveOptions = {},
): Promise<StoredRule> {
  const rule = await getRule(db, id);
  if (!rule) throw new NotFoundError('rule', id);
  const note = opts.changeNote ?? (enabled ? '启用 / enabled' : '停用 / disabled');
  return updateRule(db, actor, id, { ...rule.definition, enabled }, { ...opts, changeNote: note });
}

export async function listRuleVersions(db: Db, id: string): Promise<RuleVersion[]> {
  await ensureDefaultRules(db);
  const rule = await db.selectFrom('rules').select('id').where('id', '=', id).executeTakeFirst();
  if (!rule) throw new NotFoundError('rule', id);
  const rows = await db
    .selectFrom('rule_versions')
    .leftJoin('users', 'users.id', 'rule_versions.changed_by')
    .select([
      'rule_versions.rule_id as ruleId',
      'rule_versions.version as version',
      'rule_versions.definition as definition',
      'rule_versions.change_note as changeNote',
      'rule_versions.author as author',
      'rule_versions.author_department as authorDepartment',
      'rule_versions.changed_by as changedBy',
      'users.display_name as authorName',
      'rule_versions.created_at as createdAt',
    ])
    .where('rule_versions.rule_id', '=', id)
    .orderBy('rule_versions.version', 'desc')
    .execute();
  return rows.map((r) => ({
    ruleId: r.ruleId,
    version: Number(r.version),
    definition: JSON.parse(r.definition) as RuleDefinition,
    changeNote: r.changeNote,
    author: r.author ?? r.changedBy,
    authorDepartment: r.authorDepartment,
    authorName: r.authorName,
    createdAt: r.createdAt,
  }));
}

export async function getRuleVersion(db: Db, id: string, version: number): Promise<RuleVersion | null> {
  const all = await listRuleVersions(db, id);
  return all.find((v) => v.version === version) ?? null;
}

/** Makes an earlier version current again by saving a new version equal to it. */
export async function restoreRuleVersion(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  opts: SaveOptions = {},
): Promise<StoredRule> {
  const old = await getRuleVersion(db, id, version);
  if (!old) throw new NotFoundError('rule version', `${id}@${version}`);
  return inTransaction(db, async (trx) => {
    const current = await readCurrent(trx);
    const before = current.find((r) => r.id === id);
    if (!before) throw new NotFoundError('rule', id);
    // The old version was valid when saved, but facts may have changed since: check it again.
    const def = canonical(validated(current, old.definition));
    const note = opts.changeNote ?? `恢复到版本 ${version} / restored version ${version}`;
    return writeNewVersion(trx, actor, before, def, note, 'rule.restored');
  });
}
