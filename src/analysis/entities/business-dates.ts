// Dates as the business reads them (see FindDatesOptions.convention): 下周X = day X of next Monday-based
// week, 月底前 = last day of this month, N天内 = today + N, event-relative deadlines stay vague.
import { addDays, daysInMonth, isoDate, startOfDay as startOfDayMs } from './calendar.js';
import { normalizeText } from './normalize.js';
import { findTimes } from './time/index.js';
import type { DateMention, FindDatesOptions } from './types.js';

const REF_RE = /^(\d{4})-(\d{2})-(\d{2})/;
const EVENT_BEFORE_RE = /(后|以后|之后)\s*$/;
const FROM_EVENT_RE = /自[^，。；,;\n]{0,20}?起\s*$/;
const CLAUSE_BREAK = /[，。；,;\n:：!！?？]/;

export function findDates(text: string, ref: { date: string }, opts: FindDatesOptions = {}): DateMention[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const src = text.length > 1_000_000 ? text.slice(0, 1_000_000) : text;
  const rm = REF_RE.exec(ref?.date ?? '');
  const now = rm ? Date.UTC(Number(rm[1]), Number(rm[2]) - 1, Number(rm[3]), 12) : Date.now();
  const t = normalizeText(src);
  const convention = opts.convention ?? 'business';
  const out: DateMention[] = [];
  for (const m of findTimes(t, { now, convention, ...(opts.locale ? { locale: opts.locale } : {}) })) {
    // a time of day alone (chat timestamps, 下午, 一点) or "now" names no day; 最近三天 looks back
    if (m.hasDate === false || m.past) continue;
    // 十八块五一支 is a spoken price (18.5 a piece), not the 五一 holiday
    if (/^五一/.test(t.slice(m.start, m.end)) && /[块元]$/.test(t.slice(0, m.start))) continue;
    let start = m.start;
    const v = m.value;
    const body = t.slice(m.start, m.end);
    let date: string | null = null;
    let kind: DateMention['kind'] = m.deadline ? 'deadline' : 'date';
    let endDate: string | undefined;
    // relative to an event that has no date yet (收到预付款后45天)
    let clauseStart = start;
    while (clauseStart > 0 && start - clauseStart < 24 && !CLAUSE_BREAK.test(t[clauseStart - 1] as string))
      clauseStart--;
    const before = t.slice(clauseStart, start);
    const isRelative =
      /^(后|下|前|上|过去|未来|接下来|最近|近)?\s*[\d零〇一二两三四五六七八九十廿卅]+\s*个?(天|日|工作日|周|星期|礼拜|月|年)/.test(
        body,
      );
    if (isRelative && FROM_EVENT_RE.test(before)) {
      start = start - (FROM_EVENT_RE.exec(before)?.[0].length ?? 0);
    } else if (isRelative && (EVENT_BEFORE_RE.test(before) || /^后/.test(body)) && before.trim().length > 0) {
      out.push({
        start: clauseStart,
        end: m.end,
        text: src.slice(clauseStart, m.end),
        date: null,
        kind: 'vague',
      });
      continue;
    }
    if (m.weekend && v.type === 'interval') {
      // 周末: Saturday and Sunday
      date = isoDate(addDays(startOfDayMs(v.from), 1));
      endDate = isoDate(addDays(startOfDayMs(v.from), 2));
      kind = 'range';
    } else if (m.monthEnd && v.type === 'interval') {
      // 月底(前): the last day of the month
      date = isoDate(addDays(v.to, -1));
      kind = m.deadline ? 'deadline' : 'date';
    } else if (m.vague) {
      kind = 'vague';
    } else if (v.type === 'value') {
      if (v.grain === 'month') kind = 'month';
      else if (v.grain === 'week' || v.grain === 'year' || v.grain === 'quarter') kind = 'vague';
      else date = isoDate(v.value);
    } else if (v.grain === 'hour' || v.grain === 'minute' || v.grain === 'second') {
      date = isoDate(v.from);
    } else {
      date = isoDate(v.from);
      const last = addDays(v.to, -1);
      if (last > v.from) {
        kind = 'range';
        endDate = isoDate(last);
      }
    }
    const mention: DateMention = { start, end: m.end, text: src.slice(start, m.end), date, kind };
    if (endDate) mention.endDate = endDate;
    out.push(mention);
  }
  return out;
}

/** Last day of the month containing an ISO date (exported for callers that compute 月底 themselves). */
export function endOfMonth(isoDay: string): string | null {
  const m = REF_RE.exec(isoDay);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return `${m[1]}-${m[2]}-${String(daysInMonth(y, mo)).padStart(2, '0')}`;
}
