// The pieces every entity grammar shares: rule records (a named sticky pattern behind a first-character
// gate, and what a match produces) and one left-to-right longest-match scanner. A grammar is a list of
// records; adding a wording is adding a record, not another branch in a parser.

/**
 * One wording of a grammar.
 * - `gate`: the characters a match may start with, as a regex class body ("0-9上下"), or null when the
 *   pattern itself decides. It must cover every first character the pattern can match: it only saves
 *   running the regex where it cannot match (the grammars try many patterns at every position).
 * - `pattern`: a sticky (`y`) regex tried at one position.
 * - `produce`: reads the match into the grammar's state `S` (with the context `C`).
 */
export interface Rule<S, C = undefined, R = boolean | number> {
  readonly name: string;
  readonly gate: string | null;
  readonly pattern: RegExp;
  readonly produce: (m: RegExpExecArray, state: S, ctx: C) => R;
}

/** The characters of a regex character class body ("0-9上下"), ranges expanded, as UTF-16 units. */
export function charsOf(cls: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < cls.length; i++) {
    if (cls[i + 1] === '-' && i + 2 < cls.length) {
      for (let c = cls.charCodeAt(i); c <= cls.charCodeAt(i + 2); c++) out.push(c);
      i += 2;
    } else out.push(cls.charCodeAt(i));
  }
  return out;
}

/** 1 for every UTF-16 unit of the class bodies given, else 0: an O(1) "may start here" test. */
export function startTable(...classes: string[]): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const cls of classes) for (const c of charsOf(cls)) table[c] = 1;
  return table;
}

/** A rule with its gate compiled to a table (null: ungated). One shape for every rule, so the hot loop's
 * property reads stay monomorphic. */
export interface Gated<R> {
  readonly rule: R;
  readonly gate: Uint8Array | null;
}

/** Compiles the gates of a list of rules. */
export function gated<R extends { gate: string | null }>(rules: readonly R[]): Gated<R>[] {
  return rules.map((rule) => ({ rule, gate: rule.gate === null ? null : startTable(rule.gate) }));
}

/** The sticky pattern at i, or null — without running it where its gate rules the position out. */
export function execAt(
  pattern: RegExp,
  t: string,
  i: number,
  gate: Uint8Array | null = null,
): RegExpExecArray | null {
  // Past the end charCodeAt gives NaN, which indexes nothing: no gated pattern starts there.
  if (gate !== null && gate[t.charCodeAt(i)] !== 1) return null;
  pattern.lastIndex = i;
  return pattern.exec(t);
}

/**
 * Every match left to right, without overlap: at each position where `canStart` allows it, `matchAt`
 * gives the longest match starting there (its own choice among its rules); scanning resumes at its
 * end, else at the next position. Time, duration, money and measures all scan this way.
 */
export function scanLongest<M extends { end: number }>(
  t: string,
  canStart: (t: string, i: number) => boolean,
  matchAt: (t: string, i: number) => M | null,
): M[] {
  const out: M[] = [];
  let i = 0;
  const n = t.length;
  while (i < n) {
    if (canStart(t, i)) {
      const m = matchAt(t, i);
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
