// The capability evaluation on the procedure's five criteria, through the real app on both
// databases: the evidence is recomputed from seeded contracts, reviews, complaints, actions,
// surveys and catalogue additions; a criterion with nothing behind it is 未评价; weights and
// targets are the administrator's alone; evaluations are stored per subject with their history,
// exported and raise improvement actions.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { DEFAULT_CAPABILITY_SETTINGS } from '../../src/feedback/index.js';
import type { App } from '../../src/server/context.js';
import { auditTrail, recordAudit, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { appFor, login } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';

describeEachDatabase('capability evaluation on the five criteria', (t) => {
  let app: App;
  const clock = new Date('2026-04-01T02:00:00Z');
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: string) => ({ cookie: cookies[who]! });
  const period = { from: '2026-03-01', to: '2026-03-31' };

  beforeAll(async () => {
    const db = t.store().db;
    app = await appFor(t.store(), { clock: () => clock });
    for (const [who, department] of [
      ['sales-a', 'sales'],
      ['sales-b', 'sales'],
      ['quality', 'quality'],
      ['admin', 'admin'],
    ] as const) {
      const u = await createUser(
        db,
        { username: `cap-${who}`, password: `pw-${who}-1234`, department, displayName: `${who} 用户` },
        SYSTEM_ACTORS.cli,
      );
      ids[who] = u.id;
      cookies[who] = await login(app, `cap-${who}`, `pw-${who}-1234`);
    }
    const at = '2026-03-01T00:00:00.000Z';
    await db
      .insertInto('customers')
      .values({
        id: 'c1',
        name: '江苏恒驰汽车零部件有限公司',
        timezone: 'Asia/Shanghai',
        created_at: at,
        updated_at: at,
      } as never)
      .execute();
    const contract = (id: string, number: string, receivedAt: string) => ({
      id,
      number,
      customer_id: 'c1',
      customer_name: '江苏恒驰汽车零部件有限公司',
      class: 'regular',
      status: 'confirmed',
      version: 1,
      received_at: receivedAt,
      feedback_due_at: new Date(Date.parse(receivedAt) + 48 * 3_600_000).toISOString(),
      customer_timezone: 'Asia/Shanghai',
      created_by: ids['sales-a']!,
      created_at: receivedAt,
      updated_at: receivedAt,
    });
    await db
      .insertInto('contracts')
      .values([
        contract('k1', 'HT-2026-0101', '2026-03-02T00:00:00.000Z'),
        contract('k2', 'HT-2026-0102', '2026-03-10T00:00:00.000Z'),
      ])
      .execute();
    const reviewCase = (contractId: string, compliant: number, questions: unknown[]) => ({
      contract_id: contractId,
      stage: 'closed',
      revision: 1,
      snapshot: JSON.stringify({ context: { openQuestions: questions } }),
      open_input: '{}',
      owner_id: ids['sales-a']!,
      feedback_sent_at: '2026-03-02T10:00:00.000Z',
      feedback_compliant: compliant,
      updated_at: at,
    });
    await db
      .insertInto('review_cases')
      .values([
        // One question put to the customer, answered after 4 hours.
        reviewCase('k1', 1, [
          {
            id: 'Q1',
            text: '盐雾试验时长？',
            askedAt: '2026-03-02T01:00:00.000Z',
            answeredAt: '2026-03-02T05:00:00.000Z',
          },
        ]),
        reviewCase('k2', 0, []),
      ])
      .execute();
    const req = (contractId: string, id: string, kind: string, createdAt: string, updatedAt = createdAt) => ({
      id: `${contractId}:${id}`,
      contract_id: contractId,
      analysis_id: null,
      text: '要求',
      category: 'quality',
      kind,
      special: 0,
      special_rule: null,
      priority: 'normal',
      status: 'accepted',
      span_start: null,
      span_end: null,
      links: JSON.stringify({ caseRequirementId: id }),
      version: 1,
      created_by: null,
      created_at: createdAt,
      updated_at: updatedAt,
    });
    await db
      .insertInto('requirements')
      .values([
        // Changed after the confirmation at 02:00.
        req('k1', 'R1', 'explicit', '2026-03-02T00:00:00.000Z', '2026-03-02T06:00:00.000Z'),
        // Implied, found at intake: stable and known before review.
        req('k1', 'R2', 'implied', '2026-03-02T00:00:00.000Z'),
        // Statutory, added after the first signature (12:00): found late, and a change.
        req('k1', 'R3', 'statutory', '2026-03-03T00:00:00.000Z'),
        req('k2', 'R1', 'explicit', '2026-03-10T00:00:00.000Z'),
      ])
      .execute();
    await db
      .insertInto('review_events')
      .values([
        {
          id: 'e1',
          contract_id: 'k1',
          revision: 1,
          type: 'CONFIRM_REQUIREMENTS',
          payload: '{}',
          at: '2026-03-02T02:00:00.000Z',
        },
        {
          id: 'e2',
          contract_id: 'k2',
          revision: 1,
          type: 'CONFIRM_REQUIREMENTS',
          payload: '{}',
          at: '2026-03-10T01:00:00.000Z',
        },
      ])
      .execute();
    await db
      .insertInto('reviews')
      .values({
        id: 'v1',
        contract_id: 'k1',
        contract_version: 1,
        department: 'quality',
        status: 'signed',
        signed_at: '2026-03-02T12:00:00.000Z',
        created_at: at,
        updated_at: at,
      })
      .execute();
    const complaint = (
      id: string,
      contractId: string | null,
      receivedAt: string,
      investigatingAt: string | null,
    ) => ({
      id,
      customer_id: 'c1',
      contract_id: contractId,
      kind: 'complaint',
      text: '外观划伤',
      cause: 'quality',
      status: 'investigating',
      received_at: receivedAt,
      investigating_at: investigatingAt,
      created_at: receivedAt,
      updated_at: receivedAt,
    });
    await db
      .insertInto('feedback')
      .values([
        // The same customer and cause in February: the March complaint is a repeat.
        complaint('f0', null, '2026-02-20T00:00:00.000Z', '2026-02-20T08:00:00.000Z'),
        complaint('f1', 'k1', '2026-03-05T00:00:00.000Z', '2026-03-05T12:00:00.000Z'),
      ] as never)
      .execute();
    const action = (id: string, over: object) => ({
      id,
      title: '改进',
      owner_department: 'quality',
      status: 'closed',
      created_at: '2026-03-06T00:00:00.000Z',
      updated_at: '2026-03-06T00:00:00.000Z',
      ...over,
    });
    await db
      .insertInto('improvement_actions')
      .values([
        // On the complaint: closed before its due day and verified effective.
        action('a1', {
          feedback_id: 'f1',
          due_date: '2026-03-20',
          closed_at: '2026-03-15T00:00:00.000Z',
          effectiveness: 'effective',
        }),
        // Proposed by salesperson A of their own accord.
        action('a2', {
          title: '建议增加包装防潮要求',
          status: 'open',
          created_by: ids['sales-a']!,
          created_at: '2026-03-12T00:00:00.000Z',
        }),
      ] as never)
      .execute();
    await db
      .insertInto('satisfaction_surveys')
      .values({ id: 's1', customer_id: 'c1', period: '2026-Q1', scale: 5, quality: 4, created_at: at })
      .execute();
    await recordAudit(
      db,
      { id: ids['sales-a']!, department: 'sales' },
      {
        action: 'product.created',
        entityId: 'AL-NEW-1',
        after: { name: '新型散热壳体' },
        at: '2026-03-15T00:00:00.000Z',
      },
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('lets only the administrator set weights and targets, versioned and audited', async () => {
    const model = await app.inject({ method: 'GET', url: '/api/capability/model', headers: as('sales-a') });
    expect(model.statusCode).toBe(200);
    expect(model.json().criteria.map((c: { name: { zh: string } }) => c.name.zh)).toEqual([
      '沟通能力',
      '行业知识和经验',
      '服务质量',
      '反馈和改进能力',
      '创新能力',
    ]);
    expect(model.json().criteria[0].subItems.map((s: { key: string }) => s.key)).toEqual([
      'listening',
      'expressing',
      'questioning',
    ]);
    expect(model.json().version).toBe(0);
    const settings = {
      ...DEFAULT_CAPABILITY_SETTINGS,
      targets: { ...DEFAULT_CAPABILITY_SETTINGS.targets, innovation: 60 },
    };
    for (const who of ['quality', 'sales-a']) {
      const refused = await app.inject({
        method: 'PUT',
        url: '/api/capability/settings',
        headers: as(who),
        payload: { settings, version: 0 },
      });
      expect(refused.statusCode).toBe(403);
    }
    const badSum = await app.inject({
      method: 'PUT',
      url: '/api/capability/settings',
      headers: as('admin'),
      payload: { settings: { ...settings, weights: { ...settings.weights, innovation: 30 } }, version: 0 },
    });
    expect(badSum.statusCode).toBe(400);
    expect(badSum.json().detailMessage?.zh ?? badSum.json().message.zh).toContain('合计必须为 100');
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/capability/settings',
      headers: as('admin'),
      payload: {
        settings: {
          ...settings,
          teams: [{ id: 'east', name: '华东组', members: [ids['sales-a'], ids['sales-b']] }],
        },
        version: 0,
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, settings: { targets: { innovation: 60 } } });
    const stale = await app.inject({
      method: 'PUT',
      url: '/api/capability/settings',
      headers: as('admin'),
      payload: { settings, version: 0 },
    });
    expect(stale.statusCode).toBe(409);
    const trail = await auditTrail(t.store().db, { entityType: 'settings', entityId: 'capability_model' });
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      action: 'settings.capability_updated',
      actorId: ids.admin,
      before: { version: 0, settings: { targets: { innovation: 70 } } },
      after: { version: 1, settings: { targets: { innovation: 60 } } },
    });
  });

  it('recomputes the evidence for a salesperson from the seeded data', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/capability-evaluations/preview',
      headers: as('sales-a'),
      payload: { ...period, subject: { kind: 'person', id: ids['sales-a'] } },
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    const measure = (key: string) =>
      r.criteria
        .flatMap((c: { measures: { key: string }[] }) => c.measures)
        .find((m: { key: string }) => m.key === key);
    // Two of four confirmed requirements never changed afterwards: 50 % against a 90 % stable target.
    expect(measure('requirements_stable')).toMatchObject({
      value: 50,
      numerator: 2,
      denominator: 4,
      target: 90,
      gap: -40,
    });
    expect(measure('questions_answered_in_time')).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
    expect(measure('implicit_before_review')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(measure('feedback_48h')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(measure('satisfaction')).toMatchObject({ value: 75 });
    expect(measure('complaint_response_hours')).toMatchObject({ value: 12, met: true, score: 100 });
    expect(measure('actions_closed_effective')).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
    expect(measure('repeat_complaint_rate')).toMatchObject({ value: 100, score: 0, met: false });
    expect(measure('improvement_proposals')).toMatchObject({ value: 1, target: 2, score: 50 });
    expect(measure('new_products')).toMatchObject({ value: 1, target: 1, score: 100 });
    expect(r.criteria.map((c: { score: number }) => c.score)).toEqual([75, 50, 62.5, 66.7, 75]);
    expect(r.evaluatedCount).toBe(5);
    expect(r.coverage).toBe(100);
    expect(r.score).toBe(65.8);
    expect(r.grade).toBe('C');
    expect(r.findings[0].text.zh).toContain('HT-2026-0101');

    // The organisation has two salespeople: the per-person count targets double.
    const org = (
      await app.inject({
        method: 'POST',
        url: '/api/capability-evaluations/preview',
        headers: as('quality'),
        payload: period,
      })
    ).json();
    expect(org.subject).toMatchObject({ kind: 'organisation' });
    const proposals = org.criteria[4].measures.find(
      (m: { key: string }) => m.key === 'improvement_proposals',
    );
    expect(proposals).toMatchObject({ value: 1, target: 4, score: 25 });
  });

  it('shows a criterion with no evidence and no score as 未评价 and gives no grade on too little', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/capability-evaluations',
      headers: as('quality'),
      payload: {
        ...period,
        subject: { kind: 'person', id: ids['sales-b'] },
        assessment: { communication: { listening: 5, expressing: 5, questioning: 5 } },
      },
    });
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e.subject).toMatchObject({ kind: 'person', id: ids['sales-b'], name: 'sales-b 用户' });
    expect(e.criteria[0]).toMatchObject({ status: 'evaluated', basis: 'assessor', score: 100 });
    for (const c of e.criteria.slice(1))
      expect(c).toMatchObject({ status: 'not_evaluated', score: null, gap: null });
    expect(e.score).toBeNull();
    expect(e.grade).toBeNull();
    expect(e.summary.zh).toContain('仅 1 项准则已评价');
    expect(e.findings.filter((f: { severity: string }) => f.severity === 'not_evaluated')).toHaveLength(4);
    const noAction = await app.inject({
      method: 'POST',
      url: `/api/capability-evaluations/${e.id}/actions`,
      headers: as('quality'),
      payload: { criterion: 'knowledge' },
    });
    expect(noAction.statusCode).toBe(409);
  });

  it('stores an evaluation with the assessor’s scores, keeps its history per subject and exports it', async () => {
    const refused = await app.inject({
      method: 'POST',
      url: '/api/capability-evaluations',
      headers: as('sales-a'),
      payload: period,
    });
    expect(refused.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/capability-evaluations',
      headers: as('quality'),
      payload: {
        ...period,
        subject: { kind: 'team', id: 'east' },
        assessment: { communication: { listening: 6 } },
      },
    });
    expect(bad.statusCode).toBe(400);
    const res = await app.inject({
      method: 'POST',
      url: '/api/capability-evaluations',
      headers: as('quality'),
      payload: {
        ...period,
        subject: { kind: 'team', id: 'east' },
        assessment: { innovation: { proposals: 2, new_products: 3 } },
        note: '季度评价',
      },
    });
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e.subject).toMatchObject({ kind: 'team', id: 'east', name: '华东组' });
    // Two members: targets 4 proposals and 2 products → 25 and 50; the assessor gives 40 and 60.
    expect(e.criteria[4]).toMatchObject({
      basis: 'both',
      evidenceScore: 37.5,
      assessorScore: 50,
      score: 43.8,
      target: 60,
    });
    expect(e.settings).toMatchObject({ version: 1, targets: { innovation: 60 } });
    expect(e.evaluatorName).toBe('quality 用户');

    const history = await app.inject({
      method: 'GET',
      url: '/api/capability-evaluations?subjectKind=team&subjectId=east',
      headers: as('sales-a'),
    });
    expect(history.json().total).toBe(1);
    expect(history.json().items[0].id).toBe(e.id);

    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/capability-evaluations/${e.id}/report.xlsx`,
      headers: as('sales-a'),
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain('客户需求识别能力评价表');
    expect(cells).toContain('团队：华东组');
    expect(cells).toContain('沟通能力');
    const pdf = await app.inject({
      method: 'GET',
      url: `/api/capability-evaluations/${e.id}/report.pdf`,
      headers: as('quality'),
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const action = await app.inject({
      method: 'POST',
      url: `/api/capability-evaluations/${e.id}/actions`,
      headers: as('quality'),
      payload: { criterion: 'innovation', dueDate: '2026-05-31' },
    });
    expect(action.statusCode).toBe(201);
    expect(action.json()).toMatchObject({
      evaluationId: e.id,
      ownerDepartment: 'sales',
      dueDate: '2026-05-31',
    });
    const trail = await auditTrail(t.store().db, { entityType: 'evaluation', entityId: e.id });
    expect(trail[0]).toMatchObject({
      action: 'evaluation.created',
      after: { subject: { kind: 'team', id: 'east' } },
    });
  });
});
