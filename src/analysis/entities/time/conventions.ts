// Business and Duckling readings of the same grammar, as data: how a weekday and an N-units-from-now span
// resolve, and the refiners each convention runs over a point or range match. The rules never branch on
// the convention; a third convention is one more entry here.
import { addDays, addGrain, parts, startOfDay, truncate } from '../calendar.js';
import { execAt } from '../scanner.js';
import { R } from './rules/common.js';
import type { RelativeReading } from './rules/relative.js';
import { businessWeekday, ducklingWeekday, type WeekdayResolver } from './rules/weekday.js';
import type { Convention, TimeContext, TimeMatch } from './types.js';

/** What a refiner sees besides the match: the text, and where a deadline word before it ended. */
export interface RefineContext {
  t: string;
  /** 截止 / 请于 / by … stood before the expression; the expression itself starts at `pointStart`. */
  deadlinePrefix: boolean;
  pointStart: number;
}

/** Adjusts a point or range match in place (span, deadline flag). */
export type Refiner = (match: TimeMatch, c: RefineContext) => void;

export interface ConventionRules {
  weekday: WeekdayResolver;
  relative: (r: RelativeReading, ctx: TimeContext) => TimeMatch | null;
  refiners: readonly Refiner[];
}

function addWorkingDays(day: number, n: number): number {
  let d = day;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (parts(d).dow <= 5) left--;
  }
  return d;
}

/** Business: N天后 / N天内 is a day (N个工作日 counts Monday to Friday); hours and minutes are no date. */
function businessRelative(r: RelativeReading, ctx: TimeContext): TimeMatch | null {
  const today = startOfDay(ctx.now);
  if (r.grain === 'second' || r.grain === 'minute' || r.grain === 'hour') return null;
  const d = r.working
    ? r.dir > 0
      ? addWorkingDays(today, r.n)
      : addDays(today, -r.n)
    : addGrain(today, r.grain, r.dir * r.n);
  return {
    start: r.start,
    end: r.end,
    value: { type: 'value', value: d, grain: 'day' },
    deadline: r.within,
    past: r.lookBack,
  };
}

/** Duckling: the N units as an interval (三天后 = the three days after today); no working days, no 内. */
function ducklingRelative(r: RelativeReading, ctx: TimeContext): TimeMatch | null {
  if (r.working) return null;
  const { start, end, grain, n } = r;
  const base = truncate(ctx.now, grain);
  if (r.dir < 0)
    return { start, end, value: { type: 'interval', from: addGrain(base, grain, -n), to: base, grain } };
  if (r.within) return null;
  const from = addGrain(base, grain, 1);
  return { start, end, value: { type: 'interval', from, to: addGrain(from, grain, n), grain } };
}

const DEADLINE_POST_RE = R('\\s*(之前|以前|前|为止|截止)');

/** 3月20日前 / 月底之前: the deadline word after the date belongs to it, and makes it a deadline. */
const deadlineSuffix: Refiner = (match, { t }) => {
  const dp = execAt(DEADLINE_POST_RE, t, match.end);
  if (!dp) return;
  match.end += dp[0].length;
  match.deadline = true;
};

/** 请于3月20日 / 截止到3月20日: a deadline. */
const deadlinePrefix: Refiner = (match, { deadlinePrefix }) => {
  if (deadlinePrefix) match.deadline = true;
};

/** Duckling's span is the date alone, without the deadline word before it. */
const dateWithoutPrefix: Refiner = (match, { deadlinePrefix, pointStart }) => {
  if (deadlinePrefix) match.start = pointStart;
};

export const CONVENTIONS: Record<Convention, ConventionRules> = {
  business: {
    weekday: businessWeekday,
    relative: businessRelative,
    refiners: [deadlineSuffix, deadlinePrefix],
  },
  duckling: { weekday: ducklingWeekday, relative: ducklingRelative, refiners: [dateWithoutPrefix] },
};
