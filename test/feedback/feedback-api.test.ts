// The feedback API through the real app with signed-in users: departments, the 8D transition,
// paging, satisfaction, actions with overdue by the server clock and KPIs (evaluations:
// capability-api.test.ts).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { appFor, login } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';

describeEachDatabase('feedback API', (t) => {
  let app: App;
  let clock = new Date('2026-03-02T03:00:00Z');
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    app = await appFor(t.store(), { clock: () => clock });
    for (const department of ['sales', 'quality', 'technical']) {
      await createUser(
        t.store().db,
        { username: `f-${department}`, password: `pw-${department}-123`, department },
        SYSTEM_ACTORS.cli,
      );
      cookies[department] = await login(app, `f-${department}`, `pw-${department}-123`);
    }
  });
  afterAll(async () => {
    await app.close();
  });
  const as = (d: string) => ({ cookie: cookies[d]! });
  /** Moves the server clock; sessions last hours, so everyone signs in again. */
  async function advanceTo(instant: string) {
    clock = new Date(instant);
    for (const department of Object.keys(cookies)) {
      cookies[department] = await login(app, `f-${department}`, `pw-${department}-123`);
    }
  }
  let customerId = '';
  let complaintId = '';

  it('lets sales record a complaint and analyses it; technical may only read', async () => {
    const c = await app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: as('sales'),
      payload: { name: '广东粤华门窗幕墙工程有限公司' },
    });
    customerId = c.json().id;
    const res = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: as('sales'),
      payload: {
        customerId,
        channel: 'wechat',
        text: '这批货又延期了三天，导致我们停线，非常不满意。',
        receivedAt: '2026-03-02T10:00:00+08:00',
      },
    });
    expect(res.statusCode).toBe(201);
    complaintId = res.json().id;
    expect(res.json()).toMatchObject({
      kind: 'complaint',
      cause: 'delivery',
      sentiment: 'negative',
      receivedAt: '2026-03-02T02:00:00.000Z',
      status: 'open',
    });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: as('technical'),
      payload: { text: '好', receivedAt: '2026-03-02T10:00:00Z' },
    });
    expect(refused.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: as('quality'),
      payload: { text: '', receivedAt: 'yesterday' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['/receivedAt', '/text']);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: as('quality'),
      payload: { customerId: 'nope', text: '好', receivedAt: '2026-03-02T10:00:00Z' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: `/api/feedback/${complaintId}`, headers: as('technical') }))
        .statusCode,
    ).toBe(200);
  });

  it('lists with filters and pagination as {items,total}', async () => {
    for (const text of ['感谢按时交货，质量很好！', '包装破损，纸箱压坏了']) {
      await app.inject({
        method: 'POST',
        url: '/api/feedback',
        headers: as('quality'),
        payload: { customerId, text, receivedAt: '2026-03-03T02:00:00Z' },
      });
    }
    const page = await app.inject({
      method: 'GET',
      url: '/api/feedback?pageSize=2&page=1',
      headers: as('technical'),
    });
    expect(page.json().total).toBe(3);
    expect(page.json().items).toHaveLength(2);
    const complaints = await app.inject({
      method: 'GET',
      url: '/api/feedback?kind=complaint&cause=packaging',
      headers: as('technical'),
    });
    expect(complaints.json().items.map((i: { text: string }) => i.text)).toEqual(['包装破损，纸箱压坏了']);
    const march2 = await app.inject({
      method: 'GET',
      url: '/api/feedback?from=2026-03-02&to=2026-03-02',
      headers: as('technical'),
    });
    expect(march2.json().total).toBe(1);
  });

  it('analyses edited text again and keeps fields the edit leaves out', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: as('quality'),
      payload: {
        customerId,
        productCode: 'AL-100',
        text: '这批货又延期了',
        receivedAt: '2026-03-04T02:00:00Z',
      },
    });
    const id = created.json().id;
    const edited = await app.inject({
      method: 'PUT',
      url: `/api/feedback/${id}`,
      headers: as('sales'),
      payload: { text: '包装破损，纸箱压坏了' },
    });
    expect(edited.json()).toMatchObject({ cause: 'packaging', productCode: 'AL-100', customerId });
    const tech = await app.inject({
      method: 'PUT',
      url: `/api/feedback/${id}`,
      headers: as('technical'),
      payload: { text: 'x' },
    });
    expect(tech.statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/feedback/${id}`, headers: as('sales') })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/feedback/${id}`, headers: as('quality') })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: `/api/feedback/${id}`, headers: as('quality') })).statusCode,
    ).toBe(404);
  });

  it('moves a complaint along the 8D flow with clear errors', async () => {
    const url = `/api/feedback/${complaintId}/transition`;
    const missing = await app.inject({
      method: 'POST',
      url,
      headers: as('quality'),
      payload: { to: 'investigating' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe('/containment');
    const skip = await app.inject({
      method: 'POST',
      url,
      headers: as('quality'),
      payload: { to: 'closed', verification: 'ok' },
    });
    expect(skip.statusCode).toBe(409);
    const ok = await app.inject({
      method: 'POST',
      url,
      headers: as('quality'),
      payload: { to: 'investigating', containment: '加急补货 500 件' },
    });
    expect(ok.json()).toMatchObject({ status: 'investigating', containment: '加急补货 500 件' });
  });

  it('reports overdue actions by the server clock and lets only the owner or quality update them', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/improvement-actions',
      headers: as('quality'),
      payload: {
        feedbackId: complaintId,
        title: '建立交期预警',
        ownerDepartment: 'production',
        dueDate: '2026-03-05',
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await advanceTo('2026-03-06T01:00:00Z');
    const overdue = await app.inject({
      method: 'GET',
      url: '/api/improvement-actions?overdue=1',
      headers: as('technical'),
    });
    expect(overdue.json().items.map((a: { id: string; overdue: boolean }) => [a.id, a.overdue])).toEqual([
      [id, true],
    ]);
    const tech = await app.inject({
      method: 'PUT',
      url: `/api/improvement-actions/${id}`,
      headers: as('technical'),
      payload: { status: 'in_progress' },
    });
    expect(tech.statusCode).toBe(403);
    const sales = await app.inject({
      method: 'PUT',
      url: `/api/improvement-actions/${id}`,
      headers: as('sales'),
      payload: { status: 'closed', result: '预警已上线' },
    });
    expect(sales.statusCode).toBe(403);
    const q = await app.inject({
      method: 'PUT',
      url: `/api/improvement-actions/${id}`,
      headers: as('quality'),
      payload: { status: 'closed', result: '预警已上线', effectiveness: 'effective' },
    });
    expect(q.json()).toMatchObject({
      status: 'closed',
      overdue: false,
      closedAt: '2026-03-06T01:00:00.000Z',
    });
  });

  it('records satisfaction surveys and returns the trend', async () => {
    const post = (period: string, scale: number, scores: object) =>
      app.inject({
        method: 'POST',
        url: '/api/satisfaction',
        headers: as('sales'),
        payload: { customerId, period, scale, scores },
      });
    expect((await post('2026-01', 5, { quality: 3, delivery: 3 })).statusCode).toBe(201);
    expect((await post('2026-02', 100, { quality: 80, delivery: 70 })).statusCode).toBe(201);
    expect((await post('2026-02', 100, { quality: 80 })).statusCode).toBe(409);
    const bad = await post('2026-03', 5, { quality: 9 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('/scores/quality');
    const res = await app.inject({
      method: 'GET',
      url: `/api/satisfaction?customerId=${customerId}`,
      headers: as('technical'),
    });
    expect(
      res
        .json()
        .trend.map((p: { period: string; index: number; change: number | null }) => [
          p.period,
          p.index,
          p.change,
        ]),
    ).toEqual([
      ['2026-01', 50, null],
      ['2026-02', 75, 25],
    ]);
  });

  it('serves KPIs for a period and rejects a reversed one', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/kpis?from=2026-01-01&to=2026-03-31',
      headers: as('technical'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      period: { from: '2026-01-01', to: '2026-03-31' },
      feedbackTotal: 3,
      complaints: { total: 2 },
      openComplaints: 2,
      actionClosure: { closed: 1, onTime: 0, rate: 0 },
      satisfactionIndex: 62.5,
      feedback48h: { due: 0, rate: null },
    });
    const reversed = await app.inject({
      method: 'GET',
      url: '/api/kpis?from=2026-03-31&to=2026-01-01',
      headers: as('technical'),
    });
    expect(reversed.statusCode).toBe(400);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, object>;
    };
    for (const p of [
      '/api/feedback',
      '/api/feedback/{id}',
      '/api/feedback/{id}/transition',
      '/api/satisfaction',
      '/api/improvement-actions',
      '/api/kpis',
      '/api/capability-evaluations',
      '/api/capability-evaluations/{id}/actions',
      '/api/capability-evaluations/{id}/report.pdf',
      '/api/capability/settings',
      '/api/csr/evaluations',
      '/api/csr/{csrId}/evaluation',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
