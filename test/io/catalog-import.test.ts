import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCatalogTable } from '../../src/catalog/catalog-import.js';
import { parseCustomersTable } from '../../src/customers/customers-import.js';
import { ImportHeaderError } from '../../src/io/table.js';
import { parseCsvTable, parseXlsxTable, readTable, TableFileError, xlsxBytes } from '../../src/io/tabular.js';
import { gbk } from '../support/gbk.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/dev-corpus');
describe('catalogue import parsing', () => {
  it('reads the dev-corpus catalogue without issues, prices exact', () => {
    const parsed = parseCatalogTable(parseCsvTable(fs.readFileSync(path.join(FIXTURES, 'catalog.csv'))));
    expect(parsed.issues).toEqual([]);
    expect(parsed.valid).toHaveLength(27);
    const mp212 = parsed.valid.find((v) => v.value.code === 'MP-212')!.value;
    expect(mp212).toMatchObject({
      precisionGrade: '超高精级',
      unit: '件',
      unitWeightKg: 0.82,
      listPriceCny: '128.00',
    });
  });

  it('accepts Chinese headers in a GBK file (Excel in China) and a UTF-8 file with BOM', () => {
    const text =
      '编码,名称,型号,类别,精度等级,单位,单重kg,单价\r\nX-1,测试型材,HR-1,工业铝型材,高精级,支,2.5,99.90\r\n';
    const fromGbk = parseCatalogTable(parseCsvTable(gbk(text)));
    const fromBom = parseCatalogTable(
      parseCsvTable(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
    );
    for (const parsed of [fromGbk, fromBom]) {
      expect(parsed.issues).toEqual([]);
      expect(parsed.valid[0]!.value).toEqual({
        code: 'X-1',
        name: '测试型材',
        model: 'HR-1',
        category: '工业铝型材',
        precisionGrade: '高精级',
        unit: '支',
        unitWeightKg: 2.5,
        listPriceCny: '99.90',
      });
    }
  });

  it('reports each bad row with its spreadsheet row number and column, in Chinese and English', () => {
    const csv = [
      'code,name,model,category,precision_grade,unit,unit_weight_kg,list_price_cny',
      'A-1,好的,,,普通级,件,1,10',
      ',缺编码,,,普通级,件,1,10',
      'A-3,坏价格,,,普通级,件,1,十元',
      'A-4,坏等级,,,特级,件,1,10',
      'A-1,重复,,,普通级,件,1,10',
      'A-6,负单重,,,,件,-2,10',
      '',
      'A-8,没单位,,,,,1,10',
    ].join('\n');
    const parsed = parseCatalogTable(parseCsvTable(Buffer.from(csv)));
    expect(parsed.valid.map((v) => v.value.code)).toEqual(['A-1']);
    expect(parsed.invalidRows).toBe(6);
    const at = (row: number) => parsed.issues.filter((i) => i.row === row);
    expect(at(3)[0]).toMatchObject({ column: 'code' });
    expect(at(4)[0]).toMatchObject({ column: 'list_price_cny' });
    expect(at(4)[0]!.message).toMatch(/第 4 行.*不是有效的数字.*row 4, list_price_cny: not a number/);
    expect(at(5)[0]).toMatchObject({ column: 'precision_grade' });
    expect(at(6)[0]!.message).toMatch(/与第 2 行重复/);
    expect(at(7)[0]).toMatchObject({ column: 'unit_weight_kg' });
    // The blank line 8 is skipped but still counts, as in a spreadsheet.
    expect(at(9)[0]).toMatchObject({ column: 'unit' });
  });

  it('refuses a header without the required columns as a whole', () => {
    expect(() => parseCatalogTable(parseCsvTable(Buffer.from('名称,单价\n甲,1\n')))).toThrow(
      ImportHeaderError,
    );
    expect(() => parseCatalogTable(parseCsvTable(Buffer.from('名称,单价\n甲,1\n')))).toThrow(/编码.*code/);
  });

  it('turns unreadable files into one clear error', async () => {
    expect(() => parseCsvTable(Buffer.from(''))).toThrow(TableFileError);
    expect(() => parseCsvTable(Buffer.from('\n\n'))).toThrow(/为空/);
    expect(() => parseCsvTable(Buffer.from('code,name\n"A-1,broken\n'))).toThrow(/引号未闭合.*unbalanced/);
    await expect(readTable(Buffer.from('x'), 'catalog.pdf')).rejects.toThrow(/不支持的文件类型/);
    await expect(readTable(Buffer.from('code,name\n'), 'catalog.xlsx')).rejects.toThrow(/不是有效的 .xlsx/);
    await expect(readTable(Buffer.from('x'), 'catalog.xls')).rejects.toThrow(/\.xls/);
  });

  it('reads XLSX with numbers, formulas and row numbers as Excel shows them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目录');
    ws.addRow(['编码', '名称', '单位', '单重(kg)', '单价（元）']);
    ws.addRow(['B-1', '型材', '米', 1.45, 42]);
    ws.addRow([]);
    ws.addRow(['B-2', '方管', '吨', 1000, { formula: '0.1+0.2', result: 0.30000000000000004 }]);
    const table = await parseXlsxTable(Buffer.from(await wb.xlsx.writeBuffer()));
    const parsed = parseCatalogTable(table);
    expect(parsed.issues).toEqual([]);
    expect(parsed.valid.map((v) => [v.rowNumber, v.value.code, v.value.listPriceCny])).toEqual([
      [2, 'B-1', '42.00'],
      [4, 'B-2', '0.30'],
    ]);
  });
});

describe('customer import parsing', () => {
  it('reads the dev-corpus customers, including traditional Chinese and English names', () => {
    const parsed = parseCustomersTable(parseCsvTable(fs.readFileSync(path.join(FIXTURES, 'customers.csv'))));
    expect(parsed.issues).toEqual([]);
    expect(parsed.valid).toHaveLength(13);
    expect(parsed.valid.map((v) => v.value.shortName)).toContain('永詮');
  });

  it('validates names and years with Chinese headers', () => {
    const csv =
      '客户名称,简称,首单年份,行业,备注\n甲公司,甲,2019年,汽车,\n,乙,2020,,\n丙公司,丙,19,,\n甲公司,,2021,,\n';
    const parsed = parseCustomersTable(parseCsvTable(Buffer.from(csv)));
    expect(parsed.valid.map((v) => v.value)).toEqual([
      { name: '甲公司', shortName: '甲', firstOrderYear: 2019, industry: '汽车', notes: null },
    ]);
    expect(parsed.issues.map((i) => [i.row, i.column])).toEqual([
      [3, 'name'],
      [4, 'first_order_year'],
      [5, 'name'],
    ]);
  });
});

describe('XLSX export', () => {
  it('writes decimal columns as numbers Excel can compute with, and reads them back exactly', async () => {
    const bytes = await xlsxBytes('catalog', {
      header: ['code', 'unit_weight_kg', 'list_price_cny'],
      rows: [
        ['00123', '0.62', '24800.00'],
        ['X', null, '0.105'],
      ],
      decimalColumns: { unit_weight_kg: 'General', list_price_cny: '0.00' },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const row = wb.worksheets[0]!.getRow(2);
    expect([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]).toEqual([
      '00123',
      0.62,
      24800,
    ]);
    const table = await parseXlsxTable(bytes);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['00123', '0.62', '24800'],
      ['X', '', '0.105'],
    ]);
  });
});
