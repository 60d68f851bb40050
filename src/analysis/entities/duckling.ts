// Duckling-compatible extraction: entities in Duckling's JSON shape, non-overlapping, longest match first.
import { type Grain, isoLocal } from './calendar.js';
import { findDurationMatches, UNIT_SECONDS } from './duration.js';
import type { MeasureMatch } from './measure.js';
import { distanceGrammar, gramGrammar, temperatureGrammar, volumeGrammar } from './measures.js';
import { findMoneyMatches } from './money.js';
import { normalizeText } from './normalize.js';
import { parseChineseNumber, scanNumerals } from './numeral.js';
import { findTimes, type TimeValue } from './time/index.js';

export type DucklingDim =
  | 'time'
  | 'number'
  | 'ordinal'
  | 'amount-of-money'
  | 'quantity'
  | 'duration'
  | 'distance'
  | 'temperature'
  | 'volume';

export const ALL_DIMS: DucklingDim[] = [
  'time',
  'amount-of-money',
  'quantity',
  'duration',
  'distance',
  'temperature',
  'volume',
  'ordinal',
  'number',
];

export interface DucklingEntity {
  body: string;
  start: number;
  end: number;
  dim: DucklingDim;
  latent: boolean;
  value: Record<string, unknown>;
}

export interface DucklingOptions {
  refTime: Date | number;
  tzOffsetMinutes: number;
  dims?: DucklingDim[];
  locale?: string;
}

interface Candidate {
  start: number;
  end: number;
  dim: DucklingDim;
  value: Record<string, unknown>;
}

const MAX_INPUT = 1_000_000;

function timeJson(v: TimeValue, tz: number): Record<string, unknown> {
  const extra = v.holiday ? { holidayBeta: v.holiday } : {};
  if (v.type === 'value') {
    const value = isoLocal(v.value, tz);
    return {
      type: 'value',
      value,
      grain: v.grain,
      values: [{ type: 'value', value, grain: v.grain }],
      ...extra,
    };
  }
  const from = { value: isoLocal(v.from, tz), grain: v.grain as Grain };
  const to = { value: isoLocal(v.to, tz), grain: v.grain as Grain };
  return { type: 'interval', from, to, values: [{ type: 'interval', from, to }], ...extra };
}

function measureJson(m: MeasureMatch, extra: Record<string, unknown> = {}): Record<string, unknown> {
  if (m.value !== undefined) return { type: 'value', value: m.value, unit: m.unit, ...extra };
  const out: Record<string, unknown> = { type: 'interval' };
  if (m.from !== undefined) out.from = { value: m.from, unit: m.unit, ...extra };
  if (m.to !== undefined) out.to = { value: m.to, unit: m.unit, ...extra };
  return out;
}

const ORDINAL_RE = /第\s*([0-9零〇一二两三四五六七八九十百千万廿卅]+)/g;

function candidates(t: string, dims: Set<DucklingDim>, opts: DucklingOptions): Candidate[] {
  const out: Candidate[] = [];
  const refMs = typeof opts.refTime === 'number' ? opts.refTime : opts.refTime.getTime();
  const now = refMs + opts.tzOffsetMinutes * 60000;
  if (dims.has('time')) {
    for (const m of findTimes(t, {
      now,
      convention: 'duckling',
      tzOffsetMinutes: opts.tzOffsetMinutes,
      ...(opts.locale ? { locale: opts.locale } : {}),
    })) {
      out.push({ start: m.start, end: m.end, dim: 'time', value: timeJson(m.value, opts.tzOffsetMinutes) });
    }
  }
  if (dims.has('number')) {
    for (const n of scanNumerals(t))
      out.push({ start: n.start, end: n.end, dim: 'number', value: { type: 'value', value: n.value } });
  }
  if (dims.has('ordinal')) {
    ORDINAL_RE.lastIndex = 0;
    for (let m = ORDINAL_RE.exec(t); m !== null; m = ORDINAL_RE.exec(t)) {
      const v = parseChineseNumber(m[1] as string);
      if (v !== null && Number.isInteger(v)) {
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          dim: 'ordinal',
          value: { type: 'value', value: v },
        });
      }
    }
  }
  if (dims.has('amount-of-money')) {
    for (const m of findMoneyMatches(t)) {
      let value: Record<string, unknown>;
      if (m.value !== undefined) value = { type: 'value', value: m.value, unit: m.currency };
      else {
        value = { type: 'interval' };
        if (m.from !== undefined) value.from = { value: m.from, unit: m.currency };
        if (m.to !== undefined) value.to = { value: m.to, unit: m.currency };
      }
      out.push({ start: m.start, end: m.end, dim: 'amount-of-money', value });
    }
  }
  if (dims.has('quantity')) {
    for (const m of gramGrammar.findAll(t)) {
      out.push({ start: m.start, end: m.end, dim: 'quantity', value: measureJson(m, { product: null }) });
    }
  }
  if (dims.has('duration')) {
    for (const d of findDurationMatches(t)) {
      out.push({
        start: d.start,
        end: d.end,
        dim: 'duration',
        value: {
          value: d.value,
          unit: d.unit,
          type: 'value',
          [d.unit]: d.value,
          normalized: { value: d.value * UNIT_SECONDS[d.unit], unit: 'second' },
        },
      });
    }
  }
  if (dims.has('distance')) {
    for (const m of distanceGrammar.findAll(t))
      out.push({ start: m.start, end: m.end, dim: 'distance', value: measureJson(m) });
  }
  if (dims.has('temperature')) {
    for (const m of temperatureGrammar.findAll(t)) {
      out.push({ start: m.start, end: m.end, dim: 'temperature', value: measureJson(m) });
    }
  }
  if (dims.has('volume')) {
    for (const m of volumeGrammar.findAll(t))
      out.push({ start: m.start, end: m.end, dim: 'volume', value: measureJson(m) });
  }
  return out;
}

/** Keep the longest candidates that do not overlap; on equal length the earlier dim in ALL_DIMS wins. */
export function selectNonOverlapping<T extends { start: number; end: number; dim: DucklingDim }>(
  cands: T[],
): T[] {
  const rank = (d: DucklingDim) => ALL_DIMS.indexOf(d);
  const sorted = [...cands].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || rank(a.dim) - rank(b.dim) || a.start - b.start,
  );
  const taken: T[] = [];
  for (const c of sorted) {
    if (c.end <= c.start) continue;
    if (taken.some((x) => c.start < x.end && x.start < c.end)) continue;
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}

export function extractDuckling(text: string, opts: DucklingOptions): DucklingEntity[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const src = text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text;
  const t = normalizeText(src);
  const dims = new Set<DucklingDim>(opts.dims && opts.dims.length > 0 ? opts.dims : ALL_DIMS);
  const chosen = selectNonOverlapping(candidates(t, dims, opts));
  return chosen.map((c) => ({
    body: src.slice(c.start, c.end),
    start: c.start,
    end: c.end,
    dim: c.dim,
    latent: false,
    value: c.value,
  }));
}
