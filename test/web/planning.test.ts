// Requirement planning in Chromium against the real server with the demo data: engineering opens a
// case's planning card, sees the requirements by priority, rates one up to the top, plans it for
// purchasing and marks it for a supplier; purchasing finds the plan item among its to-dos and on the
// plan page (reached from the workbench), then records the requirement as passed to the supplier.
// axe-core finds nothing serious on the plan page.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { manualOrder } from '../contracts/support.js';
import {
  browserSuite,
  chromiumAvailable,
  screenshot,
  selectOption,
  seriousViolations,
  signedInPage,
  type TestServer,
} from './harness.js';

describe.skipIf(!chromiumAvailable())('requirement planning in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let tech: Page;
  let caseId = '';
  const pageErrors: string[] = [];

  browserSuite(async (s, b) => {
    server = s;
    browser = b;
    const { page: sales } = await signedInPage(browser, server.url, 'sales', pageErrors);
    const headers = { origin: server.url };
    const post = async (url: string, data: object) => {
      const res = await sales.request.post(`${server.url}${url}`, { data, headers });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return (await res.json()) as { id: string; requirements: { id: string }[] };
    };
    const c = await post(
      '/api/contracts',
      manualOrder('regular', ['sales', 'technical', 'purchasing', 'production', 'quality'], {
        receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      }),
    );
    caseId = c.id;
    await post(`/api/contracts/${c.id}/requirements`, {
      edits: c.requirements.map((r) => ({ op: 'accept', requirementId: r.id })),
    });
    await sales.context().close();
    ({ page: tech } = await signedInPage(browser, server.url, 'tech', pageErrors, { errorPrefix: 'tech: ' }));
  });

  const card = (p: Page) => p.getByTestId('case-planning');
  const order = async (p: Page) =>
    card(p)
      .locator('tbody tr td:first-child')
      .evaluateAll((cells) => cells.map((c) => c.textContent ?? ''));

  it('shows the requirements by priority and re-sorts them when one is rated', async () => {
    await tech.goto(`${server.url}/contracts/${caseId}#planning`);
    await card(tech).getByTestId('priority-R1').waitFor();
    // The special, urgent tolerance first (2×3 + 2×3 − 3); the others tie at 8 in their order.
    const ours = async () => (await order(tech)).filter((id) => ['R1', 'R2', 'R3', 'R4'].includes(id));
    await expect(ours()).resolves.toEqual(['R1', 'R2', 'R3', 'R4']);
    await expect(card(tech).getByTestId('priority-R1').textContent()).resolves.toBe('高 · 9');

    await card(tech).getByRole('button', { name: '评定 R4' }).click();
    const dialog = tech.getByRole('dialog', { name: '评定需求 R4 的优先级' });
    const factor = (name: string) => dialog.locator('.ant-form-item', { hasText: name });
    await factor('紧急性').getByText('高').click();
    await factor('重要性').getByText('高').click();
    await factor('成本').getByText('低').click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await tech.waitForFunction(
      () =>
        (
          globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }
        ).document
          .querySelector('[data-testid="priority-R4"]')
          ?.textContent.includes('11') ?? false,
    );
    await expect(ours()).resolves.toEqual(['R4', 'R1', 'R2', 'R3']);
    await expect(order(tech).then((o) => o[0])).resolves.toBe('R4');
    await expect(card(tech).textContent()).resolves.toContain('李工（技术部） 评定');
  });

  it('plans the requirement for purchasing and marks it for a supplier', async () => {
    await card(tech).getByRole('button', { name: '列入计划 R4' }).click();
    const dialog = tech.getByRole('dialog', { name: '列入计划：R4' });
    await selectOption(tech, dialog.getByLabel('负责人'), '赵采购（采购部）');
    await dialog.getByLabel('截止日期').fill('2030-01-15');
    await dialog.getByLabel('截止日期').press('Enter');
    await dialog.getByLabel('生产计划号/设计任务').fill('SC-2030-007');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(card(tech).getByTestId('plan-R4').textContent()).resolves.toBe('已计划');

    await card(tech).getByRole('button', { name: '传递给供方 R4' }).click();
    const mark = tech.getByRole('dialog', { name: '需求 R4 须传递给哪个供方？' });
    await mark.getByLabel('供方名称').fill('南通铝业有限公司');
    await mark.getByLabel('说明（例如须传递的具体要求）').fill('材质证明随货');
    await mark.getByRole('button', { name: /保\s*存/ }).click();
    await mark.waitFor({ state: 'detached' });
    await expect(card(tech).textContent()).resolves.toContain('南通铝业有限公司 · 待传递');
    await screenshot(tech, 'case-planning');
  });

  it('gives purchasing the to-do, the plan page and the pass-on to record', async () => {
    const { page } = await signedInPage(browser, server.url, 'purchasing', pageErrors, {
      errorPrefix: 'purchasing: ',
    });
    await page.getByText('完成需求计划项').first().waitFor();
    await page.getByRole('button', { name: '需求计划', exact: true }).click();
    await page.getByRole('heading', { name: '需求计划与传递' }).waitFor();
    const row = page.getByTestId('plans-table').locator('tbody tr', { hasText: 'SC-2030-007' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('赵采购（采购部）');
    await expect(row.textContent()).resolves.toContain('2030-01-15');
    await expect(row.getByTestId('plan-state').textContent()).resolves.toBe('已计划');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: '传递给供方' }).click();
    const supplierRow = page
      .getByTestId('supplier-table')
      .locator('tbody tr', { hasText: '南通铝业有限公司' });
    await supplierRow.waitFor();
    await supplierRow.getByRole('button', { name: /^登记已传递/ }).click();
    const dialog = page.getByRole('dialog', { name: '登记已传递给 南通铝业有限公司' });
    await dialog.getByLabel('传递方式/说明').fill('随采购订单发出');
    await dialog.getByRole('button', { name: /登记已传递/ }).click();
    await dialog.waitFor({ state: 'detached' });
    // The list shows what is still pending: the recorded one has left it.
    await expect(page.getByTestId('supplier-summary').textContent()).resolves.toContain(
      '待传递 0 · 已传递 1',
    );
    await screenshot(page, 'plans-suppliers');
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
