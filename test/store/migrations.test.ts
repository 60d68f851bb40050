import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest, pendingMigrations } from '../../src/store/migrate.js';
import { describeEachDatabase } from '../support/databases.js';

describeEachDatabase('migrations', (t) => {
  it('leaves no pending migration and is idempotent', async () => {
    const store = t.store();
    expect(await pendingMigrations(store)).toEqual([]);
    const again = await migrateToLatest(store);
    expect(again.ok).toBe(true);
    expect(again.steps).toEqual([]);
  });

  it('refuses to change or delete audit entries', async () => {
    const { db } = t.store();
    await db
      .insertInto('audit_log')
      .values({
        at: new Date().toISOString(),
        action: 'test',
        entity_type: 'x',
        entity_id: '1',
        actor_id: null,
        actor_department: null,
        before: null,
        after: null,
      })
      .execute();
    await expect(db.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    const rows = await db.selectFrom('audit_log').select(['action']).execute();
    expect(rows.map((r) => r.action)).toEqual(['test']);
  });

  it('keeps money exact', async () => {
    const { db } = t.store();
    const now = new Date().toISOString();
    await db
      .insertInto('products')
      .values({
        code: 'T-1',
        name: '测试',
        unit: '件',
        list_price_cny: '0.10',
        unit_weight_kg: '1.234567',
        model: null,
        category: null,
        precision_grade: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const row = await db
      .selectFrom('products')
      .select(['list_price_cny'])
      .where('code', '=', 'T-1')
      .executeTakeFirstOrThrow();
    expect(Number(row.list_price_cny)).toBe(0.1);
    expect(String(row.list_price_cny)).toMatch(/^0\.10*$/);
    await sql`delete from products`.execute(db);
  });
});
