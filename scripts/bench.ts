// `npm run bench`: analysis throughput and latency in one process over the dev corpus (repeated),
// and start-up time (fresh process: dictionaries and models loaded, first message analysed).
// Last line: {"messages_per_second","p50_ms","p99_ms","startup_ms"}.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/analysis/analyze.js';
import { productsFromCsv } from '../src/catalog/catalog-csv.js';
import { customersFromCsv } from '../src/customers/customers-csv.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = existsSync(join(root, '../shared/dev-corpus/corpus.jsonl'))
  ? join(root, '../shared/dev-corpus')
  : join(root, 'test/fixtures/dev-corpus');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);

const cases = readFileSync(join(corpusDir, 'corpus.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { text: string; ref_date: string; channel: string });
const catalog = productsFromCsv(readFileSync(join(corpusDir, 'catalog.csv'), 'utf8'));
const customers = customersFromCsv(readFileSync(join(corpusDir, 'customers.csv'), 'utf8'));

function startupMs(): number {
  // The built module when present (what `shixu` runs); otherwise the sources through tsx.
  const built = join(root, 'dist/analysis/analyze.js');
  const probe = `const { analyze } = await import(${JSON.stringify(existsSync(built) ? built : join(root, 'src/analysis/analyze.ts'))});
analyze(${JSON.stringify(cases[0]?.text ?? '您好')}, { refDate: '2026-01-05' });
process.stdout.write(String(performance.now()));`;
  const args = existsSync(built)
    ? ['--input-type=module', '-e', probe]
    : ['--import', 'tsx', '--input-type=module', '-e', probe];
  const runs: number[] = [];
  for (let i = 0; i < 5; i++)
    runs.push(Number(execFileSync(process.execPath, args, { cwd: root }).toString()));
  runs.sort((a, b) => a - b);
  return runs[2]!;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// Warm-up: JIT and lazily built tables, so the figures describe the steady state a server sees.
for (const c of cases) analyze(c.text, { refDate: c.ref_date, channel: c.channel, catalog, customers });

const latencies: number[] = [];
const t0 = performance.now();
for (let r = 0; r < ROUNDS; r++) {
  for (const c of cases) {
    const s = performance.now();
    analyze(c.text, { refDate: c.ref_date, channel: c.channel, catalog, customers });
    latencies.push(performance.now() - s);
  }
}
const seconds = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const figures = {
  messages_per_second: round(latencies.length / seconds, 1),
  p50_ms: round(percentile(latencies, 50), 3),
  p99_ms: round(percentile(latencies, 99), 3),
  startup_ms: round(startupMs(), 1),
};
console.log(`corpus: ${corpusDir} (${cases.length} messages × ${ROUNDS} rounds, one process)`);
console.log(
  `throughput ${figures.messages_per_second} msg/s; p50 ${figures.p50_ms} ms; p99 ${figures.p99_ms} ms`,
);
console.log(
  `start-up (fresh process, dictionaries and models loaded, first message): ${figures.startup_ms} ms`,
);
console.log(JSON.stringify(figures));
