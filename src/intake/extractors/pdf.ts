// PDF text layer, page by page, in reading order: text items are grouped into lines by their baseline
// and ordered left to right. Pages without any text (scans) are listed for the OCR step.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { intakeErrors } from '../intake-errors.js';
import { renderPdfPage } from '../ocr/pdf-render.js';
import { type SourceRef, TextBuilder } from '../provenance.js';
import type { ExtractionResult, ExtractMeta, IntakeLimits } from '../types.js';
import { appendOcrBoxes } from './media.js';

/** Scanned pages are rendered at the resolution PaddleOCR reads best at (see docs/ocr-asr.md). */
const SCAN_DPI = 150;

interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfJs> | undefined;
const loadPdfJs = () => {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
};

// Chinese PDFs often use the predefined Adobe-GB1 CMaps (UniGB-UCS2-H, GBK-EUC-H) without embedding
// them; pdf.js reads them from its package only when told where they are.
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const cMapUrl = `${join(pdfjsRoot, 'cmaps')}/`;
const standardFontDataUrl = `${join(pdfjsRoot, 'standard_fonts')}/`;

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/** Groups positioned items into lines (top to bottom) and joins each line's items left to right. */
export function itemsToLines(items: PositionedText[]): string[] {
  const sorted = items.filter((i) => i.str.trim().length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PositionedText[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    const ref = line?.[0];
    const tolerance = Math.max(2, 0.5 * Math.min(item.height || 10, ref?.height || 10));
    if (line && ref && Math.abs(ref.y - item.y) <= tolerance) line.push(item);
    else lines.push([item]);
  }
  return lines
    .map((line) => {
      line.sort((a, b) => a.x - b.x);
      let text = '';
      let prevEnd: number | undefined;
      for (const item of line) {
        if (prevEnd !== undefined && text.length > 0) {
          const gap = item.x - prevEnd;
          const size = item.height || 10;
          const bothCjk = CJK.test(text.slice(-1)) && CJK.test(item.str[0] ?? '');
          if (gap > size * 1.5) text += bothCjk ? '  ' : '   ';
          else if (gap > size * 0.15 && !bothCjk && !text.endsWith(' ') && !item.str.startsWith(' '))
            text += ' ';
        }
        text += item.str;
        prevEnd = item.x + item.width;
      }
      return text.replace(/\s+$/, '');
    })
    .filter((l) => l.trim() !== '');
}

const PDF_OPTIONS = {
  cMapUrl,
  cMapPacked: true,
  standardFontDataUrl,
  verbosity: 0,
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  stopAtErrors: false,
} as const;

/** The words for a PDF whose structure pdf.js cannot make out (garbage or a cut after the header). */
const UNREADABLE_STRUCTURE = {
  zh: '文件结构无法解析，可能是下载或传输中断，或并非真正的 PDF',
  en: 'its structure cannot be parsed: the download or transfer may have been cut off, or it is no real PDF',
};
const NO_READABLE_PAGE = {
  zh: '没有一页能打开',
  en: 'not one of its pages opens',
};

/**
 * A quick look at a PDF before it is taken in (upload-guard.ts): the document and each page's
 * description must open, without reading text or rendering, so garbage behind a "%PDF" header or a
 * file cut short is refused at the door instead of failing later in the worker. Pages not reached
 * within `timeoutMs` are left to the worker.
 */
export async function checkPdfStructure(bytes: Uint8Array, timeoutMs: number): Promise<void> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), ...PDF_OPTIONS });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    if ((err as { name?: string }).name === 'PasswordException') throw intakeErrors.passwordProtected('PDF');
    throw intakeErrors.corrupted('PDF', (err as Error).message ?? String(err), UNREADABLE_STRUCTURE);
  }
  try {
    const until = Date.now() + timeoutMs;
    let opened = 0;
    let failure = '';
    for (let n = 1; n <= pdf.numPages && Date.now() < until; n++) {
      try {
        (await pdf.getPage(n)).cleanup();
        opened++;
      } catch (err) {
        failure ||= `page ${n}: ${(err as Error).message}`;
      }
      // One page that opens is enough to be worth the worker's time; the rest it reports itself.
      if (opened > 0) return;
    }
    if (opened === 0 && failure) throw intakeErrors.corrupted('PDF', failure, NO_READABLE_PAGE);
  } finally {
    await pdf.destroy().catch(() => {});
  }
}

export async function extractPdf(
  bytes: Uint8Array,
  meta: ExtractMeta,
  limits: IntakeLimits,
): Promise<ExtractionResult> {
  const pdfjs = await loadPdfJs();
  // pdf.js takes ownership of (and detaches) the buffer it is given.
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), ...PDF_OPTIONS });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    if ((err as { name?: string }).name === 'PasswordException') throw intakeErrors.passwordProtected('PDF');
    throw intakeErrors.corrupted('PDF', (err as Error).message ?? String(err), UNREADABLE_STRUCTURE);
  }
  try {
    if (pdf.numPages > limits.maxPages) throw intakeErrors.oversized('pages', pdf.numPages, limits.maxPages);
    const out = new TextBuilder();
    const base: SourceRef = { kind: 'page' };
    if (meta.fileName) base.file = meta.fileName;
    const needsOcr: number[] = [];
    const warnings: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      let lines: string[];
      try {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        const items: PositionedText[] = [];
        for (const it of content.items) {
          if (!('str' in it)) continue;
          items.push({
            str: it.str,
            x: it.transform[4],
            y: it.transform[5],
            width: it.width,
            height: it.height,
          });
        }
        lines = itemsToLines(items);
        page.cleanup();
      } catch (err) {
        warnings.push(`第 ${n} 页无法读取 / page ${n} could not be read: ${(err as Error).message}`);
        lines = [];
      }
      if (lines.length === 0) {
        if (meta.imageEngine) {
          // A scanned page: render it and read it; failure of one page must not lose the others.
          try {
            const png = await renderPdfPage(bytes, n, SCAN_DPI);
            const { boxes } = await meta.imageEngine.recognize(png, 'image/png');
            if (boxes.length > 0) {
              const pageStart = out.offset;
              warnings.push(...appendOcrBoxes(out, boxes, meta.fileName, n));
              out.cover(pageStart, { ...base, page: n });
              out.plain('\n');
              await meta.onProgress?.(n, pdf.numPages);
              continue;
            }
          } catch (err) {
            warnings.push(`第 ${n} 页文字识别失败 / OCR of page ${n} failed: ${(err as Error).message}`);
          }
        }
        needsOcr.push(n);
        await meta.onProgress?.(n, pdf.numPages);
        continue;
      }
      const pageStart = out.offset;
      lines.forEach((line, i) => {
        out.add(line, { ...base, kind: 'line', page: n, line: i + 1 }).plain('\n');
      });
      out.cover(pageStart, { ...base, page: n });
      out.plain('\n');
      await meta.onProgress?.(n, pdf.numPages);
    }
    const { text, provenance } = out.build();
    const result: ExtractionResult = {
      text,
      provenance,
      mediaType: 'application/pdf',
      warnings,
      pageCount: pdf.numPages,
      needsOcrPages: needsOcr,
    };
    if (needsOcr.length > 0) {
      warnings.push(
        `第 ${needsOcr.join('、')} 页没有文字层，需要 OCR / pages ${needsOcr.join(', ')} have no text layer and need OCR`,
      );
      result.pending = [
        {
          kind: 'ocr',
          mediaType: 'application/pdf',
          pages: needsOcr,
          ...(meta.fileName ? { file: meta.fileName } : {}),
          messageZh: `PDF 第 ${needsOcr.join('、')} 页是图片，需要文字识别（OCR）`,
          messageEn: `PDF pages ${needsOcr.join(', ')} are images and need OCR`,
        },
      ];
    }
    return result;
  } finally {
    await pdf.destroy().catch(() => {});
  }
}
