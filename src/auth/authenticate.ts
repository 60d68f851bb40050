// The sign-in gate: one onRequest hook in front of every route, deny by default.
//
// Whether a request needs a session is decided on the route the router matched, never on the raw
// URL (the router decodes `/%61pi/…` to `/api/…`; a raw-URL check let such requests through). A
// matched route is public only when it says so (`config: { public: true }`: health, login, the
// API docs, Duckling's /parse, the web app's files). Requests that match no API route but read as
// one under a lenient decoding (`//api/…`, `/API/…`, `/api./…`) are refused too, so no fallback
// route can answer for the API.
//
// Department rules (docs/errors.md, FORBIDDEN):
//  - a user passes when their department is listed, or when they are the registered deputy
//    (deputy_for) of a listed business department;
//  - the general manager passes business department checks (he may open and edit what any
//    department may), never an administration check: the GM runs the business, administrators
//    run the system. Passing a route's check is never a signature: who signs a department review,
//    a meeting attendance or a conclusion is decided by the review workflow
//    (src/review/case-logic.ts), where only the department's own users or its registered deputy
//    sign its part and the GM signs only his own decisions and the conclusions the policy gives him;
//  - admin passes only checks that list 'admin' explicitly, and nobody is a deputy of admin.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { App, ServerContext } from '../server/context.js';
import { AppError } from '../shared/errors.js';
import { isApiPath } from './request-path.js';
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

/** Routes registered by the API documentation plugin: public, like the document they serve. */
const DOCS_PREFIX = '/api/docs';

/** Whether this request may only run with a session. Exported for the gate's tests. */
export function needsSession(request: FastifyRequest): boolean {
  const route = request.is404 ? undefined : request.routeOptions.url;
  const aimedAtApi = isApiPath(request.url);
  if (route === undefined) return aimedAtApi;
  const isPublic = request.routeOptions.config?.public === true;
  if (!isPublic) return true;
  // A public non-API route (the web app's catch-all) must not answer what reads as an API path.
  return aimedAtApi && !isApiPath(route);
}

export function registerAuthentication(app: App, ctx: ServerContext): void {
  app.decorateRequest('user', null);
  // Must be registered before the docs plugin so its routes are marked public as they are added.
  app.addHook('onRoute', (route) => {
    if (route.url === DOCS_PREFIX || route.url.startsWith(`${DOCS_PREFIX}/`)) {
      route.config = { ...(route.config ?? {}), public: true };
    }
  });
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

/** Departments that administer the system rather than run the business. */
const ADMINISTRATION: readonly Department[] = ['admin'];

export function departmentAllows(user: User, allowed: readonly Department[]): boolean {
  if (allowed.includes(user.department)) return true;
  if (user.deputyFor && !ADMINISTRATION.includes(user.deputyFor) && allowed.includes(user.deputyFor))
    return true;
  return user.department === 'general_manager' && allowed.some((d) => !ADMINISTRATION.includes(d));
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
