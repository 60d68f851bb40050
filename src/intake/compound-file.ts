// A structural check of an OLE compound file (the container of .doc, .wps, .xls, .et) before a reader
// is run on it. Readers loop or wait for bytes that never come when a truncated upload cut the chains
// of sectors short (catdoc hangs on a .doc cut in half), so the chains are walked here first: every
// sector a stream needs must lie inside the file. The same walk hands a stream's bytes to the few
// facts intake reads itself (an .xls workbook's date system and sheet names, biff-workbook.ts).

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const MINI_SECTOR = 64;

export type CompoundStream = { bytes: Buffer } | { problem: string };

/** The named stream's bytes, or why the compound file cannot give them. */
export function readCompoundStream(bytes: Uint8Array, streamName: string): CompoundStream {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const problem = (text: string) => ({ problem: text });
  if (buf.length < 512) return problem('shorter than the compound-file header');
  const shift = buf.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) return problem(`sector size 2^${shift} is not 512 or 4096`);
  const size = 1 << shift;
  const sectors = Math.ceil((buf.length - size) / size);
  const inFile = (s: number) => s < sectors;
  const sectorAt = (s: number) => buf.subarray((s + 1) * size, (s + 2) * size);

  // The allocation table's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = buf.readUInt32LE(76 + i * 4);
    if (s !== FREE) fatSectors.push(s);
  }
  let difat = buf.readUInt32LE(68);
  for (let hops = 0; difat !== END_OF_CHAIN && difat !== FREE; hops++) {
    if (!inFile(difat) || hops > sectors) return problem('allocation table index runs past the end');
    const sec = sectorAt(difat);
    for (let i = 0; i < size / 4 - 1; i++) {
      const s = sec.readUInt32LE(i * 4);
      if (s !== FREE) fatSectors.push(s);
    }
    difat = sec.readUInt32LE(size - 4);
  }
  if (fatSectors.length === 0 || fatSectors.some((s) => !inFile(s)))
    return problem('allocation table lies past the end of the file (truncated?)');
  const fat = Buffer.concat(fatSectors.map(sectorAt));
  const next = (s: number) => (s * 4 + 4 <= fat.length ? fat.readUInt32LE(s * 4) : FREE);

  const chain = (start: number): number[] | string => {
    const out: number[] = [];
    for (let s = start; s !== END_OF_CHAIN; s = next(s)) {
      if (!inFile(s)) return 'a chain of sectors runs past the end of the file (truncated?)';
      if (out.length > sectors) return 'a chain of sectors loops';
      out.push(s);
    }
    return out;
  };
  const read = (start: number): Buffer | string => {
    const c = chain(start);
    return typeof c === 'string' ? c : Buffer.concat(c.map(sectorAt));
  };

  const entries = read(buf.readUInt32LE(48));
  if (typeof entries === 'string') return problem(`directory: ${entries}`);
  const wanted = Buffer.from(streamName, 'utf16le');
  for (let at = 0; at + 128 <= entries.length; at += 128) {
    const nameLength = entries.readUInt16LE(at + 64);
    if (entries[at + 66] !== 2 || nameLength !== wanted.length + 2) continue;
    if (!entries.subarray(at, at + wanted.length).equals(wanted)) continue;
    const streamSize = entries.readUInt32LE(at + 120);
    const start = entries.readUInt32LE(at + 116);
    if (streamSize < buf.readUInt32LE(56)) {
      // Small streams live in the mini stream (held by the root entry), in 64-byte sectors listed by
      // the mini allocation table.
      const ministream = read(entries.readUInt32LE(116));
      if (typeof ministream === 'string') return problem(`mini stream: ${ministream}`);
      const minifat = read(buf.readUInt32LE(60));
      if (typeof minifat === 'string') return problem(`mini allocation table: ${minifat}`);
      const parts: Buffer[] = [];
      const count = ministream.length / MINI_SECTOR;
      for (let s = start, hops = 0; s !== END_OF_CHAIN; hops++) {
        if (s >= count || hops > count) return problem(`${streamName}: a mini chain runs past the end`);
        parts.push(ministream.subarray(s * MINI_SECTOR, (s + 1) * MINI_SECTOR));
        s = s * 4 + 4 <= minifat.length ? minifat.readUInt32LE(s * 4) : END_OF_CHAIN;
      }
      const stream = Buffer.concat(parts);
      if (stream.length < streamSize)
        return problem(`${streamName} is shorter than its directory entry says`);
      return { bytes: stream.subarray(0, streamSize) };
    }
    const own = read(start);
    if (typeof own === 'string') return problem(`${streamName}: ${own}`);
    if (own.length < streamSize) return problem(`${streamName} is shorter than its directory entry says`);
    return { bytes: own.subarray(0, streamSize) };
  }
  return problem(`no ${streamName} stream in the directory`);
}

/** Why the compound file cannot be read, or undefined when the named stream's chain is whole. */
export function compoundFileProblem(bytes: Uint8Array, streamName: string): string | undefined {
  const r = readCompoundStream(bytes, streamName);
  return 'problem' in r ? r.problem : undefined;
}

/**
 * Why the container itself (header, allocation table, directory) cannot be read, whichever streams it
 * holds: a compound file cut short before its directory names what it is.
 */
export function compoundContainerProblem(bytes: Uint8Array): string | undefined {
  // A name no stream has: the walk then stops at the directory, or reports the stream missing.
  const r = readCompoundStream(bytes, '\u0001');
  return 'problem' in r && !r.problem.startsWith('no ') ? r.problem : undefined;
}
