// Customer facts: is the customer on the list of existing customers, and is this its first order?
import type { AnalysisResult } from '../../analysis/result.js';
import type { Customer } from '../../customers/customer.js';
import { findAll, normalizeForRules, type PreparedText } from '../text.js';
import type { Evidence, RuleContext } from '../types.js';

const FIRST_CONTACT =
  /首次(?:合作|下单|接触|采购|订货|向贵司)|第一次(?:跟|和|与|向)(?:你们|贵司|贵公司)|尚属首次|初次合作|first (?:order|time) (?:with|from) you/gi;

const fold = (s: string) => normalizeForRules(s).toLowerCase().replace(/\s+/g, '');

export function matchCustomer(
  name: string,
  customers: Customer[],
): { customer: Customer; by: 'name' | 'short_name' } | null {
  const n = fold(name);
  if (!n) return null;
  for (const c of customers) if (fold(c.name) === n) return { customer: c, by: 'name' };
  for (const c of customers) {
    const short = c.shortName ? fold(c.shortName) : '';
    if (short && n.includes(short)) return { customer: c, by: 'short_name' };
  }
  return null;
}

export interface CustomerFacts {
  customerKnown: boolean | undefined;
  customerHasPriorOrders: boolean | undefined;
  isNewCustomer: boolean | undefined;
  evidence: Record<'customerKnown' | 'customerHasPriorOrders' | 'isNewCustomer', Evidence[]>;
}

export function customerFacts(result: AnalysisResult, t: PreparedText, ctx: RuleContext): CustomerFacts {
  const firstContact = findAll(t, FIRST_CONTACT).map(
    (m): Evidence => ({ text: m.text, start: m.start, end: m.end, source: 'message' }),
  );
  let name = result.customer?.name?.trim();
  if (name && (ctx.ownCompanyNames ?? []).some((own) => own && fold(name as string).includes(fold(own))))
    name = undefined;
  if (!name) {
    // No customer named by the analysis: a listed customer written in the text still identifies it.
    const inText = ctx.customers.find(
      (c) =>
        t.norm.includes(normalizeForRules(c.name)) ||
        (c.shortName && t.norm.includes(normalizeForRules(c.shortName))),
    );
    if (inText) name = inText.name;
  }
  if (!name) {
    const isNew = firstContact.length > 0 ? true : undefined;
    return {
      customerKnown: undefined,
      customerHasPriorOrders: isNew ? false : undefined,
      isNewCustomer: isNew,
      evidence: { customerKnown: [], customerHasPriorOrders: firstContact, isNewCustomer: firstContact },
    };
  }
  let known: boolean;
  let listed: Customer | null = null;
  const nameEv: Evidence = { text: name, source: 'analysis' };
  if (ctx.customers.length > 0) {
    const m = matchCustomer(name, ctx.customers);
    // A short-name hit the analysis has already ruled out ("a similar name, a different company") stays new.
    listed = m && !(m.by === 'short_name' && result.customer?.known === false) ? m.customer : null;
    known = listed !== null;
  } else {
    known = result.customer?.known === true;
  }
  const prior = ctx.customerHasPriorOrders ?? (listed ? listed.firstOrderYear !== null : known);
  const priorEv: Evidence[] =
    ctx.customerHasPriorOrders !== undefined
      ? [{ text: ctx.customerHasPriorOrders ? '有历史订单' : '无历史订单', source: 'context' }]
      : listed
        ? [
            {
              text:
                listed.firstOrderYear !== null
                  ? `首单年份 ${listed.firstOrderYear}`
                  : '老客户名单中无首单年份',
              source: 'customers',
            },
          ]
        : [nameEv];
  const isNew = !known || !prior;
  return {
    customerKnown: known,
    customerHasPriorOrders: prior,
    isNewCustomer: isNew,
    evidence: {
      customerKnown: [listed ? { text: listed.name, source: 'customers' } : nameEv],
      customerHasPriorOrders: priorEv,
      isNewCustomer: isNew
        ? [{ ...nameEv, note: known ? '首次下单' : '不在老客户名单' }, ...firstContact]
        : [],
    },
  };
}
