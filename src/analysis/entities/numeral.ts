// Chinese and Arabic numerals. Works on normalised text (see normalize.ts): simplified, half-width.
import { normalizeText } from './normalize.js';

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  '0': 0,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
  '8': 8,
  '9': 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const TENS: Record<string, number> = { 廿: 20, 卅: 30, 卌: 40 };

export const CN_DIGITS = '零〇一二两三四五六七八九';
export const CN_NUM_CHARS = `${CN_DIGITS}十百千万亿廿卅卌`;

/** Digits written one by one, as in years: 二零一五 → 2015. */
export function parseDigitSequence(s: string): number | null {
  if (s.length === 0 || s.length > 15) return null;
  let v = 0;
  for (const ch of s) {
    const d = DIGIT[ch];
    if (d === undefined || ch === '两') return null;
    v = v * 10 + d;
  }
  return v;
}

const ARABIC_RE = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

function parseArabic(s: string): number | null {
  if (s === '' || s === '.' || !ARABIC_RE.test(s)) return null;
  const v = Number(s.replace(/,/g, ''));
  return Number.isFinite(v) ? v : null;
}

/** Integer (or Arabic-decimal) part built from digits and 十百千万亿 units, including colloquial forms
 * where the last digit implies the next lower unit (两千三 = 2300, 千一 = 1100, 萬九 = 19000). */
function parseUnitNumber(s: string): number | null {
  let yi = 0;
  let wan = 0;
  let cur = 0;
  let pending: number | null = null;
  let lastUnit = 0;
  let afterZero = false;
  let seen = false;
  let i = 0;
  const flushColloquial = (): number => {
    if (pending === null) return 0;
    const p = pending;
    pending = null;
    if (lastUnit >= 100 && !afterZero) return (p * lastUnit) / 10;
    return p;
  };
  while (i < s.length) {
    const ch = s[i] as string;
    // Arabic run (may hold a decimal point) such as the 1.2 of 1.2万
    if (ch >= '0' && ch <= '9') {
      let j = i;
      while (j < s.length && /[0-9.,]/.test(s[j] as string)) j++;
      const v = parseArabic(s.slice(i, j));
      if (v === null || pending !== null) return null;
      pending = v;
      seen = true;
      i = j;
      continue;
    }
    const d = DIGIT[ch];
    if (d !== undefined) {
      if (pending !== null) return null;
      if (d === 0) {
        afterZero = true;
      } else {
        pending = d;
      }
      seen = true;
      i++;
      continue;
    }
    const u = UNIT[ch];
    if (u !== undefined) {
      if (lastUnit !== 0 && u >= lastUnit && lastUnit < 10000 && pending === null) return null;
      const p: number = pending ?? (afterZero ? 0 : 1);
      if (pending === null && afterZero) return null;
      cur += p * u;
      pending = null;
      lastUnit = u;
      afterZero = false;
      seen = true;
      i++;
      continue;
    }
    const t = TENS[ch];
    if (t !== undefined) {
      if (pending !== null) return null;
      cur += t;
      lastUnit = 10;
      afterZero = false;
      seen = true;
      i++;
      continue;
    }
    if (ch === '万' || ch === '亿') {
      let small = cur + flushColloquial();
      if (small === 0) small = 1;
      if (ch === '万') {
        if (wan !== 0) return null;
        wan = small;
        lastUnit = 10000;
      } else {
        if (yi !== 0) return null;
        yi = (wan * 10000 + small) * 1;
        wan = 0;
        lastUnit = 100000000;
      }
      cur = 0;
      afterZero = false;
      seen = true;
      i++;
      continue;
    }
    return null;
  }
  if (!seen) return null;
  const tail = cur + flushColloquial();
  return yi * 1e8 + wan * 1e4 + tail;
}

function parseFractionDigits(s: string): number | null {
  if (s.length === 0) return null;
  let str = '';
  for (const ch of s) {
    const d = DIGIT[ch];
    if (d === undefined || (ch === '两' && str.length > 0)) return null;
    str += String(d);
  }
  return Number(`0.${str}`);
}

function roundFloat(v: number): number {
  return Math.round(v * 1e10) / 1e10;
}

/** One numeral without fractions/classifiers: Arabic, Chinese, mixed (1.2万), decimal with 点. */
function parseSimple(s: string): number | null {
  if (s.length === 0) return null;
  const ar = parseArabic(s);
  if (ar !== null) return ar;
  // Arabic decimal followed by big units: 1.5万, 2.3亿
  const pointIdx = s.indexOf('点');
  if (pointIdx >= 0) {
    const intPart = s.slice(0, pointIdx);
    let fracPart = s.slice(pointIdx + 1);
    let mult = 1;
    const last = fracPart[fracPart.length - 1];
    if (last === '万') mult = 1e4;
    else if (last === '亿') mult = 1e8;
    if (mult !== 1) fracPart = fracPart.slice(0, -1);
    const ip = intPart === '' ? 0 : parseUnitNumber(intPart);
    const fp = parseFractionDigits(fracPart);
    if (ip === null || fp === null) return null;
    return roundFloat((ip + fp) * mult);
  }
  if (/^[零〇一二三四五六七八九]{2,}$/.test(s) && !/^[一二三四五六七八九][零〇]$/.test(s)) {
    return parseDigitSequence(s);
  }
  return parseUnitNumber(s);
}

const FRACTION_RE = /^(?:(.+?)又)?(.+?)(?:分之|份之|份|分)(.+)$/;
const SUFFIX_MULT: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, G: 1e9 };

/** A whole numeral string → its value, or null when the string is not one numeral. */
export function parseChineseNumber(input: string): number | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > 64) return null;
  return parseNormalized(normalizeText(input));
}

/** parseChineseNumber for text that is already normalised. */
export function parseNormalized(input: string): number | null {
  if (input.length === 0 || input.length > 64) return null;
  if (input.length <= 15 && isAsciiDigits(input)) return roundFloat(Number(input));
  let s = /\s/.test(input) ? input.replace(/\s+/g, '') : input;
  if (s.length === 0) return null;
  let sign = 1;
  if (s[0] === '-' || s[0] === '负') {
    sign = -1;
    s = s.slice(1);
  } else if (s[0] === '+' || s[0] === '正') {
    if (s.length > 1 && s[0] === '+') s = s.slice(1);
  }
  const v = parseUnsigned(s);
  if (v === null) return null;
  return sign * v === 0 ? 0 : sign * v;
}

/** Plain digits, the common case, skip the grammar (same value: parseArabic + roundFloat). */
function isAsciiDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function parseUnsigned(str: string): number | null {
  let s = str;
  // classifiers that keep or scale the value
  let mult = 1;
  const lastCh = s[s.length - 1];
  if (s.length > 1 && lastCh === '个') s = s.slice(0, -1);
  else if (s.length > 1 && (lastCh === '对' || lastCh === '双')) {
    mult = 2;
    s = s.slice(0, -1);
  } else if (s.length > 1 && lastCh === '打') {
    mult = 12;
    s = s.slice(0, -1);
  }
  if (/^(?:一|1)?半+$/.test(s)) return 0.5 * mult;
  const half = /^(.+?)个?半$/.exec(s);
  if (half?.[1]) {
    const whole = parseSimple(half[1]);
    if (whole === null) return null;
    return (whole + 0.5) * mult;
  }
  const suf = SUFFIX_MULT[s[s.length - 1] as string];
  if (suf !== undefined && s.length > 1) {
    const base = parseArabic(s.slice(0, -1));
    if (base === null) return null;
    return roundFloat(base * suf);
  }
  const simple = parseSimple(s);
  if (simple !== null) return roundFloat(simple * mult);
  const fr = FRACTION_RE.exec(s);
  if (fr) {
    const whole = fr[1] !== undefined ? parseSimple(fr[1]) : 0;
    const den = parseSimple(fr[2] as string);
    const num = parseSimple(fr[3] as string);
    if (whole === null || den === null || num === null || den === 0) return null;
    return roundFloat((whole + num / den) * mult);
  }
  return null;
}

export interface NumeralToken {
  start: number;
  end: number;
  value: number;
}

const RUN_RE = /[-负]?\s?[0-9零〇一二两三四五六七八九十百千万亿廿卅卌.,点半个对双打kKMG分份之又]+/g;
const MAX_RUN = 40;

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}
// The character tests of the scan below, as tables: it runs them for every candidate piece of every
// run, and a one-character regex test there was a good part of the scan's cost.
const MAY_START = charTable('-负0123456789零〇一二两三四五六七八九十百千万亿廿卅卌.半');
const CANNOT_END = charTable(',.点分份之又-');
const SUFFIX = charTable('kKMG');

/** JavaScript's \s, by code unit. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const isSign = (c: number) => c === 45 || c === 0x8d1f; // - 负

/** Scan normalised text for numerals; longest parse of each run wins; linear in the text length. */
export function scanNumerals(t: string, withSuffixes = true): NumeralToken[] {
  const out: NumeralToken[] = [];
  RUN_RE.lastIndex = 0;
  for (let m = RUN_RE.exec(t); m !== null; m = RUN_RE.exec(t)) {
    const runStart = m.index;
    const run = m[0].length > MAX_RUN ? m[0].slice(0, MAX_RUN) : m[0];
    let offset = 0;
    while (offset < run.length) {
      let found = false;
      if (MAY_START[run.charCodeAt(offset)] === 0) {
        offset++;
        continue;
      }
      for (let len = run.length - offset; len > 0; len--) {
        const lastCode = run.charCodeAt(offset + len - 1);
        if (len > 1 && (CANNOT_END[lastCode] === 1 || isSpace(lastCode))) continue;
        if (!withSuffixes && SUFFIX[lastCode] === 1) continue;
        // a bare sign ("-", "负", "- ")
        if (isSign(run.charCodeAt(offset)) && (len === 1 || (len === 2 && isSpace(lastCode)))) continue;
        const piece = run.slice(offset, offset + len);
        const v = parseNormalized(piece);
        if (v === null) continue;
        let s = runStart + offset;
        const e = s + len;
        // a hyphen right after a digit or letter is a dash (HC-PO-2602, 3000-5000), not a minus sign
        if (piece[0] === '-' && s > 0 && /[0-9A-Za-z%]/.test(t[s - 1] as string)) {
          s += 1;
          const unsigned = parseNormalized(piece.slice(1));
          if (unsigned === null) continue;
          out.push({ start: s, end: e, value: unsigned });
          offset += len;
          found = true;
          break;
        }
        if (badLeft(t, s) && !isSign(piece.charCodeAt(0))) break;
        out.push({ start: s, end: e, value: v });
        offset += len;
        found = true;
        break;
      }
      if (!found) offset++;
    }
    if (m[0].length > MAX_RUN) RUN_RE.lastIndex = runStart + MAX_RUN;
  }
  return out;
}

function badLeft(t: string, i: number): boolean {
  if (i <= 0) return false;
  const c = t.charCodeAt(i - 1);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
