// Order lines laid out as a table (PO exports, pasted spreadsheets): a header row naming the columns,
// then rows split by the same separator (｜, |, tab, full-width or repeated spaces).
import type { Line } from '../text/segment.js';

export type ColumnRole = 'product' | 'model' | 'quantity' | 'unit' | 'unitPrice' | 'amount' | 'other';

export interface TableCell {
  text: string;
  start: number;
  end: number;
}

export interface TableRow {
  line: Line;
  cells: Map<ColumnRole, TableCell>;
  /** The row itself says whether its price includes tax (单价：¥186.50（含13%增值税）). */
  taxIncluded?: boolean | null;
}

export interface Table {
  header: Line;
  rows: TableRow[];
  /** Header says prices include tax (含税单价) or not (未税/不含税单价); null when silent. */
  taxIncluded: boolean | null;
  currency: string | null;
}

const ROLE_PATTERNS: [ColumnRole, RegExp][] = [
  ['unitPrice', /单价|unit\s*price|price/i],
  ['amount', /金额|总价|amount|total/i],
  ['quantity', /数量|qty|quantity/i],
  ['other', /编码|料号|物料号|序号|行号|code/i],
  ['unit', /^(?:单位|unit|uom)$/i],
  ['model', /规格型号|型号|规格|model|P\/N|part\s*no/i],
  ['product', /物料名称|物料描述|产品名称|品名|名称|描述|description|item|物料|产品/i],
];

// The last, a single space, is how text extracted from a PDF lays out a table (序号 物料名称 数量 单位 …);
// it is split on the normalised text, where 1 200 has become 1,200 and stays one cell.
const SINGLE_SPACE = / /;
const SEPARATORS = [/\s*[｜|]\s*/, /\t+/, /\u3000+/, / {2,}/, SINGLE_SPACE];

function splitCells(original: string, line: Line, sep: RegExp, norm?: string): TableCell[] {
  const source = sep === SINGLE_SPACE && norm !== undefined ? norm : original;
  const content = source.slice(line.start, line.end);
  const written = original.slice(line.start, line.end);
  const cells: TableCell[] = [];
  const re = new RegExp(sep.source, 'g');
  let last = 0;
  const push = (from: number, to: number) => {
    let s = from;
    let e = to;
    while (s < e && /\s/.test(content[s]!)) s++;
    while (e > s && /\s/.test(content[e - 1]!)) e--;
    cells.push({ text: written.slice(s, e), start: line.start + s, end: line.start + e });
  };
  for (let m = re.exec(content); m !== null; m = re.exec(content)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, content.length);
  return cells.filter((c) => c.text !== '');
}

function roleOf(header: string): ColumnRole {
  for (const [role, re] of ROLE_PATTERNS) if (re.test(header)) return role;
  return 'other';
}

/** `产品名称：轴承座` — a label, a colon, and the value up to the next ； or the end of the line. */
const LABELLED_FIELD = /([^：:；;|｜\n]{1,12})[：:]\s*([^；;|｜\n]*)/g;

const LABELLED_FIELD_COMMA = /([^：:；;，|｜\n]{1,12})[：:]\s*((?:[^，,|｜\n]|,(?=\d))*)/g;

function labelledCells(original: string, norm: string, line: Line): Map<ColumnRole, TableCell> | null {
  const content = norm.slice(line.start, line.end);
  // Fields end at ；, or — in a line without one — at a comma that is not inside a number
  // (品名：转向机壳体，数量：1,200件，单价：520元).
  const fields = /[；;]/.test(content)
    ? LABELLED_FIELD
    : /[，,](?!\d)\s*[^，,：:]{1,12}[：:]/.test(content)
      ? LABELLED_FIELD_COMMA
      : null;
  if (fields === null) return null;
  const cells = new Map<ColumnRole, TableCell>();
  for (const m of content.matchAll(fields)) {
    const role = roleOf(m[1]!.trim());
    if (role === 'other' || cells.has(role)) continue;
    const valueStart = line.start + m.index + m[0].length - m[2]!.length;
    const value = m[2]!.trimEnd();
    if (value.trim() === '') continue;
    cells.set(role, {
      text: original.slice(valueStart, valueStart + value.length),
      start: valueStart,
      end: valueStart + value.length,
    });
  }
  const named = cells.has('product') || cells.has('model');
  return named && cells.has('quantity') ? cells : null;
}

// A numbered order line: "2. 电机端盖 HR-MC-01 数量：1,200件 单价：¥42.00（含税）" — the name (and a
// model) right after the number, then labelled quantity and price separated by spaces.
const LIST_MARKER = /^\s*(?:\d{1,2}\s*[.、)）](?!\d)|[（(]\d{1,2}[)）]|[①-⑳])\s*/;
const QTY_LABEL = /(?:订购数量|订货数量|采购数量|数量|qty|quantity)\s*[:：]?\s*/i;
const PRICE_LABEL = /(?:含税单价|未税单价|不含税单价|单价|unit\s*price|price)\s*[:：]?\s*/i;
const MODEL_TOKEN = /^(?=[A-Za-z0-9./-]*\d)[A-Za-z0-9][A-Za-z0-9./-]{3,}$/;
const VALUE_END = /\s|[，；;（(]|,(?!\d{3})|$/;

function cellAt(original: string, from: number, text: string): TableCell {
  return { text: original.slice(from, from + text.length), start: from, end: from + text.length };
}

function numberedLineCells(original: string, norm: string, line: Line): TableRow | null {
  const content = norm.slice(line.start, line.end);
  const marker = LIST_MARKER.exec(content);
  if (!marker) return null;
  const qty = QTY_LABEL.exec(content);
  if (!qty || qty.index < marker[0].length) return null;
  const cells = new Map<ColumnRole, TableCell>();
  const head = content.slice(marker[0].length, qty.index).replace(/[\s，,；;:：]+$/, '');
  if (!/[\p{L}]/u.test(head)) return null;
  const tokens = head.split(/\s+/);
  const model = tokens.length > 1 && MODEL_TOKEN.test(tokens.at(-1)!) ? tokens.at(-1)! : null;
  // 空调压缩机支架 P/N YSJ-6061-05: the label before the model number is no part of the name.
  const name = (model ? head.slice(0, head.length - model.length).trimEnd() : head)
    .replace(/\s*(?:P\/N|PN|Part\s*No\.?|型号|规格|图号)\s*[:：]?$/i, '')
    .trimEnd();
  const headStart = line.start + marker[0].length;
  if (name !== '') cells.set('product', cellAt(original, headStart, name));
  if (model) cells.set('model', cellAt(original, headStart + head.length - model.length, model));
  const valueAt = (from: number): TableCell | null => {
    const rest = content.slice(from);
    const end = VALUE_END.exec(rest.replace(/^[¥￥$]\s*/, (m) => 'x'.repeat(m.length)))!.index;
    return end > 0 ? cellAt(original, line.start + from, rest.slice(0, end)) : null;
  };
  const q = valueAt(qty.index + qty[0].length);
  if (!q || !/\d/.test(q.text)) return null;
  // 数量由20,000件减至15,000件 is a change told in a sentence, not an order line's quantity cell.
  if (!/^[\d约]/.test(q.text) || /改|减|增|调整|变更|→|->/.test(q.text)) return null;
  // 数量 12,000 个: the unit may follow the figure after a space.
  const unitAfter =
    /^\s+(件|个|支|米|吨|套|根|只|公斤|千克|kg|pcs|PCS|EA|ea|m|t)(?![A-Za-z\u4e00-\u9fff])/.exec(
      content.slice(q.end - line.start),
    );
  cells.set(
    'quantity',
    unitAfter
      ? cellAt(
          original,
          q.start,
          content.slice(q.start - line.start, q.end - line.start + unitAfter[0].length),
        )
      : q,
  );
  const price = PRICE_LABEL.exec(content.slice(qty.index));
  if (price) {
    const p = valueAt(qty.index + price.index + price[0].length);
    if (p && /\d/.test(p.text)) cells.set('unitPrice', p);
  }
  const taxIncluded = /不含税|未税|除税|不含增值税/.test(content)
    ? false
    : /含税|含\d{0,2}%?(?:增值)?税/.test(content)
      ? true
      : null;
  return { line, cells, taxIncluded };
}

/**
 * Order lines written as labelled fields, one item per line ("产品名称：轴承座；数量：460件；单价：23.50元"),
 * as intake writes spreadsheet and OCR table rows and as some ERP exports print them.
 */
function findLabelledRows(
  original: string,
  norm: string,
  lines: readonly Line[],
  taken: Set<number>,
): Table[] {
  const tables: Table[] = [];
  let run: TableRow[] = [];
  const close = () => {
    if (run.length === 0) return;
    const labels = run.map((r) => norm.slice(r.line.start, r.line.end)).join('\n');
    const after = norm.slice(run.at(-1)!.line.end, run.at(-1)!.line.end + 200);
    const taxIncluded = /(?:未税|不含税|除税)(?:单价|价格)/.test(labels)
      ? false
      : /含税(?:单价|价格)/.test(labels)
        ? true
        : /(?:单价|价格)?(?:不含税|未税)/.test(after)
          ? false
          : /含\d*%?(?:增值)?税/.test(after)
            ? true
            : null;
    const currency = /USD|美元|US\$/.test(labels) ? 'USD' : /EUR|欧元|€/.test(labels) ? 'EUR' : 'CNY';
    tables.push({ header: run[0]!.line, rows: run, taxIncluded, currency });
    run = [];
  };
  for (const line of lines) {
    if (taken.has(line.index)) {
      close();
      continue;
    }
    const cells = labelledCells(original, norm, line);
    const row = cells ? { line, cells } : numberedLineCells(original, norm, line);
    if (row) run.push(row);
    else close();
  }
  close();
  return tables;
}

export function findTables(original: string, norm: string, lines: readonly Line[]): Table[] {
  const tables = findSeparatedTables(original, norm, lines);
  const taken = new Set(tables.flatMap((t) => [t.header.index, ...t.rows.map((r) => r.line.index)]));
  return [...tables, ...findLabelledRows(original, norm, lines, taken)].sort(
    (a, b) => a.header.start - b.header.start,
  );
}

function findSeparatedTables(original: string, norm: string, lines: readonly Line[]): Table[] {
  const tables: Table[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i]!;
    const headerText = norm.slice(header.start, header.end);
    if (!/数量|qty|quantity/i.test(headerText)) continue;
    for (const sep of SEPARATORS) {
      // A single space also separates the words of an order line (1. 支架 数量 12,000 个 单价 34.20):
      // a header so split holds names only, at least four of them.
      if (sep === SINGLE_SPACE && /\d/.test(headerText)) continue;
      const headCells = splitCells(original, header, sep, norm);
      if (headCells.length < (sep === SINGLE_SPACE ? 4 : 3)) continue;
      const roles = headCells.map((c) => roleOf(norm.slice(c.start, c.end)));
      if (!roles.includes('quantity') || !(roles.includes('product') || roles.includes('model'))) continue;
      // "数量 12,000 个" holds a value: the line is an order line itself, not a row of column names.
      if (
        headCells.some((c, k) => (roles[k] === 'quantity' || roles[k] === 'unitPrice') && /\d/.test(c.text))
      )
        continue;
      const rows: TableRow[] = [];
      for (let j = i + 1; j < lines.length; j++) {
        const cells = splitCells(original, lines[j]!, sep, norm);
        if (cells.length !== headCells.length) break;
        const map = new Map<ColumnRole, TableCell>();
        cells.forEach((c, k) => {
          const role = roles[k]!;
          if (role !== 'other' && !map.has(role)) map.set(role, c);
        });
        rows.push({ line: lines[j]!, cells: map });
      }
      if (rows.length === 0) continue;
      const priceHeader = headCells[roles.indexOf('unitPrice')];
      const priceText = priceHeader ? norm.slice(priceHeader.start, priceHeader.end) : '';
      const after = norm.slice(rows.at(-1)!.line.end, rows.at(-1)!.line.end + 200);
      let taxIncluded: boolean | null = /未税|不含税|除税/.test(priceText)
        ? false
        : /含税/.test(priceText)
          ? true
          : null;
      if (taxIncluded === null)
        taxIncluded = /(?:单价|价格)?(?:不含税|未税)/.test(after)
          ? false
          : /含\d*%?(?:增值)?税/.test(after)
            ? true
            : null;
      const currency = /USD|美元/.test(priceText) ? 'USD' : /EUR|欧元/.test(priceText) ? 'EUR' : 'CNY';
      tables.push({ header, rows, taxIncluded, currency });
      i += rows.length;
      break;
    }
  }
  return tables;
}
