// English dates in mixed text: March 31, 31st March 2026, end of March; "by / before …" deadlines.
import { execAt } from '../../scanner.js';
import type { Spec } from '../types.js';
import { R } from './common.js';

const EN_MONTHS = [
  'january|jan\\.?',
  'february|feb\\.?',
  'march|mar\\.?',
  'april|apr\\.?',
  'may',
  'june|jun\\.?',
  'july|jul\\.?',
  'august|aug\\.?',
  'september|sept?\\.?',
  'october|oct\\.?',
  'november|nov\\.?',
  'december|dec\\.?',
];
const EN_MONTH = `(${EN_MONTHS.join('|')})`;
const EN_ORD = '(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)';
const EN_MDY_RE = R(`${EN_MONTH}(?:\\s+${EN_ORD})?(?:\\s*,?\\s*(\\d{4}))?(?![a-z])`, 'iy');
const EN_DMY_RE = R(`${EN_ORD}\\s+(?:of\\s+)?${EN_MONTH}(?:\\s*,?\\s*(\\d{4}))?(?![a-z])`, 'iy');
const EN_PART_RE = R('(end of|the end of|beginning of|the beginning of|early|mid|middle of|late)\\s+', 'iy');

/** by / before / no later than … (a deadline word before an English or Chinese date). */
export const EN_DEADLINE_RE = R(
  '(by|before|no later than|not later than|latest by|until)\\s+(?:the\\s+)?',
  'iy',
);

function enMonth(s: string): number {
  const k = s.toLowerCase().slice(0, 3);
  return ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(k) + 1;
}

// Every English date names a month; a text without any month word (most Chinese messages) needs no
// English parse at its many digit positions. Remembered for the last text scanned.
const EN_MONTH_WORD = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
let monthWordText = '';
let monthWordFound = false;
export function hasMonthWord(t: string): boolean {
  if (t !== monthWordText) {
    monthWordText = t;
    monthWordFound = EN_MONTH_WORD.test(t);
  }
  return monthWordFound;
}

/** 31st March 2026 (no "end of" before it): a day, or nothing. */
function dayMonthYear(m: RegExpExecArray, end: number): { end: number; spec: Spec } | null {
  const spec: Spec = { day: Number(m[1]), month: enMonth(m[2] as string) };
  if (m[3]) spec.year = Number(m[3]);
  return (spec.day as number) >= 1 && (spec.day as number) <= 31 ? { end, spec } : null;
}

/** An English date at i, or null. */
export function parseEnglish(t: string, i: number): { end: number; spec: Spec } | null {
  if (!hasMonthWord(t)) return null;
  let p = i;
  const part = execAt(EN_PART_RE, t, p);
  if (part) p += part[0].length;
  let m = execAt(EN_DMY_RE, t, p);
  if (m && !part) return dayMonthYear(m, p + m[0].length);
  m = execAt(EN_MDY_RE, t, p);
  if (!m) return null;
  // "may" alone is usually the verb
  if (/^may$/i.test(m[0]) && !part) return null;
  const spec: Spec = { month: enMonth(m[1] as string) };
  if (m[2] && !part) {
    spec.day = Number(m[2]);
    if (spec.day < 1 || spec.day > 31) return null;
  } else if (m[2]) return null;
  if (m[3]) spec.year = Number(m[3]);
  if (part) {
    const w = (part[1] as string).toLowerCase();
    spec.monthPart = /end|late/.test(w) ? '底' : /mid|middle/.test(w) ? '中' : '初';
  }
  return { end: p + m[0].length, spec };
}
