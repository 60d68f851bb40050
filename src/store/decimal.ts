// Exact decimals travel as strings. PostgreSQL NUMERIC(20,6) pads to six places ("186.000000"),
// SQLite keeps what was written; canonical forms make both dialects and every file format agree.

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Parses user input ("1,234.50", "¥186", " 7.5 ") into a plain decimal string, or null if not a number. */
export function parseDecimal(input: string | number): string | null {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    return canonicalDecimal(String(input).includes('e') ? input.toFixed(6) : String(input));
  }
  const s = input
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*(元|CNY|RMB)$/i, '')
    .replace(/(?<=\d),(?=\d{3}(\D|$))/g, '')
    .replace(/^＋|^\+/, '');
  if (!DECIMAL.test(s)) return null;
  return canonicalDecimal(s);
}

/** Strips leading zeros and trailing fractional zeros, keeping at least `minScale` decimals. */
export function canonicalDecimal(value: string, minScale = 0): string {
  const negative = value.startsWith('-');
  const [intRaw = '0', fracRaw = ''] = (negative ? value.slice(1) : value).split('.');
  const int = intRaw.replace(/^0+(?=\d)/, '') || '0';
  let frac = fracRaw.replace(/0+$/, '');
  if (frac.length < minScale) frac = frac.padEnd(minScale, '0');
  const body = frac ? `${int}.${frac}` : int;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Money keeps two decimals ("186.00", "0.105"). */
export function canonicalMoney(value: string): string {
  return canonicalDecimal(value, 2);
}

export function isNegativeDecimal(value: string): boolean {
  return value.startsWith('-');
}

export function isZeroDecimal(value: string): boolean {
  return !/[1-9]/.test(value);
}

/** Whether the value fits NUMERIC(20, 6), the column type of every stored decimal. */
export function fitsStoredDecimal(value: string): boolean {
  const [int = '', frac = ''] = value.replace(/^-/, '').split('.');
  return int.length <= 14 && frac.length <= 6;
}
