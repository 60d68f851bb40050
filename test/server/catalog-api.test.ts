// The catalogue API through the real app: search and paging, edits by technical/sales/admin only,
// CSV/XLSX import with a row-level report (all-or-nothing unless partial=true) and export.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import type { App } from '../../src/server/context.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { multipartFile } from '../rules/store-support.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login, testConfig } from './helpers.js';

const HEADER = 'code,name,model,category,precision_grade,unit,unit_weight_kg,list_price_cny';

describeEachDatabase('catalogue API', (t) => {
  let app: App;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    app = await appFor(t.store());
    for (const department of ['technical', 'production']) {
      await createUser(
        t.store().db,
        { username: `c-${department}`, password: `pw-${department}-123`, department },
        SYSTEM_ACTORS.cli,
      );
      cookies[department] = await login(app, `c-${department}`, `pw-${department}-123`);
    }
  });
  afterAll(async () => {
    await app.close();
  });
  const as = (d: string) => ({ cookie: cookies[d]! });

  it('imports a CSV upload and reports created rows', async () => {
    const csv = [
      HEADER,
      'AL-101,6063-T5门窗型材,HR-6063-4520,建筑铝型材,普通级,支,7.5,186.00',
      'MP-202,控制臂支架,HR-KZB-6082-02,机加工件,高精级,件,1.05,62',
    ].join('\n');
    const upload = multipartFile('file', 'catalog.csv', csv);
    const res = await app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      headers: { ...as('technical'), ...upload.headers },
      payload: upload.payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ totalRows: 2, written: true, created: 2, invalidRows: 0 });
  });

  it('writes nothing when a row is invalid, and only the valid rows with partial=true', async () => {
    const csv = [HEADER, 'AL-201,新型材,,,,支,2,10.00', 'AL-202,坏价格,,,,支,2,abc'].join('\n');
    const first = multipartFile('file', 'bad.csv', csv);
    const all = await app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      headers: { ...as('technical'), ...first.headers },
      payload: first.payload,
    });
    expect(all.statusCode).toBe(200);
    const report = all.json();
    expect(report).toMatchObject({ written: false, invalidRows: 1, created: 0 });
    expect(report.issues[0]).toMatchObject({ row: 3, column: 'list_price_cny' });
    expect(
      (await app.inject({ method: 'GET', url: '/api/catalog/products/AL-201', headers: as('production') }))
        .statusCode,
    ).toBe(404);
    const again = multipartFile('file', 'bad.csv', csv);
    const partial = await app.inject({
      method: 'POST',
      url: '/api/catalog/import?partial=true',
      headers: { ...as('technical'), ...again.headers },
      payload: again.payload,
    });
    expect(partial.json()).toMatchObject({ written: true, created: 1, invalidRows: 1 });
  });

  it('imports XLSX and rejects an unreadable file with a 400 naming it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目录');
    ws.addRow(['编码', '名称', '单位', '单重kg']);
    ws.addRow(['AL-301', 'XLSX型材', '支', 3.2]);
    const upload = multipartFile(
      'file',
      '目录.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
      'application/octet-stream',
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      headers: { ...as('technical'), ...upload.headers },
      payload: upload.payload,
    });
    expect(res.json()).toMatchObject({ written: true, created: 1 });
    const bad = multipartFile('file', 'catalog.xls', 'whatever');
    const refused = await app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      headers: { ...as('technical'), ...bad.headers },
      payload: bad.payload,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('.xls');
    const noHeader = multipartFile('file', 'x.csv', 'foo,bar\n1,2');
    const header = await app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      headers: { ...as('technical'), ...noHeader.headers },
      payload: noHeader.payload,
    });
    expect(header.statusCode).toBe(400);
    const json = await app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      headers: as('technical'),
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
  });

  it('refuses an upload in another field (400) and one over the size limit (413)', async () => {
    const wrong = multipartFile('upload', 'catalog.csv', `${HEADER}\nAL-1,x,,,,支,1,1`);
    const res = await app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      headers: { ...as('technical'), ...wrong.headers },
      payload: wrong.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/file');
    const small = await appFor(t.store(), { config: testConfig({ SHIXU_UPLOAD_MAX_MB: '1' }) });
    try {
      const cookie = await login(small, 'c-technical', 'pw-technical-123');
      const rows = Array.from({ length: 30_000 }, (_, i) => `AL-X${i},超大文件型材${i},,,,支,1,1.00`);
      const big = multipartFile('file', 'big.csv', [HEADER, ...rows].join('\n'));
      expect(big.payload.length).toBeGreaterThan(1024 * 1024);
      const tooBig = await small.inject({
        method: 'POST',
        url: '/api/catalog/import',
        headers: { cookie, ...big.headers },
        payload: big.payload,
      });
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
    const count = (
      await app.inject({ method: 'GET', url: '/api/catalog/products?q=超大文件', headers: as('production') })
    ).json();
    expect(count.total).toBe(0);
  });

  it('searches and pages products', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/catalog/products?q=型材&page=1&pageSize=2',
      headers: as('production'),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.items.map((p: { code: string }) => p.code)).toEqual(['AL-101', 'AL-201']);
    const page2 = (
      await app.inject({
        method: 'GET',
        url: '/api/catalog/products?q=型材&page=2&pageSize=2',
        headers: as('production'),
      })
    ).json();
    expect(page2.items.map((p: { code: string }) => p.code)).toEqual(['AL-301']);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/catalog/products?pageSize=0',
      headers: as('production'),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('creates, updates and deletes a product, audited; production may only read', async () => {
    const product = {
      code: 'MP-900',
      name: '测试支架',
      model: null,
      category: '机加工件',
      precisionGrade: '高精级',
      unit: '件',
      unitWeightKg: 0.5,
      listPriceCny: '12.5',
    };
    const refused = await app.inject({
      method: 'POST',
      url: '/api/catalog/products',
      headers: as('production'),
      payload: product,
    });
    expect(refused.statusCode).toBe(403);
    const created = await app.inject({
      method: 'POST',
      url: '/api/catalog/products',
      headers: as('technical'),
      payload: product,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'MP-900', listPriceCny: '12.50', precisionGrade: '高精级' });
    const dup = await app.inject({
      method: 'POST',
      url: '/api/catalog/products',
      headers: as('technical'),
      payload: product,
    });
    expect(dup.statusCode).toBe(409);
    const { code: _c, ...rest } = product;
    const updated = await app.inject({
      method: 'PUT',
      url: '/api/catalog/products/MP-900',
      headers: as('technical'),
      payload: { ...rest, precisionGrade: '超高精级' },
    });
    expect(updated.json()).toMatchObject({ precisionGrade: '超高精级' });
    const badGrade = await app.inject({
      method: 'PUT',
      url: '/api/catalog/products/MP-900',
      headers: as('technical'),
      payload: { ...rest, precisionGrade: '特级' },
    });
    expect(badGrade.statusCode).toBe(400);
    expect(badGrade.json().errors[0].path).toBe('/precisionGrade');
    const del = await app.inject({
      method: 'DELETE',
      url: '/api/catalog/products/MP-900',
      headers: as('technical'),
    });
    expect(del.statusCode).toBe(204);
    const gone = await app.inject({
      method: 'DELETE',
      url: '/api/catalog/products/MP-900',
      headers: as('technical'),
    });
    expect(gone.statusCode).toBe(404);
    const trail = await auditTrail(t.store().db, { entityType: 'product', entityId: 'MP-900' });
    expect(trail.map((e) => e.action)).toEqual(['product.created', 'product.updated', 'product.deleted']);
  });

  it('exports CSV and XLSX that contain the catalogue', async () => {
    const csv = await app.inject({
      method: 'GET',
      url: '/api/catalog/export?format=csv',
      headers: as('production'),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('AL-101,6063-T5门窗型材');
    // Named in Chinese with the day in the company's zone, whole for browsers that read RFC 6266.
    const name = decodeURIComponent(
      /filename\*=UTF-8''(.+)$/.exec(String(csv.headers['content-disposition']))?.[1] ?? '',
    );
    expect(name).toMatch(/^产品目录-\d{4}-\d{2}-\d{2}\.csv$/);
    const xlsx = await app.inject({
      method: 'GET',
      url: '/api/catalog/export?format=xlsx',
      headers: as('production'),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const codes: string[] = [];
    wb.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) codes.push(String(row.getCell(1).value));
    });
    expect(codes).toEqual(['AL-101', 'AL-201', 'AL-301', 'MP-202']);
  });
});
