// The audit trail as people read it (the 审计日志 page and its CSV/XLSX export): each entry's object
// named as the office knows it (a contract by its number, a customer by name, a user by display name)
// rather than by its id, the people and system jobs that appear in the trail, and the export table
// with Chinese headers, local times and every entry's before and after.
import type { Kysely } from 'kysely';
import type { OutputTable } from '../io/tabular.js';
import type { AuditEvent as ReviewAuditEvent } from '../review/types.js';
import {
  AUDIT_ACTION_LABELS,
  auditActionLabel,
  auditActorLabel,
  auditEntityLabel,
  type Bilingual,
  SYSTEM_ACTOR_LABELS,
  summariseAuditChange,
} from '../shared/audit-labels.js';
import { AppError } from '../shared/errors.js';
import { type AuditAction, type AuditEntry, type AuditQuery, listAudit } from './audit.js';
import type { Database } from './schema.js';

// Every action has a label: adding an action to AUDIT_ACTIONS or a review step to AUDIT_EVENTS
// without one fails typecheck here.
void (AUDIT_ACTION_LABELS satisfies Record<AuditAction | `review.${ReviewAuditEvent}`, Bilingual>);

export type ListedAuditEntry = AuditEntry & { actorName: string | null; hash: string | null };

/** Names of the objects of `entries`, keyed `type:id`; objects without a name (or gone) are absent. */
export async function auditObjectNames(
  db: Kysely<Database>,
  entries: readonly Pick<AuditEntry, 'entityType' | 'entityId'>[],
): Promise<Map<string, string>> {
  const idsOf = (type: string) => [
    ...new Set(entries.filter((e) => e.entityType === type).map((e) => e.entityId)),
  ];
  const names = new Map<string, string>();
  const put = (type: string, rows: { id: string; name: string | null }[]) => {
    for (const r of rows) if (r.name) names.set(`${type}:${r.id}`, r.name);
  };
  const contracts = idsOf('contract');
  if (contracts.length > 0) {
    put(
      'contract',
      await db
        .selectFrom('contracts')
        .select(['id', 'number as name'])
        .where('id', 'in', contracts)
        .execute(),
    );
  }
  const customers = idsOf('customer');
  if (customers.length > 0) {
    put(
      'customer',
      await db.selectFrom('customers').select(['id', 'name']).where('id', 'in', customers).execute(),
    );
  }
  const users = idsOf('user');
  if (users.length > 0) {
    put(
      'user',
      await db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', users).execute(),
    );
  }
  const products = idsOf('product');
  if (products.length > 0) {
    put(
      'product',
      await db.selectFrom('products').select(['code as id', 'name']).where('code', 'in', products).execute(),
    );
  }
  const laws = idsOf('law');
  if (laws.length > 0) {
    put(
      'law',
      await db.selectFrom('laws').select(['id', 'number as name']).where('id', 'in', laws).execute(),
    );
  }
  // Plan items and supplier marks by the contract number and requirement they concern.
  const plans = idsOf('plan');
  if (plans.length > 0) {
    const rows = await db
      .selectFrom('plan_items')
      .innerJoin('contracts', 'contracts.id', 'plan_items.contract_id')
      .select(['plan_items.id', 'contracts.number', 'plan_items.requirement_id'])
      .where('plan_items.id', 'in', plans)
      .execute();
    put(
      'plan',
      rows.map((r) => ({ id: r.id, name: `${r.number} ${r.requirement_id}` })),
    );
  }
  const marks = idsOf('supplier_requirement');
  if (marks.length > 0) {
    const rows = await db
      .selectFrom('supplier_requirements')
      .innerJoin('contracts', 'contracts.id', 'supplier_requirements.contract_id')
      .select([
        'supplier_requirements.id',
        'contracts.number',
        'supplier_requirements.requirement_id',
        'supplier_requirements.supplier',
      ])
      .where('supplier_requirements.id', 'in', marks)
      .execute();
    put(
      'supplier_requirement',
      rows.map((r) => ({ id: r.id, name: `${r.number} ${r.requirement_id} → ${r.supplier}` })),
    );
  }
  const rules = idsOf('rule');
  if (rules.length > 0) {
    put('rule', await db.selectFrom('rules').select(['id', 'name']).where('id', 'in', rules).execute());
  }
  const intakes = idsOf('intake');
  if (intakes.length > 0) {
    put(
      'intake',
      await db
        .selectFrom('intake_records')
        .select(['id', 'file_name as name'])
        .where('id', 'in', intakes)
        .execute(),
    );
  }
  return names;
}

/** One page of the trail with each object's name (`entityName`, null where it has none). */
export async function listAuditNamed(
  db: Kysely<Database>,
  query: AuditQuery,
): Promise<{ items: (ListedAuditEntry & { entityName: string | null })[]; total: number }> {
  const page = await listAudit(db, query);
  const names = await auditObjectNames(db, page.items);
  return {
    total: page.total,
    items: page.items.map((e) => ({ ...e, entityName: names.get(`${e.entityType}:${e.entityId}`) ?? null })),
  };
}

export interface AuditActor {
  id: string;
  name: string;
  department: string | null;
}

/**
 * Everyone who appears in the trail, for the page's user filter: users by display name (also the
 * deactivated ones: their entries stay), system jobs by label. Quality reads the trail but not the
 * user list, so the filter cannot be built from GET /api/users.
 */
export async function auditActors(db: Kysely<Database>): Promise<AuditActor[]> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select(['audit_log.actor_id as id', 'users.display_name as name', 'users.department as department'])
    .where('audit_log.actor_id', 'is not', null)
    .groupBy(['audit_log.actor_id', 'users.display_name', 'users.department'])
    .execute();
  const actors = rows.map((r) => ({
    id: r.id as string,
    name: auditActorLabel(r.id, r.name, 'zh'),
    department: r.department,
  }));
  // System jobs after the people, each group by name.
  const system = (a: AuditActor) => (a.id in SYSTEM_ACTOR_LABELS ? 1 : 0);
  return actors.sort((a, b) => system(a) - system(b) || a.name.localeCompare(b.name, 'zh-CN'));
}

/** An export holds at most this many entries; a longer trail is exported in date ranges. */
export const MAX_AUDIT_EXPORT = 50_000;
const EXPORT_PAGE = 1000;

/** `YYYY-MM-DD HH:mm:ss` in the given zone: the office's clock, to the second. */
export function localDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '00';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')}`;
}

const EXPORT_HEADER = [
  '序号',
  '时间',
  '操作人',
  '部门',
  '操作',
  '操作代码',
  '对象类型',
  '对象',
  '对象编号',
  '变更摘要',
  '变更前',
  '变更后',
  '哈希',
];

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * The filtered trail as a table, newest first, in Chinese. Refused (400) when it holds more than
 * MAX_AUDIT_EXPORT entries, so one request cannot build an unbounded file in memory.
 */
export async function auditExportTable(
  db: Kysely<Database>,
  filter: Omit<AuditQuery, 'limit' | 'offset'>,
  timeZone: string,
): Promise<OutputTable> {
  const rows: (string | number | null)[][] = [];
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const page = await listAuditNamed(db, { ...filter, limit: EXPORT_PAGE, offset });
    if (offset === 0 && page.total > MAX_AUDIT_EXPORT) {
      throw new AppError(
        'VALIDATION_FAILED',
        `筛选结果共 ${page.total} 条，超过单次导出上限 ${MAX_AUDIT_EXPORT} 条，请缩小日期范围后分批导出 / ` +
          `${page.total} entries match, more than the ${MAX_AUDIT_EXPORT} one export holds; narrow the date range`,
        { errors: [{ in: 'querystring', path: '/from', message: '请缩小日期范围 / narrow the date range' }] },
      );
    }
    for (const e of page.items) {
      rows.push([
        e.id,
        localDateTime(e.at, timeZone),
        auditActorLabel(e.actorId, e.actorName, 'zh'),
        e.actorDepartment,
        auditActionLabel(e.action, 'zh'),
        e.action,
        auditEntityLabel(e.entityType, 'zh'),
        e.entityName,
        e.entityId,
        summariseAuditChange(e.before, e.after),
        json(e.before),
        json(e.after),
        e.hash,
      ]);
    }
    if (page.items.length < EXPORT_PAGE || rows.length >= MAX_AUDIT_EXPORT) break;
  }
  return { header: EXPORT_HEADER, rows };
}
