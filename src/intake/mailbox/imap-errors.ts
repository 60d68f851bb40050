// An IMAP failure as the person who configured the mailbox needs to read it: what went wrong and
// which setting to check, Chinese first. imapflow marks failed logins with `authenticationFailed`;
// network failures carry Node's error codes.
import type { ImapConfig } from '../../config/config.js';
import type { MailboxProblem } from './mailbox-store.js';

/** Thrown when the server refuses to open the configured folder. */
export class MailboxOpenError extends Error {
  constructor(
    readonly mailbox: string,
    readonly reason: string,
  ) {
    super(`cannot open mailbox ${mailbox}: ${reason}`);
    this.name = 'MailboxOpenError';
  }
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EAI_AGAIN',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ETIMEOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
]);

function detailOf(err: unknown): { message: string; code: string; responseText: string; auth: boolean } {
  const e = (err ?? {}) as {
    message?: unknown;
    code?: unknown;
    responseText?: unknown;
    authenticationFailed?: unknown;
  };
  return {
    message: typeof e.message === 'string' ? e.message : String(err),
    code: typeof e.code === 'string' ? e.code : '',
    responseText: typeof e.responseText === 'string' ? e.responseText : '',
    auth: e.authenticationFailed === true,
  };
}

export function describeImapError(err: unknown, cfg: ImapConfig): MailboxProblem {
  const server = `${cfg.host}:${cfg.port}`;
  if (err instanceof MailboxOpenError) {
    return {
      code: 'mailbox',
      zh: `无法打开邮箱文件夹 “${err.mailbox}”（${err.reason}）。请检查 SHIXU_IMAP_MAILBOX。`,
      en: `Cannot open the mailbox folder "${err.mailbox}" (${err.reason}); check SHIXU_IMAP_MAILBOX.`,
    };
  }
  const d = detailOf(err);
  const said = d.responseText || d.message;
  if (d.auth) {
    return {
      code: 'auth',
      zh: `邮箱登录失败：服务器 ${server} 拒绝了用户 ${cfg.user} 的用户名或密码（${said}）。请检查 SHIXU_IMAP_USER 和 SHIXU_IMAP_PASSWORD。`,
      en: `IMAP login failed: ${server} refused user ${cfg.user} (${said}); check SHIXU_IMAP_USER and SHIXU_IMAP_PASSWORD.`,
    };
  }
  if (CONNECT_CODES.has(d.code)) {
    return {
      code: 'connect',
      zh: `无法连接邮件服务器 ${server}（${d.code}）。请检查 SHIXU_IMAP_HOST、SHIXU_IMAP_PORT 和网络。`,
      en: `Cannot connect to the mail server ${server} (${d.code}); check SHIXU_IMAP_HOST, SHIXU_IMAP_PORT and the network.`,
    };
  }
  if (TIMEOUT_CODES.has(d.code)) {
    return {
      code: 'timeout',
      zh: `连接邮件服务器 ${server} 超时（${d.code}）。请检查地址、端口和 SHIXU_IMAP_SECURE（993 端口用 true，143 端口用 false）。`,
      en: `The mail server ${server} did not answer in time (${d.code}); check host, port and SHIXU_IMAP_SECURE (true for port 993, false for 143).`,
    };
  }
  if (
    /^ERR_SSL|^ERR_TLS|^EPROTO$|CERT|UNABLE_TO_VERIFY/.test(d.code) ||
    /SSL|TLS|certificate/i.test(d.message)
  ) {
    return {
      code: 'tls',
      zh: `与邮件服务器 ${server} 的加密连接失败（${d.code || d.message}）。请检查 SHIXU_IMAP_SECURE（993 端口用 true，143 端口用 false）和服务器证书。`,
      en: `The encrypted connection to ${server} failed (${d.code || d.message}); check SHIXU_IMAP_SECURE (true for port 993, false for 143) and the server certificate.`,
    };
  }
  return {
    code: 'other',
    zh: `收取邮箱 ${cfg.mailbox} 失败：${said}。下次轮询将重试。`,
    en: `Polling the mailbox ${cfg.mailbox} failed: ${said}. The next poll retries.`,
  };
}
