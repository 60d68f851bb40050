// Synthetic order-sheet pages with known text, for the OCR benchmark and tests: rendered from SVG by
// sharp (librsvg) with the machine's CJK font (Noto Sans CJK SC from Debian fonts-noto-cjk).
import sharp from 'sharp';

export interface SyntheticPage {
  png: Buffer;
  /** Text lines as printed, top to bottom; table rows have their cells joined by two spaces. */
  lines: string[];
  /** Table rows as printed (cells), for checking rebuilt rows. */
  table: string[][];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** An A4 order sheet at `dpi`: a header block, a product table and terms. */
export function orderSheetLines(seed: number): { header: string[]; table: string[][]; terms: string[] } {
  const products = ['轴承座', '法兰盘', '齿轮轴', '密封圈', '连接支架', '导向套', '不锈钢螺栓', '铝合金外壳'];
  const materials = ['45号钢', '304不锈钢', '6061铝', '丁腈橡胶', 'QT450'];
  const table: string[][] = [['序号', '产品名称', '材质', '数量', '单价']];
  for (let i = 0; i < 5; i++) {
    const p = products[(seed + i * 3) % products.length] ?? '';
    const m = materials[(seed + i) % materials.length] ?? '';
    table.push([
      String(i + 1),
      p,
      m,
      `${((seed * 37 + i * 120) % 900) + 100}件`,
      `${((seed * 13 + i * 7) % 90) + 10}.50元`,
    ]);
  }
  return {
    header: [
      `采购订单  编号：PO-2026-${String(1000 + seed)}`,
      '客户：苏州恒达精密机械有限公司',
      `下单日期：2026年11月${(seed % 27) + 1}日`,
    ],
    table,
    terms: [
      `交货期：收到订单后${(seed % 4) + 3}周内交货`,
      '质量要求：按图纸公差，提供材质证明和出厂检验报告',
      '付款方式：月结30天，含13%增值税',
    ],
  };
}

export async function renderOrderSheet(seed: number, dpi: number): Promise<SyntheticPage> {
  const { header, table, terms } = orderSheetLines(seed);
  const k = dpi / 150;
  const width = Math.round(1240 * k);
  const height = Math.round(1754 * k);
  const font = Math.round(30 * k);
  const step = Math.round(64 * k);
  const left = Math.round(110 * k);
  const colX = [0, 110, 400, 680, 880].map((x) => left + Math.round(x * k));
  const parts: string[] = [];
  let y = Math.round(160 * k);
  const text = (x: number, s: string) =>
    parts.push(
      `<text x="${x}" y="${y}" font-family="Noto Sans CJK SC" font-size="${font}" fill="#111">${esc(s)}</text>`,
    );
  for (const h of header) {
    text(left, h);
    y += step;
  }
  y += step / 2;
  for (const row of table) {
    row.forEach((cell, i) => {
      text(colX[i] ?? left, cell);
    });
    y += step;
  }
  y += step / 2;
  for (const t of terms) {
    text(left, t);
    y += step;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
  const png = await sharp(Buffer.from(svg), { density: 72 }).png().toBuffer();
  return { png, lines: [...header, ...table.map((r) => r.join('  ')), ...terms], table };
}

/** Phone-photo damage: slight rotation, blur, noise and heavy JPEG compression. */
export async function degrade(png: Buffer, rotateDeg: number): Promise<Buffer> {
  const base = sharp(png).rotate(rotateDeg, { background: '#fff' }).blur(1.1).grayscale();
  const { data, info } = await base.raw().toBuffer({ resolveWithObject: true });
  let state = 12345;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const noise = (state / 0x7fffffff - 0.5) * 40;
    data[i] = Math.max(0, Math.min(255, (data[i] ?? 0) + noise));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality: 40 })
    .toBuffer();
}

/** Character error rate: edit distance over the reference length, whitespace ignored. */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const a = [...reference.replace(/\s+/g, '')];
  const b = [...hypothesis.replace(/\s+/g, '')];
  if (a.length === 0) return b.length === 0 ? 0 : 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return (prev[b.length] ?? 0) / a.length;
}
