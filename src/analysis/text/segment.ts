// Sentence and clause boundaries with offsets. Works on normalised text (same offsets as the original).

export interface TextSpan {
  start: number;
  end: number;
}

// Boundary characters as code-unit sets: the splitters test every character of every message, where a
// regex test per character was a visible cost.
function codeSet(chars: string): (c: number) => boolean {
  const codes = new Set<number>();
  for (let i = 0; i < chars.length; i++) codes.add(chars.charCodeAt(i));
  return (c) => codes.has(c);
}
const isSentenceEnd = codeSet('。！？!?;；\n');
const isClauseEnd = codeSet('，。;；\n!?！？');
const isStop = codeSet('。;；!?！？\n');
// A leading list marker or article number is layout, not content: 1. / (2) / 一、 / ① / - / 第三条.
const LIST_MARKER =
  /^(?:[-*•·]\s*|\d{1,2}[.、)）]\s*(?!\d)|[(（]\s*\d{1,2}\s*[)）]\s*|[一二三四五六七八九十]{1,3}[、.]\s*|[(（][一二三四五六七八九十]{1,3}[)）]\s*|[①②③④⑤⑥⑦⑧⑨⑩]\s*|第[一二三四五六七八九十\d]{1,3}条\s*|Item\s*\d+\s*:\s*)/;

function trimSpan(text: string, start: number, end: number): TextSpan {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  const marker = LIST_MARKER.exec(text.slice(s, e));
  if (marker && marker[0].length < e - s) s += marker[0].length;
  while (s < e && /\s/.test(text[s]!)) s++;
  return { start: s, end: e };
}

/** English sentences end with ". " after a word, but not after abbreviations like Rev. No. Ltd. Co. */
function isEnglishFullStop(text: string, i: number): boolean {
  if (text[i] !== '.') return false;
  const next = text[i + 1];
  if (next !== undefined && next !== ' ' && next !== '\n') return false;
  if (next === ' ' && !/[A-Z\u4e00-\u9fff]/.test(text[i + 2] ?? '')) return false;
  const word = /([A-Za-z]+)$/.exec(text.slice(Math.max(0, i - 12), i));
  if (!word) return /[)a-z0-9]$/.test(text.slice(0, i));
  return !/^(?:Rev|No|Ltd|Co|Mr|Mrs|Ms|Dr|Inc|Corp|St|Nr|approx|e\.g|i\.e|vs|P)$/i.test(word[1]!);
}

export function splitSentences(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const atEnd = i === text.length;
    if (atEnd || isSentenceEnd(text.charCodeAt(i)) || isEnglishFullStop(text, i)) {
      const span = trimSpan(text, start, i);
      if (span.end > span.start) out.push(span);
      start = i + 1;
    }
  }
  return out;
}

/** Clauses inside a sentence: split at Chinese commas, and at ASCII commas that are not digit groups. */
// "arrived late and 15% of the parts had scratches": an English "and" that opens a new statement (a
// number or a subject follows) joins two clauses, as a comma would.
const AND_NEW_STATEMENT = /^ and (?=\d|(?:the|we|our|all|some|they|it|there|parts?|each)\b)/i;

export function splitClauses(text: string, sentence: TextSpan): TextSpan[] {
  const out: TextSpan[] = [];
  let start = sentence.start;
  for (let i = sentence.start; i <= sentence.end; i++) {
    const atEnd = i === sentence.end;
    const ch = text[i];
    const isComma =
      ch === '，' ||
      (ch === ',' && !(/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? ''))) ||
      (ch === ' ' && !atEnd && isClauseBreak(text, i));
    const and = ch === ' ' && i + 5 < sentence.end ? AND_NEW_STATEMENT.exec(text.slice(i, i + 12)) : null;
    if (atEnd || isComma || and) {
      const span = trimSpan(text, start, i);
      if (span.end > span.start) out.push(span);
      start = and ? i + 5 : i + 1;
      if (and) i += 4;
    }
  }
  return out;
}

export interface Line extends TextSpan {
  index: number;
}

export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  let index = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      out.push({ start, end: i, index: index++ });
      start = i + 1;
    }
  }
  return out;
}

/** Index of the line holding offset `pos` (lines sorted by start). */
export function lineAt(lines: readonly Line[], pos: number): Line {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lines[lo]!;
}

/** The comma-delimited clause around a span. */
export function clauseAround(text: string, span: TextSpan): TextSpan {
  let s = span.start;
  while (s > 0 && !isClauseBreak(text, s - 1)) s--;
  let e = span.end;
  while (e < text.length && !isClauseBreak(text, e)) e++;
  return trimSpan(text, s, e);
}

/** A comma, full stop or line break ends a clause; a comma between digits (1,200) does not. */
export function isClauseBreak(text: string, i: number): boolean {
  const ch = text[i]!;
  if (ch === ',') return !(/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? ''));
  // ASR transcripts carry no punctuation: a pause between two spoken phrases is written as a space
  // (价格你按二百九十块一支给我含税 上次二百九十八太贵了), and it ends the clause as a comma would.
  if (ch === ' ') {
    const before = text[i - 1] ?? '';
    const after = text[i + 1] ?? '';
    // 派人过来挑 8D报告… : a spoken part number or figure may open the next phrase.
    if (
      (HAN.test(before) && (HAN.test(after) || ALNUM.test(after))) ||
      (ALNUM.test(before) && HAN.test(after))
    )
      return asrText(text);
  }
  return isClauseEnd(text.charCodeAt(i));
}

const HAN = /[\u4e00-\u9fff]/;
const ALNUM = /[A-Za-z0-9]/;
// Whether a text reads like unpunctuated speech: Chinese lines with spaces but almost no commas or
// stops. Written messages put a space inside an address or after a name (常州市 武进区 / 采购部 张敏),
// where it does not end a clause.
const asrCache = new Map<string, boolean>();
function asrText(text: string): boolean {
  let v = asrCache.get(text);
  if (v === undefined) {
    const punct = (text.match(/[，。；！？,]/g) ?? []).length;
    const spaces = (text.match(/[\u4e00-\u9fff] [\u4e00-\u9fff]/g) ?? []).length;
    v = spaces >= 3 && punct * 4 < spaces;
    if (asrCache.size > 64) asrCache.clear();
    asrCache.set(text, v);
  }
  return v;
}

// A sentence ends at a Chinese stop, a line break, or an English full stop followed by a space or
// the end (so "USD 4.35/pc" and "No.5" do not end one).
function endsSentence(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return isStop(c) || (c === 46 && /\s/.test(text[i + 1] ?? ' '));
}

/** The sentence holding `pos`, in Chinese or English text. */
export function sentenceAround(text: string, pos: number): TextSpan {
  let start = pos;
  while (start > 0 && !endsSentence(text, start - 1)) start--;
  let end = pos;
  while (end < text.length && !endsSentence(text, end)) end++;
  return { start, end };
}
