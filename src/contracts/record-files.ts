// The contract review record (合同评审记录) as files an auditor can keep: an XLSX workbook (amounts
// and quantities as numbers, times as dates) and a printable A4 PDF with ruled tables, page numbers
// and a signature block. Both print the document record-layout.ts builds. The PDF embeds a CJK font
// from the system (Debian fonts-noto-cjk) so Chinese renders; without one it says so in the document
// rather than printing empty boxes silently.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import type { ReviewedOrder } from '../review/reviewed-order.js';
import type { ReviewConfig } from '../review/types.js';
import type { ReviewState } from '../review/workflow.js';
import type { Database } from '../store/schema.js';
import type { Classification } from './case-repository.js';
import { type Block, buildRecordDocument, type Cell, type RecordSource } from './record-layout.js';
import { localParts, localTime } from './review-labels.js';

export type { RecordSource };

/** The number, customer and everyone on file by name, for a case's record. */
export async function loadRecordSource(
  db: Kysely<Database>,
  contractId: string,
): Promise<Omit<RecordSource, 'number'> & { number: string }> {
  const c = await db
    .selectFrom('contracts')
    .select(['number', 'customer_name', 'classification'])
    .where('id', '=', contractId)
    .executeTakeFirstOrThrow();
  const classification = c.classification ? (JSON.parse(c.classification) as Classification) : null;
  const order = await db
    .selectFrom('contract_orders')
    .select('order_json')
    .where('contract_id', '=', contractId)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  const poNumber = order ? ((JSON.parse(order.order_json) as ReviewedOrder).poNumber ?? null) : null;
  // Every user, not only today's signers: an earlier round names people who may have left.
  const users = await db.selectFrom('users').select(['id', 'display_name', 'department']).execute();
  return {
    number: c.number,
    customer: c.customer_name,
    poNumber,
    analysedClassification: classification?.analysed ?? null,
    people: Object.fromEntries(users.map((u) => [u.id, { name: u.display_name, department: u.department }])),
  };
}

const grouped = (n: number, digits: number, min = digits) =>
  n.toLocaleString('en-US', { minimumFractionDigits: min, maximumFractionDigits: digits });

/** A cell as printed text: amounts with thousands separators, instants in the record's zone. */
export function cellText(cell: Cell, timeZone: string): string {
  if (typeof cell === 'string') return cell;
  if ('number' in cell) return cell.format === 'money' ? grouped(cell.number, 2) : grouped(cell.number, 3, 0);
  if ('instant' in cell) return localTime(cell.instant, timeZone);
  return cell.day;
}

// ---------------------------------------------------------------- XLSX

const XLSX_COLUMNS = 9;

/** Excel dates carry no zone: the wall-clock time of the record's zone is what the reader expects. */
function wallClock(iso: string, timeZone: string): Date {
  const p = localParts(iso, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
}

function setCell(cell: ExcelJS.Cell, value: Cell, timeZone: string): void {
  if (typeof value === 'string') {
    cell.value = value;
  } else if ('number' in value) {
    cell.value = value.number;
    cell.numFmt = value.format === 'money' ? '#,##0.00' : '#,##0.###';
  } else if ('instant' in value) {
    cell.value = wallClock(value.instant, timeZone);
    cell.numFmt = 'yyyy-mm-dd hh:mm';
  } else {
    const [y, m, d] = value.day.split('-').map(Number);
    if (y && m && d) {
      cell.value = new Date(Date.UTC(y, m - 1, d));
      cell.numFmt = 'yyyy-mm-dd';
    } else cell.value = value.day;
  }
  cell.alignment = { wrapText: true, vertical: 'top' };
}

export async function reviewRecordXlsx(
  source: RecordSource,
  state: ReviewState,
  now: Date,
  config: ReviewConfig,
): Promise<Buffer> {
  const doc = buildRecordDocument(source, state, now, config);
  const zone = doc.timeZone;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Shixu 识需';
  const ws = wb.addWorksheet('合同评审表', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: {
      oddHeader: `&L${doc.companyName}&C${doc.title}&R${doc.formNumber} ${doc.formRevision}`,
      oddFooter: '&C第 &P 页 / 共 &N 页  Page &P of &N',
    },
  });
  ws.columns = Array.from({ length: XLSX_COLUMNS }, (_, i) => ({ width: i === 1 ? 34 : 18 }));
  const line = (cells: Cell[], style: Partial<ExcelJS.Style> = {}) => {
    const row = ws.addRow([]);
    cells.forEach((c, i) => {
      setCell(row.getCell(i + 1), c, zone);
    });
    if (style.font) row.font = style.font;
    return row;
  };
  const merged = (text: string, font: Partial<ExcelJS.Font>) => {
    const row = line([text], { font });
    ws.mergeCells(row.number, 1, row.number, XLSX_COLUMNS);
  };
  merged(doc.companyName || '公司名称未设置 Company name not set', { bold: true, size: 14 });
  merged(doc.title, { bold: true, size: 13 });
  line([
    '表单编号 Form No.',
    doc.formNumber,
    '版本 Revision',
    doc.formRevision,
    '合同号 Contract number',
    doc.number,
    '打印时间 Printed',
    { instant: doc.printedAt },
  ]);
  for (const section of doc.sections) {
    ws.addRow([]);
    merged(section.title, { bold: true, size: 12 });
    for (const block of section.blocks) writeBlock(block, line, merged);
  }
  ws.addRow([]);
  merged('签字 Signatures', { bold: true, size: 12 });
  line(['职责 Role', '姓名 Name', '日期 Date', '签字 Signature'], { font: { bold: true } });
  for (const s of doc.signatures) line([s.role, s.name, s.at, '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeBlock(
  block: Block,
  line: (cells: Cell[], style?: Partial<ExcelJS.Style>) => ExcelJS.Row,
  merged: (text: string, font: Partial<ExcelJS.Font>) => void,
): void {
  switch (block.kind) {
    case 'fields':
      for (const [label, value] of block.rows) line([label, value]);
      return;
    case 'table':
      line(
        block.columns.map((c) => c.label),
        { font: { bold: true } },
      );
      for (const row of block.rows) line(row);
      return;
    case 'text':
      merged(block.text, {});
      return;
  }
}

// ---------------------------------------------------------------- PDF

const CJK_FONT_CANDIDATES = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
];

/**
 * The font the configuration names (`Config.cjkFont`, SHIXU_CJK_FONT). Set once at start by whoever
 * loaded the configuration (the server's buildApp, the CLI), so the record's callers need not carry
 * it with every review config.
 */
let configuredFont: string | null = null;

export function useCjkFont(fontPath: string | null): void {
  configuredFont = fontPath;
}

/** The CJK font the PDF embeds, or null when the machine has none. */
export function findCjkFont(): { path: string; family?: string } | null {
  if (configuredFont && fs.existsSync(configuredFont)) return { path: configuredFont };
  return CJK_FONT_CANDIDATES.find((c) => fs.existsSync(c.path)) ?? null;
}

const MARGIN = 40;
const FOOTER = 28;
const PAD = 3;
const BODY = 8;

export async function reviewRecordPdf(
  source: RecordSource,
  state: ReviewState,
  now: Date,
  config: ReviewConfig,
): Promise<Buffer> {
  const record = buildRecordDocument(source, state, now, config);
  const zone = record.timeZone;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER },
    bufferPages: true,
    info: { Title: `合同评审记录 ${record.number}`, Author: record.companyName || 'Shixu' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const font = findCjkFont();
  if (font) {
    doc.registerFont('cjk', font.path, font.family);
    doc.font('cjk');
  }
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - FOOTER;
  const text = (c: Cell) => cellText(c, zone);

  // Heading: whose form, which form, which contract.
  doc.fontSize(14).text(record.companyName || '公司名称未设置 Company name not set', { align: 'center' });
  doc.fontSize(13).text(record.title, { align: 'center' });
  doc
    .fontSize(BODY)
    .text(
      `表单编号 Form No. ${record.formNumber}    版本 Revision ${record.formRevision}    合同号 Contract number ${record.number}    打印时间 Printed ${localTime(record.printedAt, zone)}（${zone}）`,
      { align: 'center' },
    );
  if (!font)
    doc
      .fontSize(BODY)
      .text('No CJK font installed: Chinese text cannot be rendered (install fonts-noto-cjk).');

  /** One ruled row; starts a new page (repeating `header`) when it would not fit. */
  const row = (cells: string[], widths: number[], opts: { bold?: boolean; header?: string[] } = {}) => {
    doc.fontSize(BODY);
    const heights = cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * PAD }));
    const h = Math.max(...heights) + 2 * PAD;
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (opts.header) row(opts.header, widths, { bold: true });
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      if (opts.bold) doc.rect(x, y, w, h).fillAndStroke('#eeeeee', '#555555').fillColor('black');
      else doc.rect(x, y, w, h).lineWidth(0.5).stroke('#555555');
      doc.text(c, x + PAD, y + PAD, { width: w - 2 * PAD });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };

  const block = (b: Block) => {
    switch (b.kind) {
      case 'fields': {
        const widths = [width * 0.28, width * 0.72];
        for (const [label, value] of b.rows) row([label, text(value)], widths);
        break;
      }
      case 'table': {
        const units = b.columns.reduce((s, c) => s + c.width, 0);
        const widths = b.columns.map((c) => (c.width / units) * width);
        const header = b.columns.map((c) => c.label);
        // A header alone at the foot of a page says nothing: keep it with its first row.
        if (doc.y + 48 > bottom()) doc.addPage();
        row(header, widths, { bold: true });
        for (const r of b.rows) row(r.map(text), widths, { header });
        break;
      }
      case 'text':
        doc.fontSize(BODY).text(b.text, MARGIN, doc.y, { width });
        break;
    }
    doc.moveDown(0.4);
  };

  for (const section of record.sections) {
    if (doc.y + 40 > bottom()) doc.addPage();
    doc.moveDown(0.5).fontSize(11).text(section.title, MARGIN, doc.y, { width });
    doc.moveDown(0.2);
    for (const b of section.blocks) block(b);
  }

  // Signature block: names as recorded, and room for the hand signature on the printed copy.
  if (doc.y + 120 > bottom()) doc.addPage();
  doc.moveDown(0.8).fontSize(11).text('签字 Signatures', MARGIN, doc.y, { width });
  doc.moveDown(0.2);
  const sigWidths = [width * 0.36, width * 0.2, width * 0.18, width * 0.26];
  row(['职责 Role', '姓名 Name', '日期 Date', '签字 Signature'], sigWidths, { bold: true });
  for (const s of record.signatures) row([s.role, s.name, text(s.at), '\n\n'], sigWidths);

  // Page numbers once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const page = i - range.start + 1;
    // Writing below the bottom margin would start a new page; the footer lives in the margin.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(BODY)
      .text(
        `${record.formNumber} ${record.formRevision}    ${record.number}    第 ${page} 页 / 共 ${range.count} 页  Page ${page} of ${range.count}`,
        MARGIN,
        doc.page.height - MARGIN - FOOTER / 2,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = margin;
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
