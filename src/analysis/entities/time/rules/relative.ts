// Times named from now: 去年, 下个月, 明天, 今晚, 现在, and N units before or after (三天后, 未来两周).
import { type Grain, truncate } from '../../calendar.js';
import { execAt, gated, type Rule } from '../../scanner.js';
import type { Spec, SpecRule, TimeContext, TimeMatch, WholeRule } from '../types.js';
import { CNN, DIGITS, num, R, relShift } from './common.js';

const YEAR_REL: Record<string, number> = {
  去年: -1,
  上年: -1,
  今年: 0,
  这一年: 0,
  本年: 0,
  明年: 1,
  下年: 1,
  后年: 2,
  前年: -2,
};

/** 去年 / 今年 / 明年 … */
export const YEAR_RELATIVE: SpecRule = {
  name: 'relative year',
  gate: '去上今这本明下后前',
  pattern: R('(去年|上年|今年|这一年|本年|明年|下年|后年|前年)'),
  produce: (m, s) => {
    s.spec.yearRel = YEAR_REL[m[1] as string] ?? 0;
    return true;
  },
};

/** 上个月 / 这个月 / 下下月 … */
export const MONTH_RELATIVE: SpecRule = {
  name: 'relative month',
  gate: '上下这本今当',
  pattern: R('(上上个?月|下下个?月|上个?月|下个?月|这个?月|本月|今个月|当月)'),
  produce: (m, s) => {
    s.spec.monthRel = relShift(m[1] as string);
    return true;
  },
};

const RELDAY: Record<string, number> = {
  大前天: -3,
  大前日: -3,
  前天: -2,
  前日: -2,
  昨天: -1,
  昨日: -1,
  寻日: -1,
  今天: 0,
  今日: 0,
  明天: 1,
  明日: 1,
  听日: 1,
  后天: 2,
  后日: 2,
  大后天: 3,
  大后日: 3,
};

// Only where no year, month, day or holiday was named (2026年明天 is not a date).
const noDateYet = ({ spec: s }: { spec: Spec }) =>
  s.month === undefined &&
  s.day === undefined &&
  s.holiday === undefined &&
  s.yearRel === undefined &&
  s.year === undefined;

/** 今天 / 明天 / 大后天 / 寻日 …, and 今晚 / 明早: a day and a part of it. */
export const RELATIVE_DAY: SpecRule[] = [
  {
    name: 'relative day',
    gate: '大前昨寻今明听后',
    pattern: R('(大前天|大前日|前天|前日|昨天|昨日|寻日|今天|今日|明天|明日|听日|大后天|大后日|后天|后日)'),
    when: noDateYet,
    produce: (m, s) => {
      s.spec.dayRel = RELDAY[m[1] as string];
      return true;
    },
  },
  {
    name: 'tonight, tomorrow morning',
    gate: '今明昨',
    pattern: R('(今晚|今夜|明晚|昨晚|今早|明早)'),
    when: noDateYet,
    produce: (m, s) => {
      const w = m[1] as string;
      s.spec.dayRel = w[0] === '明' ? 1 : w[0] === '昨' ? -1 : 0;
      s.spec.pod = w[1] === '早' ? '早上' : '晚上';
      return true;
    },
  },
];

/** 现在 / 马上 …: now, to the second; names no calendar day. */
export const NOW: WholeRule = {
  name: 'now',
  gate: '现此当宜而依目马立',
  pattern: R('(现在|此时|此刻|当前|宜家|而家|依家|目前|马上|立刻)'),
  produce: (m, ctx, start) => ({
    start,
    end: start + m[0].length,
    value: { type: 'value', value: truncate(ctx.now, 'second'), grain: 'second' },
    hasDate: false,
  }),
};

/** N units from now as read, before a convention resolves it. */
export interface RelativeReading {
  start: number;
  end: number;
  n: number;
  grain: Grain;
  /** -1 before now, 1 after. */
  dir: number;
  /** 未来 / 接下来 / N天内: within the span rather than at its end. */
  within: boolean;
  /** N个工作日. */
  working: boolean;
  /** 过去 / 最近 / 近: looking back. */
  lookBack: boolean;
}

const REL_UNIT = '(秒钟?|分钟|个钟头?|钟头|钟|小时|天|日|个?星期|个?礼拜|个?周|个月|月(?!内|之内|以内)|年)';

const UNIT_GRAIN: Record<string, Grain> = {
  秒: 'second',
  秒钟: 'second',
  分钟: 'minute',
  个钟: 'hour',
  个钟头: 'hour',
  钟头: 'hour',
  钟: 'hour',
  小时: 'hour',
  天: 'day',
  日: 'day',
  工作日: 'day',
  星期: 'week',
  个星期: 'week',
  礼拜: 'week',
  个礼拜: 'week',
  周: 'week',
  个周: 'week',
  月: 'month',
  个月: 'month',
  年: 'year',
};

type Reading = Omit<RelativeReading, 'start' | 'end' | 'grain' | 'n'> & { n: number | null; unit: string };

/** 上三天 / 未来两周 (word first) and 三天后 / 两个工作日内 (word after): tried in this order. */
export const RELATIVE_SPAN: ReadonlyArray<Rule<undefined, undefined, Reading>> = [
  {
    name: 'word, N units',
    gate: '上前下后过未接最近',
    pattern: R(`(上|前|下|后|过去|未来|接下来|最近|近)\\s*(\\d+|${CNN}{1,3})\\s*个?${REL_UNIT}`),
    produce: (m) => {
      const w = m[1] as string;
      return {
        n: num(m[2] as string),
        unit: (m[3] as string).replace(/^个/, ''),
        dir: /上|前|过去|最近|近/.test(w) ? -1 : 1,
        lookBack: /过去|最近|近/.test(w),
        within: /未来|接下来/.test(w),
        working: false,
      };
    },
  },
  {
    name: 'N units, word',
    gate: DIGITS,
    pattern: R(
      `(\\d+|${CNN}{1,3})\\s*个?(工作日|${REL_UNIT.slice(1, -1)})\\s*(之前|以前|前|之后|以后|后|内|之内|以内)`,
    ),
    produce: (m) => {
      const unit = (m[2] as string).replace(/^个/, '');
      const w = m[3] as string;
      const within = /内/.test(w);
      return {
        n: num(m[1] as string),
        unit,
        dir: within ? 1 : /前/.test(w) ? -1 : 1,
        lookBack: false,
        within,
        working: unit === '工作日',
      };
    },
  },
];

/** The relative span at i, read but not yet resolved (conventions differ: see conventions.ts). */
const RELATIVE_GATED = gated(RELATIVE_SPAN);

export function readRelative(t: string, i: number): RelativeReading | null {
  for (const { rule, gate } of RELATIVE_GATED) {
    const m = execAt(rule.pattern, t, i, gate);
    if (!m) continue;
    const r = rule.produce(m, undefined, undefined);
    const n = r.n;
    if (n === null || !Number.isInteger(n) || n <= 0 || n > 10000) return null;
    const grain = UNIT_GRAIN[r.unit] ?? UNIT_GRAIN[r.unit.replace(/钟$/, '')];
    if (!grain) return null;
    return { ...r, n, grain, start: i, end: i + m[0].length };
  }
  return null;
}

export type RelativeResolver = (r: RelativeReading, ctx: TimeContext) => TimeMatch | null;
