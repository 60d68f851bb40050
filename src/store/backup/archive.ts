// A backup that restores everything: one tar file holding a manifest, the database (our portable
// JSON-lines dump, or an online copy of the SQLite file) and every file of the content-addressed
// upload store (intake originals and case attachments). The manifest names each member with its
// size and SHA-256, so a restore proves every byte before it loads anything.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Store } from '../connect.js';
import { type DumpHeader, writeDump } from './dump.js';
import { copySqliteDatabase } from './sqlite-copy.js';
import { appliedMigration } from './tables.js';
import { TarWriter } from './tar.js';

export const ARCHIVE_FORMAT = 'shixu-backup';
export const ARCHIVE_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';

export interface ArchiveMember {
  /** Path inside the archive. */
  path: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  createdAt: string;
  sourceDialect: 'sqlite' | 'postgres';
  migration: string | null;
  database: ArchiveMember & { kind: 'jsonl' | 'sqlite'; rows: number | null };
  /** Every stored file; `path` is files/ab/cd/<sha256>, as in the upload store. */
  files: ArchiveMember[];
}

export interface BackupReport {
  manifest: BackupManifest;
  file: string;
}

/** The archive path of a stored file, mirroring the store's own layout. */
export function memberPathOf(sha256: string): string {
  return `files/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

const DIGEST = /^[0-9a-f]{64}$/;

/** Every finished file in the upload store (files being written carry a .part suffix and are skipped). */
export async function storedFiles(uploadDir: string): Promise<{ sha256: string; file: string }[]> {
  const out: { sha256: string; file: string }[] = [];
  const list = async (dir: string) => {
    try {
      return await fsp.readdir(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  };
  for (const a of await list(uploadDir)) {
    if (!a.isDirectory() || !/^[0-9a-f]{2}$/.test(a.name)) continue;
    for (const b of await list(path.join(uploadDir, a.name))) {
      if (!b.isDirectory() || !/^[0-9a-f]{2}$/.test(b.name)) continue;
      for (const f of await list(path.join(uploadDir, a.name, b.name))) {
        if (f.isFile() && DIGEST.test(f.name) && f.name.startsWith(a.name + b.name)) {
          out.push({ sha256: f.name, file: path.join(uploadDir, a.name, b.name, f.name) });
        }
      }
    }
  }
  return out.sort((x, y) => x.sha256.localeCompare(y.sha256));
}

/** Digests the database refers to: intake originals, case attachments and register attachments. */
export async function referencedFiles(store: Store): Promise<Map<string, string>> {
  const { rows } = await sql<{ sha256: string; owner: string }>`
    select file_sha256 as sha256, 'intake ' || id as owner from intake_records where file_sha256 is not null
    union all
    select sha256, 'attachment ' || id as owner from contract_attachments
    union all
    select attachment_sha256 as sha256, 'law ' || id as owner from laws
    where attachment_sha256 is not null`.execute(store.db);
  return new Map(rows.map((r) => [r.sha256, r.owner]));
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Writes the archive atomically (a partial file never has the final name). The database is copied
 * first as one consistent snapshot; the upload store is read afterwards, and since a file is stored
 * before the row that names it and never removed, every file the snapshot names is there.
 */
export async function writeBackupArchive(
  store: Store,
  opts: { out: string; uploadDir: string; database?: 'jsonl' | 'sqlite' },
): Promise<BackupReport> {
  const kind = opts.database ?? 'jsonl';
  if (kind === 'sqlite' && store.config.kind !== 'sqlite') {
    throw new BackupError('SQLite 副本只适用于 SQLite 数据库 / a SQLite copy needs a SQLite database');
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-backup-'));
  const out = path.resolve(opts.out);
  const tmp = `${out}.partial`;
  try {
    const dbFile = path.join(work, `database.${kind}`);
    let header: DumpHeader | null = null;
    let migration: string | null;
    if (kind === 'jsonl') {
      header = await writeDump(store, dbFile);
      migration = header.migration;
    } else {
      migration = await appliedMigration(store);
      await copySqliteDatabase((store.config as { file: string }).file, dbFile);
    }
    const files = await storedFiles(opts.uploadDir);
    const have = new Set(files.map((f) => f.sha256));
    const missing = [...(await referencedFiles(store))].filter(([sha]) => !have.has(sha));
    if (missing.length > 0) {
      const shown = missing.slice(0, 5).map(([sha, owner]) => `${owner}: ${sha}`);
      throw new BackupError(
        `上传目录 ${opts.uploadDir} 缺少 ${missing.length} 个记录引用的文件，备份不完整，未写入：${shown.join('；')} / ` +
          `${missing.length} file(s) named by records are missing from ${opts.uploadDir}; no backup written: ${shown.join('; ')}`,
      );
    }
    const sizes = await Promise.all(files.map(async (f) => (await fsp.stat(f.file)).size));
    const manifest: BackupManifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      sourceDialect: store.caps.name,
      migration,
      database: {
        kind,
        path: `database.${kind}`,
        size: (await fsp.stat(dbFile)).size,
        sha256: await sha256OfFile(dbFile),
        rows: header ? header.tables.reduce((a, t) => a + t.rows, 0) : null,
      },
      files: files.map((f, i) => ({ path: memberPathOf(f.sha256), size: sizes[i]!, sha256: f.sha256 })),
    };
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.rmSync(tmp, { force: true });
    // Owner-only: the database part holds password hashes and sessions.
    const archive = await fsp.open(tmp, 'wx', 0o600);
    try {
      const tar = new TarWriter(archive);
      await tar.addBuffer(MANIFEST_NAME, Buffer.from(JSON.stringify(manifest, null, 1)));
      await copyInto(tar, manifest.database, dbFile);
      for (const [i, member] of manifest.files.entries()) await copyInto(tar, member, files[i]!.file);
      await tar.finish();
      await archive.sync();
    } finally {
      await archive.close();
    }
    fs.renameSync(tmp, out);
    return { manifest, file: out };
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function copyInto(tar: TarWriter, member: ArchiveMember, file: string): Promise<void> {
  const source = await fsp.open(file, 'r');
  try {
    const sha256 = await tar.addFile(member.path, source, member.size);
    if (sha256 !== member.sha256) {
      throw new BackupError(
        `文件 ${file} 已损坏（校验和不符），未写入备份 / ${file} does not match its checksum; no backup written`,
      );
    }
  } finally {
    await source.close();
  }
}
