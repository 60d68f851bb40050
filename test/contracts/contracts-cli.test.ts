// `shixu contracts …` and `shixu review record …` against a real database chosen by DATABASE_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openContractCase } from '../../src/contracts/case-repository.js';
import { describeEachDatabase } from '../support/databases.js';
import { contextFor, manualOrder, ROUTED, seedPeople } from './support.js';

describeEachDatabase('contracts CLI', (t) => {
  const saved = process.env.DATABASE_URL;
  let dir = '';
  let number = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-contracts-cli-'));
    const cfg = t.config;
    process.env.DATABASE_URL = cfg.kind === 'sqlite' ? `sqlite:${cfg.file}` : cfg.url;
    await seedPeople(t.store().db);
    number = (
      await openContractCase(t.store().db, manualOrder('regular', ROUTED), await contextFor(t.store().db, 0))
    ).number;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      return { code: await main(args), out };
    } finally {
      spy.mockRestore();
    }
  }

  it('lists, shows and exports the ledger, and writes the review record', async () => {
    const list = await run(['contracts', 'list', '--q', number]);
    expect(list.code).toBe(0);
    expect(list.out).toContain(number);
    expect(list.out).toContain('共 1 份合同');
    const show = await run(['contracts', 'show', number]);
    expect(show.out).toContain('孔径公差±0.02mm');
    expect(show.out).toMatch(/quality: pending/);
    expect((await run(['contracts', 'show', 'HT-1999-0001'])).code).toBe(1);

    const ledger = path.join(dir, 'ledger.xlsx');
    expect((await run(['contracts', 'export', ledger])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(ledger);
    expect(wb.worksheets[0]!.getColumn(1).values).toContain(number);
    expect((await run(['contracts', 'export', ledger])).code).toBe(1);

    const pdf = path.join(dir, 'record.pdf');
    const xlsx = path.join(dir, 'record.xlsx');
    expect((await run(['review', 'record', number, '--pdf', pdf, '--xlsx', xlsx])).code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const rec = new ExcelJS.Workbook();
    await rec.xlsx.readFile(xlsx);
    // The form's heading: form number and revision, then the contract number.
    expect(rec.worksheets[0]!.getRow(3).getCell(6).value).toBe(number);
    expect((await run(['review', 'record', number])).code).toBe(1);
  });
});
