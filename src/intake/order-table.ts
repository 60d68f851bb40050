// Order sheets are grids; the analysis reads sentences. Each data row becomes one line that names its
// columns ("产品：控制臂支架；型号：…；数量：5000件"), so item, quantity and price stay together and
// every value keeps its cell as provenance.
import type { SourceRef, TextBuilder } from './provenance.js';

export type ColumnRole =
  | 'seq'
  | 'product'
  | 'model'
  | 'quantity'
  | 'unit'
  | 'price'
  | 'amount'
  | 'delivery'
  | 'remark'
  | 'material'
  | 'other';

const ROLE_WORDS: [ColumnRole, string[]][] = [
  ['seq', ['序号', '项次', '行号', 'no.', 'no', '#', 'itemno', 'line']],
  ['quantity', ['订购数量', '采购数量', '订单数量', '需求数量', '数量', 'qty', 'quantity', "q'ty"]],
  ['unit', ['单位', 'unit', 'uom']],
  ['price', ['含税单价', '未税单价', '不含税单价', '单价', '价格', 'unitprice', 'price']],
  ['amount', ['含税金额', '未税金额', '金额', '总价', '小计', '总金额', 'amount', 'total', 'subtotal']],
  [
    'delivery',
    [
      '交货日期',
      '交货期',
      '交期',
      '到货日期',
      '需求日期',
      '交付日期',
      'deliverydate',
      'delivery',
      'duedate',
      'etd',
      'eta',
    ],
  ],
  ['remark', ['备注', '说明', '要求', 'remark', 'remarks', 'note', 'notes', 'comment', 'comments']],
  ['material', ['材质', '材料', '牌号', 'material', 'alloy']],
  [
    'model',
    [
      '型号',
      '规格',
      '料号',
      '图号',
      '零件号',
      '物料编码',
      '物料编号',
      '零件编号',
      '编码',
      '图纸号',
      'partno',
      'partnumber',
      'p/n',
      'pn',
      'model',
      'spec',
      'specification',
      'drawingno',
      'drawing',
    ],
  ],
  [
    'product',
    [
      '产品名称',
      '物料名称',
      '零件名称',
      '产品',
      '品名',
      '名称',
      '物料',
      '零件',
      '货物',
      '描述',
      'product',
      'description',
      'item',
      'partname',
      'name',
      'goods',
    ],
  ],
];

const normalize = (s: string) => s.toLowerCase().replace(/[\s_\-:：()（）[\]【】]/g, '');

export function columnRole(header: string): ColumnRole | undefined {
  const h = normalize(header);
  if (h.length === 0 || h.length > 16) return undefined;
  // The longest matching word wins, so "Unit Price" is a price and "含税单价" not just "单价".
  let best: { role: ColumnRole; length: number } | undefined;
  for (const [role, words] of ROLE_WORDS) {
    for (const w of words) {
      const nw = normalize(w);
      const cjk = /[\u4e00-\u9fff]/.test(nw);
      // Chinese headers carry extras ("数量(件)", "含税单价/元"); English ones must start with the word.
      const hit = h === nw || (cjk ? h.includes(nw) : nw.length >= 3 && h.startsWith(nw));
      const length = h === nw ? 1000 : nw.length;
      if (hit && (!best || length > best.length)) best = { role, length };
    }
  }
  return best?.role;
}

const headerLabel = (h: string) =>
  h
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])/g, '');

/** Index of the header row among the first rows, or -1: the row naming the most known columns (≥2). */
export function findHeaderRow(rows: string[][], scan = 15): number {
  let best = -1;
  let bestScore = 1;
  for (let i = 0; i < Math.min(rows.length, scan); i++) {
    const roles = new Set(rows[i]!.map((c) => columnRole(c)).filter((r): r is ColumnRole => r !== undefined));
    const core = ['product', 'model', 'quantity', 'price'].some((r) => roles.has(r as ColumnRole));
    if (core && roles.size > bestScore) {
      best = i;
      bestScore = roles.size;
    }
  }
  return best;
}

const NUMERIC = /^[-+]?[\d,]*\.?\d+$/;
const FOREIGN_CURRENCY = /usd|\$|美元|eur|€|欧元|日元|jpy|rmb|cny|元|￥|¥/i;

export type TableSourceFactory = (rowIndex: number, colIndex: number, column?: string) => SourceRef;

/**
 * Writes a grid into the builder. Rows before the header and rows of grids without a recognisable header
 * are written as `cell | cell`; data rows as labelled fields.
 */
export function writeTable(
  out: TextBuilder,
  rows: string[][],
  cellSource: TableSourceFactory,
  rowSource: (rowIndex: number) => SourceRef,
): { headerRow: number } {
  let headerRow = findHeaderRow(rows);
  let headers: string[] = [];
  let roles: (ColumnRole | undefined)[] = [];
  const setHeader = (i: number) => {
    headerRow = i;
    headers = rows[i]!.map(headerLabel);
    roles = headers.map((h) => columnRole(h));
  };
  if (headerRow >= 0) setHeader(headerRow);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.every((c) => c.trim() === '')) continue;
    const rowStart = out.offset;
    if (r === headerRow || headerRow < 0 || r < headerRow) {
      writePlainRow(out, row, (c) => cellSource(r, c));
    } else if (findHeaderRow([row], 1) === 0 && !row.some((c) => NUMERIC.test(c.trim()))) {
      // A second table on the same sheet starts with its own header.
      setHeader(r);
      writePlainRow(out, row, (c) => cellSource(r, c));
    } else {
      writeLabelledRow(out, row, headers, roles, (c) => cellSource(r, c, headers[c]));
    }
    out.plain('\n');
    out.cover(rowStart, rowSource(r));
  }
  return { headerRow };
}

function writePlainRow(out: TextBuilder, row: string[], source: (c: number) => SourceRef) {
  let first = true;
  row.forEach((cell, c) => {
    const v = cell.trim();
    if (!v) return;
    if (!first) out.plain(' | ');
    out.add(v, source(c));
    first = false;
  });
}

function writeLabelledRow(
  out: TextBuilder,
  row: string[],
  headers: string[],
  roles: (ColumnRole | undefined)[],
  source: (c: number) => SourceRef,
) {
  const unitCol = roles.indexOf('unit');
  const quantityCol = roles.indexOf('quantity');
  const mergeUnit = unitCol >= 0 && quantityCol >= 0 && (row[unitCol] ?? '').trim() !== '';
  let first = true;
  row.forEach((cell, c) => {
    const v = cell.trim();
    if (!v) return;
    const role = roles[c];
    if (role === 'seq') return;
    if (role === 'unit' && mergeUnit) return;
    const label = headers[c] || `第${c + 1}列`;
    if (!first) out.plain('；');
    out.plain(`${label}：`);
    out.add(v, source(c));
    const unit = (row[unitCol] ?? '').trim();
    if (role === 'quantity' && mergeUnit && !v.endsWith(unit)) out.add(unit, source(unitCol));
    else if ((role === 'price' || role === 'amount') && NUMERIC.test(v) && !FOREIGN_CURRENCY.test(label))
      out.plain('元');
    first = false;
  });
}
