import { expect, it } from 'vitest';
import {
  addContact,
  createCsrEntry,
  createCustomer,
  deleteContact,
  deleteCsrEntry,
  deleteCustomer,
  findCustomerByName,
  getCustomer,
  listCsrEntries,
  listCustomers,
  updateContact,
  updateCsrEntry,
  updateCustomer,
  upsertCustomerByName,
} from '../../src/customers/customer-repository.js';
import { auditTrail } from '../../src/store/audit.js';
import { ConflictError, NotFoundError } from '../../src/store/errors.js';
import { describeEachDatabase } from '../support/databases.js';

const actor = { id: 'user-sales', department: 'sales' };
const base = { shortName: null, firstOrderYear: null, industry: null, notes: null };

describeEachDatabase('customer repository', (t) => {
  it('creates a customer with contacts and finds it by id and name', async () => {
    const { db } = t.store();
    const c = await createCustomer(db, actor, {
      ...base,
      name: '江苏恒驰汽车零部件有限公司',
      shortName: '恒驰',
      firstOrderYear: 2018,
      contacts: [{ name: '刘经理', title: '采购经理', phone: '0512-1234', email: null, wechat: 'liu_hc' }],
    });
    expect(c.timezone).toBe('Asia/Shanghai');
    expect(await getCustomer(db, c.id)).toEqual(c);
    expect((await findCustomerByName(db, ' 江苏恒驰汽车零部件有限公司 '))?.contacts[0]).toMatchObject({
      name: '刘经理',
      wechat: 'liu_hc',
    });
    const trail = await auditTrail(db, { entityType: 'customer', entityId: c.id });
    expect(trail.map((e) => e.action)).toEqual(['customer.created']);
  });

  it('refuses a second customer with the same name, and unknown ids', async () => {
    const { db } = t.store();
    await createCustomer(db, actor, { ...base, name: '重名公司' });
    await expect(createCustomer(db, actor, { ...base, name: '重名公司' })).rejects.toThrow(ConflictError);
    await expect(updateCustomer(db, actor, 'nope', { notes: 'x' })).rejects.toThrow(NotFoundError);
    await expect(
      addContact(db, actor, 'nope', { name: 'x', title: null, phone: null, email: null, wechat: null }),
    ).rejects.toThrow(NotFoundError);
  });

  it('updates fields with before/after audit, and upserts by name', async () => {
    const { db } = t.store();
    const c = await createCustomer(db, actor, { ...base, name: '宁波凯途新能源科技有限公司' });
    const u = await updateCustomer(db, actor, c.id, { shortName: '凯途', firstOrderYear: 2021 });
    expect(u).toMatchObject({ shortName: '凯途', firstOrderYear: 2021 });
    expect(
      await upsertCustomerByName(db, actor, {
        ...base,
        name: c.name,
        shortName: '凯途',
        firstOrderYear: 2021,
      }),
    ).toBe('unchanged');
    expect(
      await upsertCustomerByName(db, actor, {
        ...base,
        name: c.name,
        shortName: '凯途新能源',
        firstOrderYear: 2021,
      }),
    ).toBe('updated');
    expect(await upsertCustomerByName(db, actor, { ...base, name: '新客户有限公司' })).toBe('created');
    const trail = await auditTrail(db, { entityId: c.id });
    expect(trail.map((e) => e.action)).toEqual(['customer.created', 'customer.updated', 'customer.updated']);
    expect(trail[1]).toMatchObject({ before: { shortName: null }, after: { shortName: '凯途' } });
  });

  it('manages contacts', async () => {
    const { db } = t.store();
    const c = await createCustomer(db, actor, { ...base, name: '联系人测试公司' });
    const k = await addContact(db, actor, c.id, {
      name: '张工',
      title: null,
      phone: null,
      email: 'z@x.cn',
      wechat: null,
    });
    await updateContact(db, actor, k.id, { phone: '138' });
    expect((await getCustomer(db, c.id))!.contacts).toEqual([{ ...k, phone: '138' }]);
    expect(await deleteContact(db, actor, k.id)).toBe(true);
    expect((await getCustomer(db, c.id))!.contacts).toEqual([]);
    expect((await auditTrail(db, { entityId: k.id })).map((e) => e.action)).toEqual([
      'contact.created',
      'contact.updated',
      'contact.deleted',
    ]);
  });

  it('keeps CSR entries per customer with validation, and removes them with the customer', async () => {
    const { db } = t.store();
    const c = await createCustomer(db, actor, { ...base, name: 'CSR测试公司' });
    const entry = {
      sourceDocument: '供应商质量手册',
      clause: '4.2',
      text: '变更须提前60天通知',
      category: 'quality' as const,
      appliesTo: 'all',
      department: 'quality',
      effectiveFrom: '2024-01-01',
      effectiveTo: null,
    };
    const e = await createCsrEntry(db, actor, c.id, entry);
    expect(e).toMatchObject({ ...entry, status: 'active', customerId: c.id });
    await expect(
      createCsrEntry(db, actor, c.id, { ...entry, category: 'nonsense' as never }),
    ).rejects.toThrow(/类别/);
    await expect(createCsrEntry(db, actor, c.id, { ...entry, text: '  ' })).rejects.toThrow(/不能为空/);
    const u = await updateCsrEntry(db, actor, e.id, { status: 'inactive', effectiveTo: '2025-12-31' });
    expect(u).toMatchObject({ status: 'inactive', effectiveTo: '2025-12-31', text: entry.text });
    expect(await listCsrEntries(db, { customerId: c.id, status: 'active' })).toEqual([]);
    const second = await createCsrEntry(db, actor, c.id, { ...entry, clause: '6.1', text: '随货附检验报告' });
    expect(await deleteCsrEntry(db, actor, second.id)).toBe(true);
    expect(await deleteCustomer(db, actor, c.id)).toBe(true);
    expect(await listCsrEntries(db, { customerId: c.id })).toEqual([]);
    const deleted = (await auditTrail(db, { entityId: c.id })).at(-1)!;
    expect(deleted.action).toBe('customer.deleted');
    expect((deleted.before as { csr: unknown[] }).csr).toHaveLength(1);
  });

  it('lists with search and paging', async () => {
    const { db } = t.store();
    for (const n of ['列表甲汽车', '列表乙汽车', '列表丙光伏']) {
      await createCustomer(db, actor, {
        ...base,
        name: n,
        industry: n.endsWith('光伏') ? '光伏组件' : '汽车零部件',
      });
    }
    const page = await listCustomers(db, { search: '列表', limit: 2 });
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
    expect((await listCustomers(db, { search: '光伏' })).items.map((c) => c.name)).toEqual(['列表丙光伏']);
  });
});
