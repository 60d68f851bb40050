// Decides what a file is from its bytes. Names lie (a PNG saved as .docx, a .txt that is a mail), and
// the extension is only used to notice and report the mismatch, or to tell CSV from other text.
import { decodeTextBytes } from './text-decoding.js';
import { inspectZip, isZip } from './zip-inspect.js';

export type SniffedKind =
  | 'pdf'
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'zip'
  | 'damaged-zip'
  | 'ole'
  | 'word-binary'
  | 'spreadsheet-binary'
  | 'encrypted-ooxml'
  | 'executable'
  | 'archive'
  | 'image'
  | 'audio'
  | 'email'
  | 'html'
  | 'csv'
  | 'text'
  | 'binary'
  | 'garbled'
  | 'empty';

export interface SniffResult {
  kind: SniffedKind;
  mediaType: string;
  /** Extension in the file name, lower case, without dot. */
  extension?: string;
  /** Set when the name's extension promises a different kind of file than the content. */
  nameMismatch?: { extension: string; expected: string };
}

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, at: number, len: number) =>
  String.fromCharCode(...b.subarray(at, Math.min(b.length, at + len)));

const extensionKinds: Record<string, SniffedKind[]> = {
  pdf: ['pdf'],
  docx: ['docx', 'encrypted-ooxml', 'damaged-zip'],
  docm: ['docx'],
  xlsx: ['xlsx', 'encrypted-ooxml', 'damaged-zip'],
  xlsm: ['xlsx'],
  pptx: ['pptx'],
  zip: ['zip', 'docx', 'xlsx', 'pptx', 'damaged-zip'],
  doc: ['word-binary'],
  // WPS Writer (Kingsoft) saves .wps in Word 97's compound-file format.
  wps: ['word-binary'],
  dot: ['word-binary'],
  // WPS Spreadsheets saves .et as an Excel 97 workbook (BIFF8 in a compound file).
  xls: ['spreadsheet-binary'],
  et: ['spreadsheet-binary'],
  msg: ['ole'],
  eml: ['email', 'text'],
  txt: ['text', 'csv', 'email'],
  csv: ['csv', 'text'],
  tsv: ['csv', 'text'],
  html: ['html'],
  htm: ['html'],
  png: ['image'],
  jpg: ['image'],
  jpeg: ['image'],
  gif: ['image'],
  webp: ['image'],
  tif: ['image'],
  tiff: ['image'],
  bmp: ['image'],
  wav: ['audio'],
  mp3: ['audio'],
  m4a: ['audio'],
  ogg: ['audio'],
  opus: ['audio'],
  webm: ['audio'],
  amr: ['audio'],
  silk: ['audio'],
};

function extensionOf(name?: string): string | undefined {
  const m = name?.toLowerCase().match(/\.([a-z0-9]{1,5})$/);
  return m?.[1];
}

const WORD_STREAM = Buffer.from('WordDocument\0', 'utf16le');
/** Excel 97 and later name their stream "Workbook", Excel 5/95 "Book". */
const WORKBOOK_STREAMS = [Buffer.from('Workbook\0', 'utf16le'), Buffer.from('Book\0', 'utf16le')];

/** Programs: Windows (MZ, also .dll/.com), Linux (ELF), macOS (Mach-O), Java classes. */
function executableType(b: Uint8Array): string | undefined {
  // A message may well start with "MZ"; a program's header has NUL bytes in its first 64.
  if (ascii(b, 0, 2) === 'MZ' && b.length >= 64 && b.subarray(0, 64).includes(0))
    return 'application/x-msdownload';
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return 'application/x-elf';
  const machO = [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
  ];
  if (machO.some((sig) => startsWith(b, sig))) return 'application/x-mach-binary';
  if (startsWith(b, [0xca, 0xfe, 0xba, 0xbe])) return 'application/java-vm';
  return undefined;
}

/** Archives other than zip (which Office files are made of, and which is told apart below). */
function archiveType(b: Uint8Array): string | undefined {
  if (ascii(b, 0, 4) === 'Rar!' && startsWith(b, [0x1a, 0x07], 4)) return 'application/vnd.rar';
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'application/x-7z-compressed';
  if (startsWith(b, [0x1f, 0x8b])) return 'application/gzip';
  if (ascii(b, 0, 3) === 'BZh' && startsWith(b, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 4))
    return 'application/x-bzip2';
  if (startsWith(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'application/x-xz';
  if (ascii(b, 257, 5) === 'ustar') return 'application/x-tar';
  return undefined;
}

function sniffBinary(b: Uint8Array): { kind: SniffedKind; mediaType: string } | undefined {
  // PDF header may follow a little junk; readers accept it within the first KiB.
  if (ascii(b, 0, 1024).includes('%PDF-')) return { kind: 'pdf', mediaType: 'application/pdf' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', mediaType: 'image/png' };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'image', mediaType: 'image/jpeg' };
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')
    return { kind: 'image', mediaType: 'image/gif' };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP')
    return { kind: 'image', mediaType: 'image/webp' };
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]))
    return { kind: 'image', mediaType: 'image/tiff' };
  if (ascii(b, 0, 2) === 'BM' && b.length > 26) return { kind: 'image', mediaType: 'image/bmp' };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE')
    return { kind: 'audio', mediaType: 'audio/wav' };
  // MPEG audio frame sync, layer III only: FF FE / FF FF would otherwise catch UTF-16 byte order marks.
  if (ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && b[1] !== undefined && (b[1] & 0xe6) === 0xe2))
    return { kind: 'audio', mediaType: 'audio/mpeg' };
  if (ascii(b, 0, 4) === 'OggS') return { kind: 'audio', mediaType: 'audio/ogg' };
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'audio', mediaType: 'audio/webm' };
  if (ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (/^(M4A |M4B |mp42|isom|3gp)/.test(brand)) return { kind: 'audio', mediaType: 'audio/mp4' };
  }
  if (ascii(b, 0, 6) === '#!AMR\n') return { kind: 'audio', mediaType: 'audio/amr' };
  if (ascii(b, 0, 10) === '#!SILK_V3' || ascii(b, 1, 9) === '#!SILK_V3')
    return { kind: 'audio', mediaType: 'audio/silk' };
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // Password-protected .docx/.xlsx are stored as an OLE container holding "EncryptedPackage".
    const marker = new TextDecoder('utf-16le').decode(b.subarray(0, Math.min(b.length, 64 * 1024)));
    if (marker.includes('EncryptedPackage'))
      return { kind: 'encrypted-ooxml', mediaType: 'application/x-ooxml-encrypted' };
    // The directory may sit anywhere in the file, so the whole of it is searched for the stream name
    // Word and WPS Writer give their text ("WordDocument", UTF-16 as directory names are stored).
    const whole = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    if (whole.includes(WORD_STREAM)) return { kind: 'word-binary', mediaType: 'application/msword' };
    if (WORKBOOK_STREAMS.some((name) => whole.includes(name)))
      return { kind: 'spreadsheet-binary', mediaType: 'application/vnd.ms-excel' };
    return { kind: 'ole', mediaType: 'application/x-ole-storage' };
  }
  const program = executableType(b);
  if (program) return { kind: 'executable', mediaType: program };
  const archive = archiveType(b);
  if (archive) return { kind: 'archive', mediaType: archive };
  if (isZip(b)) {
    const z = inspectZip(b);
    if (z.ok) {
      const names = new Set(z.entries.map((e) => e.name));
      if (names.has('word/document.xml'))
        return {
          kind: 'docx',
          mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        };
      if (names.has('xl/workbook.xml'))
        return {
          kind: 'xlsx',
          mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        };
      if (names.has('ppt/presentation.xml'))
        return {
          kind: 'pptx',
          mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        };
    }
    if (!z.ok) {
      // Truncated uploads lose the central directory at the end; local headers still name the parts.
      const head = ascii(b, 0, 64 * 1024);
      const mediaType = head.includes('word/')
        ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        : head.includes('xl/')
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'application/zip';
      return { kind: 'damaged-zip', mediaType };
    }
    return { kind: 'zip', mediaType: 'application/zip' };
  }
  return undefined;
}

const MAIL_HEADER =
  /^(from|to|cc|subject|date|message-id|mime-version|received|return-path|content-type|reply-to|x-[\w-]+):/i;

function looksLikeMail(head: string): boolean {
  const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerLines: string[] = [];
  for (const line of lines) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) continue; // folded header continuation
    headerLines.push(line);
    if (headerLines.length > 60) break;
  }
  const known = headerLines.filter((l) => MAIL_HEADER.test(l));
  if (known.length < 2 || known.length < headerLines.length * 0.6) return false;
  const names = known.map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
  return names.includes('from') || names.includes('mime-version') || names.includes('received');
}

function looksLikeCsv(head: string): boolean {
  const lines = head
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  if (lines.length < 2) return false;
  for (const sep of [',', '\t', ';']) {
    const counts = lines.map((l) => l.split(sep).length - 1);
    if (counts[0]! >= 2 && counts.every((c) => c === counts[0])) return true;
  }
  return false;
}

function hasBinaryControlBytes(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  let bad = 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) zeros++;
    else if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) bad++;
  }
  if (zeros > 0) {
    let even = 0;
    for (let i = 0; i < n; i += 2) if (b[i] === 0) even++;
    const alternating = even === 0 || even === zeros;
    if (!alternating) return true;
  }
  return bad > n * 0.02;
}

/**
 * Past this share of unreadable characters a "text" is not worth analysing: what comes out would be
 * classed and listed like a real message. Real messages have a handful at most (a stray symbol a
 * customer's font lacked).
 */
export const GARBLED_LIMIT = 0.1;

/**
 * Share of characters nobody can read: replacement characters (bytes no encoding explains), control
 * characters other than tab and line ends, private-use code points and lone surrogates — and
 * "锟斤拷", which is what replacement characters saved as UTF-8 look like when read as GBK.
 */
export function garbledShare(text: string): number {
  let bad = (text.match(/锟斤拷/g)?.length ?? 0) * 3;
  let total = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x3000) continue;
    total++;
    if (
      c === 0xfffd ||
      c < 0x20 ||
      (c >= 0x7f && c <= 0x9f) ||
      (c >= 0xe000 && c <= 0xf8ff) ||
      (c >= 0xd800 && c <= 0xdfff)
    )
      bad++;
  }
  return total === 0 ? 0 : bad / total;
}

export function sniff(bytes: Uint8Array, fileName?: string, headText?: string): SniffResult {
  const extension = extensionOf(fileName);
  const base = (kind: SniffedKind, mediaType: string): SniffResult => {
    const r: SniffResult = { kind, mediaType };
    if (extension) {
      r.extension = extension;
      const expected = extensionKinds[extension];
      if (expected && !expected.includes(kind)) r.nameMismatch = { extension, expected: expected[0]! };
    }
    return r;
  };
  if (bytes.length === 0) return base('empty', 'application/octet-stream');
  const bin = sniffBinary(bytes);
  if (bin) return base(bin.kind, bin.mediaType);
  const decoded = decodeTextBytes(bytes.subarray(0, 256 * 1024));
  // UTF-16 text is full of bytes that look like control codes; trust the decoder's choice there.
  if (!decoded.encoding.startsWith('utf-16') && hasBinaryControlBytes(bytes))
    return base('binary', 'application/octet-stream');
  if (garbledShare(decoded.text) > GARBLED_LIMIT) return base('garbled', 'application/octet-stream');
  const head = (headText ?? decoded.text).slice(0, 16 * 1024);
  if (looksLikeMail(head)) return base('email', 'message/rfc822');
  if (/^\s*(<!doctype html|<html[\s>])/i.test(head)) return base('html', 'text/html');
  if (extension === 'csv' || extension === 'tsv' || (extension !== 'txt' && looksLikeCsv(head)))
    return base('csv', extension === 'tsv' ? 'text/tab-separated-values' : 'text/csv');
  return base('text', 'text/plain');
}
