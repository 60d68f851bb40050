// Durations: 3天, 一个半小时, 两年零三个月, 五分半钟, 30个工作日. Values follow Duckling: the total is given
// in the largest unit, no larger than the finest unit written, that expresses it as a whole number.
import { parseChineseNumber } from './numeral.js';
import { badLeft, charTable, NUM } from './patterns.js';
import type { DurationUnit } from './types.js';

export const UNIT_SECONDS: Record<DurationUnit, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86400,
  week: 604800,
  month: 2592000,
  quarter: 7776000,
  year: 31536000,
};
const ORDER: DurationUnit[] = ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'];

// Unit words, longest first. 分 alone only counts as minutes inside a duration (五分三十秒).
const UNIT_WORDS: Array<[string, DurationUnit]> = [
  ['秒钟', 'second'],
  ['秒', 'second'],
  ['分钟', 'minute'],
  ['个字', 'minute'],
  ['分', 'minute'],
  ['个小时', 'hour'],
  ['小时', 'hour'],
  ['个钟头', 'hour'],
  ['钟头', 'hour'],
  ['个钟', 'hour'],
  ['钟', 'hour'],
  ['个工作日', 'day'],
  ['工作日', 'day'],
  ['天', 'day'],
  ['日', 'day'],
  ['个星期', 'week'],
  ['星期', 'week'],
  ['个礼拜', 'week'],
  ['礼拜', 'week'],
  ['周', 'week'],
  ['个月', 'month'],
  ['月', 'month'],
  ['个季度', 'quarter'],
  ['季度', 'quarter'],
  ['年', 'year'],
];
const UNIT_RE = new RegExp(`[ \\t]?(${UNIT_WORDS.map(([w]) => w).join('|')})`, 'y');
const NUM_RE = new RegExp(`(?:${NUM}|半)`, 'y');
const GE_HALF_RE = /个半/y;
const HALF_RE = /半/y;
const LING_RE = /零/y;
const SPACE_RE = /[ \t]?/y;

function execAt(re: RegExp, t: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(t);
}

export interface DurationMatch {
  start: number;
  end: number;
  value: number;
  unit: DurationUnit;
  seconds: number;
  workingDays: boolean;
  /** The first component written, used to tell 3天 from 三月. */
  firstUnitWord: string;
}

interface Part {
  end: number;
  amount: number;
  unit: DurationUnit;
  word: string;
}

/** part := NUM 个半 UNIT | NUM UNIT 半 | 个半 UNIT | 半个? UNIT | NUM UNIT */
function partAt(t: string, i: number, first: boolean): Part | null {
  let p = i;
  let amount: number | null = null;
  const gh = execAt(GE_HALF_RE, t, p);
  if (gh) {
    amount = 1.5;
    p += 2;
  } else {
    const nm = execAt(NUM_RE, t, p);
    if (nm) {
      let txt = nm[0];
      while (txt.length > 0 && parseChineseNumber(txt) === null && txt !== '半') txt = txt.slice(0, -1);
      if (txt.length > 0) {
        amount = txt === '半' ? 0.5 : (parseChineseNumber(txt) as number);
        p += txt.length;
        const gh2 = execAt(GE_HALF_RE, t, p);
        if (gh2) {
          amount += 0.5;
          p += 2;
        } else if (txt === '半' && t[p] === '个') {
          p += 1;
        }
      }
    }
  }
  const sp = execAt(SPACE_RE, t, p);
  if (sp) p += sp[0].length;
  const um = execAt(UNIT_RE, t, p);
  if (!um) {
    // 分半 (一分半): the leading 一 may be missing
    if (first && amount === null) return null;
    return null;
  }
  const word = um[1] as string;
  if (amount === null) {
    // 分半钟 / 个半月 handled above; 分半 alone
    if (word === '分' && t[p + um[0].length] === '半') amount = 1;
    else return null;
  }
  const found = UNIT_WORDS.find(([w]) => w === word);
  if (!found) return null;
  let unit = found[1];
  let end = p + um[0].length;
  if (word === '个字') amount *= 5;
  if (word === '个字') unit = 'minute';
  const h = execAt(HALF_RE, t, end);
  if (h) {
    amount += 0.5;
    end += 1;
    if (unit === 'minute' && t[end] === '钟') end += 1;
  }
  return { end, amount, unit, word };
}

export function durationAt(t: string, i: number): DurationMatch | null {
  if (badLeft(t, i)) return null;
  const first = partAt(t, i, true);
  if (!first) return null;
  const parts: Part[] = [first];
  let end = first.end;
  for (;;) {
    let p = end;
    const z = execAt(LING_RE, t, p);
    if (z) p += 1;
    const next = partAt(t, p, false);
    const prev = parts[parts.length - 1] as Part;
    if (!next || ORDER.indexOf(next.unit) >= ORDER.indexOf(prev.unit)) {
      // a bare trailing number after minutes means seconds? (五分三十 is ambiguous; stop)
      break;
    }
    parts.push(next);
    end = next.end;
  }
  const monthBased = parts.every((p) => ORDER.indexOf(p.unit) >= ORDER.indexOf('month'));
  const finest = parts.reduce(
    (a, p) => (ORDER.indexOf(p.unit) < ORDER.indexOf(a) ? p.unit : a),
    'year' as DurationUnit,
  );
  let seconds = 0;
  let months = 0;
  for (const p of parts) {
    seconds += p.amount * UNIT_SECONDS[p.unit];
    if (monthBased) months += p.amount * (p.unit === 'year' ? 12 : p.unit === 'quarter' ? 3 : 1);
  }
  let value = 0;
  let unit: DurationUnit = 'second';
  let idx = ORDER.indexOf(finest);
  for (; idx >= 0; idx--) {
    const u = ORDER[idx] as DurationUnit;
    let v: number;
    if (monthBased && (u === 'year' || u === 'quarter' || u === 'month')) {
      v = months / (u === 'year' ? 12 : u === 'quarter' ? 3 : 1);
    } else v = seconds / UNIT_SECONDS[u];
    v = Math.round(v * 1e6) / 1e6;
    if (Number.isInteger(v)) {
      value = v;
      unit = u;
      break;
    }
  }
  if (idx < 0) {
    value = Math.round(seconds);
    unit = 'second';
  }
  return {
    start: i,
    end,
    value,
    unit,
    seconds: Math.round(seconds),
    workingDays: parts.some((p) => p.word.includes('工作日')),
    firstUnitWord: first.word,
  };
}

const START_RE = /[0-9.零〇一二两三四五六七八九十百千万廿卅卌半个分]/;

const START_TABLE = charTable(START_RE);

export function findDurationMatches(t: string): DurationMatch[] {
  const out: DurationMatch[] = [];
  let i = 0;
  while (i < t.length) {
    if (START_TABLE[t.charCodeAt(i)] === 1) {
      const m = durationAt(t, i);
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
