// Offline Mandarin ASR with sherpa-onnx (prebuilt sherpa-onnx-node) and a model directory the user
// provides: SenseVoice-Small (model.onnx / model.int8.onnx with "sense" in the directory name or a
// SHIXU_ASR_MODEL_KIND=sense-voice hint) or Paraformer-zh. The model loads once, lazily.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { asrModelMissing } from './asr-errors.js';
import type { ChunkRecognizer } from './chunked-engine.js';
import type { Pcm } from './decode.js';

interface SherpaStream {
  acceptWaveform(w: { samples: Float32Array; sampleRate: number }): void;
}
interface NativeRecognizer {
  createStream(): SherpaStream;
  decodeAsync(stream: SherpaStream): Promise<{ text: string }>;
}
interface SherpaModule {
  OfflineRecognizer: { createAsync(config: unknown): Promise<NativeRecognizer> };
}

export type SherpaModelKind = 'sense-voice' | 'paraformer';

export interface SherpaModelFiles {
  kind: SherpaModelKind;
  model: string;
  tokens: string;
}

/** Finds the model and tokens files; a missing or incomplete directory is a clear configuration error. */
export function findSherpaModel(dir: string, kind?: SherpaModelKind): SherpaModelFiles {
  if (!dir || !existsSync(dir))
    throw asrModelMissing('sherpa-onnx', dir || '(SHIXU_ASR_MODEL_DIR 未设置 / not set)');
  const files = readdirSync(dir);
  const model =
    ['model.int8.onnx', 'model.onnx'].find((f) => files.includes(f)) ??
    files.find((f) => f.endsWith('.onnx'));
  if (!model || !files.includes('tokens.txt'))
    throw asrModelMissing(
      'sherpa-onnx',
      `${dir}（缺少 model.onnx 或 tokens.txt / missing model.onnx or tokens.txt）`,
    );
  const guessed: SherpaModelKind = /paraformer/i.test(path.basename(dir)) ? 'paraformer' : 'sense-voice';
  return { kind: kind ?? guessed, model: path.join(dir, model), tokens: path.join(dir, 'tokens.txt') };
}

export class SherpaRecognizer implements ChunkRecognizer {
  readonly name = 'sherpa-onnx';
  readonly sampleRate = 16_000;
  readonly files: SherpaModelFiles;
  private recognizer: Promise<NativeRecognizer> | undefined;

  constructor(
    modelDir: string,
    kind?: SherpaModelKind,
    private readonly threads = 2,
  ) {
    this.files = findSherpaModel(modelDir, kind);
  }

  /** Loads the model (once); exposed so start-up checks can fail early instead of on the first upload. */
  load(): Promise<NativeRecognizer> {
    this.recognizer ??= (async () => {
      const sherpa = createRequire(import.meta.url)('sherpa-onnx-node') as SherpaModule;
      const { kind, model, tokens } = this.files;
      const modelConfig =
        kind === 'paraformer'
          ? { paraformer: { model }, tokens, numThreads: this.threads }
          : {
              senseVoice: { model, language: 'zh', useInverseTextNormalization: 1 },
              tokens,
              numThreads: this.threads,
            };
      try {
        return await sherpa.OfflineRecognizer.createAsync({
          featConfig: { sampleRate: 16_000, featureDim: 80 },
          modelConfig,
        });
      } catch (err) {
        throw asrModelMissing('sherpa-onnx', `${model}: ${(err as Error).message}`);
      }
    })();
    return this.recognizer;
  }

  async recognize(chunk: Pcm): Promise<string> {
    const recognizer = await this.load();
    const stream = recognizer.createStream();
    const samples = new Float32Array(chunk.samples.length);
    for (let i = 0; i < samples.length; i++) samples[i] = (chunk.samples[i] ?? 0) / 32768;
    stream.acceptWaveform({ samples, sampleRate: chunk.sampleRate });
    const result = await recognizer.decodeAsync(stream);
    return result.text;
  }
}
