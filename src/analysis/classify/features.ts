// Turns a message into sparse features: jieba words, character 1–3-grams, words of the first line
// (subjects and titles carry the purpose of a message) and lexicon cues. The tokenizer is passed in,
// so this module stays pure and the segmenter is loaded once by the caller.
import { toSimplified } from '../text/normalise.js';
import { lexiconFeatures } from './lexicon.js';

export type Tokenize = (text: string) => string[];

// Past this length a message is only getting more of the same; the cap keeps a 100 KB paste cheap.
const MAX_CHARS = 4000;
const TITLE_CHARS = 80;

// Character n-grams are cut per UTF-16 unit; an emoji (two units) would be split into lone surrogates,
// which are not valid JSON text in the saved model. Each astral character is folded onto one
// private-use BMP character instead, so 😡 and 😊 stay distinct features, preceded by one shared marker
// (U+E000: "an emoji is here", a strong cue for chat tone); stray surrogates become U+FFFD.
const ASTRAL = /[\u{10000}-\u{10FFFF}]/gu;
const LONE_SURROGATE = /[\uD800-\uDFFF]/g;
function foldAstral(ch: string): string {
  return `\ue000${String.fromCharCode(0xe001 + ((ch.codePointAt(0)! - 0x10000) % 0x18ff))}`;
}

export function normaliseForFeatures(text: string): string {
  const clipped = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  return toSimplified(clipped.replace(ASTRAL, foldAstral).replace(LONE_SURROGATE, '\uFFFD'))
    .toLowerCase()
    .replace(/[0-9]+(?:[.,][0-9]+)*/g, '0')
    .replace(/[ \t]+/g, ' ');
}

function firstLine(s: string): string {
  for (const line of s.split('\n')) if (line.trim() !== '') return line.slice(0, TITLE_CHARS);
  return '';
}

export const SKIP_TOKEN = /^[\s\p{P}]*$/u;

/**
 * The features that are set rather than counted: first-line words (`t:`), first-line cues (`TL:`) and
 * cues (`L:`), in this order; a later one replaces an earlier one of the same name.
 */
export function setFeatures(s: string, tokens: readonly string[], set: (f: string, v: number) => void): void {
  const title = firstLine(s);
  if (title !== '') {
    // jieba returns the text cut into consecutive pieces, so the title's words are a prefix of them.
    const titleEnd = s.indexOf(title) + title.length;
    let at = 0;
    for (const tok of tokens) {
      if (at >= titleEnd) break;
      at += tok.length;
      if (!SKIP_TOKEN.test(tok)) set(`t:${tok}`, 0.3);
    }
    for (const f of lexiconFeatures(title)) set(`T${f}`, 0.5);
  }
  for (const f of lexiconFeatures(s)) set(f, 0.5);
}

/**
 * Feature name → weight. Character n-grams have no prefix, words are `w:`, first-line words `t:`,
 * lexicon cues `L:`/`TL:`. N-gram and word counts are log-scaled and L2-normalised together.
 */
export function featurise(text: string, tokenize: Tokenize): Map<string, number> {
  const s = normaliseForFeatures(text);
  const counts = new Map<string, number>();
  const add = (f: string) => {
    const n = counts.get(f);
    counts.set(f, n === undefined ? 1 : n + 1);
  };
  const tokens = tokenize(s);
  for (const tok of tokens) if (tok.length > 1 && !SKIP_TOKEN.test(tok)) add(`w:${tok}`);
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10) continue;
    add(s[i]!);
    if (i + 1 < n) add(s.slice(i, i + 2));
    if (i + 2 < n) add(s.slice(i, i + 3));
  }
  let norm = 0;
  for (const c of counts.values()) {
    const v = c === 1 ? 1 : 1 + Math.log(c);
    norm += v * v;
  }
  const inv = 1 / (Math.sqrt(norm) || 1);
  // Replacing values of existing keys while iterating is well-defined for a Map.
  for (const [f, c] of counts) counts.set(f, (c === 1 ? 1 : 1 + Math.log(c)) * inv);
  setFeatures(s, tokens, (f, v) => counts.set(f, v));
  return counts;
}
