// Reporting periods are business days in Asia/Shanghai (the plant's calendar); stored instants
// are UTC, so a period is turned into the UTC instants that bound it.
import { AppError } from '../shared/errors.js';
import type { Period } from './kpis.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Days `from`…`to` (inclusive, Shanghai) as UTC instants; defaults to the last 12 months up to `now`. */
export function periodOf(
  from: string | undefined,
  to: string | undefined,
  now: Date,
): Period & { fromDay: string; toDay: string } {
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const toDay = to ?? today;
  const fromDay = from ?? `${Number(toDay.slice(0, 4)) - 1}${toDay.slice(4, 8)}01`;
  for (const [name, v] of [
    ['from', fromDay],
    ['to', toDay],
  ] as const) {
    if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00+08:00`))) {
      throw new AppError(
        'VALIDATION_FAILED',
        { zh: `${name} 应为日期 YYYY-MM-DD`, en: `${name} must be a day YYYY-MM-DD` },
        {
          errors: [{ in: 'querystring', path: `/${name}`, message: 'YYYY-MM-DD' }],
        },
      );
    }
  }
  if (fromDay > toDay) {
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: '开始日期晚于结束日期', en: 'from is after to' },
      {
        errors: [{ in: 'querystring', path: '/from', message: '开始日期晚于结束日期 / from is after to' }],
      },
    );
  }
  return {
    fromDay,
    toDay,
    from: new Date(Date.parse(`${fromDay}T00:00:00+08:00`)).toISOString(),
    to: new Date(Date.parse(`${toDay}T23:59:59.999+08:00`)).toISOString(),
  };
}
