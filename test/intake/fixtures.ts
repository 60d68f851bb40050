// Realistic intake files built in code, so tests own every byte and no customer file is needed.
import { deflateRawSync, deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipFileSpec {
  name: string;
  data: Uint8Array | string;
  /** Size written in the headers instead of the real one (to fake a zip bomb). */
  declaredSize?: number;
}

/** Minimal ZIP writer (deflate), enough for OOXML containers. */
export function zip(files: ZipFileSpec[]): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const data = typeof f.data === 'string' ? Buffer.from(f.data, 'utf8') : Buffer.from(f.data);
    const deflated = deflateRawSync(data);
    const name = Buffer.from(f.name, 'utf8');
    const size = f.declaredSize ?? data.length;
    const crc = crc32(data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(deflated.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    local.push(lh, name, deflated);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(deflated.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    central.push(ch, name);
    offset += 30 + name.length + deflated.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, cd, end]));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;

export function docx(body: { paragraphs: string[]; table?: string[][]; after?: string[] }): Uint8Array {
  const table = body.table
    ? `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${body.table
        .map(
          (row) =>
            `<w:tr>${row.map((c) => `<w:tc><w:tcPr><w:tcW w:w="1500" w:type="dxa"/></w:tcPr>${para(c)}</w:tc>`).join('')}</w:tr>`,
        )
        .join('')}</w:tbl>`
    : '';
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.paragraphs
    .map(para)
    .join('')}${table}${(body.after ?? []).map(para).join('')}<w:sectPr/></w:body></w:document>`;
  return zip([
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    { name: 'word/document.xml', data: document },
  ]);
}

export const orderDocx = () =>
  docx({
    paragraphs: [
      '凯途汽车零部件有限公司 采购订单',
      '订单号：PO-20260311-07',
      '请按下表供货，交货地点：苏州工厂二号门。',
    ],
    table: [
      ['序号', '品名', '图号', '数量', '单位', '含税单价', '交货日期'],
      ['1', '控制臂支架', 'HR-KZB-6082-02', '5000', '件', '62.00', '2026-04-15'],
      ['2', '转向节', 'HR-ZXJ-6061-11', '1200', '件', '148.50', '2026-04-30'],
    ],
    after: ['包装要求：每箱不超过 20 件，附出货检验报告。'],
  });

export async function orderXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('订单明细');
  ws.addRow(['采购订单 PO-2026-031']);
  ws.mergeCells('A1:F1');
  ws.addRow(['客户：凯途汽车', '', '', '', '', '']);
  ws.addRow(['产品', '型号', '订购数量', '单位', '未税单价', '交期', '备注']);
  ws.addRow(['控制臂支架', 'HR-KZB-6082-02', 5000, '件', 62, new Date(Date.UTC(2026, 3, 15)), '阳极氧化']);
  ws.addRow(['副车架连接件', 'HR-FCJ-7075-05', 800, '套', 215.5, new Date(Date.UTC(2026, 4, 20)), '']);
  ws.getColumn(5).numFmt = '0.00';
  ws.getCell('E4').numFmt = '0.00';
  ws.getCell('E5').numFmt = '0.00';
  ws.addRow([]);
  ws.addRow(['合计', '', { formula: 'C4+C5', result: 5800 }]);
  const notes = wb.addWorksheet('说明');
  notes.addRow(['需提供 PPAP 文件']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function pdfBytes(
  build: (doc: PDFKit.PDFDocument) => void,
  options: PDFKit.PDFDocumentOptions = {},
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ ...options, info: { CreationDate: new Date(Date.UTC(2026, 0, 1)) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    build(doc);
    doc.end();
  });
}

/** No CJK font exists on the build machine, so the PDF text is English and numbers. */
export const twoPagePdf = () =>
  pdfBytes((doc) => {
    doc.fontSize(14).text('Purchase Order PO-2026-031', 72, 72);
    doc.fontSize(11).text('Customer: Kaitu Auto Parts', 72, 100);
    doc.text('Item', 72, 140).text('Part No.', 200, 140).text('Qty', 360, 140).text('Unit price', 440, 140);
    doc
      .text('Control arm bracket', 72, 160)
      .text('HR-KZB-6082-02', 200, 160)
      .text('5000', 360, 160)
      .text('62.00', 440, 160);
    doc.addPage();
    doc.fontSize(11).text('Delivery: 2026-04-15 to Suzhou plant', 72, 72);
    doc.text('Surface: anodized, PPAP level 3 required', 72, 92);
  });

/** Two text pages around a page with no text (a scan stands in as a drawn rectangle). */
export const pdfWithBlankPage = () =>
  pdfBytes((doc) => {
    doc.text('First page text', 72, 72);
    doc.addPage();
    doc.rect(72, 72, 200, 100).fill('#888888');
    doc.addPage();
    doc.text('Third page text', 72, 72);
  });

export const encryptedPdf = () =>
  pdfBytes((doc) => doc.text('Confidential price list'), { userPassword: 'secret', ownerPassword: 'owner' });

export const manyPagePdf = (pages: number) =>
  pdfBytes((doc) => {
    for (let i = 1; i <= pages; i++) {
      if (i > 1) doc.addPage();
      doc.text(`Page ${i}`);
    }
  });

/** A real 2x2 PNG (signature, IHDR, IDAT, IEND) with valid CRCs. */
export function png(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  const raw = Buffer.from([0, 0, 255, 0, 255, 0]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

const b64 = (b: Uint8Array) =>
  (
    Buffer.from(b)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
const encodedWord = (s: string) => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

export interface EmlOptions {
  attachments?: { name: string; type: string; data: Uint8Array }[];
}

/** Customer reply with a new message above the quoted original, HTML + plain alternatives. */
export function orderEmail(options: EmlOptions = {}): Uint8Array {
  const attachments = options.attachments ?? [
    {
      name: '采购订单.docx',
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      data: orderDocx(),
    },
    { name: '图纸截图.png', type: 'image/png', data: png() },
  ];
  const plain = [
    '李经理，您好：',
    '',
    '控制臂支架 HR-KZB-6082-02 数量改为 6000 件，交期不变。',
    '详见附件订单。',
    '',
    '周婷',
    '',
    '-----原始邮件-----',
    '发件人: 李强 <liqiang@hengrui-al.com>',
    '发送时间: 2026年3月10日 16:20',
    '主题: 报价',
    '',
    '控制臂支架报价 62.00 元/件，最小起订量 3000 件。',
  ].join('\r\n');
  const html = `<html><body><div>李经理，您好：</div><p>控制臂支架 HR-KZB-6082-02 数量改为 <b>6000</b> 件，交期不变。</p>
<table border="1"><tr><th>物料</th><th>数量</th></tr><tr><td>控制臂支架</td><td>6000</td></tr></table>
<p>详见附件订单。</p><p>周婷</p>
<div>-----原始邮件-----</div><div>发件人: 李强 &lt;liqiang@hengrui-al.com&gt;</div><div>发送时间: 2026年3月10日 16:20</div>
<blockquote><p>控制臂支架报价 62.00 元/件，最小起订量 3000 件。</p></blockquote></body></html>`;
  const lines = [
    `From: ${encodedWord('周婷')} <zhouting@kaitu-auto.cn>`,
    'To: liqiang@hengrui-al.com',
    `Subject: ${encodedWord('回复：控制臂支架订单数量变更')}`,
    'Date: Wed, 11 Mar 2026 10:12:00 +0800',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="MIX"',
    '',
    '--MIX',
    'Content-Type: multipart/alternative; boundary="ALT"',
    '',
    '--ALT',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(Buffer.from(plain, 'utf8')),
    '--ALT',
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(Buffer.from(html, 'utf8')),
    '--ALT--',
  ];
  for (const a of attachments) {
    lines.push(
      '--MIX',
      `Content-Type: ${a.type}; name="${encodedWord(a.name)}"`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="${encodedWord(a.name)}"`,
      '',
      b64(a.data),
    );
  }
  lines.push('--MIX--', '');
  return new Uint8Array(Buffer.from(lines.join('\r\n'), 'utf8'));
}

/** Plain-text only mail whose reply quotes with "> " and "On … wrote:". */
export function plainReplyEmail(): Uint8Array {
  return new Uint8Array(
    Buffer.from(
      [
        'From: Anna Weber <anna@example.de>',
        'To: sales@hengrui-al.com',
        'Subject: RE: bracket quote',
        'Date: Tue, 10 Mar 2026 09:00:00 +0100',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'Please ship 2000 pcs by April 30.',
        '',
        'On Mon, 9 Mar 2026 at 15:00, Li Qiang <liqiang@hengrui-al.com> wrote:',
        '> Minimum order is 3000 pcs.',
        '',
      ].join('\r\n'),
      'utf8',
    ),
  );
}

export const utf16le = (s: string, bom = true) => {
  const body = Buffer.from(s, 'utf16le');
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body);
};
export const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
};

/**
 * A hand-written PDF whose Chinese text uses the predefined UniGB-UCS2-H CMap and the non-embedded
 * STSong-Light font, as many Chinese PDF generators do. One line per entry, one page per array.
 */
export function cjkPdf(pages: { x: number; y: number; text: string }[][]): Uint8Array {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 3 + i * 2);
  const fontId = 3 + pages.length * 2;
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  pages.forEach((lines, i) => {
    const pageId = pageIds[i]!;
    const ucs2 = (t: string) => Buffer.from(t, 'utf16le').swap16().toString('hex').toUpperCase();
    const content = lines.map((l) => `BT /F1 12 Tf ${l.x} ${l.y} Td <${ucs2(l.text)}> Tj ET`).join('\n');
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  });
  objects[fontId] =
    `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${fontId + 1} 0 R] >>`;
  objects[fontId + 1] =
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${fontId + 2} 0 R /DW 1000 >>`;
  objects[fontId + 2] =
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>';
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

export const chineseOrderPdf = () =>
  cjkPdf([
    [
      { x: 72, y: 760, text: '采购订单 CR-PO-2602-009' },
      { x: 72, y: 730, text: '物料' },
      { x: 200, y: 730, text: '型号' },
      { x: 400, y: 730, text: '数量' },
      { x: 72, y: 710, text: '电子水泵壳体' },
      { x: 200, y: 710, text: 'HR-SB-6061-08' },
      { x: 400, y: 710, text: '8000件' },
    ],
    [{ x: 72, y: 760, text: '交货：2026年3月16日前，送武汉市蔡甸区楚锐一厂' }],
  ]);
