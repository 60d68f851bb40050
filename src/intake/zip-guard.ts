// Refuses zip bombs before mammoth or exceljs inflate anything. The central directory's sizes are
// checked first (cheap), but they are written by whoever made the file: a bomb can declare 1 KB and
// inflate to gigabytes. So every entry is then inflated for real into nothing, its bytes counted as
// they come, and the run stops the moment the total, or an entry's compression ratio, passes its
// limit — memory stays at one chunk and time at the limit's worth of inflating, never a hang.
import { createInflateRaw } from 'node:zlib';
import { intakeErrors } from './intake-errors.js';
import type { IntakeLimits } from './types.js';
import { inspectZip, type ZipEntryInfo } from './zip-inspect.js';

/** Small entries compress well (XML full of repeated tags) and cannot hurt: the ratio cap starts here. */
const RATIO_FLOOR_BYTES = 1_000_000;
const LOCAL_HEADER_SIG = 0x04034b50;
const FEED_CHUNK = 64 * 1024;

export type ZipLimits = Pick<IntakeLimits, 'maxZipEntries' | 'maxUncompressedBytes' | 'maxCompressionRatio'>;

type Refusal = { limit: 'uncompressedBytes' | 'compressionRatio'; actual: number; max: number };

/** The entry's compressed bytes, found through its local header (which may differ from the central one). */
function entryData(bytes: Uint8Array, e: ZipEntryInfo, end: number): Uint8Array | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = e.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER_SIG) {
    return `entry ${e.name}: no local header at ${at}`;
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  // 0xFFFFFFFF means the size is in a ZIP64 field: read up to the central directory instead.
  const stop = e.compressedSize === 0xffffffff ? end : start + e.compressedSize;
  if (start > bytes.length || stop > bytes.length) return `entry ${e.name}: data outside the file`;
  return bytes.subarray(start, stop);
}

/**
 * Inflates `data` without keeping the output and returns how many bytes it gave, or the limit it
 * crossed. `budget` is what the whole archive may still produce.
 */
function countInflated(
  data: Uint8Array,
  budget: number,
  limits: ZipLimits,
): Promise<{ size: number } | Refusal | { broken: string }> {
  return new Promise((resolve) => {
    const inflater = createInflateRaw();
    let size = 0;
    let settled = false;
    const settle = (r: { size: number } | Refusal | { broken: string }) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      resolve(r);
    };
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) {
        settle({ limit: 'uncompressedBytes', actual: size, max: limits.maxUncompressedBytes });
      } else if (size > RATIO_FLOOR_BYTES && size / Math.max(data.length, 1) > limits.maxCompressionRatio) {
        settle({
          limit: 'compressionRatio',
          actual: Math.round(size / Math.max(data.length, 1)),
          max: limits.maxCompressionRatio,
        });
      }
    });
    inflater.on('end', () => settle({ size }));
    inflater.on('error', (err) => settle({ broken: err.message }));
    // Fed in chunks with back-pressure so a refusal stops the work early.
    let offset = 0;
    const feed = () => {
      while (!settled && offset < data.length) {
        const part = data.subarray(offset, offset + FEED_CHUNK);
        offset += part.length;
        if (!inflater.write(part)) {
          inflater.once('drain', feed);
          return;
        }
      }
      if (!settled && offset >= data.length) inflater.end();
    };
    feed();
  });
}

/**
 * Refuses containers that are broken, encrypted, hold too many entries or inflate past the limits;
 * `what` names the kind (Word, Excel, ZIP) and `fileName` the file in the message.
 */
export async function guardZip(
  bytes: Uint8Array,
  what: string,
  limits: ZipLimits,
  fileName?: string,
): Promise<void> {
  const z = inspectZip(bytes, limits.maxZipEntries + 1);
  if (!z.ok) throw intakeErrors.corrupted(what, z.reason);
  if (z.entries.length > limits.maxZipEntries)
    throw intakeErrors.unsafeArchive(fileName ?? what, 'zipEntries', z.entries.length, limits.maxZipEntries);
  if (z.entries.some((e) => e.encrypted)) throw intakeErrors.passwordProtected(what);
  // What the file declares: refuses an honest bomb without inflating a byte.
  let declared = 0;
  for (const e of z.entries) {
    declared += e.uncompressedSize;
    if (
      e.compressedSize > 0 &&
      e.uncompressedSize / e.compressedSize > limits.maxCompressionRatio &&
      e.uncompressedSize > RATIO_FLOOR_BYTES
    )
      throw intakeErrors.unsafeArchive(
        fileName ?? what,
        'compressionRatio',
        Math.round(e.uncompressedSize / e.compressedSize),
        limits.maxCompressionRatio,
      );
  }
  if (declared > limits.maxUncompressedBytes)
    throw intakeErrors.unsafeArchive(
      fileName ?? what,
      'uncompressedBytes',
      declared,
      limits.maxUncompressedBytes,
    );
  // What it really inflates to. Entries may share data (overlapping entries): each is counted.
  let total = 0;
  for (const e of z.entries) {
    const data = entryData(bytes, e, bytes.length);
    if (typeof data === 'string') throw intakeErrors.corrupted(what, data);
    let size: number;
    if (e.method === 0) {
      size = data.length;
      if (total + size > limits.maxUncompressedBytes)
        throw intakeErrors.unsafeArchive(
          fileName ?? what,
          'uncompressedBytes',
          total + size,
          limits.maxUncompressedBytes,
        );
    } else if (e.method === 8) {
      const r = await countInflated(data, limits.maxUncompressedBytes - total, limits);
      if ('broken' in r) throw intakeErrors.corrupted(what, `entry ${e.name}: ${r.broken}`);
      if ('limit' in r) {
        throw intakeErrors.unsafeArchive(
          fileName ?? what,
          r.limit,
          r.limit === 'uncompressedBytes' ? total + r.actual : r.actual,
          r.max,
        );
      }
      size = r.size;
    } else {
      throw intakeErrors.corrupted(what, `entry ${e.name}: compression method ${e.method}`);
    }
    // A size that differs from the declared one is how a bomb slips past the libraries' own checks.
    if (size !== e.uncompressedSize && e.uncompressedSize !== 0xffffffff) {
      throw intakeErrors.corrupted(
        what,
        `entry ${e.name} declares ${e.uncompressedSize} bytes but inflates to ${size}`,
      );
    }
    total += size;
  }
}
