// A customer named in an intake message that is not on file yet (analysis gives a name, no customer
// id) is proposed as a new customer record. Sales confirms it with one click: the customer is
// created (with the message's contact person, phone and e-mail) and the intake and every case
// opened from it are linked to it, so it appears in the customer list, the customer's contracts and
// complaint search. The proposal is computed, never stored: it disappears once the link exists.
import type { Kysely } from 'kysely';
import type { AnalysisResult } from '../analysis/result.js';
import { type Actor, recordAudit } from '../store/audit.js';
import { ConflictError, NotFoundError } from '../store/errors.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import {
  type ContactInput,
  type CustomerRecord,
  createCustomer,
  findCustomerByName,
  getCustomer,
} from './customer-repository.js';

type Db = Kysely<Database>;

export interface ProposedContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

export interface NewCustomerProposal {
  /** The name the analysis found, prefilled in the form. */
  name: string;
  /** The first person, phone and e-mail of the message; null when it names none. */
  contact: ProposedContact | null;
  /** A customer of that name created since the message came in: confirming links to it. */
  existingCustomerId: string | null;
}

/** The first person, phone and e-mail the analysis found in the message. */
export function contactInMessage(analysis: AnalysisResult): ProposedContact | null {
  const first = (type: string) => {
    const e = analysis.entities.find((x) => x.type === type);
    if (!e) return null;
    return typeof e.value === 'string' && e.value.trim() !== '' ? e.value.trim() : e.text.trim() || null;
  };
  const contact = { name: first('person'), phone: first('phone'), email: first('email') };
  return contact.name || contact.phone || contact.email ? contact : null;
}

/** The proposal for a message whose customer is not linked, or null (linked, or no name found). */
export async function proposeNewCustomer(
  db: Db,
  analysis: AnalysisResult | null,
  linkedCustomerId: string | null,
  fallbackName: string | null = null,
): Promise<NewCustomerProposal | null> {
  if (linkedCustomerId) return null;
  const name = (analysis?.customer?.name ?? fallbackName)?.trim();
  if (!name) return null;
  const existing = await findCustomerByName(db, name);
  return {
    name,
    contact: analysis ? contactInMessage(analysis) : null,
    existingCustomerId: existing?.id ?? null,
  };
}

export interface ConfirmNewCustomer {
  /** Confirm from the intake result … */
  intakeId?: string;
  /** … or from a case (its intake, if any, is linked too). */
  contractId?: string;
  /** As sales corrected it in the form; the proposal's when absent. */
  name?: string;
  contact?: ContactInput | null;
}

export interface ConfirmedNewCustomer {
  customer: CustomerRecord;
  /** False when a customer of that name existed and was linked instead. */
  created: boolean;
  intakeId: string | null;
  contractIds: string[];
}

async function latestAnalysis(db: Db, intakeId: string): Promise<AnalysisResult | null> {
  const row = await db
    .selectFrom('analyses')
    .select('result')
    .where('intake_id', '=', intakeId)
    .where('superseded_at', 'is', null)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return row ? (JSON.parse(row.result) as AnalysisResult) : null;
}

const alreadyLinked = (what: string) =>
  new ConflictError({
    zh: `${what}已关联客户`,
    en: `the ${what === '收件' ? 'intake' : 'case'} is already linked to a customer`,
  });

/** Creates (or finds by name) the customer and links the intake and its cases to it, atomically. */
export async function confirmNewCustomer(
  db: Db,
  actor: Actor,
  input: ConfirmNewCustomer,
): Promise<ConfirmedNewCustomer> {
  return inTransaction(db, async (trx) => {
    let intakeId = input.intakeId ?? null;
    let fallbackName: string | null = null;
    if (input.contractId) {
      const c = await trx
        .selectFrom('contracts')
        .select(['id', 'customer_id', 'customer_name', 'intake_id'])
        .where('id', '=', input.contractId)
        .executeTakeFirst();
      if (!c) throw new NotFoundError('contract', input.contractId);
      if (c.customer_id) throw alreadyLinked('合同');
      intakeId = c.intake_id;
      fallbackName = c.customer_name;
    }
    let analysis: AnalysisResult | null = null;
    if (intakeId) {
      const rec = await trx
        .selectFrom('intake_records')
        .select(['id', 'customer_id'])
        .where('id', '=', intakeId)
        .executeTakeFirst();
      if (!rec) throw new NotFoundError('intake', intakeId);
      // From a case, an intake already linked (another case confirmed first) is simply reused.
      if (rec.customer_id && !input.contractId) throw alreadyLinked('收件');
      analysis = await latestAnalysis(trx, intakeId);
    }
    // A case's customer name is what sales reviewed (perhaps corrected); an intake's is the analysis'.
    const proposedName = input.contractId ? fallbackName : (analysis?.customer?.name ?? null);
    const proposal = proposedName
      ? { name: proposedName, contact: analysis ? contactInMessage(analysis) : null }
      : null;
    const name = (input.name ?? proposal?.name)?.trim();
    if (!name) {
      throw new ConflictError({
        zh: '消息中未识别出客户名称，请填写',
        en: 'no customer name found in the message; give one',
      });
    }
    let customer = await findCustomerByName(trx, name);
    const created = customer === null;
    if (!customer) {
      const contact =
        input.contact === undefined
          ? proposal?.contact
            ? { ...proposal.contact, name: proposal.contact.name ?? name }
            : null
          : input.contact;
      customer = await createCustomer(trx, actor, {
        name,
        shortName: null,
        firstOrderYear: null,
        industry: null,
        notes: intakeId ? `由收件消息新建 / created from intake ${intakeId}` : null,
        contacts: contact ? [{ title: null, wechat: null, ...contact }] : [],
      });
    }
    const customerId = customer.id;
    const now = new Date().toISOString();
    if (intakeId) {
      await trx
        .updateTable('intake_records')
        .set({ customer_id: customerId, updated_at: now })
        .where('id', '=', intakeId)
        .where('customer_id', 'is', null)
        .execute();
      await recordAudit(trx, actor, {
        action: 'intake.customer_linked',
        entityId: intakeId,
        before: { customerId: null },
        after: { customerId, customerName: customer.name, created },
      });
    }
    let q = trx.selectFrom('contracts').select(['id', 'customer_name']).where('customer_id', 'is', null);
    q = intakeId
      ? q.where((eb) =>
          eb.or([
            eb('intake_id', '=', intakeId),
            ...(input.contractId ? [eb('id', '=', input.contractId)] : []),
          ]),
        )
      : q.where('id', '=', input.contractId ?? '');
    const contracts = await q.execute();
    for (const c of contracts) {
      await trx
        .updateTable('contracts')
        .set({ customer_id: customerId, customer_name: customer.name, updated_at: now })
        .where('id', '=', c.id)
        .execute();
      await recordAudit(trx, actor, {
        action: 'contract.customer_linked',
        entityId: c.id,
        before: { customerId: null, customerName: c.customer_name },
        after: { customerId, customerName: customer.name, created },
      });
    }
    return {
      customer: (await getCustomer(trx, customerId))!,
      created,
      intakeId,
      contractIds: contracts.map((c) => c.id),
    };
  });
}

/** The proposal shown on a case whose customer is not on file (its intake's contact details, if any). */
export async function proposalForContract(db: Db, contractId: string): Promise<NewCustomerProposal | null> {
  const c = await db
    .selectFrom('contracts')
    .select(['customer_id', 'customer_name', 'intake_id'])
    .where('id', '=', contractId)
    .executeTakeFirst();
  if (!c || c.customer_id) return null;
  const analysis = c.intake_id ? await latestAnalysis(db, c.intake_id) : null;
  const proposal = await proposeNewCustomer(db, null, null, c.customer_name);
  // The case's customer name is what sales reviewed (it may have been corrected in the order form).
  return proposal && { ...proposal, contact: analysis ? contactInMessage(analysis) : null };
}
