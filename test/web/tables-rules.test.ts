// Tables that sort and remember, and rules edited as a form, in Chromium against the real server.
// Ledger: a click on 金额 sorts on the server; sort, page, page size and keyword live in the
// address, so reload and Back show the same rows; amounts carry separators and the currency.
// Rules: the weight threshold of 大批量急单 changed from 100 吨 to 80 吨 in the form (the comparison
// shown as ≥, the value with its unit) carries the title and explanation along (≥80吨), is saved as
// the condition's value, and the "高级: JSON" tab explains a parse error in Chinese.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openContractCase } from '../../src/contracts/case-repository.js';
import { loadReviewConfig } from '../../src/contracts/review-config.js';
import {
  browserSuite,
  chromiumAvailable,
  screenshot,
  seriousViolations,
  signedInPage,
  type TestServer,
} from './harness.js';

const CUSTOMERS = ['江苏恒驰汽车零部件有限公司', '宁波凯途新能源科技有限公司', '江苏恒驰汽车零部件有限公司'];
const PRICES = [86.5, 9.8, 23.4];
const LARGE = 'special.large_urgent_order';

describe.skipIf(!chromiumAvailable())('sorting, address state and the rule form in Chromium', () => {
  let server: TestServer;
  let page: Page;
  const pageErrors: string[] = [];

  browserSuite(async (s, browser: Browser) => {
    server = s;
    const { db } = server.store;
    const sales = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sales')
      .executeTakeFirstOrThrow();
    for (const [i, customerName] of CUSTOMERS.entries()) {
      const at = new Date(Date.now() - (30 - i * 10) * 3_600_000);
      await openContractCase(
        db,
        {
          customerName,
          contractClass: 'regular',
          receivedAt: at.toISOString(),
          items: [
            {
              line: 1,
              product: '前防撞梁总成',
              catalogCode: null,
              model: null,
              // 500 × 86.50 = 43,250.00; × 9.80 = 4,900.00; × 23.40 = 11,700.00
              quantity: { value: 500, unit: '件' },
              unitPrice: { amount: PRICES[i]!, currency: 'CNY', per: '件', taxIncluded: true },
              material: '6082-T6',
              tolerance: null,
              drawing: null,
              packaging: null,
            },
          ],
          delivery: { date: '2027-01-20', place: '常州', terms: null },
          paymentTerms: '月结60天',
          requirements: [],
        },
        { actor: { id: sales.id, department: 'sales' }, now: at, config: await loadReviewConfig(db) },
      );
    }
    ({ page } = await signedInPage(browser, server.url, 'quality', pageErrors));
  });

  const rows = () => page.locator('main .ant-table-tbody tr.ant-table-row');
  const amounts = async () =>
    (await rows().locator('td.ant-table-cell').allTextContents()).filter((x) => /¥[\d,]+\.\d{2}/.test(x));
  const amountHeader = () => page.locator('th', { hasText: '金额' });

  it('sorts the ledger on the server and keeps sort, page, size and keyword in the address', async () => {
    // The page size comes from the address too (a shared link keeps it).
    await page.goto(`${server.url}/ledger?pageSize=2`);
    await expect.poll(() => rows().count()).toBe(2);
    await amountHeader().click();
    await expect.poll(() => page.url()).toContain('sort=totalAmount');
    await expect.poll(() => page.url()).toContain('order=asc');
    await expect.poll(amounts).toEqual(['¥4,900.00', '¥11,700.00']);
    await expect(amountHeader().getAttribute('aria-sort')).resolves.toBe('ascending');

    // Page 2 of the sorted ledger: in the address, kept by a reload.
    await page.locator('.ant-pagination-item-2').click();
    await expect.poll(() => page.url()).toContain('page=2');
    await expect.poll(amounts).toEqual(['¥43,250.00']);
    await page.reload();
    await expect.poll(amounts).toEqual(['¥43,250.00']);
    await expect(amountHeader().getAttribute('aria-sort')).resolves.toBe('ascending');
    await expect(page.locator('.ant-pagination-item-active').textContent()).resolves.toBe('2');

    // Back: page 1 of the same sort again.
    await page.goBack();
    await expect.poll(() => page.url()).not.toContain('page=2');
    await expect.poll(amounts).toEqual(['¥4,900.00', '¥11,700.00']);

    // Descending, then a keyword: both in the address, both restored by a reload.
    await amountHeader().click();
    await expect.poll(() => page.url()).toContain('order=desc');
    await expect.poll(amounts).toEqual(['¥43,250.00', '¥11,700.00']);
    await page.getByLabel('搜索合同').fill('恒驰');
    await page.getByLabel('搜索合同').press('Enter');
    await expect.poll(() => decodeURIComponent(page.url())).toContain('q=恒驰');
    await expect.poll(amounts).toEqual(['¥43,250.00', '¥11,700.00']);
    await page.reload();
    await expect.poll(amounts).toEqual(['¥43,250.00', '¥11,700.00']);
    await expect(page.getByLabel('搜索合同').inputValue()).resolves.toBe('恒驰');
    await expect(amountHeader().getAttribute('aria-sort')).resolves.toBe('descending');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'ledger-sorted-address');
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }, 120_000);

  it('edits the weight threshold in the rule form and the title follows it', async () => {
    await page.goto(`${server.url}/rules`);
    const card = page.locator('.ant-card', { hasText: '大批量急单' }).first();
    await card.waitFor();
    // The card reads as signs and units, codes as their Chinese names.
    await expect.poll(() => card.textContent()).toContain('订单总重（吨） ≥ 100 吨');
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).not.toContain('orderToReview');
    expect(cardText).toContain('消息含待评审的订单内容');

    await card.getByRole('button', { name: /编\s*辑/ }).click();
    const editor = page.getByRole('dialog');
    const weight = editor.getByLabel('订单总重（吨）的值');
    await weight.waitFor();
    await expect(weight.inputValue()).resolves.toBe('100');
    // The comparison in words and signs, the unit beside the value.
    await expect(editor.getByTestId('rule-form').textContent()).resolves.toContain('≥（大于等于）');
    await expect(editor.getByTestId('rule-form').textContent()).resolves.toContain('吨');

    await weight.fill('80');
    await expect
      .poll(() => editor.getByLabel('规则名称').inputValue())
      .toBe('大批量急单（≥80吨且交期≤30天）');
    await expect(editor.getByLabel('说明模板').inputValue()).resolves.toBe(
      '总重 {{totalWeightTonnes}} 吨 ≥ 80 吨，交期 {{deliveryDays}} 天 ≤ 30 天',
    );

    // The JSON is kept for experts; a parse error is explained in Chinese and keeps them there.
    await editor.getByRole('tab', { name: '高级: JSON' }).click();
    const json = editor.getByLabel('规则定义 (JSON)');
    expect(JSON.parse(await json.inputValue()).conditions.all[1].value).toBe(80);
    const good = await json.inputValue();
    await json.fill(good.replace('"priority"', '"priority" 50,'));
    await editor.getByRole('tab', { name: '表单' }).click();
    const alert = editor.getByRole('alert');
    await alert.waitFor();
    const problem = (await alert.textContent()) ?? '';
    expect(problem).toMatch(/JSON 格式错误（第 \d+ 行第 \d+ 列附近）：/);
    expect(problem).not.toMatch(/Unexpected|Expected|position/);
    await json.fill(good);
    await editor.getByRole('tab', { name: '表单' }).click();
    await alert.waitFor({ state: 'hidden' });
    await editor.getByLabel('修改说明').fill('急单门槛降到 80 吨');
    await screenshot(page, 'rules-form');
    await editor.getByRole('button', { name: /保\s*存/ }).click();
    await editor.waitFor({ state: 'hidden' });

    await expect.poll(() => card.textContent()).toContain('大批量急单（≥80吨且交期≤30天）');
    await expect(card.textContent()).resolves.toContain('订单总重（吨） ≥ 80 吨');
    const stored = await page.evaluate(async (id) => {
      const r = await fetch(`/api/rules/${encodeURIComponent(id)}`);
      return (await r.json()) as {
        version: number;
        definition: { name: string; conditions: { all: { value?: unknown }[] } };
      };
    }, LARGE);
    expect(stored.version).toBe(2);
    expect(stored.definition.conditions.all[1]?.value).toBe(80);
    expect(stored.definition.name).toBe('大批量急单（≥80吨且交期≤30天）');
  }, 120_000);

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
