// The values a client may write, shared by every route's body schema (and the CLI's), so both
// databases see the same data: PostgreSQL refuses NUL in text and overflows NUMERIC(20,6) at 1e14,
// while SQLite would silently keep a negative price, an infinite total or the year 9999. Refusing
// at the boundary keeps a bad value from reaching either.
import { z } from 'zod';

/** Largest amount (a line's quantity × unit price, a total, a price) stored: NUMERIC(20,6) less a margin. */
export const MAX_AMOUNT = 1e13;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

// C0 controls other than tab, line feed and carriage return (CR LF is a newline from Windows clients).
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

export const CONTROL_MESSAGE = '不能含控制字符（如 NUL）/ must not contain control characters such as NUL';
export const YEAR_MESSAGE = `年份须在 ${MIN_YEAR}–${MAX_YEAR} 之间 / the year must be within ${MIN_YEAR}–${MAX_YEAR}`;
const AMOUNT_MESSAGE = `不能超过 ${MAX_AMOUNT.toExponential()} / must not exceed ${MAX_AMOUNT.toExponential()}`;

export function hasControlCharacter(s: string): boolean {
  return CONTROL_CHARACTER.test(s);
}

const tooLong = (max: number) => `最多 ${max} 个字符 / at most ${max} characters`;

/** Text as given (not trimmed), bounded, without control characters. */
export function text(max: number) {
  return z
    .string()
    .max(max, tooLong(max))
    .refine((s) => !hasControlCharacter(s), CONTROL_MESSAGE);
}

/** Trimmed text that must not be empty. */
export function requiredText(max: number) {
  return z
    .string()
    .trim()
    .min(1, '不能为空 / must not be empty')
    .max(max, tooLong(max))
    .refine((s) => !hasControlCharacter(s), CONTROL_MESSAGE);
}

/** Trimmed optional text; empty, null or missing become null. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, tooLong(max))
    .refine((s) => !hasControlCharacter(s), CONTROL_MESSAGE)
    .nullish()
    .transform((v) => (v ? v : null));
}

/** An identifier the client names (record id, code): short, one line. */
export function identifier(max = 100) {
  return requiredText(max);
}

/** A price or an amount of money: finite, not negative, at most MAX_AMOUNT. */
export const price = z.number().min(0, '不能为负数 / must not be negative').max(MAX_AMOUNT, AMOUNT_MESSAGE);

/** An ordered quantity: more than zero, at most MAX_AMOUNT. */
export const quantity = z
  .number()
  .gt(0, '数量须大于 0 / the quantity must be more than 0')
  .max(MAX_AMOUNT, AMOUNT_MESSAGE);

/** A measure that may be zero but never negative (weights, scores). */
export function measure(max: number) {
  return z.number().min(0, '不能为负数 / must not be negative').max(max, `不能超过 ${max} / at most ${max}`);
}

/**
 * Whether an ISO date, instant or period (YYYY…) falls within MIN_YEAR–MAX_YEAR. A value that does
 * not start with a year is left to the format check, so it is reported once.
 */
export function yearInRange(iso: string): boolean {
  if (!/^\d{4}(-|$)/.test(iso)) return true;
  const year = Number(iso.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** A calendar day, YYYY-MM-DD, within MIN_YEAR–MAX_YEAR. */
export const day = z.iso
  .date({
    error:
      '不是有效日期：应为 YYYY-MM-DD 格式的真实日期（如 2026-03-31）/ not a valid date: a real day written YYYY-MM-DD (e.g. 2026-03-31)',
  })
  .refine(yearInRange, YEAR_MESSAGE);

/** An instant with its offset (ISO 8601), within MIN_YEAR–MAX_YEAR. */
export const instant = z.iso.datetime({ offset: true }).refine(yearInRange, YEAR_MESSAGE);

export const year = z.number().int().min(MIN_YEAR, YEAR_MESSAGE).max(MAX_YEAR, YEAR_MESSAGE);

/** The parts of an order line that decide its amount. */
interface PricedLine {
  quantity: { value: number } | null;
  unitPrice: { amount: number } | null;
}

/**
 * Each line's quantity × unit price and the lines' total within MAX_AMOUNT; the issues name the
 * line whose amount is too large. Use as `.superRefine(orderAmountsWithinLimit)` on the item list.
 */
export function orderAmountsWithinLimit(lines: readonly PricedLine[], ctx: z.RefinementCtx): void {
  let total = 0;
  lines.forEach((l, i) => {
    if (!l.quantity || !l.unitPrice) return;
    const amount = l.quantity.value * l.unitPrice.amount;
    total += amount;
    if (amount > MAX_AMOUNT) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'unitPrice', 'amount'],
        message: `数量 × 单价超过 ${MAX_AMOUNT.toExponential()} / quantity × unit price exceeds ${MAX_AMOUNT.toExponential()}`,
      });
    }
  });
  if (
    total > MAX_AMOUNT &&
    lines.every((l) => !l.quantity || !l.unitPrice || l.quantity.value * l.unitPrice.amount <= MAX_AMOUNT)
  ) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: `合计金额超过 ${MAX_AMOUNT.toExponential()} / the total exceeds ${MAX_AMOUNT.toExponential()}`,
    });
  }
}

/** One value a client sent that no database should receive, with its JSON pointer. */
export interface UnsafeValue {
  path: string;
  message: string;
}

const pointer = (path: readonly (string | number)[]) =>
  `/${path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

/**
 * The first string (value or key) with a control character or number that is not finite, anywhere
 * in a parsed JSON body. Free-form parts of a body (rule conditions, the review policy, event
 * payloads) reach the database as JSON too; this is the floor under every schema.
 */
export function findUnsafeValue(value: unknown, path: (string | number)[] = []): UnsafeValue | null {
  if (typeof value === 'string') {
    return hasControlCharacter(value) ? { path: pointer(path), message: CONTROL_MESSAGE } : null;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? null
      : { path: pointer(path), message: '须为有限的数 / must be a finite number' };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnsafeValue(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (hasControlCharacter(key)) return { path: pointer([...path, key]), message: CONTROL_MESSAGE };
      const found = findUnsafeValue(v, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
