// The customers API through the real app: customers with contacts, the CSR register per customer,
// the CSR matrix and its export, import/export of customers, and the department checks.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import type { App } from '../../src/server/context.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { corpusCase, multipartFile } from '../rules/store-support.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login } from './helpers.js';

describeEachDatabase('customers API', (t) => {
  let app: App;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    app = await appFor(t.store());
    for (const department of ['sales', 'quality', 'technical']) {
      await createUser(
        t.store().db,
        { username: `k-${department}`, password: `pw-${department}-123`, department },
        SYSTEM_ACTORS.cli,
      );
      cookies[department] = await login(app, `k-${department}`, `pw-${department}-123`);
    }
  });
  afterAll(async () => {
    await app.close();
  });
  const as = (d: string) => ({ cookie: cookies[d]! });
  let hengchi = '';

  it('imports customers from CSV with a row-level report', async () => {
    const csv = [
      'name,short_name,first_order_year,industry,notes',
      '江苏恒驰汽车零部件有限公司,恒驰,2018,汽车零部件,',
      '广东粤华门窗幕墙工程有限公司,粤华,2016,建筑门窗幕墙,',
      '安徽新桥精工有限公司,新桥,,机械,潜在客户',
      '坏年份公司,坏,十八年,,',
    ].join('\n');
    const upload = multipartFile('file', 'customers.csv', csv);
    const strict = await app.inject({
      method: 'POST',
      url: '/api/customers/import',
      headers: { ...as('sales'), ...upload.headers },
      payload: upload.payload,
    });
    expect(strict.json()).toMatchObject({ written: false, invalidRows: 1 });
    expect(strict.json().issues[0]).toMatchObject({ row: 5, column: 'first_order_year' });
    const again = multipartFile('file', 'customers.csv', csv);
    const partial = await app.inject({
      method: 'POST',
      url: '/api/customers/import?partial=1',
      headers: { ...as('sales'), ...again.headers },
      payload: again.payload,
    });
    expect(partial.json()).toMatchObject({ written: true, created: 3, invalidRows: 1 });
    const refused = multipartFile('file', 'customers.csv', csv);
    const tech = await app.inject({
      method: 'POST',
      url: '/api/customers/import',
      headers: { ...as('technical'), ...refused.headers },
      payload: refused.payload,
    });
    expect(tech.statusCode).toBe(403);
  });

  it('lists and searches customers with paging', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/customers?q=恒驰&page=1&pageSize=10',
      headers: as('technical'),
    });
    expect(res.json()).toMatchObject({
      total: 1,
      items: [{ name: '江苏恒驰汽车零部件有限公司', firstOrderYear: 2018 }],
    });
    hengchi = res.json().items[0].id;
    const all = await app.inject({
      method: 'GET',
      url: '/api/customers?pageSize=2&page=2',
      headers: as('technical'),
    });
    expect(all.json().total).toBe(3);
    expect(all.json().items).toHaveLength(1);
  });

  it('creates a customer with contacts, updates it, and refuses a duplicate name', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: as('sales'),
      payload: {
        name: '浙江测试汽车部件有限公司',
        shortName: '浙测',
        contacts: [{ name: '王工', phone: '13800000000' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().contacts).toMatchObject([{ name: '王工', phone: '13800000000', email: null }]);
    const dup = await app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: as('sales'),
      payload: { name: '浙江测试汽车部件有限公司' },
    });
    expect(dup.statusCode).toBe(409);
    const updated = await app.inject({
      method: 'PUT',
      url: `/api/customers/${id}`,
      headers: as('quality'),
      payload: { firstOrderYear: 2025 },
    });
    expect(updated.json()).toMatchObject({ firstOrderYear: 2025, shortName: '浙测' });
    const badTz = await app.inject({
      method: 'PUT',
      url: `/api/customers/${id}`,
      headers: as('quality'),
      payload: { timezone: 'Mars/Base' },
    });
    expect(badTz.statusCode).toBe(400);
    const forbidden = await app.inject({
      method: 'PUT',
      url: `/api/customers/${id}`,
      headers: as('technical'),
      payload: { notes: 'x' },
    });
    expect(forbidden.statusCode).toBe(403);
    const del = await app.inject({ method: 'DELETE', url: `/api/customers/${id}`, headers: as('sales') });
    expect(del.statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: `/api/customers/${id}`, headers: as('sales') })).statusCode,
    ).toBe(404);
  });

  it('keeps a CSR register per customer, audited, and the next analysis of that customer uses it', async () => {
    const entry = {
      sourceDocument: '恒驰供应商质量手册 V3',
      clause: '7.4',
      text: '量产件每批100%全检，并随货提供全检记录',
      category: 'quality',
      department: 'quality',
      effectiveFrom: '2025-01-01',
    };
    const before = corpusCase('d001');
    const plain = await app.inject({
      method: 'POST',
      url: '/api/analyze',
      headers: as('sales'),
      payload: { text: before.text, refDate: before.ref_date, channel: before.channel },
    });
    expect(plain.json().contract.class).toBe('regular');
    const created = await app.inject({
      method: 'POST',
      url: `/api/customers/${hengchi}/csr`,
      headers: as('quality'),
      payload: entry,
    });
    expect(created.statusCode).toBe(201);
    const csrId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'active', appliesTo: null, customerId: hengchi });
    const after = await app.inject({
      method: 'POST',
      url: '/api/analyze',
      headers: as('sales'),
      payload: { text: before.text, refDate: before.ref_date, channel: before.channel },
    });
    expect(after.json().contract).toMatchObject({
      class: 'special',
      reasons: [{ code: 'customer_special_requirement' }],
    });

    const detail = await app.inject({
      method: 'GET',
      url: `/api/customers/${hengchi}`,
      headers: as('technical'),
    });
    expect(detail.json().csr.map((e: { id: string }) => e.id)).toEqual([csrId]);
    const badDates = await app.inject({
      method: 'PUT',
      url: `/api/customers/${hengchi}/csr/${csrId}`,
      headers: as('quality'),
      payload: { effectiveTo: '2024-01-01' },
    });
    expect(badDates.statusCode).toBe(400);
    const badCategory = await app.inject({
      method: 'POST',
      url: `/api/customers/${hengchi}/csr`,
      headers: as('quality'),
      payload: { ...entry, category: 'vibes' },
    });
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json().errors[0].path).toBe('/category');
    const inactive = await app.inject({
      method: 'PUT',
      url: `/api/customers/${hengchi}/csr/${csrId}`,
      headers: as('quality'),
      payload: { status: 'inactive' },
    });
    expect(inactive.json().status).toBe('inactive');
    const regular = await app.inject({
      method: 'POST',
      url: '/api/analyze',
      headers: as('sales'),
      payload: { text: before.text, refDate: before.ref_date, channel: before.channel },
    });
    expect(regular.json().contract.class).toBe('regular');
    const techWrite = await app.inject({
      method: 'DELETE',
      url: `/api/customers/${hengchi}/csr/${csrId}`,
      headers: as('technical'),
    });
    expect(techWrite.statusCode).toBe(403);
    const trail = await auditTrail(t.store().db, { entityType: 'csr', entityId: csrId });
    expect(trail.map((e) => e.action)).toEqual(['csr.created', 'csr.updated']);
  });

  it('a CSR of another customer cannot be changed through this customer', async () => {
    const other = (
      await app.inject({ method: 'GET', url: '/api/customers?q=粤华', headers: as('sales') })
    ).json().items[0].id;
    const list = (
      await app.inject({ method: 'GET', url: `/api/customers/${hengchi}/csr`, headers: as('sales') })
    ).json().items;
    const res = await app.inject({
      method: 'PUT',
      url: `/api/customers/${other}/csr/${list[0].id}`,
      headers: as('quality'),
      payload: { status: 'active' },
    });
    expect(res.statusCode).toBe(404);
  });

  it('shows the CSR matrix (customer × category) and exports the register as XLSX', async () => {
    await app.inject({
      method: 'POST',
      url: `/api/customers/${hengchi}/csr`,
      headers: as('sales'),
      payload: {
        clause: '8.1',
        text: '每托盘不超过 500 kg，使用客户指定周转箱',
        category: 'packaging',
        department: 'production',
      },
    });
    const res = await app.inject({
      method: 'GET',
      url: '/api/csr/matrix?on=2026-03-01',
      headers: as('technical'),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.categories.find((c: { key: string }) => c.key === 'packaging')).toMatchObject({ zh: '包装' });
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({ customerName: '江苏恒驰汽车零部件有限公司', total: 2, active: 1 });
    expect(body.rows[0].cells.quality).toEqual({ active: 0, total: 1, clauses: ['7.4'] });
    expect(body.rows[0].cells.packaging).toEqual({ active: 1, total: 1, clauses: ['8.1'] });
    const withAll = (
      await app.inject({ method: 'GET', url: '/api/csr/matrix?all=1', headers: as('technical') })
    ).json();
    expect(withAll.rows).toHaveLength(3);
    const xlsx = await app.inject({
      method: 'GET',
      url: '/api/csr/matrix?format=xlsx&on=2026-03-01',
      headers: as('technical'),
    });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
    expect(rows[0]![0]).toBe('客户 customer');
    expect(rows.slice(1).map((r) => [r[1], r[9], r[10]])).toEqual([
      ['7.4', 'inactive', '否 no'],
      ['8.1', 'active', '是 yes'],
    ]);
  });

  it('imports a CSR table: same clause updates, new clauses are added, bad rows reported by row', async () => {
    const csv = [
      '条款,要求内容,类别,责任部门,生效日期,状态,来源文件',
      '7.4,量产件每批100%全检并附全检记录,质量,quality,2025/1/1,有效,恒驰供应商质量手册 V4',
      '9.2,交货前 48 小时发送 ASN,物流,sales,2026-01-01,有效,恒驰物流要求',
      '9.3,未知类别的要求,心情,sales,,,',
    ].join('\n');
    const strict = multipartFile('file', 'csr.csv', csv);
    const refused = await app.inject({
      method: 'POST',
      url: `/api/customers/${hengchi}/csr/import`,
      headers: { ...as('quality'), ...strict.headers },
      payload: strict.payload,
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({
      written: false,
      invalidRows: 1,
      issues: [{ row: 4, column: 'category' }],
    });
    const partialUpload = multipartFile('file', 'csr.csv', csv);
    const res = await app.inject({
      method: 'POST',
      url: `/api/customers/${hengchi}/csr/import?partial=true`,
      headers: { ...as('quality'), ...partialUpload.headers },
      payload: partialUpload.payload,
    });
    expect(res.json()).toMatchObject({ written: true, created: 1, updated: 1, invalidRows: 1 });
    const list = (
      await app.inject({ method: 'GET', url: `/api/customers/${hengchi}/csr`, headers: as('sales') })
    ).json().items;
    const byClause = Object.fromEntries(list.map((e: { clause: string }) => [e.clause, e]));
    expect(byClause['7.4']).toMatchObject({
      status: 'active',
      effectiveFrom: '2025-01-01',
      sourceDocument: '恒驰供应商质量手册 V4',
    });
    expect(byClause['9.2']).toMatchObject({ category: 'logistics', text: '交货前 48 小时发送 ASN' });
    const again = multipartFile('file', 'csr.csv', csv);
    const repeat = await app.inject({
      method: 'POST',
      url: `/api/customers/${hengchi}/csr/import?partial=true`,
      headers: { ...as('quality'), ...again.headers },
      payload: again.payload,
    });
    expect(repeat.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('exports customers as CSV', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/customers/export?format=csv',
      headers: as('technical'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body.split('\r\n')).toContain('江苏恒驰汽车零部件有限公司,恒驰,2018,汽车零部件,,,,,,,,');
  });
});
