// The customer and ledger pages in Chromium against the real server. Customers: the drawer shows the
// customer's message history with the analysed sentiment and draws the monthly sentiment trend,
// lists the customer's contracts and complaints and the CSR matrix row, and sales registers a CSR
// entry through the drawer's form. Ledger: filters narrow the
// rows on the server and live in the address, the XLSX export follows them, and a contract case
// keeps 合同台账 highlighted in the menu. axe-core finds nothing serious on either page.
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { type ManualCaseInput, openContractCase } from '../../src/contracts/case-repository.js';
import { loadReviewConfig } from '../../src/contracts/review-config.js';
import { recordFeedback } from '../../src/feedback/feedback-repository.js';
import { completeIntake, createIntake } from '../../src/intake/intake-repository.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import {
  browserSuite,
  chromiumAvailable,
  screenshot,
  selectOption,
  seriousViolations,
  signedInPage,
  type TestServer,
} from './harness.js';

const CUSTOMER = '江苏恒驰汽车零部件有限公司';
const OTHER = '宁波凯途新能源科技有限公司';
const PRAISE = '上批防撞梁质量很好，交货也准时，非常满意，谢谢！';
const COMPLAINT = '这批吸能盒又延期了三天才到货，导致我们停线，非常不满意。';

describe.skipIf(!chromiumAvailable())('customer and ledger pages in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  async function takeMessage(text: string, receivedAt: string, customerId: string) {
    const { db } = server.store;
    const id = await createIntake(db, {
      channel: 'email',
      fileName: null,
      mediaType: 'text/plain',
      sha256: createHash('sha256').update(text).digest('hex'),
      sizeBytes: text.length,
      customerName: CUSTOMER,
      refDate: receivedAt.slice(0, 10),
    });
    await completeIntake(db, id, {
      text,
      provenance: [],
      warnings: [],
      mediaType: 'text/plain',
      refDate: receivedAt.slice(0, 10),
      analysis: analyze(text, { refDate: receivedAt.slice(0, 10) }),
      customerId,
    });
    await db.updateTable('intake_records').set({ received_at: receivedAt }).where('id', '=', id).execute();
  }

  async function openCase(
    customerName: string,
    contractClass: ManualCaseInput['contractClass'],
    at: Date,
    unitPrice: number,
  ) {
    const { db } = server.store;
    const sales = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sales')
      .executeTakeFirstOrThrow();
    await openContractCase(
      db,
      {
        customerName,
        contractClass,
        receivedAt: at.toISOString(),
        items: [
          {
            line: 1,
            product: '前防撞梁总成',
            catalogCode: null,
            model: null,
            quantity: { value: 500, unit: '件' },
            unitPrice: { amount: unitPrice, currency: 'CNY', per: '件', taxIncluded: true },
            material: '6082-T6',
            tolerance: null,
            drawing: null,
            packaging: null,
          },
        ],
        delivery: { date: '2027-01-20', place: '常州', terms: null },
        paymentTerms: '月结60天',
        requirements: [
          {
            text: '提供材质证明',
            category: 'documentation',
            kind: 'explicit',
            special: false,
            priority: 'normal',
          },
        ],
      },
      { actor: { id: sales.id, department: 'sales' }, now: at, config: await loadReviewConfig(db) },
    );
  }

  browserSuite(async (s, b) => {
    server = s;
    browser = b;
    const { db } = server.store;
    const customer = await db
      .selectFrom('customers')
      .select('id')
      .where('name', '=', CUSTOMER)
      .executeTakeFirstOrThrow();
    const monthsAgo = (m: number) => {
      const d = new Date();
      d.setUTCDate(10);
      d.setUTCMonth(d.getUTCMonth() - m);
      return d.toISOString();
    };
    await takeMessage(PRAISE, monthsAgo(2), customer.id);
    await takeMessage(COMPLAINT, monthsAgo(1), customer.id);
    await recordFeedback(db, SYSTEM_ACTORS.cli, {
      customerId: customer.id,
      text: COMPLAINT,
      receivedAt: monthsAgo(1),
      channel: 'email',
    });
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    await openCase(CUSTOMER, 'special', hoursAgo(30), 86.5);
    await openCase(CUSTOMER, 'regular', hoursAgo(20), 9.8);
    await openCase(OTHER, 'regular', hoursAgo(10), 23.4);
    ({ page } = await signedInPage(browser, server.url, 'sales', pageErrors));
  });

  const rows = () => page.locator('main .ant-table-tbody tr.ant-table-row');

  it('shows the customer’s messages with their sentiment and draws the sentiment trend', async () => {
    await page.goto(`${server.url}/customers`);
    await page.getByLabel('搜索客户').fill('恒驰');
    await page.getByLabel('搜索客户').press('Enter');
    await page.getByRole('button', { name: CUSTOMER }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('tab', { name: '消息记录' }).click();
    const history = drawer.getByTestId('customer-history');
    const complaintRow = history.locator('.ant-table-tbody tr.ant-table-row', {
      hasText: COMPLAINT.slice(0, 10),
    });
    await complaintRow.waitFor();
    await expect(complaintRow.locator('[data-sentiment]').getAttribute('data-sentiment')).resolves.toBe(
      'negative',
    );
    await expect(complaintRow.textContent()).resolves.toContain('负面');
    await expect(
      history.locator('.ant-table-tbody tr.ant-table-row', { hasText: PRAISE.slice(0, 10) }).count(),
    ).resolves.toBe(1);
    // The newest message is listed first.
    await expect(
      history.locator('.ant-table-tbody tr.ant-table-row').first().textContent(),
    ).resolves.toContain(COMPLAINT.slice(0, 10));
    // Two months, two points on the line, drawn as SVG, with a text summary for screen readers.
    const chart = drawer.getByTestId('customer-sentiment-chart');
    await expect.poll(() => chart.locator('svg path').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const summary = (await chart.locator('[data-chart]').getAttribute('aria-label')) ?? '';
    expect(summary.match(/\d{4}-\d{2} -?\d/g)).toHaveLength(2);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'customer-history');
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    await drawer.getByRole('tab', { name: '投诉与反馈' }).click();
    await drawer.locator('.ant-table-tbody tr.ant-table-row', { hasText: COMPLAINT.slice(0, 10) }).waitFor();
    await drawer.getByRole('tab', { name: '合同' }).click();
    await expect.poll(() => drawer.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(2);
    await drawer.getByRole('tab', { name: /CSR/ }).click();
    await drawer.getByTestId('csr-matrix').locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const violationsCsr = await seriousViolations(page);
    expect(violationsCsr, JSON.stringify(violationsCsr, null, 2)).toEqual([]);

    // Sales registers a CSR entry from the drawer; an end before the start is marked in the form.
    await drawer.getByRole('button', { name: '登记 CSR' }).click();
    const dialog = page.getByRole('dialog', { name: '登记 CSR' });
    const form = dialog.getByTestId('csr-form');
    await form.getByLabel('条款').fill('CSR-7.1');
    await form.getByLabel('来源文件').fill('供应商交付协议 2026 版');
    await selectOption(page, form.getByLabel('要求类别'), '交付');
    await form.getByLabel('生效日期').fill('2026-07-01');
    await form.getByLabel('生效日期').press('Enter');
    await form.getByLabel('失效日期').fill('2026-06-30');
    await form.getByLabel('失效日期').press('Enter');
    await form.getByLabel('要求内容').fill('每周五前提供下月滚动交付计划。');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('失效日期不能早于生效日期').waitFor();
    await form.getByLabel('失效日期').fill('2027-06-30');
    await form.getByLabel('失效日期').press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    const entryRow = drawer.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'CSR-7.1' });
    await entryRow.waitFor();
    expect(await entryRow.textContent()).toContain('2026-07-01 ~ 2027-06-30');
    const stored = await server.store.db
      .selectFrom('csr_entries')
      .select(['category', 'effective_from', 'effective_to', 'text'])
      .where('clause', '=', 'CSR-7.1')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      category: 'delivery',
      effective_from: '2026-07-01',
      effective_to: '2027-06-30',
      text: '每周五前提供下月滚动交付计划。',
    });
  }, 120_000);

  it('narrows the ledger with filters kept in the address, and exports what it shows', async () => {
    await page.goto(`${server.url}/ledger`);
    await expect.poll(() => rows().count()).toBe(3);
    await selectOption(page, page.getByLabel('按类别筛选'), '常规合同');
    await expect.poll(() => page.url()).toContain('class=regular');
    await expect.poll(() => rows().count()).toBe(2);
    await page.getByLabel('客户名称').fill('恒驰');
    await page.getByLabel('客户名称').press('Enter');
    await expect.poll(() => rows().count()).toBe(1);
    await expect(rows().first().textContent()).resolves.toContain(CUSTOMER);

    // A reload (or a shared link) shows the same filtered ledger.
    await page.reload();
    await expect.poll(() => rows().count()).toBe(1);
    await expect(page.getByLabel('客户名称').inputValue()).resolves.toBe('恒驰');

    const href = (await page.getByRole('link', { name: /导出 XLSX/ }).getAttribute('href')) ?? '';
    expect(href).toContain('/api/contracts/export.xlsx');
    expect(href).toContain('class=regular');
    const exported = await page.evaluate(async (url) => {
      const r = await fetch(url);
      return {
        status: r.status,
        type: r.headers.get('content-type'),
        size: (await r.arrayBuffer()).byteLength,
      };
    }, href);
    expect(exported.status).toBe(200);
    expect(exported.type).toContain('spreadsheetml');
    expect(exported.size).toBeGreaterThan(1000);

    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => rows().count()).toBe(3);

    // Sorted on the server by the column clicked, kept in the address; amounts with separators.
    await page.locator('th', { hasText: '金额' }).click();
    await expect.poll(() => page.url()).toContain('sort=totalAmount');
    await expect.poll(() => page.url()).toContain('order=asc');
    const amounts = async () =>
      (await rows().locator('td.ant-table-cell').allTextContents()).filter((x) => /\d\.\d{2}/.test(x));
    await expect.poll(async () => (await amounts()).length).toBeGreaterThan(0);
    const shown = await amounts();
    const values = shown.map((x) => Number(x.replace(/[^\d.]/g, '')));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(shown.some((x) => /\d,\d{3}/.test(x))).toBe(true);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'ledger-filtered');
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }, 120_000);

  it('keeps 合同台账 highlighted in the menu on a contract case', async () => {
    await page.goto(`${server.url}/ledger`);
    await rows().first().getByRole('link').click();
    await expect.poll(() => page.url()).toMatch(/\/contracts\//);
    const selected = page.getByRole('navigation', { name: '主导航' }).locator('.ant-menu-item-selected');
    await expect.poll(() => selected.textContent()).toBe('合同台账');
  }, 60_000);

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
