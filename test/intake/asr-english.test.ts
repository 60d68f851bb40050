// The English speech path with nothing downloaded: Debian's flite speaks two order sentences with a
// pause between them, and pocketsphinx with Debian's pocketsphinx-en-us model (SHIXU_ASR_LANGUAGE=en)
// must write them down as two timed segments with a low word error rate.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEBIAN_EN_US_MODEL, engineConfigFromEnv } from '../../src/config/config.js';
import { decodeToPcm, pcmToWav } from '../../src/intake/asr/decode.js';
import { findPocketsphinxModel } from '../../src/intake/asr/pocketsphinx.js';
import { createEngines } from '../../src/intake/engines.js';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'shixu-asr-en-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SENTENCES = [
  'please send us the price for five hundred steel brackets',
  'and deliver them before the end of march',
];

/** Word-level edit distance over the reference length. */
function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = reference.toLowerCase().split(/\s+/).filter(Boolean);
  const hyp = hypothesis.toLowerCase().split(/\s+/).filter(Boolean);
  let prev = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const row = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const cost = ref[i - 1] === hyp[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return (prev[hyp.length] ?? 0) / ref.length;
}

/** Each sentence spoken by flite's 16 kHz voice, joined with 1.5 s of silence. */
async function spokenOrder(): Promise<Buffer> {
  const parts: Int16Array[] = [];
  for (const [i, sentence] of SENTENCES.entries()) {
    const wav = path.join(dir, `s${i}.wav`);
    await run('flite', ['-voice', 'kal16', '-t', sentence, '-o', wav]);
    const pcm = await decodeToPcm(readFileSync(wav), 16_000);
    if (i > 0) parts.push(new Int16Array(24_000));
    parts.push(pcm.samples);
  }
  const samples = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    samples.set(p, at);
    at += p.length;
  }
  return pcmToWav({ samples, sampleRate: 16_000 });
}

describe('English speech with pocketsphinx-en-us (real engine)', () => {
  it('finds the word model, not the phone model, in Debian’s layout', () => {
    const model = findPocketsphinxModel(DEBIAN_EN_US_MODEL);
    expect(path.basename(model.lm)).toBe('en-us.lm.bin');
    expect(path.basename(model.dict)).toBe('cmudict-en-us.dict');
    expect(model.sampleRate).toBe(16_000);
  });

  it('SHIXU_ASR_LANGUAGE=en transcribes a spoken order into timed segments', async () => {
    const config = engineConfigFromEnv({
      SHIXU_OCR: 'off',
      SHIXU_ASR_ENGINE: 'pocketsphinx',
      SHIXU_ASR_LANGUAGE: 'en',
    });
    expect(config.asr).toMatchObject({
      engine: 'pocketsphinx',
      modelDir: DEBIAN_EN_US_MODEL,
      language: 'en',
    });
    const engines = createEngines(config);
    try {
      expect(engines.speechProblem).toBeUndefined();
      const { segments } = await engines.speech.transcribe(await spokenOrder(), 'audio/wav');
      expect(segments).toHaveLength(2);
      const [first, second] = segments;
      expect(first?.startMs).toBeGreaterThanOrEqual(0);
      expect(first?.endMs).toBeGreaterThan(first?.startMs ?? 0);
      // the pause separates the sentences: the second starts after the first ends
      expect(second?.startMs).toBeGreaterThan((first?.endMs ?? 0) + 500);
      const text = segments.map((s) => s.text).join(' ');
      expect(text).toMatch(/^[a-z' ]+$/);
      expect(wordErrorRate(SENTENCES.join(' '), text)).toBeLessThanOrEqual(0.35);
    } finally {
      await engines.close();
    }
  }, 60_000);

  it('rejects a language it has no path for', () => {
    expect(() => engineConfigFromEnv({ SHIXU_ASR_ENGINE: 'pocketsphinx', SHIXU_ASR_LANGUAGE: 'fr' })).toThrow(
      /SHIXU_ASR_LANGUAGE/,
    );
  });
});
