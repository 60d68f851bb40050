export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface NumberMention extends Span {
  value: number;
}

export interface QuantityMention extends Span {
  value: number;
  /** The unit as written (件, kg, PCS …). */
  unit: string;
  range?: { from: number; to: number };
}

export type Currency = 'CNY' | 'USD' | 'EUR' | 'HKD' | 'JPY' | (string & {});

export interface MoneyMention extends Span {
  amount: number;
  currency: Currency;
  /** Unit the price is per (件, pcs, 吨 …), or null for a total. */
  per: string | null;
  taxIncluded: boolean | null;
  taxRate?: number;
  range?: { from: number; to: number };
}

export type DateKind = 'date' | 'deadline' | 'range' | 'month' | 'vague';

export interface DateMention extends Span {
  /** YYYY-MM-DD, or null when the text names no resolvable day (春节前, 下月初, 收到预付款后45天). */
  date: string | null;
  kind: DateKind;
  endDate?: string;
}

export interface FindDatesOptions {
  /** 'business' (default) or 'duckling' week/relative-day conventions. */
  convention?: 'business' | 'duckling';
  locale?: string;
}

export interface PercentageMention extends Span {
  value: number;
  range?: { from: number; to: number };
}

export type DurationUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface DurationMention extends Span {
  value: number;
  unit: DurationUnit;
  /** Length in seconds (months = 30 days, years = 365 days, as Duckling normalises). */
  seconds: number;
  /** 工作日 / working days */
  workingDays?: boolean;
}
