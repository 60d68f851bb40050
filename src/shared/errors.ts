// The one catalogue of error codes Shixu reports to clients. A code is a stable contract: clients
// and operators match on it, so codes are only ever added, never renamed. Each carries its HTTP
// status, a message for logs and a user-safe message in Chinese and English (no internals).
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: {
    status: 400,
    log: 'request failed schema validation',
    zh: '请求内容不符合要求，请检查标出的字段。',
    en: 'The request is invalid; check the listed fields.',
  },
  MALFORMED_JSON: {
    status: 400,
    log: 'request body is not valid JSON',
    zh: '请求内容不是有效的 JSON。',
    en: 'The request body is not valid JSON.',
  },
  UNAUTHENTICATED: {
    status: 401,
    log: 'no valid session',
    zh: '请先登录。',
    en: 'Please sign in.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    log: 'login with wrong username or password',
    zh: '用户名或密码错误。',
    en: 'Wrong username or password.',
  },
  FORBIDDEN: {
    status: 403,
    log: 'department not allowed for this action',
    zh: '您所在的部门无权执行此操作。',
    en: 'Your department is not allowed to do this.',
  },
  CROSS_ORIGIN: {
    status: 403,
    log: 'state-changing request with the session cookie from another origin',
    zh: '拒绝跨站请求：修改操作必须来自本系统的页面。',
    en: 'Cross-site request refused: changes must come from this application’s pages.',
  },
  NOT_FOUND: {
    status: 404,
    log: 'resource or route not found',
    zh: '未找到请求的内容。',
    en: 'Not found.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    log: 'HTTP method not allowed',
    zh: '不支持该请求方法。',
    en: 'Method not allowed.',
  },
  CONFLICT: {
    status: 409,
    log: 'conflict with the current state',
    zh: '与现有数据冲突（例如名称已存在或已被他人修改）。',
    en: 'Conflicts with existing data (e.g. the name exists or it was changed by someone else).',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    log: 'request body exceeds the limit',
    zh: '上传内容过大。',
    en: 'The request body is too large.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    log: 'unsupported content type',
    zh: '不支持的内容类型。',
    en: 'Unsupported content type.',
  },
  UNSUPPORTED_FILE_TYPE: {
    status: 415,
    log: 'uploaded file is of a kind intake does not read (program, archive, unknown binary…)',
    zh: '不支持此类文件（例如程序、压缩包或无法识别的二进制文件），已拒绝。',
    en: 'This kind of file is not supported (e.g. a program, an archive or unknown binary data); refused.',
  },
  UNREADABLE_CONTENT: {
    status: 422,
    log: 'upload or pasted text cannot be read (empty, damaged, password-protected or garbled)',
    zh: '内容无法读取（空文件、文件损坏、有密码或乱码），已拒绝。',
    en: 'The content cannot be read (empty, damaged, password-protected or garbled); refused.',
  },
  UNSAFE_ARCHIVE: {
    status: 422,
    log: 'uploaded zip container exceeds the unpacking limits (zip bomb)',
    zh: '压缩文件解压后超出上限（疑似压缩炸弹），已拒绝。',
    en: 'The compressed file would unpack past the limits (a likely zip bomb); refused.',
  },
  REVIEW_POLICY_UNMET: {
    status: 422,
    log: 'request falls short of the review policy (e.g. a department the routing table requires)',
    zh: '不符合评审策略（例如缺少评审策略规定必须参加评审的部门）。',
    en: 'Falls short of the review policy (e.g. a department the policy requires is missing).',
  },
  RATE_LIMITED: {
    status: 429,
    log: 'too many attempts',
    zh: '尝试次数过多，请稍后再试。',
    en: 'Too many attempts; try again later.',
  },
  INTERNAL: {
    status: 500,
    log: 'unexpected internal error',
    zh: '服务器内部错误，请联系管理员。',
    en: 'Internal server error; contact the administrator.',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    log: 'database unreachable',
    zh: '数据库暂时无法访问。',
    en: 'The database is unavailable.',
  },
  MIGRATIONS_PENDING: {
    status: 503,
    log: 'database schema is not up to date',
    zh: '数据库结构尚未升级到最新版本。',
    en: 'The database schema has pending migrations.',
  },
} as const satisfies Record<string, { status: number; log: string; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** One field problem of a validation error; `path` is a JSON pointer into the request part. */
export interface FieldError {
  /** Where: body, querystring, params or headers. */
  in: string;
  /** JSON pointer, e.g. "/items/0/quantity". */
  path: string;
  message: string;
}

/** An expected failure, shown to the client as problem+json with the catalogue's status and message. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Specific, user-safe explanation; defaults to the catalogue's message. */
    readonly detail?: string,
    readonly details?: { errors?: FieldError[]; [key: string]: unknown },
  ) {
    super(detail ?? `${ERROR_CATALOGUE[code].zh} / ${ERROR_CATALOGUE[code].en}`);
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[code].status;
  }
}

/** RFC 9457 problem details plus Shixu's `code` and, for validation, the field `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** `type` of a problem: the code's entry in the catalogue served at /api/errors. */
export const PROBLEM_TYPE_BASE = '/api/errors#';

export function problemOf(
  code: ErrorCode,
  opts: { detail?: string; instance?: string; extra?: object } = {},
): Problem {
  const entry = ERROR_CATALOGUE[code];
  return {
    ...(opts.extra ?? {}),
    type: `${PROBLEM_TYPE_BASE}${code.toLowerCase()}`,
    title: `${entry.zh} / ${entry.en}`,
    status: entry.status,
    detail: opts.detail ?? `${entry.zh} / ${entry.en}`,
    ...(opts.instance ? { instance: opts.instance } : {}),
    code,
  };
}

/** The docs page docs/errors.md, generated from the catalogue (a test keeps the file in sync). */
export function renderErrorsMarkdown(): string {
  const rows = ERROR_CODES.map((code) => {
    const e = ERROR_CATALOGUE[code];
    return `| \`${code}\` | ${e.status} | ${e.zh} | ${e.en} | ${e.log} |`;
  });
  return [
    '# 错误代码 / Error codes',
    '',
    '<!-- Generated from src/shared/errors.ts by test/server/errors.test.ts (SHIXU_WRITE_DOCS=1). Do not edit by hand. -->',
    '',
    'Every API error is sent as RFC 9457 `application/problem+json`:',
    '',
    '```json',
    '{',
    '  "type": "/api/errors#validation_failed",',
    '  "title": "请求内容不符合要求，请检查标出的字段。 / The request is invalid; check the listed fields.",',
    '  "status": 400,',
    '  "detail": "…",',
    '  "instance": "/api/auth/login",',
    '  "code": "VALIDATION_FAILED",',
    '  "errors": [{ "in": "body", "path": "/username", "message": "…" }]',
    '}',
    '```',
    '',
    'Clients match on `code` (stable), not on the message text. `errors` is present only for validation failures.',
    '',
    '| Code | HTTP | 中文 | English | Log message |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
