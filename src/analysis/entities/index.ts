// Business-facing entity API used by the analyzer. Pure functions, no I/O. Offsets are UTF-16 indices
// into the input string, so `text.slice(start, end) === mention.text` always holds.

export { findDurations, findMoney, findNumbers, findPercentages, findQuantities } from './business.js';
export { findDates } from './business-dates.js';
export { parseChineseNumber } from './numeral.js';
export type {
  Currency,
  DateKind,
  DateMention,
  DurationMention,
  DurationUnit,
  FindDatesOptions,
  MoneyMention,
  NumberMention,
  PercentageMention,
  QuantityMention,
  Span,
} from './types.js';
