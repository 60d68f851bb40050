// Data access for customers, their contacts and their customer-specific requirements (CSR,
// IATF 16949 §8.2). Every write records an audit entry in the same transaction.
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { REQUIREMENT_CATEGORIES, type RequirementCategory } from '../analysis/result.js';
import { type Actor, recordAudit } from '../store/audit.js';
import { ConflictError, NotFoundError } from '../store/errors.js';
import type { CsrEntriesTable, CustomerContactsTable, CustomerRow, Database } from '../store/schema.js';
import { orderBySort, type SortColumn, type SortOrder } from '../store/sort.js';
import { inTransaction } from '../store/transaction.js';
import type { Customer } from './customer.js';

type Db = Kysely<Database>;

export interface Contact {
  id: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
}
export type ContactInput = Omit<Contact, 'id'>;

/**
 * The procedure's sales-side questions about a customer (规模、行业见 industry、主要产品、目标、使用场景、
 * 紧迫程度、预算、真实动机): free text, as sales wrote it; null = not asked yet.
 */
export interface CustomerBackground {
  companySize: string | null;
  mainProducts: string | null;
  goals: string | null;
  useScenario: string | null;
  urgency: string | null;
  budget: string | null;
  trueMotive: string | null;
}
export const BACKGROUND_FIELDS = [
  'companySize',
  'mainProducts',
  'goals',
  'useScenario',
  'urgency',
  'budget',
  'trueMotive',
] as const satisfies readonly (keyof CustomerBackground)[];

export interface CustomerRecord extends Customer, CustomerBackground {
  id: string;
  timezone: string;
  /** False once deactivated: kept (contracts and complaints point at it), shown as inactive. */
  active: boolean;
  contacts: Contact[];
  createdAt: string;
  updatedAt: string;
}

export interface CustomerInput extends Customer, Partial<CustomerBackground> {
  timezone?: string;
  contacts?: ContactInput[];
}
export type CustomerPatch = Partial<Omit<CustomerInput, 'contacts'>>;

export const CSR_CATEGORIES = REQUIREMENT_CATEGORIES;
export const CSR_STATUSES = ['active', 'inactive'] as const;
export type CsrStatus = (typeof CSR_STATUSES)[number];

export interface CsrEntry {
  id: string;
  customerId: string;
  sourceDocument: string | null;
  clause: string | null;
  text: string;
  category: RequirementCategory;
  /** Product codes, categories or "all" the requirement applies to, as written. */
  appliesTo: string | null;
  /** Department that must act on it (sales, quality …). */
  department: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  status: CsrStatus;
  createdAt: string;
  updatedAt: string;
}
export type CsrInput = Omit<CsrEntry, 'id' | 'customerId' | 'createdAt' | 'updatedAt' | 'status'> & {
  status?: CsrStatus;
};

function contactFromRow(r: Selectable<CustomerContactsTable>): Contact {
  return { id: r.id, name: r.name, title: r.title, phone: r.phone, email: r.email, wechat: r.wechat };
}

function customerFromRow(r: CustomerRow, contacts: Contact[]): CustomerRecord {
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    firstOrderYear: r.first_order_year === null ? null : Number(r.first_order_year),
    industry: r.industry,
    notes: r.notes,
    timezone: r.timezone,
    active: Number(r.active) !== 0,
    companySize: r.company_size,
    mainProducts: r.main_products,
    goals: r.goals,
    useScenario: r.use_scenario,
    urgency: r.urgency,
    budget: r.budget,
    trueMotive: r.true_motive,
    contacts,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function csrFromRow(r: Selectable<CsrEntriesTable>): CsrEntry {
  return {
    id: r.id,
    customerId: r.customer_id,
    sourceDocument: r.source_document,
    clause: r.clause,
    text: r.text,
    category: r.category as RequirementCategory,
    appliesTo: r.applies_to,
    department: r.department,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    status: r.status as CsrStatus,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The plain customer (as analysis and export see it) of a record. */
export function customerOf(r: CustomerRecord): Customer {
  return {
    name: r.name,
    shortName: r.shortName,
    firstOrderYear: r.firstOrderYear,
    industry: r.industry,
    notes: r.notes,
  };
}

async function contactsOf(db: Db, customerIds: string[]): Promise<Map<string, Contact[]>> {
  const out = new Map<string, Contact[]>();
  if (customerIds.length === 0) return out;
  const rows = await db
    .selectFrom('customer_contacts')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .orderBy('name')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.customer_id) ?? [];
    list.push(contactFromRow(r));
    out.set(r.customer_id, list);
  }
  return out;
}

export async function getCustomer(db: Db, id: string): Promise<CustomerRecord | null> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return customerFromRow(row, (await contactsOf(db, [id])).get(id) ?? []);
}

export async function findCustomerByName(db: Db, name: string): Promise<CustomerRecord | null> {
  const row = await db.selectFrom('customers').selectAll().where('name', '=', name.trim()).executeTakeFirst();
  if (!row) return null;
  return customerFromRow(row, (await contactsOf(db, [row.id])).get(row.id) ?? []);
}

export interface CustomerListQuery {
  /** Substring of name, short name or industry. */
  search?: string;
  /** Only active (or only deactivated) customers; both when absent. */
  active?: boolean;
  /** Column to sort by (default: name, ascending). */
  sort?: CustomerSort;
  order?: SortOrder;
  limit?: number;
  offset?: number;
}

/** Columns the customers page sorts by (the API's `sort`). */
export const CUSTOMER_SORTS = ['name', 'shortName', 'industry', 'firstOrderYear', 'active'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

const CUSTOMER_SORT_COLUMNS: Record<CustomerSort, SortColumn> = {
  name: { column: 'customers.name' },
  shortName: { column: 'customers.short_name' },
  industry: { column: 'customers.industry' },
  firstOrderYear: { column: 'customers.first_order_year' },
  active: { column: 'customers.active' },
};

export async function listCustomers(
  db: Db,
  query: CustomerListQuery = {},
): Promise<{ items: CustomerRecord[]; total: number; limit: number; offset: number }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
  const offset = Math.max(query.offset ?? 0, 0);
  let base = db.selectFrom('customers');
  if (query.active !== undefined) base = base.where('active', '=', query.active ? 1 : 0);
  const search = query.search?.trim().toLowerCase();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or(
        (['name', 'short_name', 'industry'] as const).map(
          (col) => sql<boolean>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  const rows = await orderBySort(
    base.selectAll(),
    CUSTOMER_SORT_COLUMNS[query.sort ?? 'name'],
    query.order ?? 'asc',
    'customers.id',
  )
    .limit(limit)
    .offset(offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const contacts = await contactsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => customerFromRow(r, contacts.get(r.id) ?? [])),
    total: Number(count.n),
    limit,
    offset,
  };
}

/** Every customer without contacts, ordered by name (export, analysis). */
export async function allCustomers(db: Db): Promise<Customer[]> {
  return (await allCustomerRecords(db)).map(customerOf);
}

/** Every customer with the background answers, without contacts, ordered by name (export). */
export async function allCustomerRecords(db: Db): Promise<CustomerRecord[]> {
  const rows = await db.selectFrom('customers').selectAll().orderBy('name').execute();
  return rows.map((r) => customerFromRow(r, []));
}

export async function countCustomers(db: Db): Promise<number> {
  const r = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function customerColumns(c: CustomerPatch) {
  return {
    ...(c.name !== undefined ? { name: c.name.trim() } : {}),
    ...(c.shortName !== undefined ? { short_name: c.shortName } : {}),
    ...(c.firstOrderYear !== undefined ? { first_order_year: c.firstOrderYear } : {}),
    ...(c.industry !== undefined ? { industry: c.industry } : {}),
    ...(c.notes !== undefined ? { notes: c.notes } : {}),
    ...(c.timezone !== undefined ? { timezone: c.timezone } : {}),
    ...(c.companySize !== undefined ? { company_size: c.companySize } : {}),
    ...(c.mainProducts !== undefined ? { main_products: c.mainProducts } : {}),
    ...(c.goals !== undefined ? { goals: c.goals } : {}),
    ...(c.useScenario !== undefined ? { use_scenario: c.useScenario } : {}),
    ...(c.urgency !== undefined ? { urgency: c.urgency } : {}),
    ...(c.budget !== undefined ? { budget: c.budget } : {}),
    ...(c.trueMotive !== undefined ? { true_motive: c.trueMotive } : {}),
  };
}

function duplicateName(name: string): ConflictError {
  return new ConflictError({ zh: `客户名称已存在：${name}`, en: `a customer named ${name} already exists` });
}

export async function createCustomer(db: Db, actor: Actor, input: CustomerInput): Promise<CustomerRecord> {
  return inTransaction(db, async (trx) => {
    if (await findCustomerByName(trx, input.name)) throw duplicateName(input.name);
    const id = randomUUID();
    const now = new Date().toISOString();
    await trx
      .insertInto('customers')
      .values({
        id,
        name: input.name.trim(),
        short_name: input.shortName,
        first_order_year: input.firstOrderYear,
        industry: input.industry,
        notes: input.notes,
        timezone: input.timezone ?? 'Asia/Shanghai',
        company_size: input.companySize ?? null,
        main_products: input.mainProducts ?? null,
        goals: input.goals ?? null,
        use_scenario: input.useScenario ?? null,
        urgency: input.urgency ?? null,
        budget: input.budget ?? null,
        true_motive: input.trueMotive ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const c of input.contacts ?? []) {
      await trx
        .insertInto('customer_contacts')
        .values({ id: randomUUID(), customer_id: id, ...c })
        .execute();
    }
    const after = (await getCustomer(trx, id))!;
    await recordAudit(trx, actor, { action: 'customer.created', entityId: id, after });
    return after;
  });
}

export async function updateCustomer(
  db: Db,
  actor: Actor,
  id: string,
  patch: CustomerPatch,
): Promise<CustomerRecord> {
  return inTransaction(db, async (trx) => {
    const before = await getCustomer(trx, id);
    if (!before) throw new NotFoundError('customer', id);
    if (patch.name !== undefined && patch.name.trim() !== before.name) {
      if (await findCustomerByName(trx, patch.name)) throw duplicateName(patch.name);
    }
    const columns = customerColumns(patch);
    const changed = Object.entries(columns).some(
      ([k, v]) => (before as unknown as Record<string, unknown>)[camel(k)] !== v,
    );
    if (!changed) return before;
    await trx
      .updateTable('customers')
      .set({ ...columns, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    const after = (await getCustomer(trx, id))!;
    await recordAudit(trx, actor, { action: 'customer.updated', entityId: id, before, after });
    return after;
  });
}

/**
 * Deactivates or reactivates a customer. A deactivated customer stays in contracts, complaints and
 * the audit trail; nothing is deleted. Setting the state it already has writes nothing.
 */
export async function setCustomerActive(
  db: Db,
  actor: Actor,
  id: string,
  active: boolean,
): Promise<CustomerRecord> {
  return inTransaction(db, async (trx) => {
    const before = await getCustomer(trx, id);
    if (!before) throw new NotFoundError('customer', id);
    if (before.active === active) return before;
    await trx
      .updateTable('customers')
      .set({ active: active ? 1 : 0, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    const after = (await getCustomer(trx, id))!;
    await recordAudit(trx, actor, {
      action: active ? 'customer.reactivated' : 'customer.deactivated',
      entityId: id,
      before: { active: before.active },
      after: { active: after.active },
    });
    return after;
  });
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Creates the customer or updates the one with the same name (imports). */
export async function upsertCustomerByName(
  db: Db,
  actor: Actor,
  customer: Customer & Partial<CustomerBackground>,
): Promise<'created' | 'updated' | 'unchanged'> {
  return inTransaction(db, async (trx) => {
    const existing = await findCustomerByName(trx, customer.name);
    if (!existing) {
      await createCustomer(trx, actor, customer);
      return 'created';
    }
    const after = await updateCustomer(trx, actor, existing.id, customer);
    return after.updatedAt === existing.updatedAt ? 'unchanged' : 'updated';
  });
}

/** Deletes the customer with its contacts and CSR entries; contracts keep the customer's name. */
export async function deleteCustomer(db: Db, actor: Actor, id: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await getCustomer(trx, id);
    if (!before) return false;
    const csr = await listCsrEntries(trx, { customerId: id });
    await trx.deleteFrom('customers').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'customer.deleted', entityId: id, before: { ...before, csr } });
    return true;
  });
}

// Contacts -------------------------------------------------------------------------------------

export async function addContact(
  db: Db,
  actor: Actor,
  customerId: string,
  input: ContactInput,
): Promise<Contact> {
  return inTransaction(db, async (trx) => {
    if (!(await getCustomer(trx, customerId))) throw new NotFoundError('customer', customerId);
    const contact: Contact = { id: randomUUID(), ...input };
    await trx
      .insertInto('customer_contacts')
      .values({ ...contact, customer_id: customerId })
      .execute();
    await recordAudit(trx, actor, {
      action: 'contact.created',
      entityId: contact.id,
      after: { customerId, ...contact },
    });
    return contact;
  });
}

export async function updateContact(
  db: Db,
  actor: Actor,
  id: string,
  patch: Partial<ContactInput>,
): Promise<Contact> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('customer_contacts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('contact', id);
    const before = contactFromRow(row);
    const after: Contact = { ...before, ...patch, id };
    await trx
      .updateTable('customer_contacts')
      .set({
        name: after.name,
        title: after.title,
        phone: after.phone,
        email: after.email,
        wechat: after.wechat,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'contact.updated',
      entityId: id,
      before: { customerId: row.customer_id, ...before },
      after: { customerId: row.customer_id, ...after },
    });
    return after;
  });
}

export async function deleteContact(db: Db, actor: Actor, id: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('customer_contacts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom('customer_contacts').where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'contact.deleted',
      entityId: id,
      before: { customerId: row.customer_id, ...contactFromRow(row) },
    });
    return true;
  });
}

// Customer-specific requirements ---------------------------------------------------------------

function validateCsr(input: Partial<CsrInput>): void {
  if (input.text !== undefined && input.text.trim() === '') {
    throw new ConflictError({ zh: 'CSR 内容不能为空', en: 'CSR text must not be empty' });
  }
  if (input.category !== undefined && !(CSR_CATEGORIES as readonly string[]).includes(input.category)) {
    throw new ConflictError({
      zh: `未知的 CSR 类别：${input.category}`,
      en: `unknown CSR category: ${input.category}`,
    });
  }
  if (input.status !== undefined && !(CSR_STATUSES as readonly string[]).includes(input.status)) {
    throw new ConflictError({
      zh: `未知的 CSR 状态：${input.status}`,
      en: `unknown CSR status: ${input.status}`,
    });
  }
}

export async function getCsrEntry(db: Db, id: string): Promise<CsrEntry | null> {
  const row = await db.selectFrom('csr_entries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? csrFromRow(row) : null;
}

export async function listCsrEntries(
  db: Db,
  filter: { customerId?: string; status?: CsrStatus; category?: RequirementCategory } = {},
): Promise<CsrEntry[]> {
  let q = db.selectFrom('csr_entries').selectAll();
  if (filter.customerId) q = q.where('customer_id', '=', filter.customerId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.category) q = q.where('category', '=', filter.category);
  const rows = await q.orderBy('customer_id').orderBy('clause').orderBy('created_at').orderBy('id').execute();
  return rows.map(csrFromRow);
}

export async function createCsrEntry(
  db: Db,
  actor: Actor,
  customerId: string,
  input: CsrInput,
): Promise<CsrEntry> {
  validateCsr(input);
  return inTransaction(db, async (trx) => {
    if (!(await getCustomer(trx, customerId))) throw new NotFoundError('customer', customerId);
    const id = randomUUID();
    const now = new Date().toISOString();
    await trx
      .insertInto('csr_entries')
      .values({
        id,
        customer_id: customerId,
        source_document: input.sourceDocument,
        clause: input.clause,
        text: input.text.trim(),
        category: input.category,
        applies_to: input.appliesTo,
        department: input.department,
        effective_from: input.effectiveFrom,
        effective_to: input.effectiveTo,
        status: input.status ?? 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const after = (await getCsrEntry(trx, id))!;
    await recordAudit(trx, actor, { action: 'csr.created', entityId: id, after });
    return after;
  });
}

export async function updateCsrEntry(
  db: Db,
  actor: Actor,
  id: string,
  patch: Partial<CsrInput>,
): Promise<CsrEntry> {
  validateCsr(patch);
  return inTransaction(db, async (trx) => {
    const before = await getCsrEntry(trx, id);
    if (!before) throw new NotFoundError('csr', id);
    const m = { ...before, ...patch };
    await trx
      .updateTable('csr_entries')
      .set({
        source_document: m.sourceDocument,
        clause: m.clause,
        text: m.text.trim(),
        category: m.category,
        applies_to: m.appliesTo,
        department: m.department,
        effective_from: m.effectiveFrom,
        effective_to: m.effectiveTo,
        status: m.status,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    const after = (await getCsrEntry(trx, id))!;
    await recordAudit(trx, actor, { action: 'csr.updated', entityId: id, before, after });
    return after;
  });
}

export async function deleteCsrEntry(db: Db, actor: Actor, id: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await getCsrEntry(trx, id);
    if (!before) return false;
    await trx.deleteFrom('csr_entries').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'csr.deleted', entityId: id, before });
    return true;
  });
}
