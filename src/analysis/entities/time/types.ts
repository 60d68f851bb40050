// The time dimension's values and the reading a point expression builds up, shared by its rules.
import type { Grain } from '../calendar.js';
import type { HolidayDef } from '../holidays.js';
import type { Rule } from '../scanner.js';

export type Convention = 'duckling' | 'business';

export interface TimeContext {
  /** Reference instant as wall-clock ms (see calendar.ts). */
  now: number;
  convention: Convention;
  locale?: string;
  /** Offset of the reference zone, for expressions that name another zone (4pm CET). */
  tzOffsetMinutes?: number;
}

export type TimeValue =
  | { type: 'value'; value: number; grain: Grain; holiday?: string }
  | { type: 'interval'; from: number; to: number; grain: Grain; holiday?: string };

export interface TimeMatch {
  start: number;
  end: number;
  value: TimeValue;
  /** Business reading hints. */
  deadline?: boolean;
  /** False for a bare time of day or "now": no calendar day is named. */
  hasDate?: boolean;
  /** Looks back in time from now (最近三天, 两天前). */
  past?: boolean;
  weekend?: boolean;
  /** 月底 / end of March: the last day of that month. */
  monthEnd?: boolean;
  vague?: boolean;
  monthOnly?: boolean;
}

/** What a point expression names, field by field, before it is resolved against now. */
export interface Spec {
  year?: number;
  yearRel?: number;
  month?: number;
  monthRel?: number;
  day?: number;
  dayRel?: number;
  dow?: number;
  dowMode?: 'bare' | 'this' | 'next' | 'last';
  nth?: number;
  holiday?: HolidayDef;
  pod?: string;
  hour?: number;
  minute?: number;
  second?: number;
  ampm?: 'am' | 'pm';
  tz?: number;
  monthPart?: string;
  /** 下下周X / 上上周X */
  weekShift?: number;
}

/** A point expression being read: the spec so far, and whether anything that names a time was read. */
export interface SpecState {
  spec: Spec;
  any: boolean;
  /** A numeric date (2026-03-20, 3/20, 20.03.2026) was read: the Chinese-order date slots are skipped. */
  numeric: boolean;
}

/** Where a rule matched: the text, the match's start, and the locale (holiday names differ by region). */
export interface SpecAt {
  t: string;
  at: number;
  locale: string | undefined;
}

/**
 * A rule of a point expression. `produce` fills the state and returns true (the match is read), a
 * number (read up to that position instead of the match's end) or false (not read after all).
 * `when`: the rule is tried only in that state (DAY_BARE only after a month). `silent`: reading it
 * alone does not make a time expression (a weekday standing before a month and day).
 */
export interface SpecRule extends Rule<SpecState, SpecAt> {
  readonly when?: (s: SpecState) => boolean;
  readonly silent?: boolean;
  /** The pattern for a locale, when it depends on one (holiday names); else `pattern` is used. */
  readonly patternFor?: (locale: string | undefined) => RegExp;
}

/** A rule that reads a whole expression by itself (现在, 这周末, N天后): a match, or null. */
export type WholeRule = Rule<TimeContext, number, TimeMatch | null>;
