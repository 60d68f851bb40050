// Standards normalised to `PREFIX NUMBER[-YEAR]` with one space. Quality methods (PPAP, AQL, CPK) and
// certificates are not standards.
import { type Found, matchAll } from './found.js';

const PREFIXES = [
  'GB/T',
  'GB/Z',
  'GB',
  'JB/T',
  'YS/T',
  'QC/T',
  'HG/T',
  'SJ/T',
  'ISO/TS',
  'ISO',
  'IATF',
  'VDA',
  'ASTM',
  'EN',
  'DIN EN',
  'DIN',
  'JIS',
  'SAE',
  'IEC',
  'ANSI',
  'ASME',
  'BS EN',
  'BS',
  'AMS',
  'NADCAP',
];
const PREFIX_RE = PREFIXES.map((p) => p.replace('/', '\\s*/\\s*').replace(' ', '\\s+')).join('|');
const STANDARD = new RegExp(
  String.raw`(?<![A-Za-z])(${PREFIX_RE})\s*([A-Z]{0,2}\s?\d{1,6}(?:\.\d{1,3})*(?:-\d{1,2}(?!\d))?)(?:\s*[-:：]\s*((?:19|20)\d{2})(?!\d))?`,
  'g',
);

export function findStandards(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matchAll(STANDARD, text)) {
    const prefix = m[1]!
      .replace(/\s+/g, ' ')
      .replace(/\s*\/\s*/, '/')
      .toUpperCase();
    const number = m[2]!.replace(/\s+/g, '');
    // "EN 10204 3.1" is the certificate type of EN 10204, not a second number.
    const year = m[3];
    const normalised = `${prefix} ${number}${year ? `-${year}` : ''}`;
    out.push({ type: 'standard', start: m.index, end: m.index + m[0].length, value: normalised });
  }
  return out;
}
