// The data commands as an operator runs them: main([...]) in-process against a real SQLite file
// or a real PostgreSQL database chosen by DATABASE_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { allProducts } from '../../src/catalog/catalog-repository.js';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/config.js';
import { allCustomers } from '../../src/customers/customer-repository.js';
import { openStore } from '../../src/store/connect.js';
import { captureOutput } from '../support/capture-output.js';
import { createPostgresDatabase, createSqliteFile } from '../support/databases.js';
import { gbk } from '../support/gbk.js';
import { snapshot } from '../support/snapshot.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

const io = captureOutput();
const savedUrl = process.env.DATABASE_URL;
afterEach(() => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
});

/** A fresh empty database of the dialect; DATABASE_URL points at it until the test ends. */
async function useDatabase(
  dialect: 'sqlite' | 'postgres',
): Promise<{ url: string; dispose: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const f = createSqliteFile();
    const url = `sqlite:${f.file}`;
    process.env.DATABASE_URL = url;
    return { url, dispose: async () => f.remove() };
  }
  const d = await createPostgresDatabase();
  process.env.DATABASE_URL = d.url;
  return { url: d.url, dispose: d.drop };
}

async function inspect<T>(
  url: string,
  fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>,
): Promise<T> {
  const store = await openStore(loadConfig({ DATABASE_URL: url }).database);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const CATALOG_HEADER = 'code,name,model,category,precision_grade,unit,unit_weight_kg,list_price_cny';

describe('shixu migrate: configuration and connection failures', () => {
  it('names an unreachable PostgreSQL target in one message', async () => {
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/shixu_nowhere';
    expect(await main(['migrate'])).not.toBe(0);
    expect(io.err).toMatch(/无法连接数据库 PostgreSQL 127\.0\.0\.1:1\/shixu_nowhere/);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });

  it('rejects a DATABASE_URL of an unsupported kind', async () => {
    process.env.DATABASE_URL = 'mysql://root@localhost/shixu';
    expect(await main(['migrate'])).not.toBe(0);
    expect(io.err).toMatch(/DATABASE_URL.*postgres:\/\//);
  });

  it('prints each step and fails when a migration fails', async () => {
    const f = createSqliteFile();
    const raw = new SQLite(f.file);
    raw.exec('create table products (x text)');
    raw.close();
    process.env.DATABASE_URL = `sqlite:${f.file}`;
    try {
      expect(await main(['migrate'])).toBe(1);
      expect(io.out).toMatch(/0001-initial: 失败 failed/);
      expect(io.err).toMatch(/数据库迁移失败.*SQLite/);
    } finally {
      f.remove();
    }
  });
});

const dialects = (['sqlite', 'postgres'] as const).filter((d) => d === 'sqlite' || inject('pgAvailable'));

for (const dialect of dialects) {
  describe(`[${dialect}] shixu data commands`, () => {
    it('migrate prints each step, then reports the schema up to date', async () => {
      const db = await useDatabase(dialect);
      try {
        expect(await main(['migrate'])).toBe(0);
        expect(io.out).toMatch(/0001-initial: 成功 ok/);
        io.out = '';
        expect(await main(['migrate'])).toBe(0);
        expect(io.out).toMatch(/已是最新版本/);
      } finally {
        await db.dispose();
      }
    });

    it('import writes nothing when a row is invalid, and the valid rows with --partial', async () => {
      const db = await useDatabase(dialect);
      try {
        const csv = file(
          `bad-${dialect}.csv`,
          [
            CATALOG_HEADER,
            'P-1,好的,,,普通级,件,1,10.5',
            'P-2,坏的,,,普通级,件,abc,10',
            'P-3,也好,,,,支,,',
          ].join('\n'),
        );
        expect(await main(['import', 'catalog', csv])).toBe(1);
        expect(io.err).toMatch(/第 3 行「单重kg」.*row 3, unit_weight_kg/);
        expect(io.err).toMatch(/未写入任何数据/);
        expect(await inspect(db.url, (s) => allProducts(s.db))).toEqual([]);
        io.out = '';
        expect(await main(['import', 'catalog', csv, '--partial'])).toBe(3);
        expect(io.out).toMatch(/新增 2/);
        expect(
          (await inspect(db.url, (s) => allProducts(s.db))).map((p) => [p.code, p.listPriceCny]),
        ).toEqual([
          ['P-1', '10.50'],
          ['P-3', null],
        ]);
      } finally {
        await db.dispose();
      }
    });

    it('refuses malformed, empty, missing and wrong-type files with one message and no writes', async () => {
      const db = await useDatabase(dialect);
      try {
        const cases: [string, string | Uint8Array, RegExp][] = [
          ['quote.csv', `${CATALOG_HEADER}\nQ-1,"坏引号,,,,件,1,1\nQ-2,好,,,,件,1,1\n`, /引号未闭合/],
          ['empty.csv', '', /为空/],
          ['header-only.csv', `\uFEFF${CATALOG_HEADER}\r\n\r\n`, /没有数据行/],
          ['header.csv', 'foo,bar\n1,2\n', /缺少必需的列/],
          ['catalog.pdf', '%PDF-1.4', /不支持的文件类型/],
          ['fake.xlsx', `${CATALOG_HEADER}\n`, /不是有效的 .xlsx/],
        ];
        for (const [name, content, message] of cases) {
          io.err = '';
          expect(await main(['import', 'catalog', file(name, content)])).toBe(1);
          expect(io.err).toMatch(message);
        }
        io.err = '';
        expect(await main(['import', 'customers', path.join(dir, 'does-not-exist.csv')])).toBe(1);
        expect(io.err).toMatch(/文件不存在/);
        expect(
          await inspect(db.url, async (s) => [await allProducts(s.db), await allCustomers(s.db)]),
        ).toEqual([[], []]);
      } finally {
        await db.dispose();
      }
    });

    it('imports a GBK file with Chinese headers as saved by Excel in China', async () => {
      const db = await useDatabase(dialect);
      try {
        const csv = file(
          'gbk.csv',
          gbk(
            '客户名称,简称,首单年份,行业,备注\r\n江苏恒驰汽车零部件有限公司,恒驰,2018,汽车零部件,采购常用邮件\r\n',
          ),
        );
        expect(await main(['import', 'customers', csv])).toBe(0);
        expect(await inspect(db.url, (s) => allCustomers(s.db))).toEqual([
          {
            name: '江苏恒驰汽车零部件有限公司',
            shortName: '恒驰',
            firstOrderYear: 2018,
            industry: '汽车零部件',
            notes: '采购常用邮件',
          },
        ]);
      } finally {
        await db.dispose();
      }
    });

    it('exports catalogue and customers that import back into a fresh database unchanged', async () => {
      const source = await useDatabase(dialect);
      const fixtures = path.resolve(import.meta.dirname, '../fixtures/dev-corpus');
      try {
        expect(await main(['import', 'catalog', path.join(fixtures, 'catalog.csv')])).toBe(0);
        expect(await main(['import', 'customers', path.join(fixtures, 'customers.csv')])).toBe(0);
        const products = await inspect(source.url, (s) => allProducts(s.db));
        const customers = await inspect(source.url, (s) => allCustomers(s.db));
        for (const ext of ['csv', 'xlsx']) {
          const catalogFile = path.join(dir, `${dialect}-catalog.${ext}`);
          const customersFile = path.join(dir, `${dialect}-customers.${ext}`);
          process.env.DATABASE_URL = source.url;
          expect(await main(['export', 'catalog', catalogFile, '--force'])).toBe(0);
          expect(await main(['export', 'customers', customersFile, '--force'])).toBe(0);
          const target = await useDatabase(dialect);
          try {
            expect(await main(['import', 'catalog', catalogFile])).toBe(0);
            expect(await main(['import', 'customers', customersFile])).toBe(0);
            expect(await inspect(target.url, (s) => allProducts(s.db))).toEqual(products);
            expect(await inspect(target.url, (s) => allCustomers(s.db))).toEqual(customers);
          } finally {
            await target.dispose();
          }
        }
        process.env.DATABASE_URL = source.url;
        io.err = '';
        expect(await main(['export', 'catalog', path.join(dir, `${dialect}-catalog.csv`)])).toBe(1);
        expect(io.err).toMatch(/文件已存在/);
        expect(await main(['export', 'catalog', path.join(dir, 'catalog.json')])).toBe(1);
      } finally {
        await source.dispose();
      }
    });

    it('seeds demo data once, backs up, and restores only into an empty database', async () => {
      const source = await useDatabase(dialect);
      try {
        expect(await main(['seed'])).toBe(1);
        expect(await main(['seed', '--demo'])).toBe(0);
        expect(io.out).toMatch(/sales, tech, purchasing/);
        io.err = '';
        expect(await main(['seed', '--demo'])).toBe(1);
        expect(io.err).toMatch(/已有数据/);
        const backupFile = path.join(dir, `${dialect}-backup.tar`);
        expect(await main(['backup', '--out', backupFile])).toBe(0);
        const expected = await inspect(source.url, (s) => snapshot(s));

        io.err = '';
        expect(await main(['restore', backupFile])).toBe(1);
        expect(io.err).toMatch(/不是空的/);

        const target = await useDatabase(dialect);
        try {
          expect(await main(['restore', backupFile])).toBe(0);
          const restored = await inspect(target.url, (s) => snapshot(s));
          restored.audit_log = restored.audit_log!.filter((r) => r.action !== 'database.restored');
          expect(restored).toEqual(expected);
        } finally {
          await target.dispose();
        }

        process.env.DATABASE_URL = source.url;
        const copy = path.join(dir, `${dialect}-copy.tar`);
        io.err = '';
        const code = await main(['backup', '--format', 'sqlite', '--out', copy]);
        if (dialect === 'sqlite') {
          expect(code).toBe(0);
          // The archive carries the SQLite file itself as its database member.
          const bytes = fs.readFileSync(copy);
          expect(bytes.subarray(257, 262).toString()).toBe('ustar');
          expect(bytes.includes(Buffer.from('SQLite format 3\u0000'))).toBe(true);
        } else {
          expect(code).toBe(1);
          expect(io.err).toMatch(/只适用于 SQLite/);
        }
      } finally {
        await source.dispose();
      }
    });
  });
}
