// The rules API through the real app: reading for everyone signed in, changes only by quality and
// admin, validation errors naming each problem, versions, restore and dry run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import type { App } from '../../src/server/context.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { corpusCase, seedCorpusMasterData } from '../rules/store-support.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login } from './helpers.js';

const LARGE = 'special.large_urgent_order';

describeEachDatabase('rules API', (t) => {
  let app: App;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    await seedCorpusMasterData(t.store());
    app = await appFor(t.store());
    for (const department of ['quality', 'sales', 'admin', 'production']) {
      await createUser(
        t.store().db,
        { username: `r-${department}`, password: `pw-${department}-123`, department },
        SYSTEM_ACTORS.cli,
      );
      cookies[department] = await login(app, `r-${department}`, `pw-${department}-123`);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const as = (department: string) => ({ cookie: cookies[department]! });
  const analyse = async (id: string) => {
    const c = corpusCase(id);
    const res = await app.inject({
      method: 'POST',
      url: '/api/analyze',
      headers: as('sales'),
      payload: { text: c.text, refDate: c.ref_date, channel: c.channel },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as {
      contract: { class: string | null; reasons: { code: string; explanation: string }[] };
    };
  };

  it('refuses anyone not signed in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/rules' });
    expect(res.statusCode).toBe(401);
  });

  it('lists the default rules and the fact catalogue to every signed-in user', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/rules', headers: as('sales') });
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((r: { id: string }) => r.id);
    expect(ids).toContain(LARGE);
    const one = await app.inject({ method: 'GET', url: `/api/rules/${LARGE}`, headers: as('sales') });
    expect(one.json()).toMatchObject({ id: LARGE, version: 1, enabled: true });
    const facts = await app.inject({ method: 'GET', url: '/api/rules/facts', headers: as('sales') });
    const weight = facts.json().items.find((f: { name: string }) => f.name === 'totalWeightTonnes');
    expect(weight).toMatchObject({ type: 'number', label: { zh: '订单总重（吨）' } });
    expect(weight.operators.map((o: { name: string }) => o.name)).toContain('greaterThanInclusive');
    expect(weight.operators.map((o: { name: string }) => o.name)).not.toContain('contains');
    const missing = await app.inject({ method: 'GET', url: '/api/rules/no.such', headers: as('sales') });
    expect(missing.statusCode).toBe(404);
  });

  it('documents the rules, catalogue and customer endpoints in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, object>;
    };
    for (const p of [
      '/api/rules',
      '/api/rules/{id}',
      '/api/rules/{id}/versions/{version}',
      '/api/rules/{id}/restore',
      '/api/rules/facts',
      '/api/rules/dry-run',
      '/api/catalog/products/{code}',
      '/api/catalog/import',
      '/api/customers/{id}/csr/{csrId}',
      '/api/csr/matrix',
    ]) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
  });

  it('analysis over HTTP fills the contract from the database rules', async () => {
    const r = await analyse('d003');
    expect(r.contract.class).toBe('special');
    expect(r.contract.reasons.map((x) => x.code)).toContain('large_urgent_order');
  });

  it('evaluates one message rule by rule, reporting a rule that lacks a fact as not evaluable', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/rules/evaluate',
      headers: as('sales'),
      payload: {
        text: '江苏恒驰汽车零部件有限公司：订购 6063-T5门窗型材 HR-6063-4520 共 20000 支，PO号 HC-PO-2603-0001，交期另行通知。',
        refDate: '2026-03-02',
        channel: 'email',
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const large = body.evaluations.find((e: { ruleId: string }) => e.ruleId === LARGE);
    expect(large).toMatchObject({ outcome: 'not_evaluable', missing: ['deliveryDate'] });
    expect(large.explanation).toContain('deliveryDate');
    expect(body.missingFacts).toContain('deliveryDays');
    expect(body.facts.totalWeightTonnes).toBeCloseTo(150, 5);
    expect(body.class).toBe('regular');
    expect(body.reviewRouting).toMatchObject({ mode: 'countersign' });
  });

  it('refuses rule changes from sales (403) and changes nothing', async () => {
    const rule = (
      await app.inject({ method: 'GET', url: `/api/rules/${LARGE}`, headers: as('sales') })
    ).json();
    const res = await app.inject({
      method: 'PUT',
      url: `/api/rules/${LARGE}`,
      headers: as('sales'),
      payload: { rule: { ...rule.definition, enabled: false } },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    const after = (
      await app.inject({ method: 'GET', url: `/api/rules/${LARGE}`, headers: as('sales') })
    ).json();
    expect(after.version).toBe(1);
    for (const [method, url] of [
      ['POST', '/api/rules'],
      ['POST', `/api/rules/${LARGE}/restore`],
    ] as const) {
      const r = await app.inject({ method, url, headers: as('sales'), payload: { rule: {}, version: 1 } });
      expect(r.statusCode).toBe(403);
    }
  });

  it('answers an invalid rule with 400 listing every problem by path, and saves nothing', async () => {
    const rule = (
      await app.inject({ method: 'GET', url: `/api/rules/${LARGE}`, headers: as('quality') })
    ).json();
    const def = structuredClone(rule.definition);
    def.conditions.all[1] = { fact: 'weightKg', operator: 'greaterThanInclusive', value: 100 };
    def.conditions.all[2] = { fact: 'deliveryDays', operator: 'lessThanInclusive', value: 'thirty' };
    def.event.params.explanationTemplate = '总重 {{noSuchFact}} 吨';
    const res = await app.inject({
      method: 'PUT',
      url: `/api/rules/${LARGE}`,
      headers: as('quality'),
      payload: { rule: def, changeNote: 'broken' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual([
      '/rule/conditions/all/1/fact',
      '/rule/conditions/all/2/value',
      '/rule/event/params/explanationTemplate',
    ]);
    expect(body.errors[0].message).toContain('weightKg');
    const versions = await app.inject({
      method: 'GET',
      url: `/api/rules/${LARGE}/versions`,
      headers: as('quality'),
    });
    expect(versions.json().items).toHaveLength(1);
  });

  it('checks the shape of the condition tree with zod, each wrong node at its path in Chinese and English', async () => {
    const rule = (
      await app.inject({ method: 'GET', url: `/api/rules/${LARGE}`, headers: as('quality') })
    ).json();
    const def = structuredClone(rule.definition);
    def.conditions.all[1] = { fact: 'totalWeightTonnes', operator: '>=', value: 80 };
    def.conditions.all[2] = { fact: 'deliveryDays', operator: 'lessThanInclusive', value: { days: 30 } };
    def.conditions.all.push({ all: 'orderToReview' });
    const res = await app.inject({
      method: 'PUT',
      url: `/api/rules/${LARGE}`,
      headers: as('quality'),
      payload: { rule: def, changeNote: 'shape' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const byPath = Object.fromEntries(
      body.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
    );
    expect(Object.keys(byPath).sort()).toEqual([
      '/rule/conditions/all/1/operator',
      '/rule/conditions/all/2/value',
      '/rule/conditions/all/3/all',
    ]);
    expect(byPath['/rule/conditions/all/1/operator']).toContain('运算符“>=”无效');
    expect(byPath['/rule/conditions/all/1/operator']).toContain('大于等于（greaterThanInclusive）');
    expect(byPath['/rule/conditions/all/1/operator']).toContain('operator ">=" is not one of');
    expect(byPath['/rule/conditions/all/2/value']).toMatch(/^比较值必须是.* \/ the value must be/);
    expect(byPath['/rule/conditions/all/3/all']).toContain('“all”必须是条件的列表');
    // The fact catalogue gives number facts their unit, for the editor's value box.
    const facts = (
      await app.inject({ method: 'GET', url: '/api/rules/facts', headers: as('quality') })
    ).json();
    const weight = facts.items.find((f: { name: string }) => f.name === 'totalWeightTonnes');
    expect(weight.unit).toEqual({ zh: '吨', en: 't' });
  });

  it('a saved edit changes the next analysis at once, is versioned and audited, and can be rolled back', async () => {
    const rule = (
      await app.inject({ method: 'GET', url: `/api/rules/${LARGE}`, headers: as('quality') })
    ).json();
    const def = structuredClone(rule.definition);
    def.conditions.all[1].value = 5000;
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/rules/${LARGE}`,
      headers: as('quality'),
      payload: { rule: def, changeNote: '阈值改为 5000 吨', expectedVersion: 1 },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2 });
    expect((await analyse('d003')).contract.reasons.map((x) => x.code)).not.toContain('large_urgent_order');

    const stale = await app.inject({
      method: 'PUT',
      url: `/api/rules/${LARGE}`,
      headers: as('quality'),
      payload: { rule: def, expectedVersion: 1 },
    });
    expect(stale.statusCode).toBe(409);

    const versions = (
      await app.inject({ method: 'GET', url: `/api/rules/${LARGE}/versions`, headers: as('sales') })
    ).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({
      changeNote: '阈值改为 5000 吨',
      authorDepartment: 'quality',
      authorName: 'r-quality',
    });
    const v1 = await app.inject({
      method: 'GET',
      url: `/api/rules/${LARGE}/versions/1`,
      headers: as('sales'),
    });
    expect(v1.json().definition.conditions.all[1].value).toBe(100);

    const restored = await app.inject({
      method: 'POST',
      url: `/api/rules/${LARGE}/restore`,
      headers: as('admin'),
      payload: { version: 1 },
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ version: 3 });
    expect((await analyse('d003')).contract.reasons.map((x) => x.code)).toContain('large_urgent_order');
    const trail = await auditTrail(t.store().db, { entityType: 'rule', entityId: LARGE });
    expect(trail.map((e) => e.action).slice(-2)).toEqual(['rule.updated', 'rule.restored']);
    const none = await app.inject({
      method: 'POST',
      url: `/api/rules/${LARGE}/restore`,
      headers: as('admin'),
      payload: { version: 42 },
    });
    expect(none.statusCode).toBe(404);
  });

  it('creates a new rule (201) and refuses the same id again (409)', async () => {
    const rule = {
      id: 'special.full_inspection_only',
      name: '全检要求',
      priority: 45,
      enabled: true,
      conditions: {
        all: [{ condition: 'orderToReview' }, { fact: 'fullInspection', operator: 'equal', value: true }],
      },
      event: {
        type: 'special',
        params: {
          code: 'full_inspection',
          explanationTemplate: '要求全检：{{evidence}}',
          severity: 'medium',
        },
      },
    };
    const res = await app.inject({
      method: 'POST',
      url: '/api/rules',
      headers: as('quality'),
      payload: { rule },
    });
    expect(res.statusCode).toBe(201);
    const again = await app.inject({
      method: 'POST',
      url: '/api/rules',
      headers: as('quality'),
      payload: { rule },
    });
    expect(again.statusCode).toBe(409);
    const off = await app.inject({
      method: 'POST',
      url: `/api/rules/${rule.id}/enabled`,
      headers: as('quality'),
      payload: { enabled: false },
    });
    expect(off.json()).toMatchObject({ enabled: false, version: 2 });
  });

  describe('dry run', () => {
    it('shows which messages change class or reasons under a draft, without saving it', async () => {
      const rule = (
        await app.inject({ method: 'GET', url: `/api/rules/${LARGE}`, headers: as('sales') })
      ).json();
      const draft = structuredClone(rule.definition);
      draft.conditions.all[1].value = 5000;
      const messages = ['d003', 'd001'].map((id) => {
        const c = corpusCase(id);
        return { id, text: c.text, refDate: c.ref_date, channel: c.channel };
      });
      const res = await app.inject({
        method: 'POST',
        url: '/api/rules/dry-run',
        headers: as('sales'),
        payload: { rules: [draft], messages },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ source: 'messages', changedCount: 1 });
      const d003 = body.items.find((i: { id: string }) => i.id === 'd003');
      expect(d003).toMatchObject({ changed: true, removedReasons: ['large_urgent_order'] });
      expect(body.items.find((i: { id: string }) => i.id === 'd001')).toMatchObject({ changed: false });
      const current = (
        await app.inject({ method: 'GET', url: `/api/rules/${LARGE}`, headers: as('sales') })
      ).json();
      expect(current.definition.conditions.all[1].value).toBe(100);
    });

    it('reports the problems of an invalid draft by path', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/rules/dry-run',
        headers: as('sales'),
        payload: {
          rules: [{ id: 'x', name: 'x', priority: 0, enabled: true, conditions: { all: [] }, event: {} }],
          messages: [],
        },
      });
      expect(res.statusCode).toBe(400);
      const paths = res.json().errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual([
        '/rules/0/priority',
        '/rules/0/conditions/all',
        '/rules/0/event/type',
        '/rules/0/event/params',
      ]);
    });

    it('uses the latest stored analyses when no messages are given', async () => {
      const db = t.store().db;
      const c = corpusCase('d003');
      const now = new Date().toISOString();
      await db
        .insertInto('intake_records')
        .values({
          id: 'in-1',
          channel: c.channel,
          extracted_text: c.text,
          status: 'done',
          received_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await db
        .insertInto('analyses')
        .values({
          id: 'an-1',
          intake_id: 'in-1',
          ref_date: c.ref_date,
          engine_version: 'test',
          result: '{}',
          created_at: now,
        })
        .execute();
      const rule = (
        await app.inject({ method: 'GET', url: `/api/rules/${LARGE}`, headers: as('sales') })
      ).json();
      const draft = { ...rule.definition, enabled: false };
      const res = await app.inject({
        method: 'POST',
        url: '/api/rules/dry-run',
        headers: as('sales'),
        payload: { rules: [draft], last: 5 },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        source: 'stored_analyses',
        changedCount: 1,
        items: [{ id: 'an-1', removedReasons: ['large_urgent_order'] }],
      });
    });
  });
});
