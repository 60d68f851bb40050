// Loads a backup (our archive with the database and the stored files, or an older bare JSON-lines
// dump or SQLite database file) into an empty, freshly migrated database of either dialect.
// Everything happens in one transaction: a failed restore leaves the target empty. The audit trail
// it loads must hold together (its hash chain) unless the operator accepts a broken one by name.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { type Actor, recordAudit } from '../audit.js';
import {
  AUDIT_CHAIN_START,
  auditRowHash,
  type BrokenAuditRow,
  type ChainedContent,
  verifyAuditChain,
} from '../audit-chain.js';
import type { Store } from '../connect.js';
import { MIGRATION_NAMES } from '../migrate.js';
import { DUMP_FORMAT, DUMP_FORMAT_VERSION, type DumpHeader, type DumpRowLine } from './dump.js';
import { isSqliteFile } from './sqlite-copy.js';
import { sqliteTables, storeTables, type TableInfo } from './tables.js';
import { isTarFile } from './tar.js';
import { ArchiveError, type UnpackedArchive, unpackArchive } from './unpack.js';

/** The backup cannot be restored (wrong file, newer version, target not empty …). */
export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

export interface RestoreReport {
  source: 'dump' | 'sqlite';
  /** Whether the backup was an archive (database and files) or a bare database file. */
  archive: boolean;
  migration: string | null;
  tables: { name: string; rows: number }[];
  totalRows: number;
  /** Stored files in the backup, and how many of them the upload store did not have yet. */
  files: number;
  filesAdded: number;
  /** Set when the loaded audit trail was broken and --accept-broken-audit let it through. */
  acceptedBrokenAudit: BrokenAuditRow | null;
}

export interface RestoreOptions {
  /** Where stored files go (the upload store); needed when the backup holds files. */
  uploadDir?: string;
  /** Load an audit trail whose hash chain is broken (the acceptance is itself audited). */
  acceptBrokenAudit?: boolean;
}

interface BackupSource {
  kind: 'dump' | 'sqlite';
  migration: string | null;
  tables: (TableInfo & { rows: number })[];
  rows(): AsyncIterable<DumpRowLine>;
  /** Total announced by the trailer, checked after reading (dumps only). */
  trailerRows(): number | null;
  close(): void;
}

/** Tables of the store that hold at least one row. */
export async function nonEmptyTables(store: Store): Promise<string[]> {
  const out: string[] = [];
  for (const t of await storeTables(store)) {
    const { rows } = await sql`select 1 as x from ${sql.table(t.name)} limit 1`.execute(store.db);
    if (rows.length > 0) out.push(t.name);
  }
  return out;
}

async function openDump(file: string): Promise<BackupSource> {
  const stream = fs.createReadStream(file, { encoding: 'utf8' });
  const lines = readline.createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  let header: DumpHeader;
  try {
    header = JSON.parse(first.done ? '' : first.value) as DumpHeader;
  } catch {
    lines.close();
    stream.destroy();
    throw new RestoreError(`不是识需备份文件：${file} / not a Shixu backup file`);
  }
  if (header?.format !== DUMP_FORMAT) {
    lines.close();
    stream.destroy();
    throw new RestoreError(`不是识需备份文件：${file} / not a Shixu backup file`);
  }
  if (header.formatVersion > DUMP_FORMAT_VERSION) {
    throw new RestoreError(
      `备份文件格式版本 ${header.formatVersion} 比本程序新，请升级识需 / backup format ${header.formatVersion} is newer than this program`,
    );
  }
  let trailer: number | null = null;
  return {
    kind: 'dump',
    migration: header.migration,
    tables: header.tables,
    async *rows() {
      let lineNo = 1;
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        lineNo += 1;
        if (next.value.trim() === '') continue;
        let line: DumpRowLine | { end: true; rows: number };
        try {
          line = JSON.parse(next.value);
        } catch {
          throw new RestoreError(`备份文件第 ${lineNo} 行已损坏 / backup line ${lineNo} is corrupt`);
        }
        if ('end' in line) {
          trailer = line.rows;
          break;
        }
        yield line;
      }
    },
    trailerRows: () => trailer,
    close() {
      lines.close();
      stream.destroy();
    },
  };
}

function openSqliteBackup(file: string): BackupSource {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  let tables: BackupSource['tables'];
  let migration: string | null = null;
  try {
    tables = sqliteTables(db).map((t) => ({
      ...t,
      rows: (db.prepare(`select count(*) as n from "${t.name}"`).get() as { n: number }).n,
    }));
    try {
      migration =
        (
          db.prepare('select name from shixu_migrations order by name desc limit 1').get() as
            | { name: string }
            | undefined
        )?.name ?? null;
    } catch {
      migration = null;
    }
  } catch (err) {
    db.close();
    throw new RestoreError(`无法读取 SQLite 备份：${(err as Error).message} / cannot read the SQLite backup`);
  }
  return {
    kind: 'sqlite',
    migration,
    tables,
    async *rows() {
      for (const t of tables) {
        for (const row of db.prepare(`select * from "${t.name}"`).iterate()) {
          yield { table: t.name, row: row as Record<string, unknown> };
        }
      }
    },
    trailerRows: () => null,
    close: () => db.close(),
  };
}

const BATCH = 100;

/** Opens the backup: an archive is unpacked and checked first; bare database files are read directly. */
async function openBackup(
  file: string,
  uploadDir: string | undefined,
): Promise<{ source: BackupSource; archive: UnpackedArchive | null }> {
  const handle = await fsp.open(file, 'r');
  let tar: boolean;
  try {
    tar = await isTarFile(handle);
  } finally {
    await handle.close();
  }
  if (!tar)
    return { source: isSqliteFile(file) ? openSqliteBackup(file) : await openDump(file), archive: null };
  let archive: UnpackedArchive;
  try {
    archive = await unpackArchive(file, uploadDir);
  } catch (err) {
    if (err instanceof ArchiveError) throw new RestoreError(err.message);
    throw err;
  }
  try {
    const db = archive.databaseFile;
    return {
      source: archive.manifest.database.kind === 'sqlite' ? openSqliteBackup(db) : await openDump(db),
      archive,
    };
  } catch (err) {
    archive.dispose();
    throw err;
  }
}

/** The value would not survive the move into PostgreSQL: say which row and column, in both languages. */
function unportable(
  table: string,
  row: Record<string, unknown>,
  column: string,
  what: 'nul' | 'number',
): RestoreError {
  const key = String(Object.values(row)[0]);
  return what === 'nul'
    ? new RestoreError(
        `表 ${table} 的记录 ${key} 的 ${column} 含有 NUL 字符，PostgreSQL 无法保存；请在原数据库中修正后重新备份，未恢复任何数据 / ` +
          `${table} row ${key}: ${column} contains a NUL character, which PostgreSQL cannot store; correct it in the source database and back up again; nothing restored`,
      )
    : new RestoreError(
        `表 ${table} 的记录 ${key} 的 ${column} 不是有效的数值（${String(row[column])}），未恢复任何数据 / ` +
          `${table} row ${key}: ${column} is not a valid number (${String(row[column])}); nothing restored`,
      );
}

/** Columns of type numeric in the PostgreSQL target, by table. */
async function numericColumns(store: Store): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (store.caps.name !== 'postgres') return out;
  const { rows } = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = current_schema() and data_type = 'numeric'`.execute(store.db);
  for (const r of rows) {
    if (!out.has(r.table)) out.set(r.table, new Set());
    out.get(r.table)!.add(r.column);
  }
  return out;
}

/** Largest magnitude NUMERIC(20, 6) holds. */
const NUMERIC_LIMIT = 1e14;

function checkPortable(table: string, row: Record<string, unknown>, numeric: Set<string> | undefined): void {
  for (const [column, v] of Object.entries(row)) {
    if (typeof v === 'string' && v.includes('\u0000')) throw unportable(table, row, column, 'nul');
    if (numeric?.has(column) && v !== null && v !== undefined) {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
      if (!Number.isFinite(n) || Math.abs(n) >= NUMERIC_LIMIT) throw unportable(table, row, column, 'number');
    }
  }
}

/** Stored files the restored rows name that neither the backup nor the upload store has. */
// biome-ignore lint/suspicious/noExplicitAny: tables are only known at run time here
async function missingFiles(trx: Kysely<any>, staged: Set<string>, uploadDir: string | undefined) {
  const { rows } = await sql<{ sha256: string; owner: string }>`
    select file_sha256 as sha256, 'intake ' || id as owner from intake_records where file_sha256 is not null
    union all
    select sha256, 'attachment ' || id as owner from contract_attachments
    union all
    select attachment_sha256 as sha256, 'law ' || id as owner from laws
    where attachment_sha256 is not null`.execute(trx);
  return rows.filter(
    (r) =>
      !staged.has(r.sha256) &&
      !(
        uploadDir && fs.existsSync(path.join(uploadDir, r.sha256.slice(0, 2), r.sha256.slice(2, 4), r.sha256))
      ),
  );
}

function brokenAuditMessage(b: BrokenAuditRow): string {
  return (
    `备份中的审核追溯已被改动：第 ${b.id} 条记录（${b.at} ${b.action} ${b.entityType} ${b.entityId}）与哈希链不符，未恢复任何数据；` +
    `确认仍要恢复，请加 --accept-broken-audit（此决定会记入审核追溯）/ ` +
    `the backup's audit trail was altered: row ${b.id} (${b.at} ${b.action} ${b.entityType} ${b.entityId}) does not fit the hash chain (${b.reason}); ` +
    `nothing restored. To restore it anyway, pass --accept-broken-audit (which is itself audited)`
  );
}

/** Restores `file` into the store, which must be migrated and empty. */
export async function restoreBackup(
  store: Store,
  file: string,
  actor: Actor,
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  if (!fs.existsSync(file)) throw new RestoreError(`备份文件不存在：${file} / backup file not found`);
  const { source, archive } = await openBackup(file, options.uploadDir);
  try {
    if (source.migration !== null && !MIGRATION_NAMES.includes(source.migration)) {
      throw new RestoreError(
        `备份来自较新的版本（数据库结构 ${source.migration}），请先升级识需 / the backup comes from a newer version (schema ${source.migration})`,
      );
    }
    const busy = await nonEmptyTables(store);
    if (busy.length > 0) {
      throw new RestoreError(
        `目标数据库不是空的（已有数据的表：${busy.join(', ')}），只能恢复到新建的空数据库（服务首次启动会创建演示数据：新建数据库后先执行 shixu restore，或设置 SHIXU_DEMO=0）/ the target database is not empty (${busy.join(', ')}); restore only into a new, empty database (run restore before the first server start, or set SHIXU_DEMO=0)`,
      );
    }
    const target = new Map((await storeTables(store)).map((t) => [t.name, new Set(t.columns)]));
    for (const t of source.tables) {
      const cols = target.get(t.name);
      if (!cols) {
        throw new RestoreError(`目标数据库没有表 ${t.name} / the target database has no table ${t.name}`);
      }
      const missing = t.columns.filter((c) => !cols.has(c));
      if (missing.length > 0) {
        throw new RestoreError(
          `目标表 ${t.name} 缺少列 ${missing.join(', ')} / target table ${t.name} lacks column(s) ${missing.join(', ')}`,
        );
      }
    }
    const numeric = await numericColumns(store);
    const counts = new Map<string, number>();
    // A backup from before the hash chain (migration 0012) has audit rows without a hash: they are
    // chained as they load, in id order, as the migration chains them. Rows that carry a hash keep
    // it, so a row doctored in the backup file is found by the check below.
    let previousHash = AUDIT_CHAIN_START;
    const chainOlderAuditRow = (row: Record<string, unknown>) => {
      if (row.hash === undefined || row.hash === null) {
        row.hash = auditRowHash(previousHash, row as unknown as ChainedContent);
      }
      previousHash = String(row.hash);
    };
    let acceptedBrokenAudit: BrokenAuditRow | null = null;
    let filesAdded = 0;
    await store.db.transaction().execute(async (trx) => {
      // biome-ignore lint/suspicious/noExplicitAny: tables are only known at run time here
      const anyTrx = trx as unknown as Kysely<any>;
      let batch: Record<string, unknown>[] = [];
      let batchTable = '';
      const flush = async () => {
        if (batch.length === 0) return;
        await anyTrx.insertInto(batchTable).values(batch).execute();
        counts.set(batchTable, (counts.get(batchTable) ?? 0) + batch.length);
        batch = [];
      };
      const toPostgres = store.caps.name === 'postgres';
      for await (const { table, row } of source.rows()) {
        if (!target.has(table))
          throw new RestoreError(`备份中有未知的表 ${table} / unknown table ${table} in backup`);
        if (table !== batchTable || batch.length >= BATCH) {
          await flush();
          batchTable = table;
        }
        if (toPostgres) checkPortable(table, row, numeric.get(table));
        if (table === 'audit_log') chainOlderAuditRow(row);
        batch.push(row);
      }
      await flush();
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const trailer = source.trailerRows();
      if (source.kind === 'dump' && trailer === null) {
        throw new RestoreError(
          '备份文件不完整（缺少结尾标记），未恢复任何数据 / the backup file is truncated; nothing restored',
        );
      }
      for (const t of source.tables) {
        if ((counts.get(t.name) ?? 0) !== t.rows) {
          throw new RestoreError(
            `表 ${t.name} 的行数与备份头不符（${counts.get(t.name) ?? 0}≠${t.rows}），未恢复任何数据 / row count mismatch in ${t.name}; nothing restored`,
          );
        }
      }
      if (trailer !== null && trailer !== total) {
        throw new RestoreError('备份文件行数不符，未恢复任何数据 / row count mismatch; nothing restored');
      }
      const chain = await verifyAuditChain(trx);
      if (!chain.ok && chain.firstBroken) {
        if (!options.acceptBrokenAudit) throw new RestoreError(brokenAuditMessage(chain.firstBroken));
        acceptedBrokenAudit = chain.firstBroken;
      }
      const absent = await missingFiles(anyTrx, new Set(archive?.staged.keys() ?? []), options.uploadDir);
      if (absent.length > 0) {
        const shown = absent.slice(0, 3).map((r) => `${r.owner}: ${r.sha256}`);
        throw new RestoreError(
          `${absent.length} 个记录引用的文件既不在备份中也不在上传目录中（${shown.join('；')}），未恢复任何数据 / ` +
            `${absent.length} file(s) named by records are neither in the backup nor in the upload directory (${shown.join('; ')}); nothing restored`,
        );
      }
      if (store.caps.name === 'postgres') await resetSequences(trx);
      // The files go in before the rows commit: should the commit fail, the store holds files no
      // row names (harmless, content-addressed), never rows whose files are missing.
      if (archive) filesAdded = await archive.install();
      if (acceptedBrokenAudit) {
        await recordAudit(trx, actor, {
          action: 'database.broken_audit_accepted',
          entityId: path.basename(file),
          after: { firstBroken: acceptedBrokenAudit },
        });
      }
      await recordAudit(trx, actor, {
        action: 'database.restored',
        entityId: path.basename(file),
        after: {
          source: source.kind,
          migration: source.migration,
          rows: total,
          files: archive?.staged.size ?? 0,
        },
      });
    });
    const tables = source.tables.map((t) => ({ name: t.name, rows: counts.get(t.name) ?? 0 }));
    return {
      source: source.kind,
      archive: archive !== null,
      migration: source.migration,
      tables,
      totalRows: tables.reduce((a, t) => a + t.rows, 0),
      files: archive?.staged.size ?? 0,
      filesAdded,
      acceptedBrokenAudit,
    };
  } finally {
    source.close();
    archive?.dispose();
  }
}

/** Explicit ids were inserted into serial columns: move each sequence past the highest id. */
// biome-ignore lint/suspicious/noExplicitAny: works on every table
async function resetSequences(trx: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = current_schema() and column_default like 'nextval(%'`.execute(trx);
  for (const r of rows) {
    await sql`select setval(pg_get_serial_sequence(${r.table}, ${r.column}),
      coalesce((select max(${sql.ref(r.column)}) from ${sql.table(r.table)}), 0) + 1, false)`.execute(trx);
  }
}
