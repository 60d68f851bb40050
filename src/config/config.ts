// Configuration is read once at start, validated as a whole (every problem reported together,
// so an operator fixes a broken deployment in one round) and then frozen. This is the one module
// that reads the environment: the mail sender, the OCR/ASR engines and the PDF record get their
// settings from the `Config` it returns, and the CLI passes its options in, never writing the
// environment.
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

type Env = Record<string, string | undefined>;

const intFromEnv = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `${name} 必须是整数 / must be an integer` })
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} 不能小于 ${min}`).max(max, `${name} 不能大于 ${max}`));

const splitList = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `scheme://host[:port]` and nothing more (no path, query or credentials). */
function isOrigin(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^(postgres(ql)?:\/\/|sqlite:|file:)/.test(v), {
      message:
        'DATABASE_URL 必须以 postgres://、postgresql://、sqlite: 或 file: 开头 / must start with postgres://, postgresql://, sqlite: or file:',
    }),
  PORT: intFromEnv('PORT', 0, 65535).optional(),
  HOST: z.string().min(1).optional(),
  SHIXU_DATA_DIR: z.string().min(1).optional(),
  SHIXU_UPLOAD_MAX_MB: intFromEnv('SHIXU_UPLOAD_MAX_MB', 1, 2048).optional(),
  SHIXU_DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  SHIXU_SESSION_HOURS: intFromEnv('SHIXU_SESSION_HOURS', 1, 24 * 90).optional(),
  SHIXU_DEADLINE_CHECK_SECONDS: intFromEnv('SHIXU_DEADLINE_CHECK_SECONDS', 1, 24 * 3600).optional(),
  // Behind a TLS-terminating reverse proxy: which proxies' X-Forwarded-* headers to believe.
  SHIXU_TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(0|1|true|false|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, {
      message:
        'SHIXU_TRUST_PROXY 只能是 true、false 或代理的 IP/CIDR 列表（逗号分隔） / must be true, false or a comma-separated list of proxy IPs/CIDRs',
    })
    .optional(),
  // Origins besides the server's own whose pages may send signed-in writes (src/auth/same-origin.ts).
  SHIXU_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .refine((v) => v === undefined || splitList(v).every(isOrigin), {
      message:
        'SHIXU_ALLOWED_ORIGINS 须为逗号分隔的来源，如 https://shixu.example.com / must be comma-separated origins such as https://shixu.example.com',
    }),
  // The sales-inbox poller (src/intake/mailbox); off while SHIXU_IMAP_HOST is unset.
  SHIXU_IMAP_HOST: z.string().trim().optional(),
  SHIXU_IMAP_PORT: intFromEnv('SHIXU_IMAP_PORT', 1, 65535).optional(),
  SHIXU_IMAP_SECURE: z
    .enum(['0', '1', 'true', 'false'], {
      message: 'SHIXU_IMAP_SECURE 只能是 true、false、1 或 0 / must be true, false, 1 or 0',
    })
    .optional(),
  SHIXU_IMAP_USER: z.string().optional(),
  SHIXU_IMAP_PASSWORD: z.string().optional(),
  SHIXU_IMAP_MAILBOX: z.string().trim().optional(),
  SHIXU_IMAP_POLL_SECONDS: intFromEnv('SHIXU_IMAP_POLL_SECONDS', 5, 24 * 3600).optional(),
  // The review record's PDF font (src/contracts/record-files.ts); unset = the first CJK font found.
  SHIXU_CJK_FONT: z.string().trim().optional(),
});

/** The sales inbox taken in over IMAP (see src/intake/mailbox). */
export interface ImapConfig {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 993); false = plain, upgraded with STARTTLS when offered. */
  readonly secure: boolean;
  readonly user: string;
  readonly password: string;
  readonly mailbox: string;
  readonly pollSeconds: number;
}

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Config {
  readonly database: DatabaseConfig;
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly uploadDir: string;
  readonly uploadMaxBytes: number;
  /** Create the fictional demo company on first start with an empty database. */
  readonly demoOnEmpty: boolean;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly sessionHours: number;
  /**
   * Pause between runs of the 48-hour check (due reminders and escalations). Minutes are precise
   * enough in production; tests of several processes shorten it to see the loops race.
   */
  readonly deadlineCheckSeconds: number;
  /**
   * Whose X-Forwarded-For/-Proto to believe: false (direct clients), true (any proxy in front) or
   * the proxies' addresses. It decides the client address (rate limits) and whether the request
   * came over HTTPS (Secure cookies).
   */
  readonly trustProxy: boolean | string;
  /**
   * Origins, besides the server's own, allowed to send state-changing requests with the session
   * cookie (e.g. the public name when a proxy rewrites Host). Empty = same origin only.
   */
  readonly allowedOrigins: readonly string[];
  /** Mailbox poller settings; null = no mailbox configured. */
  readonly imap: ImapConfig | null;
  /** E-mail notifications; null = in-app inbox only. */
  readonly mail: MailConfig | null;
  /** OCR and speech-to-text engines for intake (src/intake/engines.ts). */
  readonly engines: EngineConfig;
  /** Font file for the Chinese text of the PDF review record; null = look in the usual places. */
  readonly cjkFont: string | null;
}

// ---------------------------------------------------------------- e-mail
//   SHIXU_SMTP_URL   smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465
//   SHIXU_SMTP_FROM  sender, e.g. "识需 Shixu <shixu@example.com>" (required with SHIXU_SMTP_URL)
//   SHIXU_APP_URL    where users open Shixu, for the link in each mail (optional)

export interface MailConfig {
  /** Handed to nodemailer as is; it carries the credentials, so never log it (see `describe`). */
  readonly smtpUrl: string;
  /** host:port and scheme without credentials, for logs and start-up messages. */
  readonly describe: string;
  readonly from: string;
  /** Base of the link to a case, without trailing slash; null = mails carry no link. */
  readonly appUrl: string | null;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
const NAMED_ADDRESS = /^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/;

function mailProblemsAndConfig(env: Env): { problems: string[]; mail: MailConfig | null } {
  const url = env.SHIXU_SMTP_URL?.trim() ?? '';
  if (url === '') return { problems: [], mail: null };
  const problems: string[] = [];
  let describe = '';
  try {
    const u = new URL(url);
    if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') {
      problems.push('SHIXU_SMTP_URL: 须以 smtp:// 或 smtps:// 开头 / must start with smtp:// or smtps://');
    } else if (u.hostname === '') {
      problems.push('SHIXU_SMTP_URL: 缺少邮件服务器主机名 / the mail server host is missing');
    } else {
      describe = `${u.protocol}//${u.host}`;
    }
  } catch {
    problems.push(
      'SHIXU_SMTP_URL: 不是有效地址，例如 smtp://user:pass@mail.example.com:587 / not a valid URL, e.g. smtp://user:pass@mail.example.com:587',
    );
  }
  const from = env.SHIXU_SMTP_FROM?.trim() ?? '';
  if (from === '') {
    problems.push(
      'SHIXU_SMTP_FROM: 启用邮件时必须设置发件人，例如 "识需 Shixu <shixu@example.com>" / required with SHIXU_SMTP_URL',
    );
  } else if (!ADDRESS.test(from) && !NAMED_ADDRESS.test(from)) {
    problems.push(
      `SHIXU_SMTP_FROM: 发件人地址无效 / not an e-mail address: ${from} (e.g. "识需 Shixu <shixu@example.com>")`,
    );
  }
  let appUrl: string | null = null;
  const app = env.SHIXU_APP_URL?.trim();
  if (app) {
    try {
      const u = new URL(app);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      appUrl = app.replace(/\/+$/, '');
    } catch {
      problems.push(
        'SHIXU_APP_URL: 须为 http:// 或 https:// 地址，例如 https://shixu.example.com / must be an http(s) URL',
      );
    }
  }
  return {
    problems,
    mail: problems.length > 0 ? null : Object.freeze({ smtpUrl: url, describe, from, appUrl }),
  };
}

/** The mail settings alone, or null when e-mail is off; throws ConfigError naming every problem. */
export function loadMailConfig(env: Env): MailConfig | null {
  const { problems, mail } = mailProblemsAndConfig(env);
  if (problems.length > 0) throw new ConfigError(problems);
  return mail;
}

// ---------------------------------------------------------------- OCR and speech engines
//   SHIXU_OCR=on|off                      PaddleOCR for images and scanned PDF pages (default on)
//   SHIXU_OCR_WORKERS, SHIXU_OCR_PAGES_PER_WORKER, SHIXU_OCR_MAX_PIXELS
//   SHIXU_ASR_ENGINE=pocketsphinx|sherpa|http   (no default: an unconfigured engine explains itself)
//   SHIXU_ASR_MODEL_DIR                   model directory for sherpa or pocketsphinx
//   SHIXU_ASR_MODEL_KIND=sense-voice|paraformer (sherpa; guessed from the directory name otherwise)
//   SHIXU_ASR_URL, SHIXU_ASR_KEY, SHIXU_ASR_MODEL   OpenAI-compatible transcription server
//   SHIXU_ASR_MAX_SECONDS                 longest recording accepted (default 10800)
//   SHIXU_ASR_LANGUAGE=zh|en              spoken language (default zh); pocketsphinx with en and no
//                                         model directory uses Debian's pocketsphinx-en-us model

export type AsrLanguage = 'zh' | 'en';
export type SherpaModelKind = 'sense-voice' | 'paraformer';

export interface EngineConfig {
  ocr: { enabled: boolean; workers?: number; pagesPerWorker?: number; maxPixels?: number };
  asr:
    | { engine: 'none' }
    | { engine: 'pocketsphinx'; modelDir: string; maxSeconds: number; language: AsrLanguage }
    | { engine: 'sherpa'; modelDir: string; kind?: SherpaModelKind; maxSeconds: number }
    | {
        engine: 'http';
        url: string;
        key?: string;
        model?: string;
        maxSeconds: number;
        language: AsrLanguage;
      };
}

/** Where Debian's pocketsphinx-en-us puts the US English model (acoustic model, LM, dictionary). */
export const DEBIAN_EN_US_MODEL = '/usr/share/pocketsphinx/model/en-us';

function engineProblemsAndConfig(env: Env): { problems: string[]; engines: EngineConfig } {
  const problems: string[] = [];
  const positiveInt = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (Number.isInteger(n) && n > 0) return n;
    problems.push(`${name} 必须是正整数 / must be a positive integer: ${v}`);
    return undefined;
  };
  const ocrFlag = (env.SHIXU_OCR ?? 'on').toLowerCase();
  if (!['on', 'off', '1', '0', 'true', 'false'].includes(ocrFlag))
    problems.push(`SHIXU_OCR 只能是 on 或 off / must be on or off: ${env.SHIXU_OCR}`);
  const ocr: EngineConfig['ocr'] = { enabled: ['on', '1', 'true'].includes(ocrFlag) };
  const workers = positiveInt('SHIXU_OCR_WORKERS');
  const pages = positiveInt('SHIXU_OCR_PAGES_PER_WORKER');
  const pixels = positiveInt('SHIXU_OCR_MAX_PIXELS');
  if (workers) ocr.workers = workers;
  if (pages) ocr.pagesPerWorker = pages;
  if (pixels) ocr.maxPixels = pixels;
  const maxSeconds = positiveInt('SHIXU_ASR_MAX_SECONDS') ?? 3 * 3600;
  const engine = (env.SHIXU_ASR_ENGINE ?? '').trim().toLowerCase();
  const spoken = (env.SHIXU_ASR_LANGUAGE ?? 'zh').trim().toLowerCase();
  if (spoken !== 'zh' && spoken !== 'en')
    problems.push(`SHIXU_ASR_LANGUAGE 只能是 zh 或 en / must be zh or en: ${env.SHIXU_ASR_LANGUAGE}`);
  const language: AsrLanguage = spoken === 'en' ? 'en' : 'zh';
  const modelDir = env.SHIXU_ASR_MODEL_DIR ?? '';
  const none: EngineConfig = { ocr, asr: { engine: 'none' } };
  const result = (engines: EngineConfig) => ({ problems, engines });
  switch (engine) {
    case '':
    case 'none':
      return result(none);
    case 'pocketsphinx':
      return result({
        ocr,
        asr: {
          engine,
          modelDir: modelDir || (language === 'en' ? DEBIAN_EN_US_MODEL : ''),
          maxSeconds,
          language,
        },
      });
    case 'sherpa':
    case 'sherpa-onnx': {
      const kind = env.SHIXU_ASR_MODEL_KIND;
      if (kind !== undefined && kind !== 'sense-voice' && kind !== 'paraformer') {
        problems.push(
          `SHIXU_ASR_MODEL_KIND 只能是 sense-voice 或 paraformer / must be sense-voice or paraformer: ${kind}`,
        );
        return result(none);
      }
      return result({ ocr, asr: { engine: 'sherpa', modelDir, maxSeconds, ...(kind ? { kind } : {}) } });
    }
    case 'http': {
      if (!env.SHIXU_ASR_URL) {
        problems.push('SHIXU_ASR_ENGINE=http 需要 SHIXU_ASR_URL / requires SHIXU_ASR_URL');
        return result(none);
      }
      return result({
        ocr,
        asr: {
          engine,
          url: env.SHIXU_ASR_URL,
          maxSeconds,
          language,
          ...(env.SHIXU_ASR_KEY ? { key: env.SHIXU_ASR_KEY } : {}),
          ...(env.SHIXU_ASR_MODEL ? { model: env.SHIXU_ASR_MODEL } : {}),
        },
      });
    }
    default:
      problems.push(
        `SHIXU_ASR_ENGINE 只能是 pocketsphinx、sherpa 或 http / must be pocketsphinx, sherpa or http: ${env.SHIXU_ASR_ENGINE}`,
      );
      return result(none);
  }
}

/** The engine settings alone; a misspelt engine name is an error (ConfigError), not a silent fallback. */
export function engineConfigFromEnv(env: Env): EngineConfig {
  const { problems, engines } = engineProblemsAndConfig(env);
  if (problems.length > 0) throw new ConfigError(problems);
  return engines;
}

// ---------------------------------------------------------------- the whole

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置无效 / Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parseDatabase(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'shixu.sqlite') };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'postgres', url };
  const file = url.replace(/^sqlite:(\/\/)?|^file:(\/\/)?/, '');
  return { kind: 'sqlite', file: path.resolve(file) };
}

/** Settings that only make sense together; checked on the raw environment so they join the zod issues. */
function imapProblems(env: Env): string[] {
  if (!env.SHIXU_IMAP_HOST?.trim()) return [];
  const missing = (['SHIXU_IMAP_USER', 'SHIXU_IMAP_PASSWORD'] as const).filter((name) => !env[name]);
  return missing.map(
    (name) => `${name}: 设置 SHIXU_IMAP_HOST 时必须设置 / required when SHIXU_IMAP_HOST is set`,
  );
}

function parseImap(e: z.infer<typeof envSchema>): ImapConfig | null {
  if (!e.SHIXU_IMAP_HOST) return null;
  return Object.freeze({
    host: e.SHIXU_IMAP_HOST,
    port: e.SHIXU_IMAP_PORT ?? 993,
    secure:
      e.SHIXU_IMAP_SECURE === undefined || e.SHIXU_IMAP_SECURE === '1' || e.SHIXU_IMAP_SECURE === 'true',
    user: e.SHIXU_IMAP_USER ?? '',
    password: e.SHIXU_IMAP_PASSWORD ?? '',
    mailbox: e.SHIXU_IMAP_MAILBOX || 'INBOX',
    pollSeconds: e.SHIXU_IMAP_POLL_SECONDS ?? 60,
  });
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  return value.replace(/\s+/g, '');
}

/**
 * Settings given as command-line options (`shixu serve --port`), by the variable they stand for:
 * they take precedence over the environment and are validated exactly like it.
 */
export interface ConfigOverrides {
  PORT?: string | undefined;
  HOST?: string | undefined;
}

/**
 * Builds the configuration from an environment (process.env by default) and the command line's
 * overrides. Throws ConfigError listing every problem.
 */
export function loadConfig(given: Env = process.env, overrides: ConfigOverrides = {}): Config {
  const env: Env = { ...given };
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined) env[name] = value;
  const parsed = envSchema.safeParse(env);
  const mail = mailProblemsAndConfig(env);
  const engines = engineProblemsAndConfig(env);
  const crossProblems = [...imapProblems(env), ...mail.problems, ...engines.problems];
  if (!parsed.success || crossProblems.length > 0) {
    throw new ConfigError([
      ...(parsed.success
        ? []
        : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`)),
      ...crossProblems,
    ]);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.SHIXU_DATA_DIR ?? 'data');
  if (e.DATABASE_URL?.startsWith('postgres')) {
    try {
      new URL(e.DATABASE_URL);
    } catch {
      throw new ConfigError(['DATABASE_URL: 不是有效的 PostgreSQL 连接地址 / not a valid PostgreSQL URL']);
    }
  }
  return Object.freeze({
    database: Object.freeze(parseDatabase(e.DATABASE_URL, dataDir)),
    port: e.PORT ?? 3000,
    host: e.HOST ?? '0.0.0.0',
    dataDir,
    uploadDir: path.join(dataDir, 'uploads'),
    uploadMaxBytes: (e.SHIXU_UPLOAD_MAX_MB ?? 50) * 1024 * 1024,
    demoOnEmpty: e.SHIXU_DEMO === undefined ? true : e.SHIXU_DEMO === '1' || e.SHIXU_DEMO === 'true',
    logLevel: e.LOG_LEVEL ?? 'info',
    sessionHours: e.SHIXU_SESSION_HOURS ?? 12,
    deadlineCheckSeconds: e.SHIXU_DEADLINE_CHECK_SECONDS ?? 300,
    trustProxy: parseTrustProxy(e.SHIXU_TRUST_PROXY),
    allowedOrigins: Object.freeze(splitList(e.SHIXU_ALLOWED_ORIGINS ?? '').map((o) => new URL(o).origin)),
    imap: parseImap(e),
    mail: mail.mail,
    engines: Object.freeze(engines.engines),
    cjkFont: e.SHIXU_CJK_FONT || null,
  });
}
