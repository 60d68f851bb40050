// Whose case it is, through the real app and real sign-in on both databases. Questions to the
// customer and their answers, negotiations, the customer's confirmation, amendments and voiding are
// the case owner's, a sales manager's or (voiding) the general manager's: another salesperson is
// refused with NOT_CASE_OWNER, is offered none of those buttons, and writes nothing. A regular or
// temporary case opened with fewer departments than the routing table names is refused with 422
// REQUIRED_DEPARTMENTS_MISSING naming them. A temporary contract's review starts only once its basis (who
// gave it, when, by word of mouth, phone or letter, and why) is on record; the page and the review
// record show it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { appFor, login } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { type Plant, regularOrder, seedPlant, type Who } from './http-case.js';

const START = Date.parse('2026-11-23T01:00:00.000Z');
const ROUTED = ['sales', 'technical', 'purchasing', 'production', 'quality'] as const;

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API under test
type Json = Record<string, any>;
type Res = { statusCode: number; json: () => Json };

describeEachDatabase('whose case it is', (t) => {
  let app: App;
  let plant: Plant;
  let now = new Date(START);
  const tick = (hours: number) => {
    now = new Date(START + hours * 3_600_000);
  };
  /** A second salesperson: a colleague of the owner, with no title. */
  let otherCookie = '';
  beforeAll(async () => {
    app = await appFor(t.store(), { clock: () => now });
    plant = await seedPlant(app, t.store());
    await createUser(
      t.store().db,
      {
        username: 'r-colleague',
        password: 'Fz8#kP2q-colleague-Tm5',
        department: 'sales',
        displayName: '赵同事',
      },
      SYSTEM_ACTORS.cli,
    );
    otherCookie = await login(app, 'r-colleague', 'Fz8#kP2q-colleague-Tm5');
  });
  afterAll(async () => {
    await app.close();
  });

  type Actor = Who | 'other';
  const post = (who: Actor, url: string, payload: object) =>
    who === 'other'
      ? app.inject({ method: 'POST', url, headers: { cookie: otherCookie }, payload })
      : plant.post(who, url, payload);
  const get = (who: Actor, url: string) =>
    who === 'other'
      ? app.inject({ method: 'GET', url, headers: { cookie: otherCookie } })
      : plant.get(who, url);
  const db = () => t.store().db;
  const count = async (table: 'contracts' | 'review_events' | 'audit_log' | 'notifications') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const written = async () =>
    Promise.all([count('contracts'), count('review_events'), count('audit_log'), count('notifications')]);

  /** The request is refused with this status and reason, in Chinese first, and nothing is written. */
  async function expectRefused(send: () => Promise<Res>, status: number, reason: string): Promise<Json> {
    const before = await written();
    const res = await send();
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code: reason });
    expect(res.json().detail).toMatch(/^[\u4e00-\u9fff]/);
    expect(await written()).toEqual(before);
    return res.json();
  }
  const allowed = async (who: Actor, url: string) =>
    Object.entries((await get(who, url)).json().actions as Record<string, Json>)
      .filter(([, a]) => a.allowed)
      .map(([type]) => type)
      .sort();
  const signAll = async (url: string, c: Json, except: Partial<Record<string, object>> = {}) => {
    for (const who of ROUTED) {
      const mine = (await get(who, url)).json().myChecklist;
      const res = await post(who, `${url}/reviews/sign`, {
        department: who,
        contractVersion: c.contractVersion,
        answers: Object.fromEntries(mine.items.map((i: Json) => [i.id, 'ok'])),
        outcome: 'can_meet',
        ...except[who],
      });
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      c = res.json();
    }
    return c;
  };

  describe('the departments the routing table names', () => {
    it('refuses a regular case opened with fewer departments than the table, naming them, writing nothing', async () => {
      const body = { ...regularOrder(new Date(START).toISOString()), departments: ['sales', 'technical'] };
      const problem = await expectRefused(
        () => post('sales', '/api/contracts', body),
        422,
        'REQUIRED_DEPARTMENTS_MISSING',
      );
      expect(problem).toMatchObject({
        code: 'REQUIRED_DEPARTMENTS_MISSING',
        departments: ['purchasing', 'production', 'quality'],
      });
      expect(problem.detail).toContain('常规合同缺少：采购部、生产部、质量部');
    });

    it('refuses a temporary case without production, and opens both classes with the full lists', async () => {
      const temporary = { ...regularOrder(new Date(START).toISOString()), contractClass: 'temporary' };
      const problem = await expectRefused(
        () => post('sales', '/api/contracts', { ...temporary, departments: ['sales'] }),
        422,
        'REQUIRED_DEPARTMENTS_MISSING',
      );
      expect(problem.departments).toEqual(['production']);
      const opened = await post('sales', '/api/contracts', {
        ...temporary,
        departments: ['sales', 'production'],
      });
      expect(opened.statusCode).toBe(201);
      const regular = await post('sales', '/api/contracts', {
        ...regularOrder(new Date(START).toISOString()),
        departments: [...ROUTED],
      });
      expect(regular.statusCode).toBe(201);
      expect(regular.json().departments.map((d: Json) => d.department)).toEqual([...ROUTED]);
    });
  });

  describe("a regular case's customer-facing steps", () => {
    let c: Json;
    let url = '';

    it('lets only the owner or a sales manager ask the customer and record the answer', async () => {
      tick(0);
      c = (await post('sales', '/api/contracts', regularOrder(new Date(START).toISOString()))).json();
      url = `/api/contracts/${c.id}`;
      const ask = { question: '材质证明需哪种格式？' };
      const refused = await expectRefused(
        () => post('other', `${url}/questions`, ask),
        403,
        'NOT_CASE_OWNER',
      );
      // The refusal's own code; `reason` repeats it for clients written when a generic FORBIDDEN came.
      expect(refused.reason).toBe('NOT_CASE_OWNER');
      expect(refused.detail).toContain('只有负责本案的销售人员、销售经理或总经理可以执行此操作');
      expect(refused.detail).toContain('Only the sales owner of the case');
      // The GM's role records no contact with the customer.
      await expectRefused(() => post('gm', `${url}/questions`, ask), 403, 'NOT_PERMITTED');
      c = (await post('manager', `${url}/questions`, ask)).json();
      expect(c.openQuestions).toHaveLength(1);
      const answer = { questionId: 'Q1', answer: 'EN 10204 3.1' };
      await expectRefused(() => post('other', `${url}/questions/answer`, answer), 403, 'NOT_CASE_OWNER');
      const answered = await post('sales', `${url}/questions/answer`, answer);
      expect(answered.statusCode).toBe(200);
      c = answered.json();
      expect(c.openQuestions[0]).toMatchObject({ answer: 'EN 10204 3.1' });
      // The colleague is offered nothing on someone else's case; the owner is offered his steps.
      expect(await allowed('other', url)).toEqual([]);
      const other = (await get('other', url)).json().actions;
      expect(other.ASK_CUSTOMER.reason).toMatchObject({
        code: 'NOT_CASE_OWNER',
        message: { zh: expect.stringMatching(/^只有负责本案/) },
      });
      expect(await allowed('sales', url)).toEqual(
        expect.arrayContaining(['ASK_CUSTOMER', 'CUSTOMER_ANSWERED', 'CONFIRM_REQUIREMENTS']),
      );
      expect(await allowed('manager', url)).toEqual(expect.arrayContaining(['ASK_CUSTOMER', 'VOID']));
    });

    it('lets only the owner or a sales manager record a negotiation', async () => {
      const edits = c.requirements.map((r: Json) => ({ op: 'accept', requirementId: r.id }));
      c = (await post('sales', `${url}/requirements`, { edits })).json();
      c = (await post('sales', `${url}/requirements/confirm`, {})).json();
      tick(2);
      const quality = c.requirements.find((r: Json) => r.text.includes('材质证明'));
      c = await signAll(url, c, {
        quality: {
          outcome: 'cannot_meet',
          reason: '无第三方检测资质',
          cannotMeetRequirementIds: [quality.id],
        },
      });
      expect(c.stage).toBe('salesNegotiation');
      const negotiation = {
        issueId: c.issues[0].id,
        contact: { name: '客户质量 王经理', channel: '电话' },
        outcome: 'agreed',
        summary: '客户同意由第三方实验室出具报告',
      };
      await expectRefused(() => post('other', `${url}/negotiations`, negotiation), 403, 'NOT_CASE_OWNER');
      expect((await get('other', url)).json().actions.RECORD_NEGOTIATION.reason.code).toBe('NOT_CASE_OWNER');
      expect(await allowed('sales', url)).toContain('RECORD_NEGOTIATION');
      const agreed = await post('manager', `${url}/negotiations`, negotiation);
      expect(agreed.statusCode).toBe(200);
      c = agreed.json();
      expect(c.stage).toBe('reReview');
    });

    it('lets only the owner record the customer confirmation, and the owner or a manager amend', async () => {
      const mine = (await get('quality', url)).json().myChecklist;
      c = (
        await post('quality', `${url}/reviews/sign`, {
          department: 'quality',
          contractVersion: c.contractVersion,
          answers: Object.fromEntries(mine.items.map((i: Json) => [i.id, 'ok'])),
          outcome: 'can_meet',
        })
      ).json();
      tick(3);
      c = (
        await post('manager', `${url}/conclusion`, { decision: 'accept', contractVersion: c.contractVersion })
      ).json();
      c = (await post('sales', `${url}/feedback-sent`, { content: '接受订单', channel: '电话' })).json();
      expect(c.stage).toBe('awaitingCustomerConfirmation');
      await expectRefused(
        () => post('other', `${url}/customer-confirmation`, { reference: 'PO-8812' }),
        403,
        'NOT_CASE_OWNER',
      );
      const terms = structuredClone(c.terms);
      terms.items[0].quantity.value = 15;
      const amend = { kind: 'change_record', terms, reason: '客户电话追加 3 吨' };
      await expectRefused(() => post('other', `${url}/amendments`, amend), 403, 'NOT_CASE_OWNER');
      expect(await allowed('other', url)).toEqual([]);
      expect(await allowed('sales', url)).toEqual(
        expect.arrayContaining(['AMEND', 'ASK_CUSTOMER', 'CUSTOMER_CONFIRMED']),
      );
      const confirmed = await post('sales', `${url}/customer-confirmation`, { reference: 'PO-8812' });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json().stage).toBe('confirmed');
      const amended = await post('manager', `${url}/amendments`, amend);
      expect(amended.statusCode).toBe(200);
      expect(amended.json().contractVersion).toBe(2);
    });

    it('lets the GM or a sales manager void the case, never another salesperson', async () => {
      await expectRefused(() => post('other', `${url}/void`, { reason: '客户取消' }), 403, 'NOT_PERMITTED');
      await expectRefused(() => post('sales', `${url}/void`, { reason: '客户取消' }), 403, 'NOT_PERMITTED');
      const voided = await post('gm', `${url}/void`, { reason: '客户取消订单' });
      expect(voided.statusCode).toBe(200);
      expect(voided.json().stage).toBe('voided');
    });
  });

  describe("a temporary contract's basis", () => {
    let c: Json;
    let url = '';
    const basis = {
      reason: '客户产线停线待料，先按电话订单备料，正式合同随后补签',
      statedBy: '客户采购 王经理',
      statedAt: new Date(START - 2 * 3_600_000).toISOString(),
      channel: 'phone',
    };
    const temporary = () => ({
      ...regularOrder(new Date(START).toISOString()),
      contractClass: 'temporary',
      departments: ['sales', 'production'],
    });

    it('does not start the review before the basis is recorded', async () => {
      tick(0);
      c = (await post('sales', '/api/contracts', temporary())).json();
      url = `/api/contracts/${c.id}`;
      expect(c.temporaryBasis).toBeNull();
      const edits = c.requirements.map((r: Json) => ({ op: 'accept', requirementId: r.id }));
      c = (await post('sales', `${url}/requirements`, { edits })).json();
      const problem = await expectRefused(
        () => post('sales', `${url}/requirements/confirm`, {}),
        409,
        'TEMPORARY_BASIS_MISSING',
      );
      expect(problem.detail).toMatch(/^临时合同须先记录其依据/);
    });

    it("refuses a basis from someone else's case, in the future, or without who said it", async () => {
      await expectRefused(() => post('other', `${url}/temporary-basis`, basis), 403, 'NOT_CASE_OWNER');
      await expectRefused(() => post('production', `${url}/temporary-basis`, basis), 403, 'NOT_PERMITTED');
      const ahead = new Date(now.getTime() + 3_600_000).toISOString();
      await expectRefused(
        () => post('sales', `${url}/temporary-basis`, { ...basis, statedAt: ahead }),
        400,
        'TIME_IN_FUTURE',
      );
      const blank = await post('sales', `${url}/temporary-basis`, { ...basis, statedBy: ' ' });
      expect(blank.statusCode).toBe(400);
      const fax = await post('sales', `${url}/temporary-basis`, { ...basis, channel: 'fax' });
      expect(fax.statusCode).toBe(400);
      expect(fax.json().detail).toContain('口头(verbal)');
      expect((await get('other', url)).json().actions.RECORD_TEMPORARY_BASIS.reason.code).toBe(
        'NOT_CASE_OWNER',
      );
      expect(await allowed('sales', url)).toContain('RECORD_TEMPORARY_BASIS');
    });

    it('records the basis, shows it on the case and in the review record, then starts the review', async () => {
      const recorded = await post('sales', `${url}/temporary-basis`, basis);
      expect(recorded.statusCode).toBe(200);
      c = recorded.json();
      expect(c.temporaryBasis).toMatchObject({ ...basis, recordedBy: plant.ids.sales });
      expect(c.history.at(-1).summary.zh).toContain('临时合同依据：客户采购 王经理（电话）');
      const audit = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', c.id)
        .where('action', '=', 'review.temporary_basis_recorded')
        .execute();
      expect(audit).toHaveLength(1);
      c = (await post('sales', `${url}/requirements/confirm`, {})).json();
      expect(c.stage).toBe('plannerReview');
      // Once the review runs, the basis is what it was reviewed on.
      expect((await get('sales', url)).json().actions.RECORD_TEMPORARY_BASIS.reason.code).toBe(
        'NOT_ALLOWED_IN_STATE',
      );
      const xlsx = await get('quality', `${url}/record.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const rows = wb.worksheets[0]!.getSheetValues()
        .filter(Array.isArray)
        .map((r) => r.slice(1).map((v) => (v instanceof Date ? v.toISOString() : String(v))));
      const field = (label: string) => rows.find((r) => r[0] === label)?.[1];
      expect(field('临时合同依据 Temporary contract basis')).toBe(basis.reason);
      expect(field('客户下达人 Given by')).toBe('客户采购 王经理');
      expect(field('下达方式 Channel')).toBe('电话 By telephone');
      expect(field('记录人 Recorded by')).toMatch(/^李晓梅（销售部 Sales）/);
    });

    it('takes the basis at opening, and refuses one on a contract that is not temporary', async () => {
      const opened = await post('sales', '/api/contracts', { ...temporary(), temporaryBasis: basis });
      expect(opened.statusCode).toBe(201);
      expect(opened.json().temporaryBasis).toMatchObject({ channel: 'phone', statedBy: '客户采购 王经理' });
      await expectRefused(
        () =>
          post('sales', '/api/contracts', {
            ...regularOrder(new Date(START).toISOString()),
            temporaryBasis: basis,
          }),
        409,
        'NOT_TEMPORARY_CONTRACT',
      );
      const regular = (
        await post('sales', '/api/contracts', regularOrder(new Date(START).toISOString()))
      ).json();
      expect(regular.actions.RECORD_TEMPORARY_BASIS.reason.code).toBe('NOT_TEMPORARY_CONTRACT');
    });
  });
});
