// What the customers page's forms and files send, through the real app on both databases: a CSR
// entry created and edited from the customer's drawer (validated, with a refusal that names the
// field and says what a date must look like, each write audited), and the customers' background
// questions carried through CSV and XLSX export and import unchanged.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import type { App } from '../../src/server/context.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { multipartFile } from '../rules/store-support.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API under test
type Json = Record<string, any>;

const BACKGROUND = {
  companySize: '800 人，年产值 5 亿元',
  mainProducts: '新能源汽车电池托盘, "框架"结构件',
  goals: '托盘减重 15%',
  useScenario: '乘用车底盘，-40 ℃ 至 85 ℃',
  urgency: '高：2027 年 1 月 SOP',
  budget: '单件 ≤ 1,200 元',
  trueMotive: '现供应商焊接一致性差\n多次停线',
};

describeEachDatabase('customer entries from the customers page', (t) => {
  let app: App;
  const cookies: Record<string, string> = {};
  const as = (d: string) => ({ cookie: cookies[d]! });
  const call = (d: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: as(d), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    app = await appFor(t.store());
    for (const department of ['sales', 'quality', 'technical', 'admin']) {
      await createUser(
        t.store().db,
        { username: `ce-${department}`, password: `Entries-${department}-2026`, department },
        SYSTEM_ACTORS.cli,
      );
      cookies[department] = await login(app, `ce-${department}`, `Entries-${department}-2026`);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  describe('CSR entry form', () => {
    let customerId = '';
    let csrId = '';
    const entry = {
      clause: 'CSR-4.2',
      sourceDocument: '客户质量手册 V3',
      text: '每批次提供材质证明与尺寸检验报告。',
      category: 'quality',
      appliesTo: '全部电池托盘',
      department: 'quality',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2027-12-31',
    };

    beforeAll(async () => {
      const c = await call('sales', 'POST', '/api/customers', { name: '宁德恒远新能源科技有限公司' });
      customerId = c.json().id;
    });

    it('creates an entry with clause, source, department, dates and content, audited', async () => {
      const res = await call('quality', 'POST', `/api/customers/${customerId}/csr`, entry);
      expect(res.statusCode, res.body).toBe(201);
      csrId = res.json().id;
      expect(res.json()).toMatchObject({ ...entry, status: 'active', customerId });
      const trail = await auditTrail(t.store().db, { entityId: csrId });
      expect(trail.map((e) => e.action)).toEqual(['csr.created']);
      expect(trail[0]!.actorDepartment).toBe('quality');
      const drawer = await call('technical', 'GET', `/api/customers/${customerId}`);
      expect(drawer.json().csr.map((e: Json) => e.clause)).toEqual(['CSR-4.2']);
    });

    it('refuses a date that is not a real day, naming the field and the expected form, storing nothing', async () => {
      const bad = await call('quality', 'POST', `/api/customers/${customerId}/csr`, {
        ...entry,
        clause: 'CSR-9',
        effectiveFrom: '2026-02-30',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
      expect(bad.json().errors).toEqual([
        expect.objectContaining({ path: '/effectiveFrom', message: expect.stringContaining('YYYY-MM-DD') }),
      ]);
      expect(bad.json().errors[0].message).toContain('不是有效日期');
      const badEdit = await call('quality', 'PUT', `/api/customers/${customerId}/csr/${csrId}`, {
        effectiveTo: '31.12.2027',
      });
      expect(badEdit.statusCode).toBe(400);
      expect(badEdit.json().errors[0]).toMatchObject({ path: '/effectiveTo' });
      const reversed = await call('quality', 'PUT', `/api/customers/${customerId}/csr/${csrId}`, {
        effectiveTo: '2025-06-30',
      });
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json().errors[0]).toMatchObject({ path: '/effectiveTo' });
      const empty = await call('quality', 'POST', `/api/customers/${customerId}/csr`, {
        ...entry,
        text: '  ',
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors[0]).toMatchObject({ path: '/text' });
      const list = await call('quality', 'GET', `/api/customers/${customerId}/csr`);
      expect(list.json().items).toHaveLength(1);
      expect(list.json().items[0]).toMatchObject({ effectiveTo: '2027-12-31' });
      expect((await auditTrail(t.store().db, { entityId: csrId })).map((e) => e.action)).toEqual([
        'csr.created',
      ]);
    });

    it('edits only what the form changed, with before and after in the audit trail', async () => {
      const res = await call('sales', 'PUT', `/api/customers/${customerId}/csr/${csrId}`, {
        text: '每批次提供材质证明、尺寸与焊缝检验报告。',
        effectiveFrom: null,
        department: 'production',
      });
      expect(res.statusCode, res.body).toBe(200);
      // Fields the request left out keep their values; a date sent as null is cleared.
      expect(res.json()).toMatchObject({
        ...entry,
        text: '每批次提供材质证明、尺寸与焊缝检验报告。',
        department: 'production',
        effectiveFrom: null,
      });
      const updated = (await auditTrail(t.store().db, { entityId: csrId })).filter(
        (e) => e.action === 'csr.updated',
      );
      expect(updated).toHaveLength(1);
      expect(updated[0]!.before).toMatchObject({ department: 'quality', effectiveFrom: '2026-01-01' });
      expect(updated[0]!.after).toMatchObject({ department: 'production', effectiveFrom: null });
    });

    it('lets only sales, quality and the GM write entries: technical and the administrator are refused', async () => {
      for (const d of ['technical', 'admin']) {
        const res = await call(d, 'POST', `/api/customers/${customerId}/csr`, { ...entry, clause: `X-${d}` });
        expect(res.statusCode, d).toBe(403);
      }
      expect((await call('quality', 'GET', `/api/customers/${customerId}/csr`)).json().items).toHaveLength(1);
    });
  });

  describe('background questions in customer import and export', () => {
    const NAME = '常州鼎力轻量化科技有限公司';
    let id = '';
    const exportAs = async (format: 'csv' | 'xlsx') => {
      const res = await call('technical', 'GET', `/api/customers/export?format=${format}`);
      expect(res.statusCode).toBe(200);
      return res.rawPayload;
    };
    const importFile = async (name: string, content: Buffer, type: string) => {
      const upload = multipartFile('file', name, content, type);
      const res = await app.inject({
        method: 'POST',
        url: '/api/customers/import',
        headers: { ...as('sales'), ...upload.headers },
        payload: upload.payload,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Json;
    };
    const current = async () => (await call('sales', 'GET', `/api/customers/${id}`)).json() as Json;
    const wipe = () =>
      call('sales', 'PUT', `/api/customers/${id}`, {
        ...Object.fromEntries(Object.keys(BACKGROUND).map((k) => [k, null])),
        industry: null,
      });

    beforeAll(async () => {
      const res = await call('sales', 'POST', '/api/customers', {
        name: NAME,
        shortName: '鼎力',
        industry: '新能源汽车',
        ...BACKGROUND,
      });
      expect(res.statusCode, res.body).toBe(201);
      id = res.json().id;
    });

    it('exports the background answers as columns of the CSV and the XLSX', async () => {
      const csv = (await exportAs('csv')).toString('utf8');
      const header = csv.replace(/^\uFEFF/, '').split('\r\n')[0];
      expect(header).toBe(
        'name,short_name,first_order_year,industry,notes,company_size,main_products,goals,use_scenario,urgency,budget,true_motive',
      );
      expect(csv).toContain('"新能源汽车电池托盘, ""框架""结构件"');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await exportAs('xlsx')) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const headerRow = (sheet.getRow(1).values as unknown[]).slice(1);
      let found: unknown[] = [];
      sheet.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1);
        if (values[0] === NAME) found = values;
      });
      const cell = (key: string) => found[headerRow.indexOf(key)];
      expect(cell('true_motive')).toBe(BACKGROUND.trueMotive);
      expect(cell('budget')).toBe(BACKGROUND.budget);
    });

    for (const [format, type] of [
      ['csv', 'text/csv'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      it(`restores the background from its own ${format.toUpperCase()} export (round trip)`, async () => {
        const file = await exportAs(format);
        expect((await wipe()).statusCode).toBe(200);
        expect(await current()).toMatchObject({ companySize: null, trueMotive: null });
        const report = await importFile(`customers.${format}`, file, type);
        expect(report).toMatchObject({ written: true, invalidRows: 0, updated: 1, created: 0 });
        expect(await current()).toMatchObject({
          name: NAME,
          shortName: '鼎力',
          industry: '新能源汽车',
          ...BACKGROUND,
        });
        // Importing the same file again changes nothing.
        expect(await importFile(`customers.${format}`, file, type)).toMatchObject({ updated: 0, created: 0 });
      });
    }

    it('reads Chinese headers, keeps answers a file has no column for, and reports a too-long answer by row', async () => {
      const csv = [
        '客户名称,简称,企业规模,紧迫程度,预算',
        `${NAME},鼎力,1200 人,中：2027 年下半年,`,
        `苏州新域铝业有限公司,新域,50 人,低,${'很'.repeat(1001)}`,
        '无锡精拓机械有限公司,精拓,300 人,高,10 万元',
      ].join('\n');
      const report = await importFile('客户.csv', Buffer.from(csv), 'text/csv');
      expect(report).toMatchObject({ written: false, invalidRows: 1 });
      expect(report.issues).toEqual([expect.objectContaining({ row: 3, column: 'budget' })]);
      expect(report.issues[0].message).toContain('内容过长');
      const partial = multipartFile('file', '客户.csv', Buffer.from(csv), 'text/csv');
      const written = await app.inject({
        method: 'POST',
        url: '/api/customers/import?partial=1',
        headers: { ...as('sales'), ...partial.headers },
        payload: partial.payload,
      });
      expect(written.json()).toMatchObject({ written: true, created: 1, updated: 1 });
      // Columns in the file are written (an empty cell clears), the others stay as sales wrote them.
      expect(await current()).toMatchObject({
        companySize: '1200 人',
        urgency: '中：2027 年下半年',
        budget: null,
        mainProducts: BACKGROUND.mainProducts,
        trueMotive: BACKGROUND.trueMotive,
      });
      const list = await call('sales', 'GET', `/api/customers?q=${encodeURIComponent('精拓')}`);
      expect(list.json().items[0]).toMatchObject({ companySize: '300 人', urgency: '高', budget: '10 万元' });
      const trail = await auditTrail(t.store().db, { entityId: id });
      const last = trail.filter((e) => e.action === 'customer.updated').at(-1)!;
      expect(last.after).toMatchObject({ companySize: '1200 人', budget: null });
    });
  });
});
