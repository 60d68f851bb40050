// Separation of duties over HTTP: the administrator runs the system and makes no business record
// (customer messages, customers, catalogue, complaints); an intake record is processed again only
// by whoever took it in, sales or the general manager. Each refusal leaves the data as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { FileStore } from '../../src/intake/file-store.js';
import { IntakeJobs } from '../../src/jobs/intake-jobs.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { waitForIntake } from '../support/intake.js';
import { asBrowser, login, testConfig } from './helpers.js';

describeEachDatabase('separation of duties', (t) => {
  let app: App;
  let dataDir: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-duties-'));
    const config = testConfig({ SHIXU_DATA_DIR: dataDir });
    const intake = new IntakeJobs(
      { store: t.store(), files: new FileStore(config.uploadDir) },
      { pollMs: 50 },
    );
    app = asBrowser(await buildApp({ config, store: t.store(), intake }));
    for (const department of ['admin', 'sales', 'technical', 'production', 'general_manager']) {
      const username = `duty.${department}`;
      await createUser(
        t.store().db,
        { username, password: `pw-${department}-2026`, department },
        SYSTEM_ACTORS.cli,
      );
      cookies[department] = await login(app, username, `pw-${department}-2026`);
    }
    await intake.start();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const counts = async () => {
    const db = t.store().db;
    const n = async (table: 'intake_records' | 'customers' | 'products' | 'feedback') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      intake: await n('intake_records'),
      customers: await n('customers'),
      products: await n('products'),
      feedback: await n('feedback'),
    };
  };

  it('refuses the administrator every business write and changes nothing', async () => {
    const before = await counts();
    const cookie = cookies.admin!;
    const writes = [
      { url: '/api/intake', payload: { text: '导轨型材500米，下周三前到。' } },
      { url: '/api/customers', payload: { name: '管理员自建客户有限公司' } },
      {
        url: '/api/catalog/products',
        payload: {
          code: 'ZZ-999',
          name: '管理员型材',
          unit: '件',
          category: '工业铝型材',
          precisionGrade: '普通级',
        },
      },
      {
        url: '/api/feedback',
        payload: { kind: 'complaint', text: '表面划伤', receivedAt: '2026-11-30T02:00:00Z' },
      },
    ];
    for (const w of writes) {
      const res = await app.inject({ method: 'POST', url: w.url, headers: { cookie }, payload: w.payload });
      expect(res.statusCode, w.url).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await counts()).toEqual(before);
  });

  it('lets only the one who took a record in, sales or the general manager process it again', async () => {
    const taken = await app.inject({
      method: 'POST',
      url: '/api/intake',
      headers: { cookie: cookies.technical! },
      payload: { text: '请问导轨型材的壁厚公差能否做到±0.05？' },
    });
    expect(taken.statusCode).toBe(202);
    const id = taken.json().id as string;
    await waitForIntake(t.store().db, id);
    const statusOf = async () =>
      await t
        .store()
        .db.selectFrom('intake_records')
        .select(['status', 'updated_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const done = await statusOf();
    for (const department of ['production', 'admin']) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/intake/${id}/retry`,
        headers: { cookie: cookies[department]! },
      });
      expect(res.statusCode, department).toBe(403);
    }
    expect(await statusOf()).toEqual(done);
    for (const department of ['technical', 'sales', 'general_manager']) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/intake/${id}/retry`,
        headers: { cookie: cookies[department]! },
      });
      expect(res.statusCode, department).toBe(202);
      await waitForIntake(t.store().db, id);
    }
  });
});
