// A new customer found in a pasted message, in Chromium against the real server: the intake result
// shows the proposal as a banner with the message's contact; one click by sales creates the
// customer, and it is then in the customer list with that contact. The page stays accessible.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  chromiumAvailable,
  screenshot,
  seriousViolations,
  signedInPage,
  type TestServer,
} from './harness.js';

const NEW_CUSTOMER = '常州新锐电机有限公司';
const MESSAGE = [
  `您好，我是${NEW_CUSTOMER}采购部的王磊。`,
  '我司需要订购6063-T5门窗型材共 5 吨，2026年12月30日前交货到常州工厂。',
  '联系人：王磊，电话 13812345678，邮箱 wanglei@xinrui-motor.cn',
].join('\n');

describe.skipIf(!chromiumAvailable())('a new customer from an intake message in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  browserSuite(async (s, b) => {
    server = s;
    browser = b;
    ({ page } = await signedInPage(browser, server.url, 'sales', pageErrors));
  });

  it('confirms the proposed customer with one click and finds it in the customer list', async () => {
    await page.goto(`${server.url}/intake`);
    await page.getByLabel('客户消息').fill(MESSAGE);
    await page.getByRole('button', { name: /分\s*析/ }).click();
    const banner = page.getByTestId('new-customer-banner');
    await banner.waitFor({ timeout: 60_000 });
    await expect(banner.textContent()).resolves.toContain(`发现新客户：${NEW_CUSTOMER}`);
    await expect(banner.textContent()).resolves.toContain('13812345678');
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await screenshot(page, 'new-customer-banner');

    await banner.getByRole('button', { name: '确认建为新客户' }).click();
    await page.getByText(`已新建客户 ${NEW_CUSTOMER} 并关联`).waitFor();
    await banner.waitFor({ state: 'detached' });

    await page.goto(`${server.url}/customers`);
    await page.getByLabel('搜索客户').fill('新锐');
    await page.getByLabel('搜索客户').press('Enter');
    await page.getByRole('button', { name: NEW_CUSTOMER }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('wanglei@xinrui-motor.cn').waitFor();
    await expect(drawer.textContent()).resolves.toContain('王磊');
    await screenshot(page, 'new-customer-profile');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
