// People, orders and a step driver for the contract-case tests, over a real database.
import type { Kysely } from 'kysely';
import {
  applyCaseEvent,
  type CaseContext,
  type ManualCaseInput,
} from '../../src/contracts/case-repository.js';
import { grantReviewTitle, loadReviewConfig } from '../../src/contracts/review-config.js';
import type { Actor, ReviewConfig, ReviewEvent, ReviewingDepartment } from '../../src/review/types.js';
import type { ReviewState } from '../../src/review/workflow.js';
import type { Database } from '../../src/store/schema.js';
import { PEOPLE, TERMS } from '../review/fixtures.js';

export { PEOPLE };
export const T0 = Date.parse('2026-11-23T01:00:00.000Z');
export const at = (hours: number) => new Date(T0 + hours * 3_600_000);

/** Creates the fixture people as users (ids = their user ids) and the sales manager title. */
export async function seedPeople(db: Kysely<Database>): Promise<void> {
  const now = new Date(T0).toISOString();
  for (const p of Object.values(PEOPLE)) {
    const exists = await db.selectFrom('users').select('id').where('id', '=', p.userId).executeTakeFirst();
    if (exists) continue;
    await db
      .insertInto('users')
      .values({
        id: p.userId,
        username: p.userId,
        display_name: p.userId,
        password_hash: 'not-used-by-these-tests',
        department: p.department,
        deputy_for: 'deputyFor' in p ? p.deputyFor : null,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await grantReviewTitle(db, PEOPLE.salesManager.userId, 'sales_manager');
  await grantReviewTitle(db, PEOPLE.planner.userId, 'sales_planner');
}

/** The routing table's departments for the fixture order as a regular contract (its lines name materials). */
export const ROUTED: ReviewingDepartment[] = ['sales', 'technical', 'purchasing', 'production', 'quality'];
/** …and as a temporary one. */
export const ROUTED_TEMPORARY: ReviewingDepartment[] = ['sales', 'production'];

/** Who signs each department's part in these tests. */
export const SIGNER: Record<ReviewingDepartment, Actor> = {
  sales: PEOPLE.sales,
  technical: PEOPLE.technical,
  purchasing: PEOPLE.purchasing,
  production: PEOPLE.production,
  quality: PEOPLE.quality,
  finance: PEOPLE.finance,
};

/** What a temporary order rests on: the customer's buyer on the phone the morning it came in. */
export const TEMPORARY_BASIS = {
  reason: '客户产线急需，先按电话订单备料，正式合同随后补签',
  statedBy: '客户采购 王经理',
  statedAt: at(0).toISOString(),
  channel: 'phone',
} as const;

export function manualOrder(
  contractClass: ManualCaseInput['contractClass'],
  departments: ManualCaseInput['departments'],
  extra: Partial<ManualCaseInput> = {},
): ManualCaseInput {
  return {
    customerName: '苏州精工汽车部件有限公司',
    contractClass,
    departments,
    receivedAt: at(0).toISOString(),
    items: TERMS.items,
    delivery: TERMS.delivery,
    paymentTerms: TERMS.paymentTerms,
    requirements: [
      { text: '孔径公差±0.02mm', category: 'technical', kind: 'explicit', special: true, priority: 'high' },
      { text: '每批提供材质证明', category: 'quality', kind: 'explicit', special: false, priority: 'normal' },
      { text: '12月20日前交货', category: 'delivery', kind: 'explicit', special: false, priority: 'high' },
      { text: '符合RoHS要求', category: 'regulatory', kind: 'statutory', special: false, priority: 'normal' },
    ],
    ...extra,
  };
}

export async function contextFor(db: Kysely<Database>, hours: number): Promise<CaseContext> {
  return {
    actor: { id: PEOPLE.sales.userId, department: 'sales' },
    now: at(hours),
    config: await loadReviewConfig(db),
  };
}

type Ev = ReviewEvent extends infer E ? (E extends ReviewEvent ? Omit<E, 'actor'> : never) : never;

export class Driver {
  constructor(
    readonly db: Kysely<Database>,
    readonly contractId: string,
    readonly config: ReviewConfig,
  ) {}
  async act(actor: Actor, event: Ev, hours: number): Promise<ReviewState> {
    const r = await applyCaseEvent(this.db, this.contractId, { ...event, actor } as ReviewEvent, {
      now: at(hours),
      config: this.config,
    });
    return r.state;
  }
  /** The owner proposes the minutes; each participant confirms them as themselves. */
  async holdMeeting(event: Extract<Ev, { type: 'RECORD_MEETING' }>, hours: number): Promise<ReviewState> {
    let state = await this.act(PEOPLE.sales, event, hours);
    for (const p of event.participants) {
      const person = Object.values(PEOPLE).find((x) => x.userId === p.userId);
      if (!person) throw new Error(`no fixture person ${p.userId}`);
      state = await this.act(person, { type: 'CONFIRM_MEETING' }, hours);
    }
    return state;
  }
  async confirmAll(state: ReviewState, hours: number): Promise<ReviewState> {
    const edits = state.context.requirements.map((r) => ({ op: 'accept' as const, requirementId: r.id }));
    await this.act(PEOPLE.sales, { type: 'EDIT_REQUIREMENTS', edits }, hours);
    return this.act(PEOPLE.sales, { type: 'CONFIRM_REQUIREMENTS' }, hours);
  }
  async sign(state: ReviewState, actor: Actor, department: ReviewingDepartment, hours: number, extra = {}) {
    const s = state.context.signOffs.find((x) => x.department === department);
    const answers = Object.fromEntries((s?.checklist ?? []).map((c) => [c.id, 'ok' as const]));
    return this.act(
      actor,
      {
        type: 'SIGN_REVIEW',
        department,
        contractVersion: state.context.contractVersion,
        answers,
        outcome: 'can_meet',
        ...extra,
      } as Ev,
      hours,
    );
  }
}

export async function notificationsOf(db: Kysely<Database>, contractId: string, kind: string) {
  const rows = await db
    .selectFrom('notifications')
    .select('user_id')
    .where('contract_id', '=', contractId)
    .where('kind', '=', kind)
    .execute();
  return [...new Set(rows.map((r) => r.user_id))].sort();
}
