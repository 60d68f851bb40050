// The ledger over HTTP on both databases: sorted by the column asked for (amounts as numbers, not
// as text), a sort it does not know refused with a problem naming it, and the export labelled in
// Chinese first with amounts as numbers Excel formats with thousands separators.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/server/context.js';
import { appFor } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { ITEMS, type Plant, regularOrder, seedPlant } from './http-case.js';

const START = Date.parse('2026-11-23T01:00:00.000Z');

describeEachDatabase('ledger sorting and labels', (t) => {
  let app: App;
  let plant: Plant;
  const now = new Date(START + 3_600_000);
  const numbers: Record<string, string> = {};
  beforeAll(async () => {
    app = await appFor(t.store(), { clock: () => now });
    plant = await seedPlant(app, t.store());
    // 9,250.00 / 92,500.00 / 925.00: as text "925.00" would sort above "9250.00".
    for (const [name, quantity, hours] of [
      ['small', 500, 0],
      ['large', 5000, 0.5],
      ['tiny', 50, 0.25],
    ] as const) {
      const order = regularOrder(new Date(START + hours * 3_600_000).toISOString());
      const res = await plant.post('sales', '/api/contracts', {
        ...order,
        items: [{ ...ITEMS[0], quantity: { value: quantity, unit: '件' } }],
      });
      expect(res.statusCode).toBe(201);
      numbers[name] = res.json().number;
    }
  });
  afterAll(async () => {
    await app.close();
  });
  const order = async (query: string) =>
    (await plant.get('quality', `/api/contracts?${query}`))
      .json()
      .items.map((r: { number: string }) => r.number);

  it('sorts by amount as a number, by received time and by number, both ways', async () => {
    expect(await order('sort=totalAmount&order=asc')).toEqual([numbers.tiny, numbers.small, numbers.large]);
    expect(await order('sort=totalAmount&order=desc')).toEqual([numbers.large, numbers.small, numbers.tiny]);
    expect(await order('sort=receivedAt&order=asc')).toEqual([numbers.small, numbers.tiny, numbers.large]);
    expect(await order('')).toEqual([numbers.large, numbers.tiny, numbers.small]);
    expect(await order('sort=number&order=asc')).toEqual([numbers.small, numbers.large, numbers.tiny]);
  });

  it('refuses a sort it does not know with a problem naming the parameter', async () => {
    for (const query of ['sort=password_hash', 'sort=totalAmount&order=sideways']) {
      const res = await plant.get('quality', `/api/contracts?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json())).toMatch(/sort|order/);
    }
  });

  it('exports class and status in Chinese first and amounts as numbers with thousands separators', async () => {
    const res = await plant.get('quality', '/api/contracts/export.xlsx?sort=totalAmount&order=desc');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.findIndex((h) => String(h).startsWith(name)) + 1;
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe(numbers.large);
    expect(first.getCell(col('类别')).value).toBe('常规 Regular');
    expect(first.getCell(col('状态')).value).toBe('需求确认 Requirement confirmation');
    const amount = first.getCell(col('金额'));
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.value).toBe(92_500);
    expect(amount.numFmt).toBe('#,##0.00');
    expect(first.getCell(col('收到时间')).value).toBe('2026-11-23 09:30');
  });
});
