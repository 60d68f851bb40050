// Builds the OCR and speech engines from the environment, so the intake jobs, the API and the CLI all
// get the same engines. Settings (all optional):
//   SHIXU_OCR=on|off                      PaddleOCR for images and scanned PDF pages (default on)
//   SHIXU_OCR_WORKERS, SHIXU_OCR_PAGES_PER_WORKER, SHIXU_OCR_MAX_PIXELS
//   SHIXU_ASR_ENGINE=pocketsphinx|sherpa|http   (no default: an unconfigured engine explains itself)
//   SHIXU_ASR_MODEL_DIR                   model directory for sherpa or pocketsphinx
//   SHIXU_ASR_MODEL_KIND=sense-voice|paraformer (sherpa; guessed from the directory name otherwise)
//   SHIXU_ASR_URL, SHIXU_ASR_KEY, SHIXU_ASR_MODEL   OpenAI-compatible transcription server
//   SHIXU_ASR_MAX_SECONDS                 longest recording accepted (default 10800)
//   SHIXU_ASR_LANGUAGE=zh|en              spoken language (default zh); pocketsphinx with en and no
//                                         model directory uses Debian's pocketsphinx-en-us model

import { asrNotConfigured } from './asr/asr-errors.js';
import { ChunkedSpeechEngine, type ChunkRecognizer } from './asr/chunked-engine.js';
import { HttpRecognizer } from './asr/http.js';
import { PocketsphinxRecognizer } from './asr/pocketsphinx.js';
import { type SherpaModelKind, SherpaRecognizer } from './asr/sherpa.js';
import { defaultSplit } from './asr/silence-split.js';
import { IntakeError } from './intake-errors.js';
import { defaultPaddleOptions, PaddleOcrEngine } from './ocr/paddle-engine.js';
import type { ImageTextEngine, SpeechEngine } from './types.js';

export interface EngineConfig {
  ocr: { enabled: boolean; workers?: number; pagesPerWorker?: number; maxPixels?: number };
  asr:
    | { engine: 'none' }
    | { engine: 'pocketsphinx'; modelDir: string; maxSeconds: number; language: AsrLanguage }
    | { engine: 'sherpa'; modelDir: string; kind?: SherpaModelKind; maxSeconds: number }
    | {
        engine: 'http';
        url: string;
        key?: string;
        model?: string;
        maxSeconds: number;
        language: AsrLanguage;
      };
}

export type AsrLanguage = 'zh' | 'en';

/** Where Debian's pocketsphinx-en-us puts the US English model (acoustic model, LM, dictionary). */
export const DEBIAN_EN_US_MODEL = '/usr/share/pocketsphinx/model/en-us';

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} 必须是正整数 / must be a positive integer: ${v}`);
  return n;
}

/** Reads the engine settings; a misspelt engine name is an error, not a silent fallback. */
export function engineConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const ocrFlag = (env.SHIXU_OCR ?? 'on').toLowerCase();
  if (!['on', 'off', '1', '0', 'true', 'false'].includes(ocrFlag))
    throw new Error(`SHIXU_OCR 只能是 on 或 off / must be on or off: ${env.SHIXU_OCR}`);
  const ocr: EngineConfig['ocr'] = { enabled: ['on', '1', 'true'].includes(ocrFlag) };
  const workers = positiveInt(env, 'SHIXU_OCR_WORKERS');
  const pages = positiveInt(env, 'SHIXU_OCR_PAGES_PER_WORKER');
  const pixels = positiveInt(env, 'SHIXU_OCR_MAX_PIXELS');
  if (workers) ocr.workers = workers;
  if (pages) ocr.pagesPerWorker = pages;
  if (pixels) ocr.maxPixels = pixels;
  const maxSeconds = positiveInt(env, 'SHIXU_ASR_MAX_SECONDS') ?? 3 * 3600;
  const engine = (env.SHIXU_ASR_ENGINE ?? '').trim().toLowerCase();
  const language = (env.SHIXU_ASR_LANGUAGE ?? 'zh').trim().toLowerCase();
  if (language !== 'zh' && language !== 'en')
    throw new Error(`SHIXU_ASR_LANGUAGE 只能是 zh 或 en / must be zh or en: ${env.SHIXU_ASR_LANGUAGE}`);
  const modelDir = env.SHIXU_ASR_MODEL_DIR ?? '';
  switch (engine) {
    case '':
    case 'none':
      return { ocr, asr: { engine: 'none' } };
    case 'pocketsphinx':
      return {
        ocr,
        asr: {
          engine,
          modelDir: modelDir || (language === 'en' ? DEBIAN_EN_US_MODEL : ''),
          maxSeconds,
          language,
        },
      };
    case 'sherpa':
    case 'sherpa-onnx': {
      const kind = env.SHIXU_ASR_MODEL_KIND;
      if (kind !== undefined && kind !== 'sense-voice' && kind !== 'paraformer')
        throw new Error(
          `SHIXU_ASR_MODEL_KIND 只能是 sense-voice 或 paraformer / must be sense-voice or paraformer: ${kind}`,
        );
      return { ocr, asr: { engine: 'sherpa', modelDir, maxSeconds, ...(kind ? { kind } : {}) } };
    }
    case 'http': {
      if (!env.SHIXU_ASR_URL)
        throw new Error('SHIXU_ASR_ENGINE=http 需要 SHIXU_ASR_URL / requires SHIXU_ASR_URL');
      return {
        ocr,
        asr: {
          engine,
          url: env.SHIXU_ASR_URL,
          maxSeconds,
          language,
          ...(env.SHIXU_ASR_KEY ? { key: env.SHIXU_ASR_KEY } : {}),
          ...(env.SHIXU_ASR_MODEL ? { model: env.SHIXU_ASR_MODEL } : {}),
        },
      };
    }
    default:
      throw new Error(
        `SHIXU_ASR_ENGINE 只能是 pocketsphinx、sherpa 或 http / must be pocketsphinx, sherpa or http: ${env.SHIXU_ASR_ENGINE}`,
      );
  }
}

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

export function createEngines(config: EngineConfig = engineConfigFromEnv()): Engines {
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
