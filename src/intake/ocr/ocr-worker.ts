// Child process that owns one PaddleOCR (onnxruntime) instance. It is a separate process because
// onnxruntime's memory grows across pages and is only given back when the process ends; the parent
// recycles it. Protocol: the parent sends { id, png (base64) }, the worker answers { id, lines, rss }.
import { readFileSync } from 'node:fs';
import Ocr from '@gutenye/ocr-node';

interface Request {
  id: number;
  png: string;
}

interface RawLine {
  text: string;
  mean: number;
  box?: [number, number][];
}

/** Peak resident memory of this process (VmHWM), falling back to the current RSS off Linux. */
function peakRss(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {}
  return process.memoryUsage().rss;
}

let ocr: Awaited<ReturnType<typeof Ocr.create>> | undefined;

process.on('message', async (msg: Request) => {
  try {
    ocr ??= await Ocr.create();
    const lines = (await ocr.detect(Buffer.from(msg.png, 'base64'))) as RawLine[];
    process.send?.({ id: msg.id, lines, rss: peakRss() });
  } catch (err) {
    process.send?.({ id: msg.id, error: (err as Error).message, rss: peakRss() });
  }
});
process.send?.({ ready: true });
