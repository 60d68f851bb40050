// OCR benchmark: generated order-sheet pages with known Chinese text at 150 and 300 dpi, clean and
// degraded (rotation ±2°, blur, noise, JPEG q40), read by the production engine (worker process,
// preprocessing, deskew). Prints CER, seconds per page and the worker's peak RSS; last line is JSON.
import { defaultPaddleOptions, PaddleOcrEngine } from '../src/intake/ocr/paddle-engine.js';
import { characterErrorRate, degrade, renderOrderSheet } from '../src/intake/ocr/synthetic-page.js';
import { boxesToRows } from '../src/intake/ocr/table-rows.js';

const PAGES = Number(process.env.BENCH_OCR_PAGES ?? 3);
const options = defaultPaddleOptions();
options.pool.workers = 1; // per-worker figures
const engine = new PaddleOcrEngine(options);

function cerOf(reference: string[], boxes: Awaited<ReturnType<PaddleOcrEngine['recognize']>>['boxes']) {
  const text = boxesToRows(boxes)
    .map((r) => r.map((c) => c.text).join(''))
    .join('');
  return {
    errors: characterErrorRate(reference.join(''), text) * reference.join('').replace(/\s+/g, '').length,
    chars: reference.join('').replace(/\s+/g, '').length,
  };
}

const totals = { clean: { e: 0, n: 0 }, degraded: { e: 0, n: 0 } };
const seconds: Record<number, number[]> = { 150: [], 300: [] };
// warm-up so model loading is not counted as page time
await engine.recognize((await renderOrderSheet(99, 75)).png, 'image/png');
for (const dpi of [150, 300]) {
  for (let i = 0; i < PAGES; i++) {
    const page = await renderOrderSheet(i + 1, dpi);
    for (const kind of ['clean', 'degraded'] as const) {
      const img = kind === 'clean' ? page.png : await degrade(page.png, i % 2 === 0 ? 2 : -2);
      const t = performance.now();
      const { boxes } = await engine.recognize(img, kind === 'clean' ? 'image/png' : 'image/jpeg');
      const s = (performance.now() - t) / 1000;
      seconds[dpi]?.push(s);
      const { errors, chars } = cerOf(page.lines, boxes);
      totals[kind].e += errors;
      totals[kind].n += chars;
      console.log(
        `${dpi} dpi  page ${i + 1}  ${kind.padEnd(8)}  CER ${((errors / chars) * 100).toFixed(2)} %  ${s.toFixed(2)} s`,
      );
    }
  }
}
await engine.close();
// Where the time went (all pages, warm-up included): parent-side normalising, then worker stages.
const stages = Object.entries(engine.stageMs)
  .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
  .join(', ');
console.log(
  `pages ${engine.stats.pages}, readings ${engine.stats.readings} (turned retries included); normalise ${(engine.stats.normaliseMs / 1000).toFixed(1)} s; worker: ${stages}`,
);
const avg = (xs: number[] = []) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
console.log(
  JSON.stringify({
    cer_clean: round(totals.clean.e / totals.clean.n, 4),
    cer_degraded: round(totals.degraded.e / totals.degraded.n, 4),
    seconds_per_page_150dpi: round(avg(seconds[150]), 2),
    seconds_per_page_300dpi: round(avg(seconds[300]), 2),
    peak_rss_mb: Math.round(engine.peakRssBytes / 1024 ** 2),
  }),
);
