// `npm run bench:web`: how fast the daily pages come up with a realistic amount of data. Opens
// BENCH_CONTRACTS review cases (default 10,000) through the real repository in a fresh SQLite file,
// starts the real server and measures in Debian's Chromium, signed in as sales: the workbench's first
// meaningful paint (its sections rendered from /api/workbench) and the ledger's first page of rows.
// Median of 5 cold navigations each. Last line: {"contracts","workbench_ms","ledger_ms","fcp_ms","workbench_api_ms","ledger_api_ms"}.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/config/config.js';
import { type ManualCaseInput, openContractCase } from '../src/contracts/case-repository.js';
import { loadReviewConfig } from '../src/contracts/review-config.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { listen } from '../src/server/serve.js';
import { openStore } from '../src/store/connect.js';
import { migrateToLatest } from '../src/store/migrate.js';

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 10_000);
const RUNS = 5;
const CHROMIUM = process.env.SHIXU_CHROMIUM ?? '/usr/bin/chromium';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-bench-web-'));
const config = loadConfig({
  DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}`,
  PORT: '0',
  HOST: '127.0.0.1',
  SHIXU_DATA_DIR: dir,
  SHIXU_DEMO: '0',
  LOG_LEVEL: 'silent',
});
const store = await openStore(config.database);
const migrated = await migrateToLatest(store);
if (!migrated.ok) throw new Error(`migration failed: ${migrated.error}`);
await seedDemo(store);
const sales = await store.db
  .selectFrom('users')
  .select('id')
  .where('username', '=', 'sales')
  .executeTakeFirstOrThrow();
const reviewConfig = await loadReviewConfig(store.db);

const customers = [
  '苏州恒达汽车零部件有限公司',
  '江苏恒驰汽车零部件有限公司',
  '宁波精工铝业有限公司',
  '上海新能源电池系统有限公司',
];
const classes = ['regular', 'special', 'temporary'] as const;
const t0 = performance.now();
for (let i = 0; i < CONTRACTS; i++) {
  const received = new Date(Date.now() - (CONTRACTS - i) * 15 * 60_000);
  const input: ManualCaseInput = {
    customerName: customers[i % customers.length]!,
    contractClass: classes[i % 3]!,
    receivedAt: received.toISOString(),
    items: [
      {
        line: 1,
        product: '电池托盘边框型材',
        catalogCode: 'AL-131',
        model: null,
        quantity: { value: 5 + (i % 40), unit: 't' },
        unitPrice: { amount: 23500, currency: 'CNY', per: 't', taxIncluded: true },
        material: '6061-T6',
        tolerance: '±0.05',
        drawing: null,
        packaging: null,
      },
    ],
    delivery: { date: '2027-01-20', place: '苏州工业园区', terms: null },
    paymentTerms: '月结60天',
    requirements: [
      {
        text: '壁厚公差±0.05mm',
        category: 'technical',
        kind: 'explicit',
        special: i % 3 === 1,
        priority: 'high',
      },
      {
        text: '每批提供材质证明',
        category: 'documentation',
        kind: 'explicit',
        special: false,
        priority: 'normal',
      },
    ],
  };
  await openContractCase(store.db, input, {
    actor: { id: sales.id, department: 'sales' },
    now: received,
    config: reviewConfig,
  });
}
console.log(`opened ${CONTRACTS} review cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const server = await listen(config, store, { handleSignals: false });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
const page = await context.newPage();
await page.goto(`${server.url}/`);
await page.getByLabel('用户名').fill('sales');
await page.getByLabel('密码').fill('shixu-demo-2026');
await page.getByRole('button', { name: /登\s*录/ }).click();
await page.getByRole('heading', { level: 1 }).waitFor();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(url: string, ready: () => Promise<unknown>): Promise<{ ms: number; fcp: number }> {
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready();
  const ms = Date.now() - start;
  const fcp = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
  );
  return { ms, fcp };
}
const workbench: number[] = [];
const fcps: number[] = [];
const ledger: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const w = await timed(`${server.url}/`, () => page.locator('.ant-card .ant-list-item').first().waitFor());
  workbench.push(w.ms);
  fcps.push(w.fcp);
  const l = await timed(`${server.url}/ledger`, () =>
    page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor(),
  );
  ledger.push(l.ms);
  console.log(
    `run ${r + 1}: workbench ${w.ms} ms (first contentful paint ${Math.round(w.fcp)} ms), ledger ${l.ms} ms`,
  );
}
// Where the time goes: the API requests behind the two pages, timed from the browser.
const apiMs = async (url: string) =>
  page.evaluate(async (u) => {
    const t = performance.now();
    await (await fetch(u)).text();
    return performance.now() - t;
  }, url);
const workbenchApi: number[] = [];
const ledgerApi: number[] = [];
for (let r = 0; r < RUNS; r++) {
  workbenchApi.push(await apiMs('/api/workbench'));
  ledgerApi.push(await apiMs('/api/contracts?page=1&pageSize=20'));
}
console.log(
  `API: /api/workbench ${Math.round(median(workbenchApi))} ms, /api/contracts ${Math.round(median(ledgerApi))} ms`,
);
await browser.close();
await server.stop();
fs.rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    contracts: CONTRACTS,
    workbench_ms: median(workbench),
    ledger_ms: median(ledger),
    fcp_ms: Math.round(median(fcps)),
    workbench_api_ms: Math.round(median(workbenchApi)),
    ledger_api_ms: Math.round(median(ledgerApi)),
  }),
);
