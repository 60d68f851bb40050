// Intake records and what processing produced: the extracted text with provenance, the analysis and
// its requirements. Status moves queued → processing → done | failed; a failed record keeps its
// original and error so it can be retried, nothing accepted is ever deleted here. Processing again
// adds an analysis version and marks the previous one superseded, so a contract opened from it keeps
// its link. Creation, every result and every retry are in the audit trail, in the same transaction.
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { AnalysisResult } from '../analysis/result.js';
import { type Actor, recordAudit, SYSTEM_ACTORS } from '../store/audit.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import type { Provenance } from './provenance.js';

export const INTAKE_STATUSES = ['queued', 'processing', 'done', 'failed'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

/** Version marker stored with each analysis, so re-analysed records can be told apart later. */
export const ANALYSIS_ENGINE_VERSION = `shixu-${process.env.npm_package_version ?? '0.1.0'}`;

type Db = Kysely<Database>;

export interface NewIntake {
  channel: string;
  fileName: string | null;
  mediaType: string | null;
  sha256: string;
  sizeBytes: number;
  customerName?: string | null;
  refDate?: string | null;
  createdBy?: string | null;
  /** Who took it in, for the audit trail; default the creating user, or the server. */
  actor?: Actor;
}

export interface IntakeRecordError {
  code: string;
  message: string;
}

/** An IntakeError, or a failure after extraction (analysis, missing original) in the same shape. */
export interface FailureInfo {
  code: string;
  messageZh: string;
  messageEn: string;
}

export interface IntakeSummary {
  id: string;
  channel: string;
  fileName: string | null;
  mediaType: string | null;
  status: IntakeStatus;
  createdAt: string;
  customerName: string | null;
  intent: string | null;
  sentiment: string | null;
  contractClass: string | null;
  /** The message's first line, or the file name: what a person recognises it by (null: pasted text not yet read). */
  title: string | null;
  /** The review case opened from it (the first, when several were), or null. */
  contract: { id: string; number: string } | null;
}

/** How far processing has got: parts (pages of a scanned PDF) done of the total. */
export interface IntakeProgress {
  done: number;
  total: number;
  /** "第 3/40 页 / page 3 of 40" */
  label: string;
}

export interface IntakeDetail {
  id: string;
  status: IntakeStatus;
  error: IntakeRecordError | null;
  /** Null until the extractor reports parts (single images, text, e-mail have none). */
  progress: IntakeProgress | null;
  channel: string;
  fileName: string | null;
  mediaType: string | null;
  sha256: string | null;
  sizeBytes: number | null;
  customerName: string | null;
  /** The customer record the message is linked to; null for a customer not on file (yet). */
  customerId: string | null;
  refDate: string | null;
  createdAt: string;
  updatedAt: string;
  text: string | null;
  provenance: Provenance | null;
  warnings: string[];
  analysis: AnalysisResult | null;
}

export interface IntakeListQuery {
  status?: IntakeStatus;
  channel?: string;
  /** Case-insensitive substring of the file name or the extracted text. */
  q?: string;
  /** Only the records this user took in. */
  createdBy?: string;
  limit?: number;
  offset?: number;
}

const now = () => new Date().toISOString();

export async function createIntake(db: Db, input: NewIntake): Promise<string> {
  const id = randomUUID();
  const at = now();
  const actor =
    input.actor ?? (input.createdBy ? { id: input.createdBy, department: null } : SYSTEM_ACTORS.server);
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('intake_records')
      .values({
        id,
        channel: input.channel,
        file_name: input.fileName,
        file_sha256: input.sha256,
        media_type: input.mediaType,
        size_bytes: input.sizeBytes,
        extracted_text: null,
        provenance: null,
        status: 'queued',
        error_code: null,
        error_message: null,
        customer_id: null,
        received_at: at,
        created_by: input.createdBy ?? null,
        created_at: at,
        updated_at: at,
        customer_name: input.customerName ?? null,
        ref_date: input.refDate ?? null,
        warnings: null,
        started_at: null,
        progress_done: null,
        progress_total: null,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'intake.created',
      entityId: id,
      after: {
        channel: input.channel,
        fileName: input.fileName,
        mediaType: input.mediaType,
        sha256: input.sha256,
        sizeBytes: input.sizeBytes,
        customerName: input.customerName ?? null,
        refDate: input.refDate ?? null,
        status: 'queued',
      },
      at,
    });
  });
  return id;
}

/** Every queued record, oldest first: what a starting worker makes sure has a job. */
export async function queuedIntakeIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('intake_records')
    .select('id')
    .where('status', '=', 'queued')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Oldest queued record first, so uploads are processed in the order they were accepted. */
export async function nextQueuedIntake(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('intake_records')
    .select('id')
    .where('status', '=', 'queued')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** Moves a queued record to processing; false when someone else took it or it is not queued. */
export async function claimIntake(db: Db, id: string): Promise<boolean> {
  const at = now();
  const r = await db
    .updateTable('intake_records')
    .set({ status: 'processing', started_at: at, updated_at: at, progress_done: null, progress_total: null })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records how many parts of a record being processed are done; ignored once it has ended. */
export async function setIntakeProgress(db: Db, id: string, done: number, total: number): Promise<void> {
  await db
    .updateTable('intake_records')
    .set({ progress_done: done, progress_total: total, updated_at: now() })
    .where('id', '=', id)
    .where('status', '=', 'processing')
    .execute();
}

function progressOf(done: number | null, total: number | null): IntakeProgress | null {
  if (done === null || total === null) return null;
  const d = Number(done);
  const t = Number(total);
  return { done: d, total: t, label: `第 ${d}/${t} 页 / page ${d} of ${t}` };
}

/**
 * Records left in processing by a process that stopped mid-job go back to the queue. Only one worker
 * runs per installation, so at start-up nothing else can be processing them.
 */
export async function requeueInterrupted(db: Db): Promise<number> {
  return inTransaction(db, async (trx) => {
    const stuck = await trx
      .selectFrom('intake_records')
      .select('id')
      .where('status', '=', 'processing')
      .execute();
    const at = now();
    for (const { id } of stuck) {
      await trx
        .updateTable('intake_records')
        .set({ status: 'queued', started_at: null, updated_at: at })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, SYSTEM_ACTORS.intakeWorker, {
        action: 'intake.requeued',
        entityId: id,
        before: { status: 'processing' },
        after: { status: 'queued', reason: 'interrupted' },
        at,
      });
    }
    return stuck.length;
  });
}

export interface IntakeOutcome {
  text: string;
  provenance: Provenance;
  warnings: string[];
  mediaType: string;
  refDate: string;
  analysis: AnalysisResult;
  customerId: string | null;
}

/**
 * Stores the extraction and a new analysis version with its requirements and marks the record done,
 * atomically. The previous version stays (superseded) with its requirements, so a contract opened
 * from it still points at what its review started from. Returns null, writing nothing, when the
 * record is already done: on PostgreSQL a job whose lease ran out is retried by another worker, and
 * should the first one still finish, the record must not get a second analysis.
 */
export async function completeIntake(
  db: Db,
  id: string,
  out: IntakeOutcome,
  actor: Actor = SYSTEM_ACTORS.intakeWorker,
): Promise<string | null> {
  return inTransaction(db, async (trx) => {
    const at = now();
    // Taken first: the row lock makes a second finisher wait here and then find the record done.
    const open = await trx
      .updateTable('intake_records')
      .set({ updated_at: at })
      .where('id', '=', id)
      .where('status', '<>', 'done')
      .executeTakeFirst();
    if (Number(open.numUpdatedRows) === 0) return null;
    const previous = await trx
      .selectFrom('analyses')
      .select(['id', 'version'])
      .where('intake_id', '=', id)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    const version = previous ? Number(previous.version) + 1 : 1;
    await trx
      .updateTable('analyses')
      .set({ superseded_at: at })
      .where('intake_id', '=', id)
      .where('superseded_at', 'is', null)
      .execute();
    const analysisId = randomUUID();
    await trx
      .insertInto('analyses')
      .values({
        id: analysisId,
        intake_id: id,
        ref_date: out.refDate,
        engine_version: ANALYSIS_ENGINE_VERSION,
        result: JSON.stringify(out.analysis),
        created_at: at,
        version,
        superseded_at: null,
      })
      .execute();
    if (out.analysis.requirements.length > 0) {
      await trx
        .insertInto('requirements')
        .values(
          out.analysis.requirements.map((r) => ({
            id: randomUUID(),
            analysis_id: analysisId,
            contract_id: null,
            text: r.text,
            category: r.category,
            kind: r.kind,
            special: r.special ? 1 : 0,
            special_rule: r.specialRule ?? null,
            priority: r.priority,
            status: 'proposed',
            span_start: r.span.start,
            span_end: r.span.end,
            links: null,
            version: 1,
            created_by: null,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
    }
    await trx
      .updateTable('intake_records')
      .set({
        status: 'done',
        extracted_text: out.text,
        provenance: JSON.stringify(out.provenance),
        warnings: JSON.stringify(out.warnings),
        media_type: out.mediaType,
        customer_id: out.customerId,
        error_code: null,
        error_message: null,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'analysis.created',
      entityId: analysisId,
      after: {
        intakeId: id,
        version,
        supersedes: previous?.id ?? null,
        engineVersion: ANALYSIS_ENGINE_VERSION,
        refDate: out.refDate,
        intent: out.analysis.intent.label,
        contractClass: out.analysis.contract.class,
        requirements: out.analysis.requirements.length,
      },
      at,
    });
    await recordAudit(trx, actor, {
      action: 'intake.processed',
      entityId: id,
      before: { status: 'processing' },
      after: {
        status: 'done',
        analysisId,
        analysisVersion: version,
        mediaType: out.mediaType,
        customerId: out.customerId,
        textLength: out.text.length,
        warnings: out.warnings.length,
      },
      at,
    });
    return analysisId;
  });
}

/** Marks the record failed with the error a user can act on; text read before the failure is kept. */
export async function failIntake(
  db: Db,
  id: string,
  error: FailureInfo,
  partial: { text?: string; provenance?: Provenance; warnings?: string[]; mediaType?: string } = {},
  actor: Actor = SYSTEM_ACTORS.intakeWorker,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('intake_records')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirst();
    // A record another worker finished (after this job's lease ran out) stays done.
    if (!before || before.status === 'done') return;
    const at = now();
    // Guarded again: on PostgreSQL the finisher may commit between the read above and this update.
    const failed = await trx
      .updateTable('intake_records')
      .set({
        status: 'failed',
        error_code: error.code,
        error_message: `${error.messageZh} / ${error.messageEn}`,
        ...(partial.text !== undefined ? { extracted_text: partial.text } : {}),
        ...(partial.provenance ? { provenance: JSON.stringify(partial.provenance) } : {}),
        ...(partial.warnings ? { warnings: JSON.stringify(partial.warnings) } : {}),
        ...(partial.mediaType ? { media_type: partial.mediaType } : {}),
        updated_at: at,
      })
      .where('id', '=', id)
      .where('status', '<>', 'done')
      .executeTakeFirst();
    if (Number(failed.numUpdatedRows) === 0) return;
    await recordAudit(trx, actor, {
      action: 'intake.failed',
      entityId: id,
      before: { status: before.status },
      after: {
        status: 'failed',
        errorCode: error.code,
        error: `${error.messageZh} / ${error.messageEn}`,
        ...(partial.mediaType ? { mediaType: partial.mediaType } : {}),
      },
      at,
    });
  });
}

/**
 * Puts a finished record back in the queue (after a fix to the rules, the catalogue or an engine).
 * Returns the status it had, or undefined when there is no such record; queued and processing
 * records are left alone.
 */
export async function requeueIntake(
  db: Db,
  id: string,
  actor: Actor = SYSTEM_ACTORS.server,
): Promise<IntakeStatus | undefined> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('intake_records')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const status = row.status as IntakeStatus;
    if (status !== 'done' && status !== 'failed') return status;
    const at = now();
    await trx
      .updateTable('intake_records')
      .set({ status: 'queued', error_code: null, error_message: null, started_at: null, updated_at: at })
      .where('id', '=', id)
      .execute();
    const current = await trx
      .selectFrom('analyses')
      .select(['id', 'version'])
      .where('intake_id', '=', id)
      .where('superseded_at', 'is', null)
      .executeTakeFirst();
    await recordAudit(trx, actor, {
      action: 'intake.retried',
      entityId: id,
      before: {
        status,
        analysisId: current?.id ?? null,
        analysisVersion: current ? Number(current.version) : null,
      },
      after: { status: 'queued' },
      at,
    });
    return status;
  });
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** The current (not superseded) analysis of each record. */
async function latestAnalyses(db: Db, intakeIds: string[]): Promise<Map<string, AnalysisResult>> {
  const out = new Map<string, AnalysisResult>();
  if (intakeIds.length === 0) return out;
  const rows = await db
    .selectFrom('analyses')
    .select(['intake_id', 'result'])
    .where('intake_id', 'in', intakeIds)
    .where('superseded_at', 'is', null)
    .execute();
  for (const r of rows) if (r.intake_id) out.set(r.intake_id, JSON.parse(r.result) as AnalysisResult);
  return out;
}

export async function listIntakes(
  db: Db,
  query: IntakeListQuery = {},
): Promise<{ items: IntakeSummary[]; total: number }> {
  let base = db.selectFrom('intake_records');
  if (query.status) base = base.where('status', '=', query.status);
  if (query.channel) base = base.where('channel', '=', query.channel);
  if (query.createdBy) base = base.where('created_by', '=', query.createdBy);
  const q = query.q?.trim().toLowerCase();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // An explicit ESCAPE clause: SQLite has no default escape character for LIKE.
    base = base.where((eb) =>
      eb.or(
        (['file_name', 'extracted_text', 'customer_name'] as const).map(
          (col) => sql<boolean>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['id', 'channel', 'file_name', 'media_type', 'status', 'created_at', 'customer_name'])
    // The head of the text is enough for a title; whole texts can be half a megabyte each.
    .select(sql<string | null>`substr(extracted_text, 1, ${TITLE_SOURCE_CHARS})`.as('text_head'))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(query.limit ?? 50, 1), 500))
    .offset(Math.max(query.offset ?? 0, 0))
    .execute();
  const ids = rows.map((r) => r.id);
  const analyses = await latestAnalyses(db, ids);
  const contracts = await contractsOf(db, ids);
  return {
    total: Number(total),
    items: rows.map((r) => {
      const a = analyses.get(r.id);
      return {
        id: r.id,
        channel: r.channel,
        fileName: r.file_name,
        mediaType: r.media_type,
        status: r.status as IntakeStatus,
        createdAt: r.created_at,
        customerName: a?.customer?.name ?? r.customer_name,
        intent: a?.intent.label ?? null,
        sentiment: a?.sentiment.label ?? null,
        contractClass: a?.contract.class ?? null,
        title: intakeTitle(r.text_head, r.file_name),
        contract: contracts.get(r.id) ?? null,
      };
    }),
  };
}

const TITLE_SOURCE_CHARS = 400;
const TITLE_CHARS = 60;

/**
 * The first non-empty line of the text, else the file name; null for pasted text not yet read (the
 * client names it in the reader's language).
 */
export function intakeTitle(text: string | null, fileName: string | null): string | null {
  const line = (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (line) return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS)}…` : line;
  return fileName;
}

/** The case opened from each record, the earliest first when there were several. */
export async function contractsOf(
  db: Db,
  intakeIds: string[],
): Promise<Map<string, { id: string; number: string }>> {
  const out = new Map<string, { id: string; number: string }>();
  if (intakeIds.length === 0) return out;
  const rows = await db
    .selectFrom('contracts')
    .select(['id', 'number', 'intake_id'])
    .where('intake_id', 'in', intakeIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows)
    if (r.intake_id && !out.has(r.intake_id)) out.set(r.intake_id, { id: r.id, number: r.number });
  return out;
}

export async function getIntake(db: Db, id: string): Promise<IntakeDetail | undefined> {
  const r = await db.selectFrom('intake_records').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const analysis = (await latestAnalyses(db, [id])).get(id) ?? null;
  return {
    id: r.id,
    status: r.status as IntakeStatus,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    progress: progressOf(r.progress_done, r.progress_total),
    channel: r.channel,
    fileName: r.file_name,
    mediaType: r.media_type,
    sha256: r.file_sha256,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    customerName: analysis?.customer?.name ?? r.customer_name,
    customerId: r.customer_id,
    refDate: r.ref_date,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    text: r.extracted_text,
    provenance: parseJson<Provenance | null>(r.provenance, null),
    warnings: parseJson<string[]>(r.warnings, []),
    analysis,
  };
}

/** Requirement rows stored for the record's current analysis (what the review starts from). */
export async function intakeRequirements(db: Db, id: string) {
  return db
    .selectFrom('requirements')
    .innerJoin('analyses', 'analyses.id', 'requirements.analysis_id')
    .select([
      'requirements.text',
      'requirements.category',
      'requirements.kind',
      'requirements.special',
      'requirements.priority',
      'requirements.span_start',
      'requirements.span_end',
    ])
    .where('analyses.intake_id', '=', id)
    .where('analyses.superseded_at', 'is', null)
    .orderBy('requirements.span_start')
    .execute();
}
