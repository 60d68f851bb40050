// Ranges and the words around a time: 从A到B / A至B / A-B, and 截止 / 请于 / by … before it.
import { addGrain } from '../../calendar.js';
import { execAt, startTable } from '../../scanner.js';
import type { Spec, TimeMatch, TimeValue } from '../types.js';
import { R } from './common.js';
import { EN_DEADLINE_RE } from './english.js';

const FROM_RE = R('(从|自|由)\\s*');
export const RANGE_SEP_RE = R('\\s*(?:-|~|—|–|到|至|until)\\s*');
// bare 于 only means "on" (贵司于7月28日发来的询价); the request forms mark a deadline
const DEADLINE_PRE_RE = R(
  '(截止到?|截至|最迟|最晚|不晚于|不迟于|务必于|务必在|须于|需于|请于|请在|应于|须在|需在)\\s*',
);

const FROM_GATE = startTable('从自由');
const DEADLINE_PRE_GATE = startTable('截最不务须需请应');

/** Length of 从 / 自 / 由 at p (a range follows), or 0. */
export function fromAt(t: string, p: number): number {
  return execAt(FROM_RE, t, p, FROM_GATE)?.[0].length ?? 0;
}

/** Length of a deadline word at p (截止 / 请于 / by / before …), or 0. */
export function deadlinePrefixAt(t: string, p: number): number {
  const dp =
    execAt(DEADLINE_PRE_RE, t, p, DEADLINE_PRE_GATE) ??
    (/[bBnNlLuU]/.test(t[p] ?? '') ? execAt(EN_DEADLINE_RE, t, p) : null);
  return dp ? dp[0].length : 0;
}

/** The second end of a range takes what it leaves out from the first (下周一至周三, 3月1日-5日, 9点到11点). */
export function completeSecondEnd(a: Spec, b: Spec): Spec {
  const bs: Spec = { ...b };
  // 下周一至周三: the second weekday belongs to the same week
  if (bs.dow !== undefined && a.dow !== undefined && bs.dowMode === 'bare') {
    bs.dowMode = a.dowMode ?? 'bare';
    if (a.weekShift !== undefined) bs.weekShift = a.weekShift;
  }
  if (
    bs.month === undefined &&
    bs.monthRel === undefined &&
    bs.day !== undefined &&
    bs.dayRel === undefined
  ) {
    if (a.month !== undefined) bs.month = a.month;
    if (a.monthRel !== undefined) bs.monthRel = a.monthRel;
  }
  if (bs.year === undefined && a.year !== undefined && bs.month !== undefined) bs.year = a.year;
  if (bs.hour !== undefined && bs.day === undefined && bs.dayRel === undefined && bs.dow === undefined) {
    bs.day = a.day;
    bs.month = a.month;
    bs.year = a.year;
    bs.dayRel = a.dayRel;
    bs.dow = a.dow;
    bs.dowMode = a.dowMode;
    if (bs.pod === undefined) bs.pod = a.pod;
  }
  return bs;
}

/** A range from the first value to the end of the second, or null when it would not run forward. */
export function rangeValue(va: TimeValue, vb: TimeValue): TimeValue | null {
  const fromV = va.type === 'value' ? va.value : va.from;
  const toV = vb.type === 'value' ? addGrain(vb.value, vb.grain, 1) : vb.to;
  return toV > fromV ? { type: 'interval', from: fromV, to: toV, grain: va.grain } : null;
}

/** Flags the business reading takes from what kind of point was read. */
export function pointFlags(spec: Spec): Pick<TimeMatch, 'monthOnly' | 'monthEnd' | 'vague'> {
  const out: Pick<TimeMatch, 'monthOnly' | 'monthEnd' | 'vague'> = {};
  if (spec.month !== undefined && spec.day === undefined && !spec.monthPart && spec.nth === undefined)
    out.monthOnly = true;
  if (spec.monthPart === '底' || spec.monthPart === '末') out.monthEnd = true;
  else if (spec.monthPart || spec.holiday) out.vague = true;
  return out;
}
