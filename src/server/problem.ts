// Turns every failure into an RFC 9457 problem+json response: one place, so all routes answer
// errors the same way and never leak stack traces or SQL to the client.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IntakeError } from '../intake/intake-errors.js';
import {
  AppError,
  type Bilingual,
  ERROR_CATALOGUE,
  type ErrorCode,
  type FieldError,
  problemOf,
} from '../shared/errors.js';
import { DatabaseUnavailableError } from '../store/connect.js';
import { ConflictError, NotFoundError } from '../store/errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const bilingualSchema = z.object({ zh: z.string(), en: z.string() });

export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.enum(Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]]),
    message: bilingualSchema.meta({ description: "The catalogue's text for `code`" }),
    detailMessage: bilingualSchema.meta({ description: 'The specific explanation' }),
    requestId: z
      .string()
      .optional()
      .meta({ description: 'On server faults (5xx): where the log has the cause' }),
    errors: z.array(z.object({ in: z.string(), path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; see /api/errors for the codes' });

/** Response schemas for the error statuses a route may answer with (for the OpenAPI document). */
export function problemResponses(...statuses: number[]) {
  const response = {
    description: 'RFC 9457 problem details',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
  };
  return Object.fromEntries(statuses.map((s) => [s, response])) as Record<number, typeof response>;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_NOT_FOUND: 'NOT_FOUND',
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'DATABASE_UNAVAILABLE',
};

/** Unique-key violations from either database surface as CONFLICT rather than a 500. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

interface UnionIssue {
  path: PropertyKey[];
  message: string;
  code: string;
  errors?: unknown;
}

/**
 * A union's failure names the fields of the alternative that came closest (fewest problems), so
 * "customerName is empty" reaches the client rather than "matches no alternative".
 */
function fieldErrorsOf(
  where: string,
  instancePath: string,
  keyword: string,
  message: string | undefined,
  params: { errors?: unknown },
): FieldError[] {
  const base = instancePath === '/' ? '' : instancePath;
  if (keyword === 'invalid_union' && Array.isArray(params.errors) && params.errors.length > 0) {
    const branches = params.errors as UnionIssue[][];
    const closest = branches.reduce((a, b) => (b.length < a.length ? b : a));
    if (closest.length > 0) {
      return closest.flatMap((i) =>
        fieldErrorsOf(
          where,
          `${base}/${i.path.map(String).join('/')}`.replace(/\/$/, '') || '/',
          i.code,
          i.message,
          i as { errors?: unknown },
        ),
      );
    }
  }
  return [{ in: where, path: instancePath || '/', message: message ?? 'invalid' }];
}

interface Classified {
  code: ErrorCode;
  detail?: Bilingual;
  errors?: FieldError[];
  extra?: Record<string, unknown>;
}

export function classifyError(err: unknown): Classified {
  if (err instanceof AppError) {
    const { errors, ...extra } = err.details ?? {};
    return {
      code: err.code,
      ...(err.text ? { detail: err.text } : {}),
      ...(errors ? { errors } : {}),
      extra,
    };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    return {
      code: 'VALIDATION_FAILED',
      errors: err.validation.flatMap((v) =>
        fieldErrorsOf(where, v.instancePath, v.keyword, v.message, v.params as { errors?: unknown }),
      ),
    };
  }
  if (err instanceof NotFoundError) return { code: 'NOT_FOUND', detail: err.text };
  if (err instanceof ConflictError) return { code: 'CONFLICT', detail: err.text };
  if (err instanceof IntakeError) {
    return { code: err.catalogueCode, detail: { zh: err.messageZh, en: err.messageEn } };
  }
  if (err instanceof DatabaseUnavailableError) return { code: 'DATABASE_UNAVAILABLE' };
  if (isUniqueViolation(err)) return { code: 'CONFLICT' };
  const fe = err as Partial<FastifyError>;
  if (fe && typeof fe === 'object') {
    if (Array.isArray(fe.validation)) {
      const where = fe.validationContext ?? 'body';
      return {
        code: 'VALIDATION_FAILED',
        errors: fe.validation.map((v) => ({
          in: where,
          path: v.instancePath || '/',
          message: v.message ?? 'invalid',
        })),
      };
    }
    if (fe.code && FASTIFY_CODES[fe.code]) return { code: FASTIFY_CODES[fe.code]! };
    if (
      !isResponseSerializationError(fe) &&
      typeof fe.statusCode === 'number' &&
      STATUS_CODES[fe.statusCode]
    ) {
      return { code: STATUS_CODES[fe.statusCode]! };
    }
  }
  return { code: 'INTERNAL' };
}

/**
 * A server fault's text is the catalogue's and the request id, whatever the code brought along: the
 * cause is in the log under that id (problem.ts's promise: no internals reach the client).
 */
function faultDetail(code: ErrorCode, requestId: string): Bilingual {
  const entry = ERROR_CATALOGUE[code];
  return {
    zh: `${entry.zh}请求编号：${requestId}（请告知管理员，以便查找日志）。`,
    en: `${entry.en} Request id: ${requestId} (give it to the administrator to find the log).`,
  };
}

function isFault(code: ErrorCode): boolean {
  return (
    ERROR_CATALOGUE[code].status >= 500 && code !== 'DATABASE_UNAVAILABLE' && code !== 'MIGRATIONS_PENDING'
  );
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, c: Classified): FastifyReply {
  const fault = isFault(c.code);
  const detail = fault ? faultDetail(c.code, request.id) : c.detail;
  const problem = problemOf(c.code, {
    ...(detail ? { detail } : {}),
    instance: request.url.split('?')[0] ?? request.url,
    extra: { ...(c.extra ?? {}), ...(fault ? { requestId: request.id } : {}) },
  });
  if (c.errors) problem.errors = c.errors;
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const c = classifyError(err);
  const entry = ERROR_CATALOGUE[c.code];
  // The request logger carries the request id (`reqId`) the problem names; a refusal's internal
  // failure is logged as itself, not as the AppError that wraps it.
  const logged = err instanceof AppError && err.cause !== undefined ? err.cause : err;
  const log = entry.log ?? entry.en;
  if (entry.status >= 500) request.log.error({ err: logged, code: c.code }, log);
  else request.log.info({ code: c.code, detail: c.detail }, log);
  if (c.code === 'RATE_LIMITED' && typeof c.extra?.retryAfterSeconds === 'number') {
    reply.header('retry-after', String(c.extra.retryAfterSeconds));
  }
  return sendProblem(reply, request, c);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, request, {
    code: 'NOT_FOUND',
    detail: {
      zh: `未找到：${request.method} ${request.url.split('?')[0]}`,
      en: `Not found: ${request.method} ${request.url.split('?')[0]}`,
    },
  });
}
