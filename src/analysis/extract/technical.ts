// Technical specifications a sales engineer must review: tolerances, roughness, hardness, alloys.
import { parseChineseNumber } from '../entities/index.js';
import { type Found, matchAll } from './found.js';

const NUM = String.raw`\d+(?:\.\d+)?`;
const CN_NUM = '[零一二两三四五六七八九十百点]+';
const LEN_UNIT = '(?:mm|毫米|μm|um|丝|°)';

const SYMMETRIC_TOLERANCE = new RegExp(
  String.raw`(?:(?:公差|偏差|误差)\s*)?(${NUM})?\s*±\s*(${NUM})\s*(${LEN_UNIT})?`,
  'g',
);
const ASYMMETRIC_TOLERANCE = new RegExp(
  String.raw`(?:(?:公差|偏差)\s*)?\+\s*(${NUM})\s*/\s*-\s*(${NUM})\s*(${LEN_UNIT})?`,
  'g',
);
const GEOMETRIC_TOLERANCE = new RegExp(
  String.raw`(平面度|圆度|圆柱度|同轴度|位置度|直线度|平行度|垂直度|跳动|全跳动|扭拧度|轮廓度|对称度)\s*(?:≤|<=|<|不大于|不超过)?\s*[φΦ]?\s*(${NUM})\s*(mm/m|mm|°/m|μm|um)?`,
  'g',
);
const ROUGHNESS = new RegExp(String.raw`(?:粗糙度\s*)?Ra\s*(?:≤|<=)?\s*(${NUM})\s*(μm|um)?`, 'g');
const HARDNESS_PREFIX = new RegExp(
  String.raw`(?:硬度\s*)?(HBW|HBS|HB|HRC|HRB|HV|HW)\s*(≥|>=|≤|<=|>|<)?\s*(${NUM}|${CN_NUM})(?:\s*[-~]\s*(${NUM}))?(以上|以下)?`,
  'g',
);
const HARDNESS_SUFFIX = new RegExp(
  String.raw`硬度\s*(≥|>=|≤|<=|>|<)?\s*(${NUM})\s*(HBW|HBS|HB|HRC|HRB|HV|HW)`,
  'g',
);

// Wrought series that appear in orders; a bare four-digit number needs a temper or to be in this list,
// because 4520 or 2026 are model numbers and years (2xxx alloys therefore need their temper: 2024-T3).
const KNOWN_WROUGHT = new Set([
  '1050',
  '1060',
  '1100',
  '3003',
  '5052',
  '5083',
  '5754',
  '6005',
  '6005A',
  '6060',
  '6061',
  '6063',
  '6082',
  '6101',
  '6351',
  '6463',
  '7003',
  '7005',
  '7075',
]);
const ALLOY =
  /(?<![A-Za-z0-9\-/.])((?:[1-7]\d{3}A?)|(?:A|ADC|AlSi|ZL)[1-9]\d{1,2}(?:\.\d)?|ADC\d{1,2})(?:\s*-?\s*(T\d{1,3}|H\d{2,3}|O(?![A-Za-z])))?(?![0-9年月号件支米吨])/g;

function num(s: string | undefined): number | null {
  if (s === undefined || s === '') return null;
  const v = /^\d/.test(s) ? Number(s) : parseChineseNumber(s);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function unitOf(u: string | undefined): string | null {
  if (!u) return null;
  if (u === '毫米') return 'mm';
  if (u === 'um') return 'μm';
  if (u === '丝') return '0.01mm';
  return u;
}

export function findTolerances(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matchAll(SYMMETRIC_TOLERANCE, text)) {
    out.push({
      type: 'tolerance',
      start: m.index,
      end: m.index + m[0].length,
      value: { nominal: num(m[1]), plus: num(m[2]), minus: num(m[2]), unit: unitOf(m[3]) },
    });
  }
  for (const m of matchAll(ASYMMETRIC_TOLERANCE, text)) {
    out.push({
      type: 'tolerance',
      start: m.index,
      end: m.index + m[0].length,
      value: { nominal: null, plus: num(m[1]), minus: num(m[2]), unit: unitOf(m[3]) },
    });
  }
  for (const m of matchAll(GEOMETRIC_TOLERANCE, text)) {
    out.push({
      type: 'tolerance',
      start: m.index,
      end: m.index + m[0].length,
      value: { characteristic: m[1], max: num(m[2]), unit: unitOf(m[3]) ?? 'mm' },
    });
  }
  return out;
}

export function findRoughness(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matchAll(ROUGHNESS, text)) {
    out.push({
      type: 'roughness',
      start: m.index,
      end: m.index + m[0].length,
      value: { ra: num(m[1]), unit: 'μm' },
    });
  }
  return out;
}

export function findHardness(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matchAll(HARDNESS_PREFIX, text)) {
    const comparator = m[2] ?? (m[5] === '以上' ? '≥' : m[5] === '以下' ? '≤' : null);
    out.push({
      type: 'hardness',
      start: m.index,
      end: m.index + m[0].length,
      value: { scale: m[1], comparator, min: num(m[3]), max: num(m[4]) },
    });
  }
  for (const m of matchAll(HARDNESS_SUFFIX, text)) {
    out.push({
      type: 'hardness',
      start: m.index,
      end: m.index + m[0].length,
      value: { scale: m[3], comparator: m[1] ?? null, min: num(m[2]), max: null },
    });
  }
  return out;
}

export function findMaterials(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matchAll(ALLOY, text)) {
    const grade = m[1]!;
    const temper = m[2] ?? null;
    if (/^\d/.test(grade) && temper === null && !KNOWN_WROUGHT.has(grade)) continue;
    out.push({ type: 'material', start: m.index, end: m.index + m[0].length, value: { grade, temper } });
  }
  return out;
}
