// The contract review in a real browser against the real server: sales pastes an order and opens
// the review from the intake page, adds a requirement and rejects it (only with a reason) in the
// case page's dialogs, every required department signs its part on the case page,
// the sales manager signs the conclusion and records that the customer was answered; the ledger
// lists the contract with its status and the review record downloads as a PDF.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { grantReviewTitle } from '../../src/contracts/review-config.js';
import {
  browserSuite,
  chromiumAvailable,
  screenshot,
  seriousViolations,
  signedInPage,
  type TestServer,
} from './harness.js';

// A known customer ordering a catalogue product with a document requirement and no PO: a temporary,
// not a special contract (no review meeting), and quality must review the material certificate.
const ORDER_MESSAGE =
  '广东粤华门窗幕墙工程有限公司订购6063-T5门窗型材（AL-101）5吨，单价21000元/吨含税，' +
  '要求2027年1月30日前送到佛山工地，需提供材质证明。付款方式：月结30天。';

const USER_OF_DEPARTMENT: Record<string, string> = {
  sales: 'sales',
  technical: 'tech',
  purchasing: 'purchasing',
  production: 'production',
  quality: 'quality',
  finance: 'finance',
};

interface CaseJson {
  id: string;
  number: string;
  stage: string;
  classification: { class: string } | null;
  version: number;
  departments: { department: string; status: string; signature: { userId: string } | null }[];
}

describe.skipIf(!chromiumAvailable())('contract review in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let caseUrl = '';
  let caseId = '';
  const pageErrors: string[] = [];

  browserSuite(async (s, b) => {
    server = s;
    browser = b;
    // Regular and temporary conclusions are signed by a sales manager; the demo salesperson is one here.
    const salesUser = await server.store.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sales')
      .executeTakeFirstOrThrow();
    await grantReviewTitle(server.store.db, salesUser.id, 'sales_manager');
    ({ page } = await signedInPage(browser, server.url, 'sales', pageErrors));
  });

  const readCase = async (p: Page): Promise<CaseJson> => {
    const res = await p.request.get(`${server.url}/api/contracts/${caseId}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as CaseJson;
  };

  it('opens the review case from an analysed message on the intake page', async () => {
    await page.goto(`${server.url}/intake`);
    await page.getByLabel('客户消息').fill(ORDER_MESSAGE);
    await page.getByRole('button', { name: /分\s*析/ }).click();
    await page.getByTestId('annotated-text').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '发起合同评审' }).click();
    await page.waitForURL(/\/contracts\/[^/]+$/);
    caseUrl = page.url();
    caseId = decodeURIComponent(caseUrl.split('/').pop()!);

    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading.textContent()).resolves.toMatch(/^合同评审 HT-\d{4}-\d{4}$/);
    const header = page.getByTestId('case-header');
    await expect(header.textContent()).resolves.toContain('广东粤华门窗幕墙工程有限公司');
    await expect(page.getByTestId('case-stage').textContent()).resolves.toBe('需求确认');
    // The 48-hour clock shows the deadline and the time left, not yet red.
    const clock = page.getByTestId('feedback-clock');
    await expect(clock.textContent()).resolves.toMatch(
      /反馈截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2} · 剩余 \d+ 小时/,
    );
    await expect(clock.getAttribute('data-overdue')).resolves.toBe('false');
    // The requirements keep the customer's words and their category.
    const reqs = page.getByTestId('case-requirements');
    await expect(reqs.textContent()).resolves.toContain('需提供材质证明');
    await expect(reqs.textContent()).resolves.toContain('文件资料');
  }, 120_000);

  it('lets the owner add a requirement and reject it only with a reason, in dialogs', async () => {
    const reqs = page.getByTestId('case-requirements');
    await reqs.getByRole('button', { name: '新增需求' }).click();
    let dialog = page.getByRole('dialog', { name: '新增需求' });
    await dialog.getByLabel('需求内容').fill('每捆不超过1吨，外包装标注炉批号');
    await dialog.getByRole('combobox', { name: '类别' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '包装' }).click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = reqs.getByRole('row').filter({ hasText: '每捆不超过1吨，外包装标注炉批号' });
    await expect(row.textContent()).resolves.toContain('包装');
    const id = ((await row.getByRole('cell').first().textContent()) ?? '').trim();

    await reqs.getByRole('button', { name: `驳回 ${id}` }).click();
    dialog = page.getByRole('dialog', { name: `驳回需求 ${id}` });
    // No reason, no request: the dialog says why and stays open.
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('驳回需求时必须写明原因').waitFor();
    await dialog.getByLabel('驳回原因').fill('客户电话确认不需要');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(row.textContent()).resolves.toContain('已驳回');
    await expect(page.getByTestId('case-history').textContent()).resolves.toContain(
      '原因：客户电话确认不需要',
    );
  }, 60_000);

  it('lets sales accept and confirm the requirements, which starts the department reviews', async () => {
    await page.getByRole('button', { name: '全部接受' }).click();
    await expect.poll(() => page.getByTestId('case-requirements').getByText('待确认').count()).toBe(0);
    // A phone order is a temporary contract: who gave it, when and why is recorded before review.
    expect((await readCase(page)).classification?.class).toBe('temporary');
    await page.getByLabel('客户下达人').fill('粤华 黄志强');
    await page.getByLabel('为何按临时合同处理').fill('客户电话下单，PO 未出，按临时合同评审');
    await page.getByRole('button', { name: '保存临时合同依据' }).click();
    await page.getByTestId('temporary-basis').getByText('粤华 黄志强').waitFor();
    await page.getByRole('button', { name: '确认需求并开始评审' }).click();
    await expect
      .poll(async () => (await page.getByTestId('case-stage').textContent()) ?? '')
      .not.toBe('需求确认');
    const c = await readCase(page);
    expect(['countersign', 'plannerReview']).toContain(c.stage);
    expect(c.departments.map((d) => d.department)).toContain('quality');
    expect(c.departments.every((d) => d.status === 'pending')).toBe(true);
  }, 60_000);

  it('refuses a sign-off without the conditions in Chinese, then every department signs on the page', async () => {
    const required = (await readCase(page)).departments.map((d) => d.department);
    for (const department of required) {
      const username = USER_OF_DEPARTMENT[department]!;
      const { context, page: p } = await signedInPage(browser, server.url, username, pageErrors);
      try {
        await p.goto(caseUrl);
        const form = p.getByTestId('sign-review-form');
        await form.waitFor();
        if (department === 'quality') {
          // Nothing is pre-answered: a sign-off with open checklist items names them before the
          // server is asked; "all OK" is a choice the reviewer makes on purpose.
          const progress = form.getByTestId('checklist-progress');
          await expect(progress.textContent()).resolves.toMatch(/^已选择 0\/\d+ 项$/);
          await form.getByLabel('有条件满足').check();
          await form.getByRole('button', { name: /签\s*署/ }).click();
          await form.getByRole('alert').filter({ hasText: '项未选择' }).waitFor();
          await form.getByRole('button', { name: '全部符合' }).click();
          await expect(progress.textContent()).resolves.toMatch(/^已选择 (\d+)\/\1 项$/);
          // Conditional approval without the conditions is stopped before it reaches the server.
          await form.getByRole('button', { name: /签\s*署/ }).click();
          await form.getByText('"有条件满足"时必须写明条件').waitFor();
          await form.getByLabel('条件', { exact: true }).fill('首批全检');
          // The page with the open checklist form passes axe too, not only the finished case.
          await p.mouse.move(0, 0); // a hovered button is not what axe should judge
          // Answered items' messages fade out; a half-transparent one is not what axe should judge.
          await expect.poll(() => p.locator('.ant-form-show-help-item-leave').count()).toBe(0);
          const violations = await seriousViolations(p);
          expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
          await screenshot(p, 'review-sign-quality');
        } else {
          await form.getByRole('button', { name: '全部符合' }).click();
          await form.getByLabel('能满足', { exact: true }).check();
        }
        await form.getByRole('button', { name: /签\s*署/ }).click();
        await form.waitFor({ state: 'detached' });
        const row = p.getByTestId('department-table').locator('tr', { hasText: labelOf(department) });
        await expect(row.first().textContent()).resolves.toContain('已签署');
      } finally {
        await context.close();
      }
    }
    const c = await readCase(page);
    expect(c.stage).toBe('conclusion');
    expect(c.departments.every((d) => d.status === 'signed')).toBe(true);
  }, 240_000);

  it('shows a stale page the conflict in Chinese and reloads the current case', async () => {
    // This page still shows the case as it was before the departments signed.
    const form = page.getByTestId('sign-review-form');
    await form.getByRole('button', { name: '全部符合' }).click();
    await form.getByLabel('能满足', { exact: true }).check();
    await form.getByRole('button', { name: /签\s*署/ }).click();
    const alert = page.getByRole('alert').filter({ hasText: '已被他人更新' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await expect(page.getByText('已重新加载最新的评审数据').count()).resolves.toBe(1);
    await page.getByRole('button', { name: '签署评审结论' }).waitFor();
    await expect(page.getByTestId('case-stage').textContent()).resolves.toBe('待签署结论');
  }, 60_000);

  it('lets the sales manager sign the conclusion and record the feedback; the history says who did it', async () => {
    await page.getByRole('button', { name: '签署评审结论' }).click();
    await page.getByRole('button', { name: '记录已反馈客户' }).click();
    await page.getByTestId('closing-summary').waitFor();
    await expect(page.getByTestId('case-stage').textContent()).resolves.toBe('待客户确认');
    await expect(page.getByTestId('feedback-clock').textContent()).resolves.toContain('已按时反馈');
    const history = (await page.getByTestId('case-history').textContent()) ?? '';
    expect(history).toContain('王销售（销售部）');
    expect(history).toContain('周质量（质量部）');
    expect(history).toContain('质量部评审已签署');
    const departments = (await page.getByTestId('department-table').textContent()) ?? '';
    expect(departments).toContain('首批全检');
    await screenshot(page, 'review-case');

    await page.mouse.move(0, 0);
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }, 90_000);

  it('attaches a customer letter on the case page and downloads the same bytes', async () => {
    const letter = Buffer.from('客户确认函：同意首批全检。');
    await page.getByRole('button', { name: '选择文件' }).waitFor();
    await page.getByTestId('attachment-picker').locator('input[type="file"]').setInputFiles({
      name: '客户确认函.txt',
      mimeType: 'text/plain',
      buffer: letter,
    });
    await page.getByLabel('说明（可选）', { exact: true }).fill('首批全检确认');
    // The chosen file is named by the picker before it is sent.
    await page.getByTestId('attachment-picker').getByText('客户确认函.txt').waitFor();
    await page.getByRole('button', { name: '上传附件' }).click();
    const files = page.getByTestId('case-attachments');
    await files.getByText('客户确认函.txt').waitFor();
    await expect(files.textContent()).resolves.toContain('首批全检确认');
    const href = (await files.getByRole('link', { name: /客户确认函/ }).getAttribute('href')) ?? '';
    const res = await page.request.get(`${server.url}${href}`);
    expect(Buffer.from(await res.body()).equals(letter)).toBe(true);
  }, 60_000);

  it('downloads the review record as a PDF', async () => {
    const link = page.getByTestId('record-pdf');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe(`/api/contracts/${caseId}/record.pdf`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^HT-\d{4}-\d{4}-合同评审表\.pdf$/);
    const res = await page.request.get(`${server.url}${href}`);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const body = await res.body();
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(body.length).toBeGreaterThan(1000);
  }, 60_000);

  it('lists the contract in the ledger with its status, linked to the case', async () => {
    const { number } = await readCase(page);
    await page.goto(`${server.url}/ledger`);
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: number });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('待客户确认');
    expect(text).toContain('广东粤华门窗幕墙工程有限公司');
    await row.getByRole('link', { name: number }).click();
    await page.waitForURL(caseUrl);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`合同评审 ${number}`);
  }, 60_000);

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});

function labelOf(department: string): string {
  return (
    {
      sales: '销售部',
      technical: '技术部',
      purchasing: '采购部',
      production: '生产部',
      quality: '质量部',
      finance: '财务部',
    }[department] ?? department
  );
}
