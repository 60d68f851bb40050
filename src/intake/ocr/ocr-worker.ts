// Child process that owns one PaddleOCR (onnxruntime) instance. It is a separate process because
// onnxruntime's memory grows across pages and is only given back when the process ends; the parent
// recycles it. Protocol: the parent sends { id, png (base64) }, the worker answers
// { id, lines, rss, times }. SHIXU_OCR_THREADS (set by the pool) is its share of the cores.
import { readFileSync } from 'node:fs';
import { defaultOnnxOptions, PaddleOnnx } from './paddle-onnx.js';

interface Request {
  id: number;
  png: string;
}

/** Peak resident memory of this process (VmHWM), falling back to the current RSS off Linux. */
function peakRss(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {}
  return process.memoryUsage().rss;
}

let ocr: Promise<PaddleOnnx> | undefined;

function engine(): Promise<PaddleOnnx> {
  const options = defaultOnnxOptions();
  const threads = Number(process.env.SHIXU_OCR_THREADS);
  if (Number.isInteger(threads) && threads > 0) options.threads = threads;
  ocr ??= PaddleOnnx.create(options);
  return ocr;
}

process.on('message', async (msg: Request) => {
  try {
    const paddle = await engine();
    const lines = await paddle.recognize(Buffer.from(msg.png, 'base64'));
    process.send?.({ id: msg.id, lines, rss: peakRss(), times: paddle.lastTimes });
  } catch (err) {
    process.send?.({ id: msg.id, error: (err as Error).message, rss: peakRss() });
  }
});
process.send?.({ ready: true });
