// Messages that tell the user exactly which setting to change; the upload itself is kept by the caller.
import { IntakeError } from '../intake-errors.js';

const HOW_TO_ZH =
  '请设置 SHIXU_ASR_ENGINE：sherpa（并设置 SHIXU_ASR_MODEL_DIR 指向 SenseVoice 或 Paraformer 模型目录，可用 `shixu models pull asr` 下载）、http（并设置 SHIXU_ASR_URL，及需要时的 SHIXU_ASR_KEY，指向 OpenAI 兼容的 /v1/audio/transcriptions 服务）或 pocketsphinx（并设置 SHIXU_ASR_MODEL_DIR）。录音已保存，配置后可重新处理。';
const HOW_TO_EN =
  'Set SHIXU_ASR_ENGINE to sherpa (with SHIXU_ASR_MODEL_DIR pointing to a SenseVoice or Paraformer model; `shixu models pull asr` downloads one), http (with SHIXU_ASR_URL and, if needed, SHIXU_ASR_KEY for an OpenAI-compatible /v1/audio/transcriptions server) or pocketsphinx (with SHIXU_ASR_MODEL_DIR). The recording is kept and can be processed again once configured.';

export function asrNotConfigured(): IntakeError {
  return new IntakeError({
    code: 'unsupported',
    messageZh: `未配置语音转写引擎，无法把录音转成文字。${HOW_TO_ZH}`,
    messageEn: `No speech-to-text engine is configured. ${HOW_TO_EN}`,
    detail: { setting: 'SHIXU_ASR_ENGINE' },
  });
}

export function asrModelMissing(engine: string, where: string): IntakeError {
  return new IntakeError({
    code: 'unsupported',
    messageZh: `语音转写引擎 ${engine} 的模型或程序不存在或不完整：${where}。${HOW_TO_ZH}`,
    messageEn: `The ${engine} speech-to-text model or program is missing or incomplete: ${where}. ${HOW_TO_EN}`,
    detail: { engine, where },
  });
}

export function asrServiceFailed(url: string, reason: string): IntakeError {
  return new IntakeError({
    code: 'unsupported',
    messageZh: `语音转写服务 ${url} 调用失败（${reason}）。请检查 SHIXU_ASR_URL / SHIXU_ASR_KEY 与服务状态。录音已保存。`,
    messageEn: `The speech-to-text service ${url} failed (${reason}). Check SHIXU_ASR_URL / SHIXU_ASR_KEY and the service. The recording is kept.`,
    detail: { url, reason: reason.slice(0, 300) },
  });
}
