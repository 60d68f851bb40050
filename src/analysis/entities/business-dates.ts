import type { DateMention, FindDatesOptions } from './types.js';

export function findDates(_text: string, _ref: { date: string }, _opts?: FindDatesOptions): DateMention[] {
  return [];
}
