// CSR rows from a customer's requirement table (CSV/XLSX) → validated entries, with row-level issues.
// Pure, like the catalogue and customer importers.
import { REQUIREMENT_CATEGORIES, type RequirementCategory } from '../analysis/result.js';
import {
  type ColumnSpec,
  type ImportIssue,
  issue,
  mapColumns,
  type ParsedRows,
  rowReader,
  type Table,
} from '../io/table.js';
import { CATEGORY_LABELS } from './csr-matrix.js';

export type CsrColumn =
  | 'clause'
  | 'text'
  | 'category'
  | 'department'
  | 'applies_to'
  | 'effective_from'
  | 'effective_to'
  | 'status'
  | 'source_document';

export const CSR_COLUMNS: readonly ColumnSpec<CsrColumn>[] = [
  { key: 'clause', label: '条款', required: false, aliases: ['条款', '条款号', '章节', 'clause'] },
  {
    key: 'text',
    label: '要求内容',
    required: true,
    aliases: ['要求', '要求内容', '内容', '客户要求', '特殊要求', 'requirement'],
  },
  { key: 'category', label: '类别', required: true, aliases: ['类别', '分类', '要求类别', 'category'] },
  {
    key: 'department',
    label: '责任部门',
    required: false,
    aliases: ['责任部门', '部门', '过程', '负责部门', 'department', 'process'],
  },
  {
    key: 'applies_to',
    label: '适用产品',
    required: false,
    aliases: ['适用产品', '适用范围', '适用', 'applies to'],
  },
  {
    key: 'effective_from',
    label: '生效日期',
    required: false,
    aliases: ['生效日期', '生效', '开始日期', 'from'],
  },
  {
    key: 'effective_to',
    label: '失效日期',
    required: false,
    aliases: ['失效日期', '失效', '截止日期', 'to'],
  },
  { key: 'status', label: '状态', required: false, aliases: ['状态', 'status'] },
  {
    key: 'source_document',
    label: '来源文件',
    required: false,
    aliases: ['来源文件', '来源', '文件', '文件名', 'source', 'document'],
  },
];

export interface CsrRow {
  clause: string | null;
  text: string;
  category: RequirementCategory;
  department: string | null;
  appliesTo: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  status: 'active' | 'inactive';
  sourceDocument: string | null;
}

const spec = (key: CsrColumn) => CSR_COLUMNS.find((c) => c.key === key)!;

export function parseCategory(value: string): RequirementCategory | null {
  const v = value.trim().toLowerCase();
  if ((REQUIREMENT_CATEGORIES as readonly string[]).includes(v)) return v as RequirementCategory;
  const hit = REQUIREMENT_CATEGORIES.find(
    (k) => CATEGORY_LABELS[k].zh === value.trim() || CATEGORY_LABELS[k].en.toLowerCase() === v,
  );
  return hit ?? null;
}

const ACTIVE = /^(active|有效|生效|启用|现行)$/i;
const INACTIVE = /^(inactive|失效|停用|作废|废止)$/i;

/** YYYY-MM-DD from 2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日; null when not a real day. */
export function parseDay(value: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export function parseCsrTable(table: Table): ParsedRows<CsrRow> {
  const columns = mapColumns(table.header, CSR_COLUMNS);
  const result: ParsedRows<CsrRow> = { valid: [], issues: [], totalRows: table.rows.length, invalidRows: 0 };
  for (const { rowNumber, cells } of table.rows) {
    const issues: ImportIssue[] = [];
    const r = rowReader(columns, cells);
    const text = r.get('text');
    if (text === null) issues.push(issue(rowNumber, spec('text'), '必填项为空', 'required value is missing'));
    const categoryRaw = r.get('category');
    const category = categoryRaw === null ? null : parseCategory(categoryRaw);
    if (categoryRaw === null) {
      issues.push(issue(rowNumber, spec('category'), '必填项为空', 'required value is missing'));
    } else if (category === null) {
      const allowed = REQUIREMENT_CATEGORIES.map((k) => `${CATEGORY_LABELS[k].zh}(${k})`).join('、');
      issues.push(
        issue(
          rowNumber,
          spec('category'),
          `未知类别“${categoryRaw}”，可选：${allowed}`,
          `unknown category "${categoryRaw}" (one of ${REQUIREMENT_CATEGORIES.join(', ')})`,
        ),
      );
    }
    const days: Partial<Record<'effective_from' | 'effective_to', string | null>> = {};
    for (const key of ['effective_from', 'effective_to'] as const) {
      const raw = r.get(key);
      days[key] = raw === null ? null : parseDay(raw);
      if (raw !== null && days[key] === null) {
        issues.push(
          issue(
            rowNumber,
            spec(key),
            `不是有效日期“${raw}”（如 2026-03-01）`,
            `not a valid date "${raw}" (e.g. 2026-03-01)`,
          ),
        );
      }
    }
    if (days.effective_from && days.effective_to && days.effective_from > days.effective_to) {
      issues.push(
        issue(
          rowNumber,
          spec('effective_to'),
          '失效日期早于生效日期',
          'effective_to is before effective_from',
        ),
      );
    }
    const statusRaw = r.get('status');
    let status: 'active' | 'inactive' = 'active';
    if (statusRaw !== null) {
      if (INACTIVE.test(statusRaw)) status = 'inactive';
      else if (!ACTIVE.test(statusRaw)) {
        issues.push(
          issue(
            rowNumber,
            spec('status'),
            `未知状态“${statusRaw}”（有效 / 失效）`,
            `unknown status "${statusRaw}" (active / inactive)`,
          ),
        );
      }
    }
    if (issues.length > 0) {
      result.issues.push(...issues);
      result.invalidRows += 1;
      continue;
    }
    result.valid.push({
      rowNumber,
      value: {
        clause: r.get('clause'),
        text: text!,
        category: category!,
        department: r.get('department'),
        appliesTo: r.get('applies_to'),
        effectiveFrom: days.effective_from ?? null,
        effectiveTo: days.effective_to ?? null,
        status,
        sourceDocument: r.get('source_document'),
      },
    });
  }
  return result;
}
