// Reads a ZIP's central directory without inflating anything, so OOXML type detection and the first
// zip-bomb checks happen before mammoth/exceljs decompress a single byte.

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
  /** 0 stored, 8 deflated; anything else no Office file uses. */
  method: number;
  /** Where the entry's local header starts. */
  localHeaderOffset: number;
}

export type ZipInspection = { ok: true; entries: ZipEntryInfo[] } | { ok: false; reason: string };

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

export function inspectZip(bytes: Uint8Array, maxEntries = 100_000): ZipInspection {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'no end-of-central-directory record (truncated zip)' };
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset + cdSize > bytes.length) return { ok: false, reason: 'central directory outside the file' };
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (entries.length >= maxEntries) break;
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CDH_SIG) {
      return { ok: false, reason: 'broken central directory entry' };
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localHeaderOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    entries.push({
      name,
      compressedSize,
      uncompressedSize,
      encrypted: (flags & 1) === 1,
      method,
      localHeaderOffset,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { ok: true, entries };
}
