// The laws and regulations register through the real app on both databases: entries kept by
// quality (and nobody else), bad input refused with the field named and nothing written, import
// and export that round-trip, the review-due list, read confirmations per department, and a case
// whose product is in an entry's scope getting the law as a statutory requirement in the checklist
// of the department the entry names.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { upsertProduct } from '../../src/catalog/catalog-repository.js';
import { addDays } from '../../src/laws/law.js';
import type { App } from '../../src/server/context.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { multipartFile } from '../rules/store-support.js';
import { appFor, login } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';

const today = new Date().toISOString().slice(0, 10);

function entry(over: Record<string, unknown> = {}) {
  return {
    title: '一般工业用铝及铝合金挤压型材',
    number: 'GB/T 6892-2023',
    issuer: '国家市场监督管理总局、国家标准化管理委员会',
    scope: { all: false, categories: ['汽车结构件'], processes: [] },
    departments: ['purchasing'],
    effectiveDate: null,
    reviewDue: addDays(today, 400),
    obligations: '尺寸偏差按高精级验收，按批出具检验报告。',
    sourceUrl: 'https://openstd.samr.gov.cn/',
    ...over,
  };
}

describeEachDatabase('laws and regulations register', (t) => {
  let app: App;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: string) => ({ cookie: cookies[who]! });
  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as(who) });
  const send = (who: string, method: 'POST' | 'PUT', url: string, payload: object) =>
    app.inject({ method, url, headers: as(who), payload });
  const count = async () =>
    Number(
      (
        await t
          .store()
          .db.selectFrom('laws')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    app = await appFor(t.store());
    for (const department of ['quality', 'sales', 'production', 'purchasing', 'technical', 'admin']) {
      const user = await createUser(
        t.store().db,
        {
          username: `l-${department}`,
          password: `Lw7#q-${department}-Zp4`,
          department,
          displayName: `${department} 用户`,
        },
        SYSTEM_ACTORS.cli,
      );
      ids[department] = user.id;
      cookies[department] = await login(app, `l-${department}`, `Lw7#q-${department}-Zp4`);
    }
    for (const [code, category] of [
      ['AS-01', '汽车结构件'],
      ['BD-01', '建筑铝型材'],
    ] as const)
      await upsertProduct(t.store().db, SYSTEM_ACTORS.cli, {
        code,
        name: category === '汽车结构件' ? '保险杠防撞梁' : '门窗型材',
        model: null,
        category,
        precisionGrade: null,
        unit: '件',
        unitWeightKg: null,
        listPriceCny: null,
      });
  });
  afterAll(async () => {
    await app.close();
  });

  it('lets quality register an entry, refuses other departments and bad input without writing', async () => {
    const created = await send('quality', 'POST', '/api/laws', entry());
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      number: 'GB/T 6892-2023',
      status: 'current',
      revision: 1,
      departments: ['purchasing'],
      scope: { all: false, categories: ['汽车结构件'] },
      reviewDueSoon: false,
      confirmations: [],
    });
    ids.gb6892 = created.json().id;

    const refused = await send('production', 'POST', '/api/laws', entry({ number: 'X-1' }));
    expect(refused.statusCode).toBe(403);

    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, '/title'],
      [{ reviewDue: '2026-02-30' }, '/reviewDue'],
      [{ departments: [] }, '/departments'],
      [{ departments: ['admin'] }, '/departments/0'],
      [{ sourceUrl: 'ftp://example.com/x' }, '/sourceUrl'],
      [{ scope: { all: false, categories: [], processes: [] } }, '/scope/categories'],
      [{ scope: { all: false, categories: ['不存在的类别'], processes: [] } }, '/scope/categories'],
    ];
    for (const [bad, path] of cases) {
      const res = await send('quality', 'POST', '/api/laws', entry({ number: `BAD-${path}`, ...bad }));
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const duplicate = await send('quality', 'POST', '/api/laws', entry());
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().detail).toContain('GB/T 6892-2023');
    expect(await count()).toBe(1);
  });

  it('edits with a new revision, refuses a stale form, and keeps the history of changes', async () => {
    const url = `/api/laws/${ids.gb6892}`;
    const edited = await send('quality', 'PUT', url, {
      ...entry({ obligations: '尺寸偏差按超高精级验收。' }),
      expectedRevision: 1,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ revision: 2, obligations: '尺寸偏差按超高精级验收。' });
    const stale = await send('quality', 'PUT', url, { ...entry(), expectedRevision: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await get('sales', url)).json().obligations).toBe('尺寸偏差按超高精级验收。');
    const history = (await get('sales', `${url}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['law.created', 'law.updated']);
    expect(history[1]).toMatchObject({
      actorName: 'quality 用户',
      before: { obligations: '尺寸偏差按高精级验收，按批出具检验报告。', revision: 1 },
      after: { obligations: '尺寸偏差按超高精级验收。', revision: 2 },
    });
    expect((await get('sales', '/api/laws/nope')).statusCode).toBe(404);
  });

  it('supersedes an edition, and lists by search, status and review date', async () => {
    const old = await send(
      'quality',
      'POST',
      '/api/laws',
      entry({ number: 'GB/T 6892-2015', reviewDue: addDays(today, -5) }),
    );
    const oldId = old.json().id as string;
    expect(old.json().reviewDueSoon).toBe(true);
    const self = await send('quality', 'POST', `/api/laws/${oldId}/supersede`, { supersededBy: oldId });
    expect(self.statusCode).toBe(400);
    const done = await send('quality', 'POST', `/api/laws/${oldId}/supersede`, { supersededBy: ids.gb6892 });
    expect(done.json()).toMatchObject({
      status: 'superseded',
      supersededBy: { id: ids.gb6892, number: 'GB/T 6892-2023' },
      reviewDueSoon: false,
    });
    await send(
      'quality',
      'POST',
      '/api/laws',
      entry({
        title: '中华人民共和国环境保护法',
        number: '主席令第九号',
        issuer: '全国人民代表大会常务委员会',
        scope: { all: false, categories: [], processes: ['阳极氧化'] },
        departments: ['production'],
        reviewDue: addDays(today, 20),
      }),
    );
    await send(
      'quality',
      'POST',
      '/api/laws',
      entry({
        title: '铝合金建筑型材 第1部分：基材',
        number: 'GB/T 5237.1-2017',
        scope: { all: false, categories: ['建筑铝型材'], processes: [] },
        departments: ['technical'],
      }),
    );
    const current = (await get('sales', '/api/laws?status=current')).json();
    expect(current.items.map((l: { number: string }) => l.number)).not.toContain('GB/T 6892-2015');
    const search = (await get('sales', `/api/laws?q=${encodeURIComponent('gb/t 6892')}`)).json();
    expect(search.total).toBe(2);
    const paged = (await get('sales', '/api/laws?page=2&pageSize=3')).json();
    expect(paged).toMatchObject({ total: 4 });
    expect(paged.items).toHaveLength(1);
    const due = (await get('production', '/api/laws/review-due')).json();
    expect(due.items.map((l: { number: string }) => l.number)).toEqual(['主席令第九号']);
    expect(due.until).toBe(addDays(today, 30));
    const dueFilter = (await get('production', '/api/laws?due=true')).json();
    expect(dueFilter.items.map((l: { number: string }) => l.number)).toEqual(['主席令第九号']);
    expect((await get('sales', '/api/laws?status=old')).statusCode).toBe(400);
  });

  it('records read confirmations per department, again for a new revision', async () => {
    const url = `/api/laws/${ids.gb6892}`;
    const first = await send('production', 'POST', `${url}/confirm`, {});
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      alreadyConfirmed: false,
      confirmations: [{ department: 'production', userName: 'production 用户', revision: 2 }],
    });
    const again = await send('production', 'POST', `${url}/confirm`, {});
    expect(again.json().alreadyConfirmed).toBe(true);
    await send('purchasing', 'POST', `${url}/confirm`, {});
    const read = (await get('sales', url)).json();
    expect(read.confirmations.map((c: { department: string }) => c.department).sort()).toEqual([
      'production',
      'purchasing',
    ]);
    const confirmations = await auditTrail(t.store().db, { entityType: 'law', entityId: ids.gb6892 });
    expect(confirmations.filter((a) => a.action === 'law.confirmed')).toHaveLength(2);
    // A changed entry is a new text: the departments must read it again.
    await send('quality', 'PUT', url, entry({ obligations: '尺寸偏差按超高精级验收；按批出具检验报告。' }));
    expect((await get('sales', url)).json()).toMatchObject({ revision: 3, confirmations: [] });
  });

  it('exports CSV and XLSX that import back unchanged, and imports edits with row-level errors', async () => {
    const csv = await get('sales', '/api/laws/export?format=csv');
    expect(csv.statusCode).toBe(200);
    const text = csv.body.replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe(
      '文号/标准号,名称,发布机构,适用全部产品,适用产品类别,适用过程,责任部门,生效日期,复核日期,主要义务,来源链接,状态,替代为',
    );
    expect(text).toContain('GB/T 6892-2015');
    expect(text).toContain('已替代');

    const back = multipartFile('file', 'laws.csv', csv.rawPayload);
    const unchanged = await app.inject({
      method: 'POST',
      url: '/api/laws/import',
      headers: { ...as('quality'), ...back.headers },
      payload: back.payload,
    });
    expect(unchanged.json()).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 4 });

    const xlsx = await get('sales', '/api/laws/export?format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    // Edit one entry, add one, and break one row.
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'GB/T 5237.1-2017') row.getCell(10).value = '门窗主型材壁厚≥1.8mm。';
    });
    sheet.addRow([
      '(EC) No 1907/2006',
      'REACH 法规',
      '欧洲议会和欧盟理事会',
      '否',
      '汽车结构件',
      '',
      '质量部、采购部',
      '2007-06-01',
      addDays(today, 10),
      'SVHC 超过 0.1% 时传递信息。',
      '',
      '现行',
      '',
    ]);
    sheet.addRow(['BAD-1', '坏行', '某机构', '否', '', '', '仓库', '2026-13-01', '', '', '', '', '']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const upload = () => multipartFile('file', '法规清单.xlsx', bytes, 'application/octet-stream');
    const first = upload();
    const refused = await app.inject({
      method: 'POST',
      url: '/api/laws/import',
      headers: { ...as('quality'), ...first.headers },
      payload: first.payload,
    });
    const report = refused.json();
    expect(report).toMatchObject({ written: false, invalidRows: 1, created: 0, updated: 0 });
    const badColumns = report.issues.map((i: { column: string }) => i.column);
    expect(badColumns).toEqual(
      expect.arrayContaining([
        'scope_categories',
        'departments',
        'effective_date',
        'review_due',
        'obligations',
      ]),
    );
    expect(report.issues.every((i: { row: number }) => i.row === 7)).toBe(true);
    expect(await count()).toBe(4);
    const second = upload();
    const partial = await app.inject({
      method: 'POST',
      url: '/api/laws/import?partial=true',
      headers: { ...as('quality'), ...second.headers },
      payload: second.payload,
    });
    expect(partial.json()).toMatchObject({
      written: true,
      created: 1,
      updated: 1,
      unchanged: 3,
      invalidRows: 1,
    });
    const list = (await get('sales', '/api/laws?pageSize=50')).json().items as {
      number: string;
      obligations: string;
      departments: string[];
      status: string;
    }[];
    expect(list.find((l) => l.number === 'GB/T 5237.1-2017')?.obligations).toBe('门窗主型材壁厚≥1.8mm。');
    expect(list.find((l) => l.number === '(EC) No 1907/2006')?.departments).toEqual([
      'purchasing',
      'quality',
    ]);
    expect(list.find((l) => l.number === 'GB/T 6892-2015')?.status).toBe('superseded');

    const other = multipartFile('file', 'laws.csv', csv.rawPayload);
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/laws/import',
      headers: { ...as('sales'), ...other.headers },
      payload: other.payload,
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('proposes the entries in scope as statutory requirements, in the named departments’ checklists', async () => {
    const opened = await send('sales', 'POST', '/api/contracts', {
      customerName: '江苏恒驰汽车零部件有限公司',
      contractClass: 'regular',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      items: [
        {
          line: 1,
          product: '保险杠防撞梁',
          catalogCode: 'AS-01',
          model: null,
          quantity: { value: 500, unit: '件' },
          unitPrice: null,
          material: '6082-T6',
          tolerance: null,
          drawing: null,
          packaging: null,
        },
      ],
      delivery: { date: null, place: null, terms: null },
      paymentTerms: null,
      requirements: [{ text: '表面阳极氧化处理，膜厚≥10μm', category: 'technical', kind: 'explicit' }],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseUrl = `/api/contracts/${opened.json().id}`;
    const view = (await get('sales', caseUrl)).json();
    const statutory = view.requirements.filter((r: { kind: string }) => r.kind === 'statutory');
    // The category's entry (not its superseded edition, not the building one) and the process's.
    expect(statutory.map((r: { basis: { number: string } }) => r.basis.number).sort()).toEqual([
      '(EC) No 1907/2006',
      'GB/T 6892-2023',
      '主席令第九号',
    ]);
    const gb = statutory.find((r: { basis: { number: string } }) => r.basis.number === 'GB/T 6892-2023');
    expect(gb).toMatchObject({
      category: 'regulatory',
      status: 'proposed',
      departments: ['purchasing'],
      text: '符合《一般工业用铝及铝合金挤压型材》（GB/T 6892-2023）：尺寸偏差按超高精级验收；按批出具检验报告。',
    });
    const departments = view.departments.map((d: { department: string }) => d.department);
    expect(departments).toEqual(expect.arrayContaining(['sales', 'purchasing', 'production', 'quality']));
    const checklist = async (who: string) =>
      ((await get(who, caseUrl)).json().myChecklist.items as { requirementId: string | null }[]).map(
        (i) => i.requirementId,
      );
    expect(await checklist('purchasing')).toContain(gb.id);
    const env = statutory.find((r: { basis: { number: string } }) => r.basis.number === '主席令第九号');
    expect(await checklist('production')).toContain(env.id);
    // Named departments replace the category's: quality does not get the purchasing entry.
    expect(await checklist('quality')).not.toContain(gb.id);
  });

  it('keeps an attached file on the entry for everyone to download', async () => {
    const upload = multipartFile('file', '标准文本.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    const res = await app.inject({
      method: 'POST',
      url: `/api/laws/${ids.gb6892}/attachment`,
      headers: { ...as('quality'), ...upload.headers },
      payload: upload.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().attachment).toMatchObject({ name: '标准文本.pdf', mediaType: 'application/pdf' });
    const download = await get('production', `/api/laws/${ids.gb6892}/attachment`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain('%PDF-1.4');
  });
});
