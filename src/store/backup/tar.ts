// The few parts of POSIX ustar a backup needs: regular files in a flat list. A standard format, so an
// operator can look into a backup with `tar tvf` and take single files out with `tar xf`.
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

const BLOCK = 512;
/** An 11-digit octal size field holds up to 8 GiB. */
const MAX_ENTRY_BYTES = 8 ** 11 - 1;
const COPY_CHUNK = 1024 * 1024;

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new TarFormatError(`tar entry name too long: ${name}`);
  if (size > MAX_ENTRY_BYTES) throw new TarFormatError(`tar entry too large: ${name} (${size} bytes)`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o600, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write(' '.repeat(8), 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(`${checksum(h).toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** Sum of the header's bytes with the checksum field counted as spaces. */
function checksum(h: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return sum;
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** Appends entries to an open file, from its current end; `finish` writes the end-of-archive blocks. */
export class TarWriter {
  private position = 0;

  constructor(private readonly out: FileHandle) {}

  private async write(bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.out.write(bytes, done, bytes.length - done, this.position);
      done += bytesWritten;
      this.position += bytesWritten;
    }
  }

  async addBuffer(name: string, bytes: Uint8Array, mtime = new Date()): Promise<void> {
    await this.write(header(name, bytes.length, mtime));
    await this.write(bytes);
    await this.write(Buffer.alloc(padding(bytes.length)));
  }

  /**
   * Copies `size` bytes of an open file into the archive and returns their SHA-256, so the caller can
   * check the copy against what it expected without reading the file twice.
   */
  async addFile(name: string, source: FileHandle, size: number, mtime = new Date()): Promise<string> {
    await this.write(header(name, size, mtime));
    const hash = createHash('sha256');
    const chunk = Buffer.alloc(Math.min(COPY_CHUNK, Math.max(size, 1)));
    let copied = 0;
    while (copied < size) {
      const { bytesRead } = await source.read(chunk, 0, Math.min(chunk.length, size - copied), copied);
      if (bytesRead === 0) throw new TarFormatError(`${name} became shorter while it was copied`);
      const part = chunk.subarray(0, bytesRead);
      hash.update(part);
      await this.write(part);
      copied += bytesRead;
    }
    await this.write(Buffer.alloc(padding(size)));
    return hash.digest('hex');
  }

  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** Offset of the entry's data in the archive. */
  offset: number;
}

function field(h: Buffer, start: number, length: number): string {
  const raw = h.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

export async function isTarFile(file: FileHandle): Promise<boolean> {
  const h = Buffer.alloc(BLOCK);
  const { bytesRead } = await file.read(h, 0, BLOCK, 0);
  return bytesRead === BLOCK && h.subarray(257, 262).toString('latin1') === 'ustar';
}

/** Walks the archive's headers, oldest first; every header's checksum is checked. */
export async function* tarEntries(file: FileHandle): AsyncGenerator<TarEntry> {
  const { size: total } = await file.stat();
  const h = Buffer.alloc(BLOCK);
  let position = 0;
  for (;;) {
    const { bytesRead } = await file.read(h, 0, BLOCK, position);
    if (bytesRead < BLOCK) throw new TarFormatError('the archive ends before its end marker (truncated)');
    if (h.every((b) => b === 0)) return;
    const stored = Number.parseInt(field(h, 148, 8).trim(), 8);
    if (stored !== checksum(h)) throw new TarFormatError(`damaged tar header at byte ${position}`);
    const name = field(h, 0, 100);
    const prefix = field(h, 345, 155);
    const size = Number.parseInt(field(h, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(h[156]!);
    const offset = position + BLOCK;
    if (!Number.isSafeInteger(size) || offset + size > total) {
      throw new TarFormatError(`tar entry ${name} runs past the end of the archive (truncated)`);
    }
    if (type === '0' || type === '\0') yield { name: prefix ? `${prefix}/${name}` : name, size, offset };
    position = offset + size + padding(size);
  }
}

/** Copies an entry's bytes to `out` and returns their SHA-256. */
export async function copyTarEntry(file: FileHandle, entry: TarEntry, out: FileHandle): Promise<string> {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(Math.min(COPY_CHUNK, Math.max(entry.size, 1)));
  let copied = 0;
  while (copied < entry.size) {
    const { bytesRead } = await file.read(
      chunk,
      0,
      Math.min(chunk.length, entry.size - copied),
      entry.offset + copied,
    );
    if (bytesRead === 0) throw new TarFormatError(`tar entry ${entry.name} is truncated`);
    const part = chunk.subarray(0, bytesRead);
    hash.update(part);
    let written = 0;
    while (written < part.length) {
      const r = await out.write(part, written, part.length - written, copied + written);
      written += r.bytesWritten;
    }
    copied += bytesRead;
  }
  return hash.digest('hex');
}

export async function readTarEntry(file: FileHandle, entry: TarEntry): Promise<Buffer> {
  const out = Buffer.alloc(entry.size);
  const { bytesRead } = await file.read(out, 0, entry.size, entry.offset);
  if (bytesRead !== entry.size) throw new TarFormatError(`tar entry ${entry.name} is truncated`);
  return out;
}
