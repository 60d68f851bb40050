// A special contract in a real browser against the real server: sales proposes the review meeting
// on the page (participants chosen from each department's users), every participant — the GM
// included — confirms it in their own session before it counts, and it finds a requirement
// technical cannot meet, sales fails to negotiate it away and
// refers it to the general manager, whose decision on the page is final; once the contract is
// accepted and confirmed, sales records a change of quantity through the amendment form and the
// page shows the difference and the departments it concerns.
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

interface CaseJson {
  id: string;
  number: string;
  stage: string;
  version: number;
  contractVersion: number;
  requirements: { id: string; text: string }[];
  departments: { department: string; status: string; outcome: string | null; reason: string | null }[];
  issues: { status: string }[];
  amendments: {
    kind: string;
    diff: { field: string; departments: string[] }[];
    affectedDepartments: string[];
  }[];
}

const UNMET = '孔径公差±0.02mm';
const UNMET_REASON = '现有加工中心无法稳定保证±0.02mm孔径公差';

describe.skipIf(!chromiumAvailable())(
  'special contract with a GM decision and an amendment in Chromium',
  () => {
    let server: TestServer;
    let browser: Browser;
    let page: Page;
    let caseUrl = '';
    let caseId = '';
    const pageErrors: string[] = [];

    browserSuite(async (s, b) => {
      server = s;
      browser = b;
      ({ page } = await signedInPage(browser, server.url, 'sales', pageErrors));
    });

    const readCase = async (): Promise<CaseJson> => {
      const res = await page.request.get(`${server.url}/api/contracts/${caseId}`);
      expect(res.status()).toBe(200);
      return (await res.json()) as CaseJson;
    };
    const stage = async (p: Page) => (await p.getByTestId('case-stage').textContent()) ?? '';

    /** Picks an option of the Ant Design select labelled `name` inside `scope`. */
    const choose = async (scope: ReturnType<Page['locator']>, name: string, option: string) => {
      await selectOption(page, scope.getByLabel(name, { exact: true }), option);
    };

    it('opens a special contract through the API; it goes to the review meeting', async () => {
      // The special review group the routing policy names.
      const group = ['sales', 'technical', 'purchasing', 'production', 'quality'] as const;
      const order = manualOrder('special', [...group], {
        receivedAt: new Date().toISOString(),
      });
      // A script writing with the page's cookie names the page's origin, as the page's own fetches do.
      const headers = { origin: server.url };
      const created = await page.request.post(`${server.url}/api/contracts`, { data: order, headers });
      expect(created.status()).toBe(201);
      let c = (await created.json()) as CaseJson;
      caseId = c.id;
      const base = `${server.url}/api/contracts/${caseId}`;
      const edits = c.requirements.map((r) => ({ op: 'accept', requirementId: r.id }));
      const accepted = await page.request.post(`${base}/requirements`, {
        data: { edits, expectedVersion: c.version },
        headers,
      });
      expect(accepted.status()).toBe(200);
      c = (await accepted.json()) as CaseJson;
      const confirmed = await page.request.post(`${base}/requirements/confirm`, {
        data: { expectedVersion: c.version },
        headers,
      });
      expect(confirmed.status()).toBe(200);
      expect(((await confirmed.json()) as CaseJson).stage).toBe('meetingReview');

      caseUrl = `${server.url}/contracts/${encodeURIComponent(caseId)}`;
      await page.goto(caseUrl);
      await expect(stage(page)).resolves.toBe('评审会');
    }, 60_000);

    it('proposes the meeting on the page, where technical cannot meet the tolerance and says why', async () => {
      const attendees = page.locator('fieldset', { hasText: '出席人员' }).first();
      await choose(attendees, '销售部', '王销售（销售部）');
      await choose(attendees, '技术部', '李工（技术部）');
      await choose(attendees, '采购部', '赵采购（采购部）');
      await choose(attendees, '生产部', '孙主管（生产部）');
      await choose(attendees, '质量部', '周质量（质量部）');
      await choose(attendees, '总经理', '郑总（总经理）');
      await page.getByLabel('会议纪要', { exact: true }).fill('逐项评审客户要求，孔径公差超出现有设备能力。');
      const unmet = page.locator('fieldset', { hasText: UNMET });
      await choose(unmet, '评审结论', '不能满足');
      await unmet.getByLabel('说明', { exact: true }).fill(UNMET_REASON);
      await choose(unmet, '不能满足的部门', '技术部');
      await page.keyboard.press('Escape');
      // Axe checks the page, not Ant Design's option list while it animates closed.
      await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
      // The filled-in minutes form passes axe: its decision selects carry no aria-required on a <div>.
      await page.mouse.move(0, 0);
      const violations = await seriousViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await page.getByRole('button', { name: '提交会议纪要，请参加人确认' }).click();

      // Proposed, not yet counted: every department is still pending until the participants confirm.
      const status = page.getByTestId('meeting-status');
      await status.getByTestId('meeting-waiting').waitFor();
      await expect(stage(page)).resolves.toBe('评审会');
      expect((await readCase()).departments.every((d) => d.status === 'pending')).toBe(true);
      await status.getByRole('button', { name: '确认本人出席及会议决定' }).click();
      await expect.poll(async () => (await status.textContent()) ?? '').toContain('还有 5 位参加人未确认');
    }, 90_000);

    it('counts the meeting once each participant confirmed it in their own session', async () => {
      const remaining = { tech: 4, purchasing: 3, production: 2, quality: 1, gm: 0 } as const;
      for (const who of ['tech', 'purchasing', 'production', 'quality', 'gm'] as const) {
        const { context, page: own } = await signedInPage(browser, server.url, who, pageErrors);
        try {
          await own.goto(caseUrl);
          const status = own.getByTestId('meeting-status');
          // Only one's own confirmation is offered; nobody confirms for another.
          await status.getByRole('button', { name: '确认本人出席及会议决定' }).click();
          if (remaining[who] > 0)
            await expect
              .poll(async () => (await status.textContent()) ?? '')
              .toContain(`还有 ${remaining[who]} 位参加人未确认`);
          else await expect.poll(() => stage(own)).toBe('销售协商');
          if (who === 'quality') {
            await own.mouse.move(0, 0);
            const violations = await seriousViolations(own);
            expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
          }
        } finally {
          await context.close();
        }
      }
      await page.reload();
      await expect.poll(() => stage(page)).toBe('销售协商');
      const row = page.getByTestId('department-table').locator('tr', { hasText: '技术部' }).first();
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('不能满足');
      expect(text).toContain(UNMET_REASON);
      await expect(page.getByTestId('issue-list').textContent()).resolves.toContain('待协商');
    }, 90_000);

    it('lets sales record a failed negotiation, which refers the issue to the general manager', async () => {
      await page.getByLabel('客户联系人', { exact: true }).fill('陈经理');
      await page.getByLabel('未达成一致', { exact: true }).check();
      await page.getByLabel('协商内容', { exact: true }).fill('客户坚持±0.02mm，不接受放宽到±0.05mm。');
      await page.getByRole('button', { name: '保存协商记录' }).click();
      await expect.poll(() => stage(page)).toBe('待总经理决定');
      const issues = (await page.getByTestId('issue-list').textContent()) ?? '';
      expect(issues).toContain('待总经理决定');
      expect(issues).toContain('陈经理');
      // Sales cannot decide in the general manager's place.
      await expect(page.getByRole('button', { name: '提交决定' }).count()).resolves.toBe(0);
    }, 60_000);

    it('lets the general manager decide on the page; the decision is shown as final', async () => {
      const { context, page: gm } = await signedInPage(browser, server.url, 'gm', pageErrors);
      try {
        await gm.goto(caseUrl);
        await gm.getByRole('button', { name: '提交决定' }).waitFor();
        // A decision is required: nothing is sent without one.
        await gm.getByRole('button', { name: '提交决定' }).click();
        await expect.poll(() => gm.getByText('此项必填').count()).toBeGreaterThan(0);
        await gm.getByLabel('接受客户要求', { exact: true }).check();
        await gm.getByLabel('理由', { exact: true }).fill('战略客户，外协精加工保证公差。');

        await gm.mouse.move(0, 0); // a hovered button is not what axe should judge
        const violations = await seriousViolations(gm);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

        await gm.getByRole('button', { name: '提交决定' }).click();
        await expect.poll(() => stage(gm)).toBe('待签署结论');
        const issues = (await gm.getByTestId('issue-list').textContent()) ?? '';
        expect(issues).toContain('最终决定');
        expect(issues).toContain('郑总（总经理） 决定：接受客户要求');
        expect(issues).toContain('总经理已决定');
        await expect(gm.getByRole('button', { name: '提交决定' }).count()).resolves.toBe(0);
        await screenshot(gm, 'gm-decision');

        // A special contract's conclusion is the general manager's to sign.
        await gm.getByRole('button', { name: '签署评审结论' }).click();
        await expect.poll(() => stage(gm)).toBe('待反馈客户');
      } finally {
        await context.close();
      }
    }, 120_000);

    it('lets sales answer the customer and record the confirmation', async () => {
      await page.reload();
      await page.getByRole('button', { name: '记录已反馈客户' }).click();
      await expect.poll(() => stage(page)).toBe('待客户确认');
      await page.getByLabel('客户确认凭据（订单号、邮件等）').fill('PO-2027-0042');
      await page.getByRole('button', { name: '记录客户确认' }).click();
      await expect.poll(() => stage(page)).toBe('客户已确认');
    }, 60_000);

    it('records a change of quantity through the amendment form and shows the difference', async () => {
      await page.getByRole('button', { name: '登记合同变更' }).click();
      const form = page.getByTestId('amendment-form');
      await form.waitFor();
      await expect(form.getByLabel('变更记录', { exact: true }).isChecked()).resolves.toBe(true);

      // Checked before it reaches the server: a reason, and something that actually changes.
      await form.getByRole('button', { name: '提交变更' }).click();
      await form.getByText('此项必填').waitFor();
      await form.getByLabel('变更原因', { exact: true }).fill('客户追加订货');
      await form.getByRole('button', { name: '提交变更' }).click();
      await form.getByText('与当前合同相比没有任何变更').waitFor();
      expect((await readCase()).amendments).toEqual([]);

      await form.getByLabel(/^第 1 行 6063-T5 铝型材 数量/).fill('15');
      await page.mouse.move(0, 0);
      const violations = await seriousViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await form.getByRole('button', { name: '提交变更' }).click();
      await form.waitFor({ state: 'detached' });

      const list = page.locator('.ant-card', { hasText: '变更前' });
      const listText = (await list.textContent()) ?? '';
      expect(listText).toContain('变更记录 · v1 → v2');
      expect(listText).toContain('客户追加订货');
      const diffRow = list.locator('tr', { hasText: '数量' }).first();
      const diff = (await diffRow.textContent()) ?? '';
      expect(diff).toContain('12 t');
      expect(diff).toContain('15 t');
      expect(diff).toContain('生产部');
      expect(diff).toContain('采购部');
      await expect(page.getByTestId('amendment-rereview').textContent()).resolves.toBe(
        '变更记录不需重新评审，已通知相关部门知悉：生产部、采购部',
      );
      // A change record keeps the contract confirmed and every sign-off standing.
      await expect(stage(page)).resolves.toBe('客户已确认');
      const c = await readCase();
      expect(c.contractVersion).toBe(2);
      expect(c.departments.every((d) => d.status === 'signed')).toBe(true);
      expect(c.amendments).toEqual([
        expect.objectContaining({
          kind: 'change_record',
          affectedDepartments: [],
          diff: [expect.objectContaining({ field: 'quantity', departments: ['production', 'purchasing'] })],
        }),
      ]);
      await screenshot(page, 'amendment');
    }, 90_000);

    it('raised no uncaught errors in the pages', () => {
      expect(pageErrors).toEqual([]);
    });
  },
);
