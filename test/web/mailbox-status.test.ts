// The sales-inbox status card on the intake page, in Chromium against the real server. Without a
// mailbox it tells sales and the administrator (Chinese, then English) how to configure one; the
// departments the route refuses see no card and no error, even when the server answers 403. With a
// real IMAP server (hoodiecrow, in process) it shows the server's first poll — mailbox, times,
// messages taken — and refreshes on its own: the mail of a later poll, then that poll's failure in
// red with when it happened, in both languages.
import dayjs from 'dayjs';
import { ImapFlow } from 'imapflow';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../src/intake/file-store.js';
import { getMailboxStatus, MailboxPoller, type MailboxStatus } from '../../src/intake/mailbox/index.js';
import { IntakeJobs } from '../../src/jobs/intake-jobs.js';
import { freePort, type ImapTestServer, mime, startImap, stopImap } from '../support/imap.js';
import {
  browserSuite,
  chromiumAvailable,
  ensureWebBuilt,
  launchChromium,
  screenshot,
  seriousViolations,
  signedInPage,
  startServer,
  type TestServer,
} from './harness.js';

/** A customer's mail with this subject, text and Message-ID. */
const mail = (subject: string, text: string, id: string) =>
  mime({ subject, text, messageId: `<${id}@kaitu-auto.cn>` });

const card = (page: Page) => page.getByTestId('mailbox-status');

/** The value of one row of the card, found by its label. */
function row(page: Page, label: string): Locator {
  return card(page)
    .locator('.ant-descriptions-item')
    .filter({ has: page.locator('.ant-descriptions-item-label', { hasText: label }) })
    .locator('.ant-descriptions-item-content');
}

const toasts = (page: Page) => page.locator('.ant-message-notice, .ant-notification-notice');

async function openIntake(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/intake`);
  await page.getByLabel('客户消息').waitFor();
}

describe.skipIf(!chromiumAvailable())('sales-inbox status without a mailbox configured', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  browserSuite(async (s, b) => {
    server = s;
    browser = b;
    ({ page } = await signedInPage(browser, server.url, 'sales', pageErrors));
  });

  it('tells sales the mailbox is not configured and whom to ask, in Chinese and in English', async () => {
    await openIntake(page, server.url);
    await card(page).getByText('未配置', { exact: true }).waitFor();
    const text = await card(page).textContent();
    expect(text).toContain('销售邮箱收取');
    expect(text).toMatch(/没有配置销售邮箱.*请联系系统管理员/);
    // How to configure the server is the administrator's business, not the salesperson's.
    expect(text).not.toContain('SHIXU_IMAP');
    // Nothing to show about polls when there is no mailbox.
    await expect(card(page).locator('.ant-descriptions-item').count()).resolves.toBe(0);

    await page.getByRole('button', { name: /切换语言/ }).click();
    await card(page).getByText('Not configured', { exact: true }).waitFor();
    const english = (await card(page).textContent()) ?? '';
    expect(english).toMatch(/Sales inbox \(IMAP\).*No sales mailbox is configured.*Ask the administrator/);
    expect(english).not.toContain('SHIXU_IMAP');
    await page.getByRole('button', { name: /Switch language/ }).click();
    await card(page).getByText('未配置', { exact: true }).waitFor();
    await expect(toasts(page).count()).resolves.toBe(0);
    await screenshot(page, 'intake-mailbox-not-configured');
  }, 60_000);

  it('shows the card to the administrator (with the settings to make) and the general manager', async () => {
    for (const username of ['admin', 'gm']) {
      const { context, page: other } = await signedInPage(browser, server.url, username, pageErrors, {
        errorPrefix: `${username}: `,
      });
      try {
        await openIntake(other, server.url);
        await card(other).getByText('未配置', { exact: true }).waitFor();
        const text = (await card(other).textContent()) ?? '';
        if (username === 'admin') {
          expect(text).toMatch(/SHIXU_IMAP_HOST.*SHIXU_IMAP_USER.*SHIXU_IMAP_PASSWORD/);
        } else {
          expect(text).not.toContain('SHIXU_IMAP');
        }
      } finally {
        await context.close();
      }
    }
  }, 60_000);

  it('shows other departments no card and no error, also when the server refuses', async () => {
    const { context, page: tech } = await signedInPage(browser, server.url, 'tech', pageErrors, {
      errorPrefix: 'tech: ',
    });
    let refused: { status: number; headers: Record<string, string>; body: Buffer };
    try {
      const asked: string[] = [];
      tech.on('request', (r) => {
        if (r.url().includes('/api/intake/mailbox')) asked.push(r.url());
      });
      await openIntake(tech, server.url);
      await tech.waitForLoadState('networkidle');
      await expect(card(tech).count()).resolves.toBe(0);
      await expect(toasts(tech).count()).resolves.toBe(0);
      expect(asked).toEqual([]);
      await screenshot(tech, 'intake-mailbox-hidden');
      // The server's own answer to this department, for the case the page asks anyway.
      const res = await context.request.get(`${server.url}/api/intake/mailbox`);
      refused = { status: res.status(), headers: res.headers(), body: await res.body() };
      expect(refused.status).toBe(403);
    } finally {
      await context.close();
    }

    // A sales page whose request the server refuses (as if sales lost the right): the card goes away
    // quietly instead of showing the refusal.
    const { context: salesContext, page: refusedPage } = await signedInPage(
      browser,
      server.url,
      'sales',
      pageErrors,
      { errorPrefix: 'refused: ' },
    );
    try {
      await refusedPage.route('**/api/intake/mailbox', (route) => route.fulfill(refused));
      const answered = refusedPage.waitForResponse((r) => r.url().endsWith('/api/intake/mailbox'));
      await openIntake(refusedPage, server.url);
      expect((await answered).status()).toBe(403);
      await card(refusedPage).waitFor({ state: 'detached' });
      await refusedPage.waitForTimeout(300);
      await expect(card(refusedPage).count()).resolves.toBe(0);
      await expect(toasts(refusedPage).count()).resolves.toBe(0);
      await expect(refusedPage.getByRole('alert').count()).resolves.toBe(0);
    } finally {
      await salesContext.close();
    }
  }, 60_000);

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!chromiumAvailable())('sales-inbox status with a real IMAP server', () => {
  let imapPort: number;
  let imap: ImapTestServer | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  const status = (): Promise<MailboxStatus> => getMailboxStatus(server!.store.db, server!.config.imap);
  /** Another poll of the same mailbox, as `shixu mailbox poll` makes; the card reads the shared status. */
  const pollNow = () => {
    const { store, config } = server!;
    const files = new FileStore(config.uploadDir);
    return new MailboxPoller({
      store,
      files,
      config: config.imap!,
      enqueue: (id) => new IntakeJobs({ store, files }).enqueue(id),
    }).pollOnce();
  };

  beforeAll(async () => {
    ensureWebBuilt();
    imapPort = await freePort();
    imap = await startImap(imapPort, [
      {
        raw: await mail('询价：控制臂支架', '请报价 MP-202 控制臂支架 800 件，月底前交货。', 'm1'),
        flags: [],
      },
      { raw: await mail('采购订单 PO-0311', '李经理：订单 6061-T6 支架 500 件，请确认。', 'm2'), flags: [] },
    ]);

    server = await startServer({
      SHIXU_IMAP_HOST: '127.0.0.1',
      SHIXU_IMAP_PORT: String(imapPort),
      SHIXU_IMAP_SECURE: 'false',
      SHIXU_IMAP_USER: 'sales',
      SHIXU_IMAP_PASSWORD: 'pw',
      // One poll at start-up; the test makes the later ones, so each state can be looked at in turn.
      SHIXU_IMAP_POLL_SECONDS: '3600',
    });
    // The server polls once as it starts; wait for that poll to be recorded.
    for (let waited = 0; !(await status()).lastSuccessAt; waited += 200) {
      if (waited > 30_000) throw new Error(`no successful poll: ${JSON.stringify(await status())}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    browser = await launchChromium();
    ({ page } = await signedInPage(browser, server!.url, 'sales', pageErrors));
    // The page's clock runs normally but can be moved on, so the 30-s refresh need not be waited for.
    await page.clock.install();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (imap) await stopImap(imap);
  });

  it("shows the server's first poll: mailbox, times and messages taken", async () => {
    const first = await status();
    expect(first).toMatchObject({ lastTaken: 2, messagesTaken: 2, lastError: null });
    await openIntake(page, server!.url);
    await card(page).getByText('正常收取', { exact: true }).waitFor();

    await expect(row(page, '邮箱').textContent()).resolves.toBe(
      `sales@127.0.0.1:${imapPort}/INBOX · 每 3600 秒轮询一次`,
    );
    for (const [label, iso] of [
      ['上次轮询', first.lastPollAt!],
      ['上次成功', first.lastSuccessAt!],
    ] as const) {
      await expect(row(page, label).locator('time').getAttribute('datetime')).resolves.toBe(iso);
      const shown = await row(page, label).textContent();
      expect(shown).toMatch(/^(刚刚|\d+\s*秒钟?前|1\s*分钟前)/);
      expect(shown).toContain(`(${dayjs(iso).format('YYYY-MM-DD HH:mm:ss')})`);
    }
    await expect(row(page, '上次收取').textContent()).resolves.toBe('2 封');
    await expect(row(page, '累计收取').textContent()).resolves.toBe('2 封');
    await expect(card(page).getByTestId('mailbox-error').count()).resolves.toBe(0);
    // The card sits under the drop zone inside the column, not spilling over what follows.
    const fits = await card(page).evaluate((e) => {
      const own = e.getBoundingClientRect();
      const column = e.parentElement!.getBoundingClientRect();
      const drop = e.previousElementSibling!.getBoundingClientRect();
      return own.bottom <= column.bottom + 0.5 && drop.bottom <= own.top && drop.height > 100;
    });
    expect(fits).toBe(true);
    await screenshot(page, 'intake-mailbox-ok');
  }, 60_000);

  it('refreshes by itself: the mail of a later poll, then its failure in red, in Chinese and English', async () => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: imapPort,
      secure: false,
      auth: { user: 'sales', pass: 'pw' },
      logger: false,
    });
    await client.connect();
    await client.append(
      'INBOX',
      Buffer.from(await mail('补充需求', '包装要求：每箱 50 件，附材质证明。', 'm3'), 'binary'),
    );
    await client.logout();
    expect(await pollNow()).toMatchObject({ taken: 1, error: null });

    // Not asked again yet: the card still shows the first poll …
    await expect(row(page, '累计收取').textContent()).resolves.toBe('2 封');
    // … until its refresh comes round.
    await page.clock.fastForward(31_000);
    await expect.poll(() => row(page, '累计收取').textContent()).toBe('3 封');
    await expect(row(page, '上次收取').textContent()).resolves.toBe('1 封');
    await expect(card(page).getByText('正常收取', { exact: true }).count()).resolves.toBe(1);

    // The mail server goes away: the next poll fails and says why.
    await stopImap(imap!);
    imap = undefined;
    expect((await pollNow()).error).toMatchObject({ code: 'connect' });
    const failed = await status();
    expect(failed.lastSuccessAt).not.toBe(failed.lastPollAt);

    await page.clock.fastForward(31_000);
    await card(page).getByText('收取出错', { exact: true }).waitFor();
    const error = card(page).getByTestId('mailbox-error');
    const message = error.getByText(/无法连接邮件服务器/);
    await expect(message.textContent()).resolves.toBe(failed.lastError!.zh);
    // Red: the theme's error colour (#cf1322), dark enough for AA contrast.
    const colour = (e: unknown) =>
      (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(e)
        .color;
    await expect(message.evaluate(colour)).resolves.toBe('rgb(207, 19, 34)');
    await expect(error.locator('time').getAttribute('datetime')).resolves.toBe(failed.lastPollAt);
    expect(await error.textContent()).toMatch(/发生于\s*(刚刚|\d+\s*秒钟?前|1\s*分钟前)/);
    // The last success stays what it was; the failed poll took nothing.
    await expect(row(page, '上次成功').locator('time').getAttribute('datetime')).resolves.toBe(
      failed.lastSuccessAt,
    );
    await expect(row(page, '上次收取').textContent()).resolves.toBe('0 封');
    await expect(row(page, '累计收取').textContent()).resolves.toBe('3 封');
    await expect(toasts(page).count()).resolves.toBe(0);

    await page.mouse.move(0, 0);
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await screenshot(page, 'intake-mailbox-error');

    await page.getByRole('button', { name: /切换语言/ }).click();
    await card(page).getByText('Failing', { exact: true }).waitFor();
    await expect(error.getByText(/Cannot connect to the mail server/).textContent()).resolves.toBe(
      failed.lastError!.en,
    );
    expect(await error.textContent()).toMatch(/at\s*(just now|\d+ seconds? ago|1 minute ago)/);
    await expect(row(page, 'Messages taken in total').textContent()).resolves.toBe('3');
    await page.getByRole('button', { name: /Switch language/ }).click();
    await card(page).getByText('收取出错', { exact: true }).waitFor();
  }, 90_000);

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
