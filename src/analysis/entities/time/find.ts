// Finding time expressions: at each position the longest of the whole-expression rules (现在, 周末, 这周),
// the relative spans (三天后) and a point or range (2026年3月20日前, 下周一至周三), then the one scanner.
import { charsOf, execAt, gated, scanLongest } from '../scanner.js';
import { CONVENTIONS } from './conventions.js';
import { readPoint } from './grammar.js';
import { resolveSpec } from './resolve.js';
import { HOLIDAY_FIRST } from './rules/holiday.js';
import {
  completeSecondEnd,
  deadlinePrefixAt,
  fromAt,
  pointFlags,
  RANGE_SEP_RE,
  rangeValue,
} from './rules/range.js';
import { NOW, RELATIVE_SPAN, readRelative } from './rules/relative.js';
import { WEEK, WEEKEND } from './rules/weekday.js';
import type { Spec, TimeContext, TimeMatch, WholeRule } from './types.js';

/** Expressions read whole by one rule, tried in order: the first that reads one counts. */
const WHOLE = gated<WholeRule>([NOW, WEEKEND, WEEK]);

const longer = (m: TimeMatch | null, best: TimeMatch | null) => m !== null && (!best || m.end > best.end);

function wholeAt(t: string, i: number, ctx: TimeContext): TimeMatch | null {
  for (const { rule, gate } of WHOLE) {
    const m = execAt(rule.pattern, t, i, gate);
    const r = m && rule.produce(m, ctx, i);
    if (r) return r;
  }
  return null;
}

function relativeAt(t: string, i: number, ctx: TimeContext): TimeMatch | null {
  const r = readRelative(t, i);
  return r && CONVENTIONS[ctx.convention].relative(r, ctx);
}

const hasDateIn = (sp: Spec) =>
  sp.year !== undefined ||
  sp.yearRel !== undefined ||
  sp.month !== undefined ||
  sp.monthRel !== undefined ||
  sp.day !== undefined ||
  sp.dayRel !== undefined ||
  sp.dow !== undefined ||
  sp.holiday !== undefined;

/** A point at p, extended to a range when a second point follows a range word; start is i. */
function pointOrRangeAt(t: string, i: number, p: number, ctx: TimeContext): TimeMatch | null {
  const a = readPoint(t, p, ctx.locale);
  if (!a) return null;
  const va = resolveSpec(a.spec, ctx);
  if (!va) return null;
  const hasDate = hasDateIn(a.spec);
  const match: TimeMatch = { start: i, end: a.end, value: va, hasDate, ...pointFlags(a.spec) };
  const r = execAt(RANGE_SEP_RE, t, a.end);
  const b = r && readPoint(t, a.end + r[0].length, ctx.locale);
  const vb = b && resolveSpec(completeSecondEnd(a.spec, b.spec), ctx);
  const range = b && vb && rangeValue(va, vb);
  return b && range ? { start: i, end: b.end, value: range, hasDate } : match;
}

/** Longest time expression starting at i. */
export function timeAt(t: string, i: number, ctx: TimeContext): TimeMatch | null {
  const special = wholeAt(t, i, ctx);
  const rel = relativeAt(t, i, ctx);
  let best: TimeMatch | null = special;
  if (longer(rel, best)) best = rel;
  let p = i;
  const from = fromAt(t, p);
  p += from;
  // 从 only introduces a range: a single point after it is not read here
  const rangeOnly = from > 0;
  const prefix = rangeOnly ? 0 : deadlinePrefixAt(t, p);
  p += prefix;
  if (prefix > 0) {
    const relAfter = relativeAt(t, p, ctx);
    if (relAfter && longer(relAfter, best)) best = { ...relAfter, start: i };
  }
  const match = pointOrRangeAt(t, i, p, ctx);
  if (match && (!rangeOnly || match.value.type === 'interval')) {
    const c = { t, deadlinePrefix: prefix > 0, pointStart: p };
    for (const refine of CONVENTIONS[ctx.convention].refiners) refine(match, c);
    if (longer(match, best)) best = match;
  }
  return best;
}

const START_CHARS =
  '0-9月年零〇一二两三四五六七八九十廿卅上下这今本明后前大昨寻听去现此当宜而依目马立早中晚傍夜凌半清白周星礼从自由截最不务须需请于晏元妇劳儿建圣耶平愚万澳香情国教植青老双春农新正除年元端七乞盂八重腊清复神主沈沉棕灰忏煎五天基东拉四开肉尔古宰忠伊阿登法权盖穆斋莱赎犹住西诵转律欢光修献烛哈马图树逾以篝沙收圣排印屠侯荷洒胡好霍克切兄欧卫威比佛十凯杜九难庞淡大全地母父感过未接最近黑礼设濯过';

// 1 = a Chinese character that may start a time expression (the rules' first characters and every holiday name's).
const START_TABLE = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of charsOf(START_CHARS)) table[c] = 1;
  for (const ch of HOLIDAY_FIRST) table[ch.charCodeAt(0)] = 1;
  return table;
})();

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Digits and Latin words start only at a word's start (not inside HR-6082 or 12.5); others by table. */
function canStart(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  const prev = i > 0 ? t.charCodeAt(i - 1) : 0;
  if (isDigit(c)) return !(isDigit(prev) || isLetter(prev) || prev === 46);
  if (isLetter(c)) return !isLetter(prev);
  return START_TABLE[c] === 1;
}

export function findTimes(t: string, ctx: TimeContext): TimeMatch[] {
  return scanLongest(t, canStart, (s, i) => timeAt(s, i, ctx));
}
