// Session check for every /api/* route. Routes opt out with `config: { public: true }`; the API
// documentation under /api/docs is public too. `requireDepartment` adds a department check.
//
// Department rules (documented in docs/errors.md under FORBIDDEN and in the README of auth):
//  - a user passes when their department is listed, or when they are the deputy (deputy_for) of a
//    listed department;
//  - general_manager passes every department check of a route (he may open and edit what any
//    department may). This is never a signature: who signs a department review, a meeting
//    attendance or a conclusion is decided by the review workflow (src/review/case-logic.ts), where
//    only the department's own users or its registered deputy sign its part and the GM signs only
//    his own decisions and the conclusions the policy gives him;
//  - admin passes only checks that list 'admin' explicitly — administrators manage users and
//    settings but do not sign business reviews (separation of duties).
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { App, ServerContext } from '../server/context.js';
import { AppError } from '../shared/errors.js';
import type { Department } from './roles.js';
import { SESSION_COOKIE, userOfSession } from './sessions.js';
import type { User } from './user-repository.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in user, or null. Set before any /api/* handler runs. */
    user: User | null;
  }
}

const PUBLIC_PREFIXES = ['/api/docs'];

function needsSession(request: FastifyRequest): boolean {
  if (request.is404) return false;
  if (request.routeOptions.config?.public) return false;
  const path = request.url.split('?')[0] ?? '';
  if (!path.startsWith('/api/')) return false;
  return !PUBLIC_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

export function registerAuthentication(app: App, ctx: ServerContext): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) request.user = (await userOfSession(ctx.store.db, sid, ctx.clock())) ?? null;
    if (!request.user && needsSession(request)) throw new AppError('UNAUTHENTICATED');
  });
}

/** The signed-in user; throws UNAUTHENTICATED for a public route called without a session. */
export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw new AppError('UNAUTHENTICATED');
  return request.user;
}

export function departmentAllows(user: User, allowed: readonly Department[]): boolean {
  if (allowed.includes(user.department)) return true;
  if (user.deputyFor && allowed.includes(user.deputyFor)) return true;
  return user.department === 'general_manager';
}

/**
 * Pre-handler allowing only the listed departments (plus the general manager; see above).
 * Usage: `app.post('/api/reviews/:id/sign', { preHandler: requireDepartment('quality', 'sales') }, handler)`.
 */
export function requireDepartment(...allowed: Department[]): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const user = currentUser(request);
    if (!departmentAllows(user, allowed)) {
      throw new AppError('FORBIDDEN', `此操作仅限：${allowed.join('、')} / only for: ${allowed.join(', ')}`, {
        requiredDepartments: allowed,
      });
    }
  };
}
