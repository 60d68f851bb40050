// Requested precision: tolerances, geometric tolerances and roughness found in the text, each tied to
// the part it is about (extrusion limits differ from machined-part limits), plus 超高精级 by name.
import { PRECISION_GRADES, precisionRank } from '../../catalog/product.js';
import {
  clauseAround,
  findAll,
  isNegated,
  type PreparedText,
  parseSpecNumber,
  SPEC_NUMBER,
} from '../text.js';
import type { Evidence } from '../types.js';
import { type ItemFacts, itemNear, type PartKind } from './items.js';

export interface ToleranceMention {
  kind: 'plus_minus' | 'geometric' | 'roughness';
  /** Half of the tolerance band in mm (plus_minus), the zone in mm (geometric) or Ra in µm. */
  value: number;
  part: PartKind;
  evidence: Evidence;
}

const LENGTH_UNIT = '(mm|毫米|μm|µm|um|微米|丝|公分)?';
const NOT_LENGTH_AFTER = /^\s*(%|°|℃|度|mpa|n\b|kg|g\b|h\b|小时|天|日|元|v\b|bar|psi|min|s\b)/i;
const COATING_CONTEXT = /膜厚|膜层|涂层|镀层|漆膜|氧化膜|film|coating|温度|重量|硬度|电压|压力/i;
const LENGTH_CONTEXT = /定尺|长度|切|锯|length|cut/i;

function toMm(value: number, unit: string | undefined): number | null {
  switch ((unit ?? '').toLowerCase()) {
    case 'mm':
    case '毫米':
      return value;
    case 'μm':
    case 'µm':
    case 'um':
    case '微米':
      return value / 1000;
    case '丝':
      return value * 0.01;
    case '公分':
      return value * 10;
    case '':
      // A bare figure in a tolerance is millimetres in this trade; larger bare figures are not tolerances.
      return value <= 1 ? value : null;
    default:
      return null;
  }
}

function partFor(items: ItemFacts[], index: number, text: PreparedText): PartKind {
  const kinds = new Set(items.map((i) => i.kind));
  if (kinds.size === 1) return [...kinds][0] as PartKind;
  const near = itemNear(items, index);
  if (near) return near.kind;
  return /型材|profile|extru/i.test(text.norm) ? 'extrusion' : 'machined';
}

function ev(t: PreparedText, start: number, end: number, note?: string): Evidence {
  return { text: t.original.slice(start, end), start, end, source: 'message', ...(note ? { note } : {}) };
}

const PLUS_MINUS = new RegExp(`(?:±|\\+/-|\\+-|正负)\\s*(${SPEC_NUMBER})\\s*${LENGTH_UNIT}`, 'gi');
const ASYMMETRIC = new RegExp(
  `\\+\\s*(${SPEC_NUMBER})\\s*${LENGTH_UNIT}\\s*/\\s*-?\\s*(${SPEC_NUMBER})\\s*${LENGTH_UNIT}`,
  'gi',
);
const GEOMETRIC = new RegExp(
  `(平面度|平整度|圆度|圆柱度|同轴度|同心度|位置度|垂直度|平行度|直线度|圆跳动|全跳动|跳动|轮廓度|flatness|roundness|circularity|cylindricity|coaxiality|concentricity|true position|perpendicularity|parallelism|straightness|run-?out)` +
    `[^,，。；;\\n\\d零〇一二两三四五六七八九]{0,8}?(?:φ|Φ|ø|Ø)?\\s*(${SPEC_NUMBER})\\s*${LENGTH_UNIT}`,
  'gi',
);
const ROUGHNESS = new RegExp(
  `(?:(?<![a-z])Ra\\s*(?:≤|<=|<|不大于|小于|:|：|=|为)?\\s*|粗糙度[^,，。；;\\n\\d零〇一二两三四五六七八九]{0,6}?(?:Ra)?\\s*)(${SPEC_NUMBER})\\s*(μm|µm|um|微米)?`,
  'gi',
);

export function findToleranceMentions(t: PreparedText, items: ItemFacts[]): ToleranceMention[] {
  const out: ToleranceMention[] = [];
  const accept = (start: number, end: number) => {
    if (isNegated(t.norm, start)) return false;
    if (NOT_LENGTH_AFTER.test(t.norm.slice(end, end + 4))) return false;
    const clause = clauseAround(t.norm, start, end);
    return !COATING_CONTEXT.test(t.norm.slice(clause.start, end));
  };
  for (const m of findAll(t, PLUS_MINUS)) {
    if (!accept(m.start, m.end)) continue;
    const v = parseSpecNumber(m.groups[0] ?? '');
    const mm = v === null ? null : toMm(v, m.groups[1]);
    if (mm === null || mm <= 0) continue;
    const part = partFor(items, m.start, t);
    const clause = clauseAround(t.norm, m.start, m.end);
    if (part === 'extrusion' && LENGTH_CONTEXT.test(t.norm.slice(clause.start, m.start))) continue;
    out.push({ kind: 'plus_minus', value: mm, part, evidence: ev(t, clause.start, m.end) });
  }
  for (const m of findAll(t, ASYMMETRIC)) {
    if (!accept(m.start, m.end)) continue;
    const a = parseSpecNumber(m.groups[0] ?? '');
    const b = parseSpecNumber(m.groups[2] ?? '');
    const unit = m.groups[1] ?? m.groups[3];
    const mmA = a === null ? null : toMm(a, unit);
    const mmB = b === null ? null : toMm(b, unit);
    if (mmA === null || mmB === null || mmA + mmB <= 0) continue;
    const part = partFor(items, m.start, t);
    out.push({ kind: 'plus_minus', value: (mmA + mmB) / 2, part, evidence: ev(t, m.start, m.end) });
  }
  for (const m of findAll(t, GEOMETRIC)) {
    if (isNegated(t.norm, m.start)) continue;
    const after = t.norm.slice(m.end, m.end + 4);
    // Straightness per metre (0.3mm/m) is an extrusion figure, not a machined geometric tolerance.
    if (/^\s*(\/\s*m|\/米|每米)/i.test(after) || NOT_LENGTH_AFTER.test(after)) continue;
    const v = parseSpecNumber(m.groups[1] ?? '');
    const mm = v === null ? null : toMm(v, m.groups[2]);
    if (mm === null || mm <= 0) continue;
    out.push({
      kind: 'geometric',
      value: mm,
      part: partFor(items, m.start, t),
      evidence: ev(t, m.start, m.end),
    });
  }
  for (const m of findAll(t, ROUGHNESS)) {
    if (isNegated(t.norm, m.start)) continue;
    const v = parseSpecNumber(m.groups[0] ?? '');
    if (v === null || v <= 0 || v > 100) continue;
    out.push({
      kind: 'roughness',
      value: v,
      part: partFor(items, m.start, t),
      evidence: ev(t, m.start, m.end),
    });
  }
  return out;
}

export interface PrecisionFacts {
  extrusionToleranceMm: number | null;
  machinedToleranceMm: number | null;
  geometricToleranceMm: number | null;
  roughnessRaUm: number | null;
  ultraPrecisionByName: boolean;
  ultraPrecisionCatalogueItem: boolean;
  requestedPrecisionRank: number;
  evidence: {
    extrusionToleranceMm: Evidence[];
    machinedToleranceMm: Evidence[];
    geometricToleranceMm: Evidence[];
    roughnessRaUm: Evidence[];
    ultraPrecisionByName: Evidence[];
    ultraPrecisionCatalogueItem: Evidence[];
    requestedPrecisionRank: Evidence[];
  };
}

const ULTRA = /超高精(?:密)?级?|超精密级|ultra[- ]?high[- ]?precision/gi;
const HIGH = /(?<!超)高精级/g;

function tightest(ms: ToleranceMention[]): { value: number | null; evidence: Evidence[] } {
  if (ms.length === 0) return { value: null, evidence: [] };
  const min = Math.min(...ms.map((m) => m.value));
  return {
    value: Number(min.toFixed(6)),
    evidence: ms.filter((m) => m.value === min).map((m) => m.evidence),
  };
}

export function precisionFacts(t: PreparedText, items: ItemFacts[]): PrecisionFacts {
  const mentions = findToleranceMentions(t, items);
  const extr = tightest(mentions.filter((m) => m.kind === 'plus_minus' && m.part === 'extrusion'));
  const mach = tightest(mentions.filter((m) => m.kind === 'plus_minus' && m.part === 'machined'));
  const geo = tightest(mentions.filter((m) => m.kind === 'geometric' && m.part === 'machined'));
  const ra = tightest(mentions.filter((m) => m.kind === 'roughness' && m.part === 'machined'));
  const ultraByName = findAll(t, ULTRA)
    .filter((m) => !isNegated(t.norm, m.start))
    .map((m): Evidence => ({ text: m.text, start: m.start, end: m.end, source: 'message' }));
  const highByName = findAll(t, HIGH).filter((m) => !isNegated(t.norm, m.start));
  const ultraItems = items
    .filter((i) => i.precisionGrade === '超高精级')
    .map(
      (i): Evidence => ({
        text: `${i.product}（${i.catalogCode}，目录精度等级 超高精级）`,
        ...(i.start !== undefined ? { start: i.start, end: i.end } : {}),
        source: 'catalogue',
      }),
    );
  const catalogueRank = Math.max(0, ...items.map((i) => precisionRank(i.precisionGrade)));
  const namedRank = ultraByName.length > 0 ? 2 : highByName.length > 0 ? 1 : 0;
  const rank = Math.max(catalogueRank, namedRank);
  return {
    extrusionToleranceMm: extr.value,
    machinedToleranceMm: mach.value,
    geometricToleranceMm: geo.value,
    roughnessRaUm: ra.value,
    ultraPrecisionByName: ultraByName.length > 0,
    ultraPrecisionCatalogueItem: ultraItems.length > 0,
    requestedPrecisionRank: rank,
    evidence: {
      extrusionToleranceMm: extr.evidence,
      machinedToleranceMm: mach.evidence,
      geometricToleranceMm: geo.evidence,
      roughnessRaUm: ra.evidence,
      ultraPrecisionByName: ultraByName,
      ultraPrecisionCatalogueItem: ultraItems,
      requestedPrecisionRank:
        rank === 2
          ? [...ultraByName, ...ultraItems]
          : [
              {
                text: PRECISION_GRADES[rank] as string,
                source: rank === namedRank ? 'message' : 'catalogue',
              },
            ],
    },
  };
}
