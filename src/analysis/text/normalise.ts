// Text normalisation for matching. Every step maps one UTF-16 unit to exactly one unit, so the offset
// map from normalised to original text is the identity: a span found in `text` slices the original
// at the same [start, end). Steps that would change the length (a few OpenCC phrase rules) fall back
// to character-by-character conversion, which keeps the invariant.
import * as OpenCC from 'opencc-js';

export interface NormalisedText {
  /** The text as received. */
  readonly original: string;
  /** Same length as `original`: half-width, simplified, spoken digits as digits. */
  readonly text: string;
}

// Character-level table built once from OpenCC (Taiwan and Hong Kong variants → mainland). Phrase
// rules are not applied: they could change the length, and matching only needs the characters.
let simplifiedOf: Uint16Array | null = null;
const TABLE_START = 0x3400;
const TABLE_END = 0x9fff;

/** Code unit → simplified code unit (0 = unchanged) for U+3400–U+9FFF. */
function conversionTable(): Uint16Array {
  if (simplifiedOf === null) {
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    const chars: string[] = [];
    for (let c = TABLE_START; c <= TABLE_END; c++) chars.push(String.fromCharCode(c));
    // One line per character, so that no phrase rule spans two of them.
    const converted = hk(tw(chars.join('\n'))).split('\n');
    const table = new Uint16Array(TABLE_END - TABLE_START + 1);
    if (converted.length === chars.length) {
      converted.forEach((to: string, i: number) => {
        if (to.length === 1 && to !== chars[i]) table[i] = to.charCodeAt(0);
      });
    }
    simplifiedOf = table;
  }
  return simplifiedOf;
}

export function toSimplified(s: string): string {
  return traditionalToSimplified(halfWidth(s));
}

function traditionalToSimplified(s: string): string {
  const table = conversionTable();
  let out: string[] | null = null;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < TABLE_START || c > TABLE_END) continue;
    const to = table[c - TABLE_START]!;
    if (to === 0) continue;
    out ??= [];
    out.push(s.slice(last, i), String.fromCharCode(to));
    last = i + 1;
  }
  if (out === null) return s;
  out.push(s.slice(last));
  return out.join('');
}

const PUNCT_VARIANTS: Record<string, string> = {
  '\u3000': ' ',
  '\u00a0': ' ',
  '\t': ' ',
  '\r': ' ',
  '\u200b': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2009': ' ',
  '\u301c': '~',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2212': '-',
  '\u00b5': 'μ',
  '\u201c': '"',
  '\u201d': '"',
  '\u2018': "'",
  '\u2019': "'",
  '\u00d7': 'x',
};

// The full-width comma stays: it separates clauses, while "," also sits inside numbers (1,200).
const WIDE_OR_VARIANT =
  /[\uff01-\uff0b\uff0d-\uff5e\u3000\u00a0\t\r\u200b\u2002\u2003\u2009\u301c\u2010-\u2013\u2212\u00b5\u201c\u201d\u2018\u2019\u00d7]/g;

function halfWidth(s: string): string {
  return s.replace(WIDE_OR_VARIANT, (ch) => {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
    return PUNCT_VARIANTS[ch] ?? ch;
  });
}

const SPOKEN_DIGIT: Record<string, string> = {
  零: '0',
  〇: '0',
  幺: '1',
  一: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const SPOKEN_RUN = /[零〇幺一二两三四五六七八九]+/g;
const MAGNITUDE = /[十百千万亿点]/;
const ASCII_ALNUM = /[A-Za-z0-9-]/;
const PART_CHAR = /[A-Za-z0-9零〇幺一二两三四五六七八九]/;

/** ASR writes part numbers digit by digit (四五二零, BT零二, 六零六一T六). A run of spoken digits
 * becomes Arabic when it is at least three digits long or touches a Latin letter or digit, and is
 * not part of a counted number (一万三千五百, 九十二). */
function spokenDigitsToArabic(s: string): string {
  return s.replace(SPOKEN_RUN, (run, offset: number) => {
    const before = s[offset - 1] ?? '';
    const after = s[offset + run.length] ?? '';
    if (MAGNITUDE.test(before) || MAGNITUDE.test(after)) return run;
    // HH杠HT杠二零二六杠零四一: a short run after a spoken hyphen is the last part of the number.
    const touchesLatin =
      ASCII_ALNUM.test(before) ||
      ASCII_ALNUM.test(after) ||
      (before === '杠' && PART_CHAR.test(s[offset - 2] ?? '')) ||
      (after === '杠' && PART_CHAR.test(s[offset + run.length + 1] ?? ''));
    if (run.length < 3 && !touchesLatin) return run;
    // ASTM E505二级: a short run between a number and 级 is a grade said after the number, not its last digit.
    if (run.length < 3 && after === '级' && /\d/.test(before)) return run;
    if (run.length < 3 && (run === '一' || run === '两') && !/[A-Za-z]/.test(before)) return run;
    let out = '';
    for (const ch of run) out += SPOKEN_DIGIT[ch] ?? ch;
    return out;
  });
}

/** ASR spells the hyphen of a part number as 杠 (KT杠PO杠26031). */
function spokenHyphen(s: string): string {
  return s.replace(/(?<=[A-Za-z0-9])杠(?=[A-Za-z0-9])/g, '-');
}

// Text taken from PDFs, scans and spreadsheets writes numbers in shapes the number finders do not
// read: a space as thousands separator (1 200件, 110 000公斤), a full-width comma between full-width digits (２，０００支) and
// the letter O for a zero inside a digit run (2026-O8-10, 26O7). Each becomes its one-character
// equivalent. Tabs and ideographic spaces separate columns, so only a plain or thin space groups.
// Only where a unit follows or a currency leads: in a row of spaced columns (端盖 500 120.50) the
// space separates a quantity from a price, and a phone number (021 555 1234) is no amount either.
const SPACED_THOUSANDS =
  /(?<![\d.,A-Za-z/-])[1-9]\d{0,2}(?:[ ,]\d{3})+(?![\d])(?=\s?(?:件|支|个|套|只|米|吨|公斤|千克|克|台|根|片|条|箱|托|卷|张|元|块|pcs|PCS|pc|kg|KG|t\b|m\b|sets?\b))|(?<=(?:[¥$€£]|RMB|CNY|USD|EUR)\s?)[1-9]\d{0,2}(?:[ ,]\d{3})+(?![\d])/g;
const WIDE_COMMA_THOUSANDS = /(?<=\d)，(?=\d{3}(?![\d]))/g;
const OCR_ZERO = /(?<=\d-?)O(?=\d)|(?<=\d)O(?=-\d)/g;
const GROUPING_SPACE = new Set([' ', '\u00a0', '\u2009', '\u202f']);

function isWideDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xff10 && c <= 0xff19;
}

// 26，000元/吨, 1，200支: a Chinese input method types the comma full-width between ASCII digits. It
// groups thousands when the number stands alone (1–3 digits, not the tail of a model number such as
// HR-6063-180，500件) and a unit, currency or the end of the clause follows the three digits.
const STANDALONE_GROUP_BEFORE = /(?:^|[^\dA-Za-z.\-/_#])\d{1,3}$/;
const UNIT_OR_END_AFTER =
  /^\d{3}(?:[，,]\d{3})*(?:\.\d+)?\s*(?:元|块|万|件|支|根|米|吨|公斤|千克|kg|KG|套|个|pcs|PCS|pc|EA|m\b|t\b|\/|人民币|RMB|USD|美元|[。；;！!]|$)/;

function asciiThousands(text: string, comma: number): boolean {
  return (
    STANDALONE_GROUP_BEFORE.test(text.slice(Math.max(0, comma - 5), comma)) &&
    UNIT_OR_END_AFTER.test(text.slice(comma + 1, comma + 24))
  );
}

function numberShapes(text: string, original: string): string {
  let out = text;
  if (out.includes(' ')) {
    out = out.replace(SPACED_THOUSANDS, (run, offset: number) => {
      let fixed = '';
      for (let i = 0; i < run.length; i++) {
        const ch = run[i]!;
        fixed += ch === ' ' && GROUPING_SPACE.has(original[offset + i]!) ? ',' : ch;
      }
      return fixed;
    });
  }
  // Only inside a number written wholly in full-width digits: 型号…180，500件 lists two numbers.
  if (out.includes('，'))
    out = out.replace(WIDE_COMMA_THOUSANDS, (comma, offset: number) =>
      (isWideDigit(original, offset - 1) && isWideDigit(original, offset + 1)) || asciiThousands(out, offset)
        ? ','
        : comma,
    );
  if (out.includes('O')) out = out.replace(OCR_ZERO, '0');
  return out;
}

const HAS_CJK_OR_WIDE = /[\u3000-\u9fff\uff00-\uffef]/;

export function normalise(original: string): NormalisedText {
  let text = numberShapes(halfWidth(original), original);
  if (HAS_CJK_OR_WIDE.test(text)) {
    text = traditionalToSimplified(text);
    text = spokenHyphen(spokenDigitsToArabic(text));
  }
  // The invariant every caller relies on; a violation would misplace every span.
  if (text.length !== original.length) text = halfWidth(original);
  return { original, text };
}
