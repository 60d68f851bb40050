// What the user corrects is what is reviewed, in a real browser: sales uploads an order as a file
// with a Chinese name, corrects the unit price in the intake page's order form and opens the
// review; the case page shows the corrected price, the line amount and the total, the message
// inline, and the original downloads under its real name; the record PDF prints the corrected price.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  chromiumAvailable,
  screenshot,
  seriousViolations,
  signedInPage,
  type TestServer,
} from './harness.js';

const FILE_NAME = '粤华订单 2026-11.txt';
const ORDER_MESSAGE =
  '广东粤华门窗幕墙工程有限公司订购6063-T5门窗型材（AL-101）5吨，单价21000元/吨含税，' +
  '要求2027年1月30日前送到佛山工地，需提供材质证明。付款方式：月结30天。';

function pdfToText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-web-order-'));
  try {
    const file = path.join(dir, 'record.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!chromiumAvailable())('the corrected order in Chromium', () => {
  let server: TestServer;
  let page: Page;
  const pageErrors: string[] = [];

  browserSuite(async (s, browser) => {
    server = s;
    ({ page } = await signedInPage(browser, server.url, 'sales', pageErrors));
  });

  it('reviews the unit price as corrected on the intake page and keeps the original under its name', async () => {
    await page.goto(`${server.url}/intake`);
    await page.locator('.ant-upload input[type=file]').setInputFiles({
      name: FILE_NAME,
      mimeType: 'text/plain',
      buffer: Buffer.from(ORDER_MESSAGE),
    });
    await page.getByTestId('annotated-text').waitFor({ timeout: 60_000 });
    const price = page.locator('#order_items_0_unitPrice');
    await expect(price.inputValue()).resolves.toBe('21000');
    // A negative price is stopped on the page, naming the field, before anything is sent.
    await price.fill('-1');
    await page.getByRole('button', { name: '发起合同评审' }).click();
    await page.getByText('单价不能为负数').waitFor();
    expect(page.url()).toMatch(/\/intake\?record=[^&]+$/);
    await price.fill('21500');
    await page.getByRole('button', { name: '发起合同评审' }).click();
    await page.waitForURL(/\/contracts\/[^/]+$/);
    const caseId = decodeURIComponent(page.url().split('/').pop()!);

    const order = page.getByTestId('case-order');
    await order.waitFor();
    await expect(page.getByTestId('unit-price-1').textContent()).resolves.toContain('21,500.00');
    await expect(page.getByTestId('amount-1').textContent()).resolves.toBe('107,500.00');
    await expect(page.getByTestId('order-total').textContent()).resolves.toContain('107,500.00');
    await expect(order.textContent()).resolves.toContain('已按录入页更正');
    await expect(order.textContent()).resolves.toContain('佛山工地');
    await expect(order.textContent()).resolves.toContain('月结30天');
    await order.getByText('更正记录（1 项）').click();
    // The corrected field as a reader names it, with what the analysis read and what replaced it.
    await expect(page.getByTestId('order-corrections').textContent()).resolves.toMatch(
      /第 1 行 · 单价\s*21000\s*21500/,
    );
    await expect(page.getByTestId('original-text').textContent()).resolves.toBe(ORDER_MESSAGE);
    await expect(page.getByTestId('original-text').locator('mark').count()).resolves.toBeGreaterThan(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('original-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe(FILE_NAME);
    expect(fs.readFileSync((await download.path())!, 'utf8')).toBe(ORDER_MESSAGE);

    const pdf = await page.request.get(`${server.url}/api/contracts/${caseId}/record.pdf`);
    expect(pdf.status()).toBe(200);
    const text = pdfToText(await pdf.body());
    expect(text).toContain('21,500.00');
    expect(text).toContain('107,500.00');

    await screenshot(page, 'review-corrected-order');
    await page.mouse.move(0, 0);
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
