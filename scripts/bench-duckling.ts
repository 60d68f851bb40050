// Runs Duckling's ZH corpora through the line handler of `shixu extract --jsonl` (JSON line in, JSON line
// out, exactly what the command does per line) with Duckling's pass rule (test/support/duckling-corpus.ts,
// shared with test/analysis/duckling-corpus.test.ts, which holds the floors inside `npm test`). Reads
// ../shared/benchmarks/duckling-zh when present, else the copy in test/fixtures/duckling-zh. In-process,
// so 1,000s of cases do not pay 1,000s of process start-ups.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DucklingDim, DucklingEntity } from '../src/analysis/entities/duckling.js';
import { extractJsonLine } from '../src/cli/commands/extract.js';
import {
  DUCKLING_FILES,
  DUCKLING_REFTIME,
  DUCKLING_REGIONS,
  readDucklingCases,
  runDucklingCases,
} from '../test/support/duckling-corpus.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '../shared/benchmarks/duckling-zh');
const dir = existsSync(shared) ? shared : resolve(root, 'test/fixtures/duckling-zh');

/** One case through the CLI's line handler, as `shixu extract --jsonl` would print it. */
function extract(text: string, dim: DucklingDim, locale?: string): DucklingEntity[] {
  const line = JSON.stringify({
    id: 1,
    text,
    reftime: DUCKLING_REFTIME,
    dims: [dim],
    ...(locale ? { locale } : {}),
  });
  const out = JSON.parse(extractJsonLine(line).line) as { entities: DucklingEntity[] };
  return out.entities;
}

const summary: Record<string, number> = {};
let allPass = 0;
let allTotal = 0;
const show = Number(process.env.BENCH_SHOW_FAILURES ?? 5);
for (const { file, dim, key } of DUCKLING_FILES) {
  if (!existsSync(resolve(dir, file))) continue;
  const run = runDucklingCases(dim, readDucklingCases(dir, file), extract);
  const rate = run.total ? (100 * run.pass) / run.total : 0;
  summary[key] = Math.round(rate * 10) / 10;
  allPass += run.pass;
  allTotal += run.total;
  console.log(`${key}: ${run.pass}/${run.total} (${rate.toFixed(1)}%)`);
  for (const f of run.failures.slice(0, show)) console.log(`  ${f}`);
}
{
  const cases = readDucklingCases(dir, 'time.json').filter((c) => !c.locale);
  let pass = 0;
  for (const locale of DUCKLING_REGIONS) pass += runDucklingCases('time', cases, extract, locale).pass;
  console.log(
    `time under zh_CN/HK/MO/TW (not in the totals): ${pass}/${cases.length * DUCKLING_REGIONS.length}`,
  );
}
summary.all = allTotal ? Math.round((1000 * allPass) / allTotal) / 10 : 0;
console.log(JSON.stringify(summary));
