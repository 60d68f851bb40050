// Everyone's to-dos across the review, over HTTP on both databases (GET /api/todos): sales confirms
// what came in, each department signs its part, the sales manager concludes, sales answers the
// customer within 48 hours (overdue once past it) and records the confirmation; production and
// purchasing see an amendment until they acknowledge it. A special contract waits for the meeting,
// each participant's confirmation, a negotiation and the general manager's decision and conclusion.
// The case page's buttons come from the same check: what it offers is accepted, what it withholds
// is refused with the reason it gave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReviewConfig } from '../../src/contracts/review-config.js';
import { todosFor } from '../../src/contracts/todos.js';
import type { App } from '../../src/server/context.js';
import { appFor } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { type Plant, regularOrder, seedPlant, type Who } from './http-case.js';
import { manualOrder } from './support.js';

const START = Date.parse('2026-11-23T01:00:00.000Z');

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API under test
type Json = Record<string, any>;

describeEachDatabase('to-dos for every step', (t) => {
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

  const todos = async (who: Who): Promise<Json[]> => {
    const res = await plant.get(who, '/api/todos');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(body.items.length);
    return body.items;
  };
  /** Each user's to-dos on one case, as `kind` or `kind:department`. */
  const kindsOn = async (who: Who, contractId: string) =>
    (await todos(who))
      .filter((x) => x.contractId === contractId)
      .map((x) => (x.department ? `${x.kind}:${x.department}` : x.kind));
  const everyone: Who[] = [
    'sales',
    'manager',
    'technical',
    'quality',
    'production',
    'purchasing',
    'finance',
    'gm',
  ];
  const map = async (contractId: string) =>
    Object.fromEntries(
      await Promise.all(everyone.map(async (w) => [w, await kindsOn(w, contractId)] as const)),
    ) as Record<Who, string[]>;
  const none = {
    sales: [],
    manager: [],
    technical: [],
    quality: [],
    production: [],
    purchasing: [],
    finance: [],
    gm: [],
  };

  /** The buttons the page offers `who` are exactly the steps the server accepts from them. */
  async function buttonsMatchServer(who: Who, url: string): Promise<Json> {
    const c = (await plant.get(who, url)).json();
    for (const [type, a] of Object.entries(c.actions as Record<string, Json>)) {
      if (a.allowed) continue;
      expect(a.reason.message.zh, `${who} ${type}`).toMatch(/^[\u4e00-\u9fff]/);
      const res = await plant.post(who, `${url}/events`, { type });
      expect(res.statusCode, `${who} ${type}`).not.toBe(200);
      // Withheld for who they are (403) or for the stage (409): the server answers with the same reason.
      if (res.statusCode === 403 || res.statusCode === 409)
        expect(res.json().reason, `${who} ${type}`).toBe(a.reason.code);
    }
    return c.actions;
  }

  describe('a regular order', () => {
    let c: Json;
    let url = '';
    it('after intake: sales confirms the requirements, nobody else has anything', async () => {
      tick(0);
      c = (await plant.post('sales', '/api/contracts', regularOrder(new Date(START).toISOString()))).json();
      url = `/api/contracts/${c.id}`;
      expect(await map(c.id)).toEqual({ ...none, sales: ['confirm_requirements'] });
      const [todo] = await todos('sales');
      expect(todo).toMatchObject({
        number: c.number,
        href: `/contracts/${c.id}#requirements`,
        title: { zh: '确认客户需求并提交评审' },
        deadline: '2026-11-25T01:00:00.000Z',
        overdue: false,
      });
      const tech = await buttonsMatchServer('technical', url);
      expect(Object.values(tech).some((a) => a.allowed)).toBe(false);
      expect(tech.CONFIRM_REQUIREMENTS.reason.code).toBe('NOT_PERMITTED');
    });

    it('after confirmation: each department reviewing the order signs its own part', async () => {
      const edits = c.requirements.map((r: Json) => ({ op: 'accept', requirementId: r.id }));
      c = (await plant.post('sales', `${url}/requirements`, { edits })).json();
      c = (await plant.post('sales', `${url}/requirements/confirm`, {})).json();
      expect(c.stage).toBe('countersign');
      expect(await map(c.id)).toEqual({
        ...none,
        sales: ['department_review:sales'],
        technical: ['department_review:technical'],
        purchasing: ['department_review:purchasing'],
        production: ['department_review:production'],
        quality: ['department_review:quality'],
      });
      const [todo] = await todos('quality');
      expect(todo).toMatchObject({
        href: `/contracts/${c.id}#sign-review`,
        title: { zh: '签署质量部评审意见' },
      });
      // Technical is offered its own signature only; the owner's steps are not offered.
      const tech = await buttonsMatchServer('technical', url);
      expect(
        Object.entries(tech)
          .filter(([, a]) => a.allowed)
          .map(([k]) => k),
      ).toEqual(['SIGN_REVIEW']);
      const gm = await buttonsMatchServer('gm', url);
      expect(gm.SIGN_REVIEW).toMatchObject({ allowed: false, reason: { code: 'NOT_PERMITTED' } });
    });

    it('after the department reviews: the sales manager signs the conclusion', async () => {
      tick(2);
      for (const who of ['sales', 'technical', 'purchasing', 'production', 'quality'] as const) {
        const mine = (await plant.get(who, url)).json().myChecklist;
        const res = await plant.post(who, `${url}/reviews/sign`, {
          department: who,
          contractVersion: c.contractVersion,
          answers: Object.fromEntries(mine.items.map((i: Json) => [i.id, 'ok'])),
          outcome: 'can_meet',
        });
        expect(res.statusCode).toBe(200);
        c = res.json();
        // A signed part is no longer anyone's to-do.
        expect(await kindsOn(who, c.id)).toEqual([]);
      }
      expect(c.stage).toBe('conclusion');
      expect(await map(c.id)).toEqual({ ...none, manager: ['conclusion'] });
      // The GM could sign (he outranks the manager) but a regular order's conclusion is not his to-do.
      expect((await buttonsMatchServer('gm', url)).SIGN_CONCLUSION.allowed).toBe(true);
      expect((await buttonsMatchServer('sales', url)).SIGN_CONCLUSION).toMatchObject({
        allowed: false,
        reason: { code: 'NOT_PERMITTED' },
      });
    });

    it('shows sales the 48-hour feedback due with the time left, then overdue', async () => {
      tick(3);
      c = (
        await plant.post('manager', `${url}/conclusion`, {
          decision: 'accept',
          contractVersion: c.contractVersion,
        })
      ).json();
      expect(await map(c.id)).toEqual({ ...none, sales: ['feedback'] });
      let [todo] = await todos('sales');
      expect(todo).toMatchObject({
        href: `/contracts/${c.id}#feedback`,
        deadline: '2026-11-25T01:00:00.000Z',
        overdue: false,
      });
      tick(49);
      await plant.signInAgain();
      [todo] = await todos('sales');
      expect(todo).toMatchObject({ kind: 'feedback', overdue: true });
      c = (
        await plant.post('sales', `${url}/feedback-sent`, { content: '接受订单', channel: '电话' })
      ).json();
      expect(await map(c.id)).toEqual({ ...none, sales: ['customer_confirmation'] });
      [todo] = await todos('sales');
      // Answered: the clock no longer runs, so nothing is overdue any more.
      expect(todo).toMatchObject({
        href: `/contracts/${c.id}#customer-confirmation`,
        deadline: null,
        overdue: false,
      });
      c = (await plant.post('sales', `${url}/customer-confirmation`, { reference: 'PO-8812' })).json();
      expect(c.stage).toBe('confirmed');
      expect(await map(c.id)).toEqual(none);
    });

    it('tells production and purchasing of an amendment until they acknowledge it', async () => {
      tick(50);
      const terms = structuredClone(c.terms);
      terms.items[1].quantity.value = 15;
      const amended = await plant.post('sales', `${url}/amendments`, {
        kind: 'change_record',
        terms,
        reason: '客户追加订货',
      });
      expect(amended.statusCode).toBe(200);
      expect(await map(c.id)).toEqual({
        ...none,
        production: ['amendment_notice'],
        purchasing: ['amendment_notice'],
      });
      const [notice] = await todos('production');
      expect(notice).toMatchObject({
        href: `/contracts/${c.id}#amendments`,
        message: { zh: expect.stringContaining('变更记录') },
        notificationId: expect.any(String),
      });
      // The notice is a stored notification: unread for the bell, and it survives a restart.
      const inbox = (await plant.get('production', '/api/notifications?unread=true')).json();
      expect(inbox.items.map((n: Json) => n.id)).toContain(notice!.notificationId);
      const read = await plant.post('production', '/api/notifications/read', {
        ids: [notice!.notificationId],
      });
      expect(read.json()).toEqual({ updated: 1 });
      expect(await kindsOn('production', c.id)).toEqual([]);
      // Purchasing has not acknowledged it yet: its notice stays.
      expect(await kindsOn('purchasing', c.id)).toEqual(['amendment_notice']);
    });
  });

  describe('a special contract', () => {
    let c: Json;
    let url = '';
    const participants = () => [
      { userId: plant.ids.sales, department: 'sales' },
      { userId: plant.ids.technical, department: 'technical' },
      { userId: plant.ids.purchasing, department: 'purchasing' },
      { userId: plant.ids.production, department: 'production' },
      { userId: plant.ids.quality, department: 'quality' },
      { userId: plant.ids.gm, department: 'general_manager' },
    ];

    it('waits for the meeting: sales organises it, the general manager sees it coming', async () => {
      tick(60);
      await plant.signInAgain();
      c = (
        await plant.post('sales', '/api/contracts', {
          // The routing table's meeting for a special contract: every department and the GM.
          ...manualOrder(
            'special',
            ['sales', 'technical', 'purchasing', 'production', 'quality', 'general_manager'],
            { receivedAt: now.toISOString() },
          ),
        })
      ).json();
      url = `/api/contracts/${c.id}`;
      const edits = c.requirements.map((r: Json) => ({ op: 'accept', requirementId: r.id }));
      c = (await plant.post('sales', `${url}/requirements`, { edits })).json();
      c = (await plant.post('sales', `${url}/requirements/confirm`, {})).json();
      expect(c.stage).toBe('meetingReview');
      expect(await map(c.id)).toEqual({ ...none, sales: ['meeting_to_organise'], gm: ['meeting_to_attend'] });
      expect((await todos('gm'))[0]).toMatchObject({ href: `/contracts/${c.id}#meeting` });
    });

    it('asks every participant, the GM included, to confirm the proposed meeting', async () => {
      tick(62);
      const res = await plant.post('sales', `${url}/meeting`, {
        heldAt: new Date(START + 61 * 3_600_000).toISOString(),
        minutes: '孔径公差超出设备能力，其余可满足。',
        participants: participants(),
        decisions: c.requirements.map((r: Json) =>
          r.text.includes('孔径')
            ? {
                requirementId: r.id,
                outcome: 'cannot_meet',
                note: '设备能力不足',
                departments: ['technical'],
              }
            : { requirementId: r.id, outcome: 'can_meet', note: '可满足', departments: [] },
        ),
      });
      expect(res.statusCode).toBe(200);
      const waiting = { ...none, sales: ['meeting_confirmation'], technical: ['meeting_confirmation'] };
      expect(await map(c.id)).toEqual({
        ...waiting,
        purchasing: ['meeting_confirmation'],
        production: ['meeting_confirmation'],
        quality: ['meeting_confirmation'],
        gm: ['meeting_confirmation'],
      });
      expect((await buttonsMatchServer('manager', url)).CONFIRM_MEETING.reason.code).toBe(
        'NOT_A_PARTICIPANT',
      );
      for (const who of ['purchasing', 'production', 'quality', 'gm'] as const) {
        expect((await plant.post(who, `${url}/meeting/confirm`, {})).statusCode).toBe(200);
        expect(await kindsOn(who, c.id)).toEqual([]);
      }
      expect(await map(c.id)).toEqual(waiting);
      for (const who of ['sales', 'technical'] as const)
        c = (await plant.post(who, `${url}/meeting/confirm`, {})).json();
      expect(c.stage).toBe('salesNegotiation');
      expect(await map(c.id)).toEqual({ ...none, sales: ['negotiation'] });
    });

    it('brings what sales could not resolve to the GM, tells sales his decision, and asks for his conclusion', async () => {
      const issue = c.issues.find((i: Json) => i.status === 'open');
      c = (
        await plant.post('sales', `${url}/negotiations`, {
          issueId: issue.id,
          contact: { name: '陈经理', channel: '电话' },
          outcome: 'failed',
          summary: '客户坚持原公差',
        })
      ).json();
      expect(c.stage).toBe('gmDecision');
      expect(await map(c.id)).toEqual({ ...none, gm: ['gm_decision'] });
      expect((await todos('gm'))[0]).toMatchObject({ href: `/contracts/${c.id}#issues` });
      expect((await buttonsMatchServer('sales', url)).GM_DECIDE.allowed).toBe(false);

      const before = (await plant.get('sales', '/api/notifications?unread=true')).json().unread;
      c = (
        await plant.post('gm', `${url}/gm-decision`, {
          issueId: issue.id,
          decision: 'accept_requirement',
          rationale: '外协精加工',
        })
      ).json();
      expect(c.stage).toBe('conclusion');
      expect(await map(c.id)).toEqual({ ...none, gm: ['conclusion'] });
      // A special contract's conclusion is the GM's: the sales manager is not offered it.
      expect((await buttonsMatchServer('manager', url)).SIGN_CONCLUSION.reason.code).toBe(
        'NOT_AUTHORISED_SIGNER',
      );
      const inbox = (await plant.get('sales', '/api/notifications?unread=true')).json();
      expect(inbox.unread).toBe(before + 1);
      expect(inbox.items.find((n: Json) => n.kind === 'gm_decided')).toMatchObject({
        contractId: c.id,
        message: { zh: expect.stringContaining('接受客户要求') },
      });
    });
  });

  describe('a temporary contract', () => {
    it('asks sales for the temporary basis first, and to confirm the requirements once it is recorded', async () => {
      tick(0);
      const opened = await plant.post('sales', '/api/contracts', {
        ...regularOrder(new Date(START).toISOString()),
        contractClass: 'temporary',
        departments: ['sales', 'production'],
      });
      expect(opened.statusCode, opened.body).toBe(201);
      let c = opened.json();
      const url = `/api/contracts/${c.id}`;
      expect(await map(c.id)).toEqual({ ...none, sales: ['temporary_basis'] });
      expect((await todos('sales')).find((x) => x.contractId === c.id)).toMatchObject({
        href: `/contracts/${c.id}#temporary-basis`,
        title: { zh: expect.stringContaining('临时合同依据') },
      });
      // The confirmation it replaces would be refused without the basis.
      const edits = c.requirements.map((r: Json) => ({ op: 'accept', requirementId: r.id }));
      c = (await plant.post('sales', `${url}/requirements`, { edits })).json();
      const early = await plant.post('sales', `${url}/requirements/confirm`, {});
      expect(early.json().code).toBe('TEMPORARY_BASIS_MISSING');

      tick(1);
      const recorded = await plant.post('sales', `${url}/temporary-basis`, {
        reason: '客户产线急需，先按电话订单备料',
        statedBy: '客户采购 王经理',
        statedAt: new Date(START).toISOString(),
        channel: 'phone',
      });
      expect(recorded.statusCode, recorded.body).toBe(200);
      expect(await map(c.id)).toEqual({ ...none, sales: ['confirm_requirements'] });
    });
  });

  describe('a long list', () => {
    it('is paged with an exact total, and every case is read however many there are', async () => {
      tick(0);
      for (let i = 0; i < 7; i++) {
        const res = await plant.post('sales', '/api/contracts', regularOrder(new Date(START).toISOString()));
        expect(res.statusCode).toBe(201);
      }
      const all = (await plant.get('sales', '/api/todos?pageSize=500')).json();
      expect(all.total).toBe(all.items.length);
      expect(all.total).toBeGreaterThanOrEqual(7);

      // Read three cases at a time and cut pages of three: the pages put together are the whole list.
      const user = { id: plant.ids.sales, department: 'sales' as const, deputyFor: null };
      const config = await loadReviewConfig(t.store().db);
      const pages: Json[] = [];
      for (let page = 1; page <= Math.ceil(all.total / 3); page++) {
        const p = await todosFor(t.store().db, user, now, config, { page, pageSize: 3, batch: 3 });
        expect(p.total).toBe(all.total);
        expect(p.items.length).toBe(Math.min(3, all.total - (page - 1) * 3));
        pages.push(...p.items);
      }
      expect(pages.map((x) => x.id)).toEqual(all.items.map((x: Json) => x.id));

      // Over HTTP: the second page of two.
      const second = (await plant.get('sales', '/api/todos?page=2&pageSize=2')).json();
      expect(second).toMatchObject({ page: 2, pageSize: 2, total: all.total });
      expect(second.items.map((x: Json) => x.id)).toEqual(all.items.slice(2, 4).map((x: Json) => x.id));
      expect((await plant.get('sales', '/api/todos?pageSize=501')).statusCode).toBe(400);
    });
  });
});
