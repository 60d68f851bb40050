// Only the signer signs, through the real app and real sign-in on both databases: the forgeries an
// auditor tried (ghost participants, the salesperson as "technical", an inactive user, meeting times
// in the future or before the case, a receipt time 13 days ahead, signing another department's part,
// the GM signing in a department's name, minutes counted before the participants confirmed, a special
// meeting without the GM, a special case opened with sales only) are refused with the refusal code and
// leave the database exactly as it was. The legitimate path — each participant confirming in their
// own session — still reaches "confirmed".
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { grantReviewTitle } from '../../src/contracts/review-config.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import type { Database } from '../../src/store/schema.js';
import { appFor, login } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { manualOrder } from './support.js';

const PEOPLE = [
  ['sales', 'sales'],
  ['manager', 'sales'],
  ['technical', 'technical'],
  ['quality', 'quality'],
  ['production', 'production'],
  ['purchasing', 'purchasing'],
  ['gm', 'general_manager'],
  ['retired', 'technical'],
] as const;
type Who = (typeof PEOPLE)[number][0];

/** Everything a step could write, for one case (or, with no case, the tables an opening writes). */
async function dbState(db: Kysely<Database>, contractId: string | null) {
  const count = async (
    table: 'contracts' | 'review_events' | 'notifications' | 'audit_log' | 'mail_outbox',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const totals = {
    contracts: await count('contracts'),
    events: await count('review_events'),
    notifications: await count('notifications'),
    audit: await count('audit_log'),
    mail: await count('mail_outbox'),
    counters: await db.selectFrom('contract_number_counters').selectAll().execute(),
  };
  if (contractId === null) return { totals };
  return {
    totals,
    events: await db
      .selectFrom('review_events')
      .select(['revision', 'type', 'payload', 'actor_id', 'at'])
      .where('contract_id', '=', contractId)
      .orderBy('revision')
      .execute(),
    snapshot: await db
      .selectFrom('review_cases')
      .select(['stage', 'revision', 'snapshot'])
      .where('contract_id', '=', contractId)
      .executeTakeFirstOrThrow(),
    contract: await db
      .selectFrom('contracts')
      .select(['status', 'version', 'received_at', 'feedback_due_at'])
      .where('id', '=', contractId)
      .executeTakeFirstOrThrow(),
    reviews: await db
      .selectFrom('reviews')
      .select(['department', 'status', 'conclusion', 'signer_id', 'signed_at'])
      .where('contract_id', '=', contractId)
      .orderBy('department')
      .execute(),
  };
}

describeEachDatabase('only the signer signs', (t) => {
  let app: App;
  let now = new Date('2026-11-23T01:00:00.000Z');
  const cookies = {} as Record<Who, string>;
  const ids = {} as Record<Who, string>;
  const db = () => t.store().db;

  beforeAll(async () => {
    app = await appFor(t.store(), { clock: () => now });
    for (const [who, department] of PEOPLE) {
      const user = await createUser(
        db(),
        { username: `si-${who}`, password: `pw-${who}-2026`, department },
        SYSTEM_ACTORS.cli,
      );
      ids[who] = user.id;
      cookies[who] = await login(app, `si-${who}`, `pw-${who}-2026`);
    }
    await grantReviewTitle(db(), ids.manager, 'sales_manager');
    // A technical engineer who has left: still in the users table, no longer active.
    await db().updateTable('users').set({ active: 0 }).where('id', '=', ids.retired).execute();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (who: Who, url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: { cookie: cookies[who] }, payload });
  const get = (who: Who, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });

  /** Sends the request, expects the refusal, and checks that nothing at all was written. */
  async function expectRefused(
    contractId: string | null,
    send: () => Promise<{ statusCode: number; json: () => { code?: string; detail?: string } }>,
    status: number,
    reason: string,
  ) {
    const before = await dbState(db(), contractId);
    const view = contractId ? (await get('sales', `/api/contracts/${contractId}`)).json() : null;
    const res = await send();
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code: reason });
    // Chinese first, English after.
    expect(res.json().detail).toMatch(/^[\u4e00-\u9fff]/);
    expect(await dbState(db(), contractId)).toEqual(before);
    if (contractId) expect((await get('sales', `/api/contracts/${contractId}`)).json()).toEqual(view);
  }

  const specialOrder = (departments: string[], extra: object = {}) => ({
    ...manualOrder('special', ['sales'], { receivedAt: now.toISOString() }),
    departments,
    ...extra,
  });

  let caseId = '';
  let url = '';
  const meeting = (
    participants: { userId: string; department: string }[],
    heldAt = '2026-11-23T03:00:00.000Z',
  ) => ({
    heldAt,
    minutes: '评审会议：各项要求均可满足。',
    participants,
    decisions: ['R1', 'R2', 'R3', 'R4'].map((requirementId) => ({
      requirementId,
      outcome: 'can_meet',
      note: '可满足',
      departments: [],
    })),
  });
  // The review group the routing policy names for a special contract, with the GM.
  const REVIEW_GROUP = ['sales', 'technical', 'purchasing', 'production', 'quality'];
  const group = () => [
    { userId: ids.sales, department: 'sales' },
    { userId: ids.technical, department: 'technical' },
    { userId: ids.purchasing, department: 'purchasing' },
    { userId: ids.production, department: 'production' },
    { userId: ids.quality, department: 'quality' },
    { userId: ids.gm, department: 'general_manager' },
  ];
  const replace = (department: string, userId: string) =>
    group().map((p) => (p.department === department ? { ...p, userId } : p));

  it('refuses a special case opened without the departments its class requires', async () => {
    await expectRefused(
      null,
      () => post('sales', '/api/contracts', specialOrder(['sales'])),
      422,
      'REQUIRED_DEPARTMENTS_MISSING',
    );
    await expectRefused(
      null,
      () =>
        post('sales', '/api/contracts', specialOrder(['sales', 'technical', 'quality', 'general_manager'])),
      422,
      'REQUIRED_DEPARTMENTS_MISSING',
    );
  });

  it('refuses a customer receipt time in the future (it would move the 48-hour clock)', async () => {
    const ahead = new Date(now.getTime() + 13 * 24 * 3_600_000).toISOString();
    await expectRefused(
      null,
      () => post('sales', '/api/contracts', specialOrder(REVIEW_GROUP, { receivedAt: ahead })),
      400,
      'RECEIVED_IN_FUTURE',
    );
    await expectRefused(
      null,
      () =>
        post('sales', '/api/contracts', {
          ...manualOrder('regular', ['sales', 'technical']),
          receivedAt: ahead,
        }),
      400,
      'RECEIVED_IN_FUTURE',
    );
  });

  it('opens a special case with the review group and brings it to the meeting', async () => {
    now = new Date('2026-11-23T02:00:00.000Z');
    const created = await post('sales', '/api/contracts', {
      ...specialOrder(REVIEW_GROUP),
      receivedAt: '2026-11-23T01:00:00.000Z',
    });
    expect(created.statusCode).toBe(201);
    let c = created.json();
    caseId = c.id;
    url = `/api/contracts/${c.number}`;
    const edits = c.requirements.map((r: { id: string }) => ({ op: 'accept', requirementId: r.id }));
    c = (await post('sales', `${url}/requirements`, { edits })).json();
    c = (await post('sales', `${url}/requirements/confirm`, {})).json();
    expect(c.stage).toBe('meetingReview');
    // The organiser picks participants from the active users of each department (and the GM).
    const candidates = (await get('sales', `${url}/meeting-candidates`)).json().items as {
      userId: string;
      department: string;
    }[];
    const byDept = (d: string) => candidates.filter((x) => x.department === d).map((x) => x.userId);
    expect(byDept('technical')).toEqual([ids.technical]);
    expect(byDept('general_manager')).toEqual([ids.gm]);
    expect(byDept('sales').sort()).toEqual([ids.sales, ids.manager].sort());
    now = new Date('2026-11-23T04:00:00.000Z');
  });

  it('refuses minutes naming an unknown user ("ghost")', async () => {
    await expectRefused(
      caseId,
      () => post('sales', `${url}/meeting`, meeting(replace('technical', 'ghost'))),
      400,
      'UNKNOWN_PARTICIPANT',
    );
  });

  it("refuses the salesperson's own id standing for technical", async () => {
    const forged = [
      { userId: ids.manager, department: 'sales' },
      { userId: ids.sales, department: 'technical' },
      { userId: ids.purchasing, department: 'purchasing' },
      { userId: ids.production, department: 'production' },
      { userId: ids.quality, department: 'quality' },
      { userId: ids.gm, department: 'general_manager' },
    ];
    await expectRefused(
      caseId,
      () => post('sales', `${url}/meeting`, meeting(forged)),
      400,
      'PARTICIPANT_WRONG_DEPARTMENT',
    );
    // Nor may another department's user stand for technical.
    await expectRefused(
      caseId,
      () => post('sales', `${url}/meeting`, meeting(replace('technical', ids.manager))),
      400,
      'PARTICIPANT_WRONG_DEPARTMENT',
    );
  });

  it('refuses an inactive participant', async () => {
    await expectRefused(
      caseId,
      () => post('sales', `${url}/meeting`, meeting(replace('technical', ids.retired))),
      400,
      'PARTICIPANT_INACTIVE',
    );
  });

  it('refuses a meeting time in the future or before the case was opened', async () => {
    await expectRefused(
      caseId,
      () => post('sales', `${url}/meeting`, meeting(group(), '2026-11-23T05:00:00.000Z')),
      400,
      'TIME_IN_FUTURE',
    );
    // Received at 01:00, but the case was opened at 02:00: no meeting on it can be older.
    await expectRefused(
      caseId,
      () => post('sales', `${url}/meeting`, meeting(group(), '2026-11-23T01:30:00.000Z')),
      400,
      'TIME_BEFORE_CASE',
    );
  });

  it("refuses a special contract's meeting without the general manager", async () => {
    await expectRefused(
      caseId,
      () =>
        post('sales', `${url}/meeting`, meeting(group().filter((p) => p.department !== 'general_manager'))),
      409,
      'GM_NOT_IN_MEETING',
    );
  });

  it('refuses signing for another department, and the GM signing in a department’s name', async () => {
    const techView = (await get('technical', url)).json();
    const answers = Object.fromEntries(techView.myChecklist.items.map((i: { id: string }) => [i.id, 'ok']));
    const body = { department: 'technical', contractVersion: 1, answers, outcome: 'can_meet' };
    await expectRefused(caseId, () => post('quality', `${url}/reviews/sign`, body), 403, 'WRONG_DEPARTMENT');
    await expectRefused(caseId, () => post('sales', `${url}/reviews/sign`, body), 403, 'WRONG_DEPARTMENT');
    await expectRefused(caseId, () => post('gm', `${url}/reviews/sign`, body), 403, 'NOT_PERMITTED');
    // An actor claimed in the body is ignored: the session says who signs.
    await expectRefused(
      caseId,
      () =>
        post('quality', `${url}/events`, {
          type: 'SIGN_REVIEW',
          ...body,
          actor: { userId: ids.technical, department: 'technical' },
        }),
      403,
      'WRONG_DEPARTMENT',
    );
    // Only the owner organises the meeting.
    await expectRefused(caseId, () => post('gm', `${url}/meeting`, meeting(group())), 403, 'NOT_PERMITTED');
    await expectRefused(
      caseId,
      () => post('technical', `${url}/meeting`, meeting(group())),
      403,
      'NOT_PERMITTED',
    );
  });

  it('does not count proposed minutes until every participant confirmed them in their own session', async () => {
    const proposed = await post('sales', `${url}/meeting`, meeting(group()));
    expect(proposed.statusCode).toBe(200);
    const c = proposed.json();
    expect(c.stage).toBe('meetingReview');
    expect(c.meeting).toMatchObject({ status: 'proposed' });
    expect(c.departments.every((d: { status: string }) => d.status === 'pending')).toBe(true);
    expect(c.people[ids.gm]).toBe('si-gm');

    // Nothing moves on: no conclusion, no confirmation by someone not in the minutes or for another.
    await expectRefused(
      caseId,
      () => post('gm', `${url}/conclusion`, { decision: 'accept', contractVersion: 1 }),
      409,
      'NOT_ALLOWED_IN_STATE',
    );
    await expectRefused(
      caseId,
      () =>
        post('manager', `${url}/meeting/confirm`, {
          actor: { userId: ids.technical, department: 'technical' },
        }),
      403,
      'NOT_A_PARTICIPANT',
    );

    now = new Date('2026-11-23T04:30:00.000Z');
    for (const who of ['sales', 'technical', 'purchasing', 'production', 'quality'] as const) {
      const res = await post(who, `${url}/meeting/confirm`, {});
      expect(res.statusCode).toBe(200);
      expect(res.json().stage).toBe('meetingReview');
    }
    await expectRefused(
      caseId,
      () => post('quality', `${url}/meeting/confirm`, {}),
      409,
      'ALREADY_CONFIRMED',
    );
    const waiting = (await get('sales', url)).json();
    expect(waiting.departments.every((d: { status: string }) => d.status === 'pending')).toBe(true);
    expect(
      waiting.meeting.participants.map((p: { department: string; confirmedAt: string | null }) => [
        p.department,
        p.confirmedAt !== null,
      ]),
    ).toEqual([
      ['sales', true],
      ['technical', true],
      ['purchasing', true],
      ['production', true],
      ['quality', true],
      ['general_manager', false],
    ]);
  });

  it('reaches confirmed once the GM confirmed too, with each department signed by its own participant', async () => {
    now = new Date('2026-11-23T05:00:00.000Z');
    let c = (await post('gm', `${url}/meeting/confirm`, {})).json();
    expect(c.stage).toBe('conclusion');
    expect(c.meeting.status).toBe('held');
    expect(
      c.departments.map((d: { department: string; signature: { userId: string; at: string } }) => [
        d.department,
        d.signature.userId,
      ]),
    ).toEqual([
      ['sales', ids.sales],
      ['technical', ids.technical],
      ['purchasing', ids.purchasing],
      ['production', ids.production],
      ['quality', ids.quality],
    ]);
    c = (await post('gm', `${url}/conclusion`, { decision: 'accept', contractVersion: 1 })).json();
    expect(c.stage).toBe('feedbackPending');
    c = (await post('sales', `${url}/feedback-sent`, {})).json();
    c = (await post('sales', `${url}/customer-confirmation`, { reference: 'PO-SI-1' })).json();
    expect(c.stage).toBe('confirmed');
    const reviews = await db()
      .selectFrom('reviews')
      .select(['department', 'signer_id'])
      .where('contract_id', '=', caseId)
      .orderBy('department')
      .execute();
    expect(reviews).toEqual([
      { department: 'production', signer_id: ids.production },
      { department: 'purchasing', signer_id: ids.purchasing },
      { department: 'quality', signer_id: ids.quality },
      { department: 'sales', signer_id: ids.sales },
      { department: 'technical', signer_id: ids.technical },
    ]);
  });
});
