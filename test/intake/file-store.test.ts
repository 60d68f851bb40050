// The original of every upload is kept byte for byte, once per content, and never rewritten.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore, sha256Of } from '../../src/intake/file-store.js';
import { orderDocx } from './fixtures.js';

describe('content-addressed file store', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-files-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores an upload under its SHA-256 and gives the same bytes back', async () => {
    const files = new FileStore(dir);
    const bytes = orderDocx();
    const stored = await files.put(bytes);
    expect(stored).toEqual({ sha256: sha256Of(bytes), sizeBytes: bytes.length });
    expect(files.pathOf(stored.sha256)).toBe(
      path.join(dir, stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256),
    );
    expect((await files.get(stored.sha256)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('keeps one read-only copy when the same file arrives twice', async () => {
    const files = new FileStore(dir);
    const bytes = new TextEncoder().encode('请报价 控制臂支架 5000 件');
    const a = await files.put(bytes);
    const file = files.pathOf(a.sha256);
    const before = fs.statSync(file);
    const b = await files.put(bytes);
    expect(b.sha256).toBe(a.sha256);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(before.mode & 0o222).toBe(0);
    expect(fs.readdirSync(path.dirname(file))).toEqual([a.sha256]);
  });

  it('refuses to hand out a stored file whose bytes no longer match its digest', async () => {
    const files = new FileStore(dir);
    const { sha256 } = await files.put(new TextEncoder().encode('交期 12月15日'));
    const file = files.pathOf(sha256);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, '交期 12月25日');
    await expect(files.get(sha256)).rejects.toThrow(/校验和不符/);
    expect(() => files.pathOf('../../etc/passwd')).toThrow(/not a SHA-256/);
  });
});
