// Changing one's own password from the user menu in a real browser: the server's refusal appears on
// the field it concerns (a wrong current password, the policy rule a new one breaks), a good change
// keeps this page signed in and ends the user's session elsewhere; production's menu is the one the
// permission matrix gives it.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { browserSuite, chromiumAvailable, signedInPage, type TestServer } from './harness.js';

describe.skipIf(!chromiumAvailable())('changing one’s password in Chromium', () => {
  let server: TestServer;
  let page: Page;
  let elsewhere: BrowserContext;
  const pageErrors: string[] = [];

  browserSuite(async (s, b: Browser) => {
    server = s;
    ({ page } = await signedInPage(b, server.url, 'production', pageErrors));
    ({ context: elsewhere } = await signedInPage(b, server.url, 'production', pageErrors));
  });

  it('shows production the menu of its work only', async () => {
    const text = (await page.getByRole('navigation', { name: '主导航' }).textContent()) ?? '';
    for (const item of ['工作台', '合同台账', '产品目录']) expect(text).toContain(item);
    for (const item of ['需求录入', '客户', '规则', '驾驶舱']) expect(text).not.toContain(item);
  }, 60_000);

  it('names the wrong field, then changes the password and ends the other session', async () => {
    await page.getByRole('button', { name: /孙主管/ }).hover();
    await page.getByRole('menuitem', { name: /修改密码/ }).click();
    const dialog = page.getByRole('dialog', { name: '修改密码' });
    await dialog.waitFor();
    await dialog.getByLabel('当前密码').fill('not-my-password');
    await dialog.getByLabel('新密码', { exact: true }).fill('Line-Six-Shift-2026');
    await dialog.getByLabel('再次输入新密码').fill('Line-Six-Shift-2026');
    await dialog.getByRole('button', { name: /修\s*改/ }).click();
    await expect(dialog.getByText(/当前密码不正确/).textContent()).resolves.toContain('当前密码不正确');

    await dialog.getByLabel('当前密码').fill(DEMO_PASSWORD);
    await dialog.getByLabel('新密码', { exact: true }).fill('password123');
    await dialog.getByLabel('再次输入新密码').fill('password123');
    await dialog.getByRole('button', { name: /修\s*改/ }).click();
    await expect(dialog.getByText(/常见密码/).textContent()).resolves.toContain('常见密码');

    await dialog.getByLabel('新密码', { exact: true }).fill('Line-Six-Shift-2026');
    await dialog.getByLabel('再次输入新密码').fill('Line-Six-Shift-2026');
    await dialog.getByRole('button', { name: /修\s*改/ }).click();
    await page.getByText(/密码已修改/).waitFor();
    await dialog.waitFor({ state: 'hidden' });

    // This page is still signed in; the other browser's session has ended.
    const me = await page.request.get(`${server.url}/api/auth/me`);
    expect(me.status()).toBe(200);
    const other = await elsewhere.request.get(`${server.url}/api/auth/me`);
    expect(other.status()).toBe(401);
  }, 90_000);

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
