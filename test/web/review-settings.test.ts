// The review policy page in a real browser against the real server: the administrator sees the
// built-in default, a reminder after the budget is refused with the server's Chinese message
// naming the field, the corrected policy is saved as version 1 and takes effect; the general
// manager reads it without a way to change it; the page passes axe.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { getReviewPolicy } from '../../src/contracts/review-policy.js';
import {
  browserSuite,
  chromiumAvailable,
  screenshot,
  seriousViolations,
  signedInPage,
  type TestServer,
} from './harness.js';

describe.skipIf(!chromiumAvailable())('review policy settings in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  browserSuite(async (s, b) => {
    server = s;
    browser = b;
    ({ page } = await signedInPage(browser, server.url, 'admin', pageErrors));
  });

  it('shows the administrator the default policy and what a change affects', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByText('系统设置').click();
    await page.getByTestId('policy-version').getByText('内置默认策略').waitFor();
    await page.getByText('尚未反馈客户的案件按新策略重算提醒、升级和反馈期限').waitFor();
    await expect(page.getByLabel('反馈时限（小时）', { exact: true }).inputValue()).resolves.toBe('48');
    await page.getByTestId('mail-outbox').getByText('没有未发出的邮件').waitFor();
  }, 60_000);

  it('refuses a reminder after the budget with the field named, then saves the corrected policy', async () => {
    const budget = page.getByLabel('反馈时限（小时）', { exact: true });
    await budget.fill('36');
    await page.getByRole('button', { name: '保存策略' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '提醒时间 40 小时必须早于反馈时限 36 小时' });
    await alert.waitFor();
    expect((await getReviewPolicy(server.store.db)).version).toBe(0);

    // Remove the 40-h reminder tag and save again.
    await page
      .locator('.ant-select-selection-item', { hasText: /^40$/ })
      .locator('.ant-select-selection-item-remove')
      .click();
    await page.getByRole('button', { name: '保存策略' }).click();
    await page
      .getByTestId('policy-version')
      .getByText(/第 1 版/)
      .waitFor();
    const stored = await getReviewPolicy(server.store.db);
    expect(stored.version).toBe(1);
    expect(stored.policy.clock).toMatchObject({ budgetHours: 36, reminderHours: [24] });

    await page.mouse.move(0, 0); // a hovered button is not what axe should judge
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await screenshot(page, 'settings-review-policy');
  }, 90_000);

  it('shows the routing table and saves a new large-order tonnage, keeping the policy form current', async () => {
    const routing = page.getByTestId('review-routing');
    await routing.getByText('评审方式：评审会（总经理与各部门负责人）').waitFor();
    const tonnes = routing.getByLabel('大批量订单（吨，≥）', { exact: true });
    await expect(tonnes.inputValue()).resolves.toBe('100');
    await tonnes.fill('80');
    await routing.getByRole('button', { name: '保存路由表' }).click();
    await page.getByText('路由表已保存（评审策略第 2 版）').waitFor();
    const stored = await getReviewPolicy(server.store.db);
    expect(stored.version).toBe(2);
    expect(stored.policy.routing?.largeOrderTonnes).toBe(80);
    // The policy form reloaded with the new version: saving it is not refused as stale.
    await page
      .getByTestId('policy-version')
      .getByText(/第 2 版/)
      .waitFor();
    await page.getByRole('button', { name: '保存策略' }).click();
    await page
      .getByTestId('policy-version')
      .getByText(/第 3 版/)
      .waitFor();
    expect((await getReviewPolicy(server.store.db)).policy.routing?.largeOrderTonnes).toBe(80);
    await page.mouse.move(0, 0);
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }, 90_000);

  it('lets the general manager read the policy but not change it', async () => {
    const { context, page: gm } = await signedInPage(browser, server.url, 'gm', pageErrors);
    try {
      await gm.goto(`${server.url}/settings`);
      await gm.getByText('仅系统管理员可修改评审策略。').waitFor();
      await expect(gm.getByLabel('反馈时限（小时）', { exact: true }).inputValue()).resolves.toBe('36');
      await expect(gm.getByLabel('反馈时限（小时）', { exact: true }).isDisabled()).resolves.toBe(true);
      await expect(gm.getByRole('button', { name: '保存策略' }).count()).resolves.toBe(0);
      await expect(gm.getByRole('button', { name: '保存路由表' }).count()).resolves.toBe(0);
      await expect(
        gm.getByTestId('review-routing').getByLabel('大批量订单（吨，≥）', { exact: true }).isDisabled(),
      ).resolves.toBe(true);
      await expect(gm.getByTestId('mail-outbox').count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
