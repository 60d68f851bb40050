// The customer-side pages in Chromium against the real server: sales records a complaint and sees
// the analysed sentiment; quality moves it along the 8D flow, raises an improvement action and
// closes it; the KPI tab counts the complaint; quality runs a capability evaluation and sees the
// score with its breakdown. Both pages pass axe-core without serious or critical violations.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  ensureWebBuilt,
  launchChromium,
  screenshot,
  selectOption,
  seriousViolations,
  signIn,
  startServer,
  type TestServer,
} from './harness.js';
import { addContract } from './records.js';

const COMPLAINT = '这批型材又延期了三天才到货，导致我们停线，非常不满意。';
const CUSTOMER = '江苏恒驰汽车零部件有限公司';

describe.skipIf(!chromiumAvailable())('customer-side pages in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function pageAs(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(`${username}: ${err.message}`));
    await signIn(page, server.url, username, 'shixu123');
    return page;
  }

  /** Picks an option of an Ant Design select found by its label, typing first when it searches. */
  async function choose(
    page: Page,
    scope: ReturnType<Page['getByRole']>,
    label: string,
    option: string,
    type?: string,
  ) {
    await selectOption(page, scope.getByLabel(label, { exact: true }), option, type);
  }

  let sales: Page;
  let quality: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    // One contract in the period, signed 6 h and 60 h after receipt: the capability evaluation
    // then has a review lead time to score, and the complaint rate has a denominator.
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await addContract(server.store, { cls: 'regular', receivedAt: hoursAgo(100), signedAfterHours: [6, 60] });
    sales = await pageAs('sales');
    quality = await pageAs('quality');
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('lets sales record a complaint, shows the analysed sentiment and cause, and lists it', async () => {
    await expect(sales.getByRole('navigation', { name: '主导航' }).textContent()).resolves.toContain(
      '反馈与指标',
    );
    await sales.getByRole('navigation', { name: '主导航' }).getByText('反馈与指标').click();
    await expect(sales.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('反馈与指标');

    await sales.getByRole('button', { name: '登记反馈/投诉' }).click();
    const dialog = sales.getByRole('dialog');
    await choose(sales, dialog, '客户', CUSTOMER, '恒驰');
    await choose(sales, dialog, '渠道', '微信');
    await dialog.getByLabel('内容').fill(COMPLAINT);
    await dialog.getByRole('button', { name: '保存并分析' }).click();

    const analysis = dialog.getByTestId('feedback-analysis');
    await analysis.waitFor({ timeout: 30_000 });
    const text = (await analysis.textContent()) ?? '';
    expect(text).toContain('投诉');
    expect(text).toContain('负面');
    expect(text).toContain('交付');
    await screenshot(sales, 'feedback-recorded');
    await dialog.getByRole('button', { name: /关\s*闭/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = sales.locator('.ant-table-tbody tr.ant-table-row', { hasText: COMPLAINT.slice(0, 8) });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(CUSTOMER);
    await expect(row.locator('[data-sentiment]').getAttribute('data-sentiment')).resolves.toBe('negative');
    await expect(row.locator('[data-sentiment]').textContent()).resolves.toContain('负面');

    // Filtering by type asks the server again: a complaint is not "feedback".
    await choose(sales, sales.locator('main'), '类型', '反馈');
    await expect.poll(() => row.count()).toBe(0);
    await choose(sales, sales.locator('main'), '类型', '投诉');
    await row.waitFor();

    await sales.waitForLoadState('networkidle');
    await screenshot(sales, 'page-feedback');
    const violations = await seriousViolations(sales);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }, 120_000);

  it('lets quality investigate the complaint, raise an improvement action and close it', async () => {
    await quality.goto(`${server.url}/feedback`);
    await quality.getByRole('button', { name: new RegExp(COMPLAINT.slice(0, 8)) }).click();
    const drawer = quality.getByRole('dialog');
    await expect(drawer.getByTestId('feedback-status').textContent()).resolves.toBe('待处理');

    // D3 containment is required before the investigation starts.
    await drawer.getByRole('button', { name: '转为「调查中」' }).click();
    const step = quality.getByRole('dialog', { name: /状态流转/ });
    await step.getByRole('button', { name: '确认流转' }).click();
    await step.getByText('请填写此项').waitFor();
    await step.getByLabel('围堵措施（D3）').fill('加急补发 500 支，空运到厂');
    await step.getByRole('button', { name: '确认流转' }).click();
    await step.waitFor({ state: 'hidden' });
    await expect.poll(() => drawer.getByTestId('feedback-status').textContent()).toBe('调查中');

    // An action due in the past is overdue at once and shown in red.
    await drawer.getByRole('button', { name: '新建改进措施' }).click();
    const form = quality.getByRole('dialog', { name: '新建改进措施' });
    await form.getByLabel('措施').fill('建立交期预警看板');
    await choose(quality, form, '责任部门', '生产部');
    await form.getByLabel('完成期限').fill('2026-01-05');
    await form.getByLabel('完成期限').press('Enter');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' });
    const linked = drawer.locator('.ant-table-tbody tr.ant-table-row', { hasText: '建立交期预警看板' });
    await linked.waitFor();
    await expect(linked.locator('[data-overdue="true"]').textContent()).resolves.toContain('已逾期');
    await drawer
      .getByRole('button', { name: /close|关闭/i })
      .first()
      .click();
    await drawer.waitFor({ state: 'hidden' });

    await quality.getByRole('tab', { name: '改进措施' }).click();
    const action = quality.locator('.ant-table-tbody tr.ant-table-row', { hasText: '建立交期预警看板' });
    await action.waitFor();
    await expect(action.locator('[data-status]').textContent()).resolves.toBe('未开始');
    await expect(
      action
        .locator('[data-overdue="true"]')
        .evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).color),
    ).resolves.toBe('rgb(168, 7, 26)');
    await action.getByRole('button', { name: '开始实施' }).click();
    await expect.poll(() => action.locator('[data-status]').textContent()).toBe('实施中');

    await action.getByRole('button', { name: '关闭措施' }).click();
    const close = quality.getByRole('dialog', { name: /关闭措施/ });
    await close.getByLabel('实施结果').fill('看板已上线，每日晨会跟踪');
    await close.getByRole('button', { name: '关闭措施' }).click();
    await close.waitFor({ state: 'hidden' });
    await expect.poll(() => action.locator('[data-status]').textContent()).toBe('已关闭');
    // Closed actions are no longer overdue.
    await expect(action.locator('[data-overdue="true"]').count()).resolves.toBe(0);
    await expect(action.textContent()).resolves.toContain('看板已上线');
    await screenshot(quality, 'feedback-actions');
  }, 120_000);

  it('shows the complaint and the closed action in the KPIs', async () => {
    await quality.goto(`${server.url}/feedback?tab=kpis`);
    const complaints = quality.getByTestId('kpi-complaints');
    await complaints.waitFor();
    await expect(complaints.locator('.ant-statistic-content').textContent()).resolves.toBe('1');
    await expect(
      quality.getByTestId('kpi-open').locator('.ant-statistic-content').textContent(),
    ).resolves.toBe('1');
    // The action was closed after its due day: one closed, none on time.
    await expect(quality.getByTestId('kpi-actions').textContent()).resolves.toContain('已关闭 1，按期 0');
    await expect(quality.getByRole('img', { name: /投诉原因分布：交付 1$/ }).count()).resolves.toBe(1);
    await expect.poll(() => quality.locator('[data-chart] svg').count()).toBeGreaterThanOrEqual(2);
    await quality.waitForLoadState('networkidle');
    await screenshot(quality, 'feedback-kpis');
    const violations = await seriousViolations(quality);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }, 90_000);

  it('records a satisfaction survey and lists its index', async () => {
    await sales.goto(`${server.url}/feedback?tab=satisfaction`);
    const card = sales.locator('.ant-card', { hasText: '登记满意度调查' });
    await choose(sales, card, '客户', CUSTOMER, '恒驰');
    await card.getByLabel('期间').fill('2026-Q3');
    await card.getByLabel('质量').fill('4');
    await card.getByLabel('交付').fill('2');
    await card.getByRole('button', { name: /保\s*存/ }).click();
    const row = sales.locator('.ant-table-tbody tr.ant-table-row', { hasText: '2026-Q3' });
    await row.waitFor();
    // 1–5 scores normalised to 0–100: 4 → 75, 2 → 25, index 50.
    await expect(row.textContent()).resolves.toContain('50');
    await expect(row.textContent()).resolves.toContain(CUSTOMER);
  }, 90_000);

  it('lets quality run a capability evaluation and shows the score with its breakdown', async () => {
    await quality.goto(`${server.url}/capability`);
    await expect(quality.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('需求识别能力评价');
    await quality.getByRole('button', { name: /开始评价/ }).click();
    const result = quality.getByTestId('capability-result');
    await result.waitFor();

    const stored = (await quality.evaluate(async () => {
      const r = await fetch('/api/capability-evaluations');
      return r.json();
    })) as { items: { score: number | null; grade: string | null }[] };
    expect(stored.items).toHaveLength(1);
    const { score, grade } = stored.items[0]!;
    // The contract's review took 60 h: the lead time scores 50, so the evaluation is graded.
    expect(score).not.toBeNull();
    await expect(result.getByTestId('capability-score').textContent()).resolves.toBe(String(score));
    await expect(result.getByTestId('capability-grade').textContent()).resolves.toBe(grade);
    const leadTime = result.locator('.ant-table-tbody tr', { hasText: '评审周期' });
    await expect(leadTime.textContent()).resolves.toContain('50');
    await expect(result.locator('.ant-table-tbody').textContent()).resolves.toContain('无数据');
    await expect(
      result.getByRole('img', { name: /各项指标得分与目标：.*评审周期 50/ }).count(),
    ).resolves.toBe(1);
    await expect(result.textContent()).resolves.toContain('建议');
    await quality.waitForLoadState('networkidle');
    // The pointer still rests on the button it clicked; its hover colour is not what axe should judge.
    await quality.mouse.move(0, 0);
    await screenshot(quality, 'page-capability');
    const violations = await seriousViolations(quality);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }, 90_000);

  it('shows sales the evaluations but not the button to run one', async () => {
    await sales.goto(`${server.url}/capability`);
    await sales.getByTestId('capability-result').waitFor();
    await expect(sales.getByRole('button', { name: /开始评价/ }).count()).resolves.toBe(0);
    await expect(sales.getByText('只有质量部和管理员可以发起评价。').count()).resolves.toBe(1);
  }, 60_000);

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
