// The review policy an administrator edits: the 48-h clock (budget, reminders, escalations and to
// whom, pause while awaiting the customer, business hours with holidays), the meeting quorum, who
// signs conclusions per class and whether finance always reviews. Stored as validated JSON in
// `settings` with a version; a save that names a stale version is refused (409), never merged.
//
// What a change affects: the workflow reads the policy at every step, so open cases follow the new
// policy from the next step on. Cases not yet answered get their reminder/escalation instants
// recomputed from the new policy in the same transaction as the save (the deadline check only
// wakes a case at its stored `next_wake_at`, so that column must follow the policy). Milestones
// already fired stay fired; feedback already sent keeps the compliance it was judged with.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { CONTRACT_CLASSES } from '../analysis/result.js';
import { DEPARTMENTS } from '../auth/roles.js';
import { DEFAULT_CLOCK_CONFIG } from '../review/feedback-clock.js';
import { DEFAULT_ROUTING, ROUTING_TRIGGERS } from '../review/routing-policy.js';
import type { RecordSettings, ReviewConfig } from '../review/types.js';
import { REVIEWING_DEPARTMENTS } from '../review/types.js';
import { AppError } from '../shared/errors.js';
import { YEAR_MESSAGE, yearInRange } from '../shared/values.js';
import { type Actor, type AuditAction, recordAudit } from '../store/audit.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { isTimeZone } from './review-labels.js';

export type ReviewPolicy = Omit<ReviewConfig, 'salesManagers' | 'salesPlanners' | 'deputies'>;

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = {
  clock: DEFAULT_CLOCK_CONFIG,
  meetingQuorum: { minDepartments: 3, mustInclude: ['technical', 'quality'] },
  conclusionAuthority: { regular: 'sales_manager', special: 'general_manager', temporary: 'sales_manager' },
  financeAlwaysReviews: false,
  routing: DEFAULT_ROUTING,
};

export const DEFAULT_RECORD_SETTINGS: RecordSettings = {
  companyName: '',
  formNumber: 'QR-8.2-01',
  formRevision: 'A/0',
  timeZone: 'Asia/Shanghai',
};

export const REVIEW_POLICY_KEY = 'review_policy';

/** Departments that can sit in a review meeting (the administrator never reviews). */
const MEETING_DEPARTMENTS = DEPARTMENTS.filter((d) => d !== 'admin');
const ESCALATION_TARGETS = ['owner', 'sales_manager', 'general_manager'] as const;
const MAX_HOURS = 24 * 30;

const hours = (field: string) =>
  z
    .number({ error: `${field}必须是数字 / must be a number` })
    .positive({ error: `${field}必须大于 0 / must be > 0` })
    .max(MAX_HOURS, { error: `${field}不能超过 ${MAX_HOURS} 小时 / must be ≤ ${MAX_HOURS} h` });

const localDate = (field: string) =>
  z.iso
    .date({ error: `${field}必须是 YYYY-MM-DD 日期 / must be a YYYY-MM-DD date` })
    .refine(yearInRange, `${field}：${YEAR_MESSAGE}`);

const businessHoursSchema = z
  .object({
    startHour: z
      .number()
      .int({ error: '上班时间（startHour）必须是 0–23 的整数 / startHour must be an integer 0–23' })
      .min(0, { error: '上班时间（startHour）必须是 0–23 / startHour must be 0–23' })
      .max(23, { error: '上班时间（startHour）必须是 0–23 / startHour must be 0–23' }),
    endHour: z
      .number()
      .int({ error: '下班时间（endHour）必须是 1–24 的整数 / endHour must be an integer 1–24' })
      .min(1, { error: '下班时间（endHour）必须是 1–24 / endHour must be 1–24' })
      .max(24, { error: '下班时间（endHour）必须是 1–24 / endHour must be 1–24' }),
    utcOffsetMinutes: z
      .number()
      .int()
      .min(-720, { error: '时区偏移（utcOffsetMinutes）必须在 −720 到 840 之间 / must be −720…840' })
      .max(840, { error: '时区偏移（utcOffsetMinutes）必须在 −720 到 840 之间 / must be −720…840' }),
    excludeWeekends: z.boolean(),
    closedDays: z.array(localDate('节假日（closedDays）')).max(400).optional(),
    workingWeekendDays: z.array(localDate('调休工作日（workingWeekendDays）')).max(400).optional(),
  })
  .refine((b) => b.endHour > b.startHour, {
    error: '下班时间必须晚于上班时间 / endHour must be after startHour',
    path: ['endHour'],
  });

const clockSchema = z
  .object({
    budgetHours: hours('反馈时限（budgetHours）'),
    reminderHours: z.array(hours('提醒时间（reminderHours）')).max(10),
    escalations: z
      .array(
        z.object({
          atHours: hours('升级时间（escalations.atHours）'),
          to: z
            .array(z.enum(ESCALATION_TARGETS, { error: '升级对象无效 / unknown escalation target' }))
            .min(1, { error: '升级对象（escalations.to）至少一个 / name at least one target' }),
        }),
      )
      .max(10),
    pauseWhileAwaitingCustomer: z.boolean(),
    businessHours: businessHoursSchema.nullable(),
  })
  .superRefine((c, ctx) => {
    c.reminderHours.forEach((h, i) => {
      if (h >= c.budgetHours)
        ctx.addIssue({
          code: 'custom',
          path: ['reminderHours', i],
          message: `提醒时间 ${h} 小时必须早于反馈时限 ${c.budgetHours} 小时 / reminders must come before the budget`,
        });
    });
    if (new Set(c.reminderHours).size !== c.reminderHours.length)
      ctx.addIssue({
        code: 'custom',
        path: ['reminderHours'],
        message: '提醒时间不能重复 / reminder hours must be distinct',
      });
    // Milestone keys are `escalation@<h>h`: two escalations at one hour would share a key.
    const at = c.escalations.map((e) => e.atHours);
    if (new Set(at).size !== at.length)
      ctx.addIssue({
        code: 'custom',
        path: ['escalations'],
        message: '升级时间不能重复 / escalation hours must be distinct',
      });
  });

const CLASS_ZH = { regular: '常规', special: '特殊', temporary: '临时' } as const;
const ROUTED = [...REVIEWING_DEPARTMENTS, 'general_manager'] as const;

const classRoutingSchema = (cls: keyof typeof CLASS_ZH) =>
  z
    .object({
      required: z
        .array(
          z.enum(ROUTED, {
            error: `${CLASS_ZH[cls]}合同的必审部门只能是 ${ROUTED.join('、')} / unknown department`,
          }),
        )
        .max(ROUTED.length)
        .describe('总是评审本类合同的部门（案件的最低要求）/ always review this class (the minimum)'),
      conditional: z
        .array(
          z
            .object({
              department: z.enum(REVIEWING_DEPARTMENTS, {
                error: `条件评审部门只能是 ${REVIEWING_DEPARTMENTS.join('、')} / unknown department`,
              }),
              when: z
                .array(
                  z.enum(ROUTING_TRIGGERS, {
                    error: `触发条件只能是 ${ROUTING_TRIGGERS.join('、')} / unknown trigger`,
                  }),
                )
                .min(1, { error: '至少一个触发条件 / name at least one trigger' }),
            })
            .strict(),
        )
        .max(REVIEWING_DEPARTMENTS.length)
        .describe('订单内容触发时加入的部门 / join when the order triggers them'),
    })
    .strict()
    .superRefine((c, ctx) => {
      if (new Set(c.required).size !== c.required.length)
        ctx.addIssue({
          code: 'custom',
          path: ['required'],
          message: '必审部门不能重复 / duplicate department',
        });
      if (!c.required.includes('sales'))
        ctx.addIssue({
          code: 'custom',
          path: ['required'],
          message: `${CLASS_ZH[cls]}合同须由销售部评审 / sales reviews every contract`,
        });
      // The review group of a special contract is the GM with the department heads; the GM decides
      // in the meeting and signs no department part in other classes.
      if (cls === 'special' && !c.required.includes('general_manager'))
        ctx.addIssue({
          code: 'custom',
          path: ['required'],
          message: '特殊合同评审组须含总经理 / the special review group includes the general manager',
        });
      if (cls !== 'special' && c.required.includes('general_manager'))
        ctx.addIssue({
          code: 'custom',
          path: ['required'],
          message: `总经理只参加特殊合同评审会 / the GM sits only on special reviews`,
        });
      c.conditional.forEach((x, i) => {
        if (c.required.includes(x.department))
          ctx.addIssue({
            code: 'custom',
            path: ['conditional', i, 'department'],
            message: `${x.department} 已是必审部门 / already always reviews`,
          });
      });
    });

export const routingPolicySchema = z
  .object({
    regular: classRoutingSchema('regular'),
    special: classRoutingSchema('special'),
    temporary: classRoutingSchema('temporary'),
    largeOrderTonnes: z
      .number({ error: '大批量吨数（largeOrderTonnes）必须是数字 / must be a number' })
      .positive({ error: '大批量吨数（largeOrderTonnes）必须大于 0 / must be > 0' })
      .max(1_000_000, { error: '大批量吨数（largeOrderTonnes）过大 / too large' }),
  })
  .strict()
  .meta({
    id: 'ReviewRouting',
    description: '各类合同的评审部门（路由表）/ which departments review each class of contract',
  });

export const reviewPolicySchema = z
  .object({
    clock: clockSchema,
    meetingQuorum: z.object({
      minDepartments: z
        .number()
        .int({ error: '会议法定人数（minDepartments）必须是整数 / must be an integer' })
        .min(1, { error: '会议法定人数（minDepartments）至少 1 个部门 / at least 1' })
        .max(MEETING_DEPARTMENTS.length, {
          error: `会议法定人数（minDepartments）最多 ${MEETING_DEPARTMENTS.length} 个部门 / at most ${MEETING_DEPARTMENTS.length}`,
        }),
      mustInclude: z
        .array(
          z.enum(MEETING_DEPARTMENTS, {
            error: `必须出席的部门（mustInclude）只能是 ${MEETING_DEPARTMENTS.join('、')} / unknown department`,
          }),
        )
        .refine((l) => new Set(l).size === l.length, {
          error: '必须出席的部门不能重复 / duplicate department',
        }),
      gmDeputy: z
        .string()
        .min(1, { error: '总经理会议代理人（gmDeputy）须为用户 id / must be a user id' })
        .nullable()
        .optional()
        .describe('特殊合同评审会上代表总经理的用户 id；不填 = 总经理本人 / user who sits in for the GM'),
    }),
    conclusionAuthority: z.object(
      Object.fromEntries(
        CONTRACT_CLASSES.map((c) => [
          c,
          z.enum(['sales_manager', 'general_manager'], {
            error: `结论签署人（conclusionAuthority.${c}）只能是 sales_manager 或 general_manager`,
          }),
        ]),
      ) as Record<
        (typeof CONTRACT_CLASSES)[number],
        z.ZodEnum<{ sales_manager: 'sales_manager'; general_manager: 'general_manager' }>
      >,
    ),
    financeAlwaysReviews: z.boolean({ error: 'financeAlwaysReviews 必须是 true 或 false' }),
    routing: routingPolicySchema
      .optional()
      .describe('各类合同的评审部门；不填 = 程序文件规定的默认表 / the routing table; absent = the default'),
    record: z
      .object({
        companyName: z
          .string()
          .trim()
          .max(200, { error: '公司名称（record.companyName）最多 200 字 / at most 200 characters' }),
        formNumber: z
          .string()
          .trim()
          .min(1, { error: '表单编号（record.formNumber）不能为空 / required' })
          .max(40, { error: '表单编号（record.formNumber）最多 40 字 / at most 40 characters' }),
        formRevision: z
          .string()
          .trim()
          .min(1, { error: '表单版本（record.formRevision）不能为空 / required' })
          .max(20, { error: '表单版本（record.formRevision）最多 20 字 / at most 20 characters' }),
        timeZone: z.string().refine(isTimeZone, {
          error: '时区（record.timeZone）须为 IANA 时区名，如 Asia/Shanghai / must be an IANA zone',
        }),
      })
      .strict()
      .optional()
      .describe('评审记录表头：公司名称、表单编号与版本、时区 / how the review record is headed and dated'),
  })
  .strict()
  .meta({ id: 'ReviewPolicy', description: '评审策略 / review policy' });

export interface StoredReviewPolicy {
  policy: ReviewPolicy;
  /** 0 = the built-in default, never saved. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Field path and message of each problem, e.g. `clock.reminderHours.1: 提醒时间 …`. */
export function policyIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(policy)', message: i.message }));
}

export function parseReviewPolicy(input: unknown): ReviewPolicy {
  const parsed = reviewPolicySchema.safeParse(input);
  if (parsed.success) return parsed.data as ReviewPolicy;
  const issues = policyIssues(parsed.error);
  throw new AppError(
    'VALIDATION_FAILED',
    {
      zh: `评审策略无效：${issues.map((i) => `${i.path}: ${i.message}`).join('；')}`,
      en: `invalid review policy: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    },
    {
      errors: issues.map((i) => ({
        in: 'body',
        path: `/${i.path.replaceAll('.', '/')}`,
        message: i.message,
      })),
    },
  );
}

export async function getReviewPolicy(db: Kysely<Database>): Promise<StoredReviewPolicy> {
  const row = await db
    .selectFrom('settings')
    .selectAll()
    .where('key', '=', REVIEW_POLICY_KEY)
    .executeTakeFirst();
  if (!row) return { policy: DEFAULT_REVIEW_POLICY, version: 0, updatedAt: null, updatedBy: null };
  // A stored policy that no longer validates (hand-edited row) must not stop every review: the
  // default applies and the settings page shows it for an administrator to save again.
  const parsed = reviewPolicySchema.safeParse(JSON.parse(row.value));
  const policy = parsed.success ? (parsed.data as ReviewPolicy) : DEFAULT_REVIEW_POLICY;
  return {
    // Saved before routing was a setting: the procedure's table.
    policy: { ...policy, routing: policy.routing ?? DEFAULT_ROUTING },
    version: Number(row.version),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/**
 * Saves a new policy when `expectedVersion` is the stored one (0 before the first save); otherwise
 * STALE_VERSION with the current version. `reschedule` recomputes open cases' clocks in the same
 * transaction (see the file comment).
 */
export async function saveReviewPolicy(
  db: Kysely<Database>,
  actor: Actor,
  input: unknown,
  expectedVersion: number,
  now: Date,
  reschedule: (trx: Kysely<Database>, policy: ReviewPolicy) => Promise<number>,
  audit: { action: AuditAction; part?: (p: ReviewPolicy) => unknown } = { action: 'settings.updated' },
): Promise<StoredReviewPolicy & { rescheduledCases: number }> {
  const given = parseReviewPolicy(input);
  return inTransaction(db, async (trx) => {
    await checkGmDeputy(trx, given.meetingQuorum.gmDeputy);
    const before = await getReviewPolicy(trx);
    // A policy sent without its routing table (a client that predates it) keeps the stored one.
    const policy = { ...given, routing: given.routing ?? before.policy.routing ?? DEFAULT_ROUTING };
    if (before.version !== expectedVersion) {
      throw new AppError(
        'STALE_VERSION',
        {
          zh: `评审策略已被他人修改（当前版本 ${before.version}），请刷新后再改`,
          en: `the policy was changed by someone else (now version ${before.version}); reload and edit again`,
        },
        { reason: 'STALE_VERSION', currentVersion: before.version },
      );
    }
    const at = now.toISOString();
    const version = before.version + 1;
    const value = JSON.stringify(policy);
    if (before.version === 0) {
      await trx
        .insertInto('settings')
        .values({ key: REVIEW_POLICY_KEY, value, version, updated_at: at, updated_by: actor.id })
        .execute();
    } else {
      const updated = await trx
        .updateTable('settings')
        .set({ value, version, updated_at: at, updated_by: actor.id })
        .where('key', '=', REVIEW_POLICY_KEY)
        .where('version', '=', before.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new AppError(
          'STALE_VERSION',
          { zh: '评审策略已被他人修改', en: 'the policy was changed by someone else' },
          {
            reason: 'STALE_VERSION',
          },
        );
      }
    }
    const part = audit.part ?? ((p: ReviewPolicy) => p);
    await recordAudit(trx, actor, {
      action: audit.action,
      entityId: REVIEW_POLICY_KEY,
      before: { version: before.version, policy: part(before.policy) },
      after: { version, policy: part(policy) },
      at,
    });
    const rescheduledCases = await reschedule(trx, policy);
    return { policy, version, updatedAt: at, updatedBy: actor.id, rescheduledCases };
  });
}

/**
 * Saves a new routing table (the rest of the policy unchanged), under the policy's version: a stale
 * one is refused like any policy save. Audited as `settings.review_routing_updated` with the table
 * before and after.
 */
export async function saveRoutingPolicy(
  db: Kysely<Database>,
  actor: Actor,
  input: unknown,
  expectedVersion: number,
  now: Date,
): Promise<StoredReviewPolicy> {
  const parsed = routingPolicySchema.safeParse(input);
  if (!parsed.success) {
    const issues = policyIssues(parsed.error);
    throw new AppError(
      'VALIDATION_FAILED',
      {
        zh: `评审路由表无效：${issues.map((i) => `${i.path}: ${i.message}`).join('；')}`,
        en: `invalid routing table: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      },
      {
        errors: issues.map((i) => ({
          in: 'body',
          path: `/routing/${i.path.replaceAll('.', '/')}`,
          message: i.message,
        })),
      },
    );
  }
  const current = await getReviewPolicy(db);
  const { rescheduledCases: _n, ...saved } = await saveReviewPolicy(
    db,
    actor,
    { ...current.policy, routing: parsed.data },
    expectedVersion,
    now,
    async () => 0,
    { action: 'settings.review_routing_updated', part: (p) => p.routing ?? DEFAULT_ROUTING },
  );
  return saved;
}

/** The GM's meeting deputy must be an active user: the review meeting will ask them to confirm. */
async function checkGmDeputy(db: Kysely<Database>, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const user = await db.selectFrom('users').select(['active']).where('id', '=', userId).executeTakeFirst();
  if (user && Number(user.active) === 1) return;
  const message = `总经理会议代理人（gmDeputy）须为在职用户 / gmDeputy must be an active user: ${userId}`;
  throw new AppError(
    'VALIDATION_FAILED',
    { zh: `评审策略无效：${message}`, en: `invalid review policy: ${message}` },
    {
      errors: [{ in: 'body', path: '/meetingQuorum/gmDeputy', message }],
    },
  );
}
