// Wall-clock arithmetic. A "local" instant is a UTC epoch whose UTC fields are the wall-clock fields of the
// reference zone, so day/month arithmetic never meets DST or offsets.
export const DAY_MS = 86_400_000;

export function ymd(y: number, m: number, d: number, h = 0, mi = 0, s = 0): number {
  return Date.UTC(y, m - 1, d, h, mi, s);
}
export function parts(ms: number): {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  dow: number;
} {
  const dt = new Date(ms);
  return {
    y: dt.getUTCFullYear(),
    m: dt.getUTCMonth() + 1,
    d: dt.getUTCDate(),
    h: dt.getUTCHours(),
    mi: dt.getUTCMinutes(),
    s: dt.getUTCSeconds(),
    // Monday = 1 … Sunday = 7
    dow: ((dt.getUTCDay() + 6) % 7) + 1,
  };
}
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
export function addDays(ms: number, n: number): number {
  return ms + n * DAY_MS;
}
export function addMonths(ms: number, n: number): number {
  const p = parts(ms);
  const total = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const d = Math.min(p.d, daysInMonth(y, m));
  return ymd(y, m, d, p.h, p.mi, p.s);
}
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}
export function startOfWeek(ms: number): number {
  const p = parts(ms);
  return addDays(startOfDay(ms), -(p.dow - 1));
}

export type Grain = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

export function truncate(ms: number, grain: Grain): number {
  const p = parts(ms);
  switch (grain) {
    case 'second':
      return Math.floor(ms / 1000) * 1000;
    case 'minute':
      return ymd(p.y, p.m, p.d, p.h, p.mi);
    case 'hour':
      return ymd(p.y, p.m, p.d, p.h);
    case 'day':
      return ymd(p.y, p.m, p.d);
    case 'week':
      return startOfWeek(ms);
    case 'month':
      return ymd(p.y, p.m, 1);
    case 'quarter':
      return ymd(p.y, Math.floor((p.m - 1) / 3) * 3 + 1, 1);
    case 'year':
      return ymd(p.y, 1, 1);
  }
}

export function addGrain(ms: number, grain: Grain, n: number): number {
  switch (grain) {
    case 'second':
      return ms + n * 1000;
    case 'minute':
      return ms + n * 60_000;
    case 'hour':
      return ms + n * 3_600_000;
    case 'day':
      return addDays(ms, n);
    case 'week':
      return addDays(ms, 7 * n);
    case 'month':
      return addMonths(ms, n);
    case 'quarter':
      return addMonths(ms, 3 * n);
    case 'year':
      return addMonths(ms, 12 * n);
  }
}

export function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}
export function isoDate(ms: number): string {
  const p = parts(ms);
  return `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
}
/** Duckling's print form: 2013-02-12T04:30:00.000-02:00 */
export function isoLocal(ms: number, tzOffsetMinutes: number): string {
  const p = parts(ms);
  const sign = tzOffsetMinutes < 0 ? '-' : '+';
  const a = Math.abs(tzOffsetMinutes);
  return `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}.000${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
