// Originals are kept exactly as received, addressed by their SHA-256: the same file uploaded twice is
// stored once, and a stored file is never rewritten (written to a temporary name, then renamed, then
// made read-only), so the record can always show the customer's bytes.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class FileStore {
  constructor(readonly root: string) {}

  /** Where a file with this digest lives: root/ab/cd/abcd…, so no directory grows too large. */
  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 digest: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores the bytes unless the same content is already there; returns the digest and size. */
  async put(bytes: Uint8Array): Promise<{ sha256: string; sizeBytes: number }> {
    const sha256 = sha256Of(bytes);
    const stored = { sha256, sizeBytes: bytes.length };
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return stored;
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.part`;
    await fs.writeFile(temp, bytes, { flag: 'wx' });
    await fs.chmod(temp, 0o444);
    await fs.rename(temp, target);
    return stored;
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  /** The stored bytes, checked against their digest so silent disk corruption is not passed on. */
  async get(sha256: string): Promise<Buffer> {
    const bytes = await fs.readFile(this.pathOf(sha256));
    if (sha256Of(bytes) !== sha256) {
      throw new Error(`原始文件已损坏（校验和不符）/ stored original ${sha256} does not match its checksum`);
    }
    return bytes;
  }
}
