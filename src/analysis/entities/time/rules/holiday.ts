// Holidays by name (春节, 国庆, 复活节 …), per locale: the names and dates live in ../../holidays.ts.
import { type HolidayDef, holidaysFor } from '../../holidays.js';
import type { SpecRule } from '../types.js';
import { R } from './common.js';

/** First characters of every holiday name in any locale: the gate of the holiday rule. */
export const HOLIDAY_FIRST = new Set(
  holidaysFor(undefined)
    .concat(holidaysFor('zh_TW'))
    .flatMap((h) => h.names.split('|').map((n) => n[0] as string)),
);

const HOLIDAY_GATE = [...HOLIDAY_FIRST].join('');

const HOLIDAY_CACHE = new Map<string, { re: RegExp; defs: HolidayDef[] }>();

/** One alternation of every name, longest first, and the holiday of each alternative's group. */
function holidayMatcher(locale: string | undefined): { re: RegExp; defs: HolidayDef[] } {
  const key = /TW$/i.test(locale ?? '') ? 'TW' : 'other';
  let hit = HOLIDAY_CACHE.get(key);
  if (!hit) {
    const defs = holidaysFor(locale);
    // longest alternatives first so 复活节星期一 wins over 复活节
    const alts: Array<[string, number]> = [];
    defs.forEach((d, idx) => {
      for (const a of d.names.split('|')) alts.push([a, idx]);
    });
    alts.sort((a, b) => b[0].replace(/\?/g, '').length - a[0].replace(/\?/g, '').length);
    const re = R(alts.map(([a]) => `(${a})`).join('|'));
    const ordered = alts.map(([, idx]) => defs[idx] as HolidayDef);
    hit = { re, defs: ordered };
    HOLIDAY_CACHE.set(key, hit);
  }
  return hit;
}

/** 春节 / 2020年春节 / 明年国庆: a holiday first, or after a year with no month. */
export const HOLIDAY: SpecRule = {
  name: 'holiday',
  gate: HOLIDAY_GATE,
  pattern: holidayMatcher(undefined).re,
  patternFor: (locale) => holidayMatcher(locale).re,
  when: ({ any, spec: s }) =>
    !any ||
    ((s.year !== undefined || s.yearRel !== undefined) && s.month === undefined && s.monthRel === undefined),
  produce: (m, s, { locale }) => {
    const { defs } = holidayMatcher(locale);
    for (let k = 1; k < m.length; k++) {
      if (m[k] !== undefined) {
        s.spec.holiday = defs[k - 1];
        break;
      }
    }
    return true;
  },
};
