// Two real `shixu serve` processes on one PostgreSQL, as in a scaled-out deployment behind a proxy:
// messages taken in through either are analysed exactly once, and a due reminder and escalation is
// fired once, although both processes run the intake worker and the 48-hour check against the same
// database. PostgreSQL only — on SQLite there is one process by design.

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { openStore, type Store } from '../../src/store/connect.js';
import { createPostgresDatabase } from '../support/databases.js';

const ROOT = path.resolve('.');
const ENTRY = path.join(ROOT, 'test/support/cli-entry.ts');
const INTAKES = 30;

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Environment without the developer's own settings; both processes share the database and data folder. */
function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'PORT', 'HOST', 'SHIXU_DATA_DIR', 'SHIXU_DEMO', 'LOG_LEVEL', 'CI'])
    delete env[k];
  return { ...env, PORT: '0', LOG_LEVEL: 'warn', SHIXU_DEADLINE_CHECK_SECONDS: '1', ...extra };
}

function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'serve', '--host', '127.0.0.1'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise<Server>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /Shixu is running at (http:\/\/\S+)/.exec(output);
      if (m) resolve({ child, url: m[1]!, output: () => output });
    });
    child.stderr!.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

async function stopServer(s: Server | undefined): Promise<void> {
  if (!s || s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitUntil(what: string, ok: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!inject('pgAvailable'))('[postgres] two server processes on one database', () => {
  let drop: (() => Promise<void>) | undefined;
  let store: Store | undefined;
  let dataDir = '';
  let a: Server | undefined;
  let b: Server | undefined;
  let cookie = '';

  const db = () => store!.db;

  /** A signed-in write as the web app sends it: session cookie and the server's own origin. */
  async function post(server: Server, url: string, body: unknown) {
    return fetch(`${server.url}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: server.url },
      body: JSON.stringify(body),
    });
  }

  beforeAll(async () => {
    const pg = await createPostgresDatabase();
    drop = pg.drop;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-two-'));
    // The first process migrates and seeds the demo accounts; the second joins a ready database,
    // as a second app process behind the proxy would.
    a = await startServer(serverEnv({ DATABASE_URL: pg.url, SHIXU_DATA_DIR: dataDir, SHIXU_DEMO: '1' }));
    b = await startServer(serverEnv({ DATABASE_URL: pg.url, SHIXU_DATA_DIR: dataDir, SHIXU_DEMO: '0' }));
    store = await openStore({ kind: 'postgres', url: pg.url });
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: a.url },
      body: JSON.stringify({ username: 'sales', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  }, 90_000);

  afterAll(async () => {
    await Promise.allSettled([stopServer(a), stopServer(b)]);
    await store?.close();
    await drop?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('analyses each of 30 messages taken in through either process exactly once', async () => {
    const ids: string[] = [];
    const sent = await Promise.all(
      Array.from({ length: INTAKES }, (_, i) =>
        post(i % 2 === 0 ? a! : b!, '/api/intake', {
          text: `江苏恒驰汽车零部件有限公司采购部：请报价 6061-T6 控制臂支架 MP-${200 + i} 共 ${1000 + i * 10} 件，12月15日前交货，要求提供材质证明。`,
          channel: 'wechat',
          refDate: '2026-11-28',
        }),
      ),
    );
    for (const res of sent) {
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    expect(new Set(ids).size).toBe(INTAKES);

    await waitUntil(
      'every message processed',
      async () => {
        const open = await db()
          .selectFrom('intake_records')
          .select('id')
          .where('id', 'in', ids)
          .where('status', 'not in', ['done', 'failed'])
          .execute();
        return open.length === 0;
      },
      40_000,
    );
    // Let a second, duplicate pick-up (if there were one) finish before counting.
    await new Promise((r) => setTimeout(r, 1500));

    const statuses = await db()
      .selectFrom('intake_records')
      .select(['id', 'status'])
      .where('id', 'in', ids)
      .execute();
    expect(statuses.filter((s) => s.status !== 'done')).toEqual([]);
    const versions = await db()
      .selectFrom('analyses')
      .select(['intake_id', sql<number>`count(*)`.as('n'), sql<number>`max(version)`.as('v')])
      .where('intake_id', 'in', ids)
      .groupBy('intake_id')
      .execute();
    expect(versions).toHaveLength(INTAKES);
    expect(versions.filter((r) => Number(r.n) !== 1 || Number(r.v) !== 1)).toEqual([]);
    const processed = await db()
      .selectFrom('audit_log')
      .select(['entity_id', sql<number>`count(*)`.as('n')])
      .where('action', '=', 'intake.processed')
      .where('entity_id', 'in', ids)
      .groupBy('entity_id')
      .execute();
    expect(processed).toHaveLength(INTAKES);
    expect(processed.filter((r) => Number(r.n) !== 1)).toEqual([]);
  }, 60_000);

  it('fires a due reminder and escalation once although both processes run the 48-hour check', async () => {
    const intakeId = (
      await db()
        .selectFrom('intake_records')
        .select('id')
        .where('status', '=', 'done')
        .orderBy('created_at')
        .executeTakeFirstOrThrow()
    ).id;
    // The message came in 50 hours ago, so opening its review finds the reminders and the
    // 48-hour escalation already due.
    const receivedAt = new Date(Date.now() - 50 * 3600_000).toISOString();
    await db()
      .updateTable('intake_records')
      .set({ received_at: receivedAt })
      .where('id', '=', intakeId)
      .execute();
    const res = await post(b!, '/api/contracts', {
      intakeId,
      contractClass: 'regular',
      customerName: '江苏恒驰汽车零部件有限公司',
    });
    expect(res.status).toBe(201);
    const contractId = ((await res.json()) as { id: string }).id;

    const ticks = () =>
      db()
        .selectFrom('review_events')
        .select(['id', 'payload'])
        .where('contract_id', '=', contractId)
        .where('type', '=', 'CLOCK_TICK')
        .execute();
    await waitUntil('the deadline check to fire', async () => (await ticks()).length > 0, 15_000);
    // Both loops run every second: give each several more chances to fire it again.
    await new Promise((r) => setTimeout(r, 3500));

    expect(await ticks()).toHaveLength(1);
    const notes = await db()
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'message_en'])
      .where('contract_id', '=', contractId)
      .where('kind', 'in', ['deadline_reminder', 'deadline_escalation'])
      .execute();
    expect(notes.filter((n) => n.kind === 'deadline_escalation').length).toBeGreaterThan(0);
    expect(notes.filter((n) => n.kind === 'deadline_reminder').length).toBeGreaterThan(0);
    // Each person is told about each milestone once.
    const keys = notes.map((n) => `${n.user_id} ${n.message_en}`);
    expect(new Set(keys).size).toBe(keys.length);
    const kase = await db()
      .selectFrom('review_cases')
      .select('next_wake_at')
      .where('contract_id', '=', contractId)
      .executeTakeFirstOrThrow();
    expect(kase.next_wake_at === null || new Date(kase.next_wake_at) > new Date()).toBe(true);
    // Neither process logged a failing check.
    expect(a!.output() + b!.output()).not.toMatch(/deadline check failed/);
  }, 30_000);
});
