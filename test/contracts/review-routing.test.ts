// Which departments review what, through the real app on both databases: the routing table per
// contract class (the procedure's defaults, edited by the administrator and audited), a special
// contract refused with fewer departments than the table names, a 120-tonne urgent order that always
// gets purchasing, production's checklist carrying the delivery date, sales bringing a department
// into an open case (which then finds it on its workbench) but never taking one below the policy,
// and the customer's CSR register entries as checklist lines of the departments they name, answered
// and printed in the review record.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { createCsrEntry, findCustomerByName } from '../../src/customers/customer-repository.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { appFor, login } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { CUSTOMER, ITEMS, type Plant, seedPlant } from './http-case.js';

interface CaseJson {
  id: string;
  number: string;
  stage: string;
  version: number;
  contractVersion: number;
  departments: { department: string; status: string; required: boolean }[];
  routing: { minimum: string[]; triggers: string[]; changes: { op: string; department: string }[] };
  myChecklist: { department: string; items: { id: string; topic: { zh: string }; source: string }[] } | null;
}

const departmentsOf = (c: CaseJson) => c.departments.map((d) => d.department);

describeEachDatabase('review routing', (t) => {
  let app: App;
  let plant: Plant;
  let admin = '';
  const now = new Date('2026-11-23T02:00:00.000Z');
  const db = () => t.store().db;

  beforeAll(async () => {
    app = await appFor(t.store(), { clock: () => now });
    plant = await seedPlant(app, t.store());
    await createUser(
      db(),
      { username: 'r-admin', password: 'Fz8#kP2q-adminwR-Tm5', department: 'admin' },
      SYSTEM_ACTORS.cli,
    );
    admin = await login(app, 'r-admin', 'Fz8#kP2q-adminwR-Tm5');
  });
  afterAll(async () => {
    await app.close();
  });

  const line = (over: object = {}) => ({ ...ITEMS[1]!, ...over });
  /** An order typed by hand; departments only when `departments` is given. */
  const order = (contractClass: string, over: object = {}) => ({
    customerName: '常州新能源车身有限公司',
    contractClass,
    receivedAt: now.toISOString(),
    items: [line()],
    delivery: { date: '2026-12-20', place: '苏州工厂', terms: 'DAP' },
    paymentTerms: '月结60天',
    requirements: [
      {
        text: '孔径公差±0.05mm',
        category: 'technical',
        kind: 'explicit',
        special: false,
        priority: 'normal',
      },
    ],
    ...over,
  });
  const open = async (body: object) => {
    const res = await plant.post('sales', '/api/contracts', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as CaseJson;
  };
  const confirm = async (c: CaseJson) => {
    const url = `/api/contracts/${c.id}`;
    const view = (await plant.get('sales', url)).json() as CaseJson & { requirements: { id: string }[] };
    const edits = view.requirements.map((r) => ({ op: 'accept', requirementId: r.id }));
    await plant.post('sales', `${url}/requirements`, { edits });
    const res = await plant.post('sales', `${url}/requirements/confirm`, {});
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as CaseJson;
  };
  const count = async (table: 'contracts' | 'audit_log' | 'review_events' | 'notifications') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('the routing table', () => {
    it('defaults to the procedure: who reviews each class, read by everyone', async () => {
      const res = await plant.get('quality', '/api/settings/review-routing');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        version: 0,
        routing: {
          regular: {
            required: ['sales', 'technical', 'production', 'quality'],
            conditional: [
              { department: 'purchasing', when: ['materials', 'sub_supplier', 'large_order'] },
              { department: 'finance', when: ['penalty_clause', 'new_customer'] },
            ],
          },
          special: {
            required: ['sales', 'technical', 'purchasing', 'production', 'quality', 'general_manager'],
          },
          temporary: { required: ['sales', 'production'] },
          largeOrderTonnes: 100,
        },
      });
      // The policy document carries the same table.
      expect((await plant.get('gm', '/api/settings/review-policy')).json().policy.routing).toEqual(
        res.json().routing,
      );
    });

    it('routes a regular order to sales, technical, production and quality, and purchasing for its material', async () => {
      const c = await open(order('regular'));
      expect(departmentsOf(c)).toEqual(['sales', 'technical', 'purchasing', 'production', 'quality']);
      expect(c.routing.triggers).toEqual(['materials']);
      expect(c.departments.filter((d) => d.required).map((d) => d.department)).toEqual(departmentsOf(c));
    });

    it('gives production the delivery date to confirm, and each department its procedure checklist', async () => {
      const c = await confirm(await open(order('regular')));
      const checklist = async (who: 'production' | 'quality' | 'sales' | 'technical' | 'purchasing') =>
        ((await plant.get(who, `/api/contracts/${c.id}`)).json() as CaseJson).myChecklist!.items.map(
          (i) => i.topic.zh,
        );
      const production = await checklist('production');
      expect(production).toContain('产能是否满足');
      expect(production).toContain('交期是否可达成：要求 2026-12-20 交货（苏州工厂）');
      expect(await checklist('quality')).toEqual(
        expect.arrayContaining([
          expect.stringContaining('检验与试验能力'),
          expect.stringContaining('测量设备'),
        ]),
      );
      expect(await checklist('sales')).toEqual([
        '价格是否确认、与报价一致',
        '订单内容是否正确（品名、型号、数量、交期）',
        '订单信息是否完整、无歧义',
      ]);
      expect(await checklist('technical')).toEqual(
        expect.arrayContaining(['技术可行性', '特殊特性是否识别并有控制方法', '风险分析（FMEA 等）']),
      );
      expect(await checklist('purchasing')).toContain('原材料可采购、规格满足');
      // Without a date, production is told that none was given.
      const undated = await confirm(
        await open(order('regular', { delivery: { date: null, place: null, terms: null } })),
      );
      const topics = (
        (await plant.get('production', `/api/contracts/${undated.id}`)).json() as CaseJson
      ).myChecklist!.items.map((i) => i.topic.zh);
      expect(topics).toContain('交期是否可达成（订单未写明交货日期，须与客户确认）');
    });

    it('always gives a 120-tonne urgent order to purchasing, and a large regular order too', async () => {
      const urgent = await open(
        order('special', {
          items: [line({ quantity: { value: 120, unit: 't' }, material: null })],
          reasons: [{ code: 'large_urgent_order', explanation: '总重 120 吨 ≥ 100 吨，交期 12 天 ≤ 30 天' }],
          delivery: { date: '2026-12-05', place: '苏州工厂', terms: null },
        }),
      );
      expect(departmentsOf(urgent)).toEqual(['sales', 'technical', 'purchasing', 'production', 'quality']);
      // No material named, no sub-supplier: the tonnage alone calls purchasing in.
      const plain = { material: null };
      const large = await open(
        order('regular', { items: [line({ ...plain, quantity: { value: 120, unit: '吨' } })] }),
      );
      expect(departmentsOf(large)).toContain('purchasing');
      expect(large.routing.triggers).toEqual(['large_order']);
      const small = await open(
        order('regular', { items: [line({ ...plain, quantity: { value: 99.9, unit: 't' } })] }),
      );
      expect(departmentsOf(small)).not.toContain('purchasing');
      expect(small.routing.triggers).toEqual([]);
    });

    it('refuses a special contract opened with fewer departments than the table names, writing nothing', async () => {
      const before = await Promise.all([count('contracts'), count('audit_log'), count('review_events')]);
      const res = await plant.post(
        'sales',
        '/api/contracts',
        order('special', { departments: ['sales', 'technical', 'quality', 'general_manager'] }),
      );
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        code: 'REQUIRED_DEPARTMENTS_MISSING',
        departments: ['purchasing', 'production'],
      });
      expect(res.json().detail).toMatch(/^缺少评审策略规定.*缺少：采购部、生产部/);
      expect(await Promise.all([count('contracts'), count('audit_log'), count('review_events')])).toEqual(
        before,
      );
      const full = await open(
        order('special', {
          departments: ['sales', 'technical', 'purchasing', 'production', 'quality', 'general_manager'],
        }),
      );
      expect(full.stage).toBe('requirementConfirmation');
    });
  });

  describe('sales changes who reviews an open case', () => {
    it('adds a department with a reason: audited, notified, on its workbench; never below the policy', async () => {
      const c = await confirm(await open(order('regular')));
      const url = `/api/contracts/${c.id}`;
      expect(c.stage).toBe('countersign');
      const workbench = async () =>
        (await plant.get('finance', '/api/workbench'))
          .json()
          .myOpenReviews.map((r: { number: string }) => r.number);
      expect(await workbench()).not.toContain(c.number);

      // Only the case owner's side may change the departments; a reason is required.
      const byTechnical = await plant.post('technical', `${url}/departments`, {
        department: 'finance',
        reason: '付款条件',
      });
      expect({ status: byTechnical.statusCode, code: byTechnical.json().code }).toEqual({
        status: 403,
        code: 'NOT_PERMITTED',
      });
      const noReason = await plant.post('sales', `${url}/departments`, { department: 'finance', reason: '' });
      expect(noReason.statusCode).toBe(400);
      const gm = await plant.post('sales', `${url}/departments`, {
        department: 'general_manager',
        reason: '重要客户',
      });
      expect(gm.statusCode).toBe(400);
      expect(gm.json().errors[0].path).toBe('/department');

      const added = await plant.post('sales', `${url}/departments`, {
        department: 'finance',
        reason: '客户要求 90 天账期，需评估信用额度',
        expectedVersion: c.version,
      });
      expect(added.statusCode, added.body).toBe(200);
      const after = added.json() as CaseJson;
      expect(after.departments.find((d) => d.department === 'finance')).toMatchObject({
        status: 'pending',
        required: false,
      });
      expect(after.routing.changes).toMatchObject([{ op: 'add', department: 'finance' }]);
      expect(await workbench()).toContain(c.number);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'after'])
        .where('entity_id', '=', c.id)
        .where('action', '=', 'review.department_added')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor_id).toBe(plant.ids.sales);
      expect(JSON.parse(audit[0]!.after!)).toMatchObject({
        department: 'finance',
        reason: '客户要求 90 天账期，需评估信用额度',
      });
      const notified = await db()
        .selectFrom('notifications')
        .select('user_id')
        .where('contract_id', '=', c.id)
        .where('kind', '=', 'review_requested')
        .where('user_id', '=', plant.ids.finance)
        .execute();
      expect(notified.length).toBeGreaterThan(0);
      const twice = await plant.post('sales', `${url}/departments`, {
        department: 'finance',
        reason: '再次',
      });
      expect({ status: twice.statusCode, code: twice.json().code }).toEqual({
        status: 409,
        code: 'DEPARTMENT_ALREADY_IN_CASE',
      });

      // Below the policy's minimum: refused, nothing written.
      const before = await Promise.all([count('audit_log'), count('review_events'), count('notifications')]);
      const removeProduction = await plant.post('sales', `${url}/departments/remove`, {
        department: 'production',
        reason: '库存现货',
      });
      expect(removeProduction.statusCode).toBe(422);
      expect(removeProduction.json()).toMatchObject({
        code: 'DEPARTMENT_REQUIRED_BY_POLICY',
        departments: ['production'],
      });
      expect(removeProduction.json().detail).toContain('生产部');
      expect(await Promise.all([count('audit_log'), count('review_events'), count('notifications')])).toEqual(
        before,
      );
      // The department sales added may go again.
      const removed = await plant.post('sales', `${url}/departments/remove`, {
        department: 'finance',
        reason: '账期已由销售经理确认',
      });
      expect(removed.statusCode, removed.body).toBe(200);
      expect(departmentsOf(removed.json())).not.toContain('finance');
      expect(await workbench()).not.toContain(c.number);
    });
  });

  describe('customer-specific requirements', () => {
    it('puts applicable CSR entries into the named departments’ checklists and the review record', async () => {
      const customer = await findCustomerByName(db(), CUSTOMER);
      const csr = (over: object) =>
        createCsrEntry(db(), SYSTEM_ACTORS.cli, customer!.id, {
          sourceDocument: 'CSR 手册 2026',
          clause: null,
          text: '',
          category: 'quality',
          appliesTo: null,
          department: null,
          effectiveFrom: null,
          effectiveTo: null,
          ...over,
        });
      await csr({ clause: '4.2', text: '每批出货附尺寸全检报告', department: '质量部' });
      await csr({
        clause: '7.1',
        text: '交付准时率须达 98%',
        category: 'delivery',
        department: 'production',
      });
      await csr({
        clause: '9.9',
        text: '仅适用于压铸件的孔隙率要求',
        appliesTo: 'DC-HOUSING-01',
        department: 'quality',
      });
      await csr({
        clause: '3.3',
        text: '已过期的旧版包装要求',
        effectiveTo: '2025-12-31',
        department: 'quality',
      });
      await csr({
        clause: '5.5',
        text: '客户审核前须提交财务报表',
        category: 'payment',
        department: '财务部',
      });

      const c = await confirm(await open({ ...order('regular'), customerName: CUSTOMER }));
      const url = `/api/contracts/${c.id}`;
      // The CSR that names finance brings finance into the review.
      expect(departmentsOf(c)).toContain('finance');
      const lines = async (who: 'quality' | 'production' | 'finance' | 'technical') =>
        ((await plant.get(who, url)).json() as CaseJson).myChecklist!.items.filter((i) => i.source === 'csr');
      expect((await lines('quality')).map((i) => i.topic.zh)).toEqual([
        '客户特殊要求 4.2：每批出货附尺寸全检报告',
      ]);
      expect((await lines('production')).map((i) => i.topic.zh)).toEqual([
        '客户特殊要求 7.1：交付准时率须达 98%',
      ]);
      expect((await lines('finance')).map((i) => i.topic.zh)).toEqual([
        '客户特殊要求 5.5：客户审核前须提交财务报表',
      ]);
      expect(await lines('technical')).toEqual([]);
      // A department the CSR names may not be taken out.
      const remove = await plant.post('sales', `${url}/departments/remove`, {
        department: 'finance',
        reason: '不需要',
      });
      expect(remove.json().code).toBe('DEPARTMENT_REQUIRED_BY_POLICY');

      // The CSR line is answered like any other: left out, the sign-off is refused.
      const quality = (await plant.get('quality', url)).json() as CaseJson;
      const items = quality.myChecklist!.items;
      const answers = Object.fromEntries(items.map((i) => [i.id, i.source === 'csr' ? 'issue' : 'ok']));
      const csrId = items.find((i) => i.source === 'csr')!.id;
      const { [csrId]: _left, ...incomplete } = answers;
      const refused = await plant.post('quality', `${url}/reviews/sign`, {
        department: 'quality',
        contractVersion: quality.contractVersion,
        answers: incomplete,
        outcome: 'can_meet',
      });
      expect(refused.json().code).toBe('CHECKLIST_INCOMPLETE');
      const signed = await plant.post('quality', `${url}/reviews/sign`, {
        department: 'quality',
        contractVersion: quality.contractVersion,
        answers,
        outcome: 'can_meet_with_conditions',
        conditions: '全检报告需增加检验员',
      });
      expect(signed.statusCode, signed.body).toBe(200);

      const res = await plant.get('quality', `${url}/record.xlsx`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows: string[][] = [];
      wb.eachSheet((sheet) =>
        sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')))),
      );
      const csrRow = rows.find((r) => r.some((v) => v.includes('客户特殊要求 4.2：每批出货附尺寸全检报告')));
      expect(csrRow).toBeDefined();
      expect(csrRow!.join(' ')).toContain('质量部');
      expect(csrRow!.join(' ')).toContain('有问题');
      expect(rows.some((r) => r.some((v) => v.includes('客户特殊要求 5.5')))).toBe(true);
    });
  });

  describe('the administrator edits the table', () => {
    it('saves a new table under the policy version, audited; others may not; a bad one is named', async () => {
      const current = (await plant.get('sales', '/api/settings/review-routing')).json();
      const routing = {
        ...current.routing,
        largeOrderTonnes: 50,
        temporary: { required: ['sales', 'production', 'quality'], conditional: [] },
      };
      for (const who of ['sales', 'gm'] as const) {
        const denied = await app.inject({
          method: 'PUT',
          url: '/api/settings/review-routing',
          headers: plant.as(who),
          payload: { expectedVersion: current.version, routing },
        });
        expect(denied.statusCode).toBe(403);
      }
      const put = (payload: object) =>
        app.inject({
          method: 'PUT',
          url: '/api/settings/review-routing',
          headers: { cookie: admin },
          payload,
        });
      const noGm = await put({
        expectedVersion: current.version,
        routing: { ...routing, special: { required: ['sales', 'technical', 'quality'], conditional: [] } },
      });
      expect(noGm.statusCode).toBe(400);
      expect(noGm.json().errors).toEqual([
        expect.objectContaining({
          path: '/routing/special/required',
          message: expect.stringContaining('总经理'),
        }),
      ]);
      const unknown = await put({
        expectedVersion: current.version,
        routing: { ...routing, regular: { ...routing.regular, required: ['sales', 'logistics'] } },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0].path).toBe('/routing/regular/required/1');

      const saved = await put({ expectedVersion: current.version, routing });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ version: current.version + 1, routing });
      const stale = await put({ expectedVersion: current.version, routing });
      expect(stale.statusCode).toBe(409);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'before', 'after'])
        .where('action', '=', 'settings.review_routing_updated')
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.before!).policy.largeOrderTonnes).toBe(100);
      expect(JSON.parse(audit[0]!.after!).policy).toEqual(routing);

      // New cases follow the new table.
      const sixty = await open(
        order('regular', { items: [line({ material: null, quantity: { value: 60, unit: 't' } })] }),
      );
      expect(departmentsOf(sixty)).toContain('purchasing');
      const temporary = await open(order('temporary'));
      expect(departmentsOf(temporary)).toEqual(['sales', 'production', 'quality']);

      // Saving the rest of the policy from a client that does not know the table keeps it.
      const policy = (await plant.get('gm', '/api/settings/review-policy')).json();
      const { routing: _omit, ...rest } = policy.policy;
      const kept = await app.inject({
        method: 'PUT',
        url: '/api/settings/review-policy',
        headers: { cookie: admin },
        payload: { expectedVersion: policy.version, policy: { ...rest, financeAlwaysReviews: false } },
      });
      expect(kept.statusCode, kept.body).toBe(200);
      expect(kept.json().policy.routing).toEqual(routing);
    });
  });
});
