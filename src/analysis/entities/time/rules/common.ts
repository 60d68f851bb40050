// Pattern pieces and small readers several time rule families share.
import { parseChineseNumber, parseDigitSequence } from '../../numeral.js';

export const CNN = '[零〇一二两三四五六七八九十廿卅]';
export const DAYNUM = `(?:\\d{1,2}|${CNN}{1,3})`;
export const MONTHNUM = '(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';
export const WD = '(?:星期|礼拜|周)';
export const WD_DAY = '([一二三四五六日天1-7])';
/** Gate of patterns that start with a number, Arabic or Chinese. */
export const DIGITS = '0-9零〇一二两三四五六七八九十廿卅';

/** A sticky regex (tried at one position). */
export const R = (s: string, flags = 'y') => new RegExp(s, flags);

/** 二〇二六 digit by digit, else a Chinese or Arabic number. */
export function num(s: string): number | null {
  if (/^[零〇一二三四五六七八九]{2,}$/.test(s)) return parseDigitSequence(s);
  return parseChineseNumber(s);
}

/** 上 → -1, 上上 → -2, 下 → 1, 下下 → 2, else 0. */
export function relShift(w: string): number {
  if (w.startsWith('上上')) return -2;
  if (w.startsWith('下下')) return 2;
  return w.startsWith('上') ? -1 : w.startsWith('下') ? 1 : 0;
}

/** Weekday number, Monday 1 … Sunday 7. */
export function dowOf(c: string): number {
  const map: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
  return map[c] ?? Number(c);
}
