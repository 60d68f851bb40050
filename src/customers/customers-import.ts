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

/** The procedure's sales-side background questions, as the table's columns (0015-master-data). */
export const BACKGROUND_COLUMNS = {
  company_size: 'companySize',
  main_products: 'mainProducts',
  goals: 'goals',
  use_scenario: 'useScenario',
  urgency: 'urgency',
  budget: 'budget',
  true_motive: 'trueMotive',
} as const;
type BackgroundColumn = keyof typeof BACKGROUND_COLUMNS;
type BackgroundField = (typeof BACKGROUND_COLUMNS)[BackgroundColumn];
const BACKGROUND_KEYS = Object.keys(BACKGROUND_COLUMNS) as BackgroundColumn[];
/** What the API accepts for one answer (routes/customers.ts). */
const BACKGROUND_MAX = 1000;

export type CustomerColumn =
  | 'name'
  | 'short_name'
  | 'first_order_year'
  | 'industry'
  | 'notes'
  | BackgroundColumn;

/**
 * A customer row of an imported table. A background answer is present only when the table has its
 * column: a file without the column leaves what sales wrote in the app alone, an empty cell in a
 * column that is there clears it.
 */
export type CustomerImportRow = Customer & Partial<Record<BackgroundField, string | null>>;

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
  {
    key: 'company_size',
    label: '企业规模',
    required: false,
    aliases: ['企业规模', '公司规模', '规模', 'company size'],
  },
  {
    key: 'main_products',
    label: '主要产品',
    required: false,
    aliases: ['主要产品', '主营产品', 'main products'],
  },
  { key: 'goals', label: '目标', required: false, aliases: ['目标', '客户目标', 'goals'] },
  {
    key: 'use_scenario',
    label: '使用场景',
    required: false,
    aliases: ['使用场景', '应用场景', 'use scenario'],
  },
  {
    key: 'urgency',
    label: '紧迫程度',
    required: false,
    aliases: ['紧迫程度', '紧急程度', '紧迫性', 'urgency'],
  },
  { key: 'budget', label: '预算', required: false, aliases: ['预算', 'budget'] },
  { key: 'true_motive', label: '真实动机', required: false, aliases: ['真实动机', '动机', 'true motive'] },
];

export const CUSTOMER_HEADER: readonly CustomerColumn[] = CUSTOMER_COLUMNS.map((c) => c.key);

const spec = (key: CustomerColumn) => CUSTOMER_COLUMNS.find((c) => c.key === key)!;

export function parseCustomersTable(table: Table): ParsedRows<CustomerImportRow> {
  const columns = mapColumns(table.header, CUSTOMER_COLUMNS);
  const backgroundPresent = BACKGROUND_KEYS.filter((k) => columns.has(k));
  const result: ParsedRows<CustomerImportRow> = {
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
    const background: Partial<Record<BackgroundField, string | null>> = {};
    for (const key of backgroundPresent) {
      const value = r.get(key);
      if (value !== null && [...value].length > BACKGROUND_MAX) {
        issues.push(
          issue(
            rowNumber,
            spec(key),
            `内容过长（最多 ${BACKGROUND_MAX} 个字符）`,
            `too long (at most ${BACKGROUND_MAX} characters)`,
          ),
        );
      }
      background[BACKGROUND_COLUMNS[key]] = value;
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
        ...background,
      },
    });
  }
  return result;
}

/** One row per customer in CUSTOMER_HEADER's order, background answers included. */
export function customerExportRows(
  customers: (Customer & Partial<Record<BackgroundField, string | null>>)[],
): (string | number | null)[][] {
  return customers.map((c) => [
    c.name,
    c.shortName,
    c.firstOrderYear,
    c.industry,
    c.notes,
    ...BACKGROUND_KEYS.map((k) => c[BACKGROUND_COLUMNS[k]] ?? null),
  ]);
}
