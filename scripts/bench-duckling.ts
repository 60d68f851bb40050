// Runs Duckling's ZH corpora (read from ../shared, never copied) through the line handler of
// `shixu extract --jsonl` (JSON line in, JSON line out, exactly what the command does per line) with
// Duckling's pass rule: exactly one entity of the case's dimension spanning the whole text, with the
// expected value. In-process, so 1,000s of cases do not pay 1,000s of process start-ups.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DucklingDim, DucklingEntity } from '../src/analysis/entities/duckling.js';
import { extractJsonLine } from '../src/cli/commands/extract.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(root, '../shared/benchmarks/duckling-zh');
const REFTIME = '2013-02-12T04:30:00.000-02:00';

/** One case through the CLI's line handler, as `shixu extract --jsonl` would print it. */
function extract(text: string, dim: DucklingDim, locale?: string): DucklingEntity[] {
  const line = JSON.stringify({ id: 1, text, reftime: REFTIME, dims: [dim], ...(locale ? { locale } : {}) });
  const out = JSON.parse(extractJsonLine(line).line) as { entities: DucklingEntity[] };
  return out.entities;
}

const FILE_DIM: Record<string, { dim: DucklingDim; key: string }> = {
  'time.json': { dim: 'time', key: 'time' },
  'numeral.json': { dim: 'number', key: 'numeral' },
  'ordinal.json': { dim: 'ordinal', key: 'ordinal' },
  'amount-of-money.json': { dim: 'amount-of-money', key: 'amount-of-money' },
  'quantity.json': { dim: 'quantity', key: 'quantity' },
  'duration.json': { dim: 'duration', key: 'duration' },
  'distance.json': { dim: 'distance', key: 'distance' },
  'temperature.json': { dim: 'temperature', key: 'temperature' },
  'volume.json': { dim: 'volume', key: 'volume' },
};

interface Case {
  text: string;
  expected: Record<string, unknown>;
  locale?: string;
}

const wall = (s: string) => `${s}.000-02:00`;
const near = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-6;

function matches(dim: DucklingDim, e: DucklingEntity, exp: Record<string, unknown>): boolean {
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
      if (v.type !== 'interval') return false;
      for (const side of ['from', 'to'] as const) {
        if (exp[side] === undefined) {
          if (v[side] !== undefined) return false;
        } else if (!v[side] || !near(v[side].value, exp[side]) || v[side].unit !== exp[unitKey]) return false;
      }
      return true;
    }
  }
}

const results: Record<string, number> = {};
let allPass = 0;
let allTotal = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const spec = FILE_DIM[file];
  if (!spec) continue;
  const cases = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Case[];
  let pass = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const ents = extract(c.text, spec.dim, c.locale);
    const full = ents.filter((e) => e.dim === spec.dim && e.start === 0 && e.end === c.text.length);
    const ok =
      full.length === 1 && ents.length === 1 && matches(spec.dim, full[0] as DucklingEntity, c.expected);
    if (ok) pass++;
    else
      failures.push(
        `  ${c.text}${c.locale ? ` [${c.locale}]` : ''} → ${JSON.stringify(ents.map((e) => [e.body, e.value]))} expected ${JSON.stringify(c.expected)}`,
      );
  }
  const rate = cases.length ? (100 * pass) / cases.length : 0;
  results[spec.key] = Math.round(rate * 10) / 10;
  allPass += pass;
  allTotal += cases.length;
  console.log(`${spec.key}: ${pass}/${cases.length} (${rate.toFixed(1)}%)`);
  const show = Number(process.env.BENCH_SHOW_FAILURES ?? 5);
  for (const f of failures.slice(0, show)) console.log(f);
}
// Duckling also runs every time case without a locale under each regional locale.
{
  const cases = (JSON.parse(readFileSync(join(dir, 'time.json'), 'utf8')) as Case[]).filter((c) => !c.locale);
  let pass = 0;
  for (const locale of ['zh_CN', 'zh_HK', 'zh_MO', 'zh_TW']) {
    for (const c of cases) {
      const ents = extract(c.text, 'time', locale);
      const e = ents[0];
      if (
        ents.length === 1 &&
        e &&
        e.start === 0 &&
        e.end === c.text.length &&
        matches('time', e, c.expected)
      )
        pass++;
    }
  }
  console.log(`time under zh_CN/HK/MO/TW (not in the totals): ${pass}/${cases.length * 4}`);
}
const order = [
  'time',
  'numeral',
  'ordinal',
  'amount-of-money',
  'quantity',
  'duration',
  'distance',
  'temperature',
  'volume',
];
const summary: Record<string, number> = {};
for (const k of order) summary[k] = results[k] ?? 0;
summary.all = allTotal ? Math.round((1000 * allPass) / allTotal) / 10 : 0;
console.log(JSON.stringify(summary));
