// The tamper-evident audit trail on both databases: every row written by the application is
// hash-chained, concurrent writers still build one chain, rows from before the chain existed are
// chained by the migration, and a row doctored with raw SQL — by someone who lifted the append-only
// triggers first — is named by `GET /api/audit/verify` and `shixu audit verify`. Reading the trail
// is for the administrator and quality only.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import type { App } from '../../src/server/context.js';
import { recordAudit, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { verifyAuditChain } from '../../src/store/audit-chain.js';
import { writeDump } from '../../src/store/backup/dump.js';
import { restoreBackup } from '../../src/store/backup/restore.js';
import { openStore, type Store } from '../../src/store/connect.js';
import { migrateTo, migrateToLatest } from '../../src/store/migrate.js';
import { appFor, login } from '../server/helpers.js';
import { createPostgresDatabase, createSqliteFile, describeEachDatabase } from '../support/databases.js';

const ROOT = path.resolve('.');
const ENTRY = path.join(ROOT, 'test/support/cli-entry.ts');

/** What an intruder with the database's own rights does first: lift the append-only triggers. */
async function liftTriggers(store: Store): Promise<void> {
  if (store.caps.name === 'postgres') {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(store.db);
  } else {
    await sql`DROP TRIGGER IF EXISTS audit_log_no_update`.execute(store.db);
    await sql`DROP TRIGGER IF EXISTS audit_log_no_delete`.execute(store.db);
  }
}

describeEachDatabase('tamper-evident audit trail', (t) => {
  let app: App;
  let customerId = '';
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    for (const department of ['admin', 'quality', 'sales', 'general_manager']) {
      await createUser(
        t.store().db,
        { username: `audit.${department}`, password: `trail-keeper-${department.length}x`, department },
        SYSTEM_ACTORS.cli,
      );
    }
    app = await appFor(t.store());
    for (const department of ['admin', 'quality', 'sales', 'general_manager']) {
      cookies[department] = await login(app, `audit.${department}`, `trail-keeper-${department.length}x`);
    }
    return () => app.close();
  });

  const get = (who: string, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });

  it('chains every row the application writes, review events included', async () => {
    const customer = await app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie: cookies.sales! },
      payload: { name: '审核客户' },
    });
    expect(customer.statusCode).toBe(201);
    customerId = customer.json().id;
    const put = await app.inject({
      method: 'PUT',
      url: `/api/customers/${customer.json().id}`,
      headers: { cookie: cookies.sales! },
      payload: { notes: '改过' },
    });
    expect(put.statusCode).toBe(200);
    const opened = await app.inject({
      method: 'POST',
      url: '/api/contracts',
      headers: { cookie: cookies.sales! },
      payload: {
        customerName: '审核客户',
        contractClass: 'regular',
        items: [],
        delivery: { date: null, place: null, terms: null },
        paymentTerms: null,
        requirements: [{ text: '每批附材质证明', category: 'quality', kind: 'explicit' }],
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const rows = await t.store().db.selectFrom('audit_log').select(['hash', 'action']).execute();
    expect(rows.length).toBeGreaterThan(8);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash ?? ''))).toBe(true);
    expect(rows.some((r) => r.action.startsWith('review.'))).toBe(true);

    const verified = await get('quality', '/api/audit/verify');
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ ok: true, rows: rows.length, firstBroken: null });
    expect(verified.json().headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps one chain when many writers append at once', async () => {
    const before = (await verifyAuditChain(t.store().db)).rows;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAudit(t.store().db, SYSTEM_ACTORS.server, {
          action: 'settings.updated',
          entityId: `race-${i}`,
        }),
      ),
    );
    const result = await verifyAuditChain(t.store().db);
    expect(result).toMatchObject({ ok: true, rows: before + 40 });
  });

  it('lists the trail, newest first, filtered by entity, actor and time, paged — for admin and quality only', async () => {
    const all = await get('admin', '/api/audit?pageSize=5');
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(5);
    expect(all.json().total).toBeGreaterThan(40);
    const ids = all.json().items.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const customers = await get('quality', `/api/audit?entityType=customer&entityId=${customerId}`);
    expect(customers.json().items.map((e: { action: string }) => e.action)).toEqual([
      'customer.updated',
      'customer.created',
    ]);
    expect(customers.json().items[0]).toMatchObject({ actorName: 'audit.sales', before: expect.anything() });

    const bySales = await get('admin', '/api/audit?actor=audit.sales&pageSize=500');
    expect(bySales.json().items.length).toBeGreaterThan(0);
    expect(bySales.json().items.every((e: { actorName: string }) => e.actorName === 'audit.sales')).toBe(
      true,
    );

    const future = await get('admin', '/api/audit?from=2199-01-01');
    expect(future.json()).toEqual({ items: [], total: 0 });
    const today = new Date().toISOString().slice(0, 10);
    const window = await get('admin', `/api/audit?from=${today}T00:00:00Z&to=2200-01-01&entityType=settings`);
    expect(window.json().total).toBe(40);
    expect((await get('admin', '/api/audit?from=9999-01-01')).statusCode).toBe(400);

    for (const who of ['sales', 'general_manager']) {
      for (const url of ['/api/audit', '/api/audit/verify']) {
        const refused = await get(who, url);
        expect(refused.statusCode, `${who} ${url}`).toBe(403);
      }
    }
  });

  it('has the database refuse UPDATE and DELETE on the trail', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.store().db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.store().db)).rejects.toThrow(/append-only/);
  });

  it('names a row doctored with raw SQL, over HTTP and from the CLI', async () => {
    const target = await t
      .store()
      .db.selectFrom('audit_log')
      .select(['id', 'after'])
      .where('action', '=', 'customer.created')
      .executeTakeFirstOrThrow();
    await liftTriggers(t.store());
    await sql`UPDATE audit_log SET after = ${'{"name":"别的客户"}'} WHERE id = ${target.id}`.execute(
      t.store().db,
    );

    const verified = await get('admin', '/api/audit/verify');
    expect(verified.json()).toMatchObject({
      ok: false,
      firstBroken: { id: Number(target.id), action: 'customer.created', reason: 'hash_mismatch' },
    });

    const databaseUrl = t.config.kind === 'sqlite' ? `sqlite:${t.config.file}` : t.config.url;
    const cli = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, 'audit', 'verify'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(cli.status, cli.stderr).toBe(1);
    expect(cli.stdout).toContain(`第 ${Number(target.id)} 条记录`);
    expect(cli.stdout).toContain(`row ${Number(target.id)}`);

    // Putting the content back restores the chain; removing a row breaks it at the next one.
    await sql`UPDATE audit_log SET after = ${target.after} WHERE id = ${target.id}`.execute(t.store().db);
    expect((await verifyAuditChain(t.store().db)).ok).toBe(true);
    const next = await t
      .store()
      .db.selectFrom('audit_log')
      .select('id')
      .where('id', '>', target.id)
      .orderBy('id', 'asc')
      .limit(2)
      .execute();
    await sql`DELETE FROM audit_log WHERE id = ${next[0]!.id}`.execute(t.store().db);
    expect((await verifyAuditChain(t.store().db)).firstBroken?.id).toBe(Number(next[1]!.id));
  }, 180_000);
});

/** An empty database of the dialect, not yet migrated. */
async function freshStore(dialect: 'sqlite' | 'postgres') {
  const made =
    dialect === 'sqlite'
      ? (() => {
          const f = createSqliteFile();
          return { config: { kind: 'sqlite' as const, file: f.file }, drop: async () => f.remove() };
        })()
      : await createPostgresDatabase().then((d) => ({
          config: { kind: 'postgres' as const, url: d.url },
          drop: d.drop,
        }));
  const store = await openStore(made.config);
  return {
    store,
    config: made.config,
    async close() {
      await store.close();
      await made.drop();
    },
  };
}

describeEachDatabase('audit chain migration', (t) => {
  it('chains the rows written before the chain existed, oldest first', async () => {
    const fresh = await freshStore(t.dialect);
    const store = fresh.store;
    try {
      expect((await migrateTo(store, '0011-mailbox-state')).ok).toBe(true);
      for (let i = 0; i < 5; i += 1) {
        await sql`INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, after)
          VALUES (${`2026-01-0${i + 1}T00:00:00.000Z`}, 'system:cli', 'customer.created', 'customer', ${`c${i}`}, '{}')`.execute(
          store.db,
        );
      }
      // A backup taken by that older version restores into a current database as a valid chain.
      const dumpFile = path.join(os.tmpdir(), `shixu-audit-${Date.now()}-${t.dialect}.jsonl`);
      await writeDump(store, dumpFile);
      expect((await migrateToLatest(store)).ok).toBe(true);
      expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, rows: 5 });
      const headAfterMigration = (await verifyAuditChain(store.db)).headHash;
      const restoredInto = await freshStore(t.dialect);
      try {
        expect((await migrateToLatest(restoredInto.store)).ok).toBe(true);
        await restoreBackup(restoredInto.store, dumpFile, SYSTEM_ACTORS.cli);
        const restored = await verifyAuditChain(restoredInto.store.db);
        expect(restored).toMatchObject({ ok: true, rows: 6 });
        const fifth = await restoredInto.store.db
          .selectFrom('audit_log')
          .select('hash')
          .orderBy('id', 'asc')
          .offset(4)
          .limit(1)
          .executeTakeFirstOrThrow();
        expect(fifth.hash).toBe(headAfterMigration);
      } finally {
        await restoredInto.close();
        fs.rmSync(dumpFile, { force: true });
      }
      await recordAudit(store.db, SYSTEM_ACTORS.cli, { action: 'customer.updated', entityId: 'c0' });
      expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, rows: 6 });
      // The migration put the append-only triggers back.
      await expect(sql`UPDATE audit_log SET action = 'x'`.execute(store.db)).rejects.toThrow(/append-only/);
    } finally {
      await fresh.close();
    }
  });
});
