// Customer rows from a user's table → validated customers. Pure, like catalog-import.
import {
  type ColumnSpec,
  type ImportIssue,
  issue,
  mapColumns,
  type ParsedRows,
  rowReader,
  type Table,
} from '../io/table.js';
import type { Customer } from './customer.js';

export type CustomerColumn = 'name' | 'short_name' | 'first_order_year' | 'industry' | 'notes';

export const CUSTOMER_COLUMNS: readonly ColumnSpec<CustomerColumn>[] = [
  {
    key: 'name',
    label: '客户名称',
    required: true,
    aliases: ['客户名称', '名称', '客户', '公司名称', '客户全称', 'customer'],
  },
  { key: 'short_name', label: '简称', required: false, aliases: ['简称', '客户简称', 'short name'] },
  {
    key: 'first_order_year',
    label: '首单年份',
    required: false,
    aliases: ['首单年份', '首次下单年份', '首次订货年份', '合作年份', '首单年'],
  },
  { key: 'industry', label: '行业', required: false, aliases: ['行业', '所属行业'] },
  { key: 'notes', label: '备注', required: false, aliases: ['备注', '说明', 'note', 'remarks'] },
];

export const CUSTOMER_HEADER: readonly CustomerColumn[] = CUSTOMER_COLUMNS.map((c) => c.key);

const spec = (key: CustomerColumn) => CUSTOMER_COLUMNS.find((c) => c.key === key)!;

export function parseCustomersTable(table: Table): ParsedRows<Customer> {
  const columns = mapColumns(table.header, CUSTOMER_COLUMNS);
  const result: ParsedRows<Customer> = {
    valid: [],
    issues: [],
    totalRows: table.rows.length,
    invalidRows: 0,
  };
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of table.rows) {
    const issues: ImportIssue[] = [];
    const r = rowReader(columns, cells);
    if (cells.length > table.header.length && cells.slice(table.header.length).some((c) => c.trim() !== '')) {
      issues.push(
        issue(
          rowNumber,
          null,
          `列数（${cells.length}）多于表头（${table.header.length}），可能有未加引号的逗号`,
          `more cells (${cells.length}) than header columns (${table.header.length}); an unquoted comma?`,
        ),
      );
    }
    const name = r.get('name');
    if (name === null) issues.push(issue(rowNumber, spec('name'), '必填项为空', 'required value is missing'));
    else {
      const first = seen.get(name);
      if (first !== undefined) {
        issues.push(
          issue(
            rowNumber,
            spec('name'),
            `客户“${name}”与第 ${first} 行重复`,
            `duplicate customer "${name}" (first on row ${first})`,
          ),
        );
      } else seen.set(name, rowNumber);
    }
    const yearRaw = r.get('first_order_year');
    let year: number | null = null;
    if (yearRaw !== null) {
      const cleaned = yearRaw.replace(/年$/, '');
      if (!/^\d{4}$/.test(cleaned) || Number(cleaned) < 1900 || Number(cleaned) > 2100) {
        issues.push(
          issue(
            rowNumber,
            spec('first_order_year'),
            `不是有效的年份“${yearRaw}”（应为四位数字，如 2021）`,
            `not a valid year "${yearRaw}" (four digits, e.g. 2021)`,
          ),
        );
      } else year = Number(cleaned);
    }
    if (issues.length > 0) {
      result.issues.push(...issues);
      result.invalidRows += 1;
      continue;
    }
    result.valid.push({
      rowNumber,
      value: {
        name: name!,
        shortName: r.get('short_name'),
        firstOrderYear: year,
        industry: r.get('industry'),
        notes: r.get('notes'),
      },
    });
  }
  return result;
}

export function customerExportRows(customers: Customer[]): (string | number | null)[][] {
  return customers.map((c) => [c.name, c.shortName, c.firstOrderYear, c.industry, c.notes]);
}
