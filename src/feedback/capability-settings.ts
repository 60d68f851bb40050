// The capability evaluation's weights, targets and teams: the administrator's setting, stored as
// validated JSON in `settings` with a version (a save naming a stale version is refused, 409) and
// every change in the audit trail with before and after. Each evaluation keeps the version and the
// weights and targets it was computed with, so history stays comparable after a change.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../shared/errors.js';
import { identifier, requiredText } from '../shared/values.js';
import { type Actor, recordAudit } from '../store/audit.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import {
  type CapabilitySettings,
  CRITERIA,
  DEFAULT_CAPABILITY_SETTINGS,
  MEASURE_DEFINITIONS,
  MEASURES,
} from './capability.js';

export const CAPABILITY_SETTINGS_KEY = 'capability_model';

const score = (field: string) =>
  z
    .number({ error: `${field}必须是数字 / must be a number` })
    .min(0, { error: `${field}不能小于 0 / must be ≥ 0` })
    .max(100, { error: `${field}不能大于 100 / must be ≤ 100` });

const perCriterion = (field: string, integer: boolean) =>
  z.object(
    Object.fromEntries(
      CRITERIA.map((c) => [
        c,
        integer
          ? score(`${field}.${c}`).int({ error: `${field}.${c}必须是整数 / must be an integer` })
          : score(`${field}.${c}`),
      ]),
    ) as Record<(typeof CRITERIA)[number], z.ZodNumber>,
  );

const measureTargetsSchema = z.object(
  Object.fromEntries(
    MEASURES.map((m) => {
      const def = MEASURE_DEFINITIONS.find((d) => d.key === m)!;
      const field = `目标 measureTargets.${m}`;
      const base = z
        .number({ error: `${field}必须是数字 / must be a number` })
        .min(0, { error: `${field}不能小于 0 / must be ≥ 0` });
      return [
        m,
        def.unit === 'h'
          ? base
              .positive({ error: `${field}必须大于 0 / must be > 0` })
              .max(720, { error: `${field}不能超过 720 小时 / must be ≤ 720 h` })
          : def.unit === 'count'
            ? base.max(1000, { error: `${field}不能超过 1000 / must be ≤ 1000` })
            : base.max(100, { error: `${field}不能大于 100 / must be ≤ 100` }),
      ];
    }),
  ) as Record<(typeof MEASURES)[number], z.ZodNumber>,
);

const teamSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, {
    error: '团队编号只能用小写字母、数字和连字符 / team id: a-z, 0-9 and -',
  }),
  name: requiredText(50),
  members: z.array(identifier()).max(200),
});

export const capabilitySettingsSchema = z
  .object({
    weights: perCriterion('权重 weights', true),
    targets: perCriterion('目标 targets', false),
    measureTargets: measureTargetsSchema,
    evidenceShare: score('数据占比 evidenceShare'),
    minEvaluated: z
      .number()
      .int({ error: '最少评价准则数必须是 1–5 的整数 / minEvaluated must be an integer 1–5' })
      .min(1, { error: '最少评价准则数必须是 1–5 / minEvaluated must be 1–5' })
      .max(5, { error: '最少评价准则数必须是 1–5 / minEvaluated must be 1–5' }),
    questionHours: z
      .number()
      .positive({ error: '澄清时限必须大于 0 小时 / questionHours must be > 0' })
      .max(720, { error: '澄清时限不能超过 720 小时 / questionHours must be ≤ 720' }),
    teams: z.array(teamSchema).max(50),
  })
  .strict()
  .superRefine((s, ctx) => {
    const sum = CRITERIA.reduce((a, c) => a + s.weights[c], 0);
    if (sum !== 100)
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: `五项准则的权重合计必须为 100（现为 ${sum}）/ the five weights must sum to 100 (now ${sum})`,
      });
    const ids = s.teams.map((t) => t.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({
        code: 'custom',
        path: ['teams'],
        message: '团队编号不能重复 / team ids must be distinct',
      });
  });

export interface StoredCapabilitySettings {
  settings: CapabilitySettings;
  /** 0 = the built-in default, never saved. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

function invalid(issues: { path: string; message: string }[]): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    {
      zh: `能力评价设置无效：${issues.map((i) => `${i.path}: ${i.message}`).join('；')}`,
      en: `invalid capability settings: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    },
    {
      errors: issues.map((i) => ({
        in: 'body',
        path: `/settings/${i.path.replaceAll('.', '/')}`,
        message: i.message,
      })),
    },
  );
}

export function parseCapabilitySettings(input: unknown): CapabilitySettings {
  const parsed = capabilitySettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalid(
    parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(settings)', message: i.message })),
  );
}

export async function getCapabilitySettings(db: Kysely<Database>): Promise<StoredCapabilitySettings> {
  const row = await db
    .selectFrom('settings')
    .selectAll()
    .where('key', '=', CAPABILITY_SETTINGS_KEY)
    .executeTakeFirst();
  if (!row) return { settings: DEFAULT_CAPABILITY_SETTINGS, version: 0, updatedAt: null, updatedBy: null };
  // A hand-edited row that no longer validates must not stop evaluations: the default applies
  // and the page shows it for the administrator to save again.
  const parsed = capabilitySettingsSchema.safeParse(JSON.parse(row.value));
  return {
    settings: parsed.success ? parsed.data : DEFAULT_CAPABILITY_SETTINGS,
    version: Number(row.version),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Saves when `expectedVersion` is the stored one (0 before the first save); else STALE_VERSION. */
export async function saveCapabilitySettings(
  db: Kysely<Database>,
  actor: Actor,
  input: unknown,
  expectedVersion: number,
  now: Date,
): Promise<StoredCapabilitySettings> {
  const settings = parseCapabilitySettings(input);
  return inTransaction(db, async (trx) => {
    const members = [...new Set(settings.teams.flatMap((t) => t.members))];
    if (members.length) {
      const known = new Set(
        (await trx.selectFrom('users').select('id').where('id', 'in', members).execute()).map((u) => u.id),
      );
      const unknown = members.filter((m) => !known.has(m));
      if (unknown.length)
        throw invalid([
          {
            path: 'teams',
            message: `团队成员不是系统用户：${unknown.join('、')} / not users: ${unknown.join(', ')}`,
          },
        ]);
    }
    const before = await getCapabilitySettings(trx);
    if (before.version !== expectedVersion) {
      throw new AppError(
        'STALE_VERSION',
        {
          zh: `能力评价设置已被他人修改（当前版本 ${before.version}），请刷新后再改`,
          en: `the capability settings were changed by someone else (now version ${before.version}); reload and edit again`,
        },
        { reason: 'STALE_VERSION', currentVersion: before.version },
      );
    }
    const at = now.toISOString();
    const version = before.version + 1;
    const value = JSON.stringify(settings);
    if (before.version === 0) {
      await trx
        .insertInto('settings')
        .values({ key: CAPABILITY_SETTINGS_KEY, value, version, updated_at: at, updated_by: actor.id })
        .execute();
    } else {
      const updated = await trx
        .updateTable('settings')
        .set({ value, version, updated_at: at, updated_by: actor.id })
        .where('key', '=', CAPABILITY_SETTINGS_KEY)
        .where('version', '=', before.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1)
        throw new AppError(
          'STALE_VERSION',
          { zh: '能力评价设置已被他人修改', en: 'the capability settings were changed by someone else' },
          { reason: 'STALE_VERSION' },
        );
    }
    await recordAudit(trx, actor, {
      action: 'settings.capability_updated',
      entityId: CAPABILITY_SETTINGS_KEY,
      before: { version: before.version, settings: before.settings },
      after: { version, settings },
      at,
    });
    return { settings, version, updatedAt: at, updatedBy: actor.id };
  });
}
