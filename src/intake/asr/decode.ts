// Any recording (.wav/.mp3/.m4a/.amr/.ogg/.webm, voice notes from WeChat or a browser) is decoded by
// Debian's ffmpeg to 16-bit mono PCM at one sample rate, so every engine sees the same input.
import { spawn } from 'node:child_process';
import { intakeErrors } from '../intake-errors.js';

export interface Pcm {
  samples: Int16Array;
  sampleRate: number;
}

export async function decodeToPcm(
  audio: Uint8Array,
  sampleRate = 16_000,
  maxSeconds = 3 * 3600,
): Promise<Pcm> {
  if (audio.byteLength === 0) throw intakeErrors.empty();
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', 'pipe:0', '-vn'];
  args.push('-t', String(maxSeconds + 1), '-ac', '1', '-ar', String(sampleRate), '-f', 's16le', 'pipe:1');
  const chunks: Buffer[] = [];
  let stderr = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        reject(
          intakeErrors.unsupported(
            '录音 audio',
            '需要安装 ffmpeg：apt-get install ffmpeg。',
            'Install ffmpeg to decode recordings.',
          ),
        );
      } else reject(err);
    });
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    // ffmpeg stops reading when the input is garbage; a closed pipe is then expected, not an error.
    child.stdin.on('error', () => {});
    child.stdin.end(Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength));
    child.on('close', resolve);
  });
  const data = Buffer.concat(chunks);
  if (code !== 0 || data.length < 2) {
    throw intakeErrors.corrupted('录音 audio', stderr.trim() || `ffmpeg exit ${code}`);
  }
  const samples = new Int16Array(data.buffer, data.byteOffset, Math.floor(data.length / 2)).slice();
  if (samples.length / sampleRate > maxSeconds) {
    throw intakeErrors.oversized('audioSeconds', Math.round(samples.length / sampleRate), maxSeconds);
  }
  return { samples, sampleRate };
}

/** Wraps PCM in a WAV header (for engines and servers that read files). */
export function pcmToWav({ samples, sampleRate }: Pcm): Buffer {
  const header = Buffer.alloc(44);
  const dataBytes = samples.length * 2;
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, dataBytes)]);
}
