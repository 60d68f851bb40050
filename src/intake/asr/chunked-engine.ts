// The SpeechEngine the extractors see: decode → split on silence → recognise each chunk with one of the
// adapters → segments with times relative to the whole recording.
import type { SpeechEngine, SpeechSegment } from '../types.js';
import { decodeToPcm, type Pcm } from './decode.js';
import { defaultSplit, type SplitOptions, splitOnSilence } from './silence-split.js';

/** One recogniser back end: text of one utterance-sized chunk. */
export interface ChunkRecognizer {
  readonly name: string;
  /** Sample rate the recogniser wants its PCM in. */
  readonly sampleRate: number;
  recognize(chunk: Pcm): Promise<string>;
  close?(): Promise<void>;
}

const CJK_GAP = /(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g;

/** Engines output words separated by spaces; Chinese is written without them. */
export function tidyTranscript(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(CJK_GAP, '');
}

export class ChunkedSpeechEngine implements SpeechEngine {
  constructor(
    readonly recognizer: ChunkRecognizer,
    private readonly options: { maxSeconds: number; split: SplitOptions } = {
      maxSeconds: 3 * 3600,
      split: defaultSplit,
    },
  ) {}

  async transcribe(audio: Uint8Array, _mediaType: string): Promise<{ segments: SpeechSegment[] }> {
    const pcm = await decodeToPcm(audio, this.recognizer.sampleRate, this.options.maxSeconds);
    const segments: SpeechSegment[] = [];
    const ms = (sample: number) => Math.round((sample * 1000) / pcm.sampleRate);
    for (const chunk of splitOnSilence(pcm.samples, pcm.sampleRate, this.options.split)) {
      const text = tidyTranscript(
        await this.recognizer.recognize({
          samples: pcm.samples.subarray(chunk.startSample, chunk.endSample),
          sampleRate: pcm.sampleRate,
        }),
      );
      if (text !== '') segments.push({ text, startMs: ms(chunk.startSample), endMs: ms(chunk.endSample) });
    }
    return { segments };
  }

  async close(): Promise<void> {
    await this.recognizer.close?.();
  }
}
