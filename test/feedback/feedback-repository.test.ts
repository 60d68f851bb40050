// The customer side against real databases: recording analyses the text, the 8D flow is
// enforced, overdue follows the given clock, and KPIs and the capability evaluation read the
// contract, review, requirement and CSR tables the review workflow fills.
import { expect, it } from 'vitest';
import { createCustomer } from '../../src/customers/customer-repository.js';
import {
  createAction,
  getEvaluation,
  kpisFor,
  listActions,
  listFeedback,
  periodOf,
  raiseActionFromFinding,
  recordFeedback,
  recordSurvey,
  runEvaluation,
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

  it('evaluates the requirement-identification capability from contracts, reviews and CSR', async () => {
    const d = db();
    const at = '2026-03-01T00:00:00.000Z';
    const contract = (id: string, number: string, cls: string, analysisId: string | null) => ({
      id,
      number,
      customer_id: customerId,
      customer_name: '江苏恒驰汽车零部件有限公司',
      class: cls,
      status: 'confirmed',
      version: 1,
      analysis_id: analysisId,
      received_at: at,
      feedback_due_at: '2026-03-03T00:00:00.000Z',
      customer_timezone: 'Asia/Shanghai',
      created_at: at,
      updated_at: at,
    });
    await d
      .insertInto('analyses')
      .values({
        id: 'an-1',
        ref_date: '2026-03-01',
        engine_version: 't',
        result: JSON.stringify({ contract: { class: 'special' } }),
        created_at: at,
      })
      .execute();
    await d
      .insertInto('contracts')
      .values([
        contract('k1', 'HT-2026-0001', 'regular', 'an-1'),
        contract('k2', 'HT-2026-0002', 'regular', null),
      ])
      .execute();
    const req = (id: string, contractId: string) => ({
      id,
      contract_id: contractId,
      text: '外观等级 A',
      category: 'quality',
      kind: 'explicit',
      analysis_id: null,
      special: 0,
      special_rule: null,
      priority: 'normal',
      status: 'accepted',
      span_start: null,
      span_end: null,
      links: null,
      version: 1,
      created_by: null,
      created_at: at,
      updated_at: at,
    });
    await d
      .insertInto('requirements')
      .values([req('r1', 'k1'), req('r2', 'k1'), req('r3', 'k2'), req('r4', 'k2')])
      .execute();
    await d
      .insertInto('review_events')
      .values({
        id: 'e1',
        contract_id: 'k1',
        revision: 1,
        type: 'CONFIRM_REQUIREMENTS',
        payload: '{}',
        at: '2026-03-01T02:00:00.000Z',
      })
      .execute();
    const review = (id: string, contractId: string, signedAt: string | null) => ({
      id,
      contract_id: contractId,
      contract_version: 1,
      department: 'quality',
      status: signedAt ? 'signed' : 'pending',
      signed_at: signedAt,
      created_at: at,
      updated_at: at,
    });
    await d
      .insertInto('reviews')
      .values([
        review('v1', 'k1', '2026-03-02T00:00:00.000Z'),
        review('v2', 'k2', '2026-03-01T06:00:00.000Z'),
      ])
      .execute();
    await d
      .insertInto('amendments')
      .values({
        id: 'm1',
        contract_id: 'k1',
        kind: 'change_clause',
        from_version: 1,
        to_version: 2,
        description: '补充外观要求',
        diff: JSON.stringify([{ path: 'requirements[R3]', field: 'requirement', before: null, after: {} }]),
        affected_departments: '[]',
        created_at: at,
      })
      .execute();

    const now = new Date('2026-04-01T00:00:00Z');
    const e = await runEvaluation(
      d,
      { ...actor, name: '质量部 王工' },
      periodOf('2026-03-01', '2026-03-31', now),
      now,
    );
    const byKey = Object.fromEntries(e.indicators.map((i) => [i.key, i]));
    expect(byKey.confirmed_before_review).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(byKey.requirements_stable).toMatchObject({ numerator: 1, denominator: 4, score: 75 });
    expect(byKey.complaints_not_from_missed_requirements).toMatchObject({
      numerator: 1,
      denominator: 1,
      score: 0,
    });
    expect(byKey.csr_coverage).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    expect(byKey.review_lead_time).toMatchObject({ numerator: 2, value: 15 });
    expect(byKey.special_detection_agreement).toMatchObject({ numerator: 0, denominator: 1 });
    expect(e.grade).toBe('D');
    expect(e.evaluatorName).toBe('质量部 王工');
    expect(e.findings.find((f) => f.indicator === 'confirmed_before_review')!.text).toContain('HT-2026-0002');
    expect(await getEvaluation(d, e.id)).toEqual(e);

    const raised = await raiseActionFromFinding(d, actor, e.id, 'csr_coverage', { dueDate: '2026-04-30' });
    expect(raised).toMatchObject({ evaluationId: e.id, ownerDepartment: 'quality', dueDate: '2026-04-30' });
    expect(raised.title).toContain('CSR');
    await expect(raiseActionFromFinding(d, actor, e.id, 'review_lead_time')).rejects.toThrow(
      /needs no action/,
    );
  });
});
