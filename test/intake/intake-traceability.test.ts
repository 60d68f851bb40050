// Intake traceability on both databases: taking a record in, every processing result and every retry
// are in the audit trail with who did it; processing again adds an analysis version instead of
// replacing it, so a contract opened from the first keeps its link to exactly that analysis.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { FileStore } from '../../src/intake/file-store.js';
import { requeueInterrupted } from '../../src/intake/intake-repository.js';
import { IntakeJobs } from '../../src/jobs/intake-jobs.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/context.js';
import { type AuditEntry, auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { verifyAuditChain } from '../../src/store/audit-chain.js';
import { multipartFile, seedCorpusMasterData } from '../rules/store-support.js';
import { asBrowser, login, testConfig } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { waitForIntake } from '../support/intake.js';
import { manyPagePdf } from './fixtures.js';

const ORDER =
  '王经理您好，我司需采购6063-T5铝型材12吨，要求每批提供材质证明和RoHS检测报告，12月20日前交货到苏州工厂。';

describeEachDatabase('intake traceability', (t) => {
  let app: App;
  let cookie = '';
  let salesId = '';
  let dataDir = '';

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-trace-'));
    const config = testConfig({ SHIXU_DATA_DIR: dataDir });
    await seedCorpusMasterData(t.store());
    const intake = new IntakeJobs(
      { store: t.store(), files: new FileStore(config.uploadDir) },
      { pollMs: 50 },
    );
    app = asBrowser(await buildApp({ config, store: t.store(), intake }));
    const user = await createUser(
      t.store().db,
      { username: 'trace-sales', password: 'trace-keeper-2026', department: 'sales' },
      SYSTEM_ACTORS.cli,
    );
    salesId = user.id;
    cookie = await login(app, 'trace-sales', 'trace-keeper-2026');
    await intake.start();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const trail = (entityType: string, entityId: string) => auditTrail(t.store().db, { entityType, entityId });
  const actions = (rows: AuditEntry[]) => rows.map((r) => r.action);

  async function submit(payload: Record<string, unknown>) {
    const res = await app.inject({ method: 'POST', url: '/api/intake', headers: { cookie }, payload });
    expect(res.statusCode, res.body).toBe(202);
    return res.json().id as string;
  }

  it('audits the record taken in, its analysis and the result, with who did each', async () => {
    const id = await submit({ text: ORDER, channel: 'email', refDate: '2026-11-23' });
    expect((await waitForIntake(t.store().db, id)).status).toBe('done');
    const rows = await trail('intake', id);
    expect(actions(rows)).toEqual(['intake.created', 'intake.processed']);
    expect(rows[0]).toMatchObject({
      actorId: salesId,
      actorDepartment: 'sales',
      after: { channel: 'email', status: 'queued', mediaType: 'text/plain' },
    });
    const analysis = await t
      .store()
      .db.selectFrom('analyses')
      .select(['id', 'version'])
      .where('intake_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(rows[1]).toMatchObject({
      actorId: 'system:intake-worker',
      before: { status: 'processing' },
      after: { status: 'done', analysisId: analysis.id, analysisVersion: 1 },
    });
    const [created] = await trail('analysis', analysis.id);
    expect(created).toMatchObject({
      action: 'analysis.created',
      after: { intakeId: id, version: 1, supersedes: null },
    });
    expect(await verifyAuditChain(t.store().db)).toMatchObject({ ok: true });
  });

  it('audits a failed result with its error code', async () => {
    // A PDF over the page limit: the door takes it (the structure is sound), the worker refuses it and
    // records the failure. (A damaged PDF is refused at the door now, with nothing stored.)
    const body = multipartFile('file', '订单.pdf', Buffer.from(await manyPagePdf(301)), 'application/pdf');
    const res = await app.inject({
      method: 'POST',
      url: '/api/intake',
      headers: { cookie, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id as string;
    expect((await waitForIntake(t.store().db, id)).status).toBe('failed');
    const rows = await trail('intake', id);
    expect(actions(rows)).toEqual(['intake.created', 'intake.failed']);
    expect(rows[1]!.after).toMatchObject({ status: 'failed', errorCode: expect.any(String) });
    expect(rows[1]!.before).toEqual({ status: 'processing' });
  });

  it('keeps a contract linked to the analysis it was opened from when the record is processed again', async () => {
    const db = t.store().db;
    const id = await submit({ text: ORDER, channel: 'email', refDate: '2026-11-23' });
    await waitForIntake(db, id);
    const first = await db
      .selectFrom('analyses')
      .select('id')
      .where('intake_id', '=', id)
      .executeTakeFirstOrThrow();
    const opened = await app.inject({
      method: 'POST',
      url: '/api/contracts',
      headers: { cookie },
      payload: { intakeId: id, contractClass: 'regular', customerName: '苏州某汽车部件公司' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const number = opened.json().number as string;
    const linked = () =>
      db.selectFrom('contracts').select('analysis_id').where('number', '=', number).executeTakeFirstOrThrow();
    expect((await linked()).analysis_id).toBe(first.id);

    const retry = await app.inject({ method: 'POST', url: `/api/intake/${id}/retry`, headers: { cookie } });
    expect(retry.statusCode, retry.body).toBe(202);
    expect((await waitForIntake(db, id)).status).toBe('done');

    expect((await linked()).analysis_id).toBe(first.id);
    const versions = await db
      .selectFrom('analyses')
      .select(['id', 'version', 'superseded_at'])
      .where('intake_id', '=', id)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => [v.id === first.id, Number(v.version), v.superseded_at !== null])).toEqual([
      [true, 1, true],
      [false, 2, false],
    ]);
    const second = versions[1]!.id;
    // The record shows its current analysis; the contract's requirements still come from the first.
    const shown = await app.inject({ method: 'GET', url: `/api/intake/${id}`, headers: { cookie } });
    expect(shown.json().analysis).not.toBeNull();
    const firstRequirements = await db
      .selectFrom('requirements')
      .select('id')
      .where('analysis_id', '=', first.id)
      .execute();
    expect(firstRequirements.length).toBeGreaterThan(0);

    const rows = await trail('intake', id);
    expect(actions(rows)).toEqual([
      'intake.created',
      'intake.processed',
      'intake.retried',
      'intake.processed',
    ]);
    expect(rows[2]).toMatchObject({
      actorId: salesId,
      before: { status: 'done', analysisId: first.id, analysisVersion: 1 },
      after: { status: 'queued' },
    });
    expect(rows[3]!.after).toMatchObject({ analysisId: second, analysisVersion: 2 });
    const [created] = await trail('analysis', second);
    expect(created).toMatchObject({
      action: 'analysis.created',
      after: { intakeId: id, version: 2, supersedes: first.id },
    });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('audits a record put back in the queue after its worker stopped mid-job', async () => {
    const db = t.store().db;
    const id = await submit({ text: ORDER, refDate: '2026-11-23' });
    await waitForIntake(db, id);
    await db.updateTable('intake_records').set({ status: 'processing' }).where('id', '=', id).execute();
    expect(await requeueInterrupted(db)).toBe(1);
    const rows = await trail('intake', id);
    expect(rows.at(-1)).toMatchObject({
      action: 'intake.requeued',
      actorId: 'system:intake-worker',
      before: { status: 'processing' },
      after: { status: 'queued', reason: 'interrupted' },
    });
  });
});
