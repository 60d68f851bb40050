// A structural check of an OLE compound file (the container of .doc, .wps, .xls) before a reader is
// run on it. Readers loop or wait for bytes that never come when a truncated upload cut the chains of
// sectors short (catdoc hangs on a .doc cut in half), so the chains are walked here first: every
// sector a stream needs must lie inside the file.

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;

/** Why the compound file cannot be read, or undefined when the named stream's chain is whole. */
export function compoundFileProblem(bytes: Uint8Array, streamName: string): string | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 512) return 'shorter than the compound-file header';
  const shift = buf.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) return `sector size 2^${shift} is not 512 or 4096`;
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
    if (!inFile(difat) || hops > sectors) return 'allocation table index runs past the end';
    const sec = sectorAt(difat);
    for (let i = 0; i < size / 4 - 1; i++) {
      const s = sec.readUInt32LE(i * 4);
      if (s !== FREE) fatSectors.push(s);
    }
    difat = sec.readUInt32LE(size - 4);
  }
  if (fatSectors.length === 0 || fatSectors.some((s) => !inFile(s)))
    return 'allocation table lies past the end of the file (truncated?)';
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

  const dir = chain(buf.readUInt32LE(48));
  if (typeof dir === 'string') return `directory: ${dir}`;
  const entries = Buffer.concat(dir.map(sectorAt));
  const wanted = Buffer.from(streamName, 'utf16le');
  for (let at = 0; at + 128 <= entries.length; at += 128) {
    const nameLength = entries.readUInt16LE(at + 64);
    if (entries[at + 66] !== 2 || nameLength !== wanted.length + 2) continue;
    if (!entries.subarray(at, at + wanted.length).equals(wanted)) continue;
    const streamSize = entries.readUInt32LE(at + 120);
    if (streamSize < buf.readUInt32LE(56)) {
      // Small streams live in the mini stream, itself a chain held by the root entry.
      const root = chain(entries.readUInt32LE(116));
      return typeof root === 'string' ? `mini stream: ${root}` : undefined;
    }
    const own = chain(entries.readUInt32LE(at + 116));
    if (typeof own === 'string') return `${streamName}: ${own}`;
    if (own.length * size < streamSize) return `${streamName} is shorter than its directory entry says`;
    return undefined;
  }
  return `no ${streamName} stream in the directory`;
}
