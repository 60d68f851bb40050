// The review record as the auditor's form, fetched over HTTP on both databases after a contract
// was confirmed and then voided and re-signed: the PDF read back with pdftotext (poppler) carries
// the heading, signer names, local times, the items with amounts, the checklist answers, the 48-hour
// answer, both rounds and page numbers, and no user id or workflow code; the XLSX keeps amounts and
// quantities as numbers and times as dates.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONTRACT_CLASSES, REQUIREMENT_KINDS } from '../../src/analysis/result.js';
import { DEPARTMENTS } from '../../src/auth/roles.js';
import { DEFAULT_REVIEW_POLICY, saveReviewPolicy } from '../../src/contracts/review-policy.js';
import { REVIEW_STATES } from '../../src/review/states.js';
import { AMENDMENT_KINDS } from '../../src/review/types.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { appFor } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { confirmedRegularCase, type Plant, STAFF, seedPlant } from './http-case.js';

const START = Date.parse('2026-11-23T01:00:00.000Z');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * Every code the workflow stores that a reader must never see raw on the form. The stage
 * `confirmed` is left out: it is also the English word the checklists use ("Price confirmed…").
 */
const CODES = [
  ...CONTRACT_CLASSES,
  ...REVIEW_STATES.filter((s) => s !== 'confirmed'),
  ...AMENDMENT_KINDS,
  ...REQUIREMENT_KINDS,
  ...DEPARTMENTS,
  'countersign',
  'sales_planner',
  'can_meet',
  'can_meet_with_conditions',
  'cannot_meet',
  'proposed',
  'accepted',
  'rejected',
  'not_applicable',
  'accept',
  'accept_with_deviations',
  'accept_requirement',
  'accept_with_deviation',
  'decline',
  'agreed',
  'failed',
  'sales_manager',
  'general_manager',
  'referred_to_gm',
  'decided_by_gm',
];
const CODE = new RegExp(`(?<![A-Za-z_])(${CODES.join('|')})(?![A-Za-z_])`);

function pdfToText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-record-'));
  try {
    const file = path.join(dir, 'record.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describeEachDatabase('review record', (t) => {
  let app: App;
  let plant: Plant;
  let now = new Date(START);
  const tick = (hours: number) => {
    now = new Date(START + hours * 3_600_000);
  };
  let url = '';
  let numbers: string[] = [];
  beforeAll(async () => {
    app = await appFor(t.store(), { clock: () => now });
    plant = await seedPlant(app, t.store());
    await saveReviewPolicy(
      t.store().db,
      SYSTEM_ACTORS.cli,
      {
        ...DEFAULT_REVIEW_POLICY,
        record: {
          companyName: '华锐精密部件有限公司',
          formNumber: 'QR-8.2-01',
          formRevision: 'B/1',
          timeZone: 'Asia/Shanghai',
        },
      },
      0,
      new Date(START),
      async () => 0,
    );
    const first = await confirmedRegularCase(plant, new Date(START), tick);
    url = `/api/contracts/${first.id}`;
    tick(10);
    const terms = structuredClone(first.terms);
    terms.items[0].unitPrice.amount = 19.2;
    const resigned = await plant.post('sales', `${url}/amendments`, {
      kind: 'void_resign',
      terms,
      reason: '客户调价后重新签订',
    });
    expect(resigned.statusCode).toBe(200);
    numbers = [first.number, resigned.json().number];
  });
  afterAll(async () => {
    await app.close();
  });

  it('prints the auditor’s form: names, local times, items, answers, every round, pages, no ids or codes', async () => {
    const res = await plant.get('quality', `${url}/record.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const raw = pdfToText(res.rawPayload);
    const text = raw.replace(/\s+/g, ' ');
    const dense = raw.replace(/\s+/g, '');
    // Heading of the controlled form.
    for (const s of ['华锐精密部件有限公司', '合同评审记录', 'QR-8.2-01', 'B/1', numbers[0], numbers[1]])
      expect(dense).toContain(s!.replace(/\s+/g, ''));
    // Signers by name, the times in Beijing time to the minute (opened 01:00 UTC, signed 03:00 UTC).
    for (const who of ['sales', 'manager', 'technical', 'quality'] as const)
      expect(dense).toContain(STAFF[who].name);
    expect(text).toContain('2026-11-23 09:00');
    expect(text).toContain('2026-11-23 11:00');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    // The items table with amounts and the total, both rounds' prices.
    for (const s of ['铝合金支架', 'BRK-07', 'DWG-2002', '5,000', '18.50', '92,500.00', '19.20', '96,000.00'])
      expect(dense).toContain(s);
    expect(dense).toContain('378,100.00');
    expect(dense).toContain('381,600.00');
    // Each department's checklist answers and the quality condition.
    expect(dense).toContain('价格是否确认');
    expect(dense).toContain('符合Conforms');
    expect(dense).toContain('首批全检');
    // The 48-hour answer and the customer's confirmation of the first round.
    for (const s of ['评审通过，接受订单，首批全检', '电子邮件', 'PO-8812', '是Yes'])
      expect(dense).toContain(s);
    // Every round, the first closed by the void-and-re-sign.
    expect(dense).toContain('第1轮');
    expect(dense).toContain('第2轮');
    expect(dense).toContain('作废重签');
    expect(dense).toContain('客户调价后重新签订');
    // Page numbers and the signature block.
    const pages = /共 (\d+) 页/.exec(text);
    expect(Number(pages?.[1])).toBeGreaterThan(1);
    expect(text).toContain(`第 1 页 / 共 ${pages?.[1]} 页`);
    expect(dense).toContain('签字Signatures');
    // Never a user id, never a workflow code.
    expect(text).not.toMatch(UUID);
    expect(text.match(CODE)?.[0] ?? null).toBeNull();
  });

  it('keeps amounts and quantities as numbers and times as dates in the XLSX', async () => {
    const res = await plant.get('quality', `${url}/record.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('合同评审表')!;
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const itemRow = cells.find((c) => c.value === '铝合金支架')!.row;
    const line = ws.getRow(Number(itemRow));
    const amount = line.getCell(8);
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.value).toBe(96_000);
    expect(amount.numFmt).toBe('#,##0.00');
    expect(line.getCell(5).type).toBe(ExcelJS.ValueType.Number);
    expect(line.getCell(5).value).toBe(5000);
    const received = cells.find((c) => c.value === '收到时间 Received')!;
    const at = ws.getRow(Number(received.row)).getCell(2);
    expect(at.type).toBe(ExcelJS.ValueType.Date);
    // Excel keeps wall-clock time: the re-signed round was received at 11:00 UTC, 19:00 in Shanghai.
    expect(at.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect((at.value as Date).toISOString().slice(0, 16)).toBe('2026-11-23T19:00');
    const texts = cells.map((c) => (typeof c.value === 'string' ? c.value : '')).join('\n');
    expect(texts).not.toMatch(UUID);
    expect(texts.match(CODE)?.[0] ?? null).toBeNull();
    expect(texts).toContain(STAFF.quality.name);
  });
});
