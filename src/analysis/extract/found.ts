import type { EntityType } from '../result.js';

/** An entity located in the normalised text; its `text` is taken from the original at the end. */
export interface Found {
  type: EntityType;
  start: number;
  end: number;
  value: unknown;
}

export function* matchAll(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    yield m;
  }
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Answers "does any of these spans overlap this one?" in O(log n) for short spans, so that long
 * messages stay linear instead of comparing every mention with every other. */
export function overlapIndex(
  spans: readonly { start: number; end: number }[],
): (s: { start: number; end: number }) => boolean {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const starts = sorted.map((s) => s.start);
  let maxLen = 0;
  for (const s of sorted) maxLen = Math.max(maxLen, s.end - s.start);
  return (q) => {
    let lo = 0;
    let hi = starts.length;
    const from = q.start - maxLen;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length && sorted[i]!.start < q.end; i++) {
      if (overlaps(sorted[i]!, q)) return true;
    }
    return false;
  };
}

/** Index of the first element whose `start` is >= pos, in a list sorted by start. */
export function lowerBound(sorted: readonly { start: number }[], pos: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Keeps one of each group of overlapping spans (the longest; the earlier on a tie), in text order. */
export function dropOverlapping<T extends { start: number; end: number }>(spans: readonly T[]): T[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: T[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && overlaps(last, s)) {
      if (s.end - s.start > last.end - last.start) out[out.length - 1] = s;
      continue;
    }
    out.push(s);
  }
  return out;
}
