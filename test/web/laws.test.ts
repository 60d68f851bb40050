// The laws and regulations register page in Chromium against the real server with the demo
// register: quality registers an entry through the form (a missing scope is marked before anything
// is sent), finds it with the search, and production confirms it for its department, which the
// entry then shows. axe-core finds nothing serious on the page.
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

describe.skipIf(!chromiumAvailable())('laws and regulations register page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  browserSuite(async (s, b) => {
    server = s;
    browser = b;
    ({ page } = await signedInPage(browser, server.url, 'quality', pageErrors));
  });

  const rowOf = (p: Page, text: string) => p.getByTestId('laws-table').locator('tbody tr', { hasText: text });

  it('lists the demo register with the review-due tags, from the menu', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByText('法律法规').click();
    await page.getByRole('heading', { name: '法律法规清单' }).waitFor();
    await rowOf(page, '2011/65/EU').waitFor();
    await expect(rowOf(page, '2011/65/EU').textContent()).resolves.toContain('已过复核日期');
    await expect(rowOf(page, '(EC) No 1907/2006').textContent()).resolves.toContain('待复核');
    // The superseded edition is not in the current list.
    expect(await rowOf(page, 'GB/T 6892-2015').count()).toBe(0);
  });

  it('creates an entry through the form and finds it in the list', async () => {
    await page.getByRole('button', { name: '登记法规' }).click();
    const dialog = page.getByRole('dialog', { name: '登记法律法规' });
    const form = dialog.getByTestId('law-form');
    await form.getByLabel('名称').fill('铝及铝合金阳极氧化膜与有机聚合物膜');
    await form.getByLabel('文号/标准号').fill('GB/T 8013.1-2018');
    await form.getByLabel('发布机构').fill('国家市场监督管理总局、国家标准化管理委员会');
    await form.getByLabel('主要义务').fill('阳极氧化膜厚与封孔质量按标准检验。');
    await selectOption(page, form.getByLabel('责任部门'), '生产部');
    await form.getByLabel('复核日期').fill('2027-06-30');
    await form.getByLabel('复核日期').press('Enter');
    // No scope yet: the form says so before anything reaches the server.
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('请选择产品类别或过程，或选“适用全部产品”').waitFor();
    await selectOption(page, form.getByLabel('过程'), '阳极氧化');
    await selectOption(page, form.getByLabel('产品类别'), '建筑铝型材');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByLabel('搜索名称、文号、发布机构或义务').fill('8013');
    await page.getByLabel('搜索名称、文号、发布机构或义务').press('Enter');
    const row = rowOf(page, 'GB/T 8013.1-2018');
    await row.waitFor();
    await expect(page.getByTestId('laws-table').locator('tbody tr.ant-table-row').count()).resolves.toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('铝及铝合金阳极氧化膜与有机聚合物膜');
    expect(text).toContain('阳极氧化');
    expect(text).toContain('建筑铝型材');
    expect(text).toContain('现行');
    const stored = await server.store.db
      .selectFrom('laws')
      .select(['departments', 'review_due'])
      .where('number', '=', 'GB/T 8013.1-2018')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ departments: '["production"]', review_due: '2027-06-30' });
    await page.mouse.move(0, 0);
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await screenshot(page, 'laws-register');
  });

  it('lets production confirm the entry for its department', async () => {
    const { context, page: p } = await signedInPage(browser, server.url, 'production', pageErrors);
    try {
      await p.goto(`${server.url}/laws`);
      await p.getByLabel('搜索名称、文号、发布机构或义务').fill('8013');
      await p.getByLabel('搜索名称、文号、发布机构或义务').press('Enter');
      const row = rowOf(p, 'GB/T 8013.1-2018');
      await row.waitFor();
      // Production does not keep the register: no edit buttons, only its confirmation.
      expect(await p.getByRole('button', { name: '登记法规' }).count()).toBe(0);
      await expect(row.getByTestId('confirm-production').textContent()).resolves.toBe('生产部');
      await row.getByRole('button', { name: '确认已阅读' }).click();
      await row.getByRole('button', { name: '本部门已确认' }).waitFor();
      await expect(row.getByTestId('confirm-production').textContent()).resolves.toBe('生产部 ✓');
    } finally {
      await context.close();
    }
    expect(pageErrors).toEqual([]);
  });
});
