// ImageTextEngine on PaddleOCR PP-OCRv4. Pages are normalised in this process (cheap, sharp) and
// recognised in recycled worker processes (expensive, onnxruntime). A page whose text reads poorly is
// tried once more turned by 180°, since the skew estimate cannot tell upright from upside down.
import { intakeErrors } from '../intake-errors.js';
import type { ImageTextEngine, OcrBox } from '../types.js';
import { defaultPreprocess, type PreparedImage, type PreprocessOptions, preparePage } from './preprocess.js';
import { defaultPoolOptions, OcrWorkerPool, type RawOcrLine, type WorkerPoolOptions } from './worker-pool.js';

export interface PaddleOcrOptions {
  preprocess: PreprocessOptions;
  pool: WorkerPoolOptions;
  /** Mean confidence under which the upside-down reading is tried too. */
  retryBelowConfidence: number;
}

export const defaultPaddleOptions = (): PaddleOcrOptions => ({
  preprocess: defaultPreprocess,
  pool: defaultPoolOptions(),
  retryBelowConfidence: 0.8,
});

function toBoxes(lines: RawOcrLine[], page: PreparedImage): OcrBox[] {
  const k = page.scaleToOriginal;
  return lines
    .filter((l) => l.text.trim() !== '' && l.box && l.box.length === 4)
    .map((l) => {
      const xs = (l.box ?? []).map((p) => p[0]);
      const ys = (l.box ?? []).map((p) => p[1]);
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      return {
        text: l.text.trim(),
        box: [
          Math.round(x * k),
          Math.round(y * k),
          Math.round((Math.max(...xs) - x) * k),
          Math.round((Math.max(...ys) - y) * k),
        ] as [number, number, number, number],
        confidence: Math.round(l.mean * 1000) / 1000,
      };
    });
}

/**
 * A box reads as a horizontal line when it is no taller than a couple of its characters are wide
 * (CJK glyphs are square). PaddleOCR merges the crops of a page lying on its side into a few huge boxes
 * and turns tall crops before reading them, so such a reading has confident text in boxes that fail this.
 */
function isFlatLine(b: OcrBox): boolean {
  const len = [...b.text.replace(/\s+/g, '')].length;
  return len < 3 || b.box[3] <= 2.5 * (b.box[2] / len);
}

/** Characters weighted by confidence, counted only in boxes that lie like text lines. */
function readingScore(boxes: OcrBox[]): number {
  return boxes.reduce((s, b) => s + (isFlatLine(b) ? b.text.length * (b.confidence ?? 0) : 0), 0);
}

function meanConfidence(boxes: OcrBox[]): number {
  const chars = boxes.reduce((s, b) => s + b.text.length, 0);
  return chars === 0 ? 0 : boxes.reduce((s, b) => s + b.text.length * (b.confidence ?? 0), 0) / chars;
}

/** Over a third of the text sits in boxes that do not lie like lines: the page is on its side. */
function isSideways(boxes: OcrBox[]): boolean {
  let upright = 0;
  let all = 0;
  for (const b of boxes) {
    all += b.text.length;
    if (isFlatLine(b)) upright += b.text.length;
  }
  return all > 0 && upright < (all * 2) / 3;
}

export class PaddleOcrEngine implements ImageTextEngine {
  private readonly pool: OcrWorkerPool;
  /** Pages asked for, readings made (a turned retry is a second reading) and time spent normalising. */
  readonly stats = { pages: 0, readings: 0, normaliseMs: 0 };

  constructor(private readonly options: PaddleOcrOptions = defaultPaddleOptions()) {
    this.pool = new OcrWorkerPool(options.pool);
  }

  get peakRssBytes(): number {
    return this.pool.peakRssBytes;
  }

  /** Worker time per stage (prepare, detect, boxes, recognize) summed over pages, and pages read. */
  get stageMs(): Record<string, number> {
    return this.pool.stageMs;
  }

  async recognize(image: Uint8Array, _mediaType: string): Promise<{ boxes: OcrBox[] }> {
    if (image.byteLength === 0) throw intakeErrors.empty();
    this.stats.pages++;
    const page = await this.prepare(image, 0);
    let boxes = toBoxes(await this.recognizePrepared(page), page);
    // A page on its side reads line by line but in the wrong order (see isFlatLine); an upside-down
    // page reads with low confidence.
    const sideways = isSideways(boxes);
    const turns = sideways
      ? [90, 270]
      : meanConfidence(boxes) < this.options.retryBelowConfidence
        ? [180]
        : [];
    let best = sideways ? -1 : readingScore(boxes);
    for (const turn of turns) {
      const turned = await this.prepare(image, turn);
      const other = toBoxes(await this.recognizePrepared(turned), turned);
      const score = readingScore(other);
      if (score > best) {
        boxes = other;
        best = score;
      }
    }
    return { boxes };
  }

  private async prepare(image: Uint8Array, turn: number): Promise<PreparedImage> {
    const t = performance.now();
    const page = await preparePage(image, this.options.preprocess, turn);
    this.stats.normaliseMs += performance.now() - t;
    return page;
  }

  private async recognizePrepared(page: PreparedImage): Promise<RawOcrLine[]> {
    this.stats.readings++;
    try {
      return await this.pool.run(page.png);
    } catch (err) {
      throw intakeErrors.corrupted('图片 image', `OCR: ${(err as Error).message}`);
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
