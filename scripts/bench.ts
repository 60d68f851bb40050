// `npm run bench`: analysis throughput and latency in one process over the dev corpus (repeated),
// and start-up time (fresh process: dictionaries and models loaded, first message analysed).
// Throughput is measured twice: in one thread (which also gives the latencies), and as bulk runs
// (`shixu analyze --jsonl`) do it, one process with an analysis thread per core.
// Last line: {"messages_per_second","p50_ms","p99_ms","startup_ms",
//             "messages_per_second_one_thread","threads"}; messages_per_second is the bulk figure.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/analysis/analyze.js';
import { AnalysisPool, defaultPoolSize } from '../src/analysis-pool/analysis-pool.js';
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

// Bulk: the same messages through the worker pool, a window of requests in flight as the CLI keeps.
const threads = defaultPoolSize();
const pool = new AnalysisPool({ catalog, customers }, threads);
const all = Array.from({ length: ROUNDS }, () => cases).flat();
async function throughPool(messages: typeof cases): Promise<number> {
  const start = performance.now();
  const window = threads * 4;
  const inFlight: Promise<unknown>[] = [];
  for (const c of messages) {
    inFlight.push(pool.analyze(c.text, { refDate: c.ref_date, channel: c.channel }));
    if (inFlight.length >= window) await inFlight.shift();
  }
  await Promise.all(inFlight);
  return (performance.now() - start) / 1000;
}
await throughPool(cases.concat(cases)); // warm-up: each thread loads its dictionaries and JIT
const poolSeconds = await throughPool(all);
await pool.close();

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const figures = {
  messages_per_second: round(all.length / poolSeconds, 1),
  p50_ms: round(percentile(latencies, 50), 3),
  p99_ms: round(percentile(latencies, 99), 3),
  startup_ms: round(startupMs(), 1),
  messages_per_second_one_thread: round(latencies.length / seconds, 1),
  threads,
};
console.log(`corpus: ${corpusDir} (${cases.length} messages × ${ROUNDS} rounds, one process)`);
console.log(
  `one thread: ${figures.messages_per_second_one_thread} msg/s; p50 ${figures.p50_ms} ms; p99 ${figures.p99_ms} ms`,
);
console.log(`one process, ${threads} analysis threads: ${figures.messages_per_second} msg/s`);
console.log(
  `start-up (fresh process, dictionaries and models loaded, first message): ${figures.startup_ms} ms`,
);
console.log(JSON.stringify(figures));
