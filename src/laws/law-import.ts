// Register rows from a user's table → validated entries, and entries → export rows. Pure: the
// caller reads the file and decides whether to write. Every problem names its row and column.
import { DEPARTMENT_LABELS } from '../auth/roles.js';
import {
  type ColumnSpec,
  type ImportIssue,
  issue,
  mapColumns,
  type ParsedRows,
  rowReader,
  type Table,
} from '../io/table.js';
import { hasControlCharacter } from '../shared/values.js';
import { LAW_DEPARTMENTS, type LawDepartment, type LawEntry, type LawInput, type LawStatus } from './law.js';

export type LawColumn =
  | 'number'
  | 'title'
  | 'issuer'
  | 'scope_all'
  | 'scope_categories'
  | 'scope_processes'
  | 'departments'
  | 'effective_date'
  | 'review_due'
  | 'obligations'
  | 'source_url'
  | 'status'
  | 'superseded_by';

export const LAW_COLUMNS: readonly ColumnSpec<LawColumn>[] = [
  { key: 'number', label: '文号/标准号', required: true, aliases: ['文号/标准号', '文号', '标准号', '编号'] },
  { key: 'title', label: '名称', required: true, aliases: ['名称', '法规名称', '标准名称', 'title'] },
  {
    key: 'issuer',
    label: '发布机构',
    required: true,
    aliases: ['发布机构', '发布单位', '颁布机关', 'issuer'],
  },
  { key: 'scope_all', label: '适用全部产品', required: false, aliases: ['适用全部产品', '全部产品', '通用'] },
  {
    key: 'scope_categories',
    label: '适用产品类别',
    required: false,
    aliases: ['适用产品类别', '产品类别', '适用类别', 'categories'],
  },
  {
    key: 'scope_processes',
    label: '适用过程',
    required: false,
    aliases: ['适用过程', '过程', '工序', 'processes'],
  },
  {
    key: 'departments',
    label: '责任部门',
    required: true,
    aliases: ['责任部门', '相关部门', '部门', 'departments'],
  },
  { key: 'effective_date', label: '生效日期', required: false, aliases: ['生效日期', '实施日期', '生效'] },
  { key: 'review_due', label: '复核日期', required: true, aliases: ['复核日期', '下次复核', '评审日期'] },
  {
    key: 'obligations',
    label: '主要义务',
    required: true,
    aliases: ['主要义务', '义务摘要', '主要要求', '要求摘要', 'obligations'],
  },
  {
    key: 'source_url',
    label: '来源链接',
    required: false,
    aliases: ['来源链接', '来源', '链接', 'source', 'url'],
  },
  { key: 'status', label: '状态', required: false, aliases: ['状态'] },
  { key: 'superseded_by', label: '替代为', required: false, aliases: ['替代为', '被替代为', '替代标准'] },
];

/** The column order of exports. */
export const LAW_HEADER: readonly LawColumn[] = LAW_COLUMNS.map((c) => c.key);

const spec = (key: LawColumn) => LAW_COLUMNS.find((c) => c.key === key)!;

/** Lists in one cell: 汽车结构件、底盘件 / a; b / a,b. */
export function splitList(cell: string | null): string[] {
  if (!cell) return [];
  return [
    ...new Set(
      cell
        .split(/[、,，;；\n|]/)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '全部', '√']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);

function departmentOf(value: string): LawDepartment | null {
  const v = value.trim();
  for (const d of LAW_DEPARTMENTS) {
    const l = DEPARTMENT_LABELS[d];
    if (v === d || v === l.zh || v.toLowerCase() === l.en.toLowerCase() || `${v}部` === l.zh) return d;
  }
  return null;
}

const STATUS_OF: Record<string, LawStatus> = {
  current: 'current',
  现行: 'current',
  有效: 'current',
  superseded: 'superseded',
  已替代: 'superseded',
  作废: 'superseded',
  废止: 'superseded',
};
export const STATUS_LABEL: Record<LawStatus, string> = { current: '现行', superseded: '已替代' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(v: string): boolean {
  if (!ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** 2026/3/1, 2026.03.01 and 2026年3月1日 are written as ISO dates. */
function dateOf(raw: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(raw.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

export interface LawRow extends LawInput {
  status: LawStatus;
  /** Number of the entry that replaced this one (status superseded). */
  supersededByNumber: string | null;
}

const LIMITS: Partial<Record<LawColumn, number>> = {
  number: 100,
  title: 300,
  issuer: 200,
  obligations: 4000,
  source_url: 1000,
};

export function parseLawTable(table: Table): ParsedRows<LawRow> {
  const columns = mapColumns(table.header, LAW_COLUMNS);
  const result: ParsedRows<LawRow> = { valid: [], issues: [], totalRows: table.rows.length, invalidRows: 0 };
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of table.rows) {
    const issues: ImportIssue[] = [];
    const r = rowReader(columns, cells);
    const add = (key: LawColumn | null, zh: string, en: string) =>
      issues.push(issue(rowNumber, key ? spec(key) : null, zh, en));
    for (const key of ['number', 'title', 'issuer', 'departments', 'review_due', 'obligations'] as const)
      if (r.get(key) === null) add(key, '必填项为空', 'required value is missing');
    for (const [key, max] of Object.entries(LIMITS) as [LawColumn, number][]) {
      const v = r.get(key);
      if (v !== null && v.length > max) add(key, `最多 ${max} 个字符`, `at most ${max} characters`);
    }
    for (const key of LAW_HEADER) {
      const v = r.get(key);
      if (v !== null && hasControlCharacter(v))
        add(key, '不能含控制字符', 'must not contain control characters');
    }
    const number = r.get('number');
    if (number !== null) {
      const first = seen.get(number);
      if (first !== undefined)
        add('number', `文号“${number}”与第 ${first} 行重复`, `duplicate number "${number}" (row ${first})`);
      else seen.set(number, rowNumber);
    }
    const allRaw = (r.get('scope_all') ?? '').toLowerCase();
    const all = YES.has(allRaw);
    if (!all && !NO.has(allRaw)) add('scope_all', `应为 是/否：“${allRaw}”`, `expected yes/no: "${allRaw}"`);
    const categories = splitList(r.get('scope_categories'));
    const processes = splitList(r.get('scope_processes'));
    if (!all && categories.length === 0 && processes.length === 0)
      add(
        'scope_categories',
        '未写适用范围：请填产品类别或过程，或在“适用全部产品”填“是”',
        'no scope: give categories or processes, or yes under scope_all',
      );
    const departments: LawDepartment[] = [];
    for (const d of splitList(r.get('departments'))) {
      const dep = departmentOf(d);
      if (dep) departments.push(dep);
      else
        add(
          'departments',
          `未知部门“${d}”，应为 ${LAW_DEPARTMENTS.map((x) => DEPARTMENT_LABELS[x].zh).join('/')}`,
          `unknown department "${d}"`,
        );
    }
    const date = (key: 'effective_date' | 'review_due') => {
      const raw = r.get(key);
      if (raw === null) return null;
      const d = dateOf(raw);
      if (d === null) add(key, `不是有效日期“${raw}”（应为 YYYY-MM-DD）`, `not a date "${raw}" (YYYY-MM-DD)`);
      return d;
    };
    const effectiveDate = date('effective_date');
    const reviewDue = date('review_due');
    const statusRaw = r.get('status');
    const status = statusRaw === null ? 'current' : STATUS_OF[statusRaw.toLowerCase()];
    if (!status) add('status', `未知状态“${statusRaw}”，应为 现行/已替代`, `unknown status "${statusRaw}"`);
    const supersededBy = r.get('superseded_by');
    if (status === 'superseded' && supersededBy === null)
      add(
        'superseded_by',
        '状态为已替代时须写替代的文号',
        'a superseded entry names the number replacing it',
      );
    const source = r.get('source_url');
    if (source !== null && !/^https?:\/\//i.test(source))
      add(
        'source_url',
        `链接须以 http:// 或 https:// 开头“${source}”`,
        `must start with http(s):// "${source}"`,
      );
    if (issues.length > 0) {
      result.issues.push(...issues);
      result.invalidRows += 1;
      continue;
    }
    result.valid.push({
      rowNumber,
      value: {
        number: number!,
        title: r.get('title')!,
        issuer: r.get('issuer')!,
        scope: { all, categories: all ? [] : categories, processes: all ? [] : processes },
        departments,
        effectiveDate,
        reviewDue: reviewDue!,
        obligations: r.get('obligations')!,
        sourceUrl: source,
        status: status!,
        supersededByNumber: status === 'superseded' ? supersededBy : null,
      },
    });
  }
  return result;
}

/** Export rows in LAW_HEADER order, written as a user would type them (Chinese labels). */
export function lawExportRows(entries: LawEntry[]): string[][] {
  return entries.map((e) => [
    e.number,
    e.title,
    e.issuer,
    e.scope.all ? '是' : '否',
    e.scope.categories.join('、'),
    e.scope.processes.join('、'),
    e.departments.map((d) => DEPARTMENT_LABELS[d].zh).join('、'),
    e.effectiveDate ?? '',
    e.reviewDue,
    e.obligations,
    e.sourceUrl ?? '',
    STATUS_LABEL[e.status],
    e.supersededBy?.number ?? '',
  ]);
}
