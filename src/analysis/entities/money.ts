// Amounts of money: 12.5元, ¥12.50, USD 3.20, 人民币3.14, 两毛五, 五块七毛八, 港币三个一毫四, ranges and bounds.
import { parseChineseNumber } from './numeral.js';
import { badLeft, charTable, NUM } from './patterns.js';

export interface MoneyMatch {
  start: number;
  end: number;
  /** Duckling currency: '$' for 元/块/蚊 without a named currency, 'cent' for 分/角/毛 only amounts. */
  currency: string;
  /** True when the currency came from 元/块/蚊 only (business reads it as CNY). */
  generic: boolean;
  value?: number;
  from?: number;
  to?: number;
}

const CURRENCY_WORDS: Array<[string, string]> = [
  ['人民币|RMB|CNY|CN¥|¥|￥', 'CNY'],
  ['港币|港元|HKD|HK\\$', 'HKD'],
  ['美元|美金|USD|US\\$|\\$', 'USD'],
  ['欧元|EUR|€', 'EUR'],
  ['日元|日币|JPY|円', 'JPY'],
  ['英镑|GBP|£', 'GBP'],
  ['台币|新台币|TWD|NT\\$', 'TWD'],
  ['澳门币|MOP', 'MOP'],
  ['韩元|KRW|₩', 'KRW'],
];
const CUR_ALT = CURRENCY_WORDS.map(([r]) => r).join('|');
const CUR_RE = new RegExp(`\\s*(${CUR_ALT})(?![A-Za-z])`, 'iy');
const CUR_PRE_RE = new RegExp(`(${CUR_ALT})\\s*`, 'iy');

function currencyOf(word: string): string {
  for (const [r, c] of CURRENCY_WORDS) {
    if (new RegExp(`^(?:${r})$`, 'i').test(word)) return c;
  }
  return '$';
}

const NUM_RE = new RegExp(NUM, 'y');
const DOLLAR_RE = /\s*(元|块|蚊|圆|个)/y;
const JIAO_RE = /(角|毛|毫)/y;
const FEN_RE = /(分|仙)/y;
const SMALL_DIGIT_RE = /[零〇一二两三四五六七八九]|\d/y;
const ZERO_RE = /零/y;
const BOUND_PRE_RE =
  /(最多|至多|最少|至少|起码|不少于|不超过|不多于|不低于|不高于|约|大约|大概|总价约|约合)\s*/y;
const BOUND_POST_RE = /\s*(或以上|或以下|以上|以下|左右)/y;
const RANGE_RE = /\s*(?:-|~|—|–|到|至)\s*/y;
const HALF_RE = /半/y;
const UNIT_AFTER_RE = /[件支套只个箱托片根卷台批盒包袋桶张条米吨斤克公千p]/i;

function execAt(re: RegExp, t: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(t);
}

interface Amount {
  end: number;
  /** value in dollars (or cents when cents only) */
  value: number;
  kind: 'dollar' | 'cent' | 'bare';
  currency: string | null;
}

function smallNum(t: string, i: number): { end: number; value: number } | null {
  const m = execAt(NUM_RE, t, i);
  if (!m) return null;
  let txt = m[0];
  // never eat the 两 of a following unit, nor 点 decimals inside cents
  while (txt.length > 0) {
    const v = parseChineseNumber(txt);
    if (v !== null) return { end: i + txt.length, value: v };
    txt = txt.slice(0, -1);
  }
  return null;
}

/** amount := [CUR] NUM (元|块|蚊|个) [角-part] [分-part] [CUR] | NUM (角|毛) [NUM 分?] | NUM 分 | [CUR] NUM */
function amountAt(t: string, i: number): Amount | null {
  let p = i;
  let currency: string | null = null;
  const cp = execAt(CUR_PRE_RE, t, p);
  if (cp) {
    currency = currencyOf(cp[1] as string);
    p += cp[0].length;
  }
  let n = smallNum(t, p);
  // 個半 / 個九: the leading 一 is implied
  if (
    !n &&
    t[p] === '个' &&
    /[半一二三四五六七八九]/.test(t[p + 1] ?? '') &&
    !/[零〇一二三四五六七八九十\d]/.test(t[p + 2] ?? '') &&
    (currency !== null || p === 0 || !/[\u4e00-\u9fff]/.test(t[p - 1] as string))
  )
    n = { end: p, value: 1 };
  if (!n) return null;
  p = n.end;
  const d = execAt(DOLLAR_RE, t, p);
  if (d) {
    const word = d[1] as string;
    let value = n.value;
    let q = p + d[0].length;
    // 个 means dollars only when followed by 半 / a digit / 毫 part (Cantonese), or after a currency word
    if (word === '个') {
      const nx = t[q] ?? '';
      if (!/[半一二三四五六七八九]/.test(nx) && currency === null) return null;
    }
    if (execAt(HALF_RE, t, q)) return { end: q + 1, value: value + 0.5, kind: 'dollar', currency };
    // jiao part
    let hadZero = false;
    if (execAt(ZERO_RE, t, q)) {
      hadZero = true;
      q += 1;
    }
    if (t[q] === '钱' && word === '块') {
      q += 1;
      return { end: q, value: round(value), kind: 'dollar', currency };
    }
    // 一块二 = 1.2, but 12.5元一件 is a price per piece
    const jn = Number.isInteger(value) ? execAt(SMALL_DIGIT_RE, t, q) : null;
    if (jn && !UNIT_AFTER_RE.test(t[q + jn[0].length] ?? '')) {
      const jv = parseChineseNumber(jn[0]) ?? 0;
      const after = q + jn[0].length;
      if (!hadZero && execAt(JIAO_RE, t, after)) {
        value += jv / 10;
        q = after + 1;
        const fn = execAt(SMALL_DIGIT_RE, t, q);
        if (fn) {
          const fv = parseChineseNumber(fn[0]) ?? 0;
          value += fv / 100;
          q += fn[0].length;
          if (execAt(FEN_RE, t, q)) q += 1;
        }
      } else if (execAt(FEN_RE, t, after) || hadZero) {
        value += jv / 100;
        q = after + (execAt(FEN_RE, t, after) ? 1 : 0);
      } else if (!/[\d]/.test(t[after] ?? '') && !/[一二三四五六七八九十百千万]/.test(t[after] ?? '')) {
        value += jv / 10;
        q = after;
      } else if (t[after] === '一' && UNIT_AFTER_RE.test(t[after + 1] ?? '')) {
        // Spoken prices: 十八块五一支 is 18.5 a piece (the 一支 is the per-unit, not more digits).
        value += jv / 10;
        q = after;
      }
    }
    if (t[q] === '钱' && word !== '个') q += 1;
    const cs = execAt(CUR_RE, t, q);
    if (cs && currency === null) {
      currency = currencyOf(cs[1] as string);
      q += cs[0].length;
    }
    return { end: q, value: round(value), kind: 'dollar', currency };
  }
  const j = execAt(JIAO_RE, t, p);
  if (j) {
    let cents = n.value * 10;
    let q = p + 1;
    const fn = execAt(SMALL_DIGIT_RE, t, q);
    if (fn) {
      cents += parseChineseNumber(fn[0]) ?? 0;
      q += fn[0].length;
      if (execAt(FEN_RE, t, q)) q += 1;
    }
    if (currency !== null) return { end: q, value: round(cents / 100), kind: 'dollar', currency };
    return { end: q, value: round(cents), kind: 'cent', currency: null };
  }
  const f = execAt(FEN_RE, t, p);
  if (f && currency === null) return { end: p + 1, value: n.value, kind: 'cent', currency: null };
  const cs = execAt(CUR_RE, t, p);
  if (cs) {
    return { end: p + cs[0].length, value: n.value, kind: 'dollar', currency: currencyOf(cs[1] as string) };
  }
  if (currency !== null) return { end: p, value: n.value, kind: 'dollar', currency };
  return { end: p, value: n.value, kind: 'bare', currency: null };
}

function curOf(a: Amount): { currency: string; generic: boolean } {
  if (a.kind === 'cent') return { currency: 'cent', generic: false };
  if (a.currency) return { currency: a.currency, generic: false };
  return { currency: '$', generic: true };
}

export function moneyAt(t: string, i: number): MoneyMatch | null {
  if (badLeft(t, i)) return null;
  let p = i;
  let bound: 'max' | 'min' | null = null;
  const bp = execAt(BOUND_PRE_RE, t, p);
  if (bp) {
    const w = bp[1] as string;
    if (/最多|至多|不超过|不多于|不高于/.test(w)) bound = 'max';
    else if (/最少|至少|起码|不少于|不低于/.test(w)) bound = 'min';
    p += bp[0].length;
  }
  const a = amountAt(t, p);
  if (!a) return null;
  const r = execAt(RANGE_RE, t, a.end);
  if (r && bound === null) {
    const b = amountAt(t, a.end + r[0].length);
    if (b && b.kind !== 'bare' && (a.kind === 'bare' || a.kind === b.kind)) {
      const c = curOf(b);
      const cur = a.currency && b.kind !== 'cent' ? a.currency : c.currency;
      return {
        start: i,
        end: b.end,
        currency: cur,
        generic: c.generic && !a.currency,
        from: a.value,
        to: b.value,
      };
    }
  }
  if (a.kind === 'bare') return null;
  let end = a.end;
  const post = execAt(BOUND_POST_RE, t, end);
  if (post) {
    const w = post[1] as string;
    if (bound === null && /以上/.test(w)) bound = 'min';
    else if (bound === null && /以下/.test(w)) bound = 'max';
    end += post[0].length;
  }
  const c = curOf(a);
  if (bound === 'max') return { start: i, end, ...c, to: a.value };
  if (bound === 'min') return { start: i, end, ...c, from: a.value };
  return { start: i, end, ...c, value: a.value };
}

const START_RE =
  /[0-9.零〇一二两三四五六七八九十百千万廿卅卌最至起不约大总人港美欧日英台澳韩个RUCHEJGTNMKrucheg¥￥$€£₩円]/;

const START_TABLE = charTable(START_RE);

export function findMoneyMatches(t: string): MoneyMatch[] {
  const out: MoneyMatch[] = [];
  let i = 0;
  while (i < t.length) {
    if (START_TABLE[t.charCodeAt(i)] === 1) {
      const m = moneyAt(t, i);
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

function round(v: number): number {
  return Math.round(v * 1e9) / 1e9;
}
