import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineConfigFromEnv } from '../../src/config/config.js';
import { asrNotConfigured } from '../../src/intake/asr/asr-errors.js';
import { ChunkedSpeechEngine } from '../../src/intake/asr/chunked-engine.js';
import { decodeToPcm } from '../../src/intake/asr/decode.js';
import { HttpRecognizer } from '../../src/intake/asr/http.js';
import { PocketsphinxRecognizer } from '../../src/intake/asr/pocketsphinx.js';
import { SherpaRecognizer } from '../../src/intake/asr/sherpa.js';
import { splitOnSilence } from '../../src/intake/asr/silence-split.js';
import { createEngines } from '../../src/intake/engines.js';
import { extractAudio } from '../../src/intake/extractors/media.js';
import { IntakeError } from '../../src/intake/intake-errors.js';

const fixtures = path.resolve('test/fixtures/asr');
const modelDir = path.join(fixtures, 'asr-zh-pocketsphinx');
const aishell = readFileSync(path.join(fixtures, 'asr-zh-sample-aishell/BAC009S0764W0121.wav'));
const TRANSCRIPT = '甚至出现交易几乎停滞的情况';

describe('audio decoding and splitting', () => {
  it('decodes the AISHELL wav to 16 kHz mono PCM of the right length', async () => {
    const pcm = await decodeToPcm(aishell);
    expect(pcm.sampleRate).toBe(16_000);
    expect(pcm.samples.length / 16_000).toBeGreaterThan(4);
    expect(pcm.samples.length / 16_000).toBeLessThan(4.5);
  });

  it('splits speech on a long pause and leaves silence out', () => {
    const rate = 8000;
    const tone = (n: number) => Int16Array.from({ length: n }, (_, i) => Math.round(8000 * Math.sin(i / 3)));
    const samples = new Int16Array(rate * 5);
    samples.set(tone(rate), 0); // 0-1 s speech
    samples.set(tone(rate), rate * 3); // 3-4 s speech
    const chunks = splitOnSilence(samples, rate);
    expect(chunks).toHaveLength(2);
    expect(chunks[0]?.endSample).toBeLessThan(rate * 1.5);
    expect(chunks[1]?.startSample).toBeGreaterThan(rate * 2.5);
  });

  it('rejects a corrupt recording with a clear corrupted error', async () => {
    const engine = new ChunkedSpeechEngine(new PocketsphinxRecognizer(modelDir));
    const junk = Buffer.concat([Buffer.from('RIFF\x00\x00\x00\x00WAVEfmt '), Buffer.alloc(200, 7)]);
    const err = await engine.transcribe(junk, 'audio/wav').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntakeError);
    expect((err as IntakeError).code).toBe('corrupted');
    expect((err as IntakeError).messageZh).toContain('录音');
  });
});

describe('pocketsphinx adapter (real engine, small Mandarin model)', () => {
  it('turns the AISHELL utterance into timed Chinese segments', async () => {
    const engine = new ChunkedSpeechEngine(new PocketsphinxRecognizer(modelDir));
    const { segments } = await engine.transcribe(aishell, 'audio/wav');
    expect(segments.length).toBeGreaterThan(0);
    const text = segments.map((s) => s.text).join('');
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/);
    // weak model (~31 % CER): at least a few characters of the transcript must come through
    const hits = [...TRANSCRIPT].filter((c) => text.includes(c)).length;
    expect(hits).toBeGreaterThanOrEqual(4);
    for (const s of segments) {
      expect(s.startMs).toBeGreaterThanOrEqual(0);
      expect(s.endMs).toBeGreaterThan(s.startMs);
      expect(s.endMs).toBeLessThanOrEqual(4300);
    }
  }, 60_000);

  it('gives the extracted text audio-time provenance', async () => {
    const engine = new ChunkedSpeechEngine(new PocketsphinxRecognizer(modelDir));
    const result = await extractAudio(aishell, 'audio/wav', { fileName: 'call.wav', speechEngine: engine });
    expect(result.text.trim().length).toBeGreaterThan(0);
    const seg = result.provenance[0];
    expect(seg?.source).toMatchObject({ kind: 'audio', file: 'call.wav' });
    expect(seg?.source.timeEndMs).toBeGreaterThan(0);
  }, 60_000);
});

describe('engine configuration', () => {
  it('without an engine, transcription fails telling how to configure one (in Chinese)', async () => {
    const engines = createEngines(engineConfigFromEnv({ SHIXU_OCR: 'off' }));
    expect(engines.image).toBeUndefined();
    expect(engines.speechProblem?.messageZh).toContain('SHIXU_ASR_ENGINE');
    const err = await engines.speech.transcribe(aishell, 'audio/wav').catch((e: unknown) => e);
    expect((err as IntakeError).messageZh).toBe(asrNotConfigured().messageZh);
    expect((err as IntakeError).messageZh).toMatch(/未配置语音转写引擎/);
  });

  it('rejects a misspelt engine name', () => {
    expect(() => engineConfigFromEnv({ SHIXU_ASR_ENGINE: 'whisperx' })).toThrow(/SHIXU_ASR_ENGINE/);
  });

  it('pocketsphinx from config transcribes', async () => {
    const engines = createEngines(
      engineConfigFromEnv({
        SHIXU_OCR: 'off',
        SHIXU_ASR_ENGINE: 'pocketsphinx',
        SHIXU_ASR_MODEL_DIR: modelDir,
      }),
    );
    expect(engines.speechProblem).toBeUndefined();
    const { segments } = await engines.speech.transcribe(aishell, 'audio/wav');
    expect(segments.length).toBeGreaterThan(0);
    await engines.close();
  }, 60_000);
});

describe('sherpa-onnx adapter', () => {
  it('a missing model directory is a clear error naming the directory', () => {
    const err = (() => {
      try {
        new SherpaRecognizer('/nonexistent/sense-voice');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(IntakeError);
    expect((err as IntakeError).messageZh).toContain('/nonexistent/sense-voice');
    expect((err as IntakeError).messageZh).toContain('shixu models pull asr');
  });

  it('a directory without tokens.txt is reported as incomplete', () => {
    expect(() => new SherpaRecognizer(modelDir)).toThrow(/tokens\.txt/);
  });

  it('the native module loads', async () => {
    const { createRequire } = await import('node:module');
    const sherpa = createRequire(import.meta.url)('sherpa-onnx-node') as { OfflineRecognizer: unknown };
    expect(typeof sherpa.OfflineRecognizer).toBe('function');
  });

  it.runIf(process.env.SHIXU_TEST_ASR_MODEL)(
    'transcribes the AISHELL utterance with a real model',
    async () => {
      const engine = new ChunkedSpeechEngine(new SherpaRecognizer(process.env.SHIXU_TEST_ASR_MODEL ?? ''));
      const { segments } = await engine.transcribe(aishell, 'audio/wav');
      const text = segments.map((s) => s.text).join('');
      const hits = [...TRANSCRIPT].filter((c) => text.includes(c)).length;
      expect(hits).toBeGreaterThanOrEqual(10);
    },
    120_000,
  );
});

describe('HTTP adapter (OpenAI-compatible server)', () => {
  const app = Fastify();
  const received: { auth?: string; bytes: number; model?: string }[] = [];
  app.addContentTypeParser(/^multipart\/form-data/, { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  app.post('/v1/audio/transcriptions', async (req, reply) => {
    const body = req.body as Buffer;
    const model = /name="model"\r\n\r\n([^\r]*)/.exec(body.toString('latin1'))?.[1];
    received.push({ auth: req.headers.authorization, bytes: body.length, ...(model ? { model } : {}) });
    if (req.headers.authorization !== 'Bearer k-123') return reply.code(401).send({ error: 'bad key' });
    return { text: '甚至出现交易几乎停滞的情况' };
  });
  let url = '';
  beforeAll(async () => {
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it('sends each chunk as WAV with the key and returns timed segments', async () => {
    const engine = new ChunkedSpeechEngine(new HttpRecognizer({ url, key: 'k-123', model: 'sensevoice' }));
    const { segments } = await engine.transcribe(aishell, 'audio/wav');
    expect(segments.map((s) => s.text).join('')).toContain('停滞');
    expect(segments[0]?.endMs).toBeGreaterThan(segments[0]?.startMs ?? 0);
    expect(received[0]?.auth).toBe('Bearer k-123');
    expect(received[0]?.model).toBe('sensevoice');
    expect(received[0]?.bytes).toBeGreaterThan(44);
  });

  it('a rejected key is a clear service error', async () => {
    const engine = new ChunkedSpeechEngine(new HttpRecognizer({ url, key: 'wrong' }));
    const err = await engine.transcribe(aishell, 'audio/wav').catch((e: unknown) => e);
    expect((err as IntakeError).messageZh).toContain('语音转写服务');
    expect((err as IntakeError).messageZh).toContain('401');
  });
});
