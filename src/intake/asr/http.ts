// Any OpenAI-compatible /v1/audio/transcriptions server (faster-whisper-server, FunASR, cloud ASR).
// Chunks are sent as WAV so every server can read them, whatever the customer's original format.
import { asrServiceFailed } from './asr-errors.js';
import type { ChunkRecognizer } from './chunked-engine.js';
import { type Pcm, pcmToWav } from './decode.js';

export interface HttpAsrOptions {
  url: string;
  key?: string;
  model?: string;
  language?: string;
  timeoutMs?: number;
}

/** Accepts a base URL (http://host:8000 or …/v1) or the full endpoint. */
export function transcriptionEndpoint(url: string): string {
  const u = url.replace(/\/+$/, '');
  if (u.endsWith('/audio/transcriptions')) return u;
  return u.endsWith('/v1') ? `${u}/audio/transcriptions` : `${u}/v1/audio/transcriptions`;
}

export class HttpRecognizer implements ChunkRecognizer {
  readonly name = 'http';
  readonly sampleRate = 16_000;
  private readonly endpoint: string;

  constructor(private readonly options: HttpAsrOptions) {
    this.endpoint = transcriptionEndpoint(options.url);
  }

  async recognize(chunk: Pcm): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([pcmToWav(chunk)], { type: 'audio/wav' }), 'chunk.wav');
    form.append('model', this.options.model ?? 'whisper-1');
    form.append('language', this.options.language ?? 'zh');
    form.append('response_format', 'json');
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        body: form,
        headers: this.options.key ? { authorization: `Bearer ${this.options.key}` } : {},
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 300_000),
      });
    } catch (err) {
      throw asrServiceFailed(this.endpoint, (err as Error).message);
    }
    const body = await res.text();
    if (!res.ok) throw asrServiceFailed(this.endpoint, `HTTP ${res.status} ${body.slice(0, 200)}`);
    try {
      const json = JSON.parse(body) as { text?: unknown };
      if (typeof json.text !== 'string') throw new Error('no "text" field');
      return json.text;
    } catch (err) {
      throw asrServiceFailed(this.endpoint, `invalid response: ${(err as Error).message}`);
    }
  }
}
