// Data access for the laws and regulations register. Every write records an audit entry (before and
// after) in the same transaction, so the trail is the entry's history of changes.
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Department } from '../auth/roles.js';
import { AppError } from '../shared/errors.js';
import { type Actor, type AuditEntry, auditTrail, recordAudit } from '../store/audit.js';
import { NotFoundError } from '../store/errors.js';
import type { Database, LawsTable } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import {
  isReviewDue,
  LAW_DEPARTMENTS,
  type LawConfirmation,
  type LawDepartment,
  type LawEntry,
  type LawInput,
  type LawStatus,
  reviewDueLimit,
} from './law.js';

type Db = Kysely<Database>;

export interface LawListQuery {
  /** Substring of title, number, issuer or obligations, case-insensitive. */
  search?: string;
  status?: LawStatus;
  /** Only current entries whose review date is on or before this date. */
  reviewDueBy?: string;
  limit?: number;
  offset?: number;
}

const jsonList = (text: string): string[] => {
  const v = JSON.parse(text) as unknown;
  return Array.isArray(v) ? v.map(String) : [];
};

function inputOfRow(r: Selectable<LawsTable>): LawInput {
  return {
    title: r.title,
    number: r.number,
    issuer: r.issuer,
    scope: {
      all: Number(r.scope_all) === 1,
      categories: jsonList(r.scope_categories),
      processes: jsonList(r.scope_processes),
    },
    departments: jsonList(r.departments).filter((d): d is LawDepartment =>
      (LAW_DEPARTMENTS as readonly string[]).includes(d),
    ),
    effectiveDate: r.effective_date,
    reviewDue: r.review_due,
    obligations: r.obligations,
    sourceUrl: r.source_url,
  };
}

function columnsOf(input: LawInput) {
  return {
    title: input.title,
    number: input.number,
    issuer: input.issuer,
    scope_all: input.scope.all ? 1 : 0,
    scope_categories: JSON.stringify(input.scope.all ? [] : input.scope.categories),
    scope_processes: JSON.stringify(input.scope.all ? [] : input.scope.processes),
    departments: JSON.stringify(input.departments),
    effective_date: input.effectiveDate,
    review_due: input.reviewDue,
    obligations: input.obligations,
    source_url: input.sourceUrl,
  };
}

/** The same input as stored (a scope for all products keeps no lists). */
function normalised(input: LawInput): LawInput {
  return {
    ...input,
    scope: input.scope.all
      ? { all: true, categories: [], processes: [] }
      : {
          all: false,
          categories: [...new Set(input.scope.categories)],
          processes: [...new Set(input.scope.processes)],
        },
    departments: LAW_DEPARTMENTS.filter((d) => input.departments.includes(d)),
  };
}

async function confirmationsOf(db: Db, rows: Selectable<LawsTable>[]) {
  const out = new Map<string, LawConfirmation[]>();
  if (rows.length === 0) return out;
  const found = await db
    .selectFrom('law_confirmations')
    .leftJoin('users', 'users.id', 'law_confirmations.user_id')
    .select([
      'law_confirmations.law_id',
      'law_confirmations.department',
      'law_confirmations.revision',
      'law_confirmations.user_id',
      'law_confirmations.confirmed_at',
      'users.display_name',
    ])
    .where(
      'law_confirmations.law_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('law_confirmations.confirmed_at')
    .execute();
  const revisionOf = new Map(rows.map((r) => [r.id, Number(r.revision)]));
  for (const c of found) {
    // Only the revision in force counts: a changed entry must be read again.
    if (Number(c.revision) !== revisionOf.get(c.law_id)) continue;
    const list = out.get(c.law_id) ?? [];
    list.push({
      department: c.department as Department,
      revision: Number(c.revision),
      userId: c.user_id,
      userName: c.display_name,
      confirmedAt: c.confirmed_at,
    });
    out.set(c.law_id, list);
  }
  return out;
}

async function entriesOf(db: Db, rows: Selectable<LawsTable>[], today: string): Promise<LawEntry[]> {
  const confirmations = await confirmationsOf(db, rows);
  const successorIds = [...new Set(rows.flatMap((r) => (r.superseded_by ? [r.superseded_by] : [])))];
  const successors =
    successorIds.length === 0
      ? []
      : await db
          .selectFrom('laws')
          .select(['id', 'number', 'title'])
          .where('id', 'in', successorIds)
          .execute();
  return rows.map((r) => {
    const status = r.status as LawStatus;
    const input = inputOfRow(r);
    return {
      id: r.id,
      ...input,
      status,
      supersededBy: successors.find((s) => s.id === r.superseded_by) ?? null,
      attachment:
        r.attachment_sha256 && r.attachment_name
          ? {
              name: r.attachment_name,
              mediaType: r.attachment_media_type ?? 'application/octet-stream',
              size: Number(r.attachment_size ?? 0),
            }
          : null,
      revision: Number(r.revision),
      reviewDueSoon: isReviewDue({ status, reviewDue: input.reviewDue }, today),
      confirmations: confirmations.get(r.id) ?? [],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

/** Today's date as the register counts it (UTC). */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export async function getLaw(db: Db, id: string, today: string): Promise<LawEntry | null> {
  const row = await db.selectFrom('laws').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await entriesOf(db, [row], today))[0]! : null;
}

export async function requireLaw(db: Db, id: string, today: string): Promise<LawEntry> {
  const law = await getLaw(db, id, today);
  if (!law) throw new NotFoundError('法规条目 / register entry', id);
  return law;
}

export async function findLawByNumber(db: Db, number: string, today: string): Promise<LawEntry | null> {
  const row = await db.selectFrom('laws').selectAll().where('number', '=', number).executeTakeFirst();
  return row ? (await entriesOf(db, [row], today))[0]! : null;
}

export async function listLaws(
  db: Db,
  query: LawListQuery,
  today: string,
): Promise<{ items: LawEntry[]; total: number }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
  const offset = Math.max(query.offset ?? 0, 0);
  let base = db.selectFrom('laws');
  const search = query.search?.trim().toLowerCase();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or(
        (['title', 'number', 'issuer', 'obligations', 'scope_categories', 'scope_processes'] as const).map(
          (col) => sql<boolean>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  if (query.status) base = base.where('status', '=', query.status);
  if (query.reviewDueBy)
    base = base.where('status', '=', 'current').where('review_due', '<=', query.reviewDueBy);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('status')
      .orderBy('review_due')
      .orderBy('number')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await entriesOf(db, rows, today), total: Number(count.n) };
}

/** Current entries whose review date has passed or falls within the window, soonest first. */
export async function reviewDueLaws(db: Db, today: string): Promise<LawEntry[]> {
  const rows = await db
    .selectFrom('laws')
    .selectAll()
    .where('status', '=', 'current')
    .where('review_due', '<=', reviewDueLimit(today))
    .orderBy('review_due')
    .orderBy('number')
    .execute();
  return entriesOf(db, rows, today);
}

/** Every entry in force, for matching contract cases against their scope. */
export async function currentLaws(db: Db): Promise<(LawInput & { id: string; revision: number })[]> {
  const rows = await db
    .selectFrom('laws')
    .selectAll()
    .where('status', '=', 'current')
    .orderBy('number')
    .execute();
  return rows.map((r) => ({ id: r.id, revision: Number(r.revision), ...inputOfRow(r) }));
}

/** Every entry, for export, ordered by number. */
export async function allLaws(db: Db, today: string): Promise<LawEntry[]> {
  const rows = await db.selectFrom('laws').selectAll().orderBy('number').execute();
  return entriesOf(db, rows, today);
}

/** The catalogue's product categories, which scopes name. */
export async function catalogueCategories(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('products')
    .select('category')
    .distinct()
    .where('category', 'is not', null)
    .orderBy('category')
    .execute();
  return rows.map((r) => r.category!).filter((c) => c !== '');
}

/** Categories of the scope that are not in the catalogue (a typo would never match a case). */
export async function unknownCategories(db: Db, categories: readonly string[]): Promise<string[]> {
  if (categories.length === 0) return [];
  const known = new Set(await catalogueCategories(db));
  return categories.filter((c) => !known.has(c));
}

async function checkInput(db: Db, input: LawInput, selfId: string | null): Promise<void> {
  const unknown = await unknownCategories(db, input.scope.all ? [] : input.scope.categories);
  if (unknown.length > 0) {
    const known = await catalogueCategories(db);
    throw new AppError(
      'VALIDATION_FAILED',
      {
        zh: `适用范围中的产品类别不在产品目录中：${unknown.join('、')}（目录类别：${known.join('、') || '无'}）`,
        en: `scope categories not in the catalogue: ${unknown.join(', ')}`,
      },
      {
        errors: [
          {
            in: 'body',
            path: '/scope/categories',
            message: `不在产品目录中：${unknown.join('、')} / not in the catalogue: ${unknown.join(', ')}`,
          },
        ],
      },
    );
  }
  const taken = await db
    .selectFrom('laws')
    .select('id')
    .where('number', '=', input.number)
    .executeTakeFirst();
  if (taken && taken.id !== selfId) {
    throw new AppError('CONFLICT', {
      zh: `文号/标准号已登记：${input.number}`,
      en: `number ${input.number} is already in the register`,
    });
  }
}

export async function createLaw(db: Db, actor: Actor, given: LawInput, now: Date): Promise<LawEntry> {
  const input = normalised(given);
  await checkInput(db, input, null);
  return inTransaction(db, async (trx) => {
    const id = randomUUID();
    const at = now.toISOString();
    await trx
      .insertInto('laws')
      .values({
        id,
        ...columnsOf(input),
        status: 'current',
        superseded_by: null,
        attachment_name: null,
        attachment_media_type: null,
        attachment_sha256: null,
        attachment_size: null,
        revision: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await recordAudit(trx, actor, { action: 'law.created', entityId: id, after: input, at });
    return (await getLaw(trx, id, todayOf(now)))!;
  });
}

/**
 * Replaces what the entry says. A changed entry gets a new revision, so every department confirms
 * it again; an identical one writes nothing. `expectedRevision`, when given, guards a stale form.
 */
export async function updateLaw(
  db: Db,
  actor: Actor,
  id: string,
  given: LawInput,
  now: Date,
  expectedRevision?: number,
): Promise<{ entry: LawEntry; changed: boolean }> {
  const input = normalised(given);
  const today = todayOf(now);
  const before = await requireLaw(db, id, today);
  if (expectedRevision !== undefined && expectedRevision !== before.revision) {
    throw new AppError(
      'CONFLICT',
      {
        zh: `该条目已被他人修改（当前第 ${before.revision} 版），请刷新后重试`,
        en: `the entry was changed (now revision ${before.revision}); reload and retry`,
      },
      { reason: 'STALE_VERSION', currentVersion: before.revision },
    );
  }
  const beforeInput = normalised(before);
  if (JSON.stringify(inputOnly(beforeInput)) === JSON.stringify(inputOnly(input)))
    return { entry: before, changed: false };
  await checkInput(db, input, id);
  return inTransaction(db, async (trx) => {
    const at = now.toISOString();
    await trx
      .updateTable('laws')
      .set({ ...columnsOf(input), revision: before.revision + 1, updated_at: at })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'law.updated',
      entityId: id,
      before: { ...inputOnly(beforeInput), revision: before.revision },
      after: { ...inputOnly(input), revision: before.revision + 1 },
      at,
    });
    return { entry: (await getLaw(trx, id, today))!, changed: true };
  });
}

function inputOnly(e: LawInput): LawInput {
  return {
    title: e.title,
    number: e.number,
    issuer: e.issuer,
    scope: e.scope,
    departments: e.departments,
    effectiveDate: e.effectiveDate,
    reviewDue: e.reviewDue,
    obligations: e.obligations,
    sourceUrl: e.sourceUrl,
  };
}

/** Marks an entry superseded by another, current entry (the new edition of a standard, a new law). */
export async function supersedeLaw(
  db: Db,
  actor: Actor,
  id: string,
  supersededById: string,
  now: Date,
): Promise<LawEntry> {
  const today = todayOf(now);
  const old = await requireLaw(db, id, today);
  if (id === supersededById)
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: '条目不能被自身替代', en: 'an entry cannot supersede itself' },
      {
        errors: [{ in: 'body', path: '/supersededBy', message: '不能是自身 / must be another entry' }],
      },
    );
  const successor = await getLaw(db, supersededById, today);
  if (!successor)
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: `替代条目不存在：${supersededById}`, en: `no entry ${supersededById}` },
      {
        errors: [{ in: 'body', path: '/supersededBy', message: '条目不存在 / no such entry' }],
      },
    );
  if (successor.status !== 'current')
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: `替代条目 ${successor.number} 本身已被替代`, en: `${successor.number} is itself superseded` },
      { errors: [{ in: 'body', path: '/supersededBy', message: '须为现行条目 / must be current' }] },
    );
  if (old.status === 'superseded')
    throw new AppError('CONFLICT', {
      zh: `${old.number} 已被 ${old.supersededBy?.number ?? '其他条目'} 替代`,
      en: `${old.number} is already superseded`,
    });
  return inTransaction(db, async (trx) => {
    const at = now.toISOString();
    await trx
      .updateTable('laws')
      .set({ status: 'superseded', superseded_by: successor.id, updated_at: at })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'law.superseded',
      entityId: id,
      before: { status: 'current' },
      after: { status: 'superseded', supersededBy: { id: successor.id, number: successor.number } },
      at,
    });
    return (await getLaw(trx, id, today))!;
  });
}

/** The signed-in user's department confirms it read the entry's current revision (传达学习). */
export async function confirmLawRead(
  db: Db,
  actor: Actor & { department: Department },
  id: string,
  now: Date,
): Promise<{ entry: LawEntry; alreadyConfirmed: boolean }> {
  const today = todayOf(now);
  const law = await requireLaw(db, id, today);
  if (law.confirmations.some((c) => c.department === actor.department))
    return { entry: law, alreadyConfirmed: true };
  return inTransaction(db, async (trx) => {
    const at = now.toISOString();
    await trx
      .insertInto('law_confirmations')
      .values({
        law_id: id,
        department: actor.department,
        revision: law.revision,
        user_id: actor.id,
        confirmed_at: at,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'law.confirmed',
      entityId: id,
      after: { department: actor.department, revision: law.revision },
      at,
    });
    return { entry: (await getLaw(trx, id, today))!, alreadyConfirmed: false };
  });
}

/** Keeps an attached file (the bytes are in the upload store) on the entry, replacing any before. */
export async function setLawAttachment(
  db: Db,
  actor: Actor,
  id: string,
  file: { name: string; mediaType: string; sha256: string; size: number },
  now: Date,
): Promise<LawEntry> {
  const today = todayOf(now);
  const before = await requireLaw(db, id, today);
  return inTransaction(db, async (trx) => {
    const at = now.toISOString();
    await trx
      .updateTable('laws')
      .set({
        attachment_name: file.name,
        attachment_media_type: file.mediaType,
        attachment_sha256: file.sha256,
        attachment_size: file.size,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'law.attachment_added',
      entityId: id,
      before: before.attachment,
      after: { name: file.name, mediaType: file.mediaType, size: file.size, sha256: file.sha256 },
      at,
    });
    return (await getLaw(trx, id, today))!;
  });
}

export async function lawAttachmentFile(
  db: Db,
  id: string,
): Promise<{ name: string; mediaType: string; sha256: string } | null> {
  const row = await db
    .selectFrom('laws')
    .select(['attachment_name', 'attachment_media_type', 'attachment_sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row?.attachment_sha256) return null;
  return {
    name: row.attachment_name ?? 'attachment',
    mediaType: row.attachment_media_type ?? 'application/octet-stream',
    sha256: row.attachment_sha256,
  };
}

/** The entry's history of changes: its audit rows, oldest first, with who made each. */
export async function lawHistory(db: Db, id: string): Promise<(AuditEntry & { actorName: string | null })[]> {
  const trail = await auditTrail(db, { entityType: 'law', entityId: id });
  const ids = [...new Set(trail.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const users =
    ids.length === 0
      ? []
      : await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return trail.map((e) => ({
    ...e,
    actorName: users.find((u) => u.id === e.actorId)?.display_name ?? null,
  }));
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** Creates the entry with this number or replaces what it says (imports). */
export async function upsertLawByNumber(
  db: Db,
  actor: Actor,
  input: LawInput,
  now: Date,
): Promise<UpsertOutcome> {
  const existing = await db
    .selectFrom('laws')
    .select('id')
    .where('number', '=', input.number)
    .executeTakeFirst();
  if (!existing) {
    await createLaw(db, actor, input, now);
    return 'created';
  }
  const { changed } = await updateLaw(db, actor, existing.id, input, now);
  return changed ? 'updated' : 'unchanged';
}
