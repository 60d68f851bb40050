// Duckling's ZH corpora (test/fixtures/duckling-zh, BSD, see its LICENSE) with Duckling's own pass rule:
// exactly one entity of the case's dimension spanning the whole text, with the expected value. Shared by
// test/analysis/duckling-corpus.test.ts (floors inside `npm test`) and `npm run bench:duckling` (speed), so
// both count the same thing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DucklingDim, DucklingEntity } from '../../src/analysis/entities/duckling.js';

/** Reference time of every Duckling time case: Tuesday 2013-02-12 04:30 in a fixed UTC−02:00 zone. */
export const DUCKLING_REFTIME = '2013-02-12T04:30:00.000-02:00';

/** Corpus file → the dimension it is run under and the name its figures are reported as. */
export const DUCKLING_FILES: ReadonlyArray<{ file: string; dim: DucklingDim; key: string }> = [
  { file: 'time.json', dim: 'time', key: 'time' },
  { file: 'numeral.json', dim: 'number', key: 'numeral' },
  { file: 'ordinal.json', dim: 'ordinal', key: 'ordinal' },
  { file: 'amount-of-money.json', dim: 'amount-of-money', key: 'amount-of-money' },
  { file: 'quantity.json', dim: 'quantity', key: 'quantity' },
  { file: 'duration.json', dim: 'duration', key: 'duration' },
  { file: 'distance.json', dim: 'distance', key: 'distance' },
  { file: 'temperature.json', dim: 'temperature', key: 'temperature' },
  { file: 'volume.json', dim: 'volume', key: 'volume' },
];

/** Duckling also runs every time case without a locale under each regional locale. */
export const DUCKLING_REGIONS = ['zh_CN', 'zh_HK', 'zh_MO', 'zh_TW'] as const;

export interface DucklingCase {
  text: string;
  expected: Record<string, unknown>;
  locale?: string;
}

/** Runs one case's text for one dimension (and the case's locale) and returns what was found. */
export type DucklingExtract = (text: string, dim: DucklingDim, locale?: string) => DucklingEntity[];

export interface DucklingRun {
  pass: number;
  total: number;
  /** One line per failed case: text, what came out, what was expected. */
  failures: string[];
}

export function readDucklingCases(dir: string, file: string): DucklingCase[] {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as DucklingCase[];
}

const wall = (s: string) => `${s}.000-02:00`;
const near = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-6;

function rangeMatches(
  v: Record<string, { value?: unknown; unit?: unknown } | undefined>,
  exp: Record<string, unknown>,
  unitKey: string,
): boolean {
  if ((v.type as unknown) !== 'interval') return false;
  for (const side of ['from', 'to'] as const) {
    const got = v[side];
    if (exp[side] === undefined) {
      if (got !== undefined) return false;
    } else if (!got || !near(got.value, exp[side]) || got.unit !== exp[unitKey]) return false;
  }
  return true;
}

/** Duckling's value comparison for one dimension (tests/Duckling/Testing/Asserts.hs). */
export function ducklingValueMatches(
  dim: DucklingDim,
  e: DucklingEntity,
  exp: Record<string, unknown>,
): boolean {
  // biome-ignore lint/suspicious/noExplicitAny: Duckling values are untyped JSON
  const v = e.value as Record<string, any>;
  switch (dim) {
    case 'time': {
      if (exp.holiday !== undefined && v.holidayBeta !== exp.holiday) return false;
      if (exp.type === 'value')
        return v.type === 'value' && v.value === wall(exp.value as string) && v.grain === exp.grain;
      return (
        v.type === 'interval' &&
        v.from?.value === wall(exp.from as string) &&
        v.to?.value === wall(exp.to as string) &&
        v.from?.grain === exp.grain
      );
    }
    case 'number':
    case 'ordinal':
      return near(v.value, exp.value);
    case 'duration':
      return v.value === exp.value && v.unit === exp.unit;
    case 'quantity':
      return (
        v.type === 'value' && near(v.value, exp.value) && v.unit === exp.unit && v.product === exp.product
      );
    default: {
      const unitKey = dim === 'amount-of-money' ? 'currency' : 'unit';
      if (exp.value !== undefined)
        return v.type === 'value' && near(v.value, exp.value) && v.unit === exp[unitKey];
      return rangeMatches(v, exp, unitKey);
    }
  }
}

/** Duckling's pass rule: one entity, spanning the whole text, with the expected value. */
export function ducklingCasePasses(dim: DucklingDim, c: DucklingCase, ents: DucklingEntity[]): boolean {
  const e = ents[0];
  return (
    ents.length === 1 &&
    e !== undefined &&
    e.dim === dim &&
    e.start === 0 &&
    e.end === c.text.length &&
    ducklingValueMatches(dim, e, c.expected)
  );
}

/** Every case of a list through `extract`; `locale` overrides the cases' own (the regional runs). */
export function runDucklingCases(
  dim: DucklingDim,
  cases: readonly DucklingCase[],
  extract: DucklingExtract,
  locale?: string,
): DucklingRun {
  let pass = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const loc = locale ?? c.locale;
    const ents = extract(c.text, dim, loc);
    if (ducklingCasePasses(dim, c, ents)) pass++;
    else
      failures.push(
        `${c.text}${loc ? ` [${loc}]` : ''} → ${JSON.stringify(ents.map((e) => [e.body, e.value]))} expected ${JSON.stringify(c.expected)}`,
      );
  }
  return { pass, total: cases.length, failures };
}
