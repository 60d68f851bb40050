// Parts of the day and clock times: 下午, 3:30pm, 三点半, 晏昼三点三个字, 4pm CET.
import type { SpecRule } from '../types.js';
import { CNN, DIGITS, num, R } from './common.js';

/** Hours a part of the day covers, and whether a clock time in it is am or pm. */
export const POD_HOURS: Record<string, [number, number, 'am' | 'pm' | null]> = {
  早上: [4, 12, 'am'],
  早晨: [4, 12, 'am'],
  清晨: [4, 9, 'am'],
  早间: [4, 12, 'am'],
  上午: [4, 12, 'am'],
  中午: [12, 14, 'pm'],
  下午: [12, 19, 'pm'],
  晏昼: [12, 19, 'pm'],
  白天: [6, 18, null],
  傍晚: [17, 20, 'pm'],
  晚上: [18, 24, 'pm'],
  夜晚: [18, 24, 'pm'],
  夜里: [18, 24, 'pm'],
  夜间: [18, 24, 'pm'],
  凌晨: [0, 4, 'am'],
  半夜: [0, 4, 'am'],
  午夜: [0, 4, 'am'],
};

export const PART_OF_DAY: SpecRule = {
  name: 'part of day',
  gate: '早上中下晏白傍晚夜凌半清午',
  pattern: R('(早上|早晨|上午|中午|下午|晏昼|傍晚|晚上|夜晚|夜里|夜间|凌晨|半夜|午夜|清晨|早间|白天)'),
  when: (s) => s.spec.pod === undefined,
  produce: (m, s) => {
    s.spec.pod = m[1] as string;
    return true;
  },
};

const ampmOf = (w: string): 'am' | 'pm' => (w.toLowerCase().startsWith('p') ? 'pm' : 'am');

/** Minutes after 点 in a Chinese clock time: 半, 一刻, 三刻, 整, 踏三 (Cantonese, 5 each), 十五分, 三个字. */
function chineseMinutes(m: RegExpExecArray): number | undefined {
  if (m[3]) return 30;
  if (m[4]) return 15;
  if (m[5]) return 45;
  if (m[6]) return 0;
  if (m[7]) return m[7] === '半' ? 30 : (num(m[7]) ?? 0) * 5;
  if (m[9] === undefined) return undefined;
  const v = num(m[9]);
  if (v === null) return undefined;
  const unit = m[10];
  if (unit === '个字') return v * 5;
  // 三点三: a single Chinese digit after 点 counts 字 (5 minutes)
  if (!m[8] && !unit && /^[一二三四五六七八九]$/.test(m[9])) return v * 5;
  return v;
}

/** 15:30(:20)(pm), 3pm, 三点 / 3点半 / 十点一刻: one of them, read after optional spaces. */
export const CLOCK: SpecRule[] = [
  {
    name: 'hh:mm',
    gate: '0-9',
    pattern: R(
      '(\\d{1,2})\\s*:\\s*(\\d{2})(?::(\\d{2}))?(?:\\s*(am|pm|a\\.m\\.|p\\.m\\.|a|p)(?![a-z]))?',
      'iy',
    ),
    produce: (m, s) => {
      const h = Number(m[1]);
      const mi = Number(m[2]);
      if (h > 24 || mi >= 60) return false;
      s.spec.hour = h;
      s.spec.minute = mi;
      if (m[3]) s.spec.second = Number(m[3]);
      if (m[4]) s.spec.ampm = ampmOf(m[4]);
      return true;
    },
  },
  {
    name: 'h am/pm',
    gate: '0-9',
    pattern: R('(\\d{1,2})\\s*(am|pm|a\\.m\\.|p\\.m\\.)(?![a-z])', 'iy'),
    produce: (m, s) => {
      const h = Number(m[1]);
      if (h > 12) return false;
      s.spec.hour = h;
      s.spec.ampm = ampmOf(m[2] as string);
      return true;
    },
  },
  {
    name: 'h点 mm',
    gate: DIGITS,
    pattern: R(
      `(\\d{1,2}|${CNN}{1,3})\\s*[点时](钟)?(?:(半)|(一刻)|(三刻)|(整)|[踏搭](半|[一二三四五六七八九十])|(零)?(\\d{1,2}|${CNN}{1,3})\\s*(分钟?|个字)?)?`,
    ),
    produce: (m, s) => {
      const h = num(m[1] as string);
      if (h === null || h > 24 || !Number.isInteger(h)) return false;
      const mi = chineseMinutes(m);
      if (mi !== undefined && mi >= 60) return false;
      s.spec.hour = h;
      if (mi !== undefined) s.spec.minute = mi;
      return true;
    },
  },
];

const TZ_OFFSETS: Record<string, number> = {
  CET: 60,
  CEST: 120,
  UTC: 0,
  GMT: 0,
  EST: -300,
  EDT: -240,
  PST: -480,
  PDT: -420,
  CST: 480,
  BST: 60,
  JST: 540,
  HKT: 480,
  SGT: 480,
};

/** 4pm CET: the zone a clock time is written in. */
export const TIME_ZONE: SpecRule = {
  name: 'time zone',
  gate: null,
  pattern: R('\\s*(CET|CEST|UTC|GMT|EST|EDT|PST|PDT|CST|BST|JST|HKT|SGT)(?![a-z])', 'iy'),
  when: (s) => s.spec.hour !== undefined,
  produce: (m, s) => {
    s.spec.tz = TZ_OFFSETS[(m[1] as string).toUpperCase()] ?? 0;
    return true;
  },
};
