// Intake that never loses work, in Chromium against the real server: after 分析 the record is in the
// address, so leaving the page and pressing Back (or reloading) shows the same result; a long message's
// requirements come a page at a time; the 录入记录 page lists the user's messages with title, status and
// customer, filtered by status, each leading back to its result; the workbench card lists intake not
// yet turned into a case, titled and clickable.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { manyPagePdf } from '../intake/fixtures.js';
import {
  browserSuite,
  chromiumAvailable,
  screenshot,
  selectOption,
  seriousViolations,
  signedInPage,
  type TestServer,
} from './harness.js';

const FIRST_LINE = '常州恒瑞精密机械有限公司采购部询价';
const REQUIREMENTS = [
  '要求提供材质证明。',
  '要求每批附出厂检验报告。',
  '必须符合RoHS要求。',
  '要求包装防潮。',
  '表面不得有划伤。',
  '要求提供PPAP文件。',
];
/** A message with more requirement sentences than one table page holds (20). */
const MESSAGE = [
  FIRST_LINE,
  '我司需要订购6063-T5铝型材共 5 吨，2026年12月30日前交货到常州工厂。',
  ...Array.from({ length: 5 }, () => REQUIREMENTS).flat(),
].join('\n');

describe.skipIf(!chromiumAvailable())(
  'intake result kept in the address, and the intake history, in Chromium',
  () => {
    let server: TestServer;
    let page: Page;
    const pageErrors: string[] = [];
    let recordId = '';

    browserSuite(async (s, browser) => {
      server = s;
      ({ page } = await signedInPage(browser, server.url, 'sales', pageErrors));
    });

    const menu = () => page.getByRole('navigation', { name: '主导航' });
    const requirementRows = () => page.getByTestId('requirements').locator('tbody tr.ant-table-row');

    it('shows the same result after leaving the page and pressing Back, and after a reload', async () => {
      await page.goto(`${server.url}/intake`);
      await page.getByLabel('客户消息').fill(MESSAGE);
      await page.getByRole('button', { name: /分\s*析/ }).click();
      await page.getByTestId('contract-class').waitFor({ timeout: 60_000 });
      expect(page.url()).toMatch(/\/intake\?record=[^&]+$/);
      recordId = new URL(page.url()).searchParams.get('record')!;
      const classShown = await page.getByTestId('contract-class').textContent();

      // Thirty requirement sentences: the table shows one page of 20 and says how many there are.
      const total = page.getByTestId('requirements').locator('.ant-pagination-total-text');
      await expect(total.textContent()).resolves.toMatch(/共 (\d+) 条/);
      const count = Number((await total.textContent())!.match(/\d+/)![0]);
      expect(count).toBeGreaterThan(20);
      await expect(requirementRows().count()).resolves.toBe(20);
      await page.getByTestId('requirements').locator('.ant-pagination-item-2').click();
      await expect(requirementRows().count()).resolves.toBe(Math.min(20, count - 20));

      await menu().getByText('合同台账').click();
      await page.waitForURL(/\/ledger/);
      await page.goBack();
      await page.waitForURL(/\/intake\?record=/);
      await page.getByTestId('contract-class').waitFor({ timeout: 30_000 });
      await expect(page.getByTestId('contract-class').textContent()).resolves.toBe(classShown);
      await expect(page.getByLabel('客户消息').inputValue()).resolves.toBe(MESSAGE);
      await expect(page.getByTestId('annotated-text').textContent()).resolves.toContain(FIRST_LINE);

      await page.reload();
      await page.getByTestId('contract-class').waitFor({ timeout: 30_000 });
      await expect(page.getByTestId('annotated-text').textContent()).resolves.toContain(FIRST_LINE);
      expect(pageErrors).toEqual([]);
    }, 180_000);

    it('lists the user’s intake with title and status, filters by status and leads back to the result', async () => {
      // A damaged PDF is refused at the door, the problem named; nothing is recorded.
      await page.goto(`${server.url}/intake`);
      await page.locator('.ant-upload input[type=file]').setInputFiles({
        name: '坏的报价.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\n1 0 obj garbage without xref'),
      });
      const refusal = page.getByText(/“坏的报价\.pdf”：PDF 文件已损坏或不完整（文件结构无法解析/);
      await refusal.first().waitFor({ timeout: 60_000 });
      expect(page.url()).not.toContain('record=');
      // A whole PDF past the page limit (300) is taken in and fails in the worker: a second record, of
      // another status.
      await page.locator('.ant-upload input[type=file]').setInputFiles({
        name: '超长报价.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(await manyPagePdf(301)),
      });
      await page
        .getByText(/超出处理上限/)
        .first()
        .waitFor({ timeout: 60_000 });

      await page.getByRole('main').getByRole('link', { name: '录入记录' }).click();
      await page.waitForURL(/\/intake-history/);
      const table = page.getByTestId('intake-history');
      const analysed = table.locator('tr', { hasText: FIRST_LINE });
      await analysed.waitFor();
      await expect(analysed.textContent()).resolves.toContain('已完成');
      await expect(analysed.textContent()).resolves.toContain('粘贴文本');
      const failed = table.locator('tr', { hasText: '超长报价.pdf' });
      await expect(failed.textContent()).resolves.toContain('失败');
      await expect(table.locator('tr', { hasText: '坏的报价.pdf' }).count()).resolves.toBe(0);
      const violations = await seriousViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await screenshot(page, 'intake-history');

      await selectOption(page, page.locator('#intake-history-status'), '失败');
      await page.waitForURL(/status=failed/);
      await failed.waitFor();
      await analysed.waitFor({ state: 'detached' });

      // The filter is in the address: Back from a result returns to the filtered list.
      await page.goBack();
      await analysed.waitFor();
      await analysed.getByRole('link', { name: FIRST_LINE }).click();
      await page.waitForURL(new RegExp(`/intake\\?record=${recordId}$`));
      await page.getByTestId('contract-class').waitFor({ timeout: 30_000 });
      expect(pageErrors).toEqual([]);
    }, 180_000);

    it('keeps the history’s page and keyword in the address: reload and Back show the same rows', async () => {
      // 25 earlier messages of other people: two pages of everyone's records.
      const base = Date.parse('2026-01-05T02:00:00Z');
      for (let i = 1; i <= 25; i++) {
        const at = new Date(base + i * 60_000).toISOString();
        await server.store.db
          .insertInto('intake_records')
          .values({
            id: `history-${i}`,
            channel: 'text',
            extracted_text: `往来留言 ${String(i).padStart(2, '0')}\n请报价。`,
            status: 'done',
            received_at: at,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      await page.goto(`${server.url}/intake-history?all=1`);
      const table = page.getByTestId('intake-history');
      const rows = table.locator('tbody tr.ant-table-row');
      await page.locator('main .ant-pagination-item-2').click();
      await page.waitForURL(/[?&]page=2/);
      expect(new URL(page.url()).searchParams.get('all')).toBe('1');
      await expect.poll(() => rows.first().textContent()).toContain('往来留言 07');

      await page.reload();
      await expect.poll(() => rows.first().textContent()).toContain('往来留言 07');
      await expect(page.locator('main .ant-pagination-item-active').textContent()).resolves.toBe('2');

      // A keyword starts again at page 1 and is kept in the address and the box.
      await page.getByLabel('在标题、文件名和内容中搜索').fill('往来留言 1');
      await page.getByLabel('在标题、文件名和内容中搜索').press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === '往来留言 1');
      expect(new URL(page.url()).searchParams.get('page')).toBeNull();
      await expect.poll(() => rows.count()).toBe(10);
      await page.reload();
      await expect.poll(() => rows.count()).toBe(10);
      await expect(page.getByLabel('在标题、文件名和内容中搜索').inputValue()).resolves.toBe('往来留言 1');

      // Back returns to page 2 of everyone's records.
      await page.goBack();
      await page.waitForURL(/[?&]page=2/);
      await expect.poll(() => rows.first().textContent()).toContain('往来留言 07');
      await expect(page.getByLabel('在标题、文件名和内容中搜索').inputValue()).resolves.toBe('');
      expect(pageErrors).toEqual([]);
    }, 120_000);

    it('lists intake not yet turned into a case on the workbench, titled and clickable', async () => {
      await menu().getByText('工作台').click();
      const card = page.locator('.ant-card', { hasText: '待处理的新录入' });
      const item = card.getByRole('link', { name: FIRST_LINE });
      await item.waitFor();
      await expect(card.textContent()).resolves.toContain('已分析，待发起评审');
      await expect(card.textContent()).resolves.not.toContain('已完成');
      await item.click();
      await page.waitForURL(new RegExp(`/intake\\?record=${recordId}$`));
      await page.getByTestId('contract-class').waitFor({ timeout: 30_000 });

      // Once its review case is opened the message is finished work and leaves the card.
      await page.getByRole('button', { name: '发起合同评审' }).click();
      await page.waitForURL(/\/contracts\/[^/]+$/);
      await menu().getByText('工作台').click();
      await card.waitFor();
      await page.waitForLoadState('networkidle');
      await expect(card.getByRole('link', { name: FIRST_LINE }).count()).resolves.toBe(0);
      expect(pageErrors).toEqual([]);
    }, 180_000);
  },
);
