// A point expression's spec → a time value, against now and the convention.
import {
  addDays,
  addMonths,
  DAY_MS,
  daysInMonth,
  type Grain,
  isValidDate,
  parts,
  startOfDay,
  startOfWeek,
  ymd,
} from '../calendar.js';
import { holidayInYear, nextHoliday } from '../holidays.js';
import { CONVENTIONS } from './conventions.js';
import { POD_HOURS } from './rules/clock.js';
import type { Spec, TimeContext, TimeValue } from './types.js';

/** The day a spec names (null: none, only a time of day), with a holiday's name and span. */
interface DayReading {
  day: number | null;
  holiday?: string;
  interval?: { from: number; to: number };
}

type Now = { now: number; np: ReturnType<typeof parts>; today: number };

const withHoliday = (name: string | undefined) => (name ? { holiday: name } : {});

function holidayDay(spec: Spec, { np, today }: Now): DayReading | TimeValue | null {
  const h = spec.holiday!;
  const occ =
    spec.year !== undefined
      ? holidayInYear(h, spec.year)
      : spec.yearRel !== undefined
        ? holidayInYear(h, np.y + spec.yearRel)
        : nextHoliday(h, today, np.y);
  if (!occ) return null;
  const day = occ.start;
  if (occ.time) {
    return {
      type: 'interval',
      from: day + (occ.time.from[0] * 60 + occ.time.from[1]) * 60000,
      to: day + (occ.time.to[0] * 60 + occ.time.to[1]) * 60000,
      grain: 'minute',
      holiday: occ.canonical,
    };
  }
  return {
    day,
    holiday: occ.canonical,
    ...(occ.end !== undefined ? { interval: { from: occ.start, to: occ.end } } : {}),
  };
}

/** A month without a day: its nth weekday, a part of it (上旬 / 月底) or the whole month. */
function monthWithoutDay(spec: Spec, y: number, mo: number): DayReading | TimeValue | null {
  if (spec.nth !== undefined && spec.dow !== undefined) {
    const first = ymd(y, mo, 1);
    const d = addDays(first, ((spec.dow - parts(first).dow + 7) % 7) + 7 * (spec.nth - 1));
    return parts(d).m === mo ? { day: d } : null;
  }
  if (spec.monthPart) {
    const dim = daysInMonth(y, mo);
    const [a, b] =
      spec.monthPart === '初' || spec.monthPart === '上旬'
        ? [1, 10]
        : spec.monthPart === '中' || spec.monthPart === '中旬'
          ? [11, 20]
          : [21, dim];
    return { type: 'interval', from: ymd(y, mo, a), to: addDays(ymd(y, mo, b), 1), grain: 'day' };
  }
  return { type: 'value', value: ymd(y, mo, 1), grain: 'month' };
}

/** A day of the month alone: this month's if not past, else next month's. */
function dayOfMonthOnly(d: number, { np, today }: Now): number | null {
  let cand = ymd(np.y, np.m, Math.min(d, 31));
  if (!isValidDate(np.y, np.m, d) || cand < today) {
    const q = parts(addMonths(ymd(np.y, np.m, 1), 1));
    if (!isValidDate(q.y, q.m, d)) return null;
    cand = ymd(q.y, q.m, d);
  }
  return cand;
}

/** Month and day with a weekday and no year (星期日，二月十号): the matching year closest to now. */
function monthDayOnWeekday(mo: number, d: number, dow: number, { np, today }: Now): number | null {
  let best: number | null = null;
  for (let k = 0; k <= 12 && best === null; k++) {
    for (const yy of [np.y - k, np.y + k]) {
      if (isValidDate(yy, mo, d) && parts(ymd(yy, mo, d)).dow === dow) {
        const c = ymd(yy, mo, d);
        if (best === null || Math.abs(c - today) < Math.abs(best - today)) best = c;
      }
    }
  }
  return best;
}

/** Year, month and day as written or relative; a missing year is the next occurrence. */
function calendarDay(spec: Spec, now: Now): DayReading | TimeValue | null {
  const { np, today } = now;
  let y = spec.year ?? (spec.yearRel !== undefined ? np.y + spec.yearRel : undefined);
  let mo = spec.month;
  if (spec.monthRel !== undefined) {
    const bp = parts(addMonths(ymd(np.y, np.m, 1), spec.monthRel));
    y = bp.y;
    mo = bp.m;
  }
  if (mo !== undefined && (mo < 1 || mo > 12)) return null;
  if (spec.day === undefined) {
    if (mo === undefined) return null;
    return monthWithoutDay(spec, y ?? (mo >= np.m ? np.y : np.y + 1), mo);
  }
  const d = spec.day;
  let day: number | null;
  if (mo === undefined) day = dayOfMonthOnly(d, now);
  else if (y !== undefined) day = isValidDate(y, mo, d) ? ymd(y, mo, d) : null;
  else if (spec.dow !== undefined) day = monthDayOnWeekday(mo, d, spec.dow, now);
  else if (isValidDate(np.y, mo, d) && ymd(np.y, mo, d) >= today) day = ymd(np.y, mo, d);
  else day = isValidDate(np.y + 1, mo, d) ? ymd(np.y + 1, mo, d) : null;
  return day === null ? null : { day };
}

/** The day a weekday names; 下下周X / 上上周X count whole weeks in either convention. */
function weekdayDay(spec: Spec, ctx: TimeContext, today: number): number {
  if (spec.weekShift !== undefined)
    return addDays(startOfWeek(today), 7 * spec.weekShift + (spec.dow as number) - 1);
  return CONVENTIONS[ctx.convention].weekday(spec, today);
}

/** The day part of a spec, or a finished value (a month, a year, a holiday at fixed hours). */
function resolveDay(spec: Spec, ctx: TimeContext, now: Now): DayReading | TimeValue | null {
  if (spec.holiday) return holidayDay(spec, now);
  if (spec.dayRel !== undefined) return { day: addDays(now.today, spec.dayRel) };
  if (spec.month !== undefined || spec.monthRel !== undefined || spec.day !== undefined)
    return calendarDay(spec, now);
  if (spec.dow !== undefined) return { day: weekdayDay(spec, ctx, now.today) };
  if (spec.year !== undefined || spec.yearRel !== undefined) {
    const y = spec.year ?? now.np.y + (spec.yearRel ?? 0);
    return { type: 'value', value: ymd(y, 1, 1), grain: 'year' };
  }
  return { day: null };
}

/** A clock time on the day read (or the next such time from now when no day is named). */
function atClock(spec: Spec, d: DayReading, ctx: TimeContext, { now, today }: Now): TimeValue {
  let h = spec.hour as number;
  const podAmpm = spec.pod ? (POD_HOURS[spec.pod]?.[2] ?? null) : null;
  const ampm = spec.ampm ?? podAmpm;
  if (ampm === 'pm' && h < 12) h += 12;
  // 晚上十二点 is midnight at the end of that day
  else if (h === 12 && spec.pod !== undefined && (POD_HOURS[spec.pod]?.[1] ?? 0) >= 24) h = 24;
  if (ampm === 'am' && h === 12) h = 0;
  const mi = spec.minute ?? 0;
  const sec = spec.second ?? 0;
  const grain: Grain = spec.second !== undefined ? 'second' : spec.minute !== undefined ? 'minute' : 'hour';
  const { day } = d;
  const clock = ((h * 60 + mi) * 60 + sec) * 1000;
  if (spec.tz !== undefined) {
    // the written zone's wall clock → ours
    let v = (day ?? today) + clock + ((ctx.tzOffsetMinutes ?? 0) - spec.tz) * 60000;
    if (day === null && v < now) v = addDays(v, 1);
    return { type: 'value', value: v, grain: 'minute', ...withHoliday(d.holiday) };
  }
  let v: number;
  if (day === null) {
    v = today + clock;
    if (ampm === null && h < 12) {
      // ambiguous 12-hour clock: the next of h and h+12
      const candidates = [v, v + 12 * 3_600_000, v + DAY_MS];
      v = candidates.find((c) => c >= now) ?? v;
    } else if (v < now) v = addDays(v, 1);
  } else v = day + clock;
  return { type: 'value', value: v, grain, ...withHoliday(d.holiday) };
}

/** Resolve a spec to a time value. */
export function resolveSpec(spec: Spec, ctx: TimeContext): TimeValue | null {
  const now: Now = { now: ctx.now, np: parts(ctx.now), today: startOfDay(ctx.now) };
  const d = resolveDay(spec, ctx, now);
  if (d === null || 'type' in d) return d;
  if (spec.hour !== undefined) return atClock(spec, d, ctx, now);
  if (spec.pod !== undefined) {
    const ph = POD_HOURS[spec.pod];
    if (!ph) return null;
    const base = d.day ?? now.today;
    return {
      type: 'interval',
      from: base + ph[0] * 3_600_000,
      to: base + ph[1] * 3_600_000,
      grain: 'hour',
      ...withHoliday(d.holiday),
    };
  }
  if (d.interval) return { type: 'interval', ...d.interval, grain: 'day', ...withHoliday(d.holiday) };
  if (d.day === null) return null;
  return { type: 'value', value: d.day, grain: 'day', ...withHoliday(d.holiday) };
}
