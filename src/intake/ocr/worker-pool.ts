// Runs OCR in child processes, at most one per core, each recycled after a number of pages or once its
// memory passes a limit, so a 40-page scan cannot grow one process without bound.
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

export interface RawOcrLine {
  text: string;
  mean: number;
  box?: [number, number][];
}

/** Milliseconds per stage inside the worker, summed over pages (see paddle-onnx.ts). */
export type StageTotals = Record<string, number>;

export interface WorkerPoolOptions {
  workers: number;
  pagesPerWorker: number;
  maxRssBytes: number;
  pageTimeoutMs: number;
}

export const defaultPoolOptions = (): WorkerPoolOptions => ({
  workers: Math.max(1, Math.min(2, availableParallelism())),
  pagesPerWorker: 25,
  maxRssBytes: 1.2 * 1024 ** 3,
  pageTimeoutMs: 120_000,
});

function workerEntry(): { file: string; execArgv: string[] } {
  const js = fileURLToPath(new URL('./ocr-worker.js', import.meta.url));
  if (existsSync(js)) return { file: js, execArgv: [] };
  // Running from sources (tests, tsx scripts): the worker is TypeScript too.
  return { file: fileURLToPath(new URL('./ocr-worker.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
}

interface Slot {
  child: ChildProcess;
  pages: number;
  busy: boolean;
}

export class OcrWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private nextId = 1;
  /** Highest resident memory any worker reported, for benchmarks and logs. */
  peakRssBytes = 0;
  /** Time the workers spent per stage, summed over every page read, for the benchmark. */
  readonly stageMs: StageTotals = {};

  constructor(private readonly options: WorkerPoolOptions = defaultPoolOptions()) {}

  private spawn(): Slot {
    const { file, execArgv } = workerEntry();
    // Workers share the cores; more onnxruntime threads than that only contend with each other.
    const threads = Math.max(1, Math.floor(availableParallelism() / this.options.workers));
    const child = fork(file, [], {
      execArgv,
      env: { ...process.env, SHIXU_OCR_THREADS: String(threads) },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    child.stderr?.resume();
    const slot: Slot = { child, pages: 0, busy: false };
    child.on('exit', () => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
    });
    this.slots.push(slot);
    return slot;
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      const idle = this.slots.find((s) => !s.busy && s.child.connected);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (this.slots.length < this.options.workers) {
        const slot = this.spawn();
        slot.busy = true;
        return slot;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(slot: Slot, rss: number): void {
    slot.busy = false;
    slot.pages++;
    if (slot.pages >= this.options.pagesPerWorker || rss > this.options.maxRssBytes) slot.child.kill();
    this.waiting.shift()?.();
  }

  async run(png: Buffer): Promise<RawOcrLine[]> {
    const slot = await this.acquire();
    const id = this.nextId++;
    return new Promise<RawOcrLine[]>((resolve, reject) => {
      let rss = 0;
      const done = (err: Error | undefined, lines?: RawOcrLine[]) => {
        clearTimeout(timer);
        slot.child.off('message', onMessage);
        slot.child.off('exit', onExit);
        if (err) slot.child.kill();
        this.release(slot, rss);
        if (err) reject(err);
        else resolve(lines ?? []);
      };
      const onMessage = (msg: {
        id?: number;
        lines?: RawOcrLine[];
        error?: string;
        rss?: number;
        times?: StageTotals;
      }) => {
        if (msg.id !== id) return;
        rss = msg.rss ?? 0;
        for (const [stage, ms] of Object.entries(msg.times ?? {}))
          this.stageMs[stage] = (this.stageMs[stage] ?? 0) + ms;
        this.peakRssBytes = Math.max(this.peakRssBytes, rss);
        done(msg.error ? new Error(msg.error) : undefined, msg.lines);
      };
      const onExit = (code: number | null) => done(new Error(`OCR worker exited (${code})`));
      const timer = setTimeout(() => done(new Error('OCR timed out')), this.options.pageTimeoutMs);
      slot.child.on('message', onMessage);
      slot.child.on('exit', onExit);
      slot.child.send({ id, png: png.toString('base64') });
    });
  }

  async close(): Promise<void> {
    for (const slot of [...this.slots]) slot.child.kill();
    this.slots.length = 0;
  }
}
