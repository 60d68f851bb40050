// A small Word 97 (.doc) file made by hand, because no tool on the test machines writes one (LibreOffice
// would, but is far heavier than what intake needs at run time). It is a real compound file (OLE/CFB v3,
// 512-byte sectors) holding the two streams a text reader uses: "WordDocument" with its File
// Information Block (magic 0xA5EC, nFib 193, fExtChar, the 1Table flag, fcMin/fcMac and ccpText) and
// the text as UTF-16, and "1Table" with the piece table (Clx) that maps the characters onto it. What
// it leaves out (style sheet, character and paragraph formatting) is what text extraction ignores.
// WPS Writer saves its .wps in this same format, so the same bytes stand for a .wps file.

const SECTOR = 512;
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const FAT_SECTOR = 0xfffffffd;
const NO_STREAM = 0xffffffff;
/** Streams below this size would live in the mini stream; padding them past it keeps one allocation table. */
const MINI_CUTOFF = 4096;
const TEXT_AT = 0x800;

function padTo(bytes: Buffer, size: number): Buffer {
  return bytes.length >= size ? bytes : Buffer.concat([bytes, Buffer.alloc(size - bytes.length)]);
}

function wordDocumentStream(text: string): { stream: Buffer; clx: Buffer } {
  // Word ends every paragraph with CR; the document's text ends with one.
  const body = `${text.replace(/\r?\n/g, '\r')}\r`;
  const utf16 = Buffer.from(body, 'utf16le');
  const fib = Buffer.alloc(TEXT_AT);
  fib.writeUInt16LE(0xa5ec, 0); // wIdent
  fib.writeUInt16LE(193, 2); // nFib: Word 97
  fib.writeUInt16LE(0x0804, 6); // lid: Chinese (PRC)
  fib.writeUInt16LE(0x1000 | 0x0200, 10); // fExtChar | fWhichTblStm (1Table)
  fib.writeUInt16LE(0x00bf, 12); // nFibBack
  fib.writeUInt32LE(TEXT_AT, 24); // fcMin
  fib.writeUInt32LE(TEXT_AT + utf16.length, 28); // fcMac
  fib.writeUInt16LE(14, 32); // csw
  fib.writeUInt16LE(22, 62); // cslw
  fib.writeUInt32LE(TEXT_AT + utf16.length, 64); // cbMac
  fib.writeUInt32LE(body.length, 76); // ccpText
  fib.writeUInt16LE(93, 152); // cbRgFcLcb for nFib 193
  // Piece table: one piece, the whole text, stored as UTF-16 at TEXT_AT (fCompressed clear).
  const plc = Buffer.alloc(8 + 8);
  plc.writeUInt32LE(0, 0);
  plc.writeUInt32LE(body.length, 4);
  plc.writeUInt16LE(0, 8);
  plc.writeUInt32LE(TEXT_AT, 10);
  plc.writeUInt16LE(0, 14);
  const clx = Buffer.alloc(5 + plc.length);
  clx.writeUInt8(0x02, 0);
  clx.writeUInt32LE(plc.length, 1);
  plc.copy(clx, 5);
  fib.writeUInt32LE(0, 0x1a2); // fcClx: at the start of 1Table
  fib.writeUInt32LE(clx.length, 0x1a6); // lcbClx
  return { stream: padTo(Buffer.concat([fib, utf16]), MINI_CUTOFF), clx: padTo(clx, MINI_CUTOFF) };
}

function directoryEntry(
  name: string,
  type: number,
  opts: { left?: number; right?: number; child?: number; start?: number; size?: number } = {},
): Buffer {
  const e = Buffer.alloc(128);
  if (name) {
    const n = Buffer.from(`${name}\0`, 'utf16le');
    n.copy(e, 0);
    e.writeUInt16LE(n.length, 64);
  }
  e.writeUInt8(type, 66);
  e.writeUInt8(1, 67); // black
  e.writeUInt32LE(opts.left ?? NO_STREAM, 68);
  e.writeUInt32LE(opts.right ?? NO_STREAM, 72);
  e.writeUInt32LE(opts.child ?? NO_STREAM, 76);
  e.writeUInt32LE(opts.start ?? (type === 0 ? 0 : END_OF_CHAIN), 116);
  e.writeUInt32LE(opts.size ?? 0, 120);
  return e;
}

/** The bytes of a .doc holding `text` (paragraphs split on newlines). */
export function word97Doc(text: string): Buffer {
  const { stream, clx } = wordDocumentStream(text);
  const wordSectors = Math.ceil(stream.length / SECTOR);
  const tableSectors = Math.ceil(clx.length / SECTOR);
  // Sector 0: the allocation table; 1: the directory; then the two streams.
  const wordStart = 2;
  const tableStart = wordStart + wordSectors;
  const total = tableStart + tableSectors;
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FAT_SECTOR, 0);
  fat.writeUInt32LE(END_OF_CHAIN, 4);
  const chain = (start: number, n: number) => {
    for (let i = 0; i < n; i++)
      fat.writeUInt32LE(i === n - 1 ? END_OF_CHAIN : start + i + 1, (start + i) * 4);
  };
  chain(wordStart, wordSectors);
  chain(tableStart, tableSectors);
  if (total > SECTOR / 4) throw new Error('text too long for this one-sector allocation table');

  // The directory is a red-black tree ordered by name length, then name: "1Table" < "WordDocument".
  const directory = Buffer.concat([
    directoryEntry('Root Entry', 5, { child: 1 }),
    directoryEntry('WordDocument', 2, { left: 2, start: wordStart, size: stream.length }),
    directoryEntry('1Table', 2, { start: tableStart, size: clx.length }),
    directoryEntry('', 0),
  ]);

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32); // 64-byte mini sectors
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // directory at sector 1
  header.writeUInt32LE(MINI_CUTOFF, 56);
  header.writeUInt32LE(END_OF_CHAIN, 60); // no mini FAT
  header.writeUInt32LE(END_OF_CHAIN, 68); // no DIFAT sectors
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREE, 76 + i * 4);
  return Buffer.concat([header, fat, padTo(directory, SECTOR), stream, clx]);
}
