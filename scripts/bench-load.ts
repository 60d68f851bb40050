// `npm run bench:load [-- --scale 0.01 --duration 10 --connections 10 --cases 200 --soak 5]`: does the
// real server keep up on this machine? A child process runs the server as `shixu serve` does
// (listen(): routes, background loops) on 127.0.0.1, a random port and a temporary SQLite file, with
// the demo users and 100,000 contracts (× scale) bulk-inserted into the ledger. This process signs in
// over HTTP and drives it with autocannon, one bounded scenario after another: analyse a message,
// a ledger page, open a case, and a department signing its review (each signature is a one-time
// event, so that scenario sends one request per prepared signature instead of running for a duration).
// The load generator runs in its own process so it does not share the server's event loop.
// Targets (issue 13): analyse ≥ 300 req/s, ledger ≥ 1,000 req/s, p99 < 100 ms, no errors, RSS flat over
// a 5-minute soak (--soak 5: analyse and ledger mixed, server RSS before and after).
// Last line: {"analyze_rps","ledger_rps","p99_ms_max","errors"} (+ soak RSS when --soak is given).
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../src/demo/demo-data.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { listen } from '../src/server/serve.js';
import { openStore } from '../src/store/connect.js';
import { migrateToLatest } from '../src/store/migrate.js';
import type { Database } from '../src/store/schema.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    cases: { type: 'string', default: '200' },
    soak: { type: 'string', default: '0' },
    serve: { type: 'string' },
  },
});

const HOUR = 3_600_000;
const NOW = Date.now();
const pad = (n: number) => String(n).padStart(7, '0');
const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------
// The server process (`--serve <sqlite file>`): build the data, listen, report the URL and RSS.

/** Multi-row inserts in batches under SQLite's bound-parameter limit. */
async function insertAll(
  db: Kysely<Database>,
  table: keyof Database & string,
  count: number,
  row: (i: number) => Record<string, unknown>,
): Promise<void> {
  const columns = Object.keys(row(0)).length;
  const batch = Math.max(1, Math.floor(30_000 / columns));
  for (let start = 0; start < count; start += batch) {
    const rows: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) rows.push(row(i));
    // The rows are built by hand for each table; the insert's column typing adds nothing here.
    await db
      .insertInto(table)
      .values(rows as never)
      .execute();
  }
}

/** The ledger's history: contracts over three years with their intake, analysis and review parts. */
async function bulkLedger(db: Kysely<Database>, contracts: number): Promise<void> {
  const customers = Math.max(5, Math.round(contracts / 200));
  const start = NOW - 3 * 365 * 24 * HOUR;
  const at = (i: number) => start + (i / contracts) * 3 * 365 * 24 * HOUR;
  const classes = ['regular', 'regular', 'special', 'temporary'] as const;
  const departments = ['sales', 'technical', 'quality'] as const;
  await db.transaction().execute(async (tx) => {
    await insertAll(tx, 'customers', customers, (i) => ({
      id: `bl-cu-${pad(i)}`,
      name: `负载客户 ${i} 有限公司`,
      timezone: 'Asia/Shanghai',
      created_at: iso(start),
      updated_at: iso(start),
    }));
    await insertAll(tx, 'intake_records', contracts, (i) => ({
      id: `bl-in-${pad(i)}`,
      channel: 'email',
      status: 'done',
      customer_id: `bl-cu-${pad(i % customers)}`,
      received_at: iso(at(i)),
      created_at: iso(at(i)),
      updated_at: iso(at(i)),
    }));
    await insertAll(tx, 'analyses', contracts, (i) => ({
      id: `bl-an-${pad(i)}`,
      intake_id: `bl-in-${pad(i)}`,
      ref_date: iso(at(i)).slice(0, 10),
      engine_version: 'bench-load',
      result: JSON.stringify({ sentiment: { label: 'neutral', score: 0 }, keywords: [] }),
      created_at: iso(at(i) + 60_000),
      version: 1,
      superseded_at: null,
    }));
    await insertAll(tx, 'contracts', contracts, (i) => ({
      id: `bl-co-${pad(i)}`,
      number: `BL-${pad(i)}`,
      customer_id: `bl-cu-${pad(i % customers)}`,
      customer_name: `负载客户 ${i % customers} 有限公司`,
      class: classes[i % classes.length],
      status: 'in_review',
      version: 1,
      intake_id: `bl-in-${pad(i)}`,
      analysis_id: `bl-an-${pad(i)}`,
      classification: null,
      received_at: iso(at(i)),
      feedback_due_at: iso(at(i) + 48 * HOUR),
      customer_timezone: 'Asia/Shanghai',
      created_at: iso(at(i)),
      updated_at: iso(at(i)),
    }));
    await insertAll(tx, 'reviews', contracts * departments.length, (i) => {
      const c = Math.floor(i / departments.length);
      const signed = at(c) < NOW - 7 * 24 * HOUR;
      return {
        id: `bl-rv-${String(i).padStart(8, '0')}`,
        contract_id: `bl-co-${pad(c)}`,
        contract_version: 1,
        department: departments[i % departments.length],
        status: signed ? 'signed' : 'pending',
        signed_at: signed ? iso(at(c) + 24 * HOUR) : null,
        created_at: iso(at(c)),
        updated_at: iso(at(c)),
      };
    });
  });
}

async function serve(file: string, contracts: number): Promise<void> {
  const config = loadConfig({
    DATABASE_URL: `sqlite:${file}`,
    SHIXU_DATA_DIR: path.dirname(file),
    SHIXU_DEMO: '0',
    SHIXU_OCR: 'off',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
  });
  const store = await openStore(config.database);
  await migrateToLatest(store);
  await seedDemo(store);
  const built = Date.now();
  await bulkLedger(store.db, contracts);
  const loadMs = Date.now() - built;
  const server = await listen(config, store, { handleSignals: false });
  const send = (m: object) => process.send?.(m);
  send({ url: server.url, loadMs });
  process.on('message', (m: { type: string }) => {
    if (m.type === 'rss') send({ rss: process.memoryUsage().rss });
    if (m.type === 'stop') void server.stop().then(() => process.exit(0));
  });
}

// ---------------------------------------------------------------------------------------------
// The driver: sign in, prepare cases, run the scenarios, print the figures.

interface Server {
  child: ChildProcess;
  url: string;
  loadMs: number;
  ask: <T>(type: string, key: string) => Promise<T>;
}

async function startServer(file: string, contracts: number): Promise<Server> {
  // The same loader (tsx) as this process, so the child runs the TypeScript sources too.
  const child = fork(
    fileURLToPath(import.meta.url),
    ['--serve', file, '--scale', String(contracts / 100_000)],
    {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const first = await new Promise<{ url: string; loadMs: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; loadMs: number }));
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before listening`)));
  });
  const ask = <T>(type: string, key: string) =>
    new Promise<T>((resolve) => {
      const on = (m: Record<string, unknown>) => {
        if (key in m) {
          child.off('message', on);
          resolve(m[key] as T);
        }
      };
      child.on('message', on);
      child.send({ type });
    });
  return { child, ...first, ask };
}

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API being driven
type Json = Record<string, any>;

function client(url: string) {
  const origin = url;
  const call = async (cookie: string, method: string, p: string, body?: object): Promise<Json> => {
    const res = await fetch(`${url}${p}`, {
      method,
      headers: {
        cookie,
        origin,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as Json;
  };
  const login = async (username: string): Promise<string> => {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('shixu_session='));
    if (!cookie) throw new Error(`login ${username}: no session cookie`);
    return cookie.split(';')[0]!;
  };
  return { call, login, origin };
}

const SIGNERS = {
  sales: 'sales',
  technical: 'tech',
  purchasing: 'purchasing',
  production: 'production',
  quality: 'quality',
} as const;
type Dept = keyof typeof SIGNERS;

function order(customerName: string, n: number) {
  return {
    customerName,
    contractClass: 'regular',
    departments: Object.keys(SIGNERS),
    receivedAt: new Date(NOW - n * 60_000).toISOString(),
    items: [
      {
        line: 1,
        product: '铝合金支架',
        catalogCode: null,
        model: `BRK-${n}`,
        quantity: { value: 5000, unit: '件' },
        unitPrice: { amount: 18.5, currency: 'CNY', per: '件', taxIncluded: true },
        material: '6061-T6',
        tolerance: null,
        drawing: { number: 'DWG-2002', revision: 'A' },
        packaging: '纸箱',
      },
    ],
    delivery: { date: '2027-01-20', place: '苏州工厂', terms: null },
    paymentTerms: '月结60天',
    requirements: [
      {
        text: '每批提供材质证明',
        category: 'documentation',
        kind: 'explicit',
        special: false,
        priority: 'normal',
      },
    ],
  };
}

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

async function run(name: string, opts: autocannon.Options): Promise<Figures> {
  const r = await autocannon(opts);
  // Transport errors, timeouts and any answer that is not 2xx all count: the targets say "no errors".
  const errors = r.errors + r.timeouts + r.non2xx;
  const f = {
    name,
    // Over the whole run, so the sign-off scenario (a fixed number of requests, often under a
    // second) is not read off a single one-second sample.
    rps: Math.round(r.requests.total / Math.max(r.duration, 0.001)),
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors,
  };
  process.stdout.write(
    `${name.padEnd(10)} ${String(f.rps).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms  ${f.requests} requests, ${errors} errors\n`,
  );
  return f;
}

async function drive(): Promise<void> {
  const scale = Number(args.scale);
  if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${args.scale}`);
  const contracts = Math.max(100, Math.round(100_000 * scale));
  const duration = Math.max(1, Number(args.duration));
  const connections = Math.max(1, Math.trunc(Number(args.connections)));
  const caseCount = Math.max(connections, Math.trunc(Number(args.cases)));
  const soak = Math.max(0, Number(args.soak));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-bench-load-'));
  const server = await startServer(path.join(dir, 'shixu.sqlite'), contracts);
  try {
    const { url } = server;
    const api = client(url);
    process.stdout.write(`server ${url}: ${contracts} ledger contracts loaded in ${server.loadMs} ms\n`);
    const cookies = {} as Record<Dept, string>;
    for (const [dept, user] of Object.entries(SIGNERS) as [Dept, string][])
      cookies[dept] = await api.login(user);

    // Cases opened over HTTP, requirements accepted and confirmed: ready for the departments to sign.
    const customer = DEMO_CUSTOMERS[0]!.name;
    const ids: string[] = [];
    let version = 1;
    for (let n = 0; n < caseCount; n++) {
      let c = await api.call(cookies.sales, 'POST', '/api/contracts', order(customer, n));
      const edits = c.requirements.map((r: { id: string }) => ({ op: 'accept', requirementId: r.id }));
      await api.call(cookies.sales, 'POST', `/api/contracts/${c.id}/requirements`, { edits });
      c = await api.call(cookies.sales, 'POST', `/api/contracts/${c.id}/requirements/confirm`, {});
      version = c.contractVersion;
      ids.push(c.id);
    }
    // Every case is the same order, so each department's checklist is the same on all of them.
    const answers = {} as Record<Dept, Record<string, string>>;
    for (const dept of Object.keys(SIGNERS) as Dept[]) {
      const mine = (await api.call(cookies[dept], 'GET', `/api/contracts/${ids[0]}`)).myChecklist;
      answers[dept] = Object.fromEntries(mine.items.map((i: { id: string }) => [i.id, 'ok']));
    }
    process.stdout.write(`${ids.length} cases opened for the case and sign-off scenarios\n\n`);

    const texts = fs
      .readFileSync(
        path.join(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/dev-corpus/corpus.jsonl'),
        'utf8',
      )
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { text: string }).text);
    const base = { url, connections, timeout: 10 };
    const readHeaders = { cookie: cookies.sales };
    const writeHeaders = { cookie: cookies.sales, origin: api.origin, 'content-type': 'application/json' };
    let i = 0;
    const next = () => i++;
    const analyzeRequest: autocannon.Request = {
      method: 'POST',
      path: '/api/analyze',
      headers: writeHeaders,
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ text: texts[next() % texts.length] }) }),
    };
    const pages = Math.max(1, Math.min(20, Math.floor(contracts / 50)));
    const ledgerRequest: autocannon.Request = {
      method: 'GET',
      headers: readHeaders,
      setupRequest: (req) => ({ ...req, path: `/api/contracts?page=${(next() % pages) + 1}&pageSize=50` }),
    };

    const results: Figures[] = [];
    results.push(await run('analyse', { ...base, duration, requests: [analyzeRequest] }));
    results.push(await run('ledger', { ...base, duration, requests: [ledgerRequest] }));
    results.push(
      await run('case', {
        ...base,
        duration,
        requests: [
          {
            method: 'GET',
            headers: readHeaders,
            setupRequest: (req) => ({ ...req, path: `/api/contracts/${ids[next() % ids.length]}` }),
          },
        ],
      }),
    );
    // Department by department over all cases, so concurrent signatures land on different cases.
    const signatures = (Object.keys(SIGNERS) as Dept[]).flatMap((dept) => ids.map((id) => ({ dept, id })));
    let s = 0;
    results.push(
      await run('sign', {
        ...base,
        amount: signatures.length,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const { dept, id } = signatures[s++ % signatures.length]!;
              return {
                ...req,
                path: `/api/contracts/${id}/reviews/sign`,
                headers: { ...writeHeaders, cookie: cookies[dept] },
                body: JSON.stringify({
                  department: dept,
                  contractVersion: version,
                  answers: answers[dept],
                  outcome: 'can_meet',
                }),
              };
            },
          },
        ],
      }),
    );

    let soakRss: { rss_start_mb: number; rss_end_mb: number } | undefined;
    if (soak > 0) {
      const mb = (b: number) => Math.round(b / 1024 / 1024);
      const before = mb(await server.ask<number>('rss', 'rss'));
      const f = await run('soak', {
        ...base,
        duration: soak * 60,
        requests: [analyzeRequest, ledgerRequest],
      });
      results.push(f);
      const after = mb(await server.ask<number>('rss', 'rss'));
      process.stdout.write(`soak ${soak} min: server RSS ${before} MB → ${after} MB\n`);
      soakRss = { rss_start_mb: before, rss_end_mb: after };
    }

    const by = (name: string) => results.find((r) => r.name === name)!;
    process.stdout.write(
      `\n${JSON.stringify({
        analyze_rps: by('analyse').rps,
        ledger_rps: by('ledger').rps,
        case_rps: by('case').rps,
        sign_rps: by('sign').rps,
        p99_ms_max: Math.max(...results.map((r) => r.p99)),
        errors: results.reduce((n, r) => n + r.errors, 0),
        ...soakRss,
      })}\n`,
    );
  } finally {
    server.child.send({ type: 'stop' });
    await new Promise((r) => server.child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (args.serve) {
  await serve(args.serve, Math.max(100, Math.round(100_000 * Number(args.scale))));
} else {
  await drive();
}
