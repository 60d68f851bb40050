// Amendments as revisions, over HTTP on both databases: a void-and-re-sign issues HT-…-R1, the
// rules class the amended content again (a penalty clause makes a regular order special), the
// earlier round stays readable under its own number, the departments hear of it on their
// workbench, and a refused amendment changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/server/context.js';
import { appFor } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { confirmedRegularCase, type Plant, seedPlant } from './http-case.js';

const START = Date.parse('2026-11-23T01:00:00.000Z');

describeEachDatabase('void and re-sign as a new revision', (t) => {
  let app: App;
  let plant: Plant;
  let now = new Date(START);
  const tick = (hours: number) => {
    now = new Date(START + hours * 3_600_000);
  };
  beforeAll(async () => {
    app = await appFor(t.store(), { clock: () => now });
    plant = await seedPlant(app, t.store());
  });
  afterAll(async () => {
    await app.close();
  });

  // biome-ignore lint/suspicious/noExplicitAny: a case as the API returns it
  const penaltyTerms = (c: Record<string, any>) => ({
    ...c.terms,
    requirements: [
      ...c.terms.requirements,
      {
        id: 'R2',
        text: '逾期交货每天按合同总额0.5%支付违约金',
        category: 'price',
        kind: 'explicit',
        special: false,
      },
    ],
  });

  it('issues -R1, classes the amended content through the rules and keeps the first round readable', async () => {
    const { post, get, ids } = plant;
    const first = await confirmedRegularCase(plant, new Date(START), tick);
    expect(first.number).toMatch(/^HT-2026-\d{4}$/);
    expect(first.classification.class).toBe('regular');
    const url = `/api/contracts/${first.id}`;

    tick(30);
    await plant.signInAgain();
    const res = await post('sales', `${url}/amendments`, {
      kind: 'void_resign',
      terms: penaltyTerms(first),
      reason: '客户重新签订合同，增加违约条款',
      // A client cannot choose the class: the server asks the rules.
      reclassification: { contractClass: 'regular', reasons: [], departments: [] },
    });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.number).toBe(`${first.number}-R1`);
    expect(c.revisionNo).toBe(1);
    expect(c.stage).toBe('requirementConfirmation');
    expect(c.mode).toBe('meeting');
    expect(c.classification.class).toBe('special');
    expect(c.classification.reasons).toEqual([
      expect.objectContaining({
        code: 'customer_special_requirement',
        explanation: expect.stringContaining('违约金'),
      }),
    ]);
    // The special contract goes to the review group: finance for the penalty, the meeting's musts.
    expect(c.departments.map((d: { department: string }) => d.department)).toEqual(
      expect.arrayContaining(['sales', 'technical', 'quality', 'finance']),
    );
    expect(c.departments.every((d: { status: string }) => d.status === 'pending')).toBe(true);

    // The first round, as it was: its number, class, signatures, conclusion, feedback, confirmation.
    expect(c.rounds).toHaveLength(2);
    const [earlier, current] = c.rounds;
    expect(earlier).toMatchObject({
      round: 1,
      number: first.number,
      current: false,
      classification: { contractClass: 'regular', reasons: [] },
      conclusion: { decision: 'accept', signature: { userId: ids.manager } },
      feedback: { content: '评审通过，接受订单，首批全检', channel: '电子邮件', clockCompliant: true },
      customerConfirmation: { reference: 'PO-8812' },
      closedBy: { kind: 'void_resign', reason: '客户重新签订合同，增加违约条款', by: ids.sales },
    });
    expect(
      earlier.signOffs.map((s: { department: string; outcome: string; signature: { userId: string } }) => [
        s.department,
        s.outcome,
        s.signature.userId,
      ]),
    ).toEqual([
      ['sales', 'can_meet', ids.sales],
      ['technical', 'can_meet', ids.technical],
      ['purchasing', 'can_meet', ids.purchasing],
      ['production', 'can_meet', ids.production],
      ['quality', 'can_meet_with_conditions', ids.quality],
    ]);
    expect(earlier.terms.requirements).toHaveLength(1);
    expect(current).toMatchObject({ round: 2, number: `${first.number}-R1`, current: true });
    expect(current.classification.contractClass).toBe('special');
    expect(current.terms.requirements).toHaveLength(2);
    expect(c.people[ids.quality]).toBe('周丽华');

    // The earlier number still finds the case; the ledger lists it under the new one.
    expect((await get('quality', `/api/contracts/${first.number}`)).json().number).toBe(`${first.number}-R1`);
    const ledger = (await get('quality', `/api/contracts?q=${first.number}`)).json();
    expect(ledger.items.map((r: { number: string; class: string }) => [r.number, r.class])).toEqual([
      [`${first.number}-R1`, 'special'],
    ]);

    // Every department of the case is told, and sees it on the workbench until read: the special
    // review group the routing policy names brings purchasing and production in.
    for (const who of ['technical', 'purchasing', 'production', 'quality', 'finance'] as const) {
      const bench = (await get(who, '/api/workbench')).json();
      expect(bench.amendmentNotices).toEqual([
        expect.objectContaining({
          contractId: first.id,
          number: `${first.number}-R1`,
          message: expect.objectContaining({ zh: expect.stringContaining(`${first.number}-R1`) }),
        }),
      ]);
    }
    expect(c.departments.map((d: { department: string }) => d.department)).toEqual([
      'sales',
      'technical',
      'purchasing',
      'production',
      'quality',
      'finance',
    ]);
    const stored = await t
      .store()
      .db.selectFrom('contracts')
      .select(['number', 'class'])
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ number: `${first.number}-R1`, class: 'special' });
  });

  it('keeps the number on a clause change, lists it as a round, and refuses an empty amendment unchanged', async () => {
    const { post, get } = plant;
    tick(40);
    await plant.signInAgain();
    const first = await confirmedRegularCase(plant, new Date(START + 40 * 3_600_000), (h) => tick(40 + h));
    const url = `/api/contracts/${first.id}`;
    const events = async () =>
      (
        await t
          .store()
          .db.selectFrom('review_events')
          .select('id')
          .where('contract_id', '=', first.id)
          .execute()
      ).length;
    const logged = await events();
    tick(59);
    await plant.signInAgain();
    const refused = await post('sales', `${url}/amendments`, {
      kind: 'void_resign',
      terms: first.terms,
      reason: '无变化',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(await events()).toBe(logged);
    expect((await get('sales', url)).json()).toMatchObject({ number: first.number, version: first.version });

    const terms = structuredClone(first.terms);
    terms.items[0].drawing = { number: 'DWG-2002', revision: 'C' };
    tick(60);
    await plant.signInAgain();
    const changed = await post('sales', `${url}/amendments`, {
      kind: 'change_clause',
      terms,
      reason: '图纸升版',
    });
    expect(changed.statusCode).toBe(200);
    const c = changed.json();
    expect(c.number).toBe(first.number);
    expect(c.stage).toBe('reReview');
    expect(
      c.rounds.map((r: { number: string; closedBy: { kind: string } | null }) => [
        r.number,
        r.closedBy?.kind ?? null,
      ]),
    ).toEqual([
      [first.number, 'change_clause'],
      [first.number, null],
    ]);
  });
});
