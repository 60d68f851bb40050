// The customer-side pages in Chromium against the real server: sales records a complaint and sees
// the analysed sentiment; quality moves it along the 8D flow, raises an improvement action and
// closes it and records its effectiveness check; the KPI tab counts the complaint; quality edits the
// complaint (kept after a reload) and voids a duplicate, which needs a reason; each tab keeps its
// keyword, filters, sort and period in the address; quality rates the five capability criteria,
// saves an evaluation and sees each criterion's score or 未评价. Both pages pass axe-core without
// serious or critical violations.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  browserSuite,
  chromiumAvailable,
  screenshot,
  selectOption,
  seriousViolations,
  signedInPage,
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
    const { context, page } = await signedInPage(browser, server.url, username, pageErrors, {
      errorPrefix: `${username}: `,
    });
    contexts.push(context);
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
    // The input only: a sortable column header of the same name carries an aria-label too.
    await selectOption(
      page,
      scope.getByLabel(label, { exact: true }).and(page.locator('input')),
      option,
      type,
    );
  }

  let sales: Page;
  let quality: Page;
  /** The drawer showing one feedback entry (not the modals opened over it). */
  const detailDrawer = (page: Page) =>
    page.getByRole('dialog').filter({ has: page.getByTestId('feedback-detail') });

  browserSuite(async (s, b) => {
    server = s;
    browser = b;
    // One contract in the period, answered late: the capability evaluation has service evidence
    // and the complaint rate has a denominator.
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await addContract(server.store, { cls: 'regular', receivedAt: hoursAgo(100), signedAfterHours: [6, 60] });
    sales = await pageAs('sales');
    quality = await pageAs('quality');
  });

  // Runs before browserSuite closes the browser (after-hooks run in reverse order).
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  it('lets sales record a complaint, shows the analysed sentiment and cause, and lists it', async () => {
    await expect(sales.getByRole('navigation', { name: '主导航' }).textContent()).resolves.toContain(
      '反馈与指标',
    );
    await sales.getByRole('navigation', { name: '主导航' }).getByText('反馈与指标').click();
    await expect(sales.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('反馈与指标');

    const dialog = sales.getByRole('dialog');
    // The list is still loading when the page opens; a click on the button while the toolbar
    // re-renders can be lost on a busy machine, so it is clicked again if no dialog came up.
    for (let attempt = 0; attempt < 3 && !(await dialog.isVisible()); attempt++) {
      await sales.getByRole('button', { name: '登记反馈/投诉' }).click();
      await dialog.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
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

  it('records the closed action’s effectiveness check, kept after a reload', async () => {
    await quality.goto(`${server.url}/feedback?tab=actions`);
    const action = quality.locator('.ant-table-tbody tr.ant-table-row', { hasText: '建立交期预警看板' });
    await action.getByRole('button', { name: '效果验证' }).click();
    const check = quality.getByRole('dialog', { name: /效果验证/ });
    // The dialog has finished opening (its form is there) before anything is clicked in it: on a
    // loaded machine a click during the opening animation can miss the form.
    await check.getByLabel('验证说明（依据、数据）').waitFor();
    // Both the verdict and the evidence are required before anything is sent.
    await check.getByRole('button', { name: /保\s*存/ }).click();
    await check.getByText('请选择措施是否有效').waitFor();
    await check.getByLabel('有效', { exact: true }).check();
    await check.getByLabel('验证说明（依据、数据）').fill('连续 8 周交付准时率 100%');
    await check.getByRole('button', { name: /保\s*存/ }).click();
    await check.waitFor({ state: 'hidden' });
    await quality.reload();
    const cell = action.locator('[data-effectiveness]');
    await expect(cell.getAttribute('data-effectiveness')).resolves.toBe('effective');
    await expect(cell.textContent()).resolves.toContain('连续 8 周交付准时率 100%');
  }, 90_000);

  it('keeps each tab’s keyword, filters, sort and period in the address: reload and Back show the same', async () => {
    await quality.goto(`${server.url}/feedback?tab=actions`);
    const rows = quality.locator('.ant-table-tbody tr.ant-table-row');
    const action = rows.filter({ hasText: '建立交期预警看板' });
    await action.waitFor();
    const params = () => new URL(quality.url()).searchParams;

    await quality.getByLabel('搜索措施标题或说明').fill('看板');
    await quality.getByLabel('搜索措施标题或说明').press('Enter');
    await quality.waitForURL((url) => url.searchParams.get('q') === '看板');
    expect(params().get('tab')).toBe('actions');
    await choose(quality, quality.locator('main'), '状态', '已关闭');
    await quality.waitForURL((url) => url.searchParams.get('status') === 'closed');
    await action.waitFor();
    // The due day is the default order; a click on its header turns it round, on the server.
    await quality.getByRole('columnheader', { name: /完成期限/ }).click();
    await quality.waitForURL((url) => url.searchParams.get('order') === 'desc');
    expect(params().get('sort')).toBe('dueDate');

    await quality.reload();
    await action.waitFor();
    expect(params().get('q')).toBe('看板');
    await expect(quality.getByLabel('搜索措施标题或说明').inputValue()).resolves.toBe('看板');
    await expect(
      quality.getByRole('columnheader', { name: /完成期限/ }).getAttribute('aria-sort'),
    ).resolves.toBe('descending');
    // An open-only filter leaves the closed action out; Back brings the closed filter again.
    await choose(quality, quality.locator('main'), '状态', '未开始');
    await expect.poll(() => action.count()).toBe(0);
    await quality.goBack();
    await quality.waitForURL((url) => url.searchParams.get('status') === 'closed');
    await action.waitFor();

    // Satisfaction: the customer filter is in the address too.
    await quality.getByRole('tab', { name: '满意度调查' }).click();
    await quality.waitForURL((url) => url.searchParams.get('tab') === 'satisfaction');
    expect(params().get('q')).toBeNull();
    const filter = quality.locator('main').locator('#survey-customerId');
    await selectOption(quality, filter, CUSTOMER, '恒驰');
    await quality.waitForURL((url) => url.searchParams.has('customerId'));
    await quality.reload();
    await expect
      .poll(() => quality.locator('main .ant-select:has(#survey-customerId)').textContent())
      .toContain(CUSTOMER);

    // KPIs: the period is in the address; a period before the complaint counts none.
    await quality.goto(`${server.url}/feedback?tab=kpis&from=2020-01-01&to=2020-12-31`);
    const complaints = quality.getByTestId('kpi-complaints').locator('.ant-statistic-content');
    await expect.poll(() => complaints.textContent()).toBe('0');
    await expect(quality.locator('main .ant-picker-input input').first().inputValue()).resolves.toBe(
      '2020-01-01',
    );
  }, 120_000);

  it('edits a complaint and the change persists after a reload', async () => {
    await quality.goto(`${server.url}/feedback`);
    await quality.getByRole('button', { name: new RegExp(COMPLAINT.slice(0, 8)) }).click();
    const drawer = detailDrawer(quality);
    await drawer.getByRole('button', { name: /编\s*辑/ }).click();
    const edit = quality.getByRole('dialog', { name: '编辑反馈/投诉' });
    await choose(quality, edit, '渠道', '电话');
    await edit.getByLabel('内容').fill(`${COMPLAINT}请三天内回复改进计划。`);
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await edit.waitFor({ state: 'hidden' });
    await expect.poll(() => drawer.textContent()).toContain('请三天内回复改进计划。');

    // The open drawer is in the address (?complaint=ID): a reload (or the link) opens it again.
    await expect.poll(() => quality.url()).toContain('complaint=');
    await quality.reload();
    const again = detailDrawer(quality);
    await again.getByTestId('feedback-status').waitFor();
    const text = (await again.textContent()) ?? '';
    expect(text).toContain('请三天内回复改进计划。');
    expect(text).toContain('电话');
    // New text was analysed again: still a negative complaint.
    await expect(again.locator('[data-sentiment]').first().getAttribute('data-sentiment')).resolves.toBe(
      'negative',
    );
    await quality.waitForLoadState('networkidle');
    const violations = await seriousViolations(quality);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }, 90_000);

  it('voids a duplicate only with a reason; it leaves the list but stays on record', async () => {
    const duplicate = `${COMPLAINT}（重复登记）`;
    const id = await sales.evaluate(async (text) => {
      const r = await fetch('/api/feedback', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, receivedAt: new Date().toISOString() }),
      });
      return ((await r.json()) as { id: string }).id;
    }, duplicate);
    await quality.goto(`${server.url}/feedback`);
    const row = quality.locator('.ant-table-tbody tr.ant-table-row', { hasText: '重复登记' });
    await row.getByRole('button').click();
    const drawer = detailDrawer(quality);
    await drawer.getByRole('button', { name: /作\s*废/ }).click();
    const dialog = quality.getByRole('dialog', { name: '作废这条记录' });
    await dialog.getByRole('button', { name: '确认作废' }).click();
    await dialog.getByText('请写明作废原因（至少 4 个字）').waitFor();
    await dialog.getByLabel('作废原因').fill('重复');
    await dialog.getByRole('button', { name: '确认作废' }).click();
    await dialog.getByText('请写明作废原因（至少 4 个字）').waitFor();
    // Nothing was voided while the reason was missing or too short.
    const stored = (url: string) =>
      quality.evaluate(async (u) => (await (await fetch(u)).json()) as { voidedAt: string | null }, url);
    await expect(stored(`/api/feedback/${id}`)).resolves.toMatchObject({ voidedAt: null });

    await dialog.getByLabel('作废原因').fill('与上一条重复登记');
    await dialog.getByRole('button', { name: '确认作废' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(drawer.getByTestId('feedback-voided').textContent()).resolves.toContain('与上一条重复登记');
    await expect(drawer.getByRole('button', { name: /编\s*辑/ }).count()).resolves.toBe(0);
    await expect.poll(() => row.count()).toBe(0);
    await expect(stored(`/api/feedback/${id}`)).resolves.toMatchObject({ voidReason: '与上一条重复登记' });
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

  it('lets quality rate the five criteria, save an evaluation and see each criterion, 未评价 where nothing stands behind it', async () => {
    await quality.goto(`${server.url}/capability`);
    await expect(quality.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      '客户需求识别能力评价',
    );
    // The data gives service, improvement and innovation; rating communication makes four of five.
    await selectOption(
      quality,
      quality.getByLabel('倾听', { exact: true }).and(quality.locator('input')),
      '4 分',
    );
    await quality.getByRole('button', { name: /保存评价/ }).click();
    const result = quality.getByTestId('capability-result');
    await result.waitFor();

    const stored = (await quality.evaluate(async () => {
      const r = await fetch('/api/capability-evaluations');
      return r.json();
    })) as {
      items: {
        id: string;
        score: number | null;
        grade: string | null;
        criteria: { key: string; score: number | null }[];
      }[];
    };
    expect(stored.items).toHaveLength(1);
    const { id, score, grade, criteria } = stored.items[0]!;
    expect(criteria.find((c) => c.key === 'communication')!.score).toBe(80);
    expect(criteria.find((c) => c.key === 'knowledge')!.score).toBeNull();
    expect(score).not.toBeNull();
    await expect(result.getByTestId('capability-score').textContent()).resolves.toBe(String(score));
    await expect(result.getByTestId('capability-grade').textContent()).resolves.toBe(grade);
    const knowledge = result.locator('.ant-table-tbody tr', { hasText: '行业知识和经验' });
    await expect(knowledge.textContent()).resolves.toContain('未评价');
    await expect(result.getByRole('img', { name: /各项准则得分与目标：沟通能力 80/ }).count()).resolves.toBe(
      1,
    );
    const pdf = await quality.request.get(`${server.url}/api/capability-evaluations/${id}/report.pdf`);
    expect(pdf.status()).toBe(200);
    await quality.waitForLoadState('networkidle');
    // The pointer stays on the primary button it clicked: the theme's hover colour must keep AA
    // contrast with the white label (Ant Design's default lighter blue does not).
    await quality.getByRole('button', { name: /保存评价/ }).hover();
    await screenshot(quality, 'page-capability');
    const violations = await seriousViolations(quality);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  }, 90_000);

  it('shows sales the evaluations but not the assessment form', async () => {
    await sales.goto(`${server.url}/capability`);
    await sales.getByTestId('capability-result').waitFor();
    await expect(sales.getByRole('button', { name: /保存评价/ }).count()).resolves.toBe(0);
    await expect(sales.getByText('只有质量部（或总经理）可以发起评价。').count()).resolves.toBe(1);
  }, 60_000);

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
