// biome-ignore-all lint/suspicious/noAssignInExpressions: the grammar tries sticky regexes in a chain of if/else
// Time grammar: one parser, two conventions. 'duckling' reproduces Duckling's ZH choices; 'business' reads
// 下周X as day X of next Monday-based week, N天后 as a day, and so on. Works on normalised text.
import {
  addDays,
  addGrain,
  addMonths,
  DAY_MS,
  daysInMonth,
  type Grain,
  isValidDate,
  parts,
  startOfDay,
  startOfWeek,
  truncate,
  ymd,
} from './calendar.js';
import { type HolidayDef, holidayInYear, holidaysFor, nextHoliday } from './holidays.js';
import { parseChineseNumber, parseDigitSequence } from './numeral.js';

export type Convention = 'duckling' | 'business';

export interface TimeContext {
  /** Reference instant as wall-clock ms (see calendar.ts). */
  now: number;
  convention: Convention;
  locale?: string;
  /** Offset of the reference zone, for expressions that name another zone (4pm CET). */
  tzOffsetMinutes?: number;
}

export type TimeValue =
  | { type: 'value'; value: number; grain: Grain; holiday?: string }
  | { type: 'interval'; from: number; to: number; grain: Grain; holiday?: string };

export interface TimeMatch {
  start: number;
  end: number;
  value: TimeValue;
  /** Business reading hints. */
  deadline?: boolean;
  /** False for a bare time of day or "now": no calendar day is named. */
  hasDate?: boolean;
  /** Looks back in time from now (最近三天, 两天前). */
  past?: boolean;
  weekend?: boolean;
  /** 月底 / end of March: the last day of that month. */
  monthEnd?: boolean;
  vague?: boolean;
  monthOnly?: boolean;
}

const CNN = '[零〇一二两三四五六七八九十廿卅]';
const DAYNUM = `(?:\\d{1,2}|${CNN}{1,3})`;
const MONTHNUM = '(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';
const WD = '(?:星期|礼拜|周)';
const WD_DAY = '([一二三四五六日天1-7])';

const R = (s: string, flags = 'y') => new RegExp(s, flags);

const NOW_RE = R('(现在|此时|此刻|当前|宜家|而家|依家|目前|马上|立刻)');
const RELDAY_RE = R(
  '(大前天|大前日|前天|前日|昨天|昨日|寻日|今天|今日|明天|明日|听日|大后天|大后日|后天|后日)',
);
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
const TONIGHT_RE = R('(今晚|今夜|明晚|昨晚|今早|明早)');
const YEAR_ABS_RE = R(`(\\d{4}|[零〇一二三四五六七八九]{4}|\\d{2}(?=年\\s*\\d{1,2}\\s*月))\\s*年`);
const YEAR_REL_RE = R('(去年|上年|今年|这一年|本年|明年|下年|后年|前年)');
const MONTH_REL_RE = R('(上上个?月|下下个?月|上个?月|下个?月|这个?月|本月|今个月|当月)');
const MONTH_ABS_RE = R(`(${MONTHNUM})\\s*月份?(?!\\s*[个天日号])`);
const MONTH_ABS_DAY_RE = R(`(${MONTHNUM})\\s*月`);
const PLACE_AFTER = '(?![仓库楼线门车机厂房栋室位台口座路街院区码箱件])';
const DAY_RE = R(`(${DAYNUM})(?:号${PLACE_AFTER}|日)`);
const DAY_SPACED_RE = R(`\\s*(${DAYNUM})\\s*(?:号${PLACE_AFTER}|日)`);
const DAY_BARE_RE = R(`(${DAYNUM})(?![0-9])`);
const WEEKDAY_RE = R(`(上上个?|下下个?|上个|下个|这个|今个|上|下|这|今|本)?${WD}${WD_DAY}`);
const WEEK_RE = R(
  `(上上个?|下下个?|上个|下个|这个|今个|上一|下一|这一|上|下|这|本)${WD}(?![一二三四五六日天1-7])`,
);
const WEEKEND_RE = R(`(上个|下个|这个|上|下|这|本)?${WD}?末`);
const NTH_DOW_RE = R(`的?第([一二三四五1-5])个?${WD}${WD_DAY}`);
const YMD_RE = R('(\\d{4})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})(?![\\d.])');
const MDY_RE = R('(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?!\\d)');
const DMY_DOT_RE = R('(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?!\\d)');
const MD_SLASH_RE = R('(\\d{1,2})/(\\d{1,2})(?![\\d/])');
/** 3.20前 / 3.20号: month.day, only where a deadline word or 号 rules out a decimal. */
const MD_DOT_RE = R('(\\d{1,2})\\.(\\d{1,2})(?=\\s*(?:号|日|之前|以前|前))');
const POD_RE = R('(早上|早晨|上午|中午|下午|晏昼|傍晚|晚上|夜晚|夜里|夜间|凌晨|半夜|午夜|清晨|早间|白天)');
const CLOCK_COLON_RE = R(
  '(\\d{1,2})\\s*:\\s*(\\d{2})(?::(\\d{2}))?(?:\\s*(am|pm|a\\.m\\.|p\\.m\\.|a|p)(?![a-z]))?',
  'iy',
);
const CLOCK_AMPM_RE = R('(\\d{1,2})\\s*(am|pm|a\\.m\\.|p\\.m\\.)(?![a-z])', 'iy');
const CLOCK_CN_RE = R(
  `(\\d{1,2}|${CNN}{1,3})\\s*[点时](钟)?(?:(半)|(一刻)|(三刻)|(整)|[踏搭](半|[一二三四五六七八九十])|(零)?(\\d{1,2}|${CNN}{1,3})\\s*(分钟?|个字)?)?`,
);
const TZ_RE = R('\\s*(CET|CEST|UTC|GMT|EST|EDT|PST|PDT|CST|BST|JST|HKT|SGT)(?![a-z])', 'iy');
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
const REL_UNIT = '(秒钟?|分钟|个钟头?|钟头|钟|小时|天|日|个?星期|个?礼拜|个?周|个月|月(?!内|之内|以内)|年)';
const REL_PRE_RE = R(`(上|前|下|后|过去|未来|接下来|最近|近)\\s*(\\d+|${CNN}{1,3})\\s*个?${REL_UNIT}`);
const REL_POST_RE = R(
  `(\\d+|${CNN}{1,3})\\s*个?(工作日|${REL_UNIT.slice(1, -1)})\\s*(之前|以前|前|之后|以后|后|内|之内|以内)`,
);
const SEP_RE = R('\\s*的?\\s*');
const STANDALONE_PART_RE = R('(月|年)(底|末|初|中)');
const RANGE_SEP_RE = R('\\s*(?:-|~|—|–|到|至|until)\\s*');
const FROM_RE = R('(从|自|由)\\s*');
// bare 于 only means "on" (贵司于7月28日发来的询价); the request forms mark a deadline
const DEADLINE_PRE_RE = R(
  '(截止到?|截至|最迟|最晚|不晚于|不迟于|务必于|务必在|须于|需于|请于|请在|应于|须在|需在)\\s*',
);
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
const EN_DEADLINE_RE = R('(by|before|no later than|not later than|latest by|until)\\s+(?:the\\s+)?', 'iy');

function enMonth(s: string): number {
  const k = s.toLowerCase().slice(0, 3);
  return ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(k) + 1;
}

// Every English date names a month; a text without any month word (most Chinese messages) needs no
// English parse at its many digit positions. Remembered for the last text scanned.
const EN_MONTH_WORD = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
let monthWordText = '';
let monthWordFound = false;
function hasMonthWord(t: string): boolean {
  if (t !== monthWordText) {
    monthWordText = t;
    monthWordFound = EN_MONTH_WORD.test(t);
  }
  return monthWordFound;
}

/** English dates in mixed text: March 31, 31st March 2026, end of March. */
function parseEnglish(t: string, i: number): { end: number; spec: Spec } | null {
  if (!hasMonthWord(t)) return null;
  let p = i;
  const spec: Spec = {};
  const part = execAt(EN_PART_RE, t, p);
  if (part) p += part[0].length;
  let m = execAt(EN_DMY_RE, t, p);
  if (m && !part) {
    spec.day = Number(m[1]);
    spec.month = enMonth(m[2] as string);
    if (m[3]) spec.year = Number(m[3]);
    return spec.day >= 1 && spec.day <= 31 ? { end: p + m[0].length, spec } : null;
  }
  m = execAt(EN_MDY_RE, t, p);
  if (!m) return null;
  // "may" alone is usually the verb
  if (/^may$/i.test(m[0]) && !part) return null;
  spec.month = enMonth(m[1] as string);
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

const DEADLINE_POST_RE = R('\\s*(之前|以前|前|为止|截止)');
const MONTH_PART_RE = R('(上旬|中旬|下旬|底|末|初|中)');
const HOLIDAY_FIRST = new Set(
  holidaysFor(undefined)
    .concat(holidaysFor('zh_TW'))
    .flatMap((h) => h.names.split('|').map((n) => n[0] as string)),
);
const HOLIDAY_CACHE = new Map<string, { re: RegExp; defs: HolidayDef[] }>();

// Cheap first-character gates: most positions in a message cannot start most patterns, and looking one
// character up in a table is far cheaper than running the sticky regex (execAt is called for every
// pattern at every candidate position, so even a one-character regex test per call showed in profiles).
const DIGITS = '0-9零〇一二两三四五六七八九十廿卅';
const GATES: ReadonlyArray<readonly [RegExp, string]> = [
  [YMD_RE, '0-9'],
  [DMY_DOT_RE, '0-9'],
  [MDY_RE, '0-9'],
  [MD_SLASH_RE, '0-9'],
  [YEAR_ABS_RE, '0-9零〇一二三四五六七八九'],
  [YEAR_REL_RE, '去上今这本明下后前'],
  [MONTH_REL_RE, '上下这本今当'],
  [MONTH_ABS_RE, DIGITS],
  [MONTH_ABS_DAY_RE, DIGITS],
  [DAY_RE, DIGITS],
  [WEEKDAY_RE, '上下这今本星礼周'],
  [WEEK_RE, '上下这今本'],
  [WEEKEND_RE, '上下这本星礼周'],
  [RELDAY_RE, '大前昨寻今明听后'],
  [TONIGHT_RE, '今明昨'],
  [POD_RE, '早上中下晏白傍晚夜凌半清午'],
  [NOW_RE, '现此当宜而依目马立'],
  [REL_PRE_RE, '上前下后过未接最近'],
  [REL_POST_RE, DIGITS],
  [FROM_RE, '从自由'],
  [DEADLINE_PRE_RE, '截最不务须需请应'],
  [STANDALONE_PART_RE, '月年'],
  [NTH_DOW_RE, '的第'],
  [MD_DOT_RE, '0-9'],
  [CLOCK_COLON_RE, '0-9'],
  [CLOCK_AMPM_RE, '0-9'],
  [CLOCK_CN_RE, DIGITS],
];

/** The characters of a regex character class body ("0-9上下"), ranges expanded. */
function charsOf(cls: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < cls.length; i++) {
    if (cls[i + 1] === '-' && i + 2 < cls.length) {
      for (let c = cls.charCodeAt(i); c <= cls.charCodeAt(i + 2); c++) out.push(c);
      i += 2;
    } else out.push(cls.charCodeAt(i));
  }
  return out;
}

// Per UTF-16 unit, one bit per gated pattern: bit k set = the k-th pattern may start with it.
const GATE_TABLE = new Uint32Array(0x10000);
type GatedRegExp = RegExp & { gateBit?: number };
// One bit per gate in a Uint32: at most 31 gates.
GATES.forEach(([re, cls], k) => {
  (re as GatedRegExp).gateBit = 1 << k;
  for (const c of charsOf(cls)) GATE_TABLE[c]! |= 1 << k;
});

function execAt(re: GatedRegExp, t: string, i: number): RegExpExecArray | null {
  const bit = re.gateBit;
  // Past the end charCodeAt gives NaN, which indexes nothing: no pattern starts there.
  if (bit !== undefined && ((GATE_TABLE[t.charCodeAt(i)] ?? 0) & bit) === 0) return null;
  re.lastIndex = i;
  return re.exec(t);
}

function num(s: string): number | null {
  if (/^[零〇一二三四五六七八九]{2,}$/.test(s)) return parseDigitSequence(s);
  return parseChineseNumber(s);
}

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
    const re = new RegExp(alts.map(([a]) => `(${a})`).join('|'), 'y');
    const ordered = alts.map(([, idx]) => defs[idx] as HolidayDef);
    hit = { re, defs: ordered };
    HOLIDAY_CACHE.set(key, hit);
  }
  return hit;
}

interface Spec {
  year?: number;
  yearRel?: number;
  month?: number;
  monthRel?: number;
  day?: number;
  dayRel?: number;
  dow?: number;
  dowMode?: 'bare' | 'this' | 'next' | 'last';
  nth?: number;
  holiday?: HolidayDef;
  pod?: string;
  hour?: number;
  minute?: number;
  second?: number;
  ampm?: 'am' | 'pm';
  tz?: number;
  monthPart?: string;
  /** 下下周X / 上上周X */
  weekShift?: number;
}

const POD_HOURS: Record<string, [number, number, 'am' | 'pm' | null]> = {
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

/** Parse a point (date/time of day) at i: [year][month][day][weekday][pod][clock] in Chinese order. */
function parseSpec(t: string, i: number, locale: string | undefined): { end: number; spec: Spec } | null {
  const spec: Spec = {};
  let p = i;
  let any = false;
  let m: RegExpExecArray | null;
  if (hasMonthWord(t) && /[A-Za-z0-9]/.test(t[p] ?? '') && !/[A-Za-z]/.test(t[p - 1] ?? '')) {
    const en = parseEnglish(t, p);
    if (en) return en;
  }
  // numeric dates first
  if ((m = execAt(YMD_RE, t, p))) {
    spec.year = Number(m[1]);
    spec.month = Number(m[2]);
    spec.day = Number(m[3]);
    p += m[0].length;
    any = true;
  } else if ((m = execAt(DMY_DOT_RE, t, p))) {
    spec.day = Number(m[1]);
    spec.month = Number(m[2]);
    spec.year = Number(m[3]);
    p += m[0].length;
    any = true;
  } else if ((m = execAt(MDY_RE, t, p))) {
    spec.month = Number(m[1]);
    spec.day = Number(m[2]);
    let y = Number(m[3]);
    if ((m[3] as string).length === 2) y += y < 50 ? 2000 : 1900;
    spec.year = y;
    p += m[0].length;
    any = true;
  } else if (
    ((m = execAt(MD_SLASH_RE, t, p)) || (m = execAt(MD_DOT_RE, t, p))) &&
    Number(m[1]) <= 12 &&
    Number(m[2]) <= 31 &&
    Number(m[1]) >= 1
  ) {
    spec.month = Number(m[1]);
    spec.day = Number(m[2]);
    p += m[0].length;
    any = true;
  } else {
    // weekday may come first: 周日, 二月十号
    if ((m = execAt(WEEKDAY_RE, t, p))) {
      const after = p + m[0].length;
      const sep = execAt(/\s*[,，]?\s*/y, t, after);
      const q = after + (sep ? sep[0].length : 0);
      if (execAt(MONTH_ABS_DAY_RE, t, q) && /[,，\s]/.test(t[after] ?? '')) {
        applyWeekday(spec, m);
        p = q;
      }
    }
    if ((m = execAt(YEAR_ABS_RE, t, p))) {
      let y = num(m[1] as string);
      if (y !== null && (m[1] as string).length === 2) y += 2000;
      if (y !== null && y >= 1000 && y <= 2999) {
        spec.year = y;
        p += m[0].length;
        any = true;
      }
    } else if ((m = execAt(YEAR_REL_RE, t, p))) {
      const w = m[1] as string;
      spec.yearRel =
        { 去年: -1, 上年: -1, 今年: 0, 这一年: 0, 本年: 0, 明年: 1, 下年: 1, 后年: 2, 前年: -2 }[w] ?? 0;
      p += m[0].length;
      any = true;
    }
    if ((m = execAt(MONTH_REL_RE, t, p))) {
      const w = m[1] as string;
      spec.monthRel = relShift(w);
      p += m[0].length;
      any = true;
    } else {
      m = execAt(MONTH_ABS_DAY_RE, t, p);
      if (m) {
        const mo = num(m[1] as string);
        const dm = execAt(DAY_SPACED_RE, t, p + m[0].length) ?? execAt(DAY_BARE_RE, t, p + m[0].length);
        const hasDay = dm !== null && num(dm[1] as string) !== null;
        const mOnly = execAt(MONTH_ABS_RE, t, p);
        if (mo !== null && (hasDay || mOnly)) {
          spec.month = mo;
          p += hasDay ? m[0].length : (mOnly as RegExpExecArray)[0].length;
          any = true;
        }
      }
    }
    if (
      (m = execAt(spec.month !== undefined || spec.monthRel !== undefined ? DAY_SPACED_RE : DAY_RE, t, p)) ||
      (spec.month !== undefined && (m = execAt(DAY_BARE_RE, t, p)))
    ) {
      const d = num(m[1] as string);
      if (d !== null && Number.isInteger(d) && d >= 1 && d <= 31) {
        spec.day = d;
        p += m[0].length;
        any = true;
      }
    }
    if (spec.month !== undefined && spec.day === undefined && (m = execAt(MONTH_PART_RE, t, p))) {
      spec.monthPart = m[1] as string;
      p += m[0].length;
    } else if (spec.monthRel !== undefined && spec.day === undefined && (m = execAt(MONTH_PART_RE, t, p))) {
      spec.monthPart = m[1] as string;
      p += m[0].length;
    } else if (spec.month !== undefined && spec.day === undefined && (m = execAt(NTH_DOW_RE, t, p))) {
      spec.nth = num(m[1] as string) ?? 1;
      spec.dow = dowOf(m[2] as string);
      spec.dowMode = 'bare';
      p += m[0].length;
    }
    if (!any && HOLIDAY_FIRST.has(t[p] as string)) {
      const hm = holidayMatcher(locale);
      m = execAt(hm.re, t, p);
      if (m) {
        for (let k = 1; k < m.length; k++) {
          if (m[k] !== undefined) {
            spec.holiday = hm.defs[k - 1];
            break;
          }
        }
        p += m[0].length;
        any = true;
      }
    } else if (
      (spec.year !== undefined || spec.yearRel !== undefined) &&
      spec.month === undefined &&
      spec.monthRel === undefined
    ) {
      const hm = holidayMatcher(locale);
      m = execAt(hm.re, t, p);
      if (m) {
        for (let k = 1; k < m.length; k++) {
          if (m[k] !== undefined) {
            spec.holiday = hm.defs[k - 1];
            break;
          }
        }
        p += m[0].length;
      }
    }
    if (
      spec.month === undefined &&
      spec.day === undefined &&
      spec.holiday === undefined &&
      spec.yearRel === undefined &&
      spec.year === undefined
    ) {
      if ((m = execAt(RELDAY_RE, t, p))) {
        spec.dayRel = RELDAY[m[1] as string];
        p += m[0].length;
        any = true;
      } else if ((m = execAt(TONIGHT_RE, t, p))) {
        const w = m[1] as string;
        spec.dayRel = w[0] === '明' ? 1 : w[0] === '昨' ? -1 : 0;
        spec.pod = w[1] === '早' ? '早上' : '晚上';
        p += m[0].length;
        any = true;
      }
    }
  }
  if (!any && (m = execAt(STANDALONE_PART_RE, t, p))) {
    if (m[1] === '月') spec.monthRel = 0;
    else spec.month = 12;
    if (m[1] === '年' && /[初]/.test(m[2] as string)) spec.month = 1;
    if (m[1] === '年') spec.yearRel = 0;
    spec.monthPart = m[2] as string;
    p += m[0].length;
    any = true;
  }
  if (
    spec.dow === undefined &&
    spec.day === undefined &&
    spec.dayRel === undefined &&
    spec.holiday === undefined &&
    spec.month === undefined &&
    spec.monthRel === undefined
  ) {
    const sep = any ? execAt(SEP_RE, t, p) : null;
    const q = p + (sep ? sep[0].length : 0);
    if ((m = execAt(WEEKDAY_RE, t, q))) {
      applyWeekday(spec, m);
      p = q + m[0].length;
      any = true;
    }
  }
  // part of day
  if (spec.pod === undefined && (m = execAt(POD_RE, t, p))) {
    spec.pod = m[1] as string;
    p += m[0].length;
    any = true;
  }
  // clock time
  const clockStart = p + (execAt(/\s*/y, t, p)?.[0].length ?? 0);
  if ((m = execAt(CLOCK_COLON_RE, t, clockStart))) {
    const h = Number(m[1]);
    const mi = Number(m[2]);
    if (h <= 24 && mi < 60) {
      spec.hour = h;
      spec.minute = mi;
      if (m[3]) spec.second = Number(m[3]);
      if (m[4]) spec.ampm = m[4].toLowerCase().startsWith('p') ? 'pm' : 'am';
      p = clockStart + m[0].length;
      any = true;
    }
  } else if ((m = execAt(CLOCK_AMPM_RE, t, clockStart))) {
    const h = Number(m[1]);
    if (h <= 12) {
      spec.hour = h;
      spec.ampm = (m[2] as string).toLowerCase().startsWith('p') ? 'pm' : 'am';
      p = clockStart + m[0].length;
      any = true;
    }
  } else if ((m = execAt(CLOCK_CN_RE, t, clockStart))) {
    const h = num(m[1] as string);
    if (h !== null && h <= 24 && Number.isInteger(h)) {
      let mi: number | undefined;
      if (m[3]) mi = 30;
      else if (m[4]) mi = 15;
      else if (m[5]) mi = 45;
      else if (m[6]) mi = 0;
      else if (m[7]) mi = m[7] === '半' ? 30 : (num(m[7]) ?? 0) * 5;
      else if (m[9] !== undefined) {
        const v = num(m[9]);
        if (v !== null) {
          const unit = m[10];
          if (unit === '个字') mi = v * 5;
          else if (!m[8] && !unit && /^[一二三四五六七八九]$/.test(m[9])) mi = v * 5;
          else mi = v;
        }
      }
      if (mi === undefined || mi < 60) {
        // "三点" needs context to be a time: a date, a part of day, or 点钟/时 — bare 三点 is fine too
        spec.hour = h;
        if (mi !== undefined) spec.minute = mi;
        p = clockStart + m[0].length;
        if (mi === undefined && m[9] !== undefined) p = clockStart + m[0].length;
        any = true;
      }
    }
  }
  if (spec.hour !== undefined && (m = execAt(TZ_RE, t, p))) {
    spec.tz = TZ_OFFSETS[(m[1] as string).toUpperCase()] ?? 0;
    p += m[0].length;
  }
  if (!any) return null;
  return { end: p, spec };
}

function dowOf(c: string): number {
  const map: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
  return map[c] ?? Number(c);
}

/** 上 → -1, 上上 → -2, 下 → 1, 下下 → 2, else 0. */
function relShift(w: string): number {
  if (w.startsWith('上上')) return -2;
  if (w.startsWith('下下')) return 2;
  return w.startsWith('上') ? -1 : w.startsWith('下') ? 1 : 0;
}

function applyWeekday(spec: Spec, m: RegExpExecArray): void {
  const pre = m[1] ?? '';
  spec.dow = dowOf(m[2] as string);
  spec.dowMode = pre === '' ? 'bare' : pre.startsWith('上') ? 'last' : pre.startsWith('下') ? 'next' : 'this';
  const shift = Math.abs(relShift(pre));
  if (shift > 1) spec.weekShift = relShift(pre);
}

function resolveDow(spec: Spec, ctx: TimeContext): number {
  const today = startOfDay(ctx.now);
  const dow = parts(today).dow;
  const target = spec.dow as number;
  const mode = spec.dowMode ?? 'bare';
  if (spec.weekShift !== undefined) return addDays(startOfWeek(today), 7 * spec.weekShift + target - 1);
  if (ctx.convention === 'business') {
    const week = startOfWeek(today);
    if (mode === 'next') return addDays(week, 7 + target - 1);
    if (mode === 'last') return addDays(week, -7 + target - 1);
    if (mode === 'this') return addDays(week, target - 1);
    return addDays(today, (target - dow + 7) % 7);
  }
  if (mode === 'last') return addDays(today, -((dow - target + 7) % 7 || 7));
  if (mode === 'this') return addDays(today, (target - dow + 7) % 7);
  return addDays(today, (target - dow + 7) % 7 || 7);
}

/** Resolve a spec to a time value. */
function resolveSpec(spec: Spec, ctx: TimeContext): TimeValue | null {
  const now = ctx.now;
  const np = parts(now);
  const today = startOfDay(now);
  let day: number | null = null;
  let grain: Grain = 'day';
  let holidayName: string | undefined;
  let interval: { from: number; to: number } | null = null;

  if (spec.holiday) {
    const occ =
      spec.year !== undefined
        ? holidayInYear(spec.holiday, spec.year)
        : spec.yearRel !== undefined
          ? holidayInYear(spec.holiday, np.y + spec.yearRel)
          : nextHoliday(spec.holiday, today, np.y);
    if (!occ) return null;
    holidayName = occ.canonical;
    day = occ.start;
    if (occ.time) {
      return {
        type: 'interval',
        from: day + (occ.time.from[0] * 60 + occ.time.from[1]) * 60000,
        to: day + (occ.time.to[0] * 60 + occ.time.to[1]) * 60000,
        grain: 'minute',
        holiday: holidayName,
      };
    }
    if (occ.end !== undefined) interval = { from: occ.start, to: occ.end };
  } else if (spec.dayRel !== undefined) {
    day = addDays(today, spec.dayRel);
  } else if (spec.month !== undefined || spec.monthRel !== undefined || spec.day !== undefined) {
    let y = spec.year ?? (spec.yearRel !== undefined ? np.y + spec.yearRel : undefined);
    let mo = spec.month;
    if (spec.monthRel !== undefined) {
      const base = addMonths(ymd(np.y, np.m, 1), spec.monthRel);
      const bp = parts(base);
      y = bp.y;
      mo = bp.m;
    }
    if (mo !== undefined && (mo < 1 || mo > 12)) return null;
    if (spec.day === undefined) {
      if (mo === undefined) return null;
      if (y === undefined) y = mo >= np.m ? np.y : np.y + 1;
      if (spec.nth !== undefined && spec.dow !== undefined) {
        const first = ymd(y, mo, 1);
        const fd = parts(first).dow;
        const d = addDays(first, ((spec.dow - fd + 7) % 7) + 7 * (spec.nth - 1));
        if (parts(d).m !== mo) return null;
        day = d;
      } else if (spec.monthPart) {
        const dim = daysInMonth(y, mo);
        const [a, b] =
          spec.monthPart === '初' || spec.monthPart === '上旬'
            ? [1, 10]
            : spec.monthPart === '中' || spec.monthPart === '中旬'
              ? [11, 20]
              : [21, dim];
        return { type: 'interval', from: ymd(y, mo, a), to: addDays(ymd(y, mo, b), 1), grain: 'day' };
      } else {
        return { type: 'value', value: ymd(y, mo, 1), grain: 'month' };
      }
    } else {
      const d = spec.day;
      if (mo === undefined) {
        // day of month only: this month if not past, else next month
        let cand = ymd(np.y, np.m, Math.min(d, 31));
        if (!isValidDate(np.y, np.m, d) || cand < today) {
          const nm = addMonths(ymd(np.y, np.m, 1), 1);
          const q = parts(nm);
          if (!isValidDate(q.y, q.m, d)) return null;
          cand = ymd(q.y, q.m, d);
        }
        day = cand;
      } else if (y !== undefined) {
        if (!isValidDate(y, mo, d)) return null;
        day = ymd(y, mo, d);
      } else if (spec.dow !== undefined) {
        // intersect with the weekday: the matching year closest to now
        let best: number | null = null;
        for (let k = 0; k <= 12 && best === null; k++) {
          for (const yy of [np.y - k, np.y + k]) {
            if (isValidDate(yy, mo, d) && parts(ymd(yy, mo, d)).dow === spec.dow) {
              const c = ymd(yy, mo, d);
              if (best === null || Math.abs(c - today) < Math.abs(best - today)) best = c;
            }
          }
        }
        if (best === null) return null;
        day = best;
      } else {
        if (isValidDate(np.y, mo, d) && ymd(np.y, mo, d) >= today) day = ymd(np.y, mo, d);
        else if (isValidDate(np.y + 1, mo, d)) day = ymd(np.y + 1, mo, d);
        else return null;
      }
    }
  } else if (spec.dow !== undefined) {
    day = resolveDow(spec, ctx);
  } else if (spec.year !== undefined || spec.yearRel !== undefined) {
    const y = spec.year ?? np.y + (spec.yearRel ?? 0);
    return { type: 'value', value: ymd(y, 1, 1), grain: 'year' };
  }

  // time of day
  if (spec.hour !== undefined) {
    let h = spec.hour;
    const podAmpm = spec.pod ? (POD_HOURS[spec.pod]?.[2] ?? null) : null;
    const ampm = spec.ampm ?? podAmpm;
    if (ampm === 'pm' && h < 12) h += 12;
    // 晚上十二点 is midnight at the end of that day
    else if (h === 12 && spec.pod !== undefined && (POD_HOURS[spec.pod]?.[1] ?? 0) >= 24) h = 24;
    if (ampm === 'am' && h === 12) h = 0;
    const mi = spec.minute ?? 0;
    const sec = spec.second ?? 0;
    grain = spec.second !== undefined ? 'second' : spec.minute !== undefined ? 'minute' : 'hour';
    let v: number;
    if (spec.tz !== undefined) {
      // the written zone's wall clock → ours
      const base = day ?? today;
      v = base + ((h * 60 + mi) * 60 + sec) * 1000 + ((ctx.tzOffsetMinutes ?? 0) - spec.tz) * 60000;
      if (day === null && v < now) v = addDays(v, 1);
      return { type: 'value', value: v, grain: 'minute', ...(holidayName ? { holiday: holidayName } : {}) };
    }
    if (day === null) {
      v = today + ((h * 60 + mi) * 60 + sec) * 1000;
      if (ampm === null && h < 12) {
        // ambiguous 12-hour clock: the next of h and h+12
        const candidates = [v, v + 12 * 3_600_000, v + DAY_MS];
        v = candidates.find((c) => c >= now) ?? v;
      } else if (v < now) v = addDays(v, 1);
    } else {
      v = day + ((h * 60 + mi) * 60 + sec) * 1000;
    }
    return { type: 'value', value: v, grain, ...(holidayName ? { holiday: holidayName } : {}) };
  }
  if (spec.pod !== undefined) {
    const ph = POD_HOURS[spec.pod];
    if (!ph) return null;
    const base = day ?? today;
    return {
      type: 'interval',
      from: base + ph[0] * 3_600_000,
      to: base + ph[1] * 3_600_000,
      grain: 'hour',
      ...(holidayName ? { holiday: holidayName } : {}),
    };
  }
  if (interval)
    return { type: 'interval', ...interval, grain: 'day', ...(holidayName ? { holiday: holidayName } : {}) };
  if (day === null) return null;
  return { type: 'value', value: day, grain: 'day', ...(holidayName ? { holiday: holidayName } : {}) };
}

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

function addWorkingDays(day: number, n: number): number {
  let d = day;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    const w = parts(d).dow;
    if (w <= 5) left--;
  }
  return d;
}

/** N units before/after now: Duckling intervals, business days. */
function parseRelative(t: string, i: number, ctx: TimeContext): TimeMatch | null {
  let m = execAt(REL_PRE_RE, t, i);
  let n: number | null = null;
  let unit = '';
  let dir = 0;
  let within = false;
  let working = false;
  let lookBack = false;
  if (m) {
    n = num(m[2] as string);
    unit = (m[3] as string).replace(/^个/, '');
    const w = m[1] as string;
    dir = /上|前|过去|最近|近/.test(w) ? -1 : 1;
    lookBack = /过去|最近|近/.test(w);
    if (/未来|接下来/.test(w)) within = true;
  } else {
    m = execAt(REL_POST_RE, t, i);
    if (!m) return null;
    n = num(m[1] as string);
    unit = (m[2] as string).replace(/^个/, '');
    const w = m[3] as string;
    if (/内/.test(w)) {
      dir = 1;
      within = true;
    } else dir = /前/.test(w) ? -1 : 1;
    working = unit === '工作日';
  }
  if (n === null || !Number.isInteger(n) || n <= 0 || n > 10000) return null;
  const grain = UNIT_GRAIN[unit] ?? UNIT_GRAIN[unit.replace(/钟$/, '')];
  if (!grain) return null;
  const end = i + m[0].length;
  if (ctx.convention === 'business') {
    const today = startOfDay(ctx.now);
    if (grain === 'second' || grain === 'minute' || grain === 'hour') return null;
    let d: number;
    if (working) d = dir > 0 ? addWorkingDays(today, n) : addDays(today, -n);
    else d = addGrain(today, grain, dir * n);
    return {
      start: i,
      end,
      value: { type: 'value', value: d, grain: 'day' },
      deadline: within,
      past: lookBack,
    };
  }
  if (working) return null;
  const base = truncate(ctx.now, grain);
  if (dir < 0) {
    return { start: i, end, value: { type: 'interval', from: addGrain(base, grain, -n), to: base, grain } };
  }
  if (within) return null;
  const from = addGrain(base, grain, 1);
  return { start: i, end, value: { type: 'interval', from, to: addGrain(from, grain, n), grain } };
}

function parseSpecial(t: string, i: number, ctx: TimeContext): TimeMatch | null {
  let m: RegExpExecArray | null;
  if ((m = execAt(NOW_RE, t, i))) {
    return {
      start: i,
      end: i + m[0].length,
      value: { type: 'value', value: truncate(ctx.now, 'second'), grain: 'second' },
      hasDate: false,
    };
  }
  const today = startOfDay(ctx.now);
  if (
    (m = execAt(WEEKEND_RE, t, i)) &&
    (m[0].includes('周') || m[0].includes('星期') || m[0].includes('礼拜') || m[1])
  ) {
    const pre = m[1] ?? '';
    const shift = 7 * relShift(pre);
    const fri = addDays(startOfWeek(today), 4 + shift);
    return {
      start: i,
      end: i + m[0].length,
      value: { type: 'interval', from: fri + 18 * 3_600_000, to: addDays(fri, 3), grain: 'hour' },
      weekend: true,
    };
  }
  if ((m = execAt(WEEK_RE, t, i))) {
    const pre = m[1] as string;
    const shift = 7 * relShift(pre);
    return {
      start: i,
      end: i + m[0].length,
      value: { type: 'value', value: addDays(startOfWeek(today), shift), grain: 'week' },
    };
  }
  return null;
}

/** Longest time expression starting at i. */
export function timeAt(t: string, i: number, ctx: TimeContext): TimeMatch | null {
  const special = parseSpecial(t, i, ctx);
  const rel = parseRelative(t, i, ctx);
  let best: TimeMatch | null = special;
  if (rel && (!best || rel.end > best.end)) best = rel;
  let p = i;
  let rangeOnly = false;
  const fm = execAt(FROM_RE, t, p);
  if (fm) {
    p += fm[0].length;
    rangeOnly = true;
  }
  let deadlinePre = false;
  if (!fm) {
    const dp =
      execAt(DEADLINE_PRE_RE, t, p) ?? (/[bBnNlLuU]/.test(t[p] ?? '') ? execAt(EN_DEADLINE_RE, t, p) : null);
    if (dp) {
      p += dp[0].length;
      deadlinePre = true;
    }
  }
  if (deadlinePre) {
    const relAfter = parseRelative(t, p, ctx);
    if (relAfter && (!best || relAfter.end > best.end)) best = { ...relAfter, start: i };
  }
  const a = parseSpec(t, p, ctx.locale);
  if (a) {
    const va = resolveSpec(a.spec, ctx);
    if (va) {
      const sp = a.spec;
      const hasDate =
        sp.year !== undefined ||
        sp.yearRel !== undefined ||
        sp.month !== undefined ||
        sp.monthRel !== undefined ||
        sp.day !== undefined ||
        sp.dayRel !== undefined ||
        sp.dow !== undefined ||
        sp.holiday !== undefined;
      let match: TimeMatch = { start: i, end: a.end, value: va, hasDate };
      if (
        a.spec.month !== undefined &&
        a.spec.day === undefined &&
        !a.spec.monthPart &&
        a.spec.nth === undefined
      )
        match.monthOnly = true;
      if (a.spec.monthPart === '底' || a.spec.monthPart === '末') match.monthEnd = true;
      else if (a.spec.monthPart || a.spec.holiday) match.vague = true;
      // range: A - B
      const r = execAt(RANGE_SEP_RE, t, a.end);
      if (r) {
        const b = parseSpec(t, a.end + r[0].length, ctx.locale);
        if (b) {
          const bs: Spec = { ...b.spec };
          // 下周一至周三: the second weekday belongs to the same week
          if (bs.dow !== undefined && a.spec.dow !== undefined && bs.dowMode === 'bare') {
            bs.dowMode = a.spec.dowMode ?? 'bare';
            if (a.spec.weekShift !== undefined) bs.weekShift = a.spec.weekShift;
          }
          if (
            bs.month === undefined &&
            bs.monthRel === undefined &&
            bs.day !== undefined &&
            bs.dayRel === undefined
          ) {
            if (a.spec.month !== undefined) bs.month = a.spec.month;
            if (a.spec.monthRel !== undefined) bs.monthRel = a.spec.monthRel;
          }
          if (bs.year === undefined && a.spec.year !== undefined && bs.month !== undefined)
            bs.year = a.spec.year;
          if (
            bs.hour !== undefined &&
            bs.day === undefined &&
            bs.dayRel === undefined &&
            bs.dow === undefined
          ) {
            bs.day = a.spec.day;
            bs.month = a.spec.month;
            bs.year = a.spec.year;
            bs.dayRel = a.spec.dayRel;
            bs.dow = a.spec.dow;
            bs.dowMode = a.spec.dowMode;
            if (bs.pod === undefined) bs.pod = a.spec.pod;
          }
          const vb = resolveSpec(bs, ctx);
          if (vb) {
            const fromV = va.type === 'value' ? va.value : va.from;
            const toV = vb.type === 'value' ? addGrain(vb.value, vb.grain, 1) : vb.to;
            if (toV > fromV) {
              match = {
                start: i,
                end: b.end,
                value: { type: 'interval', from: fromV, to: toV, grain: va.grain },
                hasDate,
              };
            }
          }
        }
      }
      if (!rangeOnly || match.value.type === 'interval') {
        const dp = execAt(DEADLINE_POST_RE, t, match.end);
        if (dp && ctx.convention === 'business') {
          match.end += dp[0].length;
          match.deadline = true;
        } else if (deadlinePre && ctx.convention === 'business') match.deadline = true;
        if (deadlinePre && ctx.convention !== 'business') match.start = p;
        if (!best || match.end > best.end) best = match;
      }
    }
  }
  return best;
}

const START_RE =
  /[0-9月年零〇一二两三四五六七八九十廿卅上下这今本明后前大昨寻听去现此当宜而依目马立早中晚傍夜凌半清白周星礼从自由截最不务须需请于晏元妇劳儿建圣耶平愚万澳香情国教植青老双春农新正除年元端七乞盂八重腊清复神主沈沉棕灰忏煎五天基东拉四开肉尔古宰忠伊阿登法权盖穆斋莱赎犹住西诵转律欢光修献烛哈马图树逾以篝沙收圣排印屠侯荷洒胡好霍克切兄欧卫威比佛十凯杜九难庞淡大全地母父感过未接最近黑礼设濯过]/;

// 1 = may start a time expression; built once from START_RE's characters and the holiday names.
const START_TABLE = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of charsOf(START_RE.source.slice(1, -1))) table[c] = 1;
  for (const ch of HOLIDAY_FIRST) table[ch.charCodeAt(0)] = 1;
  return table;
})();

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

export function findTimes(t: string, ctx: TimeContext): TimeMatch[] {
  const out: TimeMatch[] = [];
  let i = 0;
  const n = t.length;
  while (i < n) {
    const c = t.charCodeAt(i);
    const prev = i > 0 ? t.charCodeAt(i - 1) : 0;
    let candidate: boolean;
    if (isDigit(c)) candidate = !(isDigit(prev) || isLetter(prev) || prev === 46);
    else if (isLetter(c)) candidate = !isLetter(prev);
    else candidate = START_TABLE[c] === 1;
    if (candidate) {
      const m = timeAt(t, i, ctx);
      if (m && m.end > i) {
        out.push(m);
        i = m.end;
        continue;
      }
    }
    i++;
  }
  return out;
}
