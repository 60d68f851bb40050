// E-mail settings for review notifications, read once from the environment and validated together
// (like src/config/config.ts), then frozen. Without SHIXU_SMTP_URL e-mail is off and notifications
// reach the in-app inbox only.
//   SHIXU_SMTP_URL   smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465
//   SHIXU_SMTP_FROM  sender, e.g. "识需 Shixu <shixu@example.com>" (required with SHIXU_SMTP_URL)
//   SHIXU_APP_URL    where users open Shixu, for the link in each mail (optional)
import { z } from 'zod';
import { ConfigError } from '../config/config.js';

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

const envSchema = z.object({
  SHIXU_SMTP_URL: z.string().trim().optional(),
  SHIXU_SMTP_FROM: z.string().trim().optional(),
  SHIXU_APP_URL: z.string().trim().optional(),
});

/**
 * The mail settings, or null when e-mail is off. Throws ConfigError naming every problem at once,
 * so a wrong deployment is fixed in one round.
 */
export function loadMailConfig(env: Record<string, string | undefined> = process.env): MailConfig | null {
  const e = envSchema.parse(env);
  const url = e.SHIXU_SMTP_URL ?? '';
  if (url === '') return null;
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
  const from = e.SHIXU_SMTP_FROM ?? '';
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
  if (e.SHIXU_APP_URL) {
    try {
      const u = new URL(e.SHIXU_APP_URL);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      appUrl = e.SHIXU_APP_URL.replace(/\/+$/, '');
    } catch {
      problems.push(
        'SHIXU_APP_URL: 须为 http:// 或 https:// 地址，例如 https://shixu.example.com / must be an http(s) URL',
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({ smtpUrl: url, describe, from, appUrl });
}
