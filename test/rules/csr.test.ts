// The CSR table importer and the CSR matrix, on literal tables.
import { describe, expect, it } from 'vitest';
import { parseCsrTable, parseDay } from '../../src/rules/csr-import.js';
import { buildCsrMatrix, type MatrixEntry, registerRows } from '../../src/rules/csr-matrix.js';

const table = (header: string[], ...rows: string[][]) => ({
  header,
  rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
});

describe('CSR table import', () => {
  it('reads Chinese headers, Chinese category names and date spellings', () => {
    const parsed = parseCsrTable(
      table(
        ['条款', '要求内容', '类别', '生效日期', '失效日期', '状态'],
        ['4.1', '首件检验报告随货', '文件资料', '2026年1月5日', '2026/12/31', '失效'],
      ),
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.valid[0]!.value).toMatchObject({
      clause: '4.1',
      category: 'documentation',
      effectiveFrom: '2026-01-05',
      effectiveTo: '2026-12-31',
      status: 'inactive',
    });
  });

  it('reports each bad cell with row and column, and keeps the good rows', () => {
    const parsed = parseCsrTable(
      table(
        ['clause', 'text', 'category', 'effective_from', 'effective_to', 'status'],
        ['1', '', 'quality', '', '', ''],
        ['2', 'ok', 'quality', '2026-02-30', '', 'maybe'],
        ['3', 'dates reversed', 'quality', '2026-05-01', '2026-04-01', ''],
        ['4', 'fine', 'Packaging', '', '', 'active'],
      ),
    );
    expect(parsed.issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'text'],
      [3, 'effective_from'],
      [3, 'status'],
      [4, 'effective_to'],
    ]);
    expect(parsed.invalidRows).toBe(3);
    expect(parsed.valid.map((v) => v.value.category)).toEqual(['packaging']);
  });

  it('refuses a table without the requirement text column', () => {
    expect(() => parseCsrTable(table(['条款', '类别'], ['1', '质量']))).toThrow(/要求内容/);
    expect(parseDay('2026-2-29')).toBeNull();
    expect(parseDay('2028-2-29')).toBe('2028-02-29');
  });
});

describe('CSR matrix', () => {
  const entry = (over: Partial<MatrixEntry>): MatrixEntry => ({
    id: Math.random().toString(36),
    customerId: 'a',
    clause: null,
    text: 't',
    category: 'quality',
    department: null,
    sourceDocument: null,
    appliesTo: null,
    effectiveFrom: null,
    effectiveTo: null,
    status: 'active',
    ...over,
  });
  const customers = [
    { id: 'a', name: '甲公司' },
    { id: 'b', name: '乙公司' },
  ];

  it('counts entries in force on the day per customer and category', () => {
    const entries = [
      entry({ clause: '1', effectiveFrom: '2026-01-01' }),
      entry({ clause: '2', effectiveTo: '2025-12-31' }),
      entry({ clause: '3', category: 'packaging', status: 'inactive' }),
    ];
    const m = buildCsrMatrix(customers, entries, '2026-03-01');
    expect(m.rows).toHaveLength(1);
    expect(m.rows[0]).toMatchObject({ customerName: '甲公司', active: 1, total: 3 });
    expect(m.rows[0]!.cells.quality).toEqual({ active: 1, total: 2, clauses: ['1', '2'] });
    expect(m.rows[0]!.cells.packaging).toEqual({ active: 0, total: 1, clauses: ['3'] });
    expect(buildCsrMatrix(customers, entries, '2025-06-01').rows[0]!.cells.quality.active).toBe(1);
    expect(buildCsrMatrix(customers, entries, '2026-03-01', true).rows.map((r) => r.customerName)).toEqual([
      '甲公司',
      '乙公司',
    ]);
  });

  it('orders register rows by customer, then clause numerically', () => {
    const rows = registerRows(customers, [entry({ clause: '10' }), entry({ clause: '9' })], '2026-03-01');
    expect(rows.map((r) => r[1])).toEqual(['9', '10']);
  });
});
