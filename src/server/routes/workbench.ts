// The signed-in user's workbench: my open reviews, new analysed intake, overdue cases, amendment
// notices, complaints.
import { z } from 'zod';
import { currentUser } from '../../auth/authenticate.js';
import { loadReviewConfig } from '../../contracts/review-config.js';
import { workbenchFor } from '../../contracts/workbench.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';

const openReview = z.object({
  contractId: z.string(),
  number: z.string(),
  customer: z.string(),
  department: z.string(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
});

export const workbenchRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/workbench',
    {
      schema: {
        tags: ['contracts'],
        summary: '我的工作台 / My workbench',
        response: {
          200: z
            .object({
              myOpenReviews: z.array(openReview).describe('最早收到的前 50 项 / the 50 received first'),
              myOpenReviewsTotal: z.number().int(),
              overdueTotal: z.number().int(),
              newIntake: z.array(z.looseObject({ intakeId: z.string() })),
              overdue: z.array(
                z.object({
                  contractId: z.string(),
                  number: z.string(),
                  customer: z.string(),
                  deadline: z.string().nullable(),
                }),
              ),
              amendmentNotices: z
                .array(
                  z.object({
                    notificationId: z.string(),
                    contractId: z.string(),
                    number: z.string(),
                    customer: z.string(),
                    message: z.object({ zh: z.string(), en: z.string() }),
                    at: z.string(),
                  }),
                )
                .describe('未读的合同变更通知 / amendment notices not yet read'),
              recentComplaints: z.array(z.looseObject({ id: z.string() })),
            })
            .meta({ id: 'Workbench' }),
          ...problemResponses(401),
        },
      },
    },
    async (request) =>
      workbenchFor(ctx.store.db, currentUser(request), ctx.clock(), await loadReviewConfig(ctx.store.db)),
  );
};
