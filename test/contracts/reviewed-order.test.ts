// What the user corrects is what is reviewed: a message taken in through the real intake pipeline,
// its order corrected as the intake page sends it, and the case opened from it. The corrected unit
// price reaches the case view, the ledger and both record files; the analysed order stays beside
// it, each corrected field is a labelled example in analysis_corrections and the correction is
// audited. A bad value is refused naming its field, and nothing at all is stored.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/analysis/result.js';
import { upsertProduct } from '../../src/catalog/catalog-repository.js';
import { createCustomer } from '../../src/customers/customer-repository.js';
import { analysedOrder } from '../../src/review/reviewed-order.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { type IntakeServer, startIntakeServer, waitForIntake } from '../support/intake.js';

const MESSAGE =
  '苏州精工汽车部件有限公司采购订单 PO-2026-0815：6063-T5门窗型材（AL-101）5吨，单价21000元/吨含税，' +
  '2027年1月30日前送到苏州工厂。付款方式：月结30天。';
const FILE_NAME = '精工采购订单 PO-0815.txt';

function pdfToText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-order-'));
  try {
    const file = path.join(dir, 'record.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API under test
type Json = Record<string, any>;

/** The order as the intake page's form sends it, from the analysed intake record. */
function formOrder(analysis: Json): Json {
  // The intake form starts from the order as analysed, with the PO number the salesperson types in.
  return {
    ...analysedOrder(analysis as AnalysisResult, analysis.customer?.name ?? ''),
    poNumber: 'PO-2026-0815',
  };
}

describeEachDatabase('the corrected order is the order reviewed', (t) => {
  let server: IntakeServer;
  const open = (payload: object) =>
    server.app.inject({
      method: 'POST',
      url: '/api/contracts',
      headers: { cookie: server.cookie },
      payload,
    });
  const get = (url: string) => server.app.inject({ method: 'GET', url, headers: { cookie: server.cookie } });

  /** A fresh message through the intake pipeline, analysed; answers its id and analysis. */
  async function analysedIntake(): Promise<{ intakeId: string; analysis: Json }> {
    const intakeId = await server.upload(FILE_NAME, Buffer.from(MESSAGE), 'text/plain');
    const record = await waitForIntake(t.store().db, intakeId);
    expect(record.status).toBe('done');
    return { intakeId, analysis: record.analysis as unknown as Json };
  }

  async function stored(intakeId: string) {
    const db = t.store().db;
    const contracts = await db
      .selectFrom('contracts')
      .select('id')
      .where('intake_id', '=', intakeId)
      .execute();
    const corrections = await db
      .selectFrom('analysis_corrections')
      .selectAll()
      .where('intake_id', '=', intakeId)
      .execute();
    const counters = await db.selectFrom('contract_number_counters').selectAll().execute();
    const orders = await db.selectFrom('contract_orders').select('contract_id').execute();
    return { contracts, corrections, counters, orders };
  }

  beforeAll(async () => {
    await upsertProduct(t.store().db, SYSTEM_ACTORS.cli, {
      code: 'AL-101',
      name: '6063-T5门窗型材',
      model: 'AL-101',
      category: '型材',
      precisionGrade: '普通级',
      unit: '吨',
      unitWeightKg: 1000,
      listPriceCny: '21000.00',
    });
    // A customer on file since 2018: only the order itself can make it special.
    await createCustomer(t.store().db, SYSTEM_ACTORS.cli, {
      name: '苏州精工汽车部件有限公司',
      shortName: '精工',
      firstOrderYear: 2018,
      industry: '汽车零部件',
      notes: null,
    });
    server = await startIntakeServer(t.store(), {}, `order-${t.dialect}`);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('reviews the corrected unit price in the case, the ledger and the record, and keeps the analysed one', async () => {
    const { intakeId, analysis } = await analysedIntake();
    expect(analysis.items[0].unitPrice.amount).toBe(21000);
    const order = formOrder(analysis);
    order.items[0].unitPrice = 21500;
    order.deliveryPlace = '苏州工厂二号门';

    const res = await open({ intakeId, contractClass: 'regular', order });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    // The case view: terms, item rows and total all carry the corrected price.
    expect(c.terms.items[0].unitPrice).toMatchObject({ amount: 21500, currency: 'CNY', taxIncluded: true });
    expect(Number(c.items[0].unitPrice)).toBe(21500);
    expect(Number(c.totalAmount)).toBe(107_500);
    expect(c.terms.delivery.place).toBe('苏州工厂二号门');
    expect(c.order.poNumber).toBe('PO-2026-0815');
    expect(c.order.versions.map((v: Json) => [v.version, v.source])).toEqual([
      [1, 'analysis'],
      [2, 'correction'],
    ]);
    expect(c.order.versions[0].order.items[0].unitPrice).toBe(21000);
    expect(c.order.versions[1].order.items[0].unitPrice).toBe(21500);
    expect(c.order.corrections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'items[0].unitPrice', analysed: 21000, corrected: 21500 }),
        expect.objectContaining({
          path: 'delivery.place',
          analysed: '苏州工厂',
          corrected: '苏州工厂二号门',
        }),
      ]),
    );
    expect(c.original).toMatchObject({
      intakeId,
      text: MESSAGE,
      fileName: FILE_NAME,
      attachmentId: intakeId,
    });

    // The ledger.
    const ledger = (await get(`/api/contracts?q=${encodeURIComponent(c.number)}`)).json();
    const row = ledger.items.find((r: Json) => r.id === c.id);
    expect(Number(row.totalAmount)).toBe(107_500);

    // The record, as PDF and as XLSX.
    const pdf = await get(`/api/contracts/${c.number}/record.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfToText(pdf.rawPayload);
    expect(text).toContain('21,500.00');
    expect(text).toContain('107,500.00');
    expect(text).not.toContain('21,000.00');
    expect(text).toContain('PO-2026-0815');
    const xlsx = await get(`/api/contracts/${c.number}/record.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const numbers: unknown[] = [];
    book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((cell) => numbers.push(cell.value))));
    expect(numbers).toContain(21500);
    expect(numbers).toContain(107_500);
    expect(numbers).not.toContain(21000);

    // Each corrected field is a labelled example for retraining, with the message it came from.
    const rows = (await stored(intakeId)).corrections;
    const byPath = Object.fromEntries(rows.map((r) => [r.field_path, r]));
    expect(Object.keys(byPath).sort()).toEqual(['delivery.place', 'items[0].unitPrice']);
    expect(byPath['items[0].unitPrice']).toMatchObject({
      intake_id: intakeId,
      contract_id: c.id,
      analysed_value: '21000',
      corrected_value: '21500',
      created_by: c.owner,
    });
    expect(byPath['items[0].unitPrice']!.analysis_id).not.toBeNull();
    expect(Date.parse(byPath['items[0].unitPrice']!.created_at)).not.toBeNaN();

    // The correction is in the audit trail: who, when, what changed.
    const audit = await t
      .store()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'contract.order_corrected')
      .where('entity_id', '=', c.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(c.owner);
    expect(JSON.parse(audit[0]!.after!).changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'items[0].unitPrice' })]),
    );

    // The original downloads under its real (Chinese) name, RFC 5987-encoded.
    const file = await get(`/api/contracts/${c.id}/attachments/${intakeId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(FILE_NAME)}`,
    );
    expect(file.rawPayload.toString('utf8')).toBe(MESSAGE);
  });

  it('opening without a correction keeps the analysed order and records no corrections', async () => {
    const { intakeId, analysis } = await analysedIntake();
    const res = await open({ intakeId, contractClass: 'regular', order: formOrder(analysis) });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(Number(c.totalAmount)).toBe(105_000);
    expect(c.order.versions.map((v: Json) => v.source)).toEqual(['analysis']);
    expect((await stored(intakeId)).corrections).toEqual([]);
  });

  it('classes a corrected order again: 120 t due next week corrected to 12 t is a regular order, audited and shown', async () => {
    const urgent =
      '苏州精工汽车部件有限公司采购订单 PO-2026-0816：6063-T5门窗型材（AL-101）120吨，单价21000元/吨含税，' +
      '下周五前送到苏州工厂。付款方式：月结30天。';
    const intakeId = await server.upload('精工急单 PO-0816.txt', Buffer.from(urgent), 'text/plain');
    const record = await waitForIntake(t.store().db, intakeId);
    const analysis = record.analysis as unknown as Json;
    expect(analysis.contract.class).toBe('special');
    expect(analysis.contract.reasons.map((r: Json) => r.code)).toEqual(['large_urgent_order']);

    // Sales finds the quantity misread: 12 t, not 120 t. The intake page sends no class of its own.
    const order = formOrder(analysis);
    order.items[0].quantity = 12;
    const res = await open({ intakeId, order });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.classification.class).toBe('regular');
    expect(c.classification.reasons).toEqual([]);
    expect(c.mode).toBe('countersign');
    expect(c.classification.analysed).toMatchObject({
      class: 'special',
      reasons: [expect.objectContaining({ code: 'large_urgent_order' })],
    });

    const audit = await t
      .store()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'contract.reclassified')
      .where('entity_id', '=', c.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(c.owner);
    expect(JSON.parse(audit[0]!.before!)).toMatchObject({ number: c.number, class: 'special' });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({
      number: c.number,
      class: 'regular',
      reasons: [],
      changes: expect.arrayContaining(['items[0].quantity']),
    });

    const ledger = (await get(`/api/contracts?q=${encodeURIComponent(c.number)}`)).json();
    expect(ledger.items.find((r: Json) => r.id === c.id).class).toBe('regular');
    const pdf = pdfToText((await get(`/api/contracts/${c.number}/record.pdf`)).rawPayload).replace(
      /\s+/g,
      '',
    );
    expect(pdf).toContain('更正前分类');
    expect(pdf).toMatch(/更正前分类Classbeforetheorderwascorrected特殊[^；]*总重120吨/);
    expect(pdf).toContain('按更正后的订单重新分类');
  });

  it('keeps the class the analysis gave when the order is opened unchanged, and the class a user names', async () => {
    const urgent =
      '苏州精工汽车部件有限公司采购订单 PO-2026-0817：6063-T5门窗型材（AL-101）120吨，单价21000元/吨含税，' +
      '下周五前送到苏州工厂。';
    const asIs = await server.upload('精工急单 PO-0817.txt', Buffer.from(urgent), 'text/plain');
    const analysed = (await waitForIntake(t.store().db, asIs)).analysis as unknown as Json;
    const unchanged = (await open({ intakeId: asIs, order: formOrder(analysed) })).json();
    expect(unchanged.classification.class).toBe('special');
    expect(unchanged.classification.analysed).toBeUndefined();

    const named = await server.upload(
      '精工急单 PO-0818.txt',
      Buffer.from(urgent.replace('0817', '0818')),
      'text/plain',
    );
    const order = formOrder((await waitForIntake(t.store().db, named)).analysis as unknown as Json);
    order.items[0].quantity = 12;
    const res = await open({ intakeId: named, order, contractClass: 'special' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().classification.class).toBe('special');
    const rows = await t
      .store()
      .db.selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'contract.reclassified')
      .where('entity_id', 'in', [unchanged.id, res.json().id])
      .execute();
    expect(rows).toEqual([]);
  });

  it('shows the tax the order states: 含13%增值税 on the case, in the PDF and as numbers in the XLSX', async () => {
    const withVat =
      '苏州精工汽车部件有限公司采购订单 PO-2026-0819：6063-T5门窗型材（AL-101）5吨，单价21000元/吨（含13%增值税），' +
      '2027年1月30日前送到苏州工厂。';
    const intakeId = await server.upload('精工订单 PO-0819.txt', Buffer.from(withVat), 'text/plain');
    const analysis = (await waitForIntake(t.store().db, intakeId)).analysis as unknown as Json;
    const res = await open({ intakeId, order: { ...formOrder(analysis), poNumber: 'PO-2026-0819' } });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.terms.items[0].unitPrice).toMatchObject({ amount: 21000, taxIncluded: true, taxRate: 13 });

    // 105,000.00 including 13% VAT: 92,920.35 excluding it and 12,079.65 tax.
    const pdf = pdfToText((await get(`/api/contracts/${c.number}/record.pdf`)).rawPayload).replace(
      /\s+/g,
      '',
    );
    for (const s of ['含税金额', '不含税金额', '税额', '13%', '105,000.00', '92,920.35', '12,079.65'])
      expect(pdf).toContain(s);
    const xlsx = await get(`/api/contracts/${c.number}/record.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((cell) => cells.push(cell.value))));
    expect(cells).toEqual(expect.arrayContaining([105_000, 92_920.35, 12_079.65, '含税 Incl. tax']));
  });

  it('refuses a bad value naming its field and stores nothing', async () => {
    const { intakeId, analysis } = await analysedIntake();
    const before = await stored(intakeId);
    const bad: [string, Json][] = [
      ['/order/items/0/unitPrice', { unitPrice: -5 }],
      ['/order/items/0/quantity', { quantity: 0 }],
      // 1e7 t at 1e7 a tonne is more than any amount the database keeps.
      ['/order/items/0/unitPrice', { quantity: 1e7, unitPrice: 1e7 }],
      ['/order/items/0/product', { product: '  ' }],
      ['/order/deliveryDate', { deliveryDate: '2027-02-30' }],
      ['/order/deliveryDate', { deliveryDate: '9999-01-01' }],
      ['/order/customer', { customer: '' }],
      ['/order/paymentTerms', { paymentTerms: 'x'.repeat(4001) }],
    ];
    for (const [field, change] of bad) {
      const order = formOrder(analysis);
      const { quantity, unitPrice, product, ...rest } = change;
      Object.assign(order, rest);
      Object.assign(
        order.items[0],
        Object.fromEntries(
          Object.entries({ quantity, unitPrice, product }).filter(([, v]) => v !== undefined),
        ),
      );
      const res = await open({ intakeId, contractClass: 'regular', order });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: Json) => e.path)).toContain(field);
    }
    expect(await stored(intakeId)).toEqual(before);
    expect(before.contracts).toEqual([]);
    expect(before.corrections).toEqual([]);
  });
});
