// Voiding feedback through the real app on both databases: an entry recorded by mistake is voided
// with a reason (never without one), stays readable with who/when/why, drops out of lists and KPIs,
// cannot be edited or moved any more, and leaves an audit row with the reason.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import type { App } from '../../src/server/context.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { appFor, login } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';

describeEachDatabase('feedback void', (t) => {
  let app: App;
  const cookies: Record<string, string> = {};
  let keepId = '';
  let mistakeId = '';
  beforeAll(async () => {
    app = await appFor(t.store(), { clock: () => new Date('2026-03-10T03:00:00Z') });
    for (const department of ['sales', 'quality', 'technical']) {
      await createUser(
        t.store().db,
        { username: `v-${department}`, password: `pw-${department}-123`, department },
        SYSTEM_ACTORS.cli,
      );
      cookies[department] = await login(app, `v-${department}`, `pw-${department}-123`);
    }
    const record = async (text: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/feedback',
          headers: as('sales'),
          payload: { text, receivedAt: '2026-03-09T02:00:00.000Z', kind: 'complaint' },
        })
      ).json().id as string;
    keepId = await record('型材表面划伤，要求8D报告。');
    mistakeId = await record('型材表面划伤，要求8D报告。（重复登记）');
  });
  afterAll(async () => {
    await app.close();
  });
  const as = (d: string) => ({ cookie: cookies[d]! });
  const kpiComplaints = async () =>
    (
      await app.inject({
        method: 'GET',
        url: '/api/kpis?from=2026-03-01&to=2026-03-31',
        headers: as('quality'),
      })
    ).json().complaints.total as number;

  it('refuses to void without a reason, and technical may not void', async () => {
    const blank = await app.inject({
      method: 'POST',
      url: `/api/feedback/${mistakeId}/void`,
      headers: as('quality'),
      payload: { reason: '  ' },
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].path).toContain('reason');
    const tech = await app.inject({
      method: 'POST',
      url: `/api/feedback/${mistakeId}/void`,
      headers: as('technical'),
      payload: { reason: '重复登记的投诉' },
    });
    expect(tech.statusCode).toBe(403);
  });

  it('voids with a reason: kept with who and why, out of the list and the KPIs, audited', async () => {
    expect(await kpiComplaints()).toBe(2);
    const res = await app.inject({
      method: 'POST',
      url: `/api/feedback/${mistakeId}/void`,
      headers: as('quality'),
      payload: { reason: '重复登记的投诉' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: mistakeId,
      voidReason: '重复登记的投诉',
      voidedAt: '2026-03-10T03:00:00.000Z',
    });
    expect(res.json().voidedBy).toBeTruthy();

    const list = await app.inject({ method: 'GET', url: '/api/feedback', headers: as('sales') });
    expect(list.json().items.map((f: { id: string }) => f.id)).toEqual([keepId]);
    const voided = await app.inject({
      method: 'GET',
      url: '/api/feedback?voided=only',
      headers: as('sales'),
    });
    expect(voided.json()).toMatchObject({ total: 1, items: [{ id: mistakeId }] });
    const one = await app.inject({ method: 'GET', url: `/api/feedback/${mistakeId}`, headers: as('sales') });
    expect(one.json().voidReason).toBe('重复登记的投诉');
    expect(await kpiComplaints()).toBe(1);
    // Nor does the workbench list it, nor the dashboard count it.
    const bench = await app.inject({ method: 'GET', url: '/api/workbench', headers: as('sales') });
    expect(bench.json().recentComplaints.map((f: { id: string }) => f.id)).toEqual([keepId]);
    const dash = await app.inject({ method: 'GET', url: '/api/dashboard?days=3660', headers: as('sales') });
    const causes = dash.json().complaintsByCause as { count: number }[];
    expect(causes.reduce((n, c) => n + c.count, 0)).toBe(1);

    const trail = await auditTrail(t.store().db, { entityId: mistakeId });
    const entry = trail.find((e) => e.action === 'feedback.voided');
    expect(entry?.after).toEqual({ reason: '重复登记的投诉' });
  });

  it('freezes a voided entry: no edit, no 8D step, no second void', async () => {
    const edit = await app.inject({
      method: 'PUT',
      url: `/api/feedback/${mistakeId}`,
      headers: as('quality'),
      payload: { text: '改写' },
    });
    expect(edit.statusCode).toBe(409);
    const move = await app.inject({
      method: 'POST',
      url: `/api/feedback/${mistakeId}/transition`,
      headers: as('quality'),
      payload: { to: 'investigating', containment: '隔离库存' },
    });
    expect(move.statusCode).toBe(409);
    const again = await app.inject({
      method: 'POST',
      url: `/api/feedback/${mistakeId}/void`,
      headers: as('quality'),
      payload: { reason: '再次作废' },
    });
    expect(again.statusCode).toBe(409);
  });
});
