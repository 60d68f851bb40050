// The 审计日志 page in Chromium against the real server with the demo company: quality reads the trail
// with names (people, actions, objects) in Chinese, filters it by action on the server, verifies the
// chain and is told it is intact — and, once a row is doctored, which entry breaks it. The page is off
// the top menu: quality opens it from the dashboard, the administrator from the settings page; sales
// is offered it nowhere and is refused at the address.
import { sql } from 'kysely';
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

describe.skipIf(!chromiumAvailable())('audit trail page', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  browserSuite(async (s, b) => {
    server = s;
    browser = b;
    ({ page } = await signedInPage(browser, server.url, 'quality', pageErrors));
  });

  const table = () => page.getByTestId('audit-table');

  it('lists the trail in Chinese with names, filters it by action and verifies the chain', async () => {
    // Off the top menu: quality opens it from the dashboard, which stays highlighted.
    expect(await page.getByRole('menuitem', { name: '审计日志' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: '驾驶舱' }).click();
    await page.getByRole('main').getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    expect(await page.locator('.ant-menu-item-selected').textContent()).toContain('驾驶舱');
    await table().locator('tbody tr.ant-table-row').first().waitFor();
    // Quality's own sign-in is the newest entry, by name and in Chinese.
    const first = table().locator('tbody tr.ant-table-row').first();
    await expect.poll(() => first.innerText()).toContain('登录');
    expect(await first.innerText()).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/);
    expect(await first.innerText()).toContain('质量部');
    expect(await first.innerText()).not.toContain('user.login');

    await page.getByRole('combobox', { name: '操作', exact: true }).click();
    await page.keyboard.type('新增用户');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await table().locator('tbody tr.ant-table-row').allInnerTexts()).join('\n'))
      .not.toContain('登录');
    const rows = await table().locator('tbody tr.ant-table-row').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.includes('新增用户') && r.includes('系统（演示数据）'))).toBe(true);

    await page.getByRole('button', { name: '校验完整性' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/审计链完整：已校验 \d+ 条记录/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'audit-trail-zh');

    // Someone lifts the triggers and doctors one row: the button names it.
    const db = server.store.db;
    const target = await db
      .selectFrom('audit_log')
      .select(['id'])
      .where('action', '=', 'user.created')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await sql`DROP TRIGGER IF EXISTS audit_log_no_update`.execute(db);
    await sql`UPDATE audit_log SET after = '{"department":"admin"}' WHERE id = ${target.id}`.execute(db);
    await page.getByRole('button', { name: '校验完整性' }).click();
    await expect
      .poll(() => page.getByRole('status').innerText())
      .toContain(`审计链在第 ${target.id} 条记录处断开`);
    expect(await page.getByRole('status').innerText()).toContain('内容与哈希不符');
    expect(pageErrors).toEqual([]);
  });

  it('opens for the administrator from the settings page', async () => {
    const { context, page: admin } = await signedInPage(browser, server.url, 'admin', pageErrors);
    await admin.getByRole('menuitem', { name: '系统设置' }).click();
    await admin.getByRole('heading', { name: '系统设置' }).waitFor();
    await admin.getByRole('main').getByRole('link', { name: '审计日志' }).click();
    await admin.getByRole('heading', { name: '审计日志' }).waitFor();
    await admin.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();
    await context.close();
  });

  it('is offered to neither the sales menu nor its dashboard, and refused at its address', async () => {
    const { context, page: sales } = await signedInPage(browser, server.url, 'sales', pageErrors);
    await sales.getByRole('menuitem', { name: '合同台账' }).waitFor();
    expect(await sales.getByRole('menuitem', { name: '审计日志' }).count()).toBe(0);
    await sales.getByRole('menuitem', { name: '驾驶舱' }).click();
    await sales.getByRole('heading', { name: '驾驶舱' }).waitFor();
    expect(await sales.getByRole('link', { name: '审计日志' }).count()).toBe(0);
    await sales.goto(`${server.url}/audit`);
    await sales.getByText('您所在的部门无权访问此页面').waitFor();
    await context.close();
  });
});
