// Every page of the menu and those linked off it, as the administrator (who sees them all), in one
// browser and one sign-in:
// in Chinese no English interface words may show (Ant Design's own texts, codes such as "text" or
// "delivery", native "Choose File" and mm/dd/yyyy boxes), in English no Chinese outside data values;
// then on a 390×844 phone no page is wider than the screen and the menu button opens the navigation.
// Import on the catalogue and customer pages (for sales, who may import) is Ant Design's picker, in Chinese.
//
// What counts as a data value is learnt from the server's JSON answers while the pages load: a
// customer's name or a product code may be in either script. Codes (lower-case identifiers) never
// count as data (usernames aside), nor do the other language's half of a {zh, en} pair or a "中文 / English" message.
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { browserSuite, chromiumAvailable, screenshot, signIn, type TestServer } from './harness.js';
import { addAnalysis, addComplaint, addContract, addIntake } from './records.js';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_RUNS = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const LATIN_TOKENS = /[A-Za-z][A-Za-z0-9]*(?:[-_./'’][A-Za-z0-9]+)*/g;
const PLACEHOLDERS = /\{\{[^{}]*\}\}/g;
/** snake_case, dotted and camelCase codes: what the server sends for the interface to name. */
const CODE = /^(?:[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*|[a-z]+(?:[A-Z][a-z0-9]*)+)$/;

/** Latin words a Chinese page may show: trade abbreviations, file types, units, the language switch. */
const IDENTIFIERS = new Set([
  'PO',
  'PPAP',
  'APQP',
  'FMEA',
  'SPC',
  'MSA',
  'CSR',
  'KPI',
  'ISO',
  'IATF',
  'RFQ',
  'VDA',
  'PDF',
  'XLSX',
  'CSV',
  'eml',
  'docx',
  'doc',
  'wps',
  'WPS',
  'xls',
  'et',
  'xlsx',
  'pdf',
  'Word',
  'Excel',
  'mm',
  'kg',
  'Ra',
  'IANA',
  'IMAP',
  'README',
  'Asia/Shanghai',
  'English',
]);
/** Interface words that are wrong in the Chinese interface even where some data value holds them. */
const ENGLISH_UI_WORDS = new Set(
  // "no" alone is a data word too: the REACH regulation is numbered "(EC) No 1907/2006".
  (
    'data page pages start end date choose file files chosen submit search select cancel ok loading ' +
    'total next previous today now clear reset filter upload delete edit save close confirm pending open ' +
    'closed done failed text email delivery special regular temporary true false high medium low yes items ' +
    'week month year all none unknown status'
  ).split(' '),
);

interface Seen {
  /** Latin words of data values, for the Chinese walk. */
  latin: Set<string>;
  /** Data values' text, for the English walk. */
  chinese: string[];
}

/** "中文 / English": a " / " with Chinese before it and mostly Latin after it (as pickLanguage reads it). */
function isBilingualMessage(s: string): boolean {
  let at = s.indexOf(' / ');
  while (at >= 0) {
    const after = s.slice(at + 3);
    const latin = after.match(/[A-Za-z]/g)?.length ?? 0;
    const cjk = after.match(CJK_RUNS)?.join('').length ?? 0;
    if (CJK.test(s.slice(0, at)) && !CJK.test(after.charAt(0)) && latin > cjk) return true;
    at = s.indexOf(' / ', at + 3);
  }
  return false;
}

/** Records the data values of one JSON answer (see the file comment for what is left out). */
function learn(seen: Seen, value: unknown, key = ''): void {
  if (typeof value === 'string') {
    const text = value.replace(PLACEHOLDERS, ' ');
    // A username looks like a code (sales, zhou.yang) but is what a person chose to sign in with.
    if ((CODE.test(value) && key !== 'username') || isBilingualMessage(text)) return;
    if (key !== 'en') for (const w of text.match(LATIN_TOKENS) ?? []) seen.latin.add(w);
    if (key !== 'zh') seen.chinese.push(text);
  } else if (Array.isArray(value)) {
    for (const v of value) learn(seen, v, key);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) learn(seen, v, k);
  }
}

/** What the document tells the person looking at it (the page is checked without the DOM library). */
interface Element {
  getAttribute(name: string): string | null;
  checkVisibility(options: { visibilityProperty: boolean; opacityProperty: boolean }): boolean;
  closest(selector: string): Element | null;
  matches(selector: string): boolean;
  querySelectorAll(selector: string): ArrayLike<Element>;
  innerText: string;
}
interface PageDocument {
  body: { innerText: string };
  querySelector(selector: string): unknown;
  querySelectorAll(selector: string): ArrayLike<Element>;
  documentElement: { scrollWidth: number; clientWidth: number };
}

async function shownText(page: Page): Promise<{ text: string; nativeFile: number; nativeDate: number }> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    const shown = (e: Element) => e.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a user sees
    const parts = [doc.body.innerText];
    // Ant Design names its icons in English ("search", "close") and a range picker's separator
    // "to": decorative where the control has words of its own, which is checked below.
    const decorative = '.anticon, .ant-picker-separator, .ant-input-number-handler';
    for (const e of Array.from(doc.querySelectorAll('[placeholder], [aria-label], [title]'))) {
      if (!shown(e) || e.matches(decorative)) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = e.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    // A control with no words of its own is named by its icon: that name is what is read out.
    for (const c of Array.from(doc.querySelectorAll('button, a[href], [role="button"]'))) {
      // biome-ignore lint/performance/useDomNodeTextContent: a control's rendered words, not hidden ones
      if (!shown(c) || c.innerText.trim() !== '' || c.closest('[aria-label], [title], [aria-labelledby]'))
        continue;
      for (const icon of Array.from(c.querySelectorAll('.anticon[aria-label]'))) {
        parts.push(icon.getAttribute('aria-label') ?? '');
      }
    }
    const count = (selector: string) => Array.from(doc.querySelectorAll(selector)).filter(shown).length;
    return {
      text: parts.join('\n'),
      nativeFile: count('input[type="file"]'),
      nativeDate: count('input[type="date"], input[type="datetime-local"], input[type="month"]'),
    };
  });
}

/** English words on a Chinese page that are neither allowed identifiers nor data values. */
function englishIn(text: string, seen: Seen): string[] {
  const out = new Set<string>();
  for (const word of text.match(LATIN_TOKENS) ?? []) {
    if (ENGLISH_UI_WORDS.has(word.toLowerCase())) out.add(word);
    else if (/\d/.test(word) || /^SHIXU_[A-Z0-9_]+$/.test(word)) continue;
    else if (!IDENTIFIERS.has(word) && !seen.latin.has(word)) out.add(word);
  }
  return [...out];
}

/** Chinese on an English page that no data value holds ("中文" is the language switch). */
function chineseIn(text: string, seen: Seen): string[] {
  const data = seen.chinese.join('\n');
  return [...new Set(text.match(CJK_RUNS) ?? [])].filter((run) => run !== '中文' && !data.includes(run));
}

/** Waits until the page has its heading, its data and no spinner. */
async function settle(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page
    .waitForFunction(
      () =>
        (globalThis as unknown as { document: PageDocument }).document.querySelector(
          '.ant-spin-spinning, .ant-skeleton-active, .ant-card-loading-content',
        ) === null,
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
}

describe.skipIf(!chromiumAvailable())('language and phone walk over every page', () => {
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  let paths: string[] = [];
  const seen: Seen = { latin: new Set(), chinese: [] };
  const pageErrors: string[] = [];

  browserSuite(async (s, b: Browser) => {
    server = s;
    // Figures for the dashboard and workbench, with the codes the server really stores.
    const ago = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await addIntake(s.store, 'text', ago(30));
    await addIntake(s.store, 'file', ago(28));
    await addIntake(s.store, 'email', ago(26));
    await addContract(s.store, {
      cls: 'special',
      receivedAt: ago(60),
      reasons: ['new_customer', 'large_urgent_order'],
      signedAfterHours: [10, null],
    });
    await addContract(s.store, { cls: 'regular', receivedAt: ago(90), signedAfterHours: [20] });
    await addAnalysis(s.store, ago(5), { label: 'negative', score: -0.5 }, [{ word: '公差', weight: 1 }]);
    await addComplaint(s.store, 'delivery', ago(3));
    context = await b.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('response', (res: Response) => {
      if (!res.url().includes('/api/') || !(res.headers()['content-type'] ?? '').includes('json')) return;
      res.json().then(
        (body: unknown) => learn(seen, body),
        () => undefined,
      );
    });
    // The browser itself speaks English: the interface must still be Chinese by default.
    await signIn(page, server.url, 'admin', DEMO_PASSWORD);
    paths = await page
      .getByRole('navigation', { name: '主导航' })
      .locator('a[href]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  });

  /** Pages off the top menu (opened from another page) that the administrator may read: walked too. */
  const OFF_MENU = ['/audit', '/users', '/plans', '/csr-evaluation'];
  const everyPage = () => [...paths, ...OFF_MENU];

  it('offers the administrator every page in the menu', () => {
    expect(paths).toEqual([
      '/',
      '/intake',
      '/ledger',
      '/customers',
      '/catalogue',
      '/rules',
      '/dashboard',
      '/feedback',
      '/capability',
      '/laws',
      '/settings',
    ]);
  });

  it('does not offer the administrator to take messages in, which the matrix does not let him do', async () => {
    await page.goto(`${server.url}/`);
    await settle(page);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: /录入新消息|Enter a new message/ }).count()).toBe(0);
  });

  /** Puts the interface into `lang` through the switch in the header (each test starts from its own). */
  async function useLanguage(lang: 'zh' | 'en'): Promise<void> {
    const target = lang === 'zh' ? '主导航' : 'Main navigation';
    if ((await page.locator('html').getAttribute('lang')) !== (lang === 'zh' ? 'zh-CN' : 'en')) {
      await page.getByRole('button', { name: lang === 'zh' ? /Switch language/ : /切换语言/ }).click();
    }
    await page.getByRole('navigation', { name: target }).waitFor();
  }

  /** Each page, and each of its tabs, as `check` sees it; pages off the menu too. */
  async function walk(check: (where: string) => Promise<void>): Promise<void> {
    for (const path of everyPage()) {
      await page.goto(`${server.url}${path}`);
      await settle(page);
      await check(path);
      const tabs = page.locator('main [role="tab"]');
      for (let i = 1; i < (await tabs.count()); i++) {
        await tabs.nth(i).click();
        await page.waitForLoadState('networkidle');
        await check(`${path} tab ${i + 1}`);
      }
    }
  }

  it('shows every page in Chinese: no English interface word, no native file or date box', async () => {
    await useLanguage('zh');
    const problems: string[] = [];
    await walk(async (where) => {
      const shown = await shownText(page);
      const words = englishIn(shown.text, seen);
      if (words.length) problems.push(`${where}: ${words.join(', ')}`);
      if (shown.nativeFile) problems.push(`${where}: a native file input ("Choose File")`);
      if (shown.nativeDate) problems.push(`${where}: a native date input (mm/dd/yyyy)`);
    });
    // The ledger's date filter opens a Chinese calendar.
    await page.goto(`${server.url}/ledger`);
    await settle(page);
    await page.locator('#ledger-from').click();
    const calendar = page.locator('.ant-picker-dropdown:visible');
    await calendar.waitFor();
    const calendarText = (await calendar.textContent()) ?? '';
    expect(calendarText).toMatch(/今天/);
    expect(englishIn(calendarText, seen)).toEqual([]);
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  }, 240_000);

  it('names the dashboard charts and their legends in Chinese', async () => {
    await page.goto(`${server.url}/dashboard`);
    await settle(page);
    const charts = await page
      .locator('[data-chart]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(charts.join('\n')).toContain('粘贴文本 1');
    expect(charts.join('\n')).toContain('上传文件 1');
    expect(charts.join('\n')).toContain('新客户 1');
    expect(charts.join('\n')).toContain('交付 1');
    const text = (await page.locator('main').textContent()) ?? '';
    for (const code of ['text', 'file', 'delivery', 'new_customer']) expect(text).not.toContain(code);
  }, 60_000);

  it('names the ledger export in Chinese with the day', async () => {
    await page.goto(`${server.url}/ledger`);
    await settle(page);
    const href = (await page.getByRole('link', { name: /导出/ }).getAttribute('href')) ?? '';
    const res = await page.request.get(`${server.url}${href}`);
    expect(res.status()).toBe(200);
    const disposition = decodeURIComponent(res.headers()['content-disposition'] ?? '');
    expect(disposition).toMatch(/合同台账-\d{4}-\d{2}-\d{2}\.xlsx/);
  }, 60_000);

  it('shows every page in English with Chinese only in data values', async () => {
    await page.goto(`${server.url}/`);
    await useLanguage('en');
    const problems: string[] = [];
    await walk(async (where) => {
      const runs = chineseIn((await shownText(page)).text, seen);
      if (runs.length) problems.push(`${where}: ${runs.join(', ')}`);
    });
    await useLanguage('zh');
    expect(problems).toEqual([]);
  }, 240_000);

  it('fits every page on a 390×844 phone and opens the navigation from the menu button', async () => {
    await page.goto(`${server.url}${paths[0]}`);
    await useLanguage('zh');
    await page.setViewportSize({ width: 390, height: 844 });
    const problems: string[] = [];
    for (const [i, path] of paths.entries()) {
      await settle(page);
      const width = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        return doc.documentElement.scrollWidth;
      });
      if (width > 390) problems.push(`${path}: ${width}px wide`);
      // No horizontal menu squeezed into "…": a menu button opens the navigation in a drawer.
      await expect(page.getByRole('navigation', { name: '主导航' }).count()).resolves.toBe(0);
      await page.getByRole('button', { name: '打开导航菜单' }).click();
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.waitFor();
      await expect(nav.locator('a[href]').count()).resolves.toBe(paths.length);
      if (i === 0) await screenshot(page, 'phone-navigation');
      const next = paths[(i + 1) % paths.length];
      await nav.locator(`a[href="${next}"]`).click();
      await nav.waitFor({ state: 'hidden' });
      await page.waitForURL((url) => url.pathname === next);
    }
    // Pages off the menu are opened at their address and must fit as well.
    for (const path of OFF_MENU) {
      await page.goto(`${server.url}${path}`);
      await settle(page);
      const width = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        return doc.documentElement.scrollWidth;
      });
      if (width > 390) problems.push(`${path}: ${width}px wide`);
    }
    await page.setViewportSize({ width: 1366, height: 900 });
    expect(problems).toEqual([]);
  }, 240_000);

  it('offers import on the catalogue and customer pages as Chinese buttons, never a native file box', async () => {
    // Sales may import both tables (the administrator, walked above, may import neither).
    const sales = await context
      .browser()!
      .newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    const salesPage = await sales.newPage();
    salesPage.setDefaultTimeout(15_000);
    salesPage.on('pageerror', (err) => pageErrors.push(`sales: ${err.message}`));
    salesPage.on('response', (res: Response) => {
      if (!res.url().includes('/api/') || !(res.headers()['content-type'] ?? '').includes('json')) return;
      res.json().then(
        (body: unknown) => learn(seen, body),
        () => undefined,
      );
    });
    await signIn(salesPage, server.url, 'sales', DEMO_PASSWORD);
    const problems: string[] = [];
    for (const path of ['/catalogue', '/customers']) {
      await salesPage.goto(`${server.url}${path}`);
      await settle(salesPage);
      await salesPage.getByRole('button', { name: '导入（CSV、XLSX）' }).waitFor();
      await salesPage.getByRole('link', { name: '导出 XLSX' }).waitFor();
      const shown = await shownText(salesPage);
      const words = englishIn(shown.text, seen);
      if (words.length) problems.push(`${path}: ${words.join(', ')}`);
      if (shown.nativeFile) problems.push(`${path}: a native file input ("Choose File")`);
    }
    // The picker takes a file and the report comes back in Chinese.
    await salesPage.goto(`${server.url}/catalogue`);
    await settle(salesPage);
    await salesPage.locator('.ant-upload input[type=file]').setInputFiles({
      name: '产品目录.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'code,name,model,category,precision_grade,unit,unit_weight_kg,list_price_cny\nWALK-1,巡检型材,,,普通级,支,2,10.00\n',
      ),
    });
    await salesPage.getByText('导入完成：新增 1，更新 0，未变 0').waitFor();
    await salesPage.getByLabel('搜索产品').fill('巡检');
    await salesPage.getByLabel('搜索产品').press('Enter');
    await expect.poll(() => salesPage.locator('.ant-table-tbody').textContent()).toContain('巡检型材');
    await sales.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('returns to sign-in when the session has expired, says why, and comes back to the page', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${server.url}/catalogue`);
    await useLanguage('zh');
    await settle(page);
    await server.store.db.deleteFrom('sessions').execute();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '合同台账' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('会话已过期，请重新登录');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('heading', { level: 1, name: '合同台账' }).waitFor();
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
  }, 60_000);

  it('raised no uncaught errors in the pages', async () => {
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
