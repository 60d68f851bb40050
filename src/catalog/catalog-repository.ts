// Data access for the product catalogue. Rows keep decimals as canonical strings; every write
// records an audit entry in the same transaction.
import { type Kysely, sql } from 'kysely';
import { type Actor, recordAudit } from '../store/audit.js';
import { canonicalDecimal, canonicalMoney } from '../store/decimal.js';
import type { Database, ProductRow } from '../store/schema.js';
import { orderBySort, type SortColumn, type SortOrder } from '../store/sort.js';
import { inTransaction } from '../store/transaction.js';
import { PRECISION_GRADES, type PrecisionGrade, type Product } from './product.js';

type Db = Kysely<Database>;

export interface ProductListQuery {
  /** Matches code, name, model or category, case-insensitive substring. */
  search?: string;
  category?: string;
  /** Only active (or only deactivated) items; both when absent. */
  active?: boolean;
  /** Column to sort by (default: code, ascending). */
  sort?: ProductSort;
  order?: SortOrder;
  limit?: number;
  offset?: number;
}

/** Columns the catalogue page sorts by (the API's `sort`). */
export const PRODUCT_SORTS = [
  'code',
  'name',
  'model',
  'category',
  'precisionGrade',
  'unitWeightKg',
  'listPriceCny',
  'active',
] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

const PRODUCT_SORT_COLUMNS: Record<ProductSort, SortColumn> = {
  code: { column: 'products.code' },
  name: { column: 'products.name' },
  model: { column: 'products.model' },
  category: { column: 'products.category' },
  precisionGrade: { column: 'products.precision_grade', rank: PRECISION_GRADES },
  unitWeightKg: { column: 'products.unit_weight_kg', numeric: true },
  listPriceCny: { column: 'products.list_price_cny', numeric: true },
  active: { column: 'products.active' },
};

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A catalogue item as the app lists it: the product and whether it is still offered. */
export interface ProductRecord extends Product {
  active: boolean;
}

function recordFromRow(row: ProductRow): ProductRecord {
  return { ...productFromRow(row), active: Number(row.active) !== 0 };
}

export function productFromRow(row: Omit<ProductRow, 'active'>): Product {
  const grade = row.precision_grade;
  return {
    code: row.code,
    name: row.name,
    model: row.model,
    category: row.category,
    precisionGrade:
      grade !== null && (PRECISION_GRADES as readonly string[]).includes(grade)
        ? (grade as PrecisionGrade)
        : null,
    unit: row.unit,
    unitWeightKg: row.unit_weight_kg === null ? null : Number(row.unit_weight_kg),
    listPriceCny: row.list_price_cny === null ? null : canonicalMoney(String(row.list_price_cny)),
  };
}

/** Column values of a product (without the code and timestamps), decimals canonical. */
export function productToRow(p: Product) {
  return {
    name: p.name,
    model: p.model,
    category: p.category,
    precision_grade: p.precisionGrade,
    unit: p.unit,
    unit_weight_kg: p.unitWeightKg === null ? null : canonicalDecimal(String(p.unitWeightKg)),
    list_price_cny: p.listPriceCny === null ? null : canonicalMoney(p.listPriceCny),
  };
}

function sameProduct(a: Product, b: Product): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function getProduct(db: Db, code: string): Promise<Product | null> {
  const row = await db.selectFrom('products').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? productFromRow(row) : null;
}

export async function getProductRecord(db: Db, code: string): Promise<ProductRecord | null> {
  const row = await db.selectFrom('products').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? recordFromRow(row) : null;
}

export async function listProducts(db: Db, query: ProductListQuery = {}): Promise<Page<ProductRecord>> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
  const offset = Math.max(query.offset ?? 0, 0);
  let base = db.selectFrom('products');
  const search = query.search?.trim().toLowerCase();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // An explicit ESCAPE clause: SQLite has no default escape character for LIKE.
    base = base.where((eb) =>
      eb.or(
        (['code', 'name', 'model', 'category'] as const).map(
          (col) => sql<boolean>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  if (query.category) base = base.where('category', '=', query.category);
  if (query.active !== undefined) base = base.where('active', '=', query.active ? 1 : 0);
  const [rows, count] = await Promise.all([
    orderBySort(
      base.selectAll(),
      PRODUCT_SORT_COLUMNS[query.sort ?? 'code'],
      query.order ?? 'asc',
      'products.code',
    )
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(recordFromRow), total: Number(count.n), limit, offset };
}

/**
 * Every product, ordered by code (export). `activeOnly` is the catalogue the analysis matches
 * orders against: a deactivated item is no longer offered, so ordering it is not a catalogue match.
 */
export async function allProducts(db: Db, opts: { activeOnly?: boolean } = {}): Promise<Product[]> {
  let q = db.selectFrom('products').selectAll();
  if (opts.activeOnly) q = q.where('active', '=', 1);
  const rows = await q.orderBy('code').execute();
  return rows.map(productFromRow);
}

/** Deactivates or reactivates a catalogue item; its contracts keep it. Same state = no write. */
export async function setProductActive(
  db: Db,
  actor: Actor,
  code: string,
  active: boolean,
): Promise<ProductRecord | null> {
  return inTransaction(db, async (trx) => {
    const before = await getProductRecord(trx, code);
    if (!before) return null;
    if (before.active === active) return before;
    await trx
      .updateTable('products')
      .set({ active: active ? 1 : 0, updated_at: new Date().toISOString() })
      .where('code', '=', code)
      .execute();
    await recordAudit(trx, actor, {
      action: active ? 'product.reactivated' : 'product.deactivated',
      entityId: code,
      before: { active: before.active },
      after: { active },
    });
    return { ...before, active };
  });
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** Creates or replaces the product with this code. An identical product writes nothing. */
export async function upsertProduct(db: Db, actor: Actor, product: Product): Promise<UpsertOutcome> {
  return inTransaction(db, async (trx) => {
    const before = await getProduct(trx, product.code);
    const now = new Date().toISOString();
    const values = productToRow(product);
    if (!before) {
      await trx
        .insertInto('products')
        .values({ code: product.code, ...values, created_at: now, updated_at: now })
        .execute();
      const after = await getProduct(trx, product.code);
      await recordAudit(trx, actor, { action: 'product.created', entityId: product.code, after });
      return 'created';
    }
    const after = productFromRow({ code: product.code, ...values, created_at: now, updated_at: now });
    if (sameProduct(before, after)) return 'unchanged';
    await trx
      .updateTable('products')
      .set({ ...values, updated_at: now })
      .where('code', '=', product.code)
      .execute();
    await recordAudit(trx, actor, { action: 'product.updated', entityId: product.code, before, after });
    return 'updated';
  });
}

export interface BulkUpsertResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Upserts many products in one transaction: all or nothing. */
export async function upsertProducts(db: Db, actor: Actor, products: Product[]): Promise<BulkUpsertResult> {
  return inTransaction(db, async (trx) => {
    const result: BulkUpsertResult = { created: 0, updated: 0, unchanged: 0 };
    for (const p of products) result[await upsertProduct(trx, actor, p)] += 1;
    return result;
  });
}

/** Deletes a product; returns false when there was none. Contract items keep their copied name. */
export async function deleteProduct(db: Db, actor: Actor, code: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await getProduct(trx, code);
    if (!before) return false;
    await trx.deleteFrom('products').where('code', '=', code).execute();
    await recordAudit(trx, actor, { action: 'product.deleted', entityId: code, before });
    return true;
  });
}

export async function countProducts(db: Db): Promise<number> {
  const r = await db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
