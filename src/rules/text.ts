// Text helpers for the rule facts. Everything works on a length-preserving normalised copy of the
// message (traditional → simplified, full-width → half-width), so offsets found there are offsets
// into the original text and evidence can quote the original.
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const charCache = new Map<string, string>();

function simplifyChar(ch: string): string {
  const cached = charCache.get(ch);
  if (cached !== undefined) return cached;
  const out = toSimplified(ch);
  const one = out.length === ch.length ? out : ch;
  charCache.set(ch, one);
  return one;
}

export function normalizeForRules(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else if (c >= 0x3400 && c < 0xa000) out += simplifyChar(ch);
    else out += ch;
  }
  return out;
}

/** A message prepared once for every fact: original for quoting, normalised for matching. */
export interface PreparedText {
  original: string;
  norm: string;
}

export function prepareText(text: string): PreparedText {
  return { original: text, norm: normalizeForRules(text) };
}

const SENTENCE_END = /[。；;！!？?\n]/;
const CLAUSE_END = /[。；;！!？?\n,，、]/;

function boundsOf(norm: string, index: number, end: number, stop: RegExp): { start: number; end: number } {
  let s = index;
  while (s > 0 && !stop.test(norm[s - 1] as string)) s--;
  let e = end;
  while (e < norm.length && !stop.test(norm[e] as string)) e++;
  return { start: s, end: e };
}

/** Sentence (up to 。；！？ or a line break) around [index, end). */
export function sentenceAround(norm: string, index: number, end = index): { start: number; end: number } {
  return boundsOf(norm, index, end, SENTENCE_END);
}

/** Comma-delimited clause around [index, end). */
export function clauseAround(norm: string, index: number, end = index): { start: number; end: number } {
  return boundsOf(norm, index, end, CLAUSE_END);
}

const NEGATOR =
  /(?:不需要|不要求|不必要求|不需|无需|无须|毋须|不用|不要|不必|免做|免除|不做|不再|取消|没有|不含|不设|无|\bno\b|\bnot\b|\bwithout\b|n't)[^,，。；;\n]{0,4}$/i;

/** True when the cue at `index` is negated inside its own clause ("不需要PPAP文件", "也不用做特殊包装"). */
export function isNegated(norm: string, index: number): boolean {
  const clause = clauseAround(norm, index);
  const before = norm.slice(Math.max(clause.start, index - 8), index);
  return NEGATOR.test(before);
}

export interface Match {
  text: string;
  start: number;
  end: number;
  groups: (string | undefined)[];
}

/** All matches of a global regex in the normalised text, quoted from the original. */
export function findAll(t: PreparedText, re: RegExp): Match[] {
  const flags = re.flags.includes('g') ? re.flags : `${re.flags}g`;
  const g = new RegExp(re.source, flags);
  const out: Match[] = [];
  for (let m = g.exec(t.norm); m !== null; m = g.exec(t.norm)) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    out.push({
      text: t.original.slice(m.index, m.index + m[0].length),
      start: m.index,
      end: m.index + m[0].length,
      groups: m.slice(1),
    });
  }
  return out;
}

const CN_DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Numbers as written in specifications: "0.02", ".5", "零点零二", "十", "二十五", "三". */
export function parseSpecNumber(raw: string): number | null {
  const s = raw.trim();
  if (/^\d*\.?\d+$/.test(s)) return Number(s);
  const m = /^([零〇一二两三四五六七八九十]*)(?:点([零〇一二三四五六七八九]+))?$/.exec(s);
  if (!m || s.length === 0) return null;
  const intPart = m[1] ?? '';
  let whole = 0;
  if (intPart.includes('十')) {
    const [tens, ones] = intPart.split('十');
    whole = (tens ? (CN_DIGIT[tens] ?? Number.NaN) : 1) * 10 + (ones ? (CN_DIGIT[ones] ?? Number.NaN) : 0);
  } else {
    for (const ch of intPart) whole = whole * 10 + (CN_DIGIT[ch] ?? Number.NaN);
  }
  let frac = 0;
  const fracPart = m[2] ?? '';
  for (let i = 0; i < fracPart.length; i++)
    frac += (CN_DIGIT[fracPart[i] as string] ?? Number.NaN) / 10 ** (i + 1);
  const v = whole + frac;
  return Number.isFinite(v) ? v : null;
}

/** Regex source for a number as parseSpecNumber reads it. */
export const SPEC_NUMBER =
  '(?:\\d*\\.\\d+|\\d+|[零〇一二两三四五六七八九十]+(?:点[零〇一二三四五六七八九]+)?)';

export function overlaps(a: { start?: number; end?: number }, b: { start?: number; end?: number }): boolean {
  if (a.start === undefined || a.end === undefined || b.start === undefined || b.end === undefined)
    return false;
  return a.start < b.end && b.start < a.end;
}
