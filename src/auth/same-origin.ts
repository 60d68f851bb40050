// Cross-site request forgery: a page on another site can make the browser send a form or a fetch
// to Shixu with the user's session cookie (SameSite=Lax stops only some of them; a same-site page
// on another subdomain passes it). A state-changing request that carries the session cookie must
// therefore say where it comes from — the Origin header, which browsers send on every such
// request, or failing that the Referer — and that must be this server or a configured origin.
// Requests without the cookie (scripts, the CLI, sign-in itself) are not affected: without the
// cookie there is no authority for a forged request to borrow.
import type { FastifyRequest } from 'fastify';
import type { App } from '../server/context.js';
import { AppError } from '../shared/errors.js';
import { SESSION_COOKIE } from './sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(value: string | undefined): string | null {
  if (!value || value === 'null') return null;
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The origin this request was addressed to: scheme (X-Forwarded-Proto when trusted) and Host. */
export function ownOrigin(request: FastifyRequest): string | null {
  return originOf(`${request.protocol}://${request.host}`);
}

/** Where the request says it comes from: Origin, or the origin of the Referer; null when neither. */
export function claimedOrigin(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (origin !== undefined) return originOf(origin);
  const referer = request.headers.referer;
  return originOf(Array.isArray(referer) ? referer[0] : referer);
}

export function registerSameOriginCheck(app: App, allowedOrigins: readonly string[]): void {
  const allowed = new Set(allowedOrigins);
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.cookies[SESSION_COOKIE]) return;
    const claimed = claimedOrigin(request);
    if (claimed !== null && (claimed === ownOrigin(request) || allowed.has(claimed))) return;
    throw new AppError(
      'CROSS_ORIGIN',
      claimed === null
        ? {
            zh: '带登录凭据的修改请求缺少 Origin 或 Referer 头',
            en: 'a signed-in change must carry an Origin or Referer header',
          }
        : {
            zh: `不接受来自 ${claimed} 的带登录凭据的修改请求`,
            en: `signed-in changes from ${claimed} are refused`,
          },
    );
  });
}
