// Core of `shixu extract --jsonl`: one input object → one output object. Pure; the CLI does the I/O.
import { ALL_DIMS, type DucklingDim, type DucklingEntity, extractDuckling } from './duckling.js';

export interface ExtractInput {
  id?: unknown;
  text?: unknown;
  reftime?: unknown;
  locale?: unknown;
  dims?: unknown;
}

export interface ExtractOutput {
  id: unknown;
  entities: DucklingEntity[];
  error?: string;
}

const OFFSET_RE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Offset in minutes written at the end of an ISO 8601 time ("-02:00" → -120, "Z" → 0), or null. */
export function parseOffsetMinutes(iso: string): number | null {
  const m = OFFSET_RE.exec(iso.trim());
  if (!m) return null;
  const s = m[1] as string;
  if (s.toUpperCase() === 'Z') return 0;
  const sign = s[0] === '-' ? -1 : 1;
  const digits = s.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

export function extractOne(input: ExtractInput, defaults: { now?: number } = {}): ExtractOutput {
  const id = input?.id ?? null;
  if (typeof input?.text !== 'string')
    return { id, entities: [], error: 'text 必须是字符串 / text must be a string' };
  let refMs = defaults.now ?? Date.now();
  let tz = 0;
  if (typeof input.reftime === 'string') {
    const ms = Date.parse(input.reftime);
    if (Number.isNaN(ms)) return { id, entities: [], error: 'reftime 无法解析 / reftime is not ISO 8601' };
    refMs = ms;
    tz = parseOffsetMinutes(input.reftime) ?? 0;
  }
  const dims = Array.isArray(input.dims)
    ? (input.dims.filter(
        (d): d is DucklingDim => typeof d === 'string' && (ALL_DIMS as string[]).includes(d),
      ) as DucklingDim[])
    : undefined;
  const entities = extractDuckling(input.text, {
    refTime: refMs,
    tzOffsetMinutes: tz,
    ...(dims && dims.length > 0 ? { dims } : {}),
    ...(typeof input.locale === 'string' ? { locale: input.locale } : {}),
  });
  return { id, entities };
}
