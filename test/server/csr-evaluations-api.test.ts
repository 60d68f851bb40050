// The CSR identification and evaluation table (顾客特殊要求识别与评价表) through the real app on both
// databases: each register entry is listed with its evaluation (or none yet), an evaluation is saved
// by sales, engineering or quality (not finance), refused when stale or incomplete, audited with
// before and after, listed as due for review, and exported as the procedure's table.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { parseXlsxTable } from '../../src/io/tabular.js';
import type { App } from '../../src/server/context.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login } from './helpers.js';

describeEachDatabase('CSR identification and evaluation table', (t) => {
  let app: App;
  const clock = new Date('2026-04-01T02:00:00Z');
  const cookies: Record<string, string> = {};
  const as = (d: string) => ({ cookie: cookies[d]! });
  let customerId = '';
  let salt = '';
  let coating = '';

  beforeAll(async () => {
    app = await appFor(t.store(), { clock: () => clock });
    for (const department of ['sales', 'technical', 'quality', 'finance']) {
      await createUser(
        t.store().db,
        {
          username: `csr-${department}`,
          password: `pw-${department}-1234`,
          department,
          displayName: `${department} 评价人`,
        },
        SYSTEM_ACTORS.cli,
      );
      cookies[department] = await login(app, `csr-${department}`, `pw-${department}-1234`);
    }
    const c = await app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: as('sales'),
      payload: { name: '浙江吉驰汽车部件有限公司' },
    });
    customerId = c.json().id;
    const add = async (clause: string, text: string, category: string) =>
      (
        await app.inject({
          method: 'POST',
          url: `/api/customers/${customerId}/csr`,
          headers: as('quality'),
          payload: { sourceDocument: '吉驰供应商质量手册 V3', clause, text, category, department: 'quality' },
        })
      ).json().id as string;
    salt = await add('4.2.1', '盐雾试验不少于 720 小时', 'quality');
    coating = await add('5.1', '涂层须符合 ELV 指令，不含六价铬', 'regulatory');
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists every entry, not yet evaluated ones as due', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/csr/evaluations', headers: as('finance') });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(2);
    expect(
      res
        .json()
        .items.every(
          (r: { evaluation: unknown; reviewDue: boolean }) => r.evaluation === null && r.reviewDue,
        ),
    ).toBe(true);
    expect(res.json().due).toBe(2);
  });

  it('saves an evaluation by the departments that judge it, refuses others, incomplete and stale saves', async () => {
    const body = {
      feasible: 'conditional',
      conditions: '需外协盐雾试验，周期 30 天',
      cost: '每批试验费约 3000 元',
      timeNeeded: '首批前 6 周',
      responsibleDepartment: 'technical',
      actions: '与第三方实验室签订试验协议',
      status: 'in_progress',
      nextReviewDate: '2026-10-01',
      version: 0,
    };
    const finance = await app.inject({
      method: 'PUT',
      url: `/api/csr/${salt}/evaluation`,
      headers: as('finance'),
      payload: body,
    });
    expect(finance.statusCode).toBe(403);
    const noConditions = await app.inject({
      method: 'PUT',
      url: `/api/csr/${salt}/evaluation`,
      headers: as('technical'),
      payload: { ...body, conditions: '  ' },
    });
    expect(noConditions.statusCode).toBe(400);
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/csr/${salt}/evaluation`,
      headers: as('technical'),
      payload: body,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      id: salt,
      reviewDue: false,
      evaluation: {
        feasible: 'conditional',
        version: 1,
        responsibleDepartment: 'technical',
        evaluatedByName: 'technical 评价人',
      },
    });
    const stale = await app.inject({
      method: 'PUT',
      url: `/api/csr/${salt}/evaluation`,
      headers: as('quality'),
      payload: body,
    });
    expect(stale.statusCode).toBe(409);
    const changed = await app.inject({
      method: 'PUT',
      url: `/api/csr/${salt}/evaluation`,
      headers: as('quality'),
      payload: { ...body, status: 'implemented', nextReviewDate: '2026-04-15', version: 1 },
    });
    expect(changed.statusCode).toBe(200);
    // Next review within 30 days of today (2026-04-01): due again.
    expect(changed.json()).toMatchObject({
      reviewDue: true,
      overdue: false,
      evaluation: { version: 2, status: 'implemented' },
    });

    const trail = await auditTrail(t.store().db, { entityType: 'csr', entityId: salt });
    const evaluated = trail.filter((a) => a.action === 'csr.evaluated');
    expect(evaluated).toHaveLength(2);
    expect(evaluated[1]).toMatchObject({
      actorDepartment: 'quality',
      before: { status: 'in_progress', next_review_date: '2026-10-01', version: 1 },
      after: { status: 'implemented', next_review_date: '2026-04-15', version: 2 },
    });
    const history = await app.inject({
      method: 'GET',
      url: `/api/csr/${salt}/evaluation/history`,
      headers: as('sales'),
    });
    expect(history.json().items.map((h: { actorName: string }) => h.actorName)).toEqual([
      'quality 评价人',
      'technical 评价人',
    ]);
  });

  it('lists what is due and exports the table with the form’s Chinese headers', async () => {
    await app.inject({
      method: 'PUT',
      url: `/api/csr/${coating}/evaluation`,
      headers: as('quality'),
      payload: {
        feasible: 'yes',
        responsibleDepartment: 'quality',
        status: 'implemented',
        nextReviewDate: '2027-03-31',
        version: 0,
      },
    });
    const due = await app.inject({
      method: 'GET',
      url: '/api/csr/evaluations?view=due',
      headers: as('sales'),
    });
    expect(due.json().items.map((r: { id: string }) => r.id)).toEqual([salt]);
    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/csr/evaluations/export?customerId=${customerId}`,
      headers: as('sales'),
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('xlsx');
    const table = await parseXlsxTable(xlsx.rawPayload);
    expect(table.header).toEqual([
      '序号',
      '顾客',
      '来源文件',
      '条款号',
      '顾客特殊要求',
      '类别',
      '适用范围',
      '能否满足',
      '满足条件',
      '成本评估',
      '所需时间',
      '责任部门',
      '措施',
      '状态',
      '评价人',
      '评价日期',
      '下次评审日期',
    ]);
    const rows = table.rows.map((r) => r.cells);
    expect(rows).toHaveLength(2);
    const bySalt = rows.find((r) => r[3] === '4.2.1')!;
    expect(bySalt.slice(7, 14)).toEqual([
      '有条件满足',
      '需外协盐雾试验，周期 30 天',
      '每批试验费约 3000 元',
      '首批前 6 周',
      '技术部',
      '与第三方实验室签订试验协议',
      '已落实',
    ]);
    expect(bySalt[16]).toBe('2026-04-15');
    expect(rows.find((r) => r[3] === '5.1')![7]).toBe('能满足');
  });

  it('drops the evaluation with its entry and keeps it in the trail', async () => {
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/customers/${customerId}/csr/${coating}`,
      headers: as('quality'),
    });
    expect(del.statusCode).toBe(204);
    const rows = await t.store().db.selectFrom('csr_evaluations').select('csr_id').execute();
    expect(rows.map((r) => r.csr_id)).toEqual([salt]);
    const trail = await auditTrail(t.store().db, { entityType: 'csr', entityId: coating });
    expect(trail.map((a) => a.action)).toEqual(['csr.created', 'csr.evaluated', 'csr.deleted']);
  });
});
