// Master data kept in the app, through the real HTTP app on both databases: customers (background
// questions, contacts, deactivate/reactivate), catalogue items, each write in the audit trail, clear
// problem+json errors, and a new customer found in an intake message confirmed by sales and linked
// to the intake and its case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/analysis/result.js';
import { createUser } from '../../src/auth/user-repository.js';
import { upsertProduct } from '../../src/catalog/catalog-repository.js';
import { analysedOrder } from '../../src/review/reviewed-order.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { type IntakeServer, startIntakeServer, waitForIntake } from '../support/intake.js';
import { login } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API under test
type Json = Record<string, any>;

const NEW_CUSTOMER = '常州新锐电机有限公司';
const MESSAGE = [
  `您好，我是${NEW_CUSTOMER}采购部的王磊。`,
  '我司需要订购6063-T5门窗型材 AL-101 共 5 吨，单价 21000 元/吨，2026年12月30日前交货到常州工厂。',
  '联系人：王磊，电话 13812345678，邮箱 wanglei@xinrui-motor.cn',
].join('\n');

describeEachDatabase('master data in the app', (t) => {
  let server: IntakeServer;
  let techCookie = '';
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, cookie?: string) =>
    server.app.inject({
      method,
      url,
      headers: { cookie: cookie ?? server.cookie },
      ...(payload ? { payload } : {}),
    });
  const audit = (entityId: string) => auditTrail(t.store().db, { entityId });

  beforeAll(async () => {
    await upsertProduct(t.store().db, SYSTEM_ACTORS.cli, {
      code: 'AL-101',
      name: '6063-T5门窗型材',
      model: 'AL-101',
      category: '型材',
      precisionGrade: '普通级',
      unit: '吨',
      unitWeightKg: 1000,
      listPriceCny: '21000.00',
    });
    server = await startIntakeServer(t.store(), {}, `master-${t.dialect}`);
    await createUser(
      t.store().db,
      { username: `md-tech-${t.dialect}`, password: 'pw-tech-master-1', department: 'technical' },
      SYSTEM_ACTORS.cli,
    );
    techCookie = await login(server.app, `md-tech-${t.dialect}`, 'pw-tech-master-1');
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  describe('customers', () => {
    let id = '';

    it('creates a customer with the background questions and a contact, audited', async () => {
      const res = await call('POST', '/api/customers', {
        name: '无锡华东轴承有限公司',
        industry: '轴承',
        companySize: '500 人，年产值 3 亿',
        mainProducts: '深沟球轴承',
        goals: '降低壳体重量 10%',
        useScenario: '电动车轮毂',
        urgency: '高：明年 3 月量产',
        budget: '单件 ≤ 40 元',
        trueMotive: '现有供应商交期不稳',
        contacts: [{ name: '赵敏', title: '采购经理', phone: '0510-8888 1234', email: 'zhao@hdbearing.cn' }],
      });
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json();
      id = c.id;
      expect(c).toMatchObject({
        active: true,
        trueMotive: '现有供应商交期不稳',
        urgency: '高：明年 3 月量产',
        contacts: [{ name: '赵敏', title: '采购经理', email: 'zhao@hdbearing.cn' }],
      });
      const trail = await audit(id);
      expect(trail.map((a) => a.action)).toEqual(['customer.created']);
      expect(trail[0]!.after).toMatchObject({ trueMotive: '现有供应商交期不稳' });
    });

    it('refuses a duplicate name, an empty name and a bad contact with problem+json naming the field', async () => {
      const dup = await call('POST', '/api/customers', { name: ' 无锡华东轴承有限公司 ' });
      expect(dup.statusCode).toBe(409);
      expect(dup.headers['content-type']).toContain('application/problem+json');
      expect(dup.json().detail).toContain('客户名称已存在');

      const empty = await call('POST', '/api/customers', { name: '  ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors).toEqual([expect.objectContaining({ path: '/name' })]);

      const badContact = await call('POST', `/api/customers/${id}/contacts`, {
        name: '钱多多',
        email: 'not-an-address',
        phone: '打电话给我',
      });
      expect(badContact.statusCode).toBe(400);
      const paths = badContact.json().errors.map((e: Json) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['/email', '/phone']));
      expect(JSON.stringify(badContact.json().errors)).toContain('邮箱格式不正确');

      const renameToTaken = await call('POST', '/api/customers', { name: '另一家公司' });
      const taken = await call('PUT', `/api/customers/${renameToTaken.json().id}`, {
        name: '无锡华东轴承有限公司',
      });
      expect(taken.statusCode).toBe(409);
    });

    it('edits the background with before and after in the audit trail; other departments may not', async () => {
      const res = await call('PUT', `/api/customers/${id}`, { budget: '单件 ≤ 45 元', trueMotive: null });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        budget: '单件 ≤ 45 元',
        trueMotive: null,
        goals: '降低壳体重量 10%',
      });
      const updated = (await audit(id)).filter((a) => a.action === 'customer.updated');
      expect(updated).toHaveLength(1);
      expect(updated[0]!.before).toMatchObject({ budget: '单件 ≤ 40 元', trueMotive: '现有供应商交期不稳' });
      expect(updated[0]!.after).toMatchObject({ budget: '单件 ≤ 45 元', trueMotive: null });

      const refused = await call('PUT', `/api/customers/${id}`, { budget: '免费' }, techCookie);
      expect(refused.statusCode).toBe(403);
      expect((await call('GET', `/api/customers/${id}`)).json().budget).toBe('单件 ≤ 45 元');
    });

    it('adds, edits and removes contacts, each audited', async () => {
      const added = await call('POST', `/api/customers/${id}/contacts`, {
        name: '孙立',
        title: '质量工程师',
        phone: '+86 139 0000 1111',
        email: 'sun@hdbearing.cn',
      });
      expect(added.statusCode, added.body).toBe(201);
      const contactId = added.json().id;
      const edited = await call('PUT', `/api/customers/${id}/contacts/${contactId}`, { title: '质量经理' });
      expect(edited.json()).toMatchObject({ name: '孙立', title: '质量经理' });
      expect((await call('DELETE', `/api/customers/${id}/contacts/${contactId}`)).statusCode).toBe(204);
      const names = (await call('GET', `/api/customers/${id}`)).json().contacts.map((c: Json) => c.name);
      expect(names).toEqual(['赵敏']);
      expect((await audit(contactId)).map((a) => a.action)).toEqual([
        'contact.created',
        'contact.updated',
        'contact.deleted',
      ]);
    });

    it('deactivates and reactivates a customer; the list filters by state', async () => {
      const off = await call('POST', `/api/customers/${id}/deactivate`);
      expect(off.json().active).toBe(false);
      const inactive = (await call('GET', '/api/customers?active=false')).json();
      expect(inactive.items.map((c: Json) => c.id)).toEqual([id]);
      const active = (await call('GET', '/api/customers?active=true')).json();
      expect(active.items.map((c: Json) => c.id)).not.toContain(id);
      // Deactivating twice writes nothing more.
      await call('POST', `/api/customers/${id}/deactivate`);
      const on = await call('POST', `/api/customers/${id}/reactivate`);
      expect(on.json().active).toBe(true);
      const states = (await audit(id)).filter((a) => a.action.endsWith('activated'));
      expect(states.map((a) => [a.action, a.before, a.after])).toEqual([
        ['customer.deactivated', { active: true }, { active: false }],
        ['customer.reactivated', { active: false }, { active: true }],
      ]);
      expect((await call('POST', '/api/customers/no-such-id/deactivate')).statusCode).toBe(404);
    });
  });

  describe('catalogue items', () => {
    it('creates, edits and deactivates an item, audited, and refuses bad values', async () => {
      const created = await call('POST', '/api/catalog/products', {
        code: 'AL-300',
        name: '6061-T6 电机壳',
        unit: '件',
        unitWeightKg: 2.4,
        listPriceCny: '58.50',
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ code: 'AL-300', active: true, listPriceCny: '58.50' });

      const bad = await call('POST', '/api/catalog/products', {
        code: 'AL 301',
        name: '',
        unit: '件',
        listPriceCny: '-3',
      });
      expect(bad.statusCode).toBe(400);
      const paths = bad.json().errors.map((e: Json) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['/code', '/name', '/listPriceCny']));

      const edited = await call('PUT', '/api/catalog/products/AL-300', {
        name: '6061-T6 电机壳（加长）',
        unit: '件',
        unitWeightKg: 2.6,
        listPriceCny: '61.00',
      });
      expect(edited.json()).toMatchObject({ name: '6061-T6 电机壳（加长）', listPriceCny: '61.00' });

      const off = await call('POST', '/api/catalog/products/AL-300/deactivate');
      expect(off.json().active).toBe(false);
      const listed = (await call('GET', '/api/catalog/products?active=true')).json();
      expect(listed.items.map((p: Json) => p.code)).not.toContain('AL-300');
      expect(
        (await call('POST', '/api/catalog/products/AL-300/deactivate', undefined, techCookie)).statusCode,
      ).toBe(200);
      expect((await audit('AL-300')).map((a) => a.action)).toEqual([
        'product.created',
        'product.updated',
        'product.deactivated',
      ]);
    });
  });

  describe('a new customer from an intake message', () => {
    it('is proposed on the intake and the case, confirmed by sales, and linked to both', async () => {
      const intakeId = await server.upload('询价.txt', Buffer.from(MESSAGE), 'text/plain');
      const record = await waitForIntake(t.store().db, intakeId);
      expect(record.status).toBe('done');

      const shown = (await call('GET', `/api/intake/${intakeId}`)).json();
      expect(shown.customerId).toBeNull();
      expect(shown.newCustomer).toEqual({
        name: NEW_CUSTOMER,
        contact: { name: '王磊', phone: '13812345678', email: 'wanglei@xinrui-motor.cn' },
        existingCustomerId: null,
      });

      const analysis = shown.analysis as AnalysisResult;
      const opened = await call('POST', '/api/contracts', {
        intakeId,
        order: analysedOrder(analysis, NEW_CUSTOMER),
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const contractId = opened.json().id;
      const before = (await call('GET', `/api/contracts/${contractId}`)).json();
      expect(before.customer.id).toBeNull();
      expect(before.newCustomer).toMatchObject({ name: NEW_CUSTOMER, contact: { phone: '13812345678' } });

      // Only sales (or quality) confirm a customer record.
      expect((await call('POST', `/api/intake/${intakeId}/new-customer`, {}, techCookie)).statusCode).toBe(
        403,
      );

      const confirmed = await call('POST', `/api/intake/${intakeId}/new-customer`, {});
      expect(confirmed.statusCode, confirmed.body).toBe(201);
      const out = confirmed.json();
      expect(out).toMatchObject({
        created: true,
        intakeId,
        contractIds: [contractId],
        customer: {
          name: NEW_CUSTOMER,
          active: true,
          contacts: [{ name: '王磊', phone: '13812345678', email: 'wanglei@xinrui-motor.cn' }],
        },
      });
      const customerId = out.customer.id;

      const after = (await call('GET', `/api/contracts/${contractId}`)).json();
      expect(after.customer).toEqual({ id: customerId, name: NEW_CUSTOMER });
      expect(after.newCustomer).toBeNull();
      const intakeAfter = (await call('GET', `/api/intake/${intakeId}`)).json();
      expect(intakeAfter).toMatchObject({ customerId, newCustomer: null });

      // It is a customer now: in the list, with the case among its contracts, and in complaint search.
      const list = (await call('GET', `/api/customers?q=${encodeURIComponent('新锐')}`)).json();
      expect(list.items.map((c: Json) => c.id)).toEqual([customerId]);
      const contracts = (
        await call('GET', `/api/contracts?customer=${encodeURIComponent(NEW_CUSTOMER)}`)
      ).json();
      expect(contracts.items.map((c: Json) => c.id)).toContain(contractId);
      const complaint = await call('POST', '/api/feedback', {
        customerId,
        contractId,
        text: '第一批型材表面有划伤，请尽快处理。',
        receivedAt: new Date().toISOString(),
        kind: 'complaint',
      });
      expect(complaint.statusCode, complaint.body).toBe(201);
      const found = (await call('GET', `/api/feedback?customerId=${customerId}`)).json();
      expect(found.items.map((f: Json) => f.customerName)).toEqual([NEW_CUSTOMER]);

      // The link is in the audit trail; confirming twice is refused.
      expect((await audit(intakeId)).map((a) => a.action)).toContain('intake.customer_linked');
      expect((await audit(contractId)).map((a) => a.action)).toContain('contract.customer_linked');
      expect((await audit(customerId)).map((a) => a.action)).toEqual(['customer.created']);
      const again = await call('POST', `/api/intake/${intakeId}/new-customer`, {});
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toContain('已关联客户');
    });

    it('is confirmed from a case under the name sales corrected, with the contact sales chose', async () => {
      const intakeId = await server.upload(
        '询价2.txt',
        Buffer.from(MESSAGE.replaceAll('新锐', '新泰')),
        'text/plain',
      );
      await waitForIntake(t.store().db, intakeId);
      const analysis = (await call('GET', `/api/intake/${intakeId}`)).json().analysis as AnalysisResult;
      const opened = await call('POST', '/api/contracts', {
        intakeId,
        order: analysedOrder(analysis, '常州新泰电机股份有限公司'),
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const contractId = opened.json().id;
      const proposal = (await call('GET', `/api/contracts/${contractId}`)).json().newCustomer;
      expect(proposal.name).toBe('常州新泰电机股份有限公司');

      const bad = await call('POST', `/api/contracts/${contractId}/new-customer`, {
        contact: { name: '王磊', email: 'wanglei at xintai' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('/contact/email');

      const ok = await call('POST', `/api/contracts/${contractId}/new-customer`, {
        contact: { name: '王磊', title: '采购', phone: '13812345678', email: null },
      });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().customer).toMatchObject({
        name: '常州新泰电机股份有限公司',
        contacts: [{ name: '王磊', title: '采购', email: null }],
      });
      expect((await call('GET', `/api/intake/${intakeId}`)).json().customerId).toBe(ok.json().customer.id);
    });
  });
});
