// The users and roles page in Chromium against the real server with the demo company: the
// administrator opens it from the settings page, creates a user (a common password is refused on
// the password field in Chinese before anything is stored), finds the user with the search, then
// deactivates and reactivates the account — and the account really is off, then on, at the server.
// The general manager is not offered the page. axe-core finds nothing serious.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  chromiumAvailable,
  screenshot,
  selectOption,
  seriousViolations,
  signedInPage,
  type TestServer,
} from './harness.js';

const PASSWORD = 'Anodising-line-2026';

describe.skipIf(!chromiumAvailable())('users and roles page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  browserSuite(async (s, b) => {
    server = s;
    browser = b;
    ({ page } = await signedInPage(browser, server.url, 'admin', pageErrors));
  });

  const table = () => page.getByTestId('users-table');
  const rowOf = (username: string) => table().locator('tbody tr', { hasText: username });
  const active = async (username: string) =>
    Number(
      (
        await server.store.db
          .selectFrom('users')
          .select('active')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).active,
    );
  // Outside the browser, so the administrator's session in it stays his.
  const signsIn = async (username: string) =>
    (
      await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      })
    ).status;

  it('is opened from the settings page and lists the demo users with their departments', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByText('系统设置').click();
    await page.getByRole('link', { name: '用户与角色' }).click();
    await page.getByRole('heading', { level: 1, name: '用户与角色' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/users');
    await rowOf('quality').waitFor();
    expect(await rowOf('quality').textContent()).toContain('质量部');
  });

  it('creates a user: a common password is refused on its field, a good one creates the account', async () => {
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    const form = dialog.getByTestId('user-form');
    await form.getByLabel('用户名').fill('zhou.yang');
    await form.getByLabel('姓名').fill('周扬');
    await selectOption(page, form.getByLabel('部门（角色）'), '生产部');
    // The department's list holds 质量部 too: let it finish closing before the deputy's opens.
    await expect
      .poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count())
      .toBe(0);
    await selectOption(page, form.getByLabel('代理部门'), '质量部');
    await form.getByLabel('初始密码').fill('password123');
    await form.getByLabel('再次输入密码').fill('password123');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('这是常见密码（或常见密码加数字），很容易被猜中').waitFor();
    expect(
      await server.store.db.selectFrom('users').select('id').where('username', '=', 'zhou.yang').execute(),
    ).toEqual([]);

    await form.getByLabel('初始密码').fill(PASSWORD);
    await form.getByLabel('再次输入密码').fill(PASSWORD);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByLabel('搜索用户（用户名、姓名或邮箱）').fill('zhou');
    await page.getByLabel('搜索用户（用户名、姓名或邮箱）').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === 'zhou');
    const row = rowOf('zhou.yang');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('周扬');
    expect(text).toContain('生产部');
    expect(text).toContain('质量部');
    expect(text).toContain('在用');
    expect(text).toContain('从未登录');
    expect(await table().locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await signsIn('zhou.yang')).toBe(200);
  });

  it('deactivates the user after a confirmation and reactivates the account', async () => {
    const row = rowOf('zhou.yang');
    await row.getByRole('button', { name: /停\s*用/ }).click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /停\s*用/ })
      .click();
    await row.getByText('已停用').waitFor();
    expect(await active('zhou.yang')).toBe(0);
    expect(await signsIn('zhou.yang')).toBe(401);

    await row.getByRole('button', { name: '重新启用' }).click();
    await row.getByText('在用').waitFor();
    expect(await active('zhou.yang')).toBe(1);
    expect(await signsIn('zhou.yang')).toBe(200);

    await page.mouse.move(0, 0);
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await screenshot(page, 'users-page');
  });

  it('is not offered to the general manager, whom the matrix keeps out of administration', async () => {
    const { context, page: gm } = await signedInPage(browser, server.url, 'gm', pageErrors);
    try {
      await gm.goto(`${server.url}/settings`);
      await gm.getByRole('heading', { level: 1, name: '系统设置' }).waitFor();
      expect(await gm.getByRole('link', { name: '用户与角色' }).count()).toBe(0);
      await gm.goto(`${server.url}/users`);
      await gm.getByText('无权访问').first().waitFor();
    } finally {
      await context.close();
    }
  });

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
