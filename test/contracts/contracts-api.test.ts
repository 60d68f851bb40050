// The contract review API through the real app and real sign-in: opening (by hand and from an
// analysed intake record), the step endpoints, refusals as problem+json that change nothing,
// optimistic concurrency, the ledger and its export, the record files, workbench and inbox.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { grantReviewTitle } from '../../src/contracts/review-config.js';
import { analyzeAndClassify } from '../../src/rules/store-classification.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { appFor, login } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { manualOrder, ROUTED } from './support.js';

const DEPTS = ['sales', 'technical', 'purchasing', 'quality', 'production', 'general_manager'] as const;

describeEachDatabase('contracts API', (t) => {
  let app: App;
  let now = new Date('2026-11-23T01:00:00.000Z');
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    app = await appFor(t.store(), { clock: () => now });
    for (const department of [...DEPTS, 'manager']) {
      const user = await createUser(
        t.store().db,
        {
          username: `c-${department}`,
          password: `pw-${department}-123`,
          department: department === 'manager' ? 'sales' : department,
        },
        SYSTEM_ACTORS.cli,
      );
      ids[department] = user.id;
      cookies[department] = await login(app, `c-${department}`, `pw-${department}-123`);
    }
    await grantReviewTitle(t.store().db, ids.manager!, 'sales_manager');
  });
  afterAll(async () => {
    await app.close();
  });
  const as = (who: string) => ({ cookie: cookies[who]! });
  const post = (who: string, url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: as(who), payload });
  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as(who) });

  it('runs a regular contract from opening to customer confirmation over HTTP', async () => {
    const body = {
      ...manualOrder('regular', ROUTED),
      receivedAt: now.toISOString(),
    };
    expect((await post('technical', '/api/contracts', body)).statusCode).toBe(403);
    const created = await post('sales', '/api/contracts', body);
    expect(created.statusCode).toBe(201);
    let c = created.json();
    expect(c.number).toMatch(/^HT-2026-\d{4}$/);
    expect(c.stage).toBe('requirementConfirmation');
    expect(c.feedbackClock).toMatchObject({ deadline: '2026-11-25T01:00:00.000Z', overdue: false });
    const url = `/api/contracts/${c.number}`;

    const edits = c.requirements.map((r: { id: string }) => ({ op: 'accept', requirementId: r.id }));
    const accepted = await post('sales', `${url}/requirements`, { edits, expectedVersion: c.version });
    expect(accepted.statusCode).toBe(200);
    // A second writer still holding the old version loses with 409 and changes nothing.
    const stale = await post('sales', `${url}/requirements`, { edits, expectedVersion: c.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ code: 'STALE_VERSION', reason: 'STALE_VERSION' });
    c = accepted.json();

    c = (await post('sales', `${url}/requirements/confirm`, { expectedVersion: c.version })).json();
    expect(c.stage).toBe('countersign');

    const bench = (await get('technical', '/api/workbench')).json();
    expect(bench.myOpenReviews).toEqual([
      expect.objectContaining({
        number: c.number,
        department: 'technical',
        overdue: false,
        deadline: '2026-11-25T01:00:00.000Z',
      }),
    ]);
    expect(bench.myOpenReviewsTotal).toBe(1);

    // Quality may not sign technical's part: 403 in Chinese first, and the case is unchanged.
    const techView = (await get('technical', url)).json();
    expect(techView.myChecklist.department).toBe('technical');
    const answers = Object.fromEntries(techView.myChecklist.items.map((i: { id: string }) => [i.id, 'ok']));
    const wrong = await post('quality', `${url}/reviews/sign`, {
      department: 'technical',
      contractVersion: 1,
      answers,
      outcome: 'can_meet',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'WRONG_DEPARTMENT' });
    expect(wrong.json().detail).toMatch(/^只能由该部门/);
    expect((await get('sales', url)).json().version).toBe(c.version);

    now = new Date('2026-11-23T05:00:00.000Z');
    for (const who of ROUTED) {
      const mine = (await get(who, url)).json().myChecklist;
      const res = await post(who, `${url}/events`, {
        type: 'SIGN_REVIEW',
        department: who,
        contractVersion: 1,
        answers: Object.fromEntries(mine.items.map((i: { id: string }) => [i.id, 'ok'])),
        outcome: who === 'quality' ? 'can_meet_with_conditions' : 'can_meet',
        ...(who === 'quality' ? { conditions: '首批全检' } : {}),
      });
      expect(res.statusCode).toBe(200);
      c = res.json();
    }
    expect(c.stage).toBe('conclusion');
    expect(
      (await post('sales', `${url}/conclusion`, { decision: 'accept', contractVersion: 1 })).json(),
    ).toMatchObject({
      code: 'NOT_PERMITTED',
    });
    c = (await post('manager', `${url}/conclusion`, { decision: 'accept', contractVersion: 1 })).json();
    now = new Date('2026-11-23T09:00:00.000Z');
    c = (await post('sales', `${url}/feedback-sent`, {})).json();
    c = (await post('sales', `${url}/customer-confirmation`, { reference: 'PO-8812' })).json();
    expect(c.stage).toBe('confirmed');
    expect(c.feedbackClock).toMatchObject({ compliant: true, sentAt: '2026-11-23T09:00:00.000Z' });
    expect(
      c.departments.map((d: { department: string; signature: { userId: string } }) => [
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

    const ledger = (await get('general_manager', `/api/contracts?q=${c.number}&compliance=met`)).json();
    expect(ledger.total).toBe(1);
    expect(ledger.items[0]).toMatchObject({ number: c.number, status: 'confirmed', feedbackCompliant: true });

    const exported = await get('sales', `/api/contracts/export.xlsx?q=${c.number}`);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(c.number);
    expect(String(sheet.getRow(2).getCell(8).value)).toContain('是');

    const pdf = await get('quality', `${url}/record.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await get('quality', `${url}/record.xlsx`);
    const rec = new ExcelJS.Workbook();
    await rec.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = rec.worksheets[0]!.getSheetValues().flatMap((r) =>
      Array.isArray(r) ? r.map(String) : [],
    );
    expect(values).toContain('首批全检');
    // Signers by name and department, never by user id.
    expect(values).toContain('c-manager（销售部 Sales），销售经理 Sales manager');
    expect(values.join(' ')).not.toContain(ids.manager!);

    const inbox = (await get('technical', '/api/notifications?unread=true')).json();
    expect(
      inbox.items.some(
        (n: { kind: string; contractId: string }) => n.kind === 'review_requested' && n.contractId === c.id,
      ),
    ).toBe(true);
    expect((await post('technical', '/api/notifications/read', {})).json().updated).toBe(inbox.unread);
    expect((await get('technical', '/api/notifications?unread=true')).json().unread).toBe(0);
  });

  it('documents every contract endpoint in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const path of [
      '/api/contracts',
      '/api/contracts/{id}',
      '/api/contracts/{id}/events',
      '/api/contracts/{id}/reviews/sign',
      '/api/contracts/{id}/record.pdf',
      '/api/workbench',
      '/api/notifications',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('opens a case from an analysed intake record with requirement sources', async () => {
    const text =
      '王经理您好，我司需采购6063-T5铝型材12吨，要求每批提供材质证明和RoHS检测报告，12月20日前交货到苏州工厂。';
    const result = await analyzeAndClassify(t.store(), { text, refDate: '2026-11-23' });
    const db = t.store().db;
    const intakeId = randomUUID();
    const at = now.toISOString();
    await db
      .insertInto('intake_records')
      .values({
        id: intakeId,
        channel: 'email',
        file_name: null,
        file_sha256: null,
        media_type: 'text/plain',
        size_bytes: text.length,
        extracted_text: text,
        provenance: null,
        status: 'processing',
        error_code: null,
        error_message: null,
        customer_id: null,
        received_at: at,
        created_by: ids.sales!,
        created_at: at,
        updated_at: at,
      })
      .execute();
    // Waiting for the worker, the record is work to come: listed, titled with its first line.
    const waiting = (await get('sales', '/api/workbench'))
      .json()
      .newIntake.find((i: { intakeId: string }) => i.intakeId === intakeId);
    expect(waiting).toMatchObject({ status: 'processing', title: text });
    await db
      .insertInto('analyses')
      .values({
        id: randomUUID(),
        intake_id: intakeId,
        ref_date: '2026-11-23',
        engine_version: 'test',
        result: JSON.stringify(result),
        created_at: at,
      })
      .execute();
    await db.updateTable('intake_records').set({ status: 'done' }).where('id', '=', intakeId).execute();
    // Analysed, it waits for a person to open its review.
    expect(
      (await get('sales', '/api/workbench'))
        .json()
        .newIntake.find((i: { intakeId: string }) => i.intakeId === intakeId),
    ).toMatchObject({ status: 'awaiting_review' });

    const res = await post('sales', '/api/contracts', {
      intakeId,
      contractClass: 'regular',
      customerName: '苏州某汽车部件公司',
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.requirements.length).toBe(result.requirements.length);
    expect(c.requirements.length).toBeGreaterThan(0);
    for (const r of c.requirements) {
      expect(r.source.intakeId).toBe(intakeId);
      expect(text).toContain(r.source.quote);
    }
    expect(
      (await get('sales', '/api/workbench')).json().newIntake.map((i: { intakeId: string }) => i.intakeId),
    ).not.toContain(intakeId);
    expect((await post('sales', '/api/contracts', { intakeId: 'nope' })).statusCode).toBe(404);
    // A second "open review" on the same message names the case already open instead of a duplicate.
    const again = await post('sales', '/api/contracts', { intakeId, contractClass: 'regular' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain(c.number);
    const count = await db
      .selectFrom('contracts')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('intake_id', '=', intakeId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});
