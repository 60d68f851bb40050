// One grammar for "number + unit" measurements (distance, volume, weight, temperature), with
// ranges (1.6~3.9米, 兩升到三升), open bounds (最多/至少/以下/以上) and compound forms (3斤5两, 米九).
import { parseChineseNumber } from './numeral.js';
import { badLeft, charTable, NUM_FRAC } from './patterns.js';

export interface UnitDef {
  /** Regex alternation for the unit as written (normalised text). */
  re: string;
  unit: string;
  /** Multiply the written value by this to get `unit`. */
  factor: number;
  /** Unit spelled with ASCII letters: must not run into a following letter. */
  ascii?: boolean;
}

export interface MeasureOptions {
  units: UnitDef[];
  /** How a bare digit right after the unit reads: 米九 → decimal (.9); 斤半 handled always. */
  digitAfterUnit?: 'decimal' | 'none';
  /** Secondary unit that may follow the main one (3斤5两): unit regex → factor relative to main unit. */
  secondary?: Array<{ re: string; factor: number; after: string }>;
  /** Allow the unit before the number (摄氏37度). */
  prefixUnits?: UnitDef[];
  /** Unit may be omitted after the number when a prefix unit was given. */
}

export interface MeasureMatch {
  start: number;
  end: number;
  unit: string;
  /** Unit as written (for business quantities). */
  written: string;
  value?: number;
  from?: number;
  to?: number;
}

const BOUND_PRE_RE = /(最多|至多|最少|至少|起码|不少于|不超过|不多于|不低于|不高于|不小于|不大于)\s*/y;
const BOUND_POST_RE = /\s*(或以上|或以下|以上|以下|以内|之内|左右|上下)/y;
const RANGE_RE = /\s*(?:-|~|—|–|到|至)\s*/y;
const NUM_RE = new RegExp(`${NUM_FRAC}`, 'y');
const GE_RE = /\s*个?\s*/y;
const DIGIT_AFTER_RE = /[一二三四五六七八九]|\d(?![\d.])/y;
const HALF_RE = /半/y;

function execAt(re: RegExp, t: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(t);
}

export class MeasureGrammar {
  private readonly unitRe: RegExp;
  private readonly units: UnitDef[];
  private readonly prefixRe: RegExp | null;
  private readonly secondary: Array<{ re: RegExp; factor: number; after: string }>;

  constructor(private readonly opts: MeasureOptions) {
    this.units = opts.units;
    this.unitRe = new RegExp(
      opts.units.map((u) => `(${u.re})${u.ascii ? '(?![A-Za-z])' : ''}`).join('|'),
      'iy',
    );
    this.prefixRe = opts.prefixUnits
      ? new RegExp(opts.prefixUnits.map((u) => `(${u.re})`).join('|'), 'y')
      : null;
    this.secondary = (opts.secondary ?? []).map((s) => ({
      re: new RegExp(`(${NUM_FRAC})\\s*(?:${s.re})`, 'y'),
      factor: s.factor,
      after: s.after,
    }));
  }

  private unitAt(t: string, i: number): { def: UnitDef; end: number; text: string } | null {
    const m = execAt(this.unitRe, t, i);
    if (!m) return null;
    for (let k = 0; k < this.units.length; k++) {
      if (m[k + 1] !== undefined) return { def: this.units[k] as UnitDef, end: i + m[0].length, text: m[0] };
    }
    return null;
  }

  /** amount := NUM 个? UNIT tail | UNIT digit (米九). Returns value in the target unit. */
  private amountAt(
    t: string,
    i: number,
    forcedUnit: UnitDef | null,
  ): { end: number; value: number; def: UnitDef | null; written: string } | null {
    const nm = execAt(NUM_RE, t, i);
    let value: number | null = null;
    let p = i;
    if (nm && nm[0].length > 0) {
      value = parseChineseNumber(nm[0]);
      p = i + nm[0].length;
      // greedy numerals can swallow 两 (the weight unit): retry one char shorter
      if (nm[0].length > 1 && nm[0].endsWith('两')) {
        const shorter = parseChineseNumber(nm[0].slice(0, -1));
        if (shorter !== null && this.unitAt(t, p - 1)) {
          value = shorter;
          p -= 1;
        }
      }
    }
    if (value === null) {
      // unit first: 米九 = 1.9 m
      if (this.opts.digitAfterUnit !== 'decimal') return null;
      const u = this.unitAt(t, i);
      if (!u) return null;
      const d = execAt(DIGIT_AFTER_RE, t, u.end);
      if (!d) return null;
      const dv = parseChineseNumber(d[0]) ?? 0;
      return { end: u.end + d[0].length, value: (1 + dv / 10) * u.def.factor, def: u.def, written: u.text };
    }
    const g = execAt(GE_RE, t, p);
    const afterGe = p + (g ? g[0].length : 0);
    const u = this.unitAt(t, afterGe);
    if (!u) {
      if (forcedUnit) return { end: p, value: value * forcedUnit.factor, def: forcedUnit, written: '' };
      return { end: p, value, def: null, written: '' };
    }
    let v = value * u.def.factor;
    let end = u.end;
    const half = execAt(HALF_RE, t, end);
    if (half) {
      v += 0.5 * u.def.factor;
      end += 1;
    } else {
      let usedSecondary = false;
      for (const s of this.secondary) {
        if (!new RegExp(s.after).test(u.def.re) && s.after !== u.text) continue;
        const sm = execAt(s.re, t, end);
        if (sm) {
          const sv = parseChineseNumber(sm[1] as string);
          if (sv !== null) {
            v += sv * s.factor;
            end += sm[0].length;
            const h2 = execAt(HALF_RE, t, end);
            if (h2) {
              v += 0.5 * s.factor;
              end += 1;
            }
            usedSecondary = true;
            break;
          }
        }
      }
      if (!usedSecondary && this.opts.digitAfterUnit === 'decimal') {
        const d = execAt(DIGIT_AFTER_RE, t, end);
        if (d && Number.isInteger(value)) {
          const dv = parseChineseNumber(d[0]) ?? 0;
          v = (value + dv / 10) * u.def.factor;
          end += d[0].length;
        }
      }
    }
    return { end, value: round(v), def: u.def, written: u.text };
  }

  /** Longest measurement starting exactly at i, or null. */
  matchAt(t: string, i: number): MeasureMatch | null {
    let p = i;
    let bound: 'max' | 'min' | null = null;
    const bp = execAt(BOUND_PRE_RE, t, p);
    if (bp) {
      const w = bp[1] as string;
      bound = /最多|至多|不超过|不多于|不高于|不大于/.test(w) ? 'max' : 'min';
      p += bp[0].length;
    }
    let prefixUnit: UnitDef | null = null;
    if (this.prefixRe) {
      const pm = execAt(this.prefixRe, t, p);
      if (pm && this.opts.prefixUnits) {
        for (let k = 0; k < this.opts.prefixUnits.length; k++) {
          if (pm[k + 1] !== undefined) prefixUnit = this.opts.prefixUnits[k] as UnitDef;
        }
        p += pm[0].length;
      }
    }
    if (badLeft(t, p)) return null;
    const a = this.amountAt(t, p, null);
    if (!a) return null;
    // range: A[unit] - B unit
    const r = execAt(RANGE_RE, t, a.end);
    if (r && bound === null) {
      const b = this.amountAt(t, a.end + r[0].length, null);
      if (b?.def && (a.def === null || a.def.unit === b.def.unit)) {
        const fromV = a.def ? a.value : round(a.value * b.def.factor);
        let end = b.end;
        const post = execAt(BOUND_POST_RE, t, end);
        if (post && /左右|上下/.test(post[1] as string)) end += post[0].length;
        return { start: i, end, unit: b.def.unit, written: b.written, from: fromV, to: b.value };
      }
    }
    let def = a.def;
    let value = a.value;
    let end = a.end;
    if (!def) {
      if (!prefixUnit) return null;
      // 摄氏37 followed by ° or 度
      const u = this.unitAt(t, end);
      if (u) end = u.end;
      def = prefixUnit;
      value = round(value * prefixUnit.factor);
    } else if (prefixUnit && def.unit !== prefixUnit.unit) {
      def = prefixUnit;
    }
    const post = execAt(BOUND_POST_RE, t, end);
    if (post) {
      const w = post[1] as string;
      if (bound === null && /以上|或以上/.test(w)) bound = 'min';
      else if (bound === null && /以下|或以下|以内|之内/.test(w)) bound = 'max';
      if (!/以内|之内/.test(w) || bound === 'max') end += post[0].length;
    }
    if (bound === 'max') return { start: i, end, unit: def.unit, written: a.written, to: value };
    if (bound === 'min') return { start: i, end, unit: def.unit, written: a.written, from: value };
    return { start: i, end, unit: def.unit, written: a.written, value };
  }

  /** All non-overlapping measurements, scanning left to right. */
  findAll(t: string, canStart: (t: string, i: number) => boolean = defaultCanStart): MeasureMatch[] {
    const out: MeasureMatch[] = [];
    let i = 0;
    while (i < t.length) {
      if (canStart(t, i)) {
        const m = this.matchAt(t, i);
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
}

const START_TABLE = charTable(/[0-9.零〇一二两三四五六七八九十百千万廿卅卌半最至起不摄华米公]/);
function defaultCanStart(t: string, i: number): boolean {
  return START_TABLE[t.charCodeAt(i)] === 1;
}

function round(v: number): number {
  return Math.round(v * 1e9) / 1e9;
}
