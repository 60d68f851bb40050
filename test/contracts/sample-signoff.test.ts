// Acceptance against the customer's sample (按我司提供的样品验收): over HTTP on both databases, such a
// requirement puts a sample sign-off (样品确认/封样) line in the quality and technical checklists, the
// customer's confirmation is refused until it records the sample sign-off, and the review record
// prints the line, its answers and the sign-off. Rejecting the requirement takes the line out again.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { isSampleAcceptance } from '../../src/analysis/requirements/sample-acceptance.js';
import type { App } from '../../src/server/context.js';
import { appFor } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { type Plant, regularOrder, seedPlant } from './http-case.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API under test
type Json = Record<string, any>;

const START = Date.parse('2026-11-23T01:00:00.000Z');
const SAMPLE_LINE = 'scope:sample-sign-off';

function pdfToText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-sample-'));
  try {
    const file = path.join(dir, 'record.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('which wordings make a sample the acceptance standard', () => {
  it('reads the customer’s sample wordings, not sample requests or fees', () => {
    for (const s of [
      '按我司提供的样品验收',
      '外观以样品为准',
      '按封样验收',
      '尺寸与封样一致',
      '按来样加工',
      '样件验收合格后批量',
    ])
      expect(isSampleAcceptance(s), s).toBe(true);
    for (const s of [
      '先打样5件，样品费另计',
      '请寄两件样品试装',
      '不按样品验收，按图纸验收',
      '每批提供材质证明',
    ])
      expect(isSampleAcceptance(s), s).toBe(false);
  });

  it('the analysis files “按我司提供的样品验收” as a quality requirement of its own', () => {
    const r = analyze('订购铝合金支架5000件，单价18.5元含税，12月20日前交货。按我司提供的样品验收。', {
      refDate: '2026-11-23',
      channel: 'email',
    });
    expect(r.requirements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: '按我司提供的样品验收', category: 'quality' }),
      ]),
    );
  });
});

describeEachDatabase('sample sign-off', (t) => {
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

  async function openWithSampleRequirement(): Promise<{ c: Json; url: string }> {
    tick(0);
    const order = regularOrder(new Date(START).toISOString());
    order.requirements.push({
      text: '按我司提供的样品验收',
      category: 'quality',
      kind: 'explicit',
      special: false,
      priority: 'normal',
    });
    const res = await plant.post('sales', '/api/contracts', order);
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    return { c, url: `/api/contracts/${c.id}` };
  }

  const lineIds = async (who: 'quality' | 'technical' | 'production' | 'sales', url: string) =>
    ((await plant.get(who, url)).json().myChecklist.items as { id: string }[]).map((i) => i.id);

  it('asks quality and technical to check the sample, and the customer to sign it off before confirming', async () => {
    const { c: opened, url } = await openWithSampleRequirement();
    expect(opened.samplesAreAcceptanceStandard).toBe(true);
    let c = opened;
    const edits = c.requirements.map((r: Json) => ({ op: 'accept', requirementId: r.id }));
    c = (await plant.post('sales', `${url}/requirements`, { edits })).json();
    c = (await plant.post('sales', `${url}/requirements/confirm`, {})).json();
    expect(c.stage).toBe('countersign');

    expect(await lineIds('quality', url)).toContain(SAMPLE_LINE);
    expect(await lineIds('technical', url)).toContain(SAMPLE_LINE);
    expect(await lineIds('production', url)).not.toContain(SAMPLE_LINE);
    expect(await lineIds('sales', url)).not.toContain(SAMPLE_LINE);

    tick(2);
    for (const who of ['sales', 'technical', 'purchasing', 'production', 'quality'] as const) {
      const mine = (await plant.get(who, url)).json().myChecklist;
      const res = await plant.post(who, `${url}/reviews/sign`, {
        department: who,
        contractVersion: c.contractVersion,
        answers: Object.fromEntries(mine.items.map((i: { id: string }) => [i.id, 'ok'])),
        outcome: 'can_meet',
      });
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      c = res.json();
    }
    tick(3);
    c = (
      await plant.post('manager', `${url}/conclusion`, {
        decision: 'accept',
        contractVersion: c.contractVersion,
      })
    ).json();
    tick(5);
    c = (await plant.post('sales', `${url}/feedback-sent`, { content: '接受订单', channel: '电话' })).json();
    expect(c.stage).toBe('awaitingCustomerConfirmation');

    // Without the sample sign-off the confirmation is refused and nothing changes.
    tick(8);
    const refused = await plant.post('sales', `${url}/customer-confirmation`, { reference: 'PO-8812' });
    expect({ status: refused.statusCode, code: refused.json().code }).toEqual({
      status: 409,
      code: 'SAMPLE_SIGNOFF_REQUIRED',
    });
    const unchanged = (await plant.get('sales', url)).json();
    expect(unchanged.version).toBe(c.version);
    expect(unchanged.customerConfirmation).toBeNull();

    const done = await plant.post('sales', `${url}/customer-confirmation`, {
      reference: 'PO-8812 封样单 FY-01',
      sampleSignedOff: true,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      stage: 'confirmed',
      customerConfirmation: { sampleSignedOff: true },
    });

    // The record: the line in both checklists with its answer, the standard and the sign-off.
    const pdf = await plant.get('quality', `${url}/record.pdf`);
    expect(pdf.statusCode).toBe(200);
    const dense = pdfToText(pdf.rawPayload).replace(/\s+/g, '');
    expect(dense).toContain('按我司提供的样品验收');
    expect(dense).toContain('样品确认/封样：以客户样品为验收标准');
    expect(dense).toContain('样品确认/封样：样品所示尺寸');
    expect(dense).toContain('是，须样品确认/封样');
    expect(dense).toMatch(/样品签样Samplesignedoff是Yes/);
  });

  it('a rejected sample requirement takes the sign-off out of the checklists and the confirmation', async () => {
    const { c: opened, url } = await openWithSampleRequirement();
    const sample = opened.requirements.find((r: Json) => r.text === '按我司提供的样品验收');
    const edits = opened.requirements.map((r: Json) =>
      r.id === sample.id
        ? { op: 'reject', requirementId: r.id, reason: '客户来电更正：按图纸验收' }
        : { op: 'accept', requirementId: r.id },
    );
    const c = (await plant.post('sales', `${url}/requirements`, { edits })).json();
    expect(c.samplesAreAcceptanceStandard).toBe(false);
    await plant.post('sales', `${url}/requirements/confirm`, {});
    expect(await lineIds('quality', url)).not.toContain(SAMPLE_LINE);
    expect(await lineIds('technical', url)).not.toContain(SAMPLE_LINE);
  });
});
