// What every route module receives. Route modules are functions (app, ctx) registered in app.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { Config } from '../config/config.js';
import type { IntakeJobs } from '../jobs/intake-jobs.js';
import type { Store } from '../store/connect.js';

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface ServerContext {
  config: Config;
  store: Store;
  /** Current time; tests pass a controllable clock to check session expiry. */
  clock: () => Date;
  loginThrottle: LoginThrottle;
  /** Accepts intake records and queues their processing (its worker is one of the background loops, background.ts). */
  intake: IntakeJobs;
}

/** A feature's routes. Add the module to ROUTE_MODULES in src/server/app.ts. */
export type RouteModule = (app: App, ctx: ServerContext) => void | Promise<void>;
