// The sign-in gate and the permission matrix: one onRequest hook in front of every route, deny by
// default.
//
// Whether a request needs a session, and which departments may make it, is decided on the route
// the router matched, never on the raw URL (the router decodes `/%61pi/…` to `/api/…`; a raw-URL
// check let such requests through). Each route's row in the permission matrix (permissions.ts) is
// attached to the route as it is registered; a route without a row stops the server from starting.
// Requests that match no API route but read as one under a lenient decoding (`//api/…`, `/API/…`,
// `/api./…`) are refused too, so no fallback route can answer for the API.
//
// Passing a route's row is never a signature: who signs a department review, a meeting attendance
// or a conclusion is decided by the review workflow (src/review/case-logic.ts).
import type { FastifyRequest } from 'fastify';
import type { App, ServerContext } from '../server/context.js';
import { AppError } from '../shared/errors.js';
import { type Access, accessOf, departmentMay, PUBLIC } from './permissions.js';
import { isApiPath } from './request-path.js';
import { DEPARTMENT_LABELS } from './roles.js';
import { SESSION_COOKIE, userOfSession } from './sessions.js';
import type { User } from './user-repository.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's row in the permission matrix (set from permissions.ts, never by the route). */
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route registered, in order, with its matrix row: the permission test walks it. */
    routeTable: RouteTableEntry[];
  }
  interface FastifyRequest {
    /** The signed-in user, or null. Set before any /api/* handler runs. */
    user: User | null;
  }
}

export interface RouteTableEntry {
  method: string;
  url: string;
  access: Access;
}

/** Whether this request may only run with a session. Exported for the gate's tests. */
export function needsSession(request: FastifyRequest): boolean {
  const route = request.is404 ? undefined : request.routeOptions.url;
  const aimedAtApi = isApiPath(request.url);
  if (route === undefined) return aimedAtApi;
  const isPublic = request.routeOptions.config?.access === PUBLIC;
  if (!isPublic) return true;
  // A public non-API route (the web app's catch-all) must not answer what reads as an API path.
  return aimedAtApi && !isApiPath(route);
}

export function registerAuthentication(app: App, ctx: ServerContext): void {
  app.decorateRequest('user', null);
  const table: RouteTableEntry[] = [];
  app.decorate('routeTable', table);
  // Must be registered before any route (the docs plugin's included): each takes its row as it is added.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const rows = methods.map((method) => ({ method, url: route.url, access: accessOf(method, route.url) }));
    const missing = rows.filter((r) => r.access === undefined);
    if (missing.length > 0) {
      throw new Error(
        `route missing from the permission matrix (src/auth/permissions.ts): ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`,
      );
    }
    const access = rows[0]!.access!;
    if (rows.some((r) => r.access !== access)) {
      throw new Error(`one route, several matrix rows: ${route.url} (register each method on its own)`);
    }
    if (route.config && 'access' in route.config) {
      throw new Error(`${route.url}: who may call a route is set in the permission matrix, not on the route`);
    }
    route.config = { ...(route.config ?? {}), access };
    for (const r of rows) table.push({ method: String(r.method), url: r.url, access });
  });
  app.addHook('onRequest', async (request) => {
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) request.user = (await userOfSession(ctx.store.db, sid, ctx.clock())) ?? null;
    if (!request.user) {
      if (needsSession(request)) throw new AppError('UNAUTHENTICATED');
      return;
    }
    const access = request.is404 ? undefined : request.routeOptions.config?.access;
    if (access !== undefined && !departmentMay(access, request.user.department, request.user.deputyFor)) {
      throw forbidden(access);
    }
  });
}

function forbidden(access: Access): AppError {
  const allowed = typeof access === 'string' ? [] : access;
  const zh = allowed.map((d) => DEPARTMENT_LABELS[d].zh).join('、');
  const en = allowed.map((d) => DEPARTMENT_LABELS[d].en).join(', ');
  return new AppError(
    'FORBIDDEN',
    { zh: `此操作仅限：${zh}`, en: `only for: ${en}` },
    { requiredDepartments: allowed },
  );
}

/** The signed-in user; throws UNAUTHENTICATED for a public route called without a session. */
export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw new AppError('UNAUTHENTICATED');
  return request.user;
}
