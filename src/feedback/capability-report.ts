// A stored capability evaluation as files to keep (客户需求识别能力评价表): an XLSX workbook and an
// A4 PDF with the same content — whom and which period it evaluates, each criterion with its weight,
// target, scores and gap, the evidence measures, the assessor's sub-item ratings and the findings.
// "未评价" is printed wherever a criterion or measure has nothing behind it, never a number.
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { findCjkFont } from '../contracts/record-files.js';
import type { MeasureResult } from './capability.js';
import type { EvaluationRecord } from './evaluation-repository.js';

const TITLE = '客户需求识别能力评价表';
const NOT_EVALUATED = '未评价';
const SUBJECT_KIND = { organisation: '全公司', team: '团队', person: '销售人员' } as const;
const BASIS = { evidence: '数据', assessor: '评价人打分', both: '数据 + 评价人打分' } as const;
const SEVERITY = { ok: '达标', minor: '轻微差距', major: '明显差距', not_evaluated: NOT_EVALUATED } as const;

const num = (v: number | null) => (v === null ? NOT_EVALUATED : String(v));
const signed = (v: number | null) => (v === null ? '' : v > 0 ? `+${v}` : String(v));

function measureValue(m: MeasureResult, v: number | null): string {
  if (v === null) return '无数据';
  return m.unit === '%' ? `${v}%` : m.unit === 'h' ? `${v} 小时` : m.unit === 'count' ? `${v} 项` : String(v);
}

interface Section {
  title: string;
  header: string[];
  rows: string[][];
  widths: number[];
}

function sections(e: EvaluationRecord): { heading: [string, string][]; parts: Section[] } {
  const heading: [string, string][] = [
    ['评价对象', `${SUBJECT_KIND[e.subject.kind]}：${e.subject.name}`],
    ['评价期间', `${e.from} ~ ${e.to}`],
    [
      '总评得分',
      e.score === null
        ? `不评总分（仅 ${e.evaluatedCount} 项已评价，至少需 ${e.minEvaluated} 项）`
        : String(e.score),
    ],
    ['等级', e.grade ?? '—'],
    ['已评价准则权重占比', `${e.coverage}%`],
    ['结论', e.summary.zh],
    ['评价人', e.evaluatorName ?? ''],
    ['评价时间', e.createdAt],
    ['备注', e.note ?? ''],
  ];
  const parts: Section[] = [
    {
      title: '一、评价准则',
      header: ['序号', '评价准则', '权重', '目标', '数据得分', '评价人得分', '得分', '差距', '依据'],
      widths: [0.06, 0.2, 0.08, 0.08, 0.1, 0.1, 0.1, 0.08, 0.2],
      rows: e.criteria.map((c) => [
        String(c.no),
        c.name.zh,
        `${c.weight}%`,
        String(c.target),
        num(c.evidenceScore),
        num(c.assessorScore),
        num(c.score),
        signed(c.gap),
        c.basis ? BASIS[c.basis] : NOT_EVALUATED,
      ]),
    },
    {
      title: '二、数据指标',
      header: ['评价准则', '指标', '实际值', '目标', '差距', '是否达标', '计算依据（分子/分母）'],
      widths: [0.14, 0.26, 0.12, 0.12, 0.1, 0.1, 0.16],
      rows: e.criteria.flatMap((c) =>
        c.measures.map((m) => [
          c.name.zh,
          m.name.zh,
          measureValue(m, m.value),
          `${m.direction === 'higher' ? '≥' : '≤'} ${measureValue(m, m.target)}`,
          signed(m.gap),
          m.met === null ? '无数据' : m.met ? '是' : '否',
          m.value === null ? '' : `${m.numerator}/${m.denominator}`,
        ]),
      ),
    },
    {
      title: '三、评价人打分（1–5 分）',
      header: ['评价准则', '子项', '评分'],
      widths: [0.3, 0.5, 0.2],
      rows: e.criteria.flatMap((c) =>
        c.subItems.map((s) => [c.name.zh, s.name.zh, s.rating === null ? '未打分' : String(s.rating)]),
      ),
    },
    {
      title: '四、评价发现与改进建议',
      header: ['评价准则', '结果', '说明', '改进建议'],
      widths: [0.14, 0.1, 0.46, 0.3],
      rows: e.findings.map((f) => [
        e.criteria.find((c) => c.key === f.criterion)?.name.zh ?? f.criterion,
        SEVERITY[f.severity],
        f.text.zh,
        f.suggestion?.zh ?? '',
      ]),
    },
  ];
  return { heading, parts };
}

export async function evaluationXlsx(e: EvaluationRecord): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('能力评价');
  sheet.columns = [
    { width: 18 },
    { width: 30 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
    { width: 22 },
    { width: 14 },
    { width: 10 },
    { width: 18 },
  ];
  sheet.addRow([TITLE]).font = { bold: true, size: 14 };
  const { heading, parts } = sections(e);
  for (const [k, v] of heading) sheet.addRow([k, v]);
  for (const p of parts) {
    sheet.addRow([]);
    sheet.addRow([p.title]).font = { bold: true };
    sheet.addRow(p.header).font = { bold: true };
    for (const r of p.rows) sheet.addRow(r);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const MARGIN = 40;
const PAD = 3;
const BODY = 8;

export async function evaluationPdf(e: EvaluationRecord): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN },
    info: { Title: `${TITLE} ${e.subject.name} ${e.from}~${e.to}`, Author: 'Shixu' },
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
  const bottom = () => doc.page.height - MARGIN;
  const row = (cells: string[], widths: number[], bold = false, header?: string[]) => {
    doc.fontSize(BODY);
    const ws = widths.map((w) => w * width);
    const h =
      Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: ws[i]! - 2 * PAD }))) + 2 * PAD;
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (header) row(header, widths, true);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      const w = ws[i]!;
      if (bold) doc.rect(x, y, w, h).fillAndStroke('#eeeeee', '#555555').fillColor('black');
      else doc.rect(x, y, w, h).lineWidth(0.5).stroke('#555555');
      doc.text(c, x + PAD, y + PAD, { width: w - 2 * PAD });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  doc.fontSize(14).text(TITLE, { align: 'center' });
  if (!font)
    doc
      .fontSize(BODY)
      .text('No CJK font installed: Chinese text cannot be rendered (install fonts-noto-cjk).');
  doc.moveDown(0.5);
  const { heading, parts } = sections(e);
  for (const [k, v] of heading) row([k, v], [0.25, 0.75]);
  for (const p of parts) {
    doc.moveDown(0.6).fontSize(11).text(p.title, MARGIN, doc.y, { width });
    doc.moveDown(0.2);
    row(p.header, p.widths, true);
    for (const r of p.rows) row(r, p.widths, false, p.header);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
