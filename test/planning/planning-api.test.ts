// Requirement planning through the real app on both databases: a case's requirements get a priority
// from their category, kind and the analysis' reading until a reviewer rates urgency, importance and
// cost, and the list sorts by it; an accepted requirement becomes a plan item that shows up as its
// owner's to-do, turns overdue after its due date, is counted on the dashboard and exported; and
// requirements marked for suppliers are listed per supplier for purchasing, who records each as
// passed on. Departments the matrix does not list are refused and nothing is written.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/server/context.js';
import { auditTrail } from '../../src/store/audit.js';
import { type Plant, regularOrder, seedPlant, type Who } from '../contracts/http-case.js';
import { appFor } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';

// 09:00 in Shanghai on Monday 23 November 2026.
const START = Date.parse('2026-11-23T01:00:00.000Z');

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API under test
type Json = Record<string, any>;

const REQUIREMENTS = [
  {
    text: '每批提供材质证明',
    category: 'documentation',
    kind: 'explicit',
    special: false,
    priority: 'normal',
  },
  { text: '关键尺寸全检，CPK≥1.67', category: 'quality', kind: 'explicit', special: false, priority: 'high' },
  { text: '木箱包装', category: 'packaging', kind: 'explicit', special: false, priority: 'low' },
  { text: '符合 RoHS 指令', category: 'regulatory', kind: 'statutory', special: false, priority: 'normal' },
];

describeEachDatabase('requirement planning', (t) => {
  let app: App;
  let plant: Plant;
  let now = new Date(START);
  let caseId = '';
  let planId = '';
  const put = (who: Who, url: string, payload: object) =>
    app.inject({ method: 'PUT', url, headers: plant.as(who), payload });
  const del = (who: Who, url: string) => app.inject({ method: 'DELETE', url, headers: plant.as(who) });
  const planning = async (who: Who = 'sales'): Promise<Json> => {
    const res = await plant.get(who, `/api/contracts/${caseId}/planning`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const rows = async (table: 'plan_items' | 'supplier_requirements' | 'requirement_assessments') =>
    Number(
      (
        await t
          .store()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    app = await appFor(t.store(), { clock: () => now });
    plant = await seedPlant(app, t.store());
    const opened = await plant.post('sales', '/api/contracts', {
      ...regularOrder(new Date(START).toISOString()),
      requirements: REQUIREMENTS,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    caseId = opened.json().id;
  });
  afterAll(async () => {
    await app.close();
  });

  it('gives every requirement a priority from what it says and sorts the list by it', async () => {
    const c = await planning();
    expect(c.requirements.map((r: Json) => [r.id, r.priority.score, r.priority.priority])).toEqual([
      // Quality, read as urgent: 2×3 + 2×3 − 2.
      ['R2', 10, 'high'],
      // Statutory: important whatever its category.
      ['R4', 8, 'high'],
      ['R1', 5, 'normal'],
      ['R3', 3, 'low'],
    ]);
    expect(c.requirements.every((r: Json) => r.priority.source === 'default')).toBe(true);
    expect(c.owners.map((o: Json) => o.name)).toContain('何静');
  });

  it('lets a reviewer rate urgency, importance and cost, re-sorting the list and auditing the rating', async () => {
    const res = await put('quality', `/api/contracts/${caseId}/requirements/R3/assessment`, {
      urgency: 'high',
      importance: 3,
      cost: 'low',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ score: 11, priority: 'high', source: 'reviewer' });
    const c = await planning('finance');
    expect(c.requirements.map((r: Json) => r.id)).toEqual(['R3', 'R2', 'R4', 'R1']);
    expect(c.requirements[0].assessedBy.name).toBe('周丽华');
    const trail = await auditTrail(t.store().db, { entityType: 'requirement', entityId: `${caseId}:R3` });
    expect(trail.map((a) => a.action)).toEqual(['requirement.assessed']);
    expect(trail[0]!.after).toMatchObject({ urgency: 3, importance: 3, cost: 1, priority: 'high' });

    // Rated again: the one rating is replaced, both changes are in the trail.
    await put('technical', `/api/contracts/${caseId}/requirements/R3/assessment`, {
      urgency: 1,
      importance: 1,
      cost: 3,
    });
    expect((await planning()).requirements.map((r: Json) => r.id)).toEqual(['R2', 'R4', 'R1', 'R3']);
    expect(await rows('requirement_assessments')).toBe(1);
    const bad = await put('quality', `/api/contracts/${caseId}/requirements/R3/assessment`, {
      urgency: 4,
      importance: 1,
      cost: 1,
    });
    expect(bad.statusCode).toBe(400);
    const unknown = await put('quality', `/api/contracts/${caseId}/requirements/R9/assessment`, {
      urgency: 1,
      importance: 1,
      cost: 1,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('plans only accepted requirements, only by the planning departments, one item per requirement', async () => {
    const payload = {
      ownerId: plant.ids.purchasing,
      department: 'purchasing',
      dueDate: '2026-12-01',
      link: 'SC-2026-118',
      notes: '按 CPK 要求采购检具',
    };
    const early = await plant.post('technical', `/api/contracts/${caseId}/requirements/R2/plan`, payload);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('REQUIREMENT_NOT_ACCEPTED');

    const edits = REQUIREMENTS.map((_, i) => ({ op: 'accept', requirementId: `R${i + 1}` }));
    expect((await plant.post('sales', `/api/contracts/${caseId}/requirements`, { edits })).statusCode).toBe(
      200,
    );

    for (const who of ['finance', 'purchasing'] as const) {
      const refused = await plant.post(who, `/api/contracts/${caseId}/requirements/R2/plan`, payload);
      expect(refused.statusCode, who).toBe(403);
    }
    expect(await rows('plan_items')).toBe(0);

    const created = await plant.post('technical', `/api/contracts/${caseId}/requirements/R2/plan`, payload);
    expect(created.statusCode, created.body).toBe(201);
    const item = created.json();
    planId = item.id;
    expect(item).toMatchObject({
      requirementId: 'R2',
      requirementText: '关键尺寸全检，CPK≥1.67',
      owner: { id: plant.ids.purchasing, name: '何静' },
      department: 'purchasing',
      dueDate: '2026-12-01',
      link: 'SC-2026-118',
      status: 'planned',
      state: 'planned',
    });
    const again = await plant.post('production', `/api/contracts/${caseId}/requirements/R2/plan`, payload);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PLAN_ITEM_EXISTS');
    const noOwner = await plant.post('technical', `/api/contracts/${caseId}/requirements/R4/plan`, {
      ...payload,
      ownerId: 'nobody',
    });
    expect(noOwner.statusCode).toBe(422);
    expect((await planning()).requirements.find((r: Json) => r.id === 'R2').planItem.id).toBe(planId);
    const trail = await auditTrail(t.store().db, { entityType: 'plan', entityId: planId });
    expect(trail.map((a) => [a.action, a.actorId])).toEqual([['plan.created', plant.ids.technical]]);
  });

  it("is its owner's to-do; the owner reports progress, only planners move the due date", async () => {
    const todos = async (who: Who) => (await plant.get(who, '/api/todos')).json().items as Json[];
    const mine = (await todos('purchasing')).filter((x) => x.kind === 'plan_item');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      contractId: caseId,
      overdue: false,
      href: `/contracts/${caseId}#planning`,
    });
    expect(mine[0]!.message.zh).toContain('2026-12-01');
    expect((await todos('technical')).some((x) => x.kind === 'plan_item')).toBe(false);

    const progress = await put('purchasing', `/api/plan-items/${planId}`, {
      status: 'in_progress',
      notes: '检具已下单',
    });
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json()).toMatchObject({ status: 'in_progress', notes: '检具已下单' });
    const move = await put('purchasing', `/api/plan-items/${planId}`, { dueDate: '2026-12-20' });
    expect(move.statusCode).toBe(403);
    expect(move.json().code).toBe('NOT_PLAN_OWNER');
    const stranger = await put('finance', `/api/plan-items/${planId}`, { status: 'done' });
    expect(stranger.statusCode).toBe(403);
    const list = (await plant.get('sales', '/api/plan-items')).json();
    expect(list.items.map((p: Json) => [p.id, p.status, p.dueDate])).toEqual([
      [planId, 'in_progress', '2026-12-01'],
    ]);
  });

  it('turns overdue after the due date: listed, counted on the dashboard, first in the owner’s to-dos', async () => {
    // 2 December in Shanghai.
    now = new Date(Date.parse('2026-12-02T01:00:00.000Z'));
    await plant.signInAgain();
    const overdue = (await plant.get('gm', '/api/plan-items?state=overdue')).json();
    expect(overdue.items.map((p: Json) => [p.id, p.state])).toEqual([[planId, 'overdue']]);
    expect((await plant.get('gm', '/api/plan-items?state=planned')).json().total).toBe(0);
    const dash = (await plant.get('gm', '/api/dashboard')).json();
    expect(dash.planning).toMatchObject({ open: 1, overdue: 1, done: 0 });
    const todo = (await plant.get('purchasing', '/api/todos')).json().items[0];
    expect(todo).toMatchObject({ kind: 'plan_item', overdue: true });

    const xlsx = await plant.get('gm', '/api/plan-items/export?state=overdue');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    const cells = (sheet.getRow(2).values as unknown[]).map(String);
    expect(cells).toEqual(
      expect.arrayContaining(['R2', '何静', '2026-12-01', 'SC-2026-118', '已逾期 overdue']),
    );

    // A planner moves the due date; the owner finishes it.
    expect(
      (await put('production', `/api/plan-items/${planId}`, { dueDate: '2026-12-10' })).json().state,
    ).toBe('in_progress');
    const done = await put('purchasing', `/api/plan-items/${planId}`, { status: 'done' });
    expect(done.json()).toMatchObject({ state: 'done', doneAt: now.toISOString() });
    expect((await plant.get('gm', '/api/dashboard')).json().planning).toMatchObject({
      open: 0,
      overdue: 0,
      done: 1,
    });
    expect(
      (await plant.get('purchasing', '/api/todos')).json().items.some((x: Json) => x.kind === 'plan_item'),
    ).toBe(false);
    const trail = await auditTrail(t.store().db, { entityType: 'plan', entityId: planId });
    expect(trail.map((a) => a.action)).toEqual([
      'plan.created',
      'plan.updated',
      'plan.updated',
      'plan.updated',
    ]);
    expect(trail[2]!.before).toMatchObject({ dueDate: '2026-12-01' });
    expect(trail[2]!.after).toMatchObject({ dueDate: '2026-12-10' });
  });

  it('lists requirements to pass on per supplier; purchasing records each as passed, by whom and when', async () => {
    const mark = (who: Who, req: string, supplier: string) =>
      plant.post(who, `/api/contracts/${caseId}/requirements/${req}/suppliers`, { supplier, note: null });
    expect((await mark('finance', 'R2', '南通铝业有限公司')).statusCode).toBe(403);
    expect(await rows('supplier_requirements')).toBe(0);
    const a = await mark('technical', 'R2', '南通铝业有限公司');
    expect(a.statusCode, a.body).toBe(201);
    expect((await mark('quality', 'R4', '南通铝业有限公司')).statusCode).toBe(201);
    const pack = (await mark('purchasing', 'R3', '苏州包装材料厂')).json();
    const dup = await mark('sales', 'R2', '南通铝业有限公司');
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('SUPPLIER_REQUIREMENT_EXISTS');

    const list = (
      await plant.get(
        'purchasing',
        `/api/supplier-requirements?supplier=${encodeURIComponent('南通铝业有限公司')}`,
      )
    ).json();
    expect(list.items.map((s: Json) => [s.requirementId, s.state])).toEqual([
      ['R2', 'pending'],
      ['R4', 'pending'],
    ]);
    expect(list.suppliers).toEqual([
      { supplier: '南通铝业有限公司', pending: 2, passed: 0 },
      { supplier: '苏州包装材料厂', pending: 1, passed: 0 },
    ]);
    expect((await plant.get('gm', '/api/dashboard')).json().planning.supplierPending).toBe(3);

    const id = a.json().id;
    expect((await plant.post('sales', `/api/supplier-requirements/${id}/passed`, {})).statusCode).toBe(403);
    const passed = await plant.post('purchasing', `/api/supplier-requirements/${id}/passed`, {
      on: '2026-12-01',
      note: '随采购订单 PO-778 发出',
    });
    expect(passed.statusCode, passed.body).toBe(200);
    expect(passed.json()).toMatchObject({
      state: 'passed',
      passed: {
        on: '2026-12-01',
        by: { id: plant.ids.purchasing, name: '何静' },
        note: '随采购订单 PO-778 发出',
      },
    });
    expect((await plant.post('purchasing', `/api/supplier-requirements/${id}/passed`, {})).statusCode).toBe(
      409,
    );
    expect((await del('technical', `/api/supplier-requirements/${id}`)).statusCode).toBe(409);
    expect((await del('technical', `/api/supplier-requirements/${pack.id}`)).statusCode).toBe(204);

    const pending = (await plant.get('purchasing', '/api/supplier-requirements?state=pending')).json();
    expect(pending.items.map((s: Json) => s.requirementId)).toEqual(['R4']);
    const onCase = (await planning()).requirements.find((r: Json) => r.id === 'R2');
    expect(onCase.suppliers.map((s: Json) => [s.supplier, s.state])).toEqual([
      ['南通铝业有限公司', 'passed'],
    ]);

    const xlsx = await plant.get('purchasing', '/api/supplier-requirements/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const values = wb.worksheets[0]!.getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).map(String));
    expect(values).toHaveLength(2);
    expect(values.find((r) => r.includes('R2'))).toEqual(
      expect.arrayContaining(['南通铝业有限公司', 'R2', '已传递 passed', '2026-12-01', '何静']),
    );

    const trail = await auditTrail(t.store().db, { entityType: 'supplier_requirement' });
    expect(trail.map((x) => x.action).sort()).toEqual([
      'supplier_requirement.marked',
      'supplier_requirement.marked',
      'supplier_requirement.marked',
      'supplier_requirement.passed',
      'supplier_requirement.removed',
    ]);
  });
});
