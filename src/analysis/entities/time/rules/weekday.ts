// Weekdays and weeks: 周三, 下周五, 下下周一, 这周, 周末, 3月的第二个星期一.
import { addDays, parts, startOfDay, startOfWeek } from '../../calendar.js';
import { execAt } from '../../scanner.js';
import type { Spec, SpecRule, WholeRule } from '../types.js';
import { MONTH_ABSOLUTE } from './absolute.js';
import { dowOf, num, R, relShift, WD, WD_DAY } from './common.js';

const WEEKDAY_RE = R(`(上上个?|下下个?|上个|下个|这个|今个|上|下|这|今|本)?${WD}${WD_DAY}`);
const WEEKDAY_GATE = '上下这今本星礼周';

function applyWeekday(spec: Spec, m: RegExpExecArray): void {
  const pre = m[1] ?? '';
  spec.dow = dowOf(m[2] as string);
  spec.dowMode = pre === '' ? 'bare' : pre.startsWith('上') ? 'last' : pre.startsWith('下') ? 'next' : 'this';
  const shift = Math.abs(relShift(pre));
  if (shift > 1) spec.weekShift = relShift(pre);
}

/** 周日, 二月十号: a weekday standing first, before a month and day; the date names the day. */
export const WEEKDAY_BEFORE_DATE: SpecRule = {
  name: 'weekday before a date',
  gate: WEEKDAY_GATE,
  pattern: WEEKDAY_RE,
  silent: true,
  produce: (m, s, { t, at }) => {
    const after = at + m[0].length;
    const sep = execAt(/\s*[,，]?\s*/y, t, after);
    const q = after + (sep ? sep[0].length : 0);
    if (!(execAt(MONTH_ABSOLUTE.pattern, t, q) && /[,，\s]/.test(t[after] ?? ''))) return false;
    applyWeekday(s.spec, m);
    return q;
  },
};

/** 周三 / 下周五 / 上上礼拜一, where no day was named otherwise. */
export const WEEKDAY: SpecRule = {
  name: 'weekday',
  gate: WEEKDAY_GATE,
  pattern: WEEKDAY_RE,
  when: ({ spec: s }) =>
    s.dow === undefined &&
    s.day === undefined &&
    s.dayRel === undefined &&
    s.holiday === undefined &&
    s.month === undefined &&
    s.monthRel === undefined,
  produce: (m, s) => {
    applyWeekday(s.spec, m);
    return true;
  },
};

/** 3月的第二个星期一. */
export const NTH_WEEKDAY: SpecRule = {
  name: 'nth weekday of month',
  gate: '的第',
  pattern: R(`的?第([一二三四五1-5])个?${WD}${WD_DAY}`),
  when: (s) => s.spec.month !== undefined && s.spec.day === undefined,
  produce: (m, s) => {
    s.spec.nth = num(m[1] as string) ?? 1;
    s.spec.dow = dowOf(m[2] as string);
    s.spec.dowMode = 'bare';
    return true;
  },
};

/** Day of a named weekday: how 下周X and a bare 周X are read is a convention. */
export type WeekdayResolver = (spec: Spec, today: number) => number;

/** Business: weeks start on Monday; 下周X is day X of next week, a bare 周X the next one from today on. */
export const businessWeekday: WeekdayResolver = (spec, today) => {
  const target = spec.dow as number;
  const week = startOfWeek(today);
  const mode = spec.dowMode ?? 'bare';
  if (mode === 'next') return addDays(week, 7 + target - 1);
  if (mode === 'last') return addDays(week, -7 + target - 1);
  if (mode === 'this') return addDays(week, target - 1);
  return addDays(today, (target - parts(today).dow + 7) % 7);
};

/** Duckling: 这周X / 下周X the next X after today (下周三 on a Tuesday is tomorrow), 上周X the last one. */
export const ducklingWeekday: WeekdayResolver = (spec, today) => {
  const target = spec.dow as number;
  const dow = parts(today).dow;
  const mode = spec.dowMode ?? 'bare';
  if (mode === 'last') return addDays(today, -((dow - target + 7) % 7 || 7));
  if (mode === 'this') return addDays(today, (target - dow + 7) % 7);
  return addDays(today, (target - dow + 7) % 7 || 7);
};

/** 这周末 / 下个周末 / 周末: Friday 18:00 to Monday 00:00. 末 alone (年末) is not a weekend. */
export const WEEKEND: WholeRule = {
  name: 'weekend',
  gate: '上下这本星礼周',
  pattern: R(`(上个|下个|这个|上|下|这|本)?${WD}?末`),
  produce: (m, ctx, start) => {
    if (!(m[0].includes('周') || m[0].includes('星期') || m[0].includes('礼拜') || m[1])) return null;
    const fri = addDays(startOfWeek(startOfDay(ctx.now)), 4 + 7 * relShift(m[1] ?? ''));
    return {
      start,
      end: start + m[0].length,
      value: { type: 'interval', from: fri + 18 * 3_600_000, to: addDays(fri, 3), grain: 'hour' },
      weekend: true,
    };
  },
};

/** 这周 / 下一周 / 上上礼拜: the week, from its Monday. */
export const WEEK: WholeRule = {
  name: 'week',
  gate: '上下这今本',
  pattern: R(
    `(上上个?|下下个?|上个|下个|这个|今个|上一|下一|这一|上|下|这|本)${WD}(?![一二三四五六日天1-7])`,
  ),
  produce: (m, ctx, start) => ({
    start,
    end: start + m[0].length,
    value: {
      type: 'value',
      value: addDays(startOfWeek(startOfDay(ctx.now)), 7 * relShift(m[1] as string)),
      grain: 'week',
    },
  }),
};
