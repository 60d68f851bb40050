// The configurable review policy through the real app on both databases: validation with Chinese
// messages naming the field, admin-only changes that leave the database untouched when refused,
// optimistic versions, the audit trail, and the deadline check following a changed budget for a
// case opened before the change (simulated clock).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { openContractCase } from '../../src/contracts/case-repository.js';
import { runDeadlineCheck } from '../../src/contracts/deadline-check.js';
import { loadReviewConfig } from '../../src/contracts/review-config.js';
import { DEFAULT_REVIEW_POLICY, getReviewPolicy } from '../../src/contracts/review-policy.js';
import type { App } from '../../src/server/context.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { appFor, login } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { at, contextFor, manualOrder, notificationsOf, ROUTED, seedPeople } from './support.js';

const clone = <T>(v: T): T => structuredClone(v);

describeEachDatabase('review policy settings', (t) => {
  let app: App;
  let now = at(0);
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    const db = t.store().db;
    await seedPeople(db);
    app = await appFor(t.store(), { clock: () => now });
    for (const department of ['admin', 'quality', 'general_manager'] as const) {
      await createUser(
        db,
        { username: `p-${department}`, password: `pw-${department}-123`, department },
        SYSTEM_ACTORS.cli,
      );
      cookies[department] = await login(app, `p-${department}`, `pw-${department}-123`);
    }
  });
  afterAll(async () => {
    await app.close();
  });
  const put = (who: string, payload: object) =>
    app.inject({
      method: 'PUT',
      url: '/api/settings/review-policy',
      headers: { cookie: cookies[who]! },
      payload,
    });
  const stored = () =>
    t.store().db.selectFrom('settings').selectAll().where('key', '=', 'review_policy').execute();
  const policyAudits = async () =>
    (await auditTrail(t.store().db, { entityType: 'settings' })).filter(
      (a) => a.entityId === 'review_policy',
    );

  it('shows the built-in default as version 0 to the settings page’s readers, and nothing to others', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/settings/review-policy',
      headers: { cookie: cookies.general_manager! },
    });
    expect(res.statusCode).toBe(200);
    // The settings page is the administrator's and the GM's; quality's menu does not show it.
    const quality = await app.inject({
      method: 'GET',
      url: '/api/settings/review-policy',
      headers: { cookie: cookies.quality! },
    });
    expect(quality.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ version: 0, policy: { clock: { budgetHours: 48 } } });
    expect((await app.inject({ method: 'GET', url: '/api/settings/review-policy' })).statusCode).toBe(401);
    const docs = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(docs.paths['/api/settings/review-policy'] ?? {}).sort()).toEqual(['get', 'put']);
    expect(docs.paths['/api/contracts/{id}/attachments']).toHaveProperty('post');
    expect(docs.paths['/api/settings/mail/retry']).toHaveProperty('post');
  });

  it('refuses a non-administrator with 403 and leaves the database as it was', async () => {
    const policy = clone(DEFAULT_REVIEW_POLICY);
    policy.clock.budgetHours = 24;
    policy.clock.reminderHours = [12];
    for (const who of ['quality', 'general_manager']) {
      const res = await put(who, { expectedVersion: 0, policy });
      expect(res.statusCode).toBe(403);
    }
    expect(await stored()).toEqual([]);
    expect(await policyAudits()).toEqual([]);
  });

  it('names each bad field in Chinese and stores nothing', async () => {
    const policy = clone(DEFAULT_REVIEW_POLICY) as unknown as {
      clock: { budgetHours: number; reminderHours: number[] };
      meetingQuorum: { mustInclude: string[] };
    };
    policy.clock.budgetHours = 0;
    let res = await put('admin', { expectedVersion: 0, policy });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('反馈时限（budgetHours）必须大于 0');
    expect(res.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/policy/clock/budgetHours' })]),
    );

    policy.clock.budgetHours = 24;
    policy.clock.reminderHours = [12, 30];
    res = await put('admin', { expectedVersion: 0, policy });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('提醒时间 30 小时必须早于反馈时限 24 小时');
    expect(res.json().errors).toEqual([expect.objectContaining({ path: '/policy/clock/reminderHours/1' })]);

    policy.clock.reminderHours = [12];
    policy.meetingQuorum.mustInclude = ['technical', 'marketing'];
    res = await put('admin', { expectedVersion: 0, policy });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('必须出席的部门（mustInclude）只能是');
    expect(res.json().errors).toEqual([
      expect.objectContaining({ path: '/policy/meetingQuorum/mustInclude/1' }),
    ]);

    // The GM's meeting deputy must be a user who can confirm the meeting.
    policy.meetingQuorum.mustInclude = ['technical'];
    (policy.meetingQuorum as { gmDeputy?: string }).gmDeputy = 'ghost';
    res = await put('admin', { expectedVersion: 0, policy });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('gmDeputy');
    expect(res.json().errors).toEqual([expect.objectContaining({ path: '/policy/meetingQuorum/gmDeputy' })]);
    expect(await stored()).toEqual([]);
  });

  it('saves with the version read, audits before and after, and answers a stale version with 409', async () => {
    const policy = clone(DEFAULT_REVIEW_POLICY);
    policy.meetingQuorum = { minDepartments: 2, mustInclude: ['technical'] };
    const saved = await put('admin', { expectedVersion: 0, policy });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, policy: { meetingQuorum: { minDepartments: 2 } } });

    const stale = await put('admin', { expectedVersion: 0, policy: DEFAULT_REVIEW_POLICY });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'STALE_VERSION', currentVersion: 1 });
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.version)).toBe(1);
    expect(JSON.parse(rows[0]!.value).meetingQuorum.minDepartments).toBe(2);

    const audits = await policyAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'settings.updated',
      actorDepartment: 'admin',
      before: { version: 0, policy: { meetingQuorum: { minDepartments: 3 } } },
      after: { version: 1, policy: { meetingQuorum: { minDepartments: 2 } } },
    });
    expect((await loadReviewConfig(t.store().db)).meetingQuorum).toEqual({
      minDepartments: 2,
      mustInclude: ['technical'],
    });
  });

  it('moves the reminders and escalation of a case opened under the old budget', async () => {
    const db = t.store().db;
    const opened = await openContractCase(db, manualOrder('regular', ROUTED), await contextFor(db, 0));
    const wakeOf = async () =>
      (
        await db
          .selectFrom('review_cases')
          .select('next_wake_at')
          .where('contract_id', '=', opened.contractId)
          .executeTakeFirstOrThrow()
      ).next_wake_at;
    expect(await wakeOf()).toBe(at(24).toISOString());

    // At hour 2 the policy shrinks to 8 h: remind the owner at 4 h, escalate to the sales manager at 8 h.
    now = at(2);
    const current = await getReviewPolicy(db);
    const policy = clone(current.policy);
    policy.clock = {
      ...policy.clock,
      budgetHours: 8,
      reminderHours: [4],
      escalations: [{ atHours: 8, to: ['sales_manager'] }],
    };
    const res = await put('admin', { expectedVersion: current.version, policy });
    expect(res.statusCode).toBe(200);
    expect(res.json().rescheduledCases).toBeGreaterThanOrEqual(1);
    expect(await wakeOf()).toBe(at(4).toISOString());
    const contract = await db
      .selectFrom('contracts')
      .select('feedback_due_at')
      .where('id', '=', opened.contractId)
      .executeTakeFirstOrThrow();
    expect(contract.feedback_due_at).toBe(at(8).toISOString());

    const config = await loadReviewConfig(db);
    const firedFor = async (hours: number) =>
      (await runDeadlineCheck(db, at(hours), config)).fired.filter((f) => f.contractId === opened.contractId);
    expect(await firedFor(3.9)).toEqual([]);
    expect((await firedFor(4))[0]?.notifications).toEqual(['deadline_reminder']);
    expect(await notificationsOf(db, opened.contractId, 'deadline_reminder')).toEqual(['li.sales']);
    expect((await firedFor(8))[0]?.notifications).toEqual(['deadline_escalation']);
    expect(await notificationsOf(db, opened.contractId, 'deadline_escalation')).toEqual(['wang.sm']);
    // The old 24-h reminder no longer exists, so nothing more fires.
    expect(await firedFor(30)).toEqual([]);

    now = at(9);
    const page = await app.inject({
      method: 'GET',
      url: `/api/contracts/${opened.number}`,
      headers: { cookie: cookies.quality! },
    });
    expect(page.json().feedbackClock).toMatchObject({ deadline: at(8).toISOString(), overdue: true });
  });
});
