// `npm run bench:kpi [-- --scale 0.01 --runs 20 --days 180]`: do the cockpit's KPIs stay fast at a
// million requirements? Builds 1,000,000 requirements and 100,000 contracts (× scale) with the rows
// the dashboard reads beside them (customers, intake records, analyses, reviews, feedback, plan items,
// supplier requirements), spread over three years, first in a temporary SQLite file and then in a
// throwaway PostgreSQL database (SHIXU_TEST_PG_URL, as the tests; skipped when unreachable). Then it
// calls the route's own computeDashboard `runs` times and times each SQL query it issues through a
// Kysely plugin, so the figures follow the route whenever its queries change. Target: p95 < 200 ms
// per query. Last line: {"sqlite_p95_ms_max","postgres_p95_ms_max"} (null when a database was skipped).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CompiledQuery,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config/config.js';
import { COMPLAINT_CAUSES } from '../src/feedback/cause.js';
import { computeDashboard } from '../src/server/routes/dashboard.js';
import { openStore, type Store } from '../src/store/connect.js';
import { migrateToLatest } from '../src/store/migrate.js';
import type { Database } from '../src/store/schema.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    runs: { type: 'string', default: '20' },
    days: { type: 'string', default: '180' },
    'sqlite-only': { type: 'boolean', default: false },
  },
});
const SCALE = Number(args.scale);
const RUNS = Math.max(1, Math.trunc(Number(args.runs)));
const DAYS = Math.max(1, Math.trunc(Number(args.days)));
if (!(SCALE > 0)) throw new Error(`--scale must be a positive number, got ${args.scale}`);

const CONTRACTS = Math.max(10, Math.round(100_000 * SCALE));
const REQUIREMENTS_PER_CONTRACT = 10; // 1,000,000 at scale 1
const REVIEWS_PER_CONTRACT = 3;
const CUSTOMERS = Math.max(5, Math.round(500 * SCALE));
const FEEDBACK = Math.max(10, Math.round(10_000 * SCALE));
const PLAN_ITEMS = Math.min(CONTRACTS, Math.max(10, Math.round(20_000 * SCALE)));
const SUPPLIER_ROWS = Math.max(10, Math.round(5_000 * SCALE));
const HISTORY_DAYS = 3 * 365;
const NOW = new Date('2026-06-30T08:00:00.000Z');
const HOUR = 3_600_000;
const PG_ADMIN_URL = process.env.SHIXU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Db = Kysely<Database>;

// A fixed-seed generator: every run builds the same data, so figures compare across runs.
let seed = 20260630;
function rand(): number {
  seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const iso = (ms: number) => new Date(ms).toISOString();
const pad = (n: number) => String(n).padStart(7, '0');

const CHANNELS = ['email', 'wechat', 'phone', 'upload', 'manual'] as const;
const CATEGORIES = [
  'quality',
  'delivery',
  'price',
  'technical',
  'packaging',
  'service',
  'statutory',
] as const;
const CLASSES = ['regular', 'special', 'temporary'] as const;
const DEPARTMENTS = ['sales', 'technical', 'production', 'quality'] as const;
const WORDS = [
  '交期',
  '公差',
  '包装',
  '价格',
  '阳极氧化',
  '毛刺',
  '检验报告',
  '型材',
  '批量',
  '返修',
  '认证',
  '运输',
];
const REASONS = ['new_product', 'tight_tolerance', 'special_process', 'short_delivery', 'price_below_floor'];

/** Multi-row inserts in batches that stay under both drivers' bound-parameter limits. */
async function insertAll<T extends keyof Database & string>(
  db: Db,
  table: T,
  count: number,
  row: (i: number) => Record<string, unknown>,
): Promise<void> {
  if (count === 0) return;
  const columns = Object.keys(row(0)).length;
  const batch = Math.max(1, Math.min(2000, Math.floor(30_000 / columns)));
  for (let start = 0; start < count; start += batch) {
    const rows: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) rows.push(row(i));
    // Each table's rows are built by hand above; the insert's column typing adds nothing here.
    await db
      .insertInto(table)
      .values(rows as never)
      .execute();
  }
}

async function build(db: Db, postgres: boolean): Promise<Record<string, number>> {
  seed = 20260630;
  const start = NOW.getTime() - HISTORY_DAYS * 24 * HOUR;
  const created = iso(start);
  const contractAt: number[] = [];
  for (let i = 0; i < CONTRACTS; i++) {
    // Evenly over the history with jitter, oldest first, the last ones up to now.
    contractAt.push(start + ((i + rand()) / CONTRACTS) * HISTORY_DAYS * 24 * HOUR);
  }
  await db.transaction().execute(async (tx) => {
    await insertAll(tx, 'users', 1, () => ({
      id: 'bench-user',
      username: 'bench',
      display_name: '基准 Bench',
      password_hash: 'x',
      department: 'sales',
      active: 1,
      created_at: created,
      updated_at: created,
    }));
    await insertAll(tx, 'customers', CUSTOMERS, (i) => ({
      id: `cu-${pad(i)}`,
      name: `基准客户 ${i} 有限公司`,
      timezone: 'Asia/Shanghai',
      created_at: created,
      updated_at: created,
    }));
    await insertAll(tx, 'intake_records', CONTRACTS, (i) => ({
      id: `in-${pad(i)}`,
      channel: pick(CHANNELS),
      status: 'done',
      customer_id: `cu-${pad(i % CUSTOMERS)}`,
      received_at: iso(contractAt[i]!),
      created_at: iso(contractAt[i]!),
      updated_at: iso(contractAt[i]!),
    }));
    await insertAll(tx, 'analyses', CONTRACTS, (i) => {
      const label = pick(['positive', 'neutral', 'neutral', 'negative'] as const);
      return {
        id: `an-${pad(i)}`,
        intake_id: `in-${pad(i)}`,
        ref_date: iso(contractAt[i]!).slice(0, 10),
        engine_version: 'bench',
        result: JSON.stringify({
          sentiment: { label, score: label === 'positive' ? 0.8 : label === 'negative' ? -0.6 : 0 },
          keywords: [pick(WORDS), pick(WORDS), pick(WORDS)].map((word) => ({ word, weight: rand() })),
        }),
        created_at: iso(contractAt[i]! + 60_000),
        version: 1,
        superseded_at: null,
      };
    });
    await insertAll(tx, 'contracts', CONTRACTS, (i) => {
      const cls = pick(CLASSES);
      return {
        id: `co-${pad(i)}`,
        number: `HT-${pad(i)}`,
        customer_id: `cu-${pad(i % CUSTOMERS)}`,
        customer_name: `基准客户 ${i % CUSTOMERS} 有限公司`,
        class: cls,
        status: 'in_review',
        version: 1,
        intake_id: `in-${pad(i)}`,
        analysis_id: `an-${pad(i)}`,
        classification:
          cls === 'special' ? JSON.stringify({ class: cls, reasons: [{ code: pick(REASONS) }] }) : null,
        received_at: iso(contractAt[i]!),
        feedback_due_at: iso(contractAt[i]! + 48 * HOUR),
        customer_timezone: 'Asia/Shanghai',
        created_at: iso(contractAt[i]!),
        updated_at: iso(contractAt[i]!),
      };
    });
    await insertAll(tx, 'requirements', CONTRACTS * REQUIREMENTS_PER_CONTRACT, (i) => {
      const c = Math.floor(i / REQUIREMENTS_PER_CONTRACT);
      const at = iso(contractAt[c]! + 120_000);
      return {
        id: `rq-${String(i).padStart(8, '0')}`,
        analysis_id: `an-${pad(c)}`,
        contract_id: `co-${pad(c)}`,
        text: `${pick(WORDS)}要求 ${i}`,
        category: pick(CATEGORIES),
        kind: 'explicit',
        special: 0,
        priority: 'normal',
        status: 'proposed',
        version: 1,
        created_at: at,
        updated_at: at,
      };
    });
    await insertAll(tx, 'reviews', CONTRACTS * REVIEWS_PER_CONTRACT, (i) => {
      const c = Math.floor(i / REVIEWS_PER_CONTRACT);
      // Most parts are signed within a few days; the newest contracts still have open parts.
      const signed = contractAt[c]! < NOW.getTime() - 7 * 24 * HOUR || rand() < 0.5;
      return {
        id: `rv-${String(i).padStart(8, '0')}`,
        contract_id: `co-${pad(c)}`,
        contract_version: 1,
        department: DEPARTMENTS[i % REVIEWS_PER_CONTRACT]!,
        status: signed ? 'signed' : 'pending',
        signed_at: signed ? iso(contractAt[c]! + (4 + rand() * 80) * HOUR) : null,
        created_at: iso(contractAt[c]!),
        updated_at: iso(contractAt[c]!),
      };
    });
    await insertAll(tx, 'feedback', FEEDBACK, (i) => {
      const c = Math.floor(rand() * CONTRACTS);
      const kind = pick(['complaint', 'complaint', 'praise', 'inquiry'] as const);
      return {
        id: `fb-${pad(i)}`,
        customer_id: `cu-${pad(c % CUSTOMERS)}`,
        contract_id: `co-${pad(c)}`,
        kind,
        text: '基准反馈',
        cause: kind === 'complaint' ? pick(COMPLAINT_CAUSES) : null,
        status: 'open',
        received_at: iso(contractAt[c]! + 10 * 24 * HOUR),
        created_at: iso(contractAt[c]!),
        updated_at: iso(contractAt[c]!),
        voided_at: rand() < 0.02 ? iso(contractAt[c]!) : null,
      };
    });
    await insertAll(tx, 'plan_items', PLAN_ITEMS, (i) => {
      // Spread over the whole history, at most one item per contract (the pair is unique).
      const c = Math.floor((i * CONTRACTS) / PLAN_ITEMS);
      return {
        id: `pl-${pad(i)}`,
        contract_id: `co-${pad(c)}`,
        requirement_id: `rq-${String(c * REQUIREMENTS_PER_CONTRACT).padStart(8, '0')}`,
        owner_id: 'bench-user',
        department: pick(DEPARTMENTS),
        due_date: iso(contractAt[c]! + 30 * 24 * HOUR).slice(0, 10),
        status: pick(['planned', 'in_progress', 'done', 'done'] as const),
        created_at: iso(contractAt[c]!),
        updated_at: iso(contractAt[c]!),
      };
    });
    await insertAll(tx, 'supplier_requirements', SUPPLIER_ROWS, (i) => ({
      id: `sr-${pad(i)}`,
      contract_id: `co-${pad(i % CONTRACTS)}`,
      requirement_id: `rq-${String(i * REQUIREMENTS_PER_CONTRACT + 1).padStart(8, '0')}`,
      supplier: `供方 ${i % 40}`,
      marked_by: 'bench-user',
      marked_at: iso(contractAt[i % CONTRACTS]!),
      passed_on: rand() < 0.7 ? iso(contractAt[i % CONTRACTS]!).slice(0, 10) : null,
    }));
  });
  // Planners need statistics, as a running system would have them; on PostgreSQL autovacuum would
  // also have set the visibility map that lets a count read the index alone.
  await (postgres ? sql`vacuum analyze` : sql`analyze`).execute(db);
  return {
    customers: CUSTOMERS,
    contracts: CONTRACTS,
    requirements: CONTRACTS * REQUIREMENTS_PER_CONTRACT,
    intake_records: CONTRACTS,
    analyses: CONTRACTS,
    reviews: CONTRACTS * REVIEWS_PER_CONTRACT,
    feedback: FEEDBACK,
    plan_items: PLAN_ITEMS,
    supplier_requirements: SUPPLIER_ROWS,
  };
}

/**
 * Times every query run through it, from the moment Kysely hands it to the driver until its rows
 * are back, keyed by a short readable label derived from the SQL.
 */
class QueryTimer implements KyselyPlugin {
  readonly samples = new Map<string, number[]>();
  /** The last compiled form of each query, to run it again on its own. */
  readonly compiled = new Map<string, CompiledQuery>();
  readonly #started = new WeakMap<object, { label: string; t: number }>();
  #compile:
    | ((node: RootOperationNode, queryId: PluginTransformQueryArgs['queryId']) => CompiledQuery)
    | undefined;

  bind(db: Db): void {
    const executor = db.getExecutor();
    this.#compile = (node, queryId) => executor.compileQuery(node, queryId);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const compiled = this.#compile?.(args.node, args.queryId);
    const label = labelOf(compiled?.sql ?? '');
    if (compiled) this.compiled.set(label, compiled);
    this.#started.set(args.queryId, { label, t: performance.now() });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const s = this.#started.get(args.queryId);
    if (s) {
      const list = this.samples.get(s.label) ?? [];
      list.push(performance.now() - s.t);
      this.samples.set(s.label, list);
    }
    return args.result;
  }

  clear(): void {
    this.samples.clear();
  }
}

function labelOf(text: string): string {
  const s = text.replace(/\s+/g, ' ').toLowerCase();
  const table = /from "(\w+)"/.exec(s)?.[1] ?? '?';
  const join = /join "(\w+)"/.exec(s)?.[1];
  const group = /group by "?(?:\w+"?\.)?"?(\w+)"?/.exec(s)?.[1];
  let label = join ? `${table}⋈${join}` : table;
  if (group) label += ` by ${group}`;
  else if (/count\(\*\)/.test(s))
    label += /"passed_on" is null/.test(s)
      ? ' count pending'
      : /"due_date" </.test(s)
        ? ' count overdue'
        : ' count';
  else label += /"class" = /.test(s) ? ' special, newest' : /limit/.test(s) ? ' newest' : ' rows';
  return label;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
const round = (x: number) => Math.round(x * 10) / 10;

interface DialectFigures {
  dialect: string;
  load_s: number;
  rows: Record<string, number>;
  dashboard_p50_ms: number;
  dashboard_p95_ms: number;
  queries: Record<string, { p50_ms: number; p95_ms: number; in_route_p95_ms: number; n: number }>;
  p95_ms_max: number;
}

async function benchOne(dialect: string, config: DatabaseConfig): Promise<DialectFigures> {
  const store: Store = await openStore(config);
  try {
    const migrated = await migrateToLatest(store);
    if (!migrated.ok) throw new Error(`migration failed: ${migrated.error}`);
    const t0 = performance.now();
    const rows = await build(store.db, config.kind === 'postgres');
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`[${dialect}] loaded ${JSON.stringify(rows)} in ${loadSeconds.toFixed(1)} s`);

    const timer = new QueryTimer();
    const db = store.db.withPlugin(timer);
    timer.bind(db);
    // Warm-up: caches and prepared plans, as on a server that has been running.
    for (let i = 0; i < 2; i++) await computeDashboard(db, NOW, DAYS);
    timer.clear();
    const totals: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await computeDashboard(db, NOW, DAYS);
      totals.push(performance.now() - t);
    }
    // Inside the route, queries started together wait for the connection (SQLite has one) or the
    // cores (two here), so their times overlap. Each query the route issued is also run again alone,
    // exactly as compiled, which is the figure held against the 200 ms target.
    const alone = new Map<string, number[]>();
    for (const [label, compiled] of timer.compiled) {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await store.db.executeQuery(compiled);
        samples.push(performance.now() - t);
      }
      alone.set(label, samples);
    }
    const queries: DialectFigures['queries'] = {};
    for (const [label, samples] of alone) {
      queries[label] = {
        p50_ms: round(percentile(samples, 50)),
        p95_ms: round(percentile(samples, 95)),
        in_route_p95_ms: round(percentile(timer.samples.get(label) ?? [], 95)),
        n: samples.length,
      };
    }
    console.log(
      `[${dialect}] computeDashboard(days=${DAYS}) × ${RUNS}, then each of its queries alone × ${RUNS} (ms):`,
    );
    console.log(
      `  ${'query'.padEnd(36)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'in route p95'.padStart(13)}`,
    );
    for (const [label, q] of Object.entries(queries)) {
      const flag = q.p95_ms < 200 ? '' : '  ← over 200 ms';
      console.log(
        `  ${label.padEnd(36)} ${String(q.p50_ms).padStart(8)} ${String(q.p95_ms).padStart(8)} ${String(q.in_route_p95_ms).padStart(13)}${flag}`,
      );
    }
    const figures: DialectFigures = {
      dialect,
      load_s: round(loadSeconds),
      rows,
      dashboard_p50_ms: round(percentile(totals, 50)),
      dashboard_p95_ms: round(percentile(totals, 95)),
      queries,
      p95_ms_max: Math.max(...Object.values(queries).map((q) => q.p95_ms)),
    };
    console.log(
      `  ${'whole dashboard'.padEnd(36)} ${String(figures.dashboard_p50_ms).padStart(8)} ${String(figures.dashboard_p95_ms).padStart(8)}`,
    );
    return figures;
  } finally {
    await store.close();
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

console.log(
  `bench:kpi scale ${SCALE}: ${CONTRACTS * REQUIREMENTS_PER_CONTRACT} requirements, ${CONTRACTS} contracts, period ${DAYS} days, ${RUNS} runs`,
);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-bench-kpi-'));
let sqliteFigures: DialectFigures | null = null;
try {
  sqliteFigures = await benchOne('sqlite', { kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

let postgresFigures: DialectFigures | null = null;
if (args['sqlite-only']) {
  console.log('[postgres] skipped (--sqlite-only)');
} else if (!(await postgresReachable())) {
  console.log(`[postgres] skipped: ${new URL(PG_ADMIN_URL).host} unreachable (set SHIXU_TEST_PG_URL)`);
} else {
  const name = `shixu_bench_kpi_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    postgresFigures = await benchOne('postgres', { kind: 'postgres', url: url.toString() });
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

console.log(
  JSON.stringify({ scale: SCALE, days: DAYS, runs: RUNS, sqlite: sqliteFigures, postgres: postgresFigures }),
);
console.log(
  JSON.stringify({
    sqlite_p95_ms_max: sqliteFigures?.p95_ms_max ?? null,
    postgres_p95_ms_max: postgresFigures?.p95_ms_max ?? null,
  }),
);
