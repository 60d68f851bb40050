// Builds the OCR and speech engines from the configuration's `engines` (read and validated with
// everything else in src/config/config.ts, which lists the SHIXU_OCR* / SHIXU_ASR_* variables), so the
// intake jobs, the API and the CLI all get the same engines.

import type { EngineConfig } from '../config/config.js';
import { asrNotConfigured } from './asr/asr-errors.js';
import { ChunkedSpeechEngine, type ChunkRecognizer } from './asr/chunked-engine.js';
import { HttpRecognizer } from './asr/http.js';
import { PocketsphinxRecognizer } from './asr/pocketsphinx.js';
import { SherpaRecognizer } from './asr/sherpa.js';
import { defaultSplit } from './asr/silence-split.js';
import { IntakeError } from './intake-errors.js';
import { defaultPaddleOptions, PaddleOcrEngine } from './ocr/paddle-engine.js';
import type { ImageTextEngine, SpeechEngine } from './types.js';

/** Stands in when no ASR engine is configured: every transcription fails with how to configure one. */
class UnconfiguredSpeechEngine implements SpeechEngine {
  async transcribe(): Promise<never> {
    throw asrNotConfigured();
  }
}

export interface Engines {
  image?: ImageTextEngine;
  speech: SpeechEngine;
  /** Set when speech cannot run, so callers can keep the upload as pending with this message. */
  speechProblem?: IntakeError;
  close(): Promise<void>;
}

export function createEngines(config: EngineConfig): Engines {
  let image: PaddleOcrEngine | undefined;
  if (config.ocr.enabled) {
    const options = defaultPaddleOptions();
    if (config.ocr.workers) options.pool.workers = config.ocr.workers;
    if (config.ocr.pagesPerWorker) options.pool.pagesPerWorker = config.ocr.pagesPerWorker;
    if (config.ocr.maxPixels) options.preprocess = { ...options.preprocess, maxPixels: config.ocr.maxPixels };
    image = new PaddleOcrEngine(options);
  }
  let recognizer: ChunkRecognizer | undefined;
  let speechProblem: IntakeError | undefined;
  const asr = config.asr;
  try {
    if (asr.engine === 'pocketsphinx') recognizer = new PocketsphinxRecognizer(asr.modelDir);
    else if (asr.engine === 'sherpa') recognizer = new SherpaRecognizer(asr.modelDir, asr.kind);
    else if (asr.engine === 'http')
      recognizer = new HttpRecognizer({
        url: asr.url,
        language: asr.language,
        ...(asr.key ? { key: asr.key } : {}),
        ...(asr.model ? { model: asr.model } : {}),
      });
    else speechProblem = asrNotConfigured();
  } catch (err) {
    if (!(err instanceof IntakeError)) throw err;
    speechProblem = err;
  }
  const chunked = recognizer
    ? new ChunkedSpeechEngine(recognizer, {
        maxSeconds: asr.engine === 'none' ? 3 * 3600 : asr.maxSeconds,
        split: defaultSplit,
      })
    : undefined;
  const problem = speechProblem;
  const speech: SpeechEngine =
    chunked ??
    (problem
      ? {
          transcribe: async () => {
            throw problem;
          },
        }
      : new UnconfiguredSpeechEngine());
  return {
    ...(image ? { image } : {}),
    speech,
    ...(problem ? { speechProblem: problem } : {}),
    close: async () => {
      await image?.close();
      await chunked?.close();
    },
  };
}
