// Shared regex fragments (for normalised text). No nested quantifiers, so matching stays linear.

const CN = '零〇一二两三四五六七八九十百千万亿廿卅卌';
const CN_D = '零〇一二三四五六七八九';

/** Arabic number with optional grouping, decimals and a trailing 万/亿/千. */
const ARABIC = `(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?[万亿千]?|\\.\\d+`;
/** Chinese numeral, with optional 点 decimals (一点五, 零点77, 一点二万). */
const CHINESE = `[${CN}]+(?:点[${CN_D}\\d]+[万亿]?)?`;

/** A plain number (no fractions). Capture with parseChineseNumber. */
export const NUM = `(?:${ARABIC}|${CHINESE})`;
/** A number that may also be a fraction (四分之一, 二分一, 三分一) or 半. */
export const NUM_FRAC = `(?:[${CN}\\d]+(?:分之|份之|份)[${CN}\\d]+|[一二三四五六七八九十]分[一二三四五六七八九]|${NUM}|半)`;

/** Previous char that means we are inside a code or word (HR-6082, ABC123). */
export function badLeft(t: string, i: number): boolean {
  if (i <= 0) return false;
  const c = t.charCodeAt(i - 1);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return true;
  if (c === 46 /* . */ && i >= 2) {
    const d = t.charCodeAt(i - 2);
    if (d >= 48 && d <= 57) return true;
  }
  return false;
}

export function badRight(t: string, i: number): boolean {
  if (i >= t.length) return false;
  const c = t.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

export const RANGE_SEP = '(?:\\s*(?:-|~|～|—|–|到|至|~)\\s*)';

/** Per-UTF-16-unit lookup built from a one-character class, so scanners test a start char in O(1). */
export function charTable(re: RegExp): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (re.test(String.fromCharCode(c))) table[c] = 1;
  return table;
}
