// Analysis on worker threads, so one process uses every core for bulk work (`shixu analyze --jsonl`,
// imports of many messages). analyze() is pure and CPU-bound: a thread per core gives nearly a core's
// worth of throughput each, while the main thread only reads input and writes results. Requests made
// in the same turn of the event loop go to a worker together, which analyses them as a batch
// (analyzeMany, faster per message than one at a time) and answers them in one reply.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalysisResult } from '../analysis/result.js';
import type { AnalysisReply, AnalysisRequest, RequestOptions, WorkerInit } from './protocol.js';

interface Waiting {
  resolve: (r: AnalysisResult) => void;
  reject: (e: Error) => void;
}

interface Queued extends Waiting {
  text: string;
  options: RequestOptions;
}

interface Pending {
  waiting: readonly Waiting[];
  worker: Slot;
}

/** Most messages sent to a worker in one batch (analyzeMany's chunk). */
const BATCH = 32;

interface Slot {
  worker: Worker;
  inFlight: number;
  dead: boolean;
}

// The build runs from dist/; tests and benchmarks run the sources, whose worker needs tsx (a dev
// dependency) to load TypeScript, whatever loader the parent used (vitest's does not reach threads).
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCES ? './analysis-worker.ts' : './analysis-worker.js', import.meta.url);

function spawnWorker(init: WorkerInit): Worker {
  if (!FROM_SOURCES) return new Worker(WORKER_URL, { workerData: init });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { eval: true, workerData: init });
}

export class AnalysisPoolError extends Error {}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private queue: Queued[] = [];
  private flushScheduled = false;

  /** size: worker threads (default: the cores this process may use). */
  constructor(
    private readonly init: WorkerInit,
    size = defaultPoolSize(),
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new AnalysisPoolError(`线程数须为正整数 / worker count must be a positive integer, got ${size}`);
    for (let i = 0; i < size; i++) this.slots.push(this.start(init));
  }

  get size(): number {
    return this.slots.length;
  }

  analyze(text: string, options: RequestOptions = {}): Promise<AnalysisResult> {
    if (this.closed)
      return Promise.reject(new AnalysisPoolError('分析线程池已关闭 / the analysis pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ text, options, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Sends what was queued, in batches spread over the workers (least busy first). */
  private flush(): void {
    this.flushScheduled = false;
    // Once closed, close() rejects what is still queued.
    if (this.closed) return;
    const queued = this.queue;
    this.queue = [];
    const per = Math.min(BATCH, Math.max(1, Math.ceil(queued.length / this.slots.length)));
    for (let from = 0; from < queued.length; from += per) {
      const batch = queued.slice(from, from + per);
      // The least busy worker; ties go to the first, so a light load stays on few threads.
      let slot = this.slots[0]!;
      for (const s of this.slots) if (s.inFlight < slot.inFlight) slot = s;
      const id = this.nextId++;
      const req: AnalysisRequest = {
        id,
        messages: batch.map((q) => ({ text: q.text, options: q.options })),
      };
      this.pending.set(id, { waiting: batch, worker: slot });
      if (slot.inFlight === 0) slot.worker.ref();
      slot.inFlight += batch.length;
      slot.worker.postMessage(req);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    const closedError = () => new AnalysisPoolError('分析线程池已关闭 / the analysis pool was closed');
    for (const q of this.queue) q.reject(closedError());
    this.queue = [];
    for (const p of this.pending.values()) for (const w of p.waiting) w.reject(closedError());
    this.pending.clear();
  }

  private start(init: WorkerInit): Slot {
    const worker = spawnWorker(init);
    // A worker with work keeps the process alive; an idle one must not keep a finished command open.
    worker.unref();
    const slot: Slot = { worker, inFlight: 0, dead: false };
    worker.on('message', (reply: AnalysisReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      slot.inFlight -= p.waiting.length;
      if (slot.inFlight === 0) worker.unref();
      p.waiting.forEach((w, i) => {
        const result = 'error' in reply ? undefined : reply.results[i];
        if (result !== undefined) w.resolve(result);
        else
          w.reject(
            new AnalysisPoolError(
              'error' in reply ? reply.error : '分析线程未给出结果 / no result from the worker',
            ),
          );
      });
    });
    worker.on('error', (err) => this.fail(slot, err));
    worker.on('exit', (code) => {
      if (!this.closed) this.fail(slot, new Error(`exit code ${code}`));
    });
    return slot;
  }

  /** A dead worker fails its own messages (never silently drops them) and is replaced. */
  private fail(slot: Slot, err: Error): void {
    if (slot.dead) return;
    slot.dead = true;
    for (const [id, p] of this.pending) {
      if (p.worker !== slot) continue;
      this.pending.delete(id);
      for (const w of p.waiting)
        w.reject(new AnalysisPoolError(`分析线程异常退出 / an analysis worker died: ${err.message}`));
    }
    slot.inFlight = 0;
    if (this.closed) return;
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots[at] = this.start(this.init);
  }
}

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}
