// Bulk analysis in this thread: the messages asked for in the same turn of the event loop are
// analysed together with analyzeMany, which is faster per message than one analyze() after another.
import { type AnalyzeOptions, analyzeMany } from '../analysis/analyze.js';
import type { AnalysisResult } from '../analysis/result.js';

interface Queued {
  text: string;
  options: AnalyzeOptions;
  resolve: (r: AnalysisResult) => void;
  reject: (e: unknown) => void;
}

/** An analyse function for streams of messages (`shixu analyze --jsonl` without worker threads). */
export function analyzeInBatches(): (text: string, options: AnalyzeOptions) => Promise<AnalysisResult> {
  let queue: Queued[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    let results: AnalysisResult[];
    try {
      results = analyzeMany(batch.map((q) => ({ text: q.text, options: q.options })));
    } catch (err) {
      // analyzeMany is built not to throw; should it, every message of the batch says so.
      for (const q of batch) q.reject(err);
      return;
    }
    batch.forEach((q, i) => {
      q.resolve(results[i]!);
    });
  };
  return (text, options) =>
    new Promise((resolve, reject) => {
      queue.push({ text, options, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
