// A point in time as Chinese writes it — [year][month][day][weekday][part of day][clock] — read slot by
// slot. Each slot is a list of rule records tried in order; the first whose pattern matches decides the
// slot (its produce may still decline, and then the slot reads nothing). This order is the grammar.
import { execAt, type Gated, gated, startTable } from '../scanner.js';
import {
  DAY,
  MONTH_ABSOLUTE,
  MONTH_PART,
  NUMERIC_DATE,
  STANDALONE_PART,
  YEAR_ABSOLUTE,
} from './rules/absolute.js';
import { CLOCK, PART_OF_DAY, TIME_ZONE } from './rules/clock.js';
import { R } from './rules/common.js';
import { hasMonthWord, parseEnglish } from './rules/english.js';
import { HOLIDAY } from './rules/holiday.js';
import { MONTH_RELATIVE, RELATIVE_DAY, YEAR_RELATIVE } from './rules/relative.js';
import { NTH_WEEKDAY, WEEKDAY, WEEKDAY_BEFORE_DATE } from './rules/weekday.js';
import type { Spec, SpecRule, SpecState } from './types.js';

interface Slot {
  name: string;
  /** The slot is tried only in this state. */
  when?: (s: SpecState) => boolean;
  /** Skipped before the slot's rules, and kept only when one of them reads something. */
  lead?: (s: SpecState) => RegExp | null;
  rules: SpecRule[];
  /** After a rule of the slot was read. */
  afterRead?: (s: SpecState) => void;
}

const SEP_RE = R('\\s*的?\\s*');
const SPACES_RE = R('\\s*');
const chinese = (s: SpecState) => !s.numeric;

export const POINT_GRAMMAR: readonly Slot[] = [
  {
    name: 'numeric date',
    rules: NUMERIC_DATE,
    afterRead: (s) => {
      s.numeric = true;
    },
  },
  { name: 'weekday before a date', when: chinese, rules: [WEEKDAY_BEFORE_DATE] },
  { name: 'year', when: chinese, rules: [YEAR_ABSOLUTE, YEAR_RELATIVE] },
  { name: 'month', when: chinese, rules: [MONTH_RELATIVE, MONTH_ABSOLUTE] },
  { name: 'day', when: chinese, rules: DAY },
  { name: 'part of month', when: chinese, rules: [MONTH_PART, NTH_WEEKDAY] },
  { name: 'holiday', when: chinese, rules: [HOLIDAY] },
  { name: 'relative day', when: chinese, rules: RELATIVE_DAY },
  { name: 'part of this month or year', rules: [STANDALONE_PART] },
  { name: 'weekday', lead: (s) => (s.any ? SEP_RE : null), rules: [WEEKDAY] },
  { name: 'part of day', rules: [PART_OF_DAY] },
  { name: 'clock', lead: () => SPACES_RE, rules: CLOCK },
  { name: 'time zone', rules: [TIME_ZONE] },
];
const SLOT_RULES = POINT_GRAMMAR.map((slot) => gated(slot.rules));

// Per slot without a lead whose rules are all gated: the characters any of them may start with, so a
// slot that cannot match here is passed over without trying its rules one by one.
const SLOT_GATES = POINT_GRAMMAR.map((slot) =>
  !slot.lead && slot.rules.every((r) => r.gate !== null)
    ? startTable(...slot.rules.map((r) => r.gate as string))
    : null,
);

/** One slot at p: the position after what it read, or p. */
function readSlot(k: number, s: SpecState, t: string, p: number, locale: string | undefined): number {
  const slot = POINT_GRAMMAR[k] as Slot;
  const lead = slot.lead?.(s);
  const q = lead ? p + (execAt(lead, t, p)?.[0].length ?? 0) : p;
  for (const { rule, gate } of SLOT_RULES[k] as Gated<SpecRule>[]) {
    if (rule.when && !rule.when(s)) continue;
    const m = execAt(rule.patternFor ? rule.patternFor(locale) : rule.pattern, t, q, gate);
    if (!m) continue;
    const r = rule.produce(m, s, { t, at: q, locale });
    if (r === false) return p;
    if (!rule.silent) s.any = true;
    slot.afterRead?.(s);
    return r === true ? q + m[0].length : r;
  }
  return p;
}

/** The point expression starting at i, or null: English first where the text has a month word. */
export function readPoint(
  t: string,
  i: number,
  locale: string | undefined,
): { end: number; spec: Spec } | null {
  if (hasMonthWord(t) && /[A-Za-z0-9]/.test(t[i] ?? '') && !/[A-Za-z]/.test(t[i - 1] ?? '')) {
    const en = parseEnglish(t, i);
    if (en) return en;
  }
  const s: SpecState = { spec: {}, any: false, numeric: false };
  let p = i;
  for (let k = 0; k < POINT_GRAMMAR.length; k++) {
    const slot = POINT_GRAMMAR[k] as Slot;
    const gate = SLOT_GATES[k];
    if (gate && gate[t.charCodeAt(p)] !== 1) continue;
    if (!slot.when || slot.when(s)) p = readSlot(k, s, t, p, locale);
  }
  return s.any ? { end: p, spec: s.spec } : null;
}
