import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { createCsrEntry, createCustomer } from '../../src/customers/customer-repository.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { writeDump } from '../../src/store/backup/dump.js';
import { RestoreError, restoreBackup } from '../../src/store/backup/restore.js';
import { copySqliteDatabase } from '../../src/store/backup/sqlite-copy.js';
import { openStore, type Store } from '../../src/store/connect.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { createPostgresDatabase, createSqliteFile, describeEachDatabase } from '../support/databases.js';
import { snapshot } from '../support/snapshot.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function freshStore(
  kind: 'sqlite' | 'postgres',
): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const f = createSqliteFile();
    const store = await openStore({ kind: 'sqlite', file: f.file });
    await migrateToLatest(store);
    return {
      store,
      dispose: async () => {
        await store.close();
        f.remove();
      },
    };
  }
  const d = await createPostgresDatabase();
  const store = await openStore({ kind: 'postgres', url: d.url });
  await migrateToLatest(store);
  return {
    store,
    dispose: async () => {
      await store.close();
      await d.drop();
    },
  };
}

/** Restored databases carry one more audit row: the restore itself. */
function withoutRestoreEntry(s: Record<string, Record<string, unknown>[]>) {
  return { ...s, audit_log: s.audit_log!.filter((r) => r.action !== 'database.restored') };
}

const targets = (): ('sqlite' | 'postgres')[] =>
  inject('pgAvailable') ? ['sqlite', 'postgres'] : ['sqlite'];

describeEachDatabase('backup and restore', (t) => {
  let dump = '';

  it('dumps every row of every table, parents before children', async () => {
    const store = t.store();
    await seedDemo(store);
    const c = await createCustomer(store.db, SYSTEM_ACTORS.cli, {
      name: '引号"与换行\n测试公司',
      shortName: null,
      firstOrderYear: null,
      industry: null,
      notes: '含 emoji 🚗 与 \\ 反斜杠',
    });
    await createCsrEntry(store.db, SYSTEM_ACTORS.cli, c.id, {
      sourceDocument: null,
      clause: null,
      text: '包装要求',
      category: 'packaging',
      appliesTo: null,
      department: null,
      effectiveFrom: null,
      effectiveTo: null,
    });
    dump = path.join(dir, `${t.dialect}.jsonl`);
    const header = await writeDump(store, dump);
    const order = header.tables.map((x) => x.name);
    expect(order.indexOf('customers')).toBeLessThan(order.indexOf('csr_entries'));
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('sessions'));
    expect(order.indexOf('contracts')).toBeLessThan(order.indexOf('contract_items'));
    expect(order).not.toContain('shixu_migrations');
    expect(header.tables.find((x) => x.name === 'products')!.rows).toBe(27);
    const lines = fs.readFileSync(dump, 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toEqual({ end: true, rows: lines.length - 2 });
  });

  for (const target of targets()) {
    it(`restores the dump into a fresh ${target} database with the same rows`, async () => {
      const { store, dispose } = await freshStore(target);
      try {
        const report = await restoreBackup(store, dump, SYSTEM_ACTORS.cli);
        expect(report.totalRows).toBeGreaterThan(100);
        const same = target === t.dialect;
        const before = await snapshot(t.store(), { neutral: !same });
        const after = withoutRestoreEntry(await snapshot(store, { neutral: !same }));
        expect(after).toEqual(before);
        // The audit log keeps counting after the restored entries (PostgreSQL sequences are reset).
        const ids = (await snapshot(store)).audit_log!.map((r) => Number(r.id));
        expect(ids.at(-1)).toBe(Math.max(...ids));
        expect(new Set(ids).size).toBe(ids.length);
      } finally {
        await dispose();
      }
    });
  }

  it('refuses a database that is not empty, and writes nothing', async () => {
    const store = t.store();
    const before = await snapshot(store);
    await expect(restoreBackup(store, dump, SYSTEM_ACTORS.cli)).rejects.toThrow(/不是空的.*not empty/);
    expect(await snapshot(store)).toEqual(before);
  });

  it('restores nothing from a truncated dump', async () => {
    const truncated = path.join(dir, `${t.dialect}-truncated.jsonl`);
    const lines = fs.readFileSync(dump, 'utf8').trim().split('\n');
    fs.writeFileSync(truncated, `${lines.slice(0, -5).join('\n')}\n`);
    const { store, dispose } = await freshStore(t.dialect);
    try {
      await expect(restoreBackup(store, truncated, SYSTEM_ACTORS.cli)).rejects.toThrow(RestoreError);
      const after = await snapshot(store);
      expect(Object.values(after).every((rows) => rows.length === 0)).toBe(true);
    } finally {
      await dispose();
    }
  });

  it('refuses a file that is not a backup', async () => {
    const bogus = path.join(dir, 'bogus.jsonl');
    fs.writeFileSync(bogus, '{"hello":1}\n');
    const { store, dispose } = await freshStore(t.dialect);
    try {
      await expect(restoreBackup(store, bogus, SYSTEM_ACTORS.cli)).rejects.toThrow(/不是识需备份文件/);
    } finally {
      await dispose();
    }
  });

  if (t.dialect === 'sqlite') {
    it('copies the SQLite file online and restores that copy into every dialect', async () => {
      const copy = path.join(dir, 'copy.sqlite');
      await copySqliteDatabase((t.config as { file: string }).file, copy);
      for (const target of targets()) {
        const { store, dispose } = await freshStore(target);
        try {
          await restoreBackup(store, copy, SYSTEM_ACTORS.cli);
          const neutral = target !== 'sqlite';
          expect(withoutRestoreEntry(await snapshot(store, { neutral }))).toEqual(
            await snapshot(t.store(), { neutral }),
          );
        } finally {
          await dispose();
        }
      }
    });
  }
});
