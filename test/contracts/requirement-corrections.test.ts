// What the user corrects is what is reviewed, for the requirement list: a message taken in through
// the real intake pipeline and opened as a case over HTTP, on both databases. The case owner edits,
// adds, rejects (only with a reason) and merges requirements; another salesperson is refused; each
// correction is in the case history and, with who/when/before → after/why, in the review record;
// the departments' checklists are built from the corrected list; once a department signed, the list
// is frozen with a message that says to amend the contract. Implied requirements read as sentences.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { upsertProduct } from '../../src/catalog/catalog-repository.js';
import { loadCase, replayCase } from '../../src/contracts/case-repository.js';
import { loadReviewConfig } from '../../src/contracts/review-config.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { login } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { type IntakeServer, startIntakeServer, waitForIntake } from '../support/intake.js';
import { ITEMS, type Plant, STAFF, seedPlant } from './http-case.js';

// The customer's name says 汽车 (automotive): the analysis implies IMDS data and lot traceability.
// Its delivery sentence is read twice (logistics and delivery): a duplicate the owner merges.
const MESSAGE =
  '苏州精工汽车部件有限公司采购订单 PO-2026-0815：6063-T5门窗型材（AL-101）5吨，单价21000元/吨含税，' +
  '2027年1月30日前送到苏州工厂。付款方式：月结30天。';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API under test
type Json = Record<string, any>;

function pdfToText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-corrections-'));
  try {
    const file = path.join(dir, 'record.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describeEachDatabase('requirement corrections', (t) => {
  let server: IntakeServer;
  let plant: Plant;
  let otherSales = '';
  let c: Json = {};
  let url = '';
  const db = () => t.store().db;
  const req = (id: string) => (c.requirements as Json[]).find((r) => r.id === id)!;
  const byText = (text: string) => (c.requirements as Json[]).find((r) => r.text === text)!;
  const edit = (edits: object[], who: 'sales' | 'quality' = 'sales') =>
    plant.post(who, `${url}/requirements`, { edits, expectedVersion: c.version });
  const eventCount = async () =>
    Number(
      (
        await db()
          .selectFrom('review_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    await upsertProduct(db(), SYSTEM_ACTORS.cli, {
      code: 'AL-101',
      name: '6063-T5门窗型材',
      model: 'AL-101',
      category: '型材',
      precisionGrade: '普通级',
      unit: '吨',
      unitWeightKg: 1000,
      listPriceCny: '21000.00',
    });
    server = await startIntakeServer(t.store(), {}, `reqedit-${t.dialect}`);
    plant = await seedPlant(server.app, t.store());
    await createUser(
      db(),
      { username: 'r-sales2', password: 'Fz8#kP2q-sales2-Tm5', department: 'sales', displayName: '赵一鸣' },
      SYSTEM_ACTORS.cli,
    );
    otherSales = await login(server.app, 'r-sales2', 'Fz8#kP2q-sales2-Tm5');

    const intakeId = await server.upload('精工采购订单.txt', Buffer.from(MESSAGE), 'text/plain');
    expect((await waitForIntake(db(), intakeId)).status).toBe('done');
    const opened = await plant.post('sales', '/api/contracts', { intakeId, contractClass: 'regular' });
    expect(opened.statusCode, opened.body).toBe(201);
    c = opened.json();
    url = `/api/contracts/${c.id}`;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('stores and shows implied requirements as full statements, the trigger words as their source', () => {
    const implied = (c.requirements as Json[]).filter((r) => r.kind === 'implied');
    expect(implied.map((r) => r.text).sort()).toEqual([
      '按汽车行业惯例保证零件按批次可追溯（熔铸批号、生产批号）',
      '按汽车行业惯例在IMDS中申报零件的材料数据（ELV/REACH合规）',
    ]);
    expect(implied.map((r) => r.source.quote)).toEqual(['汽车', '汽车']);
  });

  it('refuses corrections from a salesperson who does not own the case, changing nothing', async () => {
    const before = await eventCount();
    const res = await server.app.inject({
      method: 'POST',
      url: `${url}/requirements`,
      headers: { cookie: otherSales },
      payload: { edits: [{ op: 'edit', requirementId: 'R1', text: '单价21500元/吨含税' }] },
    });
    expect({ status: res.statusCode, code: res.json().code }).toEqual({
      status: 403,
      code: 'NOT_CASE_OWNER',
    });
    expect(await eventCount()).toBe(before);
    const view = (await server.app.inject({ method: 'GET', url, headers: { cookie: otherSales } })).json();
    expect(view.actions.EDIT_REQUIREMENTS).toMatchObject({
      allowed: false,
      reason: { code: 'NOT_CASE_OWNER' },
    });
    expect(view.version).toBe(c.version);
  });

  it('refuses a rejection without a reason, in both languages', async () => {
    const res = await edit([{ op: 'reject', requirementId: 'R4', reason: '  ' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'REJECTION_REASON_REQUIRED' });
    expect(res.json().detail).toContain('驳回需求时必须写明原因');
    expect(res.json().detail).toContain('A reason is required to reject a requirement');
  });

  it('edits, adds, rejects with a reason and merges duplicates, each in the history with its reason', async () => {
    const logistics = byText('2027年1月30日前送到苏州工厂').id as string;
    const delivery = (c.requirements as Json[]).find(
      (r) => r.text === '2027年1月30日前送到苏州工厂' && r.category === 'delivery',
    )!.id as string;
    expect(logistics).not.toBe(delivery);
    const imds = byText('按汽车行业惯例在IMDS中申报零件的材料数据（ELV/REACH合规）').id as string;
    const price = byText('单价21000元/吨含税').id as string;
    const res = await edit([
      { op: 'edit', requirementId: price, text: '单价21000元/吨（含13%增值税）', reason: '写明税率' },
      {
        op: 'merge',
        requirementId: delivery,
        duplicateId: logistics,
        text: '2027年1月30日前送到苏州工厂（DAP）',
        reason: '同一交货要求读了两次',
      },
      { op: 'reject', requirementId: imds, reason: '门窗型材不用于汽车，无需IMDS' },
      {
        op: 'add',
        text: '每捆不超过1吨，外包装标注炉批号',
        category: 'packaging',
        kind: 'explicit',
        reason: '客户电话补充',
      },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    const added = (c.requirements as Json[]).at(-1)!;
    expect(added).toMatchObject({
      text: '每捆不超过1吨，外包装标注炉批号',
      category: 'packaging',
      status: 'accepted',
    });
    expect(req(price)).toMatchObject({ text: '单价21000元/吨（含13%增值税）', version: 2 });
    expect(req(logistics)).toMatchObject({ status: 'rejected', mergedInto: delivery });
    expect(req(delivery)).toMatchObject({ text: '2027年1月30日前送到苏州工厂（DAP）' });
    expect(req(imds).status).toBe('rejected');
    expect(req(imds).history.at(-1)).toMatchObject({
      change: 'rejected',
      by: plant.ids.sales,
      reason: '门窗型材不用于汽车，无需IMDS',
    });

    const entry = (c.history as Json[]).at(-1)!;
    expect(entry).toMatchObject({ event: 'requirements_edited', by: plant.ids.sales });
    expect(entry.summary.zh).toContain('修改需求');
    expect(entry.summary.zh).toContain('「单价21000元/吨含税」 → 「单价21000元/吨（含13%增值税）」');
    expect(entry.summary.zh).toContain(`合并重复需求：${logistics} 并入 ${delivery}`);
    expect(entry.summary.zh).toContain('原因：门窗型材不用于汽车，无需IMDS');
    expect(entry.summary.zh).toContain(`新增需求 ${added.id}`);
    expect(entry.summary.en).toContain('reason: 同一交货要求读了两次');

    // Who, when, before → after and why, for each correction (the merge on both requirements).
    const corrections = c.requirementCorrections as Json[];
    expect(corrections.map((x) => [x.requirementId, x.change]).sort()).toEqual(
      [
        [price, 'edited'],
        [delivery, 'merged'],
        [logistics, 'merged'],
        [imds, 'rejected'],
        [added.id, 'created'],
      ].sort(),
    );
    const priceFix = corrections.find((x) => x.requirementId === price)!;
    expect(priceFix).toMatchObject({ by: plant.ids.sales, reason: '写明税率', mergedWith: null });
    expect(priceFix.before).toContain('单价21000元/吨含税');
    expect(priceFix.after).toContain('单价21000元/吨（含13%增值税）');

    // The audit log keeps the edits with their reasons.
    const audit = await db()
      .selectFrom('audit_log')
      .select(['after', 'actor_id'])
      .where('action', '=', 'review.requirements_edited')
      .execute();
    expect(audit.some((a) => String(a.after).includes('门窗型材不用于汽车，无需IMDS'))).toBe(true);
  });

  it('builds the departments’ checklists from the corrected list, and allows corrections until one signs', async () => {
    const proposed = (c.requirements as Json[]).filter((r) => r.status === 'proposed');
    c = (await edit(proposed.map((r) => ({ op: 'accept', requirementId: r.id })))).json();
    const confirmed = await plant.post('sales', `${url}/requirements/confirm`, {
      expectedVersion: c.version,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    c = confirmed.json();
    expect(c.stage).toBe('countersign');

    const packaging = (c.requirements as Json[]).find((r) => r.category === 'packaging')!;
    const topics = async (who: 'quality' | 'production' | 'technical') =>
      ((await plant.get(who, url)).json().myChecklist.items as Json[]).map((i) => i.topic.zh as string);
    // Packaging is reviewed by quality and production (the category's routing).
    for (const who of ['quality', 'production'] as const)
      expect(await topics(who)).toContain(`能否满足：${packaging.text}`);
    // A rejected requirement reaches no checklist.
    for (const who of ['quality', 'production', 'technical'] as const)
      expect((await topics(who)).join('\n')).not.toContain('IMDS');

    // Nobody has signed: the owner may still correct, and the checklists follow.
    const before = await plant.get('sales', url);
    expect(before.json().actions.EDIT_REQUIREMENTS.allowed).toBe(true);
    const res = await edit([
      { op: 'edit', requirementId: packaging.id, text: '每捆不超过1吨，外包装标注炉批号和生产日期' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    expect(await topics('quality')).toContain('能否满足：每捆不超过1吨，外包装标注炉批号和生产日期');
  });

  it('freezes the list once a department signed: corrections are refused, pointing to an amendment', async () => {
    const mine = (await plant.get('quality', url)).json().myChecklist;
    const signed = await plant.post('quality', `${url}/reviews/sign`, {
      department: 'quality',
      contractVersion: c.contractVersion,
      answers: Object.fromEntries((mine.items as Json[]).map((i) => [i.id, 'ok'])),
      outcome: 'can_meet',
    });
    expect(signed.statusCode, signed.body).toBe(200);
    c = signed.json();

    const before = await eventCount();
    const res = await edit([
      { op: 'add', text: '提供出厂检验报告', category: 'documentation', kind: 'explicit' },
    ]);
    expect({ status: res.statusCode, code: res.json().code }).toEqual({
      status: 409,
      code: 'REQUIREMENTS_LOCKED',
    });
    expect(res.json().detail).toContain('请走合同变更');
    expect(res.json().detail).toContain('amend the contract');
    expect(await eventCount()).toBe(before);
    const view = (await plant.get('sales', url)).json();
    expect(view.actions.EDIT_REQUIREMENTS).toMatchObject({
      allowed: false,
      reason: { code: 'REQUIREMENTS_LOCKED' },
    });
    // The corrections replay from the event log to the stored case.
    const replayed = await replayCase(db(), c.id, await loadReviewConfig(db()));
    expect(replayed).toEqual((await loadCase(db(), c.id)).state);
  });

  it('prints the corrections in the review record: who, when, before → after and why', async () => {
    const pdf = await plant.get('sales', `${url}/record.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfToText(pdf.rawPayload).replace(/\s+/g, '');
    expect(text).toContain('需求修订Requirementcorrections');
    expect(text).toContain('门窗型材不用于汽车，无需IMDS');
    // Table cells wrap; the full wording is checked in the XLSX below.
    expect(text).toContain('同一交货要求');
    expect(text).toContain('驳回');
    expect(text).toContain('合并重复');
    expect(text).toContain(STAFF.sales.name);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);

    const xlsx = await plant.get('sales', `${url}/record.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(String(cell.text));
        });
      }),
    );
    expect(cells).toContain('需求修订 Requirement corrections');
    expect(cells).toContain('门窗型材不用于汽车，无需IMDS');
    expect(cells).toContain('同一交货要求读了两次');
  });

  it('brings in the department a corrected requirement belongs to when the case has none of them', async () => {
    // A temporary order is reviewed by sales and production (the routing table): nobody technical.
    const opened = await plant.post('sales', '/api/contracts', {
      customerName: '苏州精工汽车部件有限公司',
      contractClass: 'temporary',
      items: [ITEMS[0]],
      delivery: { date: '2027-01-20', place: '苏州工厂', terms: null },
      paymentTerms: null,
      requirements: [
        {
          text: '月底前先交500件',
          category: 'delivery',
          kind: 'explicit',
          special: false,
          priority: 'normal',
        },
      ],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const other = opened.json();
    expect(other.departments.map((d: Json) => d.department)).toEqual(['sales', 'production']);
    const res = await plant.post('sales', `/api/contracts/${other.id}/requirements`, {
      edits: [{ op: 'add', text: '孔径公差±0.05mm', category: 'technical', kind: 'explicit' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json();
    expect(after.departments.map((d: Json) => d.department)).toEqual(['sales', 'technical', 'production']);
    expect(after.routing.changes.at(-1)).toMatchObject({ op: 'add', department: 'technical' });
    expect(after.routing.changes.at(-1).reason).toContain('需求修订');
  });
});
