// Numbers as a Chinese office reads them, whatever the interface language: thousands separated,
// money with two decimals and its currency (¥1,234.50; US$980.00).

/** A decimal (the API sends money as exact decimal text) as a number, or null when it is none. */
function numberOf(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Money: zh-CN grouping, two decimals, the currency's symbol (an unknown code written after). */
export function formatMoney(
  value: string | number | null | undefined,
  currency: string | null = 'CNY',
): string {
  const n = numberOf(value);
  if (n === null) return value == null ? '' : String(value);
  const code = (currency ?? '').trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(code)) {
    try {
      return n.toLocaleString('zh-CN', { style: 'currency', currency: code, minimumFractionDigits: 2 });
    } catch {
      // A three-letter code the browser does not know: the number, then the code.
    }
  }
  const plain = n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return code ? `${plain} ${currency}` : plain;
}

/** A quantity or weight: zh-CN grouping, as many decimals as it has (up to `max`). */
export function formatNumber(value: string | number | null | undefined, max = 3): string {
  const n = numberOf(value);
  if (n === null) return value == null ? '' : String(value);
  return n.toLocaleString('zh-CN', { maximumFractionDigits: max });
}
