// Void and re-sign in a real browser: a regular contract the departments reviewed and the customer
// confirmed (reached through the API, each step in its signer's own session) is voided and
// re-signed on the case page; the page then carries the new revision number (…-R1), the first
// round stays readable on the page under its old number, and the review record PDF lists both.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type APIRequestContext, type Browser, request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { grantReviewTitle } from '../../src/contracts/review-config.js';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { regularOrder } from '../contracts/http-case.js';
import {
  browserSuite,
  chromiumAvailable,
  seriousViolations,
  signedInPage,
  type TestServer,
} from './harness.js';

// A customer the demo company knows: the order stays regular and needs no new-customer review.
const CUSTOMER = '广东粤华门窗幕墙工程有限公司';
const REASON = '客户重新下单，第1行数量改为6000件';

// biome-ignore lint/suspicious/noExplicitAny: a case as the API returns it
type Json = Record<string, any>;

function pdfToText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-web-rounds-'));
  try {
    const file = path.join(dir, 'record.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!chromiumAvailable())('void and re-sign in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  browserSuite(async (s, b) => {
    server = s;
    browser = b;
    // A regular conclusion is signed by a sales manager; the demo salesperson is one here.
    const salesUser = await server.store.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sales')
      .executeTakeFirstOrThrow();
    await grantReviewTitle(server.store.db, salesUser.id, 'sales_manager');
  });

  /** An API session of a demo user; writes name the app's origin, as the page's own fetches do. */
  const sessionOf = async (username: string): Promise<APIRequestContext> => {
    const api = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { origin: server.url } });
    const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
    expect(res.status(), await res.text()).toBe(200);
    return api;
  };
  const call = async (api: APIRequestContext, url: string, data: object): Promise<Json> => {
    const res = await api.post(url, { data });
    expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
    return (await res.json()) as Json;
  };

  /** A regular order taken to the customer's confirmation, each department signing as itself. */
  const confirmedCase = async (): Promise<Json> => {
    const sales = await sessionOf('sales');
    const order = { ...regularOrder(new Date(Date.now() - 3_600_000).toISOString()), customerName: CUSTOMER };
    let c = await call(sales, '/api/contracts', order);
    const url = `/api/contracts/${c.id}`;
    const edits = c.requirements.map((r: { id: string }) => ({ op: 'accept', requirementId: r.id }));
    c = await call(sales, `${url}/requirements`, { edits });
    c = await call(sales, `${url}/requirements/confirm`, {});
    const signers: [string, string][] = [
      ['sales', 'sales'],
      ['technical', 'tech'],
      ['purchasing', 'purchasing'],
      ['production', 'production'],
      ['quality', 'quality'],
    ];
    for (const [department, username] of signers) {
      const own = department === 'sales' ? sales : await sessionOf(username);
      const mine = ((await (await own.get(url)).json()) as Json).myChecklist;
      c = await call(own, `${url}/reviews/sign`, {
        department,
        contractVersion: c.contractVersion,
        answers: Object.fromEntries(mine.items.map((i: { id: string }) => [i.id, 'ok'])),
        outcome: 'can_meet',
      });
      if (own !== sales) await own.dispose();
    }
    c = await call(sales, `${url}/conclusion`, { decision: 'accept', contractVersion: c.contractVersion });
    c = await call(sales, `${url}/feedback-sent`, {
      content: '评审通过，接受订单',
      channel: '电子邮件',
      contact: '陈经理',
    });
    c = await call(sales, `${url}/customer-confirmation`, { reference: 'PO-2027-0108' });
    expect(c.stage).toBe('confirmed');
    await sales.dispose();
    return c;
  };

  it('issues -R1 on the page and keeps the first round readable there and in the record PDF', async () => {
    const first = await confirmedCase();
    expect(first.number).toMatch(/^HT-\d{4}-\d{4}$/);
    const { context, page } = await signedInPage(browser, server.url, 'sales', pageErrors);
    try {
      await page.goto(`${server.url}/contracts/${encodeURIComponent(first.id)}`);
      const heading = page.getByRole('heading', { level: 1 });
      await expect(heading.textContent()).resolves.toBe(`合同评审 ${first.number}`);
      // Nothing to look back on before an amendment.
      await expect(page.getByTestId('review-rounds').count()).resolves.toBe(0);

      await page.getByRole('button', { name: '登记合同变更' }).click();
      const form = page.getByTestId('amendment-form');
      await form.waitFor();
      await form.getByLabel('作废重签', { exact: true }).check();
      await form.getByText('作废原合同并重新签订').waitFor();
      await form.getByLabel(/^第 1 行 铝合金支架 数量/).fill('6000');
      await form.getByLabel('变更原因', { exact: true }).fill(REASON);
      await page.mouse.move(0, 0);
      const violations = await seriousViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await form.getByRole('button', { name: '提交变更' }).click();
      await form.waitFor({ state: 'detached' });

      // The new revision heads the page, and its review starts over.
      const resigned = `${first.number}-R1`;
      await expect.poll(() => heading.textContent()).toBe(`合同评审 ${resigned}`);
      await expect(page.getByTestId('case-stage').textContent()).resolves.toBe('需求确认');

      // The first round as it was: its number, how it ended, who signed, the quantity reviewed then.
      const rounds = page.getByTestId('review-rounds');
      const title = (await rounds.textContent()) ?? '';
      expect(title).toContain(`第 1 轮 · ${first.number}`);
      expect(title).toContain(`因作废重签结束：${REASON}`);
      expect(title).toContain('王销售（销售部）');
      await rounds.getByText(`第 1 轮 · ${first.number}`).click();
      const body = rounds.locator('.ant-collapse-content-active');
      await body.waitFor();
      const earlier = ((await body.textContent()) ?? '').replace(/\s+/g, '');
      expect(earlier).toContain('常规合同');
      expect(earlier).toContain('接受');
      for (const name of ['李工（技术部）', '赵采购（采购部）', '孙主管（生产部）', '周质量（质量部）'])
        expect(earlier).toContain(name);
      expect(earlier).toContain('5,000');
      expect(earlier).not.toContain('6,000');

      // The record the page links to lists both rounds, the first closed by the void-and-re-sign.
      const href = await page.getByTestId('record-pdf').getAttribute('href');
      const pdf = await page.request.get(new URL(href!, server.url).toString());
      expect(pdf.status()).toBe(200);
      const dense = pdfToText(await pdf.body()).replace(/\s+/g, '');
      for (const s of [resigned, first.number, '第1轮', '第2轮', '作废重签', REASON.replace(/\s+/g, '')])
        expect(dense).toContain(s);
      expect(dense).toContain('92,500.00');
      expect(dense).toContain('111,000.00');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
