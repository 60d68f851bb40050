// Reads a backup archive for a restore: the manifest first, then every member copied out and its
// SHA-256 checked against the manifest (and, for stored files, against the name the store gives
// it). Nothing is loaded until every byte has been proved; a missing, extra or altered member
// refuses the whole archive.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  type ArchiveMember,
  type BackupManifest,
  MANIFEST_NAME,
  memberPathOf,
} from './archive.js';
import { copyTarEntry, readTarEntry, TarFormatError, tarEntries } from './tar.js';

/** Thrown for an archive that cannot be restored; the restore reports it as a RestoreError. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

export interface UnpackedArchive {
  manifest: BackupManifest;
  /** The database member, copied to a temporary file. */
  databaseFile: string;
  /** Checked stored files, by digest, waiting in a directory beside the upload store. */
  staged: Map<string, string>;
  /** Moves the staged files into the upload store (files it already has are kept as they are). */
  install(): Promise<number>;
  dispose(): void;
}

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const DIGEST = /^[0-9a-f]{64}$/;

function isMember(m: unknown): m is ArchiveMember {
  const x = m as ArchiveMember;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.path === 'string' &&
    Number.isSafeInteger(x.size) &&
    x.size >= 0 &&
    typeof x.sha256 === 'string' &&
    DIGEST.test(x.sha256)
  );
}

function readManifest(bytes: Buffer, file: string): BackupManifest {
  let m: BackupManifest;
  try {
    m = JSON.parse(bytes.toString('utf8')) as BackupManifest;
  } catch {
    throw new ArchiveError(`备份清单无法读取：${file} / the backup's manifest cannot be read`);
  }
  if (m?.format !== ARCHIVE_FORMAT) {
    throw new ArchiveError(`不是识需备份文件：${file} / not a Shixu backup file`);
  }
  if (typeof m.formatVersion !== 'number' || m.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw new ArchiveError(
      `备份文件格式版本 ${m.formatVersion} 比本程序新，请升级识需 / backup format ${m.formatVersion} is newer than this program`,
    );
  }
  const databaseOk =
    isMember(m.database) &&
    (m.database.kind === 'jsonl' || m.database.kind === 'sqlite') &&
    m.database.path === `database.${m.database.kind}`;
  const filesOk =
    Array.isArray(m.files) && m.files.every((f) => isMember(f) && f.path === memberPathOf(f.sha256));
  if (!databaseOk || !filesOk) {
    throw new ArchiveError(`备份清单不完整或格式有误：${file} / the backup's manifest is malformed`);
  }
  return m;
}

function altered(member: string): ArchiveError {
  return new ArchiveError(
    `备份中的 ${member} 与清单中的 SHA-256 不符（文件已损坏或被改动），未恢复任何数据 / ` +
      `${member} in the backup does not match its SHA-256 in the manifest (damaged or altered); nothing restored`,
  );
}

/**
 * Unpacks and checks `file`. `uploadDir` receives the files (staged in a hidden directory inside it,
 * so installing them is a rename); it is only needed when the archive holds files.
 */
export async function unpackArchive(file: string, uploadDir: string | undefined): Promise<UnpackedArchive> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-restore-'));
  let stageDir: string | null = null;
  const dispose = () => {
    fs.rmSync(work, { recursive: true, force: true });
    if (stageDir) fs.rmSync(stageDir, { recursive: true, force: true });
  };
  const archive = await fsp.open(file, 'r');
  try {
    const entries = tarEntries(archive);
    const first = await entries.next();
    if (first.done || first.value.name !== MANIFEST_NAME || first.value.size > MAX_MANIFEST_BYTES) {
      throw new ArchiveError(`备份文件缺少清单：${file} / the backup has no manifest`);
    }
    const manifest = readManifest(await readTarEntry(archive, first.value), file);
    if (manifest.files.length > 0 && !uploadDir) {
      throw new ArchiveError(
        '备份含有上传文件，但没有指定上传目录 / the backup holds files but no upload directory was given',
      );
    }
    if (manifest.files.length > 0 && uploadDir) {
      fs.mkdirSync(uploadDir, { recursive: true });
      stageDir = fs.mkdtempSync(path.join(uploadDir, '.restore-'));
    }
    const expected = new Map<string, ArchiveMember>([
      [manifest.database.path, manifest.database],
      ...manifest.files.map((f) => [f.path, f] as const),
    ]);
    const databaseFile = path.join(work, manifest.database.path);
    const staged = new Map<string, string>();
    const seen = new Set<string>();
    for await (const entry of entries) {
      const member = expected.get(entry.name);
      if (!member || seen.has(entry.name)) {
        throw new ArchiveError(
          `备份中有清单之外的内容 ${entry.name}，未恢复任何数据 / ${entry.name} in the backup is not in its manifest; nothing restored`,
        );
      }
      seen.add(entry.name);
      if (entry.size !== member.size) throw altered(entry.name);
      const target = member === manifest.database ? databaseFile : path.join(stageDir!, member.sha256);
      const out = await fsp.open(target, 'wx', 0o600);
      let sha256: string;
      try {
        sha256 = await copyTarEntry(archive, entry, out);
      } finally {
        await out.close();
      }
      if (sha256 !== member.sha256) throw altered(entry.name);
      if (member !== manifest.database) staged.set(member.sha256, target);
    }
    const absent = [...expected.keys()].filter((p) => !seen.has(p));
    if (absent.length > 0) {
      throw new ArchiveError(
        `备份不完整，缺少 ${absent.length} 项（${absent.slice(0, 3).join('，')}），未恢复任何数据 / ` +
          `the backup lacks ${absent.length} member(s) (${absent.slice(0, 3).join(', ')}); nothing restored`,
      );
    }
    return {
      manifest,
      databaseFile,
      staged,
      async install() {
        let added = 0;
        for (const [sha256, from] of staged) {
          const to = path.join(uploadDir!, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
          if (fs.existsSync(to)) continue;
          await fsp.mkdir(path.dirname(to), { recursive: true });
          await fsp.chmod(from, 0o444);
          await fsp.rename(from, to);
          added += 1;
        }
        return added;
      },
      dispose,
    };
  } catch (err) {
    dispose();
    if (err instanceof TarFormatError) {
      throw new ArchiveError(`备份文件已损坏：${err.message} / the backup archive is damaged`);
    }
    throw err;
  } finally {
    await archive.close();
  }
}
