// Liveness and readiness for the operator and for container orchestration.
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError, ERROR_CATALOGUE } from '../../shared/errors.js';
import { describeTarget } from '../../store/connect.js';
import { pendingMigrations } from '../../store/migrate.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';

const VERSION = process.env.npm_package_version ?? '0.1.0';

export const healthRoutes: RouteModule = (app, ctx) => {
  const startedAt = Date.now();

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['operations'],
        summary: '存活检查 / Liveness: 200 whenever the process runs',
        response: {
          200: z.object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number() }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      version: VERSION,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    }),
  );

  app.get(
    '/api/ready',
    {
      schema: {
        tags: ['operations'],
        summary: '就绪检查 / Readiness: database reachable and schema current',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.enum(['sqlite', 'postgres']) }),
          ...problemResponses(503),
        },
      },
    },
    async () => {
      const target = describeTarget(ctx.store.config);
      let pending: string[];
      try {
        await sql`select 1`.execute(ctx.store.db);
        pending = await pendingMigrations(ctx.store);
      } catch (err) {
        throw new AppError('DATABASE_UNAVAILABLE', {
          zh: `无法访问数据库 ${target}`,
          en: `database ${target} unreachable: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
      if (pending.length > 0) {
        throw new AppError(
          'MIGRATIONS_PENDING',
          {
            zh: `数据库 ${target} 有未执行的迁移：${pending.join(', ')}（请运行 shixu migrate 或重启服务）`,
            en: `pending migrations: ${pending.join(', ')}`,
          },
          { pendingMigrations: pending },
        );
      }
      return { status: 'ready' as const, database: ctx.store.caps.name };
    },
  );

  app.get(
    '/api/errors',
    {
      schema: {
        tags: ['operations'],
        summary: '错误代码表 / Error code catalogue',
        response: {
          200: z.record(z.string(), z.object({ status: z.number(), zh: z.string(), en: z.string() })),
        },
      },
    },
    async () => {
      return Object.fromEntries(
        Object.entries(ERROR_CATALOGUE).map(([code, e]) => [code, { status: e.status, zh: e.zh, en: e.en }]),
      );
    },
  );
};
