import { expect, it } from 'vitest';
import {
  deleteProduct,
  getProduct,
  listProducts,
  upsertProduct,
  upsertProducts,
} from '../../src/catalog/catalog-repository.js';
import type { Product } from '../../src/catalog/product.js';
import { auditTrail } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';

const actor = { id: 'user-1', department: 'sales' };

const product = (code: string, over: Partial<Product> = {}): Product => ({
  code,
  name: `产品${code}`,
  model: `HR-${code}`,
  category: '工业铝型材',
  precisionGrade: '高精级',
  unit: '件',
  unitWeightKg: 1.25,
  listPriceCny: '12.30',
  ...over,
});

describeEachDatabase('catalogue repository', (t) => {
  it('stores a product and reads it back unchanged, money exact', async () => {
    const { db } = t.store();
    const p = product('R-1', { listPriceCny: '0.10', unitWeightKg: 1.234567 });
    expect(await upsertProduct(db, actor, p)).toBe('created');
    expect(await getProduct(db, 'R-1')).toEqual(p);
    expect(await getProduct(db, 'missing')).toBeNull();
  });

  it('audits creations and updates with who, before and after; identical data writes nothing', async () => {
    const { db } = t.store();
    await upsertProduct(db, actor, product('R-2'));
    expect(await upsertProduct(db, actor, product('R-2'))).toBe('unchanged');
    expect(
      await upsertProduct(
        db,
        { id: 'user-2', department: 'technical' },
        product('R-2', { listPriceCny: '13' }),
      ),
    ).toBe('updated');
    const trail = await auditTrail(db, { entityType: 'product', entityId: 'R-2' });
    expect(trail.map((e) => [e.action, e.actorId, e.actorDepartment])).toEqual([
      ['product.created', 'user-1', 'sales'],
      ['product.updated', 'user-2', 'technical'],
    ]);
    expect((trail[1]!.before as Product).listPriceCny).toBe('12.30');
    expect((trail[1]!.after as Product).listPriceCny).toBe('13.00');
    expect((await getProduct(db, 'R-2'))!.listPriceCny).toBe('13.00');
  });

  it('pages and searches by code, name, model and category', async () => {
    const { db } = t.store();
    await upsertProducts(db, actor, [
      product('S-01', { name: '电池托盘边框型材', model: 'HR-6005A-BT01', category: '新能源汽车型材' }),
      product('S-02', { name: '转向节', model: 'HR-ZXJ-6082-01', category: '底盘件' }),
      product('S-03', { name: '下控制臂', model: 'HR-XKB-6082-03', category: '底盘件' }),
      product('S_04', { name: '100%测试', model: null, category: null }),
    ]);
    expect((await listProducts(db, { search: '底盘' })).items.map((p) => p.code)).toEqual(['S-02', 'S-03']);
    expect((await listProducts(db, { search: 'bt01' })).items.map((p) => p.code)).toEqual(['S-01']);
    expect((await listProducts(db, { search: '6082' })).total).toBe(2);
    // LIKE wildcards in the search text are literal characters.
    expect((await listProducts(db, { search: '%' })).items.map((p) => p.code)).toEqual(['S_04']);
    expect((await listProducts(db, { search: 's_0' })).items.map((p) => p.code)).toEqual(['S_04']);
    const page1 = await listProducts(db, { search: 'S', limit: 2, offset: 0 });
    const page2 = await listProducts(db, { search: 'S', limit: 2, offset: 2 });
    expect(page1.total).toBeGreaterThanOrEqual(4);
    expect(page1.items).toHaveLength(2);
    expect(new Set([...page1.items, ...page2.items].map((p) => p.code)).size).toBe(4);
  });

  it('writes a batch all or nothing', async () => {
    const { db } = t.store();
    const bad = { ...product('T-2'), name: null } as unknown as Product;
    await expect(upsertProducts(db, actor, [product('T-1'), bad])).rejects.toThrow();
    expect(await getProduct(db, 'T-1')).toBeNull();
    expect(await auditTrail(db, { entityId: 'T-1' })).toEqual([]);
  });

  it('deletes with an audit entry keeping the deleted data', async () => {
    const { db } = t.store();
    await upsertProduct(db, actor, product('D-1'));
    expect(await deleteProduct(db, actor, 'D-1')).toBe(true);
    expect(await deleteProduct(db, actor, 'D-1')).toBe(false);
    expect(await getProduct(db, 'D-1')).toBeNull();
    const trail = await auditTrail(db, { entityId: 'D-1' });
    expect(trail.at(-1)).toMatchObject({ action: 'product.deleted', after: null });
    expect((trail.at(-1)!.before as Product).name).toBe('产品D-1');
  });
});
