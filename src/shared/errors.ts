// The one catalogue of error codes Shixu reports: general request failures, the review workflow's
// refusals and the ways an intake can fail. A code is a stable contract: clients and operators match
// on it, so codes are only ever added, never renamed. Each carries its HTTP status, a message for
// logs and a user-safe message in Chinese and English (no internals). Pure: the review core and the
// intake extractors import it as freely as the HTTP adapter does.

/** A user-facing text in both languages; clients show the one of the interface language. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface CatalogueEntry extends Bilingual {
  status: number;
  /** For logs and operators; the review refusals, which are expected, log their English text. */
  log?: string;
}

/** Failures of any request: validation, sign-in, permissions, conflicts, limits, the database. */
const REQUEST_ERRORS = {
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
  REQUIREMENT_NOT_ACCEPTED: {
    status: 409,
    log: 'planning or supplier pass-on asked for a requirement that is not accepted',
    zh: '只有已接受的需求才能制定计划或传递给供方。',
    en: 'Only an accepted requirement can be planned or passed on to a supplier.',
  },
  PLAN_ITEM_EXISTS: {
    status: 409,
    log: 'a plan item exists for this requirement',
    zh: '该需求已有计划项，请修改现有的计划项。',
    en: 'This requirement already has a plan item; change that one.',
  },
  PLAN_OWNER_INVALID: {
    status: 422,
    log: 'plan item owner is not an active user',
    zh: '计划负责人须为在职的系统用户。',
    en: 'The owner of a plan item must be an active user.',
  },
  NOT_PLAN_OWNER: {
    status: 403,
    log: 'plan item changed by someone neither its owner nor of a planning department',
    zh: '只有计划负责人或策划部门（销售、技术、生产、质量、总经理）可以修改此计划项。',
    en: 'Only the owner or a planning department (sales, engineering, production, quality, GM) may change this plan item.',
  },
  SUPPLIER_REQUIREMENT_EXISTS: {
    status: 409,
    log: 'requirement already marked for this supplier',
    zh: '该需求已标记为传递给这个供方。',
    en: 'This requirement is already marked for this supplier.',
  },
  ALREADY_PASSED_TO_SUPPLIER: {
    status: 409,
    log: 'supplier requirement already passed on',
    zh: '该要求已传递给供方，不能再撤销或重复登记。',
    en: 'This requirement was already passed on to the supplier; it cannot be withdrawn or recorded again.',
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
} as const satisfies Record<string, CatalogueEntry>;

/**
 * Refusals of the review workflow (src/review/refusals.ts `refuse`): what the machine or its
 * actor check does not allow. An adapter answers them with their own code and status.
 */
export const REVIEW_REFUSALS = {
  NOT_PERMITTED: { status: 403, zh: '您的角色无权执行此操作。', en: 'Your role may not do this.' },
  WRONG_DEPARTMENT: {
    status: 403,
    zh: '只能由该部门人员或其登记的代理人签署本部门评审。',
    en: "Only the department's own staff or its registered deputy may sign its part.",
  },
  NOT_CASE_OWNER: {
    status: 403,
    zh: '只有负责本案的销售人员、销售经理或总经理可以执行此操作。',
    en: 'Only the sales owner of the case, a sales manager or the general manager may do this.',
  },
  NOT_AUTHORISED_SIGNER: {
    status: 403,
    zh: '按配置，本类合同的评审结论须由授权人签署。',
    en: 'By configuration, the conclusion for this class of contract needs the authorised signer.',
  },
  NOT_ALLOWED_IN_STATE: {
    status: 409,
    zh: '当前评审阶段不允许此操作。',
    en: 'This action is not allowed at the current stage of the review.',
  },
  CASE_CLOSED: { status: 409, zh: '本评审已作废或已结束。', en: 'The review is void or closed.' },
  STALE_VERSION: {
    status: 409,
    zh: '数据已被他人更新，请刷新后重试。',
    en: 'Someone else changed this in the meantime; reload and try again.',
  },
  NOT_REQUIRED_DEPARTMENT: {
    status: 409,
    zh: '该部门不需要评审本合同，或当前无需重新评审。',
    en: 'This department is not asked to review this contract now.',
  },
  ALREADY_SIGNED: {
    status: 409,
    zh: '该部门已签署，无需重复签署。',
    en: 'The department has already signed.',
  },
  REASON_REQUIRED: {
    status: 400,
    zh: '选择"不能满足"时必须填写原因。',
    en: 'A reason is required when the department cannot meet a requirement.',
  },
  CONDITIONS_REQUIRED: {
    status: 400,
    zh: '选择"有条件满足"时必须写明条件。',
    en: 'Conditions must be stated when the department can meet them only with conditions.',
  },
  CHECKLIST_INCOMPLETE: {
    status: 400,
    zh: '评审清单尚有未填写的项目。',
    en: 'Some checklist items are not answered.',
  },
  UNKNOWN_REQUIREMENT: { status: 404, zh: '未找到该需求。', en: 'Requirement not found.' },
  UNKNOWN_ISSUE: { status: 404, zh: '未找到该待解决问题。', en: 'Issue not found.' },
  UNKNOWN_QUESTION: {
    status: 404,
    zh: '未找到该客户问题或已答复。',
    en: 'Open question not found or already answered.',
  },
  REQUIREMENTS_UNSETTLED: {
    status: 409,
    zh: '仍有需求未确认（接受或拒绝）。',
    en: 'Some requirements are neither accepted nor rejected.',
  },
  REQUIREMENTS_LOCKED: {
    status: 409,
    zh: '已有部门签署评审，需求清单不能再修正；如需更改，请走合同变更（变更后受影响的部门重新评审）。',
    en: 'A department has already signed: the requirement list can no longer be corrected. To change it, amend the contract (the affected departments then review again).',
  },
  REJECTION_REASON_REQUIRED: {
    status: 400,
    zh: '驳回需求时必须写明原因。',
    en: 'A reason is required to reject a requirement.',
  },
  REQUIREMENT_NOT_MERGEABLE: {
    status: 400,
    zh: '只能合并两条不同且未驳回的需求。',
    en: 'Only two different requirements that are not rejected can be merged.',
  },
  QUORUM_NOT_MET: {
    status: 409,
    zh: '评审会议出席部门不满足法定人数要求。',
    en: 'The meeting did not reach the configured quorum.',
  },
  DECISION_MISSING: {
    status: 400,
    zh: '会议纪要必须对每一项已接受的需求作出决定；不能满足时须写明原因和部门。',
    en: 'The minutes need a decision for every accepted requirement, with reason and departments when it cannot be met.',
  },
  ISSUE_NOT_WITH_SALES: {
    status: 409,
    zh: '该问题不在销售协商阶段。',
    en: 'This issue is not awaiting negotiation by sales.',
  },
  ISSUE_NOT_WITH_GM: {
    status: 409,
    zh: '该问题未提交总经理决定。',
    en: 'This issue is not referred to the general manager.',
  },
  CONCLUSION_CONTRADICTS_GM: {
    status: 409,
    zh: '总经理已决定拒绝，评审结论只能为拒绝。',
    en: 'The general manager declined; the conclusion can only be decline.',
  },
  DEVIATIONS_REQUIRED: {
    status: 400,
    zh: '"偏离接受"须写明偏离内容。',
    en: 'Accepting with deviations requires the deviations to be stated.',
  },
  SAMPLE_SIGNOFF_REQUIRED: {
    status: 409,
    zh: '本合同以样品为验收标准，须先记录客户的样品签认。',
    en: 'Samples are the acceptance standard; record the customer sample sign-off first.',
  },
  NO_CHANGES: {
    status: 400,
    zh: '变更后的合同与当前版本没有差异。',
    en: 'The amended contract does not differ.',
  },
  AMENDMENT_NOT_RECORDABLE: {
    status: 409,
    zh: '变更记录只适用于交期或数量变更，其他变更请走条款变更或重新签订。',
    en: 'A change record covers only date or quantity; use a clause change or re-sign for anything else.',
  },
  NOT_A_PARTICIPANT: {
    status: 403,
    zh: '只有会议纪要列明的参加人本人可以确认出席和会议决定，不能替他人确认。',
    en: 'Only a participant named in the minutes may confirm, in their own session; nobody confirms for another.',
  },
  NOT_YOUR_MEETING_DEPARTMENT: {
    status: 403,
    zh: '您不属于纪要中您所代表的部门，也不是该部门登记的代理人。',
    en: 'You neither belong to the department the minutes name you for nor are its registered deputy.',
  },
  NO_MEETING_PROPOSED: {
    status: 409,
    zh: '尚无待确认的评审会议纪要。',
    en: 'There are no meeting minutes awaiting confirmation.',
  },
  ALREADY_CONFIRMED: {
    status: 409,
    zh: '您已确认过本次会议。',
    en: 'You have already confirmed this meeting.',
  },
  UNKNOWN_PARTICIPANT: {
    status: 400,
    zh: '会议参加人不是本系统的用户。',
    en: 'A meeting participant is not a user of this system.',
  },
  PARTICIPANT_INACTIVE: {
    status: 400,
    zh: '会议参加人的账号已停用，不能参加评审。',
    en: 'A meeting participant is not an active user.',
  },
  PARTICIPANT_WRONG_DEPARTMENT: {
    status: 400,
    zh: '会议参加人不属于其所代表的部门，也不是该部门登记的代理人。',
    en: 'A meeting participant neither belongs to the department they stand for nor is its registered deputy.',
  },
  DUPLICATE_PARTICIPANT: {
    status: 400,
    zh: '同一人在会议纪要中只能列一次。',
    en: 'A person may be listed only once in the minutes.',
  },
  PARTICIPANT_NOT_IN_CASE: {
    status: 400,
    zh: '会议参加人所代表的部门不参与本合同评审。',
    en: 'A participant stands for a department that does not review this contract.',
  },
  GM_NOT_IN_MEETING: {
    status: 409,
    zh: '特殊合同的评审会议须由总经理（或评审策略指定的代理人）参加。',
    en: "A special contract's review meeting needs the general manager (or the deputy the review policy names).",
  },
  TIME_IN_FUTURE: {
    status: 400,
    zh: '时间不能晚于当前时间。',
    en: 'The time may not lie in the future.',
  },
  TIME_BEFORE_CASE: {
    status: 400,
    zh: '会议时间不能早于本评审案件的建立时间。',
    en: 'The meeting cannot have been held before the case was opened.',
  },
  RECEIVED_IN_FUTURE: {
    status: 400,
    zh: '客户来件的收到时间不能晚于当前时间（48 小时反馈从收到时计）。',
    en: "The customer's receipt time may not lie in the future (the 48-hour clock starts there).",
  },
  REQUIRED_DEPARTMENTS_MISSING: {
    status: 422,
    zh: '缺少评审策略规定本类合同必须参加评审的部门（评审路由表）。',
    en: "Departments the review policy's routing table requires for this class of contract are missing.",
  },
  DEPARTMENT_REQUIRED_BY_POLICY: {
    status: 422,
    zh: '评审策略规定该部门必须评审本合同，不能移出。',
    en: 'The review policy requires this department to review the contract; it cannot be removed.',
  },
  DEPARTMENT_ALREADY_IN_CASE: {
    status: 409,
    zh: '该部门已在本合同的评审部门中。',
    en: 'This department already reviews the contract.',
  },
  NOT_A_REVIEWING_DEPARTMENT: {
    status: 400,
    zh: '只能加入签署评审意见的业务部门（总经理在评审会和决定中参与，管理员不参与评审）。',
    en: 'Only a business department that signs a review part can be added (the GM takes part in meetings and decisions; the administrator never reviews).',
  },
  DEPARTMENT_ALREADY_SIGNED: {
    status: 409,
    zh: '该部门已签署本轮评审，不能移出。',
    en: 'The department has signed this round and cannot be removed.',
  },
  TEMPORARY_BASIS_MISSING: {
    status: 409,
    zh: '临时合同须先记录其依据（客户何人、何时、以口头/电话/信函何种方式下达，及为何按临时合同处理），才能开始评审。',
    en: 'A temporary contract needs its basis recorded (who on the customer side gave it, when, by word of mouth, phone or letter, and why it is temporary) before its review starts.',
  },
  NOT_TEMPORARY_CONTRACT: {
    status: 409,
    zh: '只有临时合同需要记录临时合同依据。',
    en: 'Only a temporary contract records a temporary-contract basis.',
  },
  INVALID_INPUT: {
    status: 400,
    zh: '提交的内容不完整或不正确。',
    en: 'The submitted data is incomplete or invalid.',
  },
  INTERNAL_ERROR: { status: 500, zh: '内部错误，操作未执行。', en: 'Internal error; nothing was changed.' },
} as const satisfies Record<string, CatalogueEntry>;

/**
 * How an intake can fail (src/intake/intake-errors.ts). An intake record stores the lower-case
 * suffix (`corrupted`) as its `error.code`; the specific message names the file and the limit.
 */
export const INTAKE_FAILURES = {
  INTAKE_EMPTY: {
    status: 422,
    log: 'intake: the upload or text has no readable content',
    zh: '文件为空，没有可读取的内容。',
    en: 'The file is empty; there is nothing to read.',
  },
  INTAKE_CORRUPTED: {
    status: 422,
    log: 'intake: the file is damaged or a library failed to read it',
    zh: '文件已损坏或不完整，无法读取。请重新导出或重新发送原文件。',
    en: 'The file is damaged or truncated and cannot be read. Please export or send it again.',
  },
  INTAKE_PASSWORD_PROTECTED: {
    status: 422,
    log: 'intake: the file is encrypted',
    zh: '文件有密码保护，无法读取。请让客户提供未加密的文件或密码。',
    en: 'The file is password-protected. Ask the customer for an unprotected copy or the password.',
  },
  INTAKE_OVERSIZED: {
    status: 413,
    log: 'intake: the file exceeds a processing limit (bytes, pages, rows, pixels, unpacked size…)',
    zh: '文件超出处理上限。请拆分后再上传。',
    en: 'The file exceeds the processing limit. Please split it and upload again.',
  },
  INTAKE_UNSUPPORTED: {
    status: 415,
    log: 'intake: no extractor (or no configured engine) for this kind of content',
    zh: '暂不支持读取此类文件，或所需的识别引擎尚未配置。',
    en: 'This kind of file cannot be read yet, or the engine it needs is not configured.',
  },
  INTAKE_GARBLED: {
    status: 422,
    log: 'intake: the bytes decode to mostly unreadable characters',
    zh: '内容大部分是乱码，不是可读的文字。请确认文件是否正确，或另存为 UTF-8 文本后上传。',
    en: 'The content is mostly unreadable; it is not text. Check the file, or save it as UTF-8 text and upload again.',
  },
  INTAKE_TIMEOUT: {
    status: 422,
    log: 'intake: extraction exceeded its time limit',
    zh: '文件处理超时，已停止。',
    en: 'Reading the file took too long and was stopped.',
  },
  INTAKE_ANALYSIS_FAILED: {
    status: 500,
    log: 'intake: the analysis threw after the text was extracted',
    zh: '分析失败。原文件已保存，可重试。',
    en: 'The analysis failed. The original is kept; retry it.',
  },
  INTAKE_ORIGINAL_MISSING: {
    status: 500,
    log: 'intake: the stored original file is missing from the upload directory',
    zh: '找不到原文件，无法处理。请检查上传目录或重新上传。',
    en: 'The original file is missing. Check the upload directory or upload it again.',
  },
  INTAKE_PROCESSING_FAILED: {
    status: 500,
    log: 'intake: the background job failed on every attempt',
    zh: '后台处理多次失败，已停止重试。原文件已保存，可手动重试。',
    en: 'Background processing failed repeatedly and was stopped. The original is kept; retry it by hand.',
  },
} as const satisfies Record<string, CatalogueEntry>;

const CATALOGUE = { ...REQUEST_ERRORS, ...REVIEW_REFUSALS, ...INTAKE_FAILURES } as const;

export type ErrorCode = keyof typeof CATALOGUE;
export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, CatalogueEntry>> = CATALOGUE;
/** How many entries the three sections declare: a code declared twice would be one entry fewer. */
export const DECLARED_ERROR_ENTRIES =
  Object.keys(REQUEST_ERRORS).length +
  Object.keys(REVIEW_REFUSALS).length +
  Object.keys(INTAKE_FAILURES).length;
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
  /** The specific explanation in both languages; absent when the catalogue's text says it all. */
  readonly text?: Bilingual;
  constructor(
    readonly code: ErrorCode,
    /**
     * Specific, user-safe explanation. A plain string is shown as is in both languages (a file
     * name, a parser's message); anything written for people is given as `{ zh, en }`.
     */
    detail?: Bilingual | string,
    readonly details?: { errors?: FieldError[]; [key: string]: unknown },
    /** The failure behind it, for the log only (never sent to the client). */
    options?: { cause?: unknown },
  ) {
    const text = typeof detail === 'string' ? { zh: detail, en: detail } : detail;
    super(
      joined(text ?? ERROR_CATALOGUE[code]),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[code].status;
    if (text) this.text = text;
  }

  /** The explanation as one line, Chinese first (logs, the CLI). */
  get detail(): string | undefined {
    return this.text ? joined(this.text) : undefined;
  }
}

/** "中文 / English" for the places that show one line: logs, the CLI, `title` and `detail`. */
export function joined(text: Bilingual): string {
  return text.zh === text.en ? text.zh : `${text.zh} / ${text.en}`;
}

/**
 * RFC 9457 problem details plus Shixu's `code`, the texts in both languages and, for validation,
 * the field `errors`. `title` and `detail` are the same texts joined for generic clients.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  /** The catalogue's text for `code`. */
  message: Bilingual;
  /** The specific explanation (defaults to `message`). */
  detailMessage: Bilingual;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** `type` of a problem: the code's entry in the catalogue served at /api/errors. */
export const PROBLEM_TYPE_BASE = '/api/errors#';

export function problemOf(
  code: ErrorCode,
  opts: { detail?: Bilingual; instance?: string; extra?: object } = {},
): Problem {
  const entry = ERROR_CATALOGUE[code];
  const message = { zh: entry.zh, en: entry.en };
  const detailMessage = opts.detail ?? message;
  return {
    ...(opts.extra ?? {}),
    type: `${PROBLEM_TYPE_BASE}${code.toLowerCase()}`,
    title: joined(message),
    status: entry.status,
    detail: joined(detailMessage),
    ...(opts.instance ? { instance: opts.instance } : {}),
    code,
    message,
    detailMessage,
  };
}

/** The docs page docs/errors.md, generated from the catalogue (a test keeps the file in sync). */
export function renderErrorsMarkdown(): string {
  const table = (codes: readonly string[]) =>
    codes.map((code) => {
      const e = ERROR_CATALOGUE[code as ErrorCode];
      return `| \`${code}\` | ${e.status} | ${e.zh} | ${e.en} | ${e.log ?? '—'} |`;
    });
  const header = ['| Code | HTTP | 中文 | English | Log message |', '| --- | --- | --- | --- | --- |'];
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
    '  "message": { "zh": "请求内容不符合要求，请检查标出的字段。", "en": "The request is invalid; check the listed fields." },',
    '  "detailMessage": { "zh": "…", "en": "…" },',
    '  "errors": [{ "in": "body", "path": "/username", "message": "…" }]',
    '}',
    '```',
    '',
    'Clients match on `code` (stable), not on the message text, and show `message` (what the code means) and',
    '`detailMessage` (the specific case) in the interface language; `title` and `detail` are the same texts',
    'joined "中文 / English" for generic clients. `errors` is present only for validation failures. A review',
    'refusal carries its own code (e.g. `STALE_VERSION`, `WRONG_DEPARTMENT`) and, for clients written before',
    'the codes were merged, the same code in `reason`. A server fault (5xx) never shows its internal message:',
    'the log has it under the `requestId` the problem carries (a client may choose it with `x-request-id`).',
    '',
    '## 请求 / Requests',
    '',
    ...header,
    ...table(Object.keys(REQUEST_ERRORS)),
    '',
    '## 评审拒绝 / Review refusals',
    '',
    'What the review workflow does not allow (`src/review/refusals.ts`).',
    '',
    ...header,
    ...table(Object.keys(REVIEW_REFUSALS)),
    '',
    '## 收件失败 / Intake failures',
    '',
    'An intake record that failed stores the lower-case suffix as `error.code` (`INTAKE_CORRUPTED` → `corrupted`)',
    'with a message naming the file and the limit.',
    '',
    ...header,
    ...table(Object.keys(INTAKE_FAILURES)),
    '',
  ].join('\n');
}
