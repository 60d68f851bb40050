// Long recordings are cut where the speaker pauses, so engines get utterance-sized pieces (they degrade
// or run out of memory on long inputs) and every piece of text keeps its own start and end time.

export interface Chunk {
  startSample: number;
  endSample: number;
}

export interface SplitOptions {
  frameMs: number;
  /** A pause at least this long may end a chunk. */
  minSilenceMs: number;
  /** Chunks are cut at the longest pause before this length even when nobody stops talking. */
  maxChunkMs: number;
  /** Frames quieter than this fraction of the recording's loud frames count as silence. */
  silenceRatio: number;
}

export const defaultSplit: SplitOptions = {
  frameMs: 30,
  minSilenceMs: 400,
  maxChunkMs: 25_000,
  silenceRatio: 0.1,
};

function frameEnergies(samples: Int16Array, frame: number): Float64Array {
  const n = Math.ceil(samples.length / frame);
  const out = new Float64Array(n);
  for (let f = 0; f < n; f++) {
    let sum = 0;
    const end = Math.min(samples.length, (f + 1) * frame);
    for (let i = f * frame; i < end; i++) {
      const v = samples[i] ?? 0;
      sum += v * v;
    }
    out[f] = Math.sqrt(sum / Math.max(1, end - f * frame));
  }
  return out;
}

/** Speech chunks (sample ranges) of the recording; silent stretches are left out. */
export function splitOnSilence(samples: Int16Array, sampleRate: number, options = defaultSplit): Chunk[] {
  const frame = Math.max(1, Math.round((sampleRate * options.frameMs) / 1000));
  const energy = frameEnergies(samples, frame);
  if (energy.length === 0) return [];
  const sorted = [...energy].sort((a, b) => a - b);
  const loud = sorted[Math.floor(sorted.length * 0.9)] ?? 0;
  if (loud < 100) return []; // digital silence or near it
  const threshold = Math.max(50, loud * options.silenceRatio);
  const minSilence = Math.ceil(options.minSilenceMs / options.frameMs);
  const maxFrames = Math.floor(options.maxChunkMs / options.frameMs);
  const chunks: Chunk[] = [];
  let start = -1;
  let quiet = 0;
  const close = (endFrame: number) => {
    // keep a little of the pause on each side so word edges are not clipped
    const pad = 5;
    chunks.push({
      startSample: Math.max(0, (start - pad) * frame),
      endSample: Math.min(samples.length, (endFrame + pad) * frame),
    });
    start = -1;
  };
  for (let f = 0; f < energy.length; f++) {
    const speech = (energy[f] ?? 0) >= threshold;
    if (speech) {
      if (start < 0) start = f;
      quiet = 0;
    } else if (start >= 0) {
      quiet++;
      if (quiet >= minSilence) close(f - quiet + 1);
    }
    if (start >= 0 && f - start >= maxFrames) {
      // no pause long enough: cut at the quietest frame of the last third
      let cut = f;
      for (let g = f; g > start + (maxFrames * 2) / 3; g--)
        if ((energy[g] ?? 0) < (energy[cut] ?? 0)) cut = g;
      close(cut);
      start = cut;
      quiet = 0;
    }
  }
  if (start >= 0) close(energy.length);
  return chunks;
}
