// The signed-in user's to-do list: every review step waiting for them, with where on the case page
// to take it, and amendment notices until acknowledged (POST /api/notifications/read).
import { z } from 'zod';
import { currentUser } from '../../auth/authenticate.js';
import { loadReviewConfig } from '../../contracts/review-config.js';
import { todosFor } from '../../contracts/todos.js';
import { TODO_KINDS } from '../../review/todos.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';

const bilingual = z.object({ zh: z.string(), en: z.string() });

const todoSchema = z
  .object({
    id: z.string(),
    kind: z.enum(TODO_KINDS),
    contractId: z.string(),
    number: z.string(),
    customer: z.string(),
    stage: z.string().describe('评审阶段（计划项：计划状态）/ review stage (plan items: their state)'),
    department: z.string().nullable().describe('部门评审：哪个部门 / department reviews: whose part'),
    trigger: z.enum(['initial', 'negotiation', 'amendment']).nullable(),
    resign: z.boolean().describe('作废重签后重新确认需求 / confirming again after a void-and-re-sign'),
    title: bilingual,
    href: z.string().describe('案件页中办理该事项的位置 / where on the case page to take the step'),
    since: z.string(),
    deadline: z.string().nullable().describe('48 小时反馈截止 / 48-hour feedback deadline'),
    overdue: z.boolean(),
    notificationId: z
      .string()
      .nullable()
      .describe('变更通知：确认知悉时标为已读 / amendment notice: mark read to acknowledge'),
    message: bilingual.nullable(),
  })
  .meta({ id: 'Todo' });

export const todosRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/todos',
    {
      schema: {
        tags: ['notifications'],
        summary: '我的待办 / My to-dos',
        description:
          '由案件状态算出：临时合同依据、部门评审、会议确认、协商、总经理决定、评审结论、48 小时反馈、客户确认、合同变更通知。逾期的在前；分页（page、pageSize），total 为全部待办数。 / Computed from the cases: temporary contract bases, department reviews, meeting confirmations, negotiations, GM decisions, conclusions, 48-hour feedback, customer confirmation, amendment notices. Overdue first; paged (page, pageSize), total counts them all.',
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z
            .object({
              items: z.array(todoSchema),
              total: z.number().int().describe('全部待办数（各页合计）/ every to-do, all pages'),
              page: z.number().int(),
              pageSize: z.number().int(),
            })
            .meta({ id: 'Todos' }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) =>
      todosFor(ctx.store.db, currentUser(request), ctx.clock(), await loadReviewConfig(ctx.store.db), {
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
  );
};
