// Zero-download fallback: Debian's pocketsphinx_continuous with a model directory laid out as
// <dir>/<acoustic model>/ (with mdef), <dir>/lm/*.lm.bin|*.lm|*.DMP and <dir>/lm/*.dic (or the same
// files directly in <dir>, as Debian's pocketsphinx-en-us has them, with a .dict dictionary).
// Weak on Mandarin (≈31 % CER with the small 2010 model); US English from Debian is usable.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { asrModelMissing } from './asr-errors.js';
import type { ChunkRecognizer } from './chunked-engine.js';
import { type Pcm, pcmToWav } from './decode.js';

const run = promisify(execFile);

export interface PocketsphinxModel {
  hmm: string;
  lm: string;
  dict: string;
  sampleRate: number;
}

/** Finds the acoustic model, language model and dictionary inside a model directory. */
export function findPocketsphinxModel(dir: string): PocketsphinxModel {
  if (!existsSync(dir)) throw asrModelMissing('pocketsphinx', dir);
  const entries = readdirSync(dir, { withFileTypes: true });
  const hmmDir = entries.find((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'mdef')));
  const lmDir = existsSync(path.join(dir, 'lm')) ? path.join(dir, 'lm') : dir;
  const lmFiles = readdirSync(lmDir);
  // A phone LM (en-us-phone.lm.bin) decodes phonemes, not words: only taken when nothing else is there.
  const lms = lmFiles.filter((f) => /\.(lm\.bin|lm|dmp)$/i.test(f));
  const lm = lms.find((f) => !/phone/i.test(f)) ?? lms[0];
  const dict = lmFiles.find((f) => /\.dict?$/.test(f));
  if (!hmmDir || !lm || !dict) throw asrModelMissing('pocketsphinx', dir);
  // The acoustic model's feat.params says which rate it was trained at (-samprate is not always there).
  const rate = /8k/i.test(hmmDir.name) ? 8000 : 16000;
  return {
    hmm: path.join(dir, hmmDir.name),
    lm: path.join(lmDir, lm),
    dict: path.join(lmDir, dict),
    sampleRate: rate,
  };
}

export class PocketsphinxRecognizer implements ChunkRecognizer {
  readonly name = 'pocketsphinx';
  readonly sampleRate: number;
  private readonly model: PocketsphinxModel;

  constructor(
    modelDir: string,
    private readonly binary = 'pocketsphinx_continuous',
  ) {
    this.model = findPocketsphinxModel(modelDir);
    this.sampleRate = this.model.sampleRate;
  }

  async recognize(chunk: Pcm): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'shixu-asr-'));
    try {
      const wav = path.join(dir, 'chunk.wav');
      await writeFile(wav, pcmToWav(chunk));
      const { hmm, lm, dict } = this.model;
      const args = [
        '-infile',
        wav,
        '-samprate',
        String(chunk.sampleRate),
        '-hmm',
        hmm,
        '-lm',
        lm,
        '-dict',
        dict,
      ];
      args.push('-logfn', '/dev/null');
      const { stdout } = await run(this.binary, args, { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
      return stdout;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw asrModelMissing('pocketsphinx', this.binary);
      throw err;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
