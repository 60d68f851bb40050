// Holidays: fixed dates, Easter-relative (Western and Orthodox computus), lunar (Chinese, Islamic and Hebrew
// calendars through ICU's Intl calendars), and a few Indian festivals from a date table. Hebrew holidays start
// on the eve, as Duckling reports them.
import { addDays, ymd } from './calendar.js';

type Rule =
  | { kind: 'fixed'; m: number; d: number }
  | { kind: 'easter'; offset: number; orthodox?: boolean }
  | { kind: 'chinese'; m: number; d: number; offset?: number }
  | { kind: 'islamic'; m: number; d: number }
  | { kind: 'hebrew'; month: string; d: number; eve?: boolean; israelDay?: boolean }
  | { kind: 'nthDow'; m: number; n: number; dow: number; offset?: number }
  | { kind: 'table'; dates: Record<number, string> };

export interface HolidayDef {
  names: string;
  canonical: string;
  rule: Rule;
  /** Length in days when the holiday is a period (Passover, Ramadan …). */
  days?: number;
  /** Ends at the day given by this rule (exclusive) instead of a fixed length. */
  endRule?: Rule;
  /** Start and end time of day for events like Earth Hour. */
  time?: { from: [number, number]; to: [number, number] };
  locale?: 'TW' | 'notTW';
  /** Business text: vague when used as a deadline anchor. */
}

export const HOLIDAYS: HolidayDef[] = [
  { names: '元旦节?|阳历新年|新年', canonical: '元旦', rule: { kind: 'fixed', m: 1, d: 1 } },
  { names: '妇女节|三八妇女节|国际妇女节', canonical: '妇女节', rule: { kind: 'fixed', m: 3, d: 8 } },
  {
    names: '五一国际劳动节|国际劳动节|劳动节|五一节?',
    canonical: '劳动节',
    rule: { kind: 'fixed', m: 5, d: 1 },
  },
  { names: '国际儿童节|六一儿童节|儿童节', canonical: '儿童节', rule: { kind: 'fixed', m: 6, d: 1 } },
  { names: '八一建军节|建军节', canonical: '建军节', rule: { kind: 'fixed', m: 8, d: 1 } },
  { names: '圣诞节?|耶诞节?', canonical: '圣诞节', rule: { kind: 'fixed', m: 12, d: 25 } },
  { names: '平安夜|圣诞夜', canonical: '平安夜', rule: { kind: 'fixed', m: 12, d: 24 } },
  { names: '愚人节', canonical: '愚人节', rule: { kind: 'fixed', m: 4, d: 1 } },
  { names: '万圣节', canonical: '万圣节', rule: { kind: 'fixed', m: 10, d: 31 } },
  { names: '澳门回归纪念日|澳门回归日', canonical: '澳门回归纪念日', rule: { kind: 'fixed', m: 12, d: 20 } },
  { names: '香港回归纪念日|香港回归日', canonical: '香港回归纪念日', rule: { kind: 'fixed', m: 7, d: 1 } },
  { names: '圣瓦伦丁节|情人节', canonical: '情人节', rule: { kind: 'fixed', m: 2, d: 14 } },
  {
    names: '国际消费者权益日|消费者权益日|三一五',
    canonical: '国际消费者权益日',
    rule: { kind: 'fixed', m: 3, d: 15 },
  },
  { names: '教师节', canonical: '教师节', rule: { kind: 'fixed', m: 9, d: 10 } },
  { names: '植树节', canonical: '植树节', rule: { kind: 'fixed', m: 3, d: 12 } },
  { names: '青年节|五四青年节', canonical: '青年节', rule: { kind: 'fixed', m: 5, d: 4 } },
  { names: '建党节|七一建党节', canonical: '建党节', rule: { kind: 'fixed', m: 7, d: 1 } },
  { names: '老板节', canonical: '老板节', rule: { kind: 'fixed', m: 10, d: 16 } },
  { names: '双十一|光棍节', canonical: '光棍节', rule: { kind: 'fixed', m: 11, d: 11 } },
  { names: '国庆节?|双十节', canonical: '国庆节', rule: { kind: 'fixed', m: 10, d: 10 }, locale: 'TW' },
  { names: '国庆节?', canonical: '国庆节', rule: { kind: 'fixed', m: 10, d: 1 }, locale: 'notTW' },
  // Chinese lunar calendar
  {
    names: '春节|农历新年|新春|正月正时|正月朔日|大年初一|过年',
    canonical: '春节',
    rule: { kind: 'chinese', m: 1, d: 1 },
  },
  { names: '除夕|大年夜|年三十', canonical: '除夕', rule: { kind: 'chinese', m: 1, d: 1, offset: -1 } },
  { names: '元宵节?|上元节', canonical: '元宵节', rule: { kind: 'chinese', m: 1, d: 15 } },
  { names: '端午节?|端阳节', canonical: '端午节', rule: { kind: 'chinese', m: 5, d: 5 } },
  { names: '七夕节?|乞巧节', canonical: '七夕节', rule: { kind: 'chinese', m: 7, d: 7 } },
  { names: '中元节|盂兰盆节', canonical: '中元节', rule: { kind: 'chinese', m: 7, d: 15 } },
  { names: '中秋节?|八月节', canonical: '中秋节', rule: { kind: 'chinese', m: 8, d: 15 } },
  { names: '重阳节?', canonical: '重阳节', rule: { kind: 'chinese', m: 9, d: 9 } },
  { names: '腊八节?', canonical: '腊八节', rule: { kind: 'chinese', m: 12, d: 8 } },
  { names: '清明节?', canonical: '清明节', rule: { kind: 'table', dates: qingming() } },
  // Western Christian, relative to Easter
  { names: '复活节星期一', canonical: '复活节星期一', rule: { kind: 'easter', offset: 1 } },
  {
    names: '复活节前夜|神圣周六|圣周六|耶稣受难日翌日|主受难节翌日|黑色星期六',
    canonical: '圣周六',
    rule: { kind: 'easter', offset: -1 },
  },
  { names: '复活节|主复活日', canonical: '复活节', rule: { kind: 'easter', offset: 0 } },
  {
    names: '主受难日|主受难节|沈默周五|沉默周五|圣周五|耶稣受难日|耶稣受难节',
    canonical: '耶稣受难日',
    rule: { kind: 'easter', offset: -2 },
  },
  {
    names: '濯足节|神圣星期四|圣周星期四|圣周四|设立圣餐日',
    canonical: '神圣星期四',
    rule: { kind: 'easter', offset: -3 },
  },
  {
    names: '棕枝主日|圣枝主日|圣树主日|基督苦难主日',
    canonical: '棕枝主日',
    rule: { kind: 'easter', offset: -7 },
  },
  {
    names: '大斋首日|圣灰星期三|灰日|圣灰礼仪日|圣灰日',
    canonical: '大斋首日',
    rule: { kind: 'easter', offset: -46 },
  },
  { names: '忏悔节|忏悔火曜日|煎饼星期二', canonical: '忏悔节', rule: { kind: 'easter', offset: -47 } },
  { names: '五旬节|圣灵降临节|圣灵降临日', canonical: '五旬节', rule: { kind: 'easter', offset: 49 } },
  { names: '圣灵节庆日', canonical: '圣灵节庆日', rule: { kind: 'easter', offset: 50 } },
  {
    names: '圣三一主日|天主三一主日|天主圣三一节|圣三主日|圣三节',
    canonical: '圣三一主日',
    rule: { kind: 'easter', offset: 56 },
  },
  {
    names: '基督圣体节|基督圣体圣血瞻礼|基督圣体圣血节',
    canonical: '基督圣体节',
    rule: { kind: 'easter', offset: 60 },
  },
  {
    names: '大斋期|大斋节',
    canonical: '大斋期',
    rule: { kind: 'easter', offset: -46 },
    endRule: { kind: 'easter', offset: 0 },
  },
  // Orthodox
  {
    names: '东正教复活节星期一',
    canonical: '东正教复活节星期一',
    rule: { kind: 'easter', offset: 1, orthodox: true },
  },
  {
    names: '东正教神圣周六|东正教圣周六|东正教耶稣受难日翌日|东正教主受难节翌日|东正教复活节前夜',
    canonical: '东正教圣周六',
    rule: { kind: 'easter', offset: -1, orthodox: true },
  },
  {
    names: '东正教耶稣受难日|东正教主受难节|东正教圣周五|东正教沈默周五|东正教沉默周五',
    canonical: '东正教耶稣受难日',
    rule: { kind: 'easter', offset: -2, orthodox: true },
  },
  {
    names: '东正教棕枝主日|东正教圣枝主日|东正教圣树主日|东正教基督苦难主日',
    canonical: '东正教棕枝主日',
    rule: { kind: 'easter', offset: -7, orthodox: true },
  },
  { names: '东正教复活节', canonical: '东正教复活节', rule: { kind: 'easter', offset: 0, orthodox: true } },
  {
    names: '拉撒路圣周六|拉匝路周六',
    canonical: '拉撒路圣周六',
    rule: { kind: 'easter', offset: -8, orthodox: true },
  },
  {
    names: '四旬节',
    canonical: '四旬节',
    rule: { kind: 'easter', offset: -48, orthodox: true },
    endRule: { kind: 'easter', offset: -8, orthodox: true },
  },
  // Islamic (Umm al-Qura)
  { names: '开斋节|肉孜节|尔代节', canonical: '开斋节', rule: { kind: 'islamic', m: 10, d: 1 } },
  { names: '古尔邦节|宰牲节|忠孝节', canonical: '古尔邦节', rule: { kind: 'islamic', m: 12, d: 10 } },
  {
    names: '伊斯兰新年|伊斯兰教新年|伊斯兰历新年',
    canonical: '伊斯兰新年',
    rule: { kind: 'islamic', m: 1, d: 1 },
  },
  { names: '阿舒拉节', canonical: '阿舒拉节', rule: { kind: 'islamic', m: 1, d: 10 } },
  { names: '圣纪节', canonical: '圣纪节', rule: { kind: 'islamic', m: 3, d: 12 } },
  { names: '登霄节|夜行登霄节', canonical: '登霄节', rule: { kind: 'islamic', m: 7, d: 27 } },
  { names: '法令之夜|权力之夜|盖德尔夜', canonical: '法令之夜', rule: { kind: 'islamic', m: 9, d: 27 } },
  {
    names: '穆斯林斋月|斋月|莱麦丹月',
    canonical: '斋月',
    rule: { kind: 'islamic', m: 9, d: 1 },
    endRule: { kind: 'islamic', m: 10, d: 1 },
  },
  // Hebrew
  { names: '赎罪日', canonical: '赎罪日', rule: { kind: 'hebrew', month: 'Tishri', d: 10, eve: true } },
  {
    names: '犹太新年',
    canonical: '犹太新年',
    rule: { kind: 'hebrew', month: 'Tishri', d: 1, eve: true },
    days: 3,
  },
  {
    names: '住棚节',
    canonical: '住棚节',
    rule: { kind: 'hebrew', month: 'Tishri', d: 15, eve: true },
    days: 9,
  },
  {
    names: '西赫托拉节|西赫妥拉节|诵经节|转经节|律法节|欢庆圣法节',
    canonical: '西赫托拉节',
    rule: { kind: 'hebrew', month: 'Tishri', d: 23, eve: true },
  },
  {
    names: '光明节|修殿节|献殿节|烛光节|哈努卡节|马加比节',
    canonical: '光明节',
    rule: { kind: 'hebrew', month: 'Kislev', d: 25, eve: true },
    days: 8,
  },
  {
    names: '犹太植树节|图比舍巴特节|树木新年',
    canonical: '犹太植树节',
    rule: { kind: 'hebrew', month: 'Shevat', d: 15, eve: true },
  },
  {
    names: '逾越节',
    canonical: '逾越节',
    rule: { kind: 'hebrew', month: 'Nisan', d: 15, eve: true },
    days: 9,
  },
  {
    names: '以色列独立日|以色列国庆节',
    canonical: '以色列独立日',
    rule: { kind: 'hebrew', month: 'Iyar', d: 5, eve: true, israelDay: true },
  },
  {
    names: '犹太教篝火节|篝火节',
    canonical: '篝火节',
    rule: { kind: 'hebrew', month: 'Iyar', d: 18, eve: true },
  },
  {
    names: '七七节|沙夫幼特节|周日节|收获节|新果实节|收穫节',
    canonical: '七七节',
    rule: { kind: 'hebrew', month: 'Sivan', d: 6, eve: true },
    days: 3,
  },
  {
    names: '圣殿被毁日|禁食日',
    canonical: '圣殿被毁日',
    rule: { kind: 'hebrew', month: 'Av', d: 9, eve: true },
  },
  // Indian and Buddhist festivals follow local lunisolar reckoning: table of known dates.
  {
    names: '排灯节|万灯节|印度灯节|屠妖节',
    canonical: '排灯节',
    rule: {
      kind: 'table',
      dates: {
        2013: '11-03',
        2014: '10-23',
        2015: '11-11',
        2016: '10-30',
        2017: '10-19',
        2018: '11-07',
        2019: '10-27',
        2020: '11-14',
        2021: '11-04',
        2022: '10-24',
        2023: '11-12',
        2024: '11-01',
        2025: '10-20',
        2026: '11-08',
      },
    },
  },
  {
    names: '侯丽节|荷丽节|洒红节|欢悦节|五彩节|胡里节|好利节|霍利节',
    canonical: '侯丽节',
    rule: {
      kind: 'table',
      dates: {
        2013: '03-26',
        2014: '03-16',
        2015: '03-05',
        2016: '03-23',
        2017: '03-12',
        2018: '03-01',
        2019: '03-20',
        2020: '03-09',
        2024: '03-24',
        2025: '03-13',
        2026: '03-03',
      },
    },
  },
  {
    names: '克哈特普迦节|切哈特节',
    canonical: '克哈特普迦节',
    rule: { kind: 'table', dates: { 2013: '11-09', 2014: '10-29', 2018: '11-13' } },
  },
  {
    names: '印度兄妹节|拉克沙班丹节|兄妹节',
    canonical: '印度兄妹节',
    rule: {
      kind: 'table',
      dates: { 2013: '08-20', 2014: '08-10', 2015: '08-29', 2018: '08-26', 2024: '08-19', 2025: '08-09' },
    },
  },
  {
    names: '欧南节|欧楠节',
    canonical: '欧南节',
    rule: { kind: 'table', dates: { 2013: '08-20', 2014: '09-06', 2018: '08-24' } },
  },
  {
    names: '卫塞节|威瑟节|比萨宝蕉节|佛诞节?',
    canonical: '卫塞节',
    rule: {
      kind: 'table',
      dates: { 2013: '05-24', 2014: '05-14', 2015: '05-03', 2018: '04-29', 2024: '05-22', 2025: '05-12' },
    },
  },
  {
    names: '十胜节|凯旋节|圣母节|十胜日|杜尔加节',
    canonical: '十胜节',
    rule: {
      kind: 'table',
      dates: { 2013: '10-14', 2014: '10-03', 2015: '10-22', 2018: '10-19', 2024: '10-12', 2025: '10-02' },
    },
  },
  {
    names: '九夜节|难近母节',
    canonical: '九夜节',
    rule: {
      kind: 'table',
      dates: { 2013: '10-04', 2014: '09-24', 2018: '10-09', 2024: '10-02', 2025: '09-21' },
    },
    days: 10,
  },
  {
    names: '印度丰收节第四天|庞格尔节第四天',
    canonical: '印度丰收节第四天',
    rule: { kind: 'table', dates: pongal(3) },
  },
  {
    names: '印度丰收节第三天|庞格尔节第三天',
    canonical: '印度丰收节第三天',
    rule: { kind: 'table', dates: pongal(2) },
  },
  {
    names: '印度丰收节|淡米尔丰收节|庞格尔节|大丰收节',
    canonical: '印度丰收节',
    rule: { kind: 'table', dates: pongal(1) },
  },
  {
    names: '圣会节|圣会节',
    canonical: '圣会节',
    rule: { kind: 'hebrew', month: 'Tishri', d: 22, eve: true },
  },
  // Awareness days
  {
    names: '全球青年服务日',
    canonical: '全球青年服务日',
    rule: { kind: 'nthDow', m: 4, n: -1, dow: 5 },
    days: 3,
  },
  {
    names: '地球一小时',
    canonical: '地球一小时',
    rule: {
      kind: 'table',
      dates: {
        2013: '03-23',
        2014: '03-29',
        2015: '03-28',
        2016: '03-19',
        2017: '03-25',
        2018: '03-24',
        2019: '03-30',
        2020: '03-28',
        2021: '03-27',
        2022: '03-26',
        2023: '03-25',
        2024: '03-23',
        2025: '03-22',
        2026: '03-28',
      },
    },
    time: { from: [20, 30], to: [21, 31] },
  },
  { names: '母亲节', canonical: '母亲节', rule: { kind: 'nthDow', m: 5, n: 2, dow: 7 } },
  { names: '父亲节', canonical: '父亲节', rule: { kind: 'nthDow', m: 6, n: 3, dow: 7 } },
  { names: '感恩节', canonical: '感恩节', rule: { kind: 'nthDow', m: 11, n: 4, dow: 4 } },
];

function pongal(day: number): Record<number, string> {
  // Thai Pongal falls on 14 or 15 January (Makar Sankranti); Duckling's table gives the 14th for 2013–2015.
  const out: Record<number, string> = {};
  for (let y = 2000; y <= 2040; y++) out[y] = `01-${String(13 + day).padStart(2, '0')}`;
  return out;
}
function qingming(): Record<number, string> {
  const out: Record<number, string> = {};
  for (let y = 2000; y <= 2040; y++) {
    // Solar term 清明: 4 April in leap years and the year after from 2008, else 5 April (good to 2040).
    const d = y % 4 === 0 || y % 4 === 1 ? '04-04' : '04-05';
    out[y] = d;
  }
  return out;
}

function easter(y: number, orthodox: boolean): number {
  if (orthodox) {
    const a = y % 4;
    const b = y % 7;
    const c = y % 19;
    const d = (19 * c + 15) % 30;
    const e = (2 * a + 4 * b - d + 34) % 7;
    const month = Math.floor((d + e + 114) / 31);
    const day = ((d + e + 114) % 31) + 1;
    return addDays(ymd(y, month, day), 13);
  }
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(y, month, day);
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(cal: string): Intl.DateTimeFormat {
  let f = fmtCache.get(cal);
  if (!f) {
    f = new Intl.DateTimeFormat(`en-u-ca-${cal}`, {
      timeZone: 'UTC',
      year: 'numeric',
      month: cal === 'hebrew' ? 'long' : 'numeric',
      day: 'numeric',
    });
    fmtCache.set(cal, f);
  }
  return f;
}
function calParts(cal: string, ms: number): { month: string; day: number } {
  let month = '';
  let day = 0;
  for (const p of fmt(cal).formatToParts(new Date(ms))) {
    if (p.type === 'month') month = p.value;
    else if (p.type === 'day') day = Number(p.value);
  }
  return { month, day };
}

const dayCache = new Map<string, number[]>();
/** All Gregorian days of year y on which the calendar shows month/day. */
function findInYear(cal: string, month: string, day: number, y: number): number[] {
  const key = `${cal}|${month}|${day}|${y}`;
  const hit = dayCache.get(key);
  if (hit) return hit;
  const out: number[] = [];
  if (typeof Intl === 'undefined') return out;
  let ms = ymd(y, 1, 1);
  const end = ymd(y + 1, 1, 1);
  // Step by a week until the month matches, then by day: about 80 formats a year.
  while (ms < end) {
    const p = calParts(cal, ms);
    if (p.month === month || (month === 'Adar' && p.month === 'Adar II')) {
      const target = addDays(ms, day - p.day);
      if (target >= ymd(y, 1, 1) && target < end) {
        const q = calParts(cal, target);
        if (q.day === day && q.month === p.month) out.push(target);
      }
      ms = addDays(ms, 26);
    } else ms = addDays(ms, 7);
  }
  const uniq = [...new Set(out)].sort((a, b) => a - b);
  if (dayCache.size > 5000) dayCache.clear();
  dayCache.set(key, uniq);
  return uniq;
}

function ruleDate(rule: Rule, y: number): number | null {
  switch (rule.kind) {
    case 'fixed':
      return ymd(y, rule.m, rule.d);
    case 'easter':
      return addDays(easter(y, rule.orthodox === true), rule.offset);
    case 'chinese': {
      // Lunar month m of the Chinese year that starts in Gregorian year y (or the one before for late months).
      const found = findInYear('chinese', String(rule.m), rule.d, y);
      const first = found[0];
      if (first === undefined) return null;
      return addDays(first, rule.offset ?? 0);
    }
    case 'islamic': {
      const found = findInYear('islamic-umalqura', String(rule.m), rule.d, y);
      return found[0] ?? null;
    }
    case 'hebrew': {
      const found = findInYear('hebrew', rule.month, rule.d, y);
      let day = found[0];
      if (day === undefined) return null;
      if (rule.israelDay) {
        const dow = new Date(day).getUTCDay();
        if (dow === 5) day = addDays(day, -1);
        else if (dow === 6) day = addDays(day, -2);
        else if (dow === 1) day = addDays(day, 1);
      }
      return rule.eve ? addDays(day, -1) : day;
    }
    case 'nthDow': {
      if (rule.n > 0) {
        const first = ymd(y, rule.m, 1);
        const dow = ((new Date(first).getUTCDay() + 6) % 7) + 1;
        return addDays(first, ((rule.dow - dow + 7) % 7) + 7 * (rule.n - 1));
      }
      const last = ymd(y, rule.m + 1, 0);
      const dow = ((new Date(last).getUTCDay() + 6) % 7) + 1;
      return addDays(last, -((dow - rule.dow + 7) % 7));
    }
    case 'table': {
      const md = rule.dates[y];
      if (!md) return null;
      return ymd(y, Number(md.slice(0, 2)), Number(md.slice(3, 5)));
    }
  }
}

export interface HolidayOccurrence {
  start: number;
  /** Exclusive end when the holiday is a period. */
  end?: number;
  canonical: string;
  time?: { from: [number, number]; to: [number, number] };
}

/** The occurrence in year y. */
export function holidayInYear(h: HolidayDef, y: number): HolidayOccurrence | null {
  const s = ruleDate(h.rule, y);
  if (s === null) return null;
  let end: number | undefined;
  if (h.endRule) {
    const e = ruleDate(h.endRule, y);
    if (e !== null && e > s) end = e;
  } else if (h.days) end = addDays(s, h.days);
  const occ: HolidayOccurrence = { start: s, canonical: h.canonical };
  if (end !== undefined) occ.end = end;
  if (h.time) occ.time = h.time;
  return occ;
}

/** The first occurrence that has not ended before today. */
export function nextHoliday(h: HolidayDef, today: number, refYear: number): HolidayOccurrence | null {
  for (let y = refYear; y <= refYear + 2; y++) {
    const o = holidayInYear(h, y);
    if (o && (o.end ?? addDays(o.start, 1)) > today) return o;
  }
  return null;
}

export function holidaysFor(locale: string | undefined): HolidayDef[] {
  const tw = /TW$/i.test(locale ?? '');
  return HOLIDAYS.filter((h) => !h.locale || (h.locale === 'TW') === tw);
}
