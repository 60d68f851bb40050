// Creates the demo company's data. Runs only on an empty database unless forced, so a real
// installation can never be mixed with demo data by accident.
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { upsertProduct } from '../catalog/catalog-repository.js';
import { grantReviewTitle } from '../contracts/review-config.js';
import { createCsrEntry, createCustomer, findCustomerByName } from '../customers/customer-repository.js';
import { addDays } from '../laws/law.js';
import { createLaw, findLawByNumber, supersedeLaw, todayOf } from '../laws/law-repository.js';
import { recordAudit, SYSTEM_ACTORS } from '../store/audit.js';
import type { Store } from '../store/connect.js';
import { inTransaction } from '../store/transaction.js';
import {
  DEMO_COMPANY,
  DEMO_CSR,
  DEMO_CUSTOMERS,
  DEMO_LAWS,
  DEMO_PASSWORD,
  DEMO_PRODUCTS,
  DEMO_USERS,
} from './demo-data.js';

export interface SeedResult {
  seeded: boolean;
  /** Why nothing was done (seeded = false). */
  reason?: string;
  company: string;
  products: number;
  customers: number;
  csrEntries: number;
  laws: number;
  users: string[];
}

export interface SeedOptions {
  /** Add the demo data that is missing even though the database already holds data. */
  force?: boolean;
}

/** Counts of the tables whose content decides whether the database is "empty". */
export async function businessDataCounts(
  store: Store,
): Promise<{ users: number; products: number; customers: number }> {
  const count = async (table: 'users' | 'products' | 'customers') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    users: await count('users'),
    products: await count('products'),
    customers: await count('customers'),
  };
}

export async function seedDemo(store: Store, options: SeedOptions = {}): Promise<SeedResult> {
  const empty: SeedResult = {
    seeded: false,
    company: DEMO_COMPANY.name,
    products: 0,
    customers: 0,
    csrEntries: 0,
    laws: 0,
    users: [],
  };
  const counts = await businessDataCounts(store);
  if (!options.force && (counts.users > 0 || counts.products > 0 || counts.customers > 0)) {
    return {
      ...empty,
      reason: `数据库已有数据（用户 ${counts.users}，产品 ${counts.products}，客户 ${counts.customers}），未创建演示数据 / the database already holds data (${counts.users} users, ${counts.products} products, ${counts.customers} customers); demo data not created`,
    };
  }
  // Hash outside the transaction: argon2 is deliberately slow and SQLite has one writer.
  const hashes = await Promise.all(DEMO_USERS.map(() => hash(DEMO_PASSWORD)));
  const actor = SYSTEM_ACTORS.demoSeed;
  return inTransaction(store.db, async (trx) => {
    const result: SeedResult = { ...empty, seeded: true };
    for (const p of DEMO_PRODUCTS) {
      if ((await upsertProduct(trx, actor, p)) !== 'unchanged') result.products += 1;
    }
    for (const c of DEMO_CUSTOMERS) {
      if (await findCustomerByName(trx, c.name)) continue;
      await createCustomer(trx, actor, c);
      result.customers += 1;
    }
    for (const { customer, entries } of DEMO_CSR) {
      const record = await findCustomerByName(trx, customer);
      if (!record) continue;
      const existing = await trx
        .selectFrom('csr_entries')
        .select('text')
        .where('customer_id', '=', record.id)
        .execute();
      const known = new Set(existing.map((e) => e.text));
      for (const e of entries) {
        if (known.has(e.text)) continue;
        await createCsrEntry(trx, actor, record.id, e);
        result.csrEntries += 1;
      }
    }
    const clock = new Date();
    const today = todayOf(clock);
    for (const { reviewInDays, supersededBy: _s, ...law } of DEMO_LAWS) {
      if (await findLawByNumber(trx, law.number, today)) continue;
      await createLaw(trx, actor, { ...law, reviewDue: addDays(today, reviewInDays) }, clock);
      result.laws += 1;
    }
    for (const law of DEMO_LAWS) {
      if (!law.supersededBy) continue;
      const old = await findLawByNumber(trx, law.number, today);
      const successor = await findLawByNumber(trx, law.supersededBy, today);
      if (old?.status === 'current' && successor) await supersedeLaw(trx, actor, old.id, successor.id, clock);
    }
    const now = clock.toISOString();
    for (const [i, u] of DEMO_USERS.entries()) {
      const taken = await trx
        .selectFrom('users')
        .select('id')
        .where('username', '=', u.username)
        .executeTakeFirst();
      if (taken) continue;
      const id = randomUUID();
      await trx
        .insertInto('users')
        .values({
          id,
          username: u.username,
          display_name: u.displayName,
          password_hash: hashes[i]!,
          department: u.department,
          deputy_for: null,
          active: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await recordAudit(trx, actor, {
        action: 'user.created',
        entityId: id,
        after: { username: u.username, displayName: u.displayName, department: u.department },
      });
      for (const title of u.titles ?? []) await grantReviewTitle(trx, id, title);
      result.users.push(u.username);
    }
    await recordAudit(trx, actor, {
      action: 'demo.seeded',
      entityId: DEMO_COMPANY.name,
      after: {
        products: result.products,
        customers: result.customers,
        csrEntries: result.csrEntries,
        laws: result.laws,
        users: result.users,
      },
    });
    return result;
  });
}
