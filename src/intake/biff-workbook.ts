// The few facts of an Excel 97–2003 workbook (.xls, and WPS Spreadsheets' .et, the same BIFF8 format)
// that its converter, catdoc's xls2csv, gets wrong or leaves out: the date system (xls2csv takes
// every workbook with a DATEMODE record, which Excel and WPS always write, for a 1904 one, so its
// dates come out four years late), which number cells are dates under a format of the workbook's own
// (xls2csv knows only the built-in date formats, the others come out as day numbers), the sheet
// names, and whether the file is encrypted. Only the records holding them are walked; the cell text
// itself is left to xls2csv.
import { readCompoundStream } from './compound-file.js';

const BOF = 0x0809;
const EOF = 0x000a;
const FILEPASS = 0x002f;
const DATEMODE = 0x0022;
const BOUNDSHEET = 0x0085;
const FORMAT = 0x041e;
const XF = 0x00e0;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const FORMULA = 0x0006;
const CELLS = new Set([NUMBER, RK, MULRK, FORMULA, 0x00fd, 0x0204, 0x0205, 0x00d6, 0x0201, 0x00be]);

/** Built-in number formats that show a date or time (Excel's list, with the Chinese locale's 27–36 and 50–58). */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

export interface BiffSheet {
  name: string;
  hidden: boolean;
  /** Whether the sheet has any cell record (xls2csv prints nothing, not even a break, for one without). */
  hasCells: boolean;
  /** Column → the Excel day numbers of the cells in it shown as dates. */
  dateCells: Map<number, number[]>;
}

export interface BiffWorkbook {
  encrypted: boolean;
  /** Whether the DATEMODE record is there (xls2csv then counts days from 1904, whatever it says). */
  hasDateMode: boolean;
  date1904: boolean;
  /** Worksheets in the workbook's order (chart and macro sheets left out). */
  sheets: BiffSheet[];
}

/** A custom number format shows a date when, outside quoted text and [colour] codes, it has y m d h or s. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '');
  // Only the first section (positive numbers) decides; "General" and number formats have no such letter.
  const first = bare.split(';')[0] ?? '';
  return /[ymdhs]/i.test(first);
}

function rkValue(rk: number): number {
  const scaled = (rk & 1) !== 0;
  let v: number;
  if (rk & 2) v = rk >> 2;
  else {
    const b = Buffer.alloc(8);
    b.writeUInt32LE(rk & 0xfffffffc, 4);
    v = b.readDoubleLE(0);
  }
  return scaled ? v / 100 : v;
}

function shortString(rec: Buffer, at: number): string {
  const cch = rec[at] ?? 0;
  const high = ((rec[at + 1] ?? 0) & 1) !== 0;
  const chars = rec.subarray(at + 2, at + 2 + cch * (high ? 2 : 1));
  return high ? chars.toString('utf16le') : chars.toString('latin1');
}

function longString(rec: Buffer, at: number): string {
  const cch = rec.readUInt16LE(at);
  const high = ((rec[at + 2] ?? 0) & 1) !== 0;
  const chars = rec.subarray(at + 3, at + 3 + cch * (high ? 2 : 1));
  return high ? chars.toString('utf16le') : chars.toString('latin1');
}

function* records(stream: Buffer, from: number): Generator<{ type: number; data: Buffer; at: number }> {
  for (let at = from; at + 4 <= stream.length; ) {
    const type = stream.readUInt16LE(at);
    const len = stream.readUInt16LE(at + 2);
    if (at + 4 + len > stream.length) return;
    yield { type, data: stream.subarray(at + 4, at + 4 + len), at };
    at += 4 + len;
  }
}

/** The workbook's facts, or why its container cannot be read (a cut-off or damaged file). */
export function readBiffWorkbook(bytes: Uint8Array): BiffWorkbook | { problem: string } {
  let stream = readCompoundStream(bytes, 'Workbook');
  // Excel 5/95 named the stream "Book".
  if ('problem' in stream && /^no Workbook stream/.test(stream.problem))
    stream = readCompoundStream(bytes, 'Book');
  if ('problem' in stream) return stream;
  const s = stream.bytes;
  if (s.length < 4 || s.readUInt16LE(0) !== BOF)
    return { problem: 'the workbook stream does not start with BOF' };

  const book: BiffWorkbook = { encrypted: false, hasDateMode: false, date1904: false, sheets: [] };
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  const bound: { name: string; hidden: boolean; at: number }[] = [];
  for (const r of records(s, 0)) {
    if (r.type === EOF) break;
    if (r.type === FILEPASS) book.encrypted = true;
    else if (r.type === DATEMODE && r.data.length >= 2) {
      book.hasDateMode = true;
      book.date1904 = r.data.readUInt16LE(0) === 1;
    } else if (r.type === FORMAT && r.data.length >= 5)
      formats.set(r.data.readUInt16LE(0), longString(r.data, 2));
    else if (r.type === XF && r.data.length >= 4) xfFormats.push(r.data.readUInt16LE(2));
    else if (r.type === BOUNDSHEET && r.data.length >= 8 && r.data[5] === 0)
      bound.push({
        name: shortString(r.data, 6),
        hidden: (r.data[4] ?? 0) !== 0,
        at: r.data.readUInt32LE(0),
      });
  }
  // An encrypted workbook's records are scrambled past FILEPASS; nothing more can be read.
  if (book.encrypted) return book;

  const isDate = (xf: number) => {
    const ifmt = xfFormats[xf];
    if (ifmt === undefined) return false;
    const custom = formats.get(ifmt);
    return custom !== undefined ? isDateFormatCode(custom) : BUILT_IN_DATES.has(ifmt);
  };
  for (const b of bound) {
    const sheet: BiffSheet = { name: b.name, hidden: b.hidden, hasCells: false, dateCells: new Map() };
    const add = (col: number, xf: number, value: number) => {
      if (!isDate(xf) || !Number.isFinite(value)) return;
      const list = sheet.dateCells.get(col) ?? [];
      list.push(value);
      sheet.dateCells.set(col, list);
    };
    if (b.at + 4 <= s.length && s.readUInt16LE(b.at) === BOF) {
      let first = true;
      for (const r of records(s, b.at)) {
        if (first) {
          first = false;
          continue;
        }
        if (r.type === EOF || r.type === BOF) break;
        if (!CELLS.has(r.type) || r.data.length < 6) continue;
        sheet.hasCells = true;
        const col = r.data.readUInt16LE(2);
        if (r.type === NUMBER && r.data.length >= 14)
          add(col, r.data.readUInt16LE(4), r.data.readDoubleLE(6));
        else if (r.type === RK && r.data.length >= 10)
          add(col, r.data.readUInt16LE(4), rkValue(r.data.readInt32LE(6)));
        else if (r.type === FORMULA && r.data.length >= 14 && r.data.readUInt16LE(12) !== 0xffff)
          add(col, r.data.readUInt16LE(4), r.data.readDoubleLE(6));
        else if (r.type === MULRK) {
          for (let at = 4, c = col; at + 6 <= r.data.length - 2; at += 6, c++)
            add(c, r.data.readUInt16LE(at), rkValue(r.data.readInt32LE(at + 2)));
        }
      }
    }
    book.sheets.push(sheet);
  }
  return book;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An Excel day number as the sheet shows it, in the form the .xlsx reader writes (order-table.ts reads
 * both alike): a date, a date and time, or a time of day.
 */
export function excelDayText(serial: number, date1904: boolean): string {
  const whole = Math.floor(serial);
  const minutes = Math.round((serial - whole) * 24 * 60);
  const time = `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
  if (whole === 0 && !date1904) return time;
  // 1900 system: day 1 is 1900-01-01 and day 60 the 29 February 1900 Excel believes in.
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, whole < 60 ? 31 : 30);
  const d = new Date(base + whole * 86_400_000);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return minutes > 0 ? `${day} ${time}` : day;
}
