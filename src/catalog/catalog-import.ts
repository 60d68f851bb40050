// Catalogue rows from a user's table → validated products. Pure: the caller reads the file and
// decides whether to write. Every problem is reported with its row and column.

import {
  type ColumnSpec,
  type ImportIssue,
  issue,
  mapColumns,
  type ParsedRows,
  rowReader,
  type Table,
} from '../io/table.js';
import {
  canonicalDecimal,
  canonicalMoney,
  fitsStoredDecimal,
  isNegativeDecimal,
  isZeroDecimal,
  parseDecimal,
} from '../store/decimal.js';
import { PRECISION_GRADES, type PrecisionGrade, type Product } from './product.js';

export type CatalogColumn =
  | 'code'
  | 'name'
  | 'model'
  | 'category'
  | 'precision_grade'
  | 'unit'
  | 'unit_weight_kg'
  | 'list_price_cny';

export const CATALOG_COLUMNS: readonly ColumnSpec<CatalogColumn>[] = [
  {
    key: 'code',
    label: '编码',
    required: true,
    aliases: ['编码', '产品编码', '物料编码', '代码', '编号', 'product code'],
  },
  {
    key: 'name',
    label: '名称',
    required: true,
    aliases: ['名称', '产品名称', '品名', '物料名称', 'product name'],
  },
  { key: 'model', label: '型号', required: false, aliases: ['型号', '规格型号', '规格'] },
  { key: 'category', label: '类别', required: false, aliases: ['类别', '分类', '产品类别', '品类'] },
  {
    key: 'precision_grade',
    label: '精度等级',
    required: false,
    aliases: ['精度等级', '精度', 'precision', 'grade'],
  },
  { key: 'unit', label: '单位', required: true, aliases: ['单位', '计量单位', '销售单位'] },
  {
    key: 'unit_weight_kg',
    label: '单重kg',
    required: false,
    aliases: ['单重kg', '单重', '单重公斤', '单件重量kg', '重量kg', 'unit weight', 'weight kg'],
  },
  {
    key: 'list_price_cny',
    label: '单价',
    required: false,
    aliases: [
      '单价',
      '单价元',
      '含税单价',
      '含税单价元',
      '价格',
      '目录价',
      'list price',
      'price',
      'price cny',
    ],
  },
];

/** The column order of exports (the same as the catalogue file). */
export const CATALOG_HEADER: readonly CatalogColumn[] = CATALOG_COLUMNS.map((c) => c.key);

const GRADE_ALIASES: Record<string, PrecisionGrade> = {
  普通级: '普通级',
  普通: '普通级',
  普精级: '普通级',
  standard: '普通级',
  normal: '普通级',
  高精级: '高精级',
  高精: '高精级',
  高精度: '高精级',
  high: '高精级',
  超高精级: '超高精级',
  超高精: '超高精级',
  超高精度: '超高精级',
  'ultra-high': '超高精级',
  ultra: '超高精级',
};

export function parsePrecisionGrade(value: string): PrecisionGrade | null {
  return GRADE_ALIASES[value.trim().toLowerCase()] ?? GRADE_ALIASES[value.trim()] ?? null;
}

const spec = (key: CatalogColumn) => CATALOG_COLUMNS.find((c) => c.key === key)!;

function decimalCell(
  raw: string | null,
  key: 'unit_weight_kg' | 'list_price_cny',
  rowNumber: number,
  issues: ImportIssue[],
): string | null {
  if (raw === null) return null;
  const s = spec(key);
  const value = parseDecimal(raw);
  if (value === null) {
    issues.push(issue(rowNumber, s, `不是有效的数字“${raw}”`, `not a number "${raw}"`));
    return null;
  }
  if (isNegativeDecimal(value)) {
    issues.push(issue(rowNumber, s, `不能为负数“${raw}”`, `must not be negative "${raw}"`));
    return null;
  }
  if (key === 'unit_weight_kg' && isZeroDecimal(value)) {
    issues.push(issue(rowNumber, s, '单重必须大于 0', 'unit weight must be greater than 0'));
    return null;
  }
  if (!fitsStoredDecimal(value)) {
    issues.push(
      issue(rowNumber, s, `数值过大或小数超过 6 位“${raw}”`, `too large or more than 6 decimals "${raw}"`),
    );
    return null;
  }
  return key === 'list_price_cny' ? canonicalMoney(value) : canonicalDecimal(value);
}

export function parseCatalogTable(table: Table): ParsedRows<Product> {
  const columns = mapColumns(table.header, CATALOG_COLUMNS);
  const result: ParsedRows<Product> = { valid: [], issues: [], totalRows: table.rows.length, invalidRows: 0 };
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
    for (const key of ['code', 'name', 'unit'] as const) {
      if (r.get(key) === null)
        issues.push(issue(rowNumber, spec(key), '必填项为空', 'required value is missing'));
    }
    const code = r.get('code');
    if (code !== null) {
      if (code.length > 64)
        issues.push(
          issue(rowNumber, spec('code'), '编码过长（最多 64 字符）', 'code longer than 64 characters'),
        );
      const first = seen.get(code.toUpperCase());
      if (first !== undefined) {
        issues.push(
          issue(
            rowNumber,
            spec('code'),
            `编码“${code}”与第 ${first} 行重复`,
            `duplicate code "${code}" (first on row ${first})`,
          ),
        );
      } else seen.set(code.toUpperCase(), rowNumber);
    }
    const gradeRaw = r.get('precision_grade');
    const grade = gradeRaw === null ? null : parsePrecisionGrade(gradeRaw);
    if (gradeRaw !== null && grade === null) {
      issues.push(
        issue(
          rowNumber,
          spec('precision_grade'),
          `未知的精度等级“${gradeRaw}”，应为 ${PRECISION_GRADES.join('/')}`,
          `unknown precision grade "${gradeRaw}", expected one of ${PRECISION_GRADES.join(', ')}`,
        ),
      );
    }
    const weight = decimalCell(r.get('unit_weight_kg'), 'unit_weight_kg', rowNumber, issues);
    const price = decimalCell(r.get('list_price_cny'), 'list_price_cny', rowNumber, issues);
    if (issues.length > 0) {
      result.issues.push(...issues);
      result.invalidRows += 1;
      continue;
    }
    result.valid.push({
      rowNumber,
      value: {
        code: code!,
        name: r.get('name')!,
        model: r.get('model'),
        category: r.get('category'),
        precisionGrade: grade,
        unit: r.get('unit')!,
        unitWeightKg: weight === null ? null : Number(weight),
        listPriceCny: price,
      },
    });
  }
  return result;
}

/** Export rows in CATALOG_HEADER order; numbers as numbers so spreadsheets can compute with them. */
export function catalogExportRows(products: Product[]): (string | number | null)[][] {
  return products.map((p) => [
    p.code,
    p.name,
    p.model,
    p.category,
    p.precisionGrade,
    p.unit,
    p.unitWeightKg,
    p.listPriceCny,
  ]);
}
