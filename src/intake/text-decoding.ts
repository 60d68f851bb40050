// Customer files arrive as UTF-8 (with or without BOM), UTF-16 from Windows tools, or GBK/GB18030 from
// Chinese Excel and WeChat on older PCs. Guessing wrong produces mojibake that silently breaks analysis,
// so every candidate is decoded strictly and the most plausible Chinese text wins.

export type TextEncodingLabel = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingLabel;
  /** True when the choice was a guess between plausible candidates rather than a BOM or strict validity. */
  guessed: boolean;
}

function strict(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const ENGINEERING_SYMBOLS = new Set([
  0xb0, 0xb1, 0xb2, 0xb3, 0xb5, 0xb7, 0xd7, 0xd8, 0xf8, 0xa9, 0xae, 0xa5, 0xa7,
]);

/** Share of characters that look like ordinary text: CJK, ASCII printable, common punctuation. */
export function plausibility(text: string): number {
  if (text.length === 0) return 0;
  let good = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd || (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09)) continue;
    if (c < 0x7f) good++;
    else if (c >= 0x4e00 && c <= 0x9fff)
      good++; // common CJK ideographs
    else if (c >= 0x3000 && c <= 0x303f)
      good++; // CJK punctuation
    else if (c >= 0xff00 && c <= 0xffef)
      good++; // full-width forms
    else if (c >= 0x2000 && c <= 0x206f)
      good += 0.5; // general punctuation (quotes, dashes)
    else if (ENGINEERING_SYMBOLS.has(c))
      good++; // Ø20±0.1, 90°, µm: drawings are full of these
    else if (c >= 0x370 && c <= 0x3ff)
      good++; // Greek (Φ, μ)
    else if (c >= 0x2190 && c <= 0x22ff)
      good++; // arrows and math (≤, ≥, ≈)
    else if (c >= 0xa0 && c <= 0x17f) good += 0.3; // other Latin-1 / accents: legal, rarely Chinese business text
  }
  return good / total;
}

function utf16Guess(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  // ASCII-heavy UTF-16 has a zero in every other byte; Chinese UTF-16 does not, so also score decodes.
  let zeroEven = 0;
  let zeroOdd = 0;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 === 0 ? zeroEven++ : zeroOdd++;
  const half = n / 2;
  if (zeroOdd > half * 0.3 && zeroEven < half * 0.05) return 'utf-16le';
  if (zeroEven > half * 0.3 && zeroOdd < half * 0.05) return 'utf-16be';
  return undefined;
}

export function decodeTextBytes(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {
      text: new TextDecoder('utf-8').decode(bytes.subarray(3)),
      encoding: 'utf-8-bom',
      guessed: false,
    };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      encoding: 'utf-16le',
      guessed: false,
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      encoding: 'utf-16be',
      guessed: false,
    };
  }
  const utf16 = utf16Guess(bytes);
  if (utf16) {
    const t = strict(utf16, bytes);
    if (t !== undefined && plausibility(t) > 0.9) return { text: t, encoding: utf16, guessed: true };
  }
  const utf8 = strict('utf-8', bytes);
  if (utf8 !== undefined) {
    // Short GBK text can also be valid UTF-8 ("税" = CB B0 = "˰"); such UTF-8 reads as rare symbols,
    // so a clearly more plausible GB18030 reading wins.
    const utf8Score = plausibility(utf8);
    if (utf8Score >= 0.95) return { text: utf8, encoding: 'utf-8', guessed: false };
    const gbText = strict('gb18030', bytes);
    if (gbText !== undefined && plausibility(gbText) > utf8Score + 0.1)
      return { text: gbText, encoding: 'gb18030', guessed: true };
    return { text: utf8, encoding: 'utf-8', guessed: false };
  }
  const gb = strict('gb18030', bytes);
  // Not UTF-8: GB18030 decodes almost anything, so compare against UTF-16 candidates on plausibility.
  const candidates: { text: string; encoding: TextEncodingLabel }[] = [];
  if (gb !== undefined) candidates.push({ text: gb, encoding: 'gb18030' });
  for (const enc of ['utf-16le', 'utf-16be'] as const) {
    if (bytes.length % 2 === 0) {
      const t = strict(enc, bytes);
      if (t !== undefined) candidates.push({ text: t, encoding: enc });
    }
  }
  let best = candidates[0];
  for (const c of candidates) if (best && plausibility(c.text) > plausibility(best.text) + 0.05) best = c;
  if (best) return { ...best, guessed: true };
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', guessed: true };
}
