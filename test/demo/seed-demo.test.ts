import { verify } from '@node-rs/argon2';
import { expect, it } from 'vitest';
import { DEPARTMENTS } from '../../src/auth/roles.js';
import { allProducts } from '../../src/catalog/catalog-repository.js';
import { loadReviewConfig } from '../../src/contracts/review-config.js';
import { listCsrEntries, listCustomers } from '../../src/customers/customer-repository.js';
import { DEMO_LAWS, DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { listLaws, reviewDueLaws, todayOf } from '../../src/laws/law-repository.js';
import { auditTrail } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';

describeEachDatabase('demo data', (t) => {
  it('creates the demo company on an empty database', async () => {
    const store = t.store();
    const result = await seedDemo(store);
    expect(result).toMatchObject({ seeded: true, products: 27, customers: 13 });
    expect(result.csrEntries).toBeGreaterThan(0);
    expect(result.users).toEqual([
      'sales',
      'tech',
      'purchasing',
      'production',
      'quality',
      'finance',
      'gm',
      'admin',
    ]);
    const products = await allProducts(store.db);
    expect(products.find((p) => p.code === 'AL-103')).toMatchObject({
      unitWeightKg: 1000,
      listPriceCny: '24800.00',
    });
    expect((await listCustomers(store.db, { limit: 100 })).total).toBe(13);
    expect((await listCsrEntries(store.db)).length).toBe(result.csrEntries);
    // The register: every demo entry, the 2015 edition of GB/T 6892 replaced by the 2023 one, and
    // the entries whose review dates are near or past listed as due.
    const today = todayOf(new Date());
    const laws = await listLaws(store.db, { limit: 100 }, today);
    expect(laws.total).toBe(DEMO_LAWS.length);
    expect(laws.items.find((l) => l.number === 'GB/T 6892-2015')).toMatchObject({
      status: 'superseded',
      supersededBy: { number: 'GB/T 6892-2023' },
    });
    expect((await reviewDueLaws(store.db, today)).map((l) => l.number).sort()).toEqual(
      DEMO_LAWS.filter((l) => !l.supersededBy && l.reviewInDays <= 30)
        .map((l) => l.number)
        .sort(),
    );
  });

  it('gives every department a user who can log in with the demo password', async () => {
    const users = await t.store().db.selectFrom('users').selectAll().execute();
    expect(new Set(users.map((u) => u.department))).toEqual(new Set(DEPARTMENTS));
    const admin = users.find((u) => u.username === 'admin')!;
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verify(admin.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(await verify(admin.password_hash, 'wrong')).toBe(false);
    expect((await auditTrail(t.store().db, { entityType: 'demo' })).length).toBe(1);
  });

  it('lets the demo salesperson sign conclusions and review temporary orders', async () => {
    const config = await loadReviewConfig(t.store().db);
    const sales = await t
      .store()
      .db.selectFrom('users')
      .select('id')
      .where('username', '=', 'sales')
      .executeTakeFirstOrThrow();
    expect(config.salesManagers).toContain(sales.id);
    expect(config.salesPlanners).toContain(sales.id);
  });

  it('does nothing on a database that already holds data, unless forced', async () => {
    const store = t.store();
    const again = await seedDemo(store);
    expect(again.seeded).toBe(false);
    expect(again.reason).toMatch(/已有数据.*already holds data/);
    await store.db.deleteFrom('csr_entries').execute();
    const forced = await seedDemo(store, { force: true });
    expect(forced).toMatchObject({ seeded: true, products: 0, customers: 0, users: [] });
    expect(forced.csrEntries).toBeGreaterThan(0);
  });
});
