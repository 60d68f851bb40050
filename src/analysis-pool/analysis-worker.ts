// A worker thread of the analysis pool: the pure analysis with the master data it was started with.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeMany } from '../analysis/analyze.js';
import type { AnalysisReply, AnalysisRequest, WorkerInit } from './protocol.js';

const { catalog, customers } = workerData as WorkerInit;

parentPort?.on('message', (req: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    const results = analyzeMany(
      req.messages.map((m) => ({ text: m.text, options: { ...m.options, catalog, customers } })),
    );
    reply = { id: req.id, results };
  } catch (err) {
    // analyze() is built not to throw; this keeps a bug in it from silently losing a message.
    reply = { id: req.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
