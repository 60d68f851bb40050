// The to-do bell in a real browser against the real server: sales proposes the review meeting of a
// special contract, the general manager signs in and the bell in the top bar counts his to-do;
// clicking it opens the case at the meeting, where he confirms his attendance and the to-do is gone.
// A department user outside the meeting opening the same case is offered no step at all.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { manualOrder } from '../contracts/support.js';
import {
  browserSuite,
  chromiumAvailable,
  screenshot,
  seriousViolations,
  signedInPage,
  type TestServer,
} from './harness.js';

interface CaseJson {
  id: string;
  number: string;
  stage: string;
  version: number;
  requirements: { id: string }[];
}

describe.skipIf(!chromiumAvailable())('to-dos and the notification bell in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let sales: Page;
  let c: CaseJson;
  const pageErrors: string[] = [];

  browserSuite(async (s, b) => {
    server = s;
    browser = b;
    ({ page: sales } = await signedInPage(browser, server.url, 'sales', pageErrors, {
      errorPrefix: 'sales: ',
    }));
  });

  const bell = (p: Page) => p.getByTestId('notification-bell');
  const label = (p: Page) => p.getByTestId('bell-label');

  it('sales opens a special contract and proposes its review meeting', async () => {
    const headers = { origin: server.url };
    const post = async (url: string, data: object) => {
      const res = await sales.request.post(`${server.url}${url}`, { data, headers });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return (await res.json()) as CaseJson;
    };
    c = await post(
      '/api/contracts',
      manualOrder('special', ['sales', 'technical', 'purchasing', 'production', 'quality'], {
        receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      }),
    );
    const base = `/api/contracts/${c.id}`;
    c = await post(`${base}/requirements`, {
      edits: c.requirements.map((r) => ({ op: 'accept', requirementId: r.id })),
    });
    c = await post(`${base}/requirements/confirm`, {});
    expect(c.stage).toBe('meetingReview');
    const candidates = (await (
      await sales.request.get(`${server.url}${base}/meeting-candidates`)
    ).json()) as {
      items: { userId: string; department: string; ownDepartment: string }[];
    };
    const one = (department: string) => {
      const p = candidates.items.find((x) => x.department === department && x.ownDepartment === department);
      if (!p) throw new Error(`no ${department} candidate`);
      return { userId: p.userId, department };
    };
    c = await post(`${base}/meeting`, {
      heldAt: new Date().toISOString(),
      minutes: '逐项评审客户要求，均可满足。',
      participants: ['sales', 'technical', 'quality', 'general_manager'].map(one),
      decisions: c.requirements.map((r) => ({
        requirementId: r.id,
        outcome: 'can_meet',
        note: '可满足',
        departments: [],
      })),
    });
    expect(c.stage).toBe('meetingReview');
  }, 60_000);

  it('the GM signs in, the bell counts his to-do, and clicking it opens the case at the meeting', async () => {
    const { context, page: gm } = await signedInPage(browser, server.url, 'gm', pageErrors, {
      errorPrefix: 'gm: ',
    });
    try {
      await expect.poll(async () => (await label(gm).textContent()) ?? '').toMatch(/1 项待办/);
      await bell(gm).click();
      const todos = gm.getByTestId('bell-todos');
      const item = todos.getByTestId('todo-item').filter({ hasText: c.number });
      await expect(item.textContent()).resolves.toContain('确认本人出席评审会议及决定');
      await gm.mouse.move(0, 0);
      const violations = await seriousViolations(gm);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await screenshot(gm, 'todo-bell');

      await item.getByRole('link').click();
      await gm.waitForURL(`**/contracts/${c.id}#meeting`);
      const status = gm.getByTestId('meeting-status');
      await status.getByRole('button', { name: '确认本人出席及会议决定' }).click();
      await expect.poll(async () => (await status.textContent()) ?? '').toContain('还有 3 位参加人未确认');
      // Done: the to-do leaves the bell at once.
      await expect.poll(async () => (await label(gm).textContent()) ?? '').toMatch(/0 项待办/);
      await expect(status.getByRole('button', { name: '确认本人出席及会议决定' }).count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('a department user outside the meeting sees the case but is offered none of its steps', async () => {
    const { context, page: production } = await signedInPage(browser, server.url, 'production', pageErrors, {
      errorPrefix: 'production: ',
    });
    try {
      await production.goto(`${server.url}/contracts/${c.id}`);
      await production.getByTestId('meeting-status').waitFor();
      await expect(production.getByTestId('case-stage').textContent()).resolves.toBe('评审会');
      const steps = ['确认本人出席及会议决定', '修改纪要（已有确认将作废）'];
      for (const name of steps)
        await expect(production.getByRole('button', { name }).count(), name).resolves.toBe(0);
      await expect.poll(async () => (await label(production).textContent()) ?? '').toMatch(/0 项待办/);
      // The organiser, a participant too, is offered both on the same page.
      await sales.goto(`${server.url}/contracts/${c.id}`);
      for (const name of steps) await sales.getByRole('button', { name }).waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
