// The audit trail as the 审计日志 page and the auditor's export read it, on both databases: entries
// filtered by user, action, object and date and paged on the server; each object named (a contract by
// its number, a customer by name) and each user by display name; the export carries the same filter,
// Chinese headers, local times and defused formulas; sales is refused every read.
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import type { App } from '../../src/server/context.js';
import { recordAudit, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login } from './helpers.js';

const PEOPLE = [
  { username: 'trail.admin', displayName: '李管理', department: 'admin' },
  { username: 'trail.quality', displayName: '王质检', department: 'quality' },
  { username: 'trail.sales', displayName: '张销售', department: 'sales' },
] as const;
const PASSWORD = 'trail-reader-2026';

interface Entry {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  entityName: string | null;
}

describeEachDatabase('audit trail page API', (t) => {
  let app: App;
  const cookies: Record<string, string> = {};
  let customerId = '';
  let contractId = '';
  let contractNumber = '';

  beforeAll(async () => {
    for (const p of PEOPLE) await createUser(t.store().db, { ...p, password: PASSWORD }, SYSTEM_ACTORS.cli);
    app = await appFor(t.store());
    for (const p of PEOPLE) cookies[p.department] = await login(app, p.username, PASSWORD);
    const sales = { cookie: cookies.sales! };

    const customer = await app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: sales,
      payload: { name: '=HYPERLINK("http://evil")' },
    });
    expect(customer.statusCode, customer.body).toBe(201);
    customerId = customer.json().id;
    const renamed = await app.inject({
      method: 'PUT',
      url: `/api/customers/${customerId}`,
      headers: sales,
      payload: { notes: '付款条件改为月结60天' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const opened = await app.inject({
      method: 'POST',
      url: '/api/contracts',
      headers: sales,
      payload: {
        customerName: '追溯汽车部件',
        contractClass: 'regular',
        items: [],
        delivery: { date: null, place: null, terms: null },
        paymentTerms: null,
        requirements: [{ text: '每批附材质证明', category: 'quality', kind: 'explicit' }],
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    contractId = opened.json().id;
    contractNumber = opened.json().number;
    // Two entries on a fixed day long ago, for the date filter.
    for (const n of [1, 2]) {
      await recordAudit(t.store().db, SYSTEM_ACTORS.server, {
        action: 'settings.updated',
        entityId: 'review-policy',
        before: { budgetHours: 48 },
        after: { budgetHours: 48 + n },
        at: `2020-03-0${n}T02:00:00.000Z`,
      });
    }
    return () => app.close();
  });

  const get = (who: string, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
  const items = async (who: string, url: string) => {
    const res = await get(who, url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Entry[]; total: number };
  };

  it('names objects and people, and filters by action, object, user and day', async () => {
    const customer = await items('quality', `/api/audit?entityType=customer&entityId=${customerId}`);
    expect(customer.items.map((e) => e.action)).toEqual(['customer.updated', 'customer.created']);
    expect(customer.items[0]).toMatchObject({ actorName: '张销售', entityName: '=HYPERLINK("http://evil")' });

    const contract = await items('admin', `/api/audit?entityType=contract&entityId=${contractId}`);
    expect(contract.total).toBeGreaterThan(0);
    expect(contract.items.every((e) => e.entityName === contractNumber)).toBe(true);
    expect(contract.items.map((e) => e.action)).toContain('review.case_opened');

    const updates = await items('admin', '/api/audit?action=customer.updated');
    expect(updates.total).toBe(1);
    expect((await get('admin', '/api/audit?action=customer.renamed')).statusCode).toBe(400);

    const actors = await get('quality', '/api/audit/actors');
    expect(actors.statusCode).toBe(200);
    const people = actors.json() as { id: string; name: string; department: string | null }[];
    const sales = people.find((p) => p.name === '张销售');
    expect(sales).toMatchObject({ department: 'sales' });
    expect(people).toContainEqual({ id: 'system:server', name: '系统（服务器）', department: null });
    const bySales = await items('quality', `/api/audit?actor=${sales!.id}&pageSize=500`);
    expect(bySales.total).toBeGreaterThan(2);
    expect(bySales.items.every((e) => e.actorId === sales!.id)).toBe(true);

    // Days are China days: 2020-03-01 10:00 Beijing is the first entry, the 2nd is outside.
    const day = await items('admin', '/api/audit?from=2020-03-01&to=2020-03-01');
    expect(day.items.map((e) => e.at)).toEqual(['2020-03-01T02:00:00.000Z']);
    const both = await items('admin', '/api/audit?from=2020-03-01&to=2020-03-02&action=settings.updated');
    expect(both.total).toBe(2);
  });

  it('pages on the server, newest first, without overlap', async () => {
    const first = await items('admin', '/api/audit?pageSize=3&page=1');
    const second = await items('admin', '/api/audit?pageSize=3&page=2');
    expect(first.items).toHaveLength(3);
    expect(second.total).toBe(first.total);
    const ids = [...first.items, ...second.items].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const beyond = await items('admin', `/api/audit?pageSize=3&page=${Math.ceil(first.total / 3) + 1}`);
    expect(beyond.items).toEqual([]);
    expect((await get('admin', '/api/audit?pageSize=501')).statusCode).toBe(400);
  });

  it('exports the filtered trail as CSV with Chinese headers, local times and defused formulas', async () => {
    const res = await get(
      'quality',
      `/api/audit/export?format=csv&entityType=customer&entityId=${customerId}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment;/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      '序号,时间,操作人,部门,操作,操作代码,对象类型,对象,对象编号,变更摘要,变更前,变更后,哈希',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',张销售,sales,修改客户,customer.updated,客户,');
    expect(lines[2]).toContain(',新增客户,customer.created,');
    // The customer's name starts with "=": a spreadsheet must see text, not a formula.
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil"")",${customerId},`);
    expect(lines[1]).toMatch(/备注: — → 付款条件改为月结60天/);
    expect(lines[1]).toMatch(/^\d+,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/);
  });

  it('exports XLSX with the same filter; times in Beijing time', async () => {
    const res = await get('admin', '/api/audit/export?format=xlsx&from=2020-03-01&to=2020-03-02');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toMatch(/审计日志-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('时间');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(2).value).toBe('2020-03-02 10:00:00');
    expect(sheet.getRow(2).getCell(3).value).toBe('系统（服务器）');
    expect(sheet.getRow(2).getCell(5).value).toBe('修改评审策略');
    expect(sheet.getRow(2).getCell(10).value).toBe('另有 1 项');
    expect(sheet.getRow(2).getCell(12).value).toBe('{"budgetHours":50}');
  });

  it('refuses sales every read of the trail, and anonymous callers too', async () => {
    for (const url of [
      '/api/audit',
      '/api/audit/export?format=csv',
      '/api/audit/actors',
      '/api/audit/verify',
    ]) {
      const refused = await get('sales', url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.headers['content-type'], url).toMatch(/problem\+json/);
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });
});
