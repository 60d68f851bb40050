// Configuration is read once at start, validated as a whole (every problem reported together,
// so an operator fixes a broken deployment in one round) and then frozen.
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
}

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
function imapProblems(env: Record<string, string | undefined>): string[] {
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

/** Builds the configuration from an environment (process.env by default). Throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const crossProblems = imapProblems(env);
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
    trustProxy: parseTrustProxy(e.SHIXU_TRUST_PROXY),
    allowedOrigins: Object.freeze(splitList(e.SHIXU_ALLOWED_ORIGINS ?? '').map((o) => new URL(o).origin)),
    imap: parseImap(e),
  });
}
