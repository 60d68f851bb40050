// What the browser tests need: a built web application, the real Shixu server on a temporary
// SQLite database with the demo company, and Debian's Chromium driven by playwright-core.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Config, loadConfig } from '../../src/config/config.js';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { listen, type RunningServer } from '../../src/server/serve.js';
import { openStore, type Store } from '../../src/store/connect.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { createSqliteFile } from '../support/databases.js';

const ROOT = path.resolve('.');
export const WEB_DIST = path.join(ROOT, 'web/dist');
export const ARTIFACTS = path.join(ROOT, 'test-results/web');
export const CHROMIUM = process.env.SHIXU_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser suite can run; in CI a missing Chromium is a failure, not a skip. */
export function chromiumAvailable(): boolean {
  const ok = fs.existsSync(CHROMIUM);
  if (!ok && process.env.CI) throw new Error(`Chromium is required when CI=true but ${CHROMIUM} is missing`);
  if (!ok) console.warn(`\n[shixu] ${CHROMIUM} not found: browser tests skipped.\n`);
  return ok;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) newest = Math.max(newest, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

function webIsFresh(): boolean {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'web/src')),
    // The app also bundles modules of the server it shares (the permission matrix, the audit labels).
    newestMtime(path.join(ROOT, 'src/shared')),
    fs.statSync(path.join(ROOT, 'src/auth/permissions.ts')).mtimeMs,
    fs.statSync(path.join(ROOT, 'web/index.html')).mtimeMs,
    fs.statSync(path.join(ROOT, 'web/vite.config.ts')).mtimeMs,
  );
  return fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources;
}

const BUILD_LOCK = path.join(ROOT, 'web/.build-lock');
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds web/dist when it is missing or older than the web sources. Browser test files run in
 * parallel processes and vite empties dist/ first, so one process builds under a lock while the
 * others wait for it, instead of wiping each other's assets mid-run.
 */
export function ensureWebBuilt(): void {
  if (webIsFresh()) return;
  for (;;) {
    try {
      fs.mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // A lock left by a killed run is older than any build takes.
      const since = fs.statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 300_000) fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
      sleep(500);
    }
  }
  try {
    if (webIsFresh()) return;
    const r = spawnSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts'],
      // Vitest sets NODE_ENV=test, which Vite would bake into the bundle: Ant Design then gives every
      // dialog title the same id ('test-id'), so modals over a drawer take the drawer's name.
      { cwd: ROOT, encoding: 'utf8', timeout: 300_000, env: { ...process.env, NODE_ENV: 'production' } },
    );
    if (r.status !== 0 || !webIsFresh()) throw new Error(`web build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

export interface TestServer {
  url: string;
  store: Store;
  config: Config;
  stop(): Promise<void>;
}

/**
 * The real server (same code path as `shixu serve`) over a fresh SQLite file with demo data; `env`
 * adds settings (a mailbox to poll, say).
 */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const file = createSqliteFile();
  const config = loadConfig({
    DATABASE_URL: `sqlite:${file.file}`,
    PORT: '0',
    HOST: '127.0.0.1',
    SHIXU_DATA_DIR: path.dirname(file.file),
    SHIXU_DEMO: '1',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const store = await openStore(config.database);
  const report = await migrateToLatest(store);
  if (!report.ok) throw new Error(`migration failed: ${report.error}`);
  await seedDemo(store);
  const server: RunningServer = await listen(config, store, { handleSignals: false });
  return {
    url: server.url,
    store,
    config,
    stop: async () => {
      await server.stop();
      file.remove();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Registers a browser suite's set-up and tear-down: the web app built, the real server over a
 * fresh database and Chromium, both closed after the suite. `setup` receives them to keep, seed
 * data and sign users in.
 */
export function browserSuite(setup: (server: TestServer, browser: Browser) => Promise<void>): void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    await setup(server, browser);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}

export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
}

/**
 * A page in a context of its own (desktop size, Chinese), signed in as a demo user. What the page
 * throws is collected in `errors` so the test can require none; `errorPrefix` tells users apart
 * when several share the list.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  errors: string[],
  options: { password?: string; errorPrefix?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (err) => errors.push(`${options.errorPrefix ?? ''}${err.message}`));
  await signIn(page, baseUrl, username, options.password ?? DEMO_PASSWORD);
  return { context, page };
}

/**
 * Picks an option of an Ant Design select through its labelled search input. On a busy machine a
 * click during a dialog's opening animation can leave the list closed; the keyboard then opens it
 * without toggling it shut again.
 */
/** What functions run inside the page see of its document (this file is checked without the DOM library). */
interface PageDocument {
  querySelector(selector: string): unknown;
  querySelectorAll(
    selector: string,
  ): ArrayLike<{ classList: { contains(c: string): boolean }; offsetParent: unknown }>;
}

export async function selectOption(page: Page, input: Locator, option: string, type?: string): Promise<void> {
  const item = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ has: page.getByTitle(option, { exact: true }) })
    .or(page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }))
    .first();
  // A forced click while a dialog is still zooming open can land on its mask and close it: wait for
  // Ant Design's enter/appear animations to finish first.
  await page
    .waitForFunction(
      // A function, not a string: the page's CSP refuses string evaluation (no 'unsafe-eval').
      // Serialised into the page: it may use nothing from this module.
      () =>
        (globalThis as unknown as { document: PageDocument }).document.querySelector(
          '[class*="-appear-active"], [class*="-enter-active"]',
        ) === null,
      undefined,
      { timeout: 3_000 },
    )
    .catch(() => undefined);
  await input.waitFor({ state: 'visible' });
  // Force: once chosen, the selected value's label lies over the search input.
  await input.click({ force: true });
  if (type) await input.fill(type);
  const opened = await item.waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (!opened) {
    await input.focus();
    await page.keyboard.press('ArrowDown');
  }
  await item.click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical accessibility violations axe-core finds on the current page. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // A select's dropdown still closing (its animation runs late on a busy machine) shows option rows
  // that axe reports as ARIA misuse; the page is checked once they are gone.
  const noneOpen = () =>
    !Array.from(
      (globalThis as unknown as { document: PageDocument }).document.querySelectorAll('.ant-select-dropdown'),
    ).some((e) => !e.classList.contains('ant-select-dropdown-hidden') && e.offsetParent !== null);
  await page.waitForFunction(noneOpen, undefined, { timeout: 5_000 }).catch(() => undefined);
  // A toast still fading in (ant-message-move-up-appear) is measured half-transparent, which axe
  // reports as low contrast; the page is checked once it has settled.
  const noneFadingIn = () =>
    (globalThis as unknown as { document: PageDocument }).document.querySelectorAll(
      '[class*="move-up-appear"], [class*="move-up-enter"], [class*="fade-appear"], [class*="fade-enter"]',
    ).length === 0;
  await page.waitForFunction(noneFadingIn, undefined, { timeout: 5_000 }).catch(() => undefined);
  const source = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy (no inline
  // scripts) does not govern; a <script> tag would be refused, as the policy intends.
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run();
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
