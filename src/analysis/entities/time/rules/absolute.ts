// Calendar dates written out: numeric dates, years, months, days, parts of a month.
import { execAt } from '../../scanner.js';
import type { SpecRule } from '../types.js';
import { DAYNUM, DIGITS, MONTHNUM, num, R } from './common.js';

const PLACE_AFTER = '(?![仓库楼线门车机厂房栋室位台口座路街院区码箱件])';
const MONTH_ONLY_RE = R(`(${MONTHNUM})\\s*月份?(?!\\s*[个天日号])`);
const DAY_SPACED_RE = R(`\\s*(${DAYNUM})\\s*(?:号${PLACE_AFTER}|日)`);
const DAY_BARE_RE = R(`(${DAYNUM})(?![0-9])`);

/** Month and day read as numbers, when they can be a date at all (3/45 is not). */
function monthDay(m: RegExpExecArray, s: { spec: { month?: number; day?: number } }): boolean {
  if (Number(m[1]) > 12 || Number(m[2]) > 31 || Number(m[1]) < 1) return false;
  s.spec.month = Number(m[1]);
  s.spec.day = Number(m[2]);
  return true;
}

/** 2026-03-20, 20.03.2026, 3/20/2026, 3/20, 3.20前: one is read, and then no Chinese-order date. */
export const NUMERIC_DATE: SpecRule[] = [
  {
    name: 'year-month-day',
    gate: '0-9',
    pattern: R('(\\d{4})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})(?![\\d.])'),
    produce: (m, s) => {
      s.spec.year = Number(m[1]);
      s.spec.month = Number(m[2]);
      s.spec.day = Number(m[3]);
      return true;
    },
  },
  {
    name: 'day.month.year',
    gate: '0-9',
    pattern: R('(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?!\\d)'),
    produce: (m, s) => {
      s.spec.day = Number(m[1]);
      s.spec.month = Number(m[2]);
      s.spec.year = Number(m[3]);
      return true;
    },
  },
  {
    name: 'month/day/year',
    gate: '0-9',
    pattern: R('(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?!\\d)'),
    produce: (m, s) => {
      s.spec.month = Number(m[1]);
      s.spec.day = Number(m[2]);
      let y = Number(m[3]);
      if ((m[3] as string).length === 2) y += y < 50 ? 2000 : 1900;
      s.spec.year = y;
      return true;
    },
  },
  { name: 'month/day', gate: '0-9', pattern: R('(\\d{1,2})/(\\d{1,2})(?![\\d/])'), produce: monthDay },
  {
    // 3.20前 / 3.20号: month.day, only where a deadline word or 号 rules out a decimal.
    name: 'month.day before',
    gate: '0-9',
    pattern: R('(\\d{1,2})\\.(\\d{1,2})(?=\\s*(?:号|日|之前|以前|前))'),
    produce: monthDay,
  },
];

/** 2026年, 二〇二六年, 26年4月. */
export const YEAR_ABSOLUTE: SpecRule = {
  name: 'year',
  gate: '0-9零〇一二三四五六七八九',
  pattern: R(`(\\d{4}|[零〇一二三四五六七八九]{4}|\\d{2}(?=年\\s*\\d{1,2}\\s*月))\\s*年`),
  produce: (m, s) => {
    let y = num(m[1] as string);
    if (y !== null && (m[1] as string).length === 2) y += 2000;
    if (y === null || y < 1000 || y > 2999) return false;
    s.spec.year = y;
    return true;
  },
};

/** 3月 before a day (3月5号, 3月5), or 3月 / 3月份 alone — not 3个月, 3月天. */
export const MONTH_ABSOLUTE: SpecRule = {
  name: 'month',
  gate: DIGITS,
  pattern: R(`(${MONTHNUM})\\s*月`),
  produce: (m, s, { t, at }) => {
    const mo = num(m[1] as string);
    const after = at + m[0].length;
    const dm = execAt(DAY_SPACED_RE, t, after) ?? execAt(DAY_BARE_RE, t, after);
    const hasDay = dm !== null && num(dm[1] as string) !== null;
    const mOnly = execAt(MONTH_ONLY_RE, t, at);
    if (mo === null || !(hasDay || mOnly)) return false;
    s.spec.month = mo;
    return hasDay ? true : at + (mOnly as RegExpExecArray)[0].length;
  },
};

const monthNamed = (s: { spec: { month?: number; monthRel?: number } }) =>
  s.spec.month !== undefined || s.spec.monthRel !== undefined;

function readDay(m: RegExpExecArray, s: { spec: { day?: number } }): boolean {
  const d = num(m[1] as string);
  if (d === null || !Number.isInteger(d) || d < 1 || d > 31) return false;
  s.spec.day = d;
  return true;
}

/** The day of the month: 5号 / 5日 (not 5号仓库); after a month also spaced (3月 5 日) or bare (3月5). */
export const DAY: SpecRule[] = [
  { name: 'day after month', gate: null, pattern: DAY_SPACED_RE, when: monthNamed, produce: readDay },
  {
    name: 'day',
    gate: DIGITS,
    pattern: R(`(${DAYNUM})(?:号${PLACE_AFTER}|日)`),
    when: (s) => !monthNamed(s),
    produce: readDay,
  },
  {
    name: 'bare day after month',
    gate: null,
    pattern: DAY_BARE_RE,
    when: (s) => s.spec.month !== undefined,
    produce: readDay,
  },
];

/** 3月上旬 / 下月底 / 3月初: a part of a month named without a day. */
export const MONTH_PART: SpecRule = {
  name: 'part of month',
  gate: null,
  pattern: R('(上旬|中旬|下旬|底|末|初|中)'),
  when: (s) => monthNamed(s) && s.spec.day === undefined,
  produce: (m, s) => {
    s.spec.monthPart = m[1] as string;
    return true;
  },
};

/** 月底 / 年初 with no month or year named: this month's, this year's. */
export const STANDALONE_PART: SpecRule = {
  name: 'part of this month or year',
  gate: '月年',
  pattern: R('(月|年)(底|末|初|中)'),
  when: (s) => !s.any,
  produce: (m, s) => {
    if (m[1] === '月') s.spec.monthRel = 0;
    else s.spec.month = 12;
    if (m[1] === '年' && /[初]/.test(m[2] as string)) s.spec.month = 1;
    if (m[1] === '年') s.spec.yearRel = 0;
    s.spec.monthPart = m[2] as string;
    return true;
  },
};
