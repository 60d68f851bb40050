// The customer side against real databases: recording analyses the text, the 8D flow is
// enforced, overdue follows the given clock, and KPIs read the tables the review workflow fills
// (the capability evaluation: capability-api.test.ts).
import { expect, it } from 'vitest';
import { createCustomer } from '../../src/customers/customer-repository.js';
import {
  createAction,
  kpisFor,
  listActions,
  listFeedback,
  periodOf,
  recordFeedback,
  recordSurvey,
  transitionFeedback,
  updateAction,
  updateFeedback,
} from '../../src/feedback/index.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';

const actor = SYSTEM_ACTORS.cli;

describeEachDatabase('feedback repository', (t) => {
  const db = () => t.store().db;
  let customerId = '';
  let complaintId = '';

  it('records a complaint with sentiment, intent, categories, an explained cause and an 8D due date', async () => {
    const c = await createCustomer(db(), actor, {
      name: '江苏恒驰汽车零部件有限公司',
      shortName: '恒驰',
      firstOrderYear: 2018,
      industry: '汽车零部件',
      notes: null,
    });
    customerId = c.id;
    const f = await recordFeedback(
      db(),
      actor,
      {
        customerId,
        channel: 'email',
        text: '上周到货的铝壳体有划伤，尺寸超差，要求退货并提供8D报告。',
        receivedAt: '2026-03-02T02:00:00.000Z',
      },
      new Date('2026-03-02T03:00:00Z'),
    );
    complaintId = f.id;
    expect(f).toMatchObject({
      kind: 'complaint',
      sentiment: 'negative',
      intent: 'complaint',
      cause: 'quality',
      status: 'open',
      customerName: '江苏恒驰汽车零部件有限公司',
    });
    expect(f.sentimentScore).toBeLessThan(0);
    expect(f.categories).toContain('quality');
    expect(f.causeExplanation).toContain('划伤');
    expect(f.dueAt).toBe('2026-03-12T02:00:00.000Z');
    const trail = await auditTrail(db(), { entityType: 'feedback', entityId: f.id });
    expect(trail.map((a) => a.action)).toEqual(['feedback.created']);
  });

  it('records praise as feedback without a cause or a due date', async () => {
    const f = await recordFeedback(db(), actor, {
      customerId,
      text: '感谢贵司这次按时交货，质量很好，合作愉快！',
      receivedAt: '2026-03-05T02:00:00.000Z',
    });
    expect(f).toMatchObject({ kind: 'feedback', sentiment: 'positive', cause: null, dueAt: null });
  });

  it('keeps a cause set by hand and lists with filters', async () => {
    const f = await updateFeedback(db(), actor, complaintId, { cause: 'documentation' });
    expect(f.cause).toBe('documentation');
    expect(f.causeExplanation).toContain('人工指定');
    await updateFeedback(db(), actor, complaintId, { cause: 'quality' });
    const complaints = await listFeedback(db(), { kind: 'complaint', customerId });
    expect(complaints.total).toBe(1);
    const search = await listFeedback(db(), { search: '恒驰' });
    expect(search.total).toBe(2);
    const overdue = await listFeedback(db(), { overdue: true }, new Date('2026-03-20T00:00:00Z'));
    expect(overdue.items.map((i) => i.id)).toEqual([complaintId]);
    expect(overdue.items[0]!.overdue).toBe(true);
    expect((await listFeedback(db(), { overdue: true }, new Date('2026-03-03T00:00:00Z'))).total).toBe(0);
  });

  it('walks the 8D flow and refuses a step without its evidence', async () => {
    await expect(transitionFeedback(db(), actor, complaintId, 'investigating')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await transitionFeedback(
      db(),
      actor,
      complaintId,
      'investigating',
      { containment: '隔离在库与在途品 1200 件' },
      new Date('2026-03-03T00:00:00Z'),
    );
    await expect(
      transitionFeedback(db(), actor, complaintId, 'closed', { verification: 'x' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await transitionFeedback(db(), actor, complaintId, 'action', {
      rootCause: '客户要求的外观等级未在评审中识别',
      rootCauseType: 'requirement_not_identified',
      correctiveAction: '外观要求加入评审检查表',
    });
    const closed = await transitionFeedback(
      db(),
      actor,
      complaintId,
      'closed',
      { verification: '连续 3 批无划伤' },
      new Date('2026-03-09T02:00:00Z'),
    );
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-03-09T02:00:00.000Z', overdue: false });
  });

  it('detects overdue actions with the given clock and needs a result to close', async () => {
    const a = await createAction(
      db(),
      actor,
      { feedbackId: complaintId, title: '更新外观检查表', ownerDepartment: 'quality', dueDate: '2026-03-10' },
      new Date('2026-03-03T00:00:00Z'),
    );
    expect(a.overdue).toBe(false);
    expect((await listActions(db(), { overdue: true }, new Date('2026-03-10T15:00:00Z'))).total).toBe(0);
    expect((await listActions(db(), { overdue: true }, new Date('2026-03-10T16:30:00Z'))).total).toBe(1);
    await expect(updateAction(db(), actor, a.id, { status: 'closed' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const done = await updateAction(
      db(),
      actor,
      a.id,
      { status: 'closed', result: '检查表 V3 已发布', effectiveness: 'effective' },
      new Date('2026-03-09T01:00:00Z'),
    );
    expect(done).toMatchObject({
      status: 'closed',
      closedAt: '2026-03-09T01:00:00.000Z',
      effectiveness: 'effective',
      overdue: false,
    });
  });

  it('computes KPIs from feedback, actions, surveys and contracts', async () => {
    await recordSurvey(db(), actor, {
      customerId,
      period: '2026-Q1',
      scale: 5,
      scores: { quality: 4, delivery: 5, service: 3 },
    });
    await expect(
      recordSurvey(db(), actor, { customerId, period: '2026-Q1', scale: 5, scores: { quality: 4 } }),
    ).rejects.toThrow(/already exists/);
    await expect(
      recordSurvey(db(), actor, { customerId, period: '2026-Q2', scale: 5, scores: { quality: 7 } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const now = new Date('2026-04-01T00:00:00Z');
    const k = await kpisFor(db(), periodOf('2026-03-01', '2026-03-31', now), now);
    expect(k.complaints.total).toBe(1);
    expect(k.complaints.byCause.quality).toBe(1);
    expect(k.meanDaysToClose).toBe(7);
    expect(k.actionClosure).toEqual({ closed: 1, onTime: 1, rate: 100 });
    expect(k.satisfactionIndex).toBe(75);
    expect(k.complaintRatePer100Contracts).toBeNull();
    expect(k.feedback48h.rate).toBeNull();
  });
});
