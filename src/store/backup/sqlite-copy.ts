// A page-level copy of a SQLite database through SQLite's online backup API: consistent even
// while the server keeps writing, unlike copying the file (and its WAL) by hand.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

export async function copySqliteDatabase(sourceFile: string, targetFile: string): Promise<void> {
  const source = new SQLite(sourceFile, { readonly: true, fileMustExist: true });
  const tmp = `${targetFile}.partial`;
  try {
    fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
    fs.rmSync(tmp, { force: true });
    await source.backup(tmp);
    // Owner-only: the copy holds password hashes and sessions.
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, targetFile);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  } finally {
    source.close();
  }
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export function isSqliteFile(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    return n === 16 && buf.toString('latin1') === SQLITE_MAGIC;
  } finally {
    fs.closeSync(fd);
  }
}
