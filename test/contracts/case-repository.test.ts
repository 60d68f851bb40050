// The contract case shell over both databases: every step persisted with who and when, the event
// log rebuilding the snapshot exactly, refusals and conflicts leaving the database untouched.
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { loadCase, openContractCase, replayCase } from '../../src/contracts/case-repository.js';
import { runDeadlineCheck } from '../../src/contracts/deadline-check.js';
import { queryLedger } from '../../src/contracts/ledger.js';
import { listNotifications } from '../../src/contracts/notifications.js';
import { loadRecordSource, reviewRecordPdf, reviewRecordXlsx } from '../../src/contracts/record-files.js';
import { loadReviewConfig } from '../../src/contracts/review-config.js';
import type { ReviewingDepartment } from '../../src/review/types.js';
import { AppError } from '../../src/shared/errors.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  at,
  contextFor,
  Driver,
  manualOrder,
  notificationsOf,
  PEOPLE,
  ROUTED,
  ROUTED_TEMPORARY,
  seedPeople,
  TEMPORARY_BASIS,
} from './support.js';

const BY_DEPT: Record<ReviewingDepartment, (typeof PEOPLE)[keyof typeof PEOPLE]> = {
  sales: PEOPLE.sales,
  technical: PEOPLE.technical,
  purchasing: PEOPLE.purchasing,
  production: PEOPLE.production,
  quality: PEOPLE.quality,
  finance: PEOPLE.finance,
};

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false })
    .promise;
  let out = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    out += content.items.map((i) => ('str' in i ? i.str : '')).join('');
  }
  return out;
}

async function expectRefusal(promise: Promise<unknown>, status: number, reason: string) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(status);
  expect((err as AppError).code).toBe(reason);
  // The code itself, not a generic CONFLICT; `reason` repeats it for clients written before.
  expect((err as AppError).details?.reason).toBe(reason);
  return err as AppError;
}

describeEachDatabase('contract cases', (tdb) => {
  const db = () => tdb.store().db;
  beforeAll(async () => {
    await seedPeople(db());
  });

  async function open(cls: 'regular' | 'special' | 'temporary', depts: ReviewingDepartment[], extra = {}) {
    const ctx = await contextFor(db(), 0);
    const opened = await openContractCase(db(), manualOrder(cls, depts, extra), ctx);
    return { opened, driver: new Driver(db(), opened.contractId, ctx.config) };
  }

  async function acceptedRegular(depts: ReviewingDepartment[]) {
    const { opened, driver } = await open('regular', depts);
    let s = await driver.confirmAll(opened.state, 1);
    for (const d of depts) s = await driver.sign(s, BY_DEPT[d], d, 2);
    await driver.act(
      PEOPLE.salesManager,
      { type: 'SIGN_CONCLUSION', decision: 'accept', contractVersion: 1 },
      3,
    );
    await driver.act(PEOPLE.sales, { type: 'SEND_FEEDBACK' }, 4);
    s = await driver.act(PEOPLE.sales, { type: 'CUSTOMER_CONFIRMED', reference: 'PO-2026-118' }, 5);
    return { opened, driver, state: s };
  }

  it('drives a regular contract through countersign to confirmation, persisted with who and when', async () => {
    const { opened, state } = await acceptedRegular(ROUTED);
    expect(opened.number).toMatch(/^HT-2026-\d{4}$/);
    expect(state.value).toBe('confirmed');

    const loaded = await loadCase(db(), opened.contractId);
    expect(loaded.state).toEqual(state);
    // The event log alone rebuilds the same machine state.
    expect(await replayCase(db(), opened.contractId, await loadReviewConfig(db()))).toEqual(loaded.state);

    const contract = await db()
      .selectFrom('contracts')
      .selectAll()
      .where('id', '=', opened.contractId)
      .executeTakeFirstOrThrow();
    expect(contract).toMatchObject({ status: 'confirmed', class: 'regular', number: opened.number });
    expect(Number(contract.version)).toBe(loaded.revision);

    const reviews = await db()
      .selectFrom('reviews')
      .select(['department', 'status', 'conclusion', 'signer_id', 'signed_at'])
      .where('contract_id', '=', opened.contractId)
      .orderBy('department')
      .execute();
    expect(reviews.map((r) => [r.department, r.status, r.conclusion, r.signer_id])).toEqual([
      ['production', 'signed', 'can_meet', 'liu.prod'],
      ['purchasing', 'signed', 'can_meet', 'he.buy'],
      ['quality', 'signed', 'can_meet', 'zhou.qa'],
      ['sales', 'signed', 'can_meet', 'li.sales'],
      ['technical', 'signed', 'can_meet', 'chen.tech'],
    ]);
    expect(reviews.every((r) => r.signed_at === at(2).toISOString())).toBe(true);

    const events = await db()
      .selectFrom('review_events')
      .select(['type', 'actor_id', 'at'])
      .where('contract_id', '=', opened.contractId)
      .orderBy('revision')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'OPEN',
      'EDIT_REQUIREMENTS',
      'CONFIRM_REQUIREMENTS',
      'SIGN_REVIEW',
      'SIGN_REVIEW',
      'SIGN_REVIEW',
      'SIGN_REVIEW',
      'SIGN_REVIEW',
      'SIGN_CONCLUSION',
      'SEND_FEEDBACK',
      'CUSTOMER_CONFIRMED',
    ]);
    expect(events.find((e) => e.type === 'SIGN_CONCLUSION')).toMatchObject({
      actor_id: 'wang.sm',
      at: at(3).toISOString(),
    });

    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', opened.contractId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('review.conclusion_signed');
    expect(audit.find((a) => a.action === 'review.conclusion_signed')?.actor_id).toBe('wang.sm');

    const requirements = await db()
      .selectFrom('requirements')
      .select(['text', 'status'])
      .where('contract_id', '=', opened.contractId)
      .execute();
    expect(requirements).toHaveLength(4);
    expect(requirements.every((r) => r.status === 'accepted')).toBe(true);
    // Each reviewing department was asked to review.
    expect(await notificationsOf(db(), opened.contractId, 'review_requested')).toEqual(
      expect.arrayContaining(['chen.tech', 'liu.prod', 'zhou.qa']),
    );
  });

  it('runs a special contract through meeting review, failed negotiation and a GM decision', async () => {
    const { opened, driver } = await open('special', [
      'sales',
      'technical',
      'quality',
      'production',
      'purchasing',
    ]);
    let s = await driver.confirmAll(opened.state, 1);
    expect(s.value).toBe('meetingReview');
    s = await driver.holdMeeting(
      {
        type: 'RECORD_MEETING',
        heldAt: at(5).toISOString(),
        minutes: '评审会议：R1 孔径公差技术部无法满足。',
        participants: [
          { userId: 'li.sales', department: 'sales' },
          { userId: 'chen.tech', department: 'technical' },
          { userId: 'zhou.qa', department: 'quality' },
          { userId: 'liu.prod', department: 'production' },
          { userId: 'ma.gm', department: 'general_manager' },
        ],
        decisions: [
          {
            requirementId: 'R1',
            outcome: 'cannot_meet',
            note: '现有CNC无法稳定保证±0.02',
            departments: ['technical'],
          },
          { requirementId: 'R2', outcome: 'can_meet', note: '可提供', departments: [] },
          { requirementId: 'R3', outcome: 'can_meet', note: '可满足', departments: [] },
          { requirementId: 'R4', outcome: 'can_meet', note: '可满足', departments: [] },
        ],
      },
      6,
    );
    expect(s.value).toBe('salesNegotiation');
    const issueId = s.context.issues[0]!.id;
    s = await driver.act(
      PEOPLE.sales,
      {
        type: 'RECORD_NEGOTIATION',
        issueId,
        contact: { name: '客户采购 张工', channel: 'phone' },
        outcome: 'failed',
        summary: '客户坚持±0.02',
      },
      8,
    );
    expect(s.value).toBe('gmDecision');
    expect(await notificationsOf(db(), opened.contractId, 'gm_decision_needed')).toEqual(['ma.gm']);
    // The sales manager may not decide in the GM's place; nothing is written.
    const before = await loadCase(db(), opened.contractId);
    const gm = {
      type: 'GM_DECIDE' as const,
      issueId,
      decision: 'decline' as const,
      rationale: '设备投资不经济',
    };
    await expectRefusal(driver.act(PEOPLE.salesManager, gm, 9), 403, 'NOT_PERMITTED');
    expect((await loadCase(db(), opened.contractId)).revision).toBe(before.revision);

    s = await driver.act(PEOPLE.gm, gm, 9);
    expect(s.value).toBe('reReview');
    s = await driver.sign(s, PEOPLE.purchasing, 'purchasing', 10);
    expect(s.value).toBe('conclusion');
    s = await driver.act(PEOPLE.gm, { type: 'SIGN_CONCLUSION', decision: 'decline', contractVersion: 1 }, 11);
    s = await driver.act(PEOPLE.sales, { type: 'SEND_FEEDBACK' }, 12);
    expect(s.value).toBe('declined');
    const row = await db()
      .selectFrom('contracts')
      .select('status')
      .where('id', '=', opened.contractId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('declined');
    expect(await replayCase(db(), opened.contractId, driver.config)).toEqual(s);

    // The record files carry the GM decision, the meeting and the signers.
    const header = await loadRecordSource(db(), opened.contractId);
    const xlsx = await reviewRecordXlsx(header, s, at(13), driver.config);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const cells = wb
      .getWorksheet('合同评审表')!
      .getSheetValues()
      .flatMap((r) => (Array.isArray(r) ? r.map(String) : []));
    expect(cells).toContain(opened.number);
    expect(cells.some((c) => c.includes('设备投资不经济'))).toBe(true);
    expect(cells).toContain('he.buy（采购部 Purchasing）');
    expect(cells.some((c) => c.startsWith('不能满足'))).toBe(true);
    const text = await pdfText(await reviewRecordPdf(header, s, at(13), driver.config));
    expect(text).toContain('合同评审记录');
    expect(text).toContain('设备投资不经济');
    expect(text).toContain('he.buy');
    expect(text).toContain('拒绝');
  });

  it('records every signer and conclusion of a countersigned case in the XLSX and PDF record', async () => {
    const { opened, state, driver } = await acceptedRegular(ROUTED);
    const header = await loadRecordSource(db(), opened.contractId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await reviewRecordXlsx(header, state, at(6), driver.config)) as unknown as ArrayBuffer,
    );
    const rows = wb
      .getWorksheet('合同评审表')!
      .getSheetValues()
      .filter(Array.isArray)
      .map((r) => r.slice(1).map(String));
    const deptRows = rows.filter(
      (r) => /^(销售部|技术部|质量部) /.test(r[0] ?? '') && /^(能满足|有条件满足|不能满足) /.test(r[1] ?? ''),
    );
    expect(deptRows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['销售部 Sales', '能满足 Can meet', 'li.sales（销售部 Sales）'],
      ['技术部 Engineering', '能满足 Can meet', 'chen.tech（技术部 Engineering）'],
      ['质量部 Quality', '能满足 Can meet', 'zhou.qa（质量部 Quality）'],
    ]);
    expect(rows.find((r) => r[0] === '结论 Decision')?.[1]).toBe('接受 Order taken on');
    const text = await pdfText(await reviewRecordPdf(header, state, at(6), driver.config));
    for (const s of ['chen.tech', 'zhou.qa', 'li.sales', 'wang.sm', '接受', '孔径公差', opened.number])
      expect(text).toContain(s);
  });

  it('escalates a case not answered within 48 hours, driven by a controllable clock', async () => {
    const { opened } = await open('regular', ROUTED);
    const config = await loadReviewConfig(db());
    const firedFor = async (hours: number) =>
      (await runDeadlineCheck(db(), at(hours), config)).fired.filter(
        (f) => f.contractId === opened.contractId,
      );
    expect(await firedFor(23)).toEqual([]);
    expect((await firedFor(24.5))[0]?.notifications).toEqual(['deadline_reminder']);
    expect(await notificationsOf(db(), opened.contractId, 'deadline_reminder')).toEqual(['li.sales']);
    // Running again at the same instant fires nothing twice.
    expect(await firedFor(24.5)).toEqual([]);
    await firedFor(41);
    expect(await notificationsOf(db(), opened.contractId, 'deadline_escalation')).toEqual([]);
    await firedFor(48.5);
    expect(await notificationsOf(db(), opened.contractId, 'deadline_escalation')).toEqual([
      'ma.gm',
      'wang.sm',
    ]);
    const ledger = await queryLedger(
      db(),
      tdb.store().caps,
      { compliance: 'overdue', q: opened.number },
      at(49),
    );
    expect(ledger.items.map((r) => r.number)).toEqual([opened.number]);
    expect(ledger.items[0]!.overdue).toBe(true);
    const inbox = await listNotifications(db(), 'wang.sm', { unreadOnly: true });
    expect(
      inbox.items.some((n) => n.contractId === opened.contractId && n.kind === 'deadline_escalation'),
    ).toBe(true);
  });

  it('marks only the departments an amendment affects and notifies exactly them', async () => {
    const { opened, driver, state } = await acceptedRegular(ROUTED);
    const terms = structuredClone(state.context.versions.at(-1)!.terms);
    terms.items[1]!.drawing = { number: 'DWG-2002', revision: 'B' };
    const s = await driver.act(
      PEOPLE.sales,
      { type: 'AMEND', kind: 'change_clause', terms, reason: '图纸升版B' },
      30,
    );
    expect(s.value).toBe('reReview');
    expect(
      s.context.signOffs
        .filter((x) => x.status === 'pending')
        .map((x) => x.department)
        .sort(),
    ).toEqual(['purchasing', 'quality', 'technical']);
    // Quality's users (including the quality engineer), technical's and purchasing's; not sales, not production.
    expect(await notificationsOf(db(), opened.contractId, 're_review_requested')).toEqual([
      'chen.tech',
      'he.buy',
      'sun.qe',
      'zhou.qa',
    ]);
    const amendments = await db()
      .selectFrom('amendments')
      .selectAll()
      .where('contract_id', '=', opened.contractId)
      .execute();
    expect(amendments).toHaveLength(1);
    expect(JSON.parse(amendments[0]!.affected_departments)).toEqual(['technical', 'purchasing', 'quality']);
    expect(JSON.parse(amendments[0]!.diff)).toEqual([expect.objectContaining({ field: 'drawing' })]);
    expect(amendments[0]).toMatchObject({
      kind: 'change_clause',
      from_version: 1,
      to_version: 2,
      created_by: 'li.sales',
    });
  });

  it('records a quantity change without re-review, and a void-and-re-sign restarts the whole review', async () => {
    const { opened, driver, state } = await acceptedRegular(ROUTED);
    const terms = structuredClone(state.context.versions.at(-1)!.terms);
    terms.items[0]!.quantity = { value: 15, unit: 't' };
    let s = await driver.act(
      PEOPLE.sales,
      { type: 'AMEND', kind: 'change_record', terms, reason: '客户追加3吨' },
      30,
    );
    expect(s.value).toBe('confirmed');
    expect(s.context.signOffs.every((x) => x.status === 'signed')).toBe(true);
    expect(await notificationsOf(db(), opened.contractId, 're_review_requested')).toEqual([]);
    const items = await db()
      .selectFrom('contract_items')
      .select(['line_no', 'quantity'])
      .where('contract_id', '=', opened.contractId)
      .orderBy('line_no')
      .execute();
    expect(Number(items[0]!.quantity)).toBe(15);

    const resigned = structuredClone(terms);
    resigned.paymentTerms = '预付30%，发货前付清';
    s = await driver.act(
      PEOPLE.sales,
      { type: 'AMEND', kind: 'void_resign', terms: resigned, reason: '重新签订' },
      31,
    );
    expect(s.value).toBe('requirementConfirmation');
    expect(s.context.signOffs.every((x) => x.status === 'pending')).toBe(true);
    const amendments = await db()
      .selectFrom('amendments')
      .select(['kind', 'affected_departments', 'to_version'])
      .where('contract_id', '=', opened.contractId)
      .orderBy('to_version')
      .execute();
    expect(amendments.map((a) => [a.kind, JSON.parse(a.affected_departments)])).toEqual([
      ['change_record', []],
      ['void_resign', ['sales', 'technical', 'purchasing', 'production', 'quality']],
    ]);
    // Earlier opinions stay on record as superseded rows.
    const superseded = await db()
      .selectFrom('reviews')
      .select('department')
      .where('contract_id', '=', opened.contractId)
      .where('status', '=', 'superseded')
      .execute();
    expect(superseded.map((r) => r.department).sort()).toEqual([...ROUTED].sort());
    expect(await replayCase(db(), opened.contractId, driver.config)).toEqual(s);
  });

  it('runs a temporary order through sales-planner review and keeps the written confirmation', async () => {
    const { opened, driver } = await open('temporary', ROUTED_TEMPORARY, {
      temporaryBasis: TEMPORARY_BASIS,
    });
    let s = await driver.confirmAll(opened.state, 1);
    expect(s.value).toBe('plannerReview');
    s = await driver.sign(s, PEOPLE.sales, 'sales', 2);
    s = await driver.sign(s, PEOPLE.planner, 'production', 2, {
      outcome: 'can_meet_with_conditions',
      conditions: '分两批交货',
    });
    s = await driver.act(
      PEOPLE.salesManager,
      { type: 'SIGN_CONCLUSION', decision: 'accept', contractVersion: 1 },
      3,
    );
    const stored = await loadCase(db(), opened.contractId);
    expect(stored.state.context.writtenConfirmation?.zh).toContain('分两批交货');
    const header = await loadRecordSource(db(), opened.contractId);
    const text = await pdfText(await reviewRecordPdf(header, stored.state, at(4), driver.config));
    expect(text).toContain('分两批交货');
    expect(text).toContain('zhao.plan');
    expect(text).toContain('书面确认');
  });

  it('refuses a stale version with STALE_VERSION and a concurrent writer loses cleanly', async () => {
    const { opened, driver } = await open('regular', ROUTED);
    const edits = [{ op: 'accept' as const, requirementId: 'R1' }];
    await driver.act(
      PEOPLE.sales,
      { type: 'EDIT_REQUIREMENTS', edits, expectedRevision: opened.revision },
      1,
    );
    await expectRefusal(
      driver.act(
        PEOPLE.sales,
        {
          type: 'EDIT_REQUIREMENTS',
          edits: [{ op: 'accept', requirementId: 'R2' }],
          expectedRevision: opened.revision,
        },
        1,
      ),
      409,
      'STALE_VERSION',
    );
    const current = (await loadCase(db(), opened.contractId)).revision;
    const results = await Promise.allSettled(
      ['R3', 'R4'].map((id) =>
        driver.act(
          PEOPLE.sales,
          {
            type: 'EDIT_REQUIREMENTS',
            edits: [{ op: 'accept', requirementId: id }],
            expectedRevision: current,
          },
          2,
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const after = await loadCase(db(), opened.contractId);
    expect(after.revision).toBe(current + 1);
    const events = await db()
      .selectFrom('review_events')
      .select('id')
      .where('contract_id', '=', opened.contractId)
      .execute();
    expect(events).toHaveLength(3);
  });

  it("refuses a department signing another department's part, writing nothing", async () => {
    const { opened, driver } = await open('regular', ROUTED);
    const s = await driver.confirmAll(opened.state, 1);
    const before = await loadCase(db(), opened.contractId);
    const err = await expectRefusal(driver.sign(s, PEOPLE.quality, 'technical', 2), 403, 'WRONG_DEPARTMENT');
    expect(err.detail).toMatch(/^只能由该部门人员/);
    expect(await loadCase(db(), opened.contractId)).toEqual(before);
    // A registered deputy may sign for production, and is recorded as such.
    const signed = await driver.sign(s, PEOPLE.qualityDeputy, 'production', 2);
    expect(signed.context.signOffs.find((x) => x.department === 'production')?.signature).toMatchObject({
      userId: 'sun.qe',
      deputyFor: 'production',
    });
  });

  it('filters the ledger by customer, class, status, period and text, with pagination', async () => {
    const ctx = await contextFor(db(), 0);
    const mk = (customerName: string, cls: 'regular' | 'special', receivedAt: string, text: string) =>
      openContractCase(
        db(),
        manualOrder(cls, ROUTED, {
          customerName,
          receivedAt,
          requirements: [
            { text, category: 'technical', kind: 'explicit', special: false, priority: 'normal' },
          ],
        }),
        ctx,
      );
    const a = await mk('宁波台账测试甲', 'regular', '2026-03-01T02:00:00.000Z', '阳极氧化膜厚≥12μm');
    const b = await mk('宁波台账测试乙', 'special', '2026-03-10T02:00:00.000Z', '盐雾试验720小时');
    const c = await mk('杭州台账测试丙', 'regular', '2026-04-02T02:00:00.000Z', '盐雾试验480小时');
    const caps = tdb.store().caps;
    const now = at(0);
    const numbers = async (q: Parameters<typeof queryLedger>[2]) =>
      (await queryLedger(db(), caps, q, now)).items.map((r) => r.number).sort();
    expect(await numbers({ customer: '宁波台账' })).toEqual([a.number, b.number].sort());
    expect(await numbers({ customer: '台账测试', class: 'special' })).toEqual([b.number]);
    expect(await numbers({ q: '盐雾试验' })).toEqual([b.number, c.number].sort());
    expect(await numbers({ customer: '台账测试', from: '2026-03-05', to: '2026-03-31' })).toEqual([b.number]);
    expect(await numbers({ customer: '台账测试', status: 'requirementConfirmation' })).toHaveLength(3);
    expect(await numbers({ customer: '台账测试', status: 'confirmed' })).toEqual([]);
    const page1 = await queryLedger(db(), caps, { customer: '台账测试', pageSize: 2, page: 1 }, now);
    const page2 = await queryLedger(db(), caps, { customer: '台账测试', pageSize: 2, page: 2 }, now);
    expect(page1.total).toBe(3);
    expect(page1.items.map((r) => r.number)).toEqual([c.number, b.number]);
    expect(page2.items.map((r) => r.number)).toEqual([a.number]);
  });

  it('allocates distinct, consecutive contract numbers to concurrent openings', async () => {
    const ctx = await contextFor(db(), 0);
    const opened = await Promise.all(
      Array.from({ length: 5 }, () =>
        openContractCase(db(), manualOrder('temporary', ROUTED_TEMPORARY), ctx),
      ),
    );
    const seq = opened.map((o) => Number(o.number.slice(-4))).sort((x, y) => x - y);
    expect(new Set(seq).size).toBe(5);
    expect(seq.at(-1)! - seq[0]!).toBe(4);
  });
});
