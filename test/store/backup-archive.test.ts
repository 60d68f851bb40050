// Backups that restore everything, on both databases and across them: one archive with the database
// and every stored file (intake originals, case attachments), each member proved by its SHA-256
// before anything loads; a SQLite backup restores into PostgreSQL and the reverse with Chinese text,
// exact decimals and files intact; a doctored audit trail is refused unless the operator accepts it,
// and that acceptance is audited.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { upsertProduct } from '../../src/catalog/catalog-repository.js';
import { addAttachment } from '../../src/contracts/attachments.js';
import { openContractCase } from '../../src/contracts/case-repository.js';
import { createCustomer } from '../../src/customers/customer-repository.js';
import { FileStore } from '../../src/intake/file-store.js';
import { acceptIntake } from '../../src/intake/intake-service.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { verifyAuditChain } from '../../src/store/audit-chain.js';
import { BackupError, type BackupManifest, writeBackupArchive } from '../../src/store/backup/archive.js';
import { RestoreError, restoreBackup } from '../../src/store/backup/restore.js';
import { readTarEntry, TarWriter, tarEntries } from '../../src/store/backup/tar.js';
import { openStore, type Store } from '../../src/store/connect.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { contextFor, manualOrder, PEOPLE, ROUTED, seedPeople } from '../contracts/support.js';
import { createPostgresDatabase, createSqliteFile, describeEachDatabase } from '../support/databases.js';
import { snapshot } from '../support/snapshot.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-archive-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Dialect = 'sqlite' | 'postgres';
const dialects = (): Dialect[] => (inject('pgAvailable') ? ['sqlite', 'postgres'] : ['sqlite']);

async function freshStore(
  kind: Dialect,
): Promise<{ store: Store; uploadDir: string; dispose: () => Promise<void> }> {
  const uploadDir = fs.mkdtempSync(path.join(dir, 'uploads-'));
  if (kind === 'sqlite') {
    const f = createSqliteFile();
    const store = await openStore({ kind: 'sqlite', file: f.file });
    await migrateToLatest(store);
    return {
      store,
      uploadDir,
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
    uploadDir,
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

/** Every file of an upload store as digest → bytes. */
function storeContents(uploadDir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!fs.existsSync(uploadDir)) return out;
  for (const f of fs.readdirSync(uploadDir, { recursive: true }) as string[]) {
    const p = path.join(uploadDir, f);
    if (fs.statSync(p).isFile()) out.set(path.basename(f), fs.readFileSync(p));
  }
  return out;
}

async function readManifest(archive: string): Promise<BackupManifest> {
  const fh = await fsp.open(archive, 'r');
  try {
    for await (const e of tarEntries(fh)) return JSON.parse((await readTarEntry(fh, e)).toString());
    throw new Error('empty archive');
  } finally {
    await fh.close();
  }
}

/**
 * Rewrites an archive with `edit` applied to its database member and a manifest recomputed to match,
 * as someone would who knows the format: only the audit chain can tell.
 */
async function repack(archive: string, out: string, edit: (db: string) => string): Promise<void> {
  const fh = await fsp.open(archive, 'r');
  const members: { name: string; bytes: Buffer }[] = [];
  try {
    for await (const e of tarEntries(fh)) members.push({ name: e.name, bytes: await readTarEntry(fh, e) });
  } finally {
    await fh.close();
  }
  const manifest = JSON.parse(members[0]!.bytes.toString()) as BackupManifest;
  const db = Buffer.from(edit(members[1]!.bytes.toString()));
  manifest.database.size = db.length;
  manifest.database.sha256 = createHash('sha256').update(db).digest('hex');
  const target = await fsp.open(out, 'w');
  try {
    const tar = new TarWriter(target);
    await tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest)));
    await tar.addBuffer(members[1]!.name, db);
    for (const m of members.slice(2)) await tar.addBuffer(m.name, m.bytes);
    await tar.finish();
  } finally {
    await target.close();
  }
}

describeEachDatabase('backup archive: database and every stored file', (t) => {
  let uploadDir = '';
  let archive = '';
  const originals = new Map<string, Buffer>();

  beforeAll(async () => {
    const store = t.store();
    uploadDir = fs.mkdtempSync(path.join(dir, `source-${t.dialect}-`));
    const files = new FileStore(uploadDir);
    await seedPeople(store.db);
    await createCustomer(store.db, SYSTEM_ACTORS.cli, {
      name: '无锡恒通精密轴承有限公司（华东）',
      shortName: '恒通',
      firstOrderYear: 2019,
      industry: '汽车零部件',
      notes: '“引号”、换行\n与 emoji 🚗',
    });
    for (const [code, price, weight] of [
      ['BRG-6204-ZZ', '0.105', 0.125],
      ['SHAFT-Φ40', '12345678901.5', 1000],
      ['NUT-M8', '186.00', 0.008],
    ] as const) {
      await upsertProduct(store.db, SYSTEM_ACTORS.cli, {
        code,
        name: `精密件 ${code}`,
        model: null,
        category: '轴承',
        precisionGrade: '高精级',
        unit: '件',
        unitWeightKg: weight,
        listPriceCny: price,
      });
    }
    const message = Buffer.from(
      '王经理您好：\n6204-ZZ 轴承 5000 件，单价 0.105 元，12 月 20 日前交货。\n',
      'utf8',
    );
    const drawing = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(70_000, 0xa7)]);
    const orphan = Buffer.from([0, 1, 2, 255, 254, 0]);
    await acceptIntake(
      { store, files },
      { bytes: new Uint8Array(message), fileName: '询价-恒通.txt', createdBy: PEOPLE.sales.userId },
    );
    const opened = await openContractCase(
      store.db,
      manualOrder('regular', ROUTED),
      await contextFor(store.db, 0),
    );
    await addAttachment(
      store.db,
      files,
      SYSTEM_ACTORS.cli,
      opened.contractId,
      { fileName: '图纸 DWG-1001 rev B.pdf', bytes: new Uint8Array(drawing), note: '客户新版图纸' },
      { now: new Date(), maxBytes: 10_000_000 },
    );
    await files.put(new Uint8Array(orphan));
    for (const b of [message, drawing, orphan]) {
      originals.set(createHash('sha256').update(b).digest('hex'), b);
    }
    archive = path.join(dir, `${t.dialect}.tar`);
    await writeBackupArchive(store, { out: archive, uploadDir });
  });

  it('writes one tar file: a manifest, the database, and every stored file with its SHA-256', async () => {
    const listing = execFileSync('tar', ['tf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listing[0]).toBe('manifest.json');
    expect(listing[1]).toBe('database.jsonl');
    const manifest = await readManifest(archive);
    expect(new Set(manifest.files.map((f) => f.sha256))).toEqual(new Set(originals.keys()));
    for (const f of manifest.files) {
      expect(listing).toContain(f.path);
      expect(f.size).toBe(originals.get(f.sha256)!.length);
    }
    expect(manifest).toMatchObject({ format: 'shixu-backup', sourceDialect: t.dialect });
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
  });

  for (const target of dialects()) {
    it(`restores rows and files into a fresh ${target} database, chain intact`, async () => {
      const fresh = await freshStore(target);
      try {
        const report = await restoreBackup(fresh.store, archive, SYSTEM_ACTORS.cli, {
          uploadDir: fresh.uploadDir,
        });
        expect(report).toMatchObject({ archive: true, files: 3, filesAdded: 3, acceptedBrokenAudit: null });
        const neutral = target !== t.dialect;
        expect(withoutRestoreEntry(await snapshot(fresh.store, { neutral }))).toEqual(
          await snapshot(t.store(), { neutral }),
        );
        expect(storeContents(fresh.uploadDir)).toEqual(originals);
        const products = await fresh.store.db
          .selectFrom('products')
          .select(['code', 'list_price_cny'])
          .where('code', 'in', ['BRG-6204-ZZ', 'SHAFT-Φ40'])
          .orderBy('code')
          .execute();
        expect(products.map((p) => Number(p.list_price_cny))).toEqual([0.105, 12345678901.5]);
        expect(await verifyAuditChain(fresh.store.db)).toMatchObject({ ok: true });
        // What the restored server shows: the intake original is there, byte for byte.
        const intake = await fresh.store.db
          .selectFrom('intake_records')
          .select('file_sha256')
          .executeTakeFirstOrThrow();
        expect((await new FileStore(fresh.uploadDir).get(intake.file_sha256!)).toString()).toMatch(
          /王经理您好/,
        );
      } finally {
        await fresh.dispose();
      }
    });
  }

  it('refuses an archive with an altered file, naming it; nothing loaded, no file placed', async () => {
    const manifest = await readManifest(archive);
    const drawing = manifest.files.find((f) => f.size === 70_009)!;
    const bytes = fs.readFileSync(archive);
    const at = bytes.indexOf(Buffer.alloc(64, 0xa7));
    bytes[at] = 0xa8;
    const altered = path.join(dir, `${t.dialect}-altered.tar`);
    fs.writeFileSync(altered, bytes);
    const fresh = await freshStore(t.dialect);
    try {
      const err = await restoreBackup(fresh.store, altered, SYSTEM_ACTORS.cli, {
        uploadDir: fresh.uploadDir,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RestoreError);
      expect((err as Error).message).toContain(drawing.path);
      expect((err as Error).message).toMatch(/SHA-256.*nothing restored/);
      expect(Object.values(await snapshot(fresh.store)).every((rows) => rows.length === 0)).toBe(true);
      expect(storeContents(fresh.uploadDir).size).toBe(0);
      expect(fs.readdirSync(fresh.uploadDir)).toEqual([]);
    } finally {
      await fresh.dispose();
    }
  });

  it('refuses a truncated archive', async () => {
    const truncated = path.join(dir, `${t.dialect}-truncated.tar`);
    const bytes = fs.readFileSync(archive);
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 40_000));
    const fresh = await freshStore(t.dialect);
    try {
      await expect(
        restoreBackup(fresh.store, truncated, SYSTEM_ACTORS.cli, { uploadDir: fresh.uploadDir }),
      ).rejects.toThrow(/truncated|damaged/);
      expect(Object.values(await snapshot(fresh.store)).every((rows) => rows.length === 0)).toBe(true);
    } finally {
      await fresh.dispose();
    }
  });

  it('refuses a doctored audit trail naming the first bad row, unless accepted, which is audited', async () => {
    const doctored = path.join(dir, `${t.dialect}-doctored.tar`);
    let doctoredId = 0;
    await repack(archive, doctored, (db) =>
      db
        .split('\n')
        .map((line) => {
          if (doctoredId || !line.includes('"table":"audit_log"') || !line.includes('product.created'))
            return line;
          const parsed = JSON.parse(line);
          doctoredId = parsed.row.id;
          parsed.row.after = parsed.row.after.replace('0.105', '0.095');
          return JSON.stringify(parsed);
        })
        .join('\n'),
    );
    expect(doctoredId).toBeGreaterThan(0);
    const refused = await freshStore(t.dialect);
    try {
      const err = await restoreBackup(refused.store, doctored, SYSTEM_ACTORS.cli, {
        uploadDir: refused.uploadDir,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RestoreError);
      expect((err as Error).message).toContain(`row ${doctoredId} (`);
      expect((err as Error).message).toContain('product.created');
      expect((err as Error).message).toContain('--accept-broken-audit');
      expect(Object.values(await snapshot(refused.store)).every((rows) => rows.length === 0)).toBe(true);
      expect(fs.readdirSync(refused.uploadDir)).toEqual([]);
    } finally {
      await refused.dispose();
    }
    const accepted = await freshStore(t.dialect);
    try {
      const report = await restoreBackup(accepted.store, doctored, SYSTEM_ACTORS.cli, {
        uploadDir: accepted.uploadDir,
        acceptBrokenAudit: true,
      });
      expect(report.acceptedBrokenAudit).toMatchObject({ id: doctoredId, action: 'product.created' });
      const [override] = await auditTrail(accepted.store.db, { entityType: 'database' }).then((rows) =>
        rows.filter((r) => r.action === 'database.broken_audit_accepted'),
      );
      expect(override).toMatchObject({
        actorId: 'system:cli',
        entityId: path.basename(doctored),
        after: { firstBroken: { id: doctoredId, reason: 'hash_mismatch' } },
      });
      // The break stays visible: verify still names the doctored row.
      expect((await verifyAuditChain(accepted.store.db)).firstBroken?.id).toBe(doctoredId);
    } finally {
      await accepted.dispose();
    }
  });

  it('writes no backup when a file a record names is missing from the store', async () => {
    const emptyStore = fs.mkdtempSync(path.join(dir, 'empty-'));
    const out = path.join(dir, `${t.dialect}-incomplete.tar`);
    const err = await writeBackupArchive(t.store(), { out, uploadDir: emptyStore }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect((err as Error).message).toMatch(/intake .*: [0-9a-f]{64}/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  });

  if (t.dialect === 'sqlite') {
    it('carries an online copy of the SQLite file instead of the dump, restorable into every dialect', async () => {
      const copy = path.join(dir, 'sqlite-copy.tar');
      const { manifest } = await writeBackupArchive(t.store(), { out: copy, uploadDir, database: 'sqlite' });
      expect(manifest.database.path).toBe('database.sqlite');
      for (const target of dialects()) {
        const fresh = await freshStore(target);
        try {
          await restoreBackup(fresh.store, copy, SYSTEM_ACTORS.cli, { uploadDir: fresh.uploadDir });
          const neutral = target !== 'sqlite';
          expect(withoutRestoreEntry(await snapshot(fresh.store, { neutral }))).toEqual(
            await snapshot(t.store(), { neutral }),
          );
          expect(storeContents(fresh.uploadDir)).toEqual(originals);
        } finally {
          await fresh.dispose();
        }
      }
    });

    it.skipIf(!inject('pgAvailable'))(
      'names the row and column PostgreSQL cannot hold (NUL, Infinity) instead of failing inside the database',
      async () => {
        const source = await freshStore('sqlite');
        try {
          await upsertProduct(source.store.db, SYSTEM_ACTORS.cli, {
            code: 'P-OLD',
            name: '旧数据',
            model: null,
            category: null,
            precisionGrade: null,
            unit: '件',
            unitWeightKg: null,
            listPriceCny: '1.00',
          });
          // Written by an older version that did not check values yet.
          await sql`update products set name = ${'旧\u0000数据'} where code = 'P-OLD'`.execute(
            source.store.db,
          );
          const nulArchive = path.join(dir, 'nul.tar');
          await writeBackupArchive(source.store, { out: nulArchive, uploadDir: source.uploadDir });
          await sql`update products set name = '旧数据', list_price_cny = 'Infinity' where code = 'P-OLD'`.execute(
            source.store.db,
          );
          const infArchive = path.join(dir, 'inf.tar');
          await writeBackupArchive(source.store, { out: infArchive, uploadDir: source.uploadDir });
          for (const [file, pattern] of [
            [nulArchive, /products row P-OLD: name contains a NUL character/],
            [infArchive, /products row P-OLD: list_price_cny is not a valid number \(Infinity\)/],
          ] as const) {
            const target = await freshStore('postgres');
            try {
              await expect(
                restoreBackup(target.store, file, SYSTEM_ACTORS.cli, { uploadDir: target.uploadDir }),
              ).rejects.toThrow(pattern);
              expect(Object.values(await snapshot(target.store)).every((rows) => rows.length === 0)).toBe(
                true,
              );
            } finally {
              await target.dispose();
            }
          }
        } finally {
          await source.dispose();
        }
      },
    );
  }
});
