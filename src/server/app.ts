// Builds the HTTP application without listening, so tests drive it with app.inject() and
// serve.ts owns the socket and the process signals.
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import {
  createJsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { authRoutes } from '../auth/auth-routes.js';
import { registerAuthentication } from '../auth/authenticate.js';
import { LoginThrottle, type ThrottleOptions } from '../auth/login-throttle.js';
import { registerSameOriginCheck } from '../auth/same-origin.js';
import { userRoutes } from '../auth/user-routes.js';
import type { Config, MailConfig } from '../config/config.js';
import { useCjkFont } from '../contracts/record-files.js';
import { FileStore } from '../intake/file-store.js';
import { IntakeJobs } from '../jobs/intake-jobs.js';
import { AppError } from '../shared/errors.js';
import { findUnsafeValue } from '../shared/values.js';
import { waitInWords } from '../shared/wait-words.js';
import type { Store } from '../store/connect.js';
import { registerBackground } from './background.js';
import type { App, RouteModule, ServerContext } from './context.js';
import { errorHandler, notFoundHandler } from './problem.js';
import { analysisRoutes } from './routes/analysis.js';
import { auditRoutes } from './routes/audit.js';
import { capabilityRoutes } from './routes/capability.js';
import { catalogRoutes } from './routes/catalog.js';
import { contractAttachmentRoutes } from './routes/contract-attachments.js';
import { contractsRoutes } from './routes/contracts.js';
import { csrEvaluationRoutes } from './routes/csr-evaluations.js';
import { customersRoutes } from './routes/customers.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { feedbackRoutes } from './routes/feedback.js';
import { healthRoutes } from './routes/health.js';
import { intakeRoutes } from './routes/intake.js';
import { lawsRoutes } from './routes/laws.js';
import { mailboxRoutes } from './routes/mailbox.js';
import { planningRoutes } from './routes/planning.js';
import { rulesRoutes } from './routes/rules.js';
import { settingsRoutes } from './routes/settings.js';
import { webStaticRoutes } from './web-static.js';

/** Every feature's routes; a new feature appends its module here. */
export const ROUTE_MODULES: RouteModule[] = [
  healthRoutes,
  authRoutes,
  userRoutes,
  analysisRoutes,
  dashboardRoutes,
  rulesRoutes,
  catalogRoutes,
  customersRoutes,
  contractsRoutes,
  contractAttachmentRoutes,
  settingsRoutes,
  feedbackRoutes,
  capabilityRoutes,
  csrEvaluationRoutes,
  intakeRoutes,
  mailboxRoutes,
  auditRoutes,
  lawsRoutes,
  planningRoutes,
  // Last: the web application's catch-all GET for non-/api paths.
  webStaticRoutes,
];

export interface BuildAppOptions {
  config: Config;
  store: Store;
  /** A pino logger; omitted → silent (tests). */
  logger?: FastifyBaseLogger;
  clock?: () => Date;
  loginThrottle?: ThrottleOptions;
  /** Largest JSON body accepted, in bytes (uploads have their own limit: config.uploadMaxBytes). */
  bodyLimit?: number;
  /** The intake queue; omitted → one on this store without OCR/ASR engines (tests start its worker). */
  intake?: IntakeJobs;
  /** E-mail notifications, sent by a background loop once the server listens; omitted → inbox only. */
  mail?: MailConfig | null;
}

export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;

export async function buildApp(opts: BuildAppOptions): Promise<App> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Requests carry a short id in logs; clients may pass their own for correlation.
    requestIdHeader: 'x-request-id',
    trustProxy: opts.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  useCjkFont(opts.config.cjkFont);

  const ctx: ServerContext = {
    config: opts.config,
    store: opts.store,
    clock: opts.clock ?? (() => new Date()),
    loginThrottle: new LoginThrottle(opts.loginThrottle),
    intake: opts.intake ?? new IntakeJobs({ store: opts.store, files: new FileStore(opts.config.uploadDir) }),
  };
  // The intake worker, mail sender, mailbox poller and deadline check: started by listen(), stopped
  // when the app closes (which also closes the queue connections an enqueue may have opened).
  registerBackground(app, ctx, { mail: opts.mail ?? null });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design writes its CSS-in-JS into <style> elements; the API docs page styles inline too.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // The docs page and downloads are same-origin; nothing here is meant to be embedded elsewhere.
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
  // Per-address limits only where a route asks for them (`config: { rateLimit: … }`): the public
  // endpoints that do work for anonymous callers.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const wait = Math.max(1, Math.ceil(context.ttl / 1000));
      const words = waitInWords(wait);
      return new AppError(
        'RATE_LIMITED',
        {
          zh: `请求过于频繁（每分钟最多 ${context.max} 次），请 ${words.zh}后再试`,
          en: `too many requests (at most ${context.max} a minute); retry in ${words.en}`,
        },
        { retryAfterSeconds: wait },
      );
    },
  });
  // Before the session is looked up: a forged cross-site write is refused without touching it.
  registerSameOriginCheck(app, opts.config.allowedOrigins);
  // Before any route (the docs plugin's included) is added: the gate marks and guards them all.
  registerAuthentication(app, ctx);
  // Free-form parts of bodies (rule conditions, the review policy, event payloads) are stored as
  // JSON too, and ids in paths and queries reach SQL: whatever a route's schema says, no NUL byte
  // (which PostgreSQL refuses with an error) or infinite number reaches a database.
  app.addHook('preValidation', async (request) => {
    const parts = { params: request.params, querystring: request.query, body: request.body };
    for (const [where, value] of Object.entries(parts)) {
      const unsafe = findUnsafeValue(value);
      if (unsafe) {
        throw new AppError('VALIDATION_FAILED', `${unsafe.path}：${unsafe.message}`, {
          errors: [{ in: where, path: unsafe.path, message: unsafe.message }],
        });
      }
    }
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '识需 Shixu API',
        description:
          '客户需求识别与合同评审 / Customer requirement identification and contract review. ' +
          'Errors are RFC 9457 problem+json; codes are listed at /api/errors.',
        version: process.env.npm_package_version ?? '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'shixu_session' } },
      },
      security: [{ session: [] }],
    },
    transform: createJsonSchemaTransform({ skipList: [] }),
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  for (const routes of ROUTE_MODULES) await routes(app, ctx);
  await app.ready();
  return app;
}
