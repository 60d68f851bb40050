// analyze(): one customer message → the published AnalysisResult. Pure: no I/O, deterministic for a
// given text and options. Never throws: a failure inside one extractor leaves that part empty.
import type { Product } from '../catalog/product.js';
import type { Customer } from '../customers/customer.js';
import {
  type DateMention,
  findDates,
  findDurations,
  findMoney,
  findNumbers,
  findPercentages,
  findQuantities,
  type MoneyMention,
  type NumberMention,
  type QuantityMention,
} from './entities/index.js';
import { indexCatalog } from './extract/catalog-matcher.js';
import { findCertifications } from './extract/certifications.js';
import { deliveryDate, deliveryPlace, deliveryTerms } from './extract/delivery.js';
import type { Found } from './extract/found.js';
import { overlapIndex } from './extract/found.js';
import {
  findClockTimes,
  findContacts,
  findDrawingNumbers,
  findIncoterms,
  findOrderNumbers,
} from './extract/identifiers.js';
import { extractItems, type ItemsResult } from './extract/items.js';
import { findCompanies, findPeople, identifyCustomer } from './extract/parties.js';
import { paymentTerms } from './extract/payment.js';
import { findStandards } from './extract/standards.js';
import { findHardness, findMaterials, findRoughness, findTolerances } from './extract/technical.js';
import { classifyIntent, classifySentiment } from './intent-sentiment.js';
import {
  addFactRequirements,
  extractRequirements,
  type StatedFact,
} from './requirements/extract-requirements.js';
import { impliedRequirements } from './requirements/implied.js';
import type { AnalysisResult, Entity, Requirement } from './result.js';
import { extractKeywords } from './text/keywords.js';
import { normalise, toSimplified } from './text/normalise.js';
import { clauseAround, lineAt, sentenceAround, splitLines } from './text/segment.js';
import { findSpeakerTurns, quotedHistoryStart } from './text/speakers.js';

export interface AnalyzeOptions {
  /** Day the message was received (YYYY-MM-DD, Asia/Shanghai); relative dates resolve against it. */
  refDate?: string;
  channel?: string;
  catalog?: readonly Product[];
  customers?: readonly Customer[];
  /** The supplier's own names, never reported as the customer. */
  ownCompanyNames?: readonly string[];
}

export const DEFAULT_OWN_COMPANY_NAMES: readonly string[] = [
  '华锐精密部件有限公司',
  '华锐精密',
  '华锐',
  'Huarui',
];

/** Keeps the analysis going when one extractor fails on odd input; the result stays valid. */
function safe<T>(fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

function todayInShanghai(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function analyze(input: string, opts: AnalyzeOptions = {}): AnalysisResult {
  const original = typeof input === 'string' ? input : String(input ?? '');
  const refDate = opts.refDate && ISO_DAY.test(opts.refDate) ? opts.refDate : todayInShanghai();
  const customers = opts.customers ?? [];
  const ownNames = (opts.ownCompanyNames ?? DEFAULT_OWN_COMPANY_NAMES).map((n) =>
    safe(n, () => toSimplified(n)),
  );
  const { text: norm } = safe({ original, text: original }, () => normalise(original));
  const lines = splitLines(norm);
  const turns = safe({ byLine: [], customerLabels: [] }, () =>
    findSpeakerTurns(norm, lines, ownNames, opts.channel),
  );
  const isSupplierLine = (l: { index: number }) => turns.byLine[l.index] === 'supplier';

  const quantities = safe<QuantityMention[]>([], () => findQuantities(norm));
  const money = safe<MoneyMention[]>([], () => findMoney(norm));
  const numbers = safe<NumberMention[]>([], () => findNumbers(norm));
  const dates = safe<DateMention[]>([], () => findDates(norm, { date: refDate }));
  const percentages = safe([], () => findPercentages(norm));
  const durations = safe([], () => findDurations(norm));

  const companies = safe<Found[]>([], () => findCompanies(norm));
  const orderNumbers = safe<Found[]>([], () => findOrderNumbers(norm));
  const drawingNumbers = safe<Found[]>([], () => findDrawingNumbers(norm));
  const standards = safe<Found[]>([], () => findStandards(norm));
  const technical = safe<Found[]>([], () => [
    ...findTolerances(norm),
    ...findRoughness(norm),
    ...findHardness(norm),
    ...findMaterials(norm),
  ]);
  const certifications = safe<Found[]>([], () => findCertifications(norm));
  const contacts = safe<Found[]>([], () => [...findContacts(norm), ...findIncoterms(norm)]);
  const people = safe<Found[]>([], () => findPeople(norm, lines));

  // A reply is about what it says, not about the quoted message it answers.
  const quoteAt = safe(null, () => quotedHistoryStart(norm, lines));
  const said = quoteAt !== null && norm.slice(0, quoteAt).trim().length >= 8 ? norm.slice(0, quoteAt) : norm;
  const intent = safe({ label: 'inquiry' as const, confidence: 0 }, () => classifyIntent(said));
  const sentiment = safe({ label: 'neutral' as const, score: 0 }, () => classifySentiment(said));

  const customer = safe(null, () =>
    identifyCustomer({
      normText: norm,
      original,
      companies,
      chatLabels: turns.customerLabels,
      customers,
      ownNames,
      toSimplified,
      lines,
    }),
  );

  const catalogIndex =
    opts.catalog && opts.catalog.length > 0
      ? safe(null, () => indexCatalog(opts.catalog!, toSimplified))
      : null;
  const nonPriceNumbers = [
    ...dates,
    ...percentages,
    ...durations,
    ...orderNumbers,
    ...drawingNumbers,
    ...standards,
    ...technical,
  ];
  const itemsResult = safe<ItemsResult>({ items: [], entities: [], tableLines: [] }, () =>
    extractItems({
      original,
      norm,
      lines,
      speakers: turns.byLine,
      catalog: catalogIndex,
      quantities,
      money,
      numbers,
      blocked: [...companies, ...orderNumbers],
      nonPriceNumbers,
      drawingNumbers,
    }),
  );

  const place = safe(null, () => deliveryPlace(norm, original, lines, isSupplierLine));
  const payment = safe(null, () => paymentTerms(norm, original, lines, isSupplierLine));
  const due = intent.label === 'cancellation' ? null : safe(null, () => deliveryDate(norm, dates, refDate));
  const delivery = {
    date: due?.date ?? null,
    place: place?.text ?? null,
    terms: safe(null, () => deliveryTerms(norm)),
  };

  const incoterm = contacts.find((c) => c.type === 'incoterm');
  const facts: StatedFact[] = [];
  if (due) facts.push({ ...clauseAround(norm, due), category: 'delivery' });
  if (place) facts.push({ ...place, category: 'logistics' });
  if (incoterm) facts.push({ ...incoterm, category: 'logistics' });
  if (payment) facts.push({ ...payment, category: 'payment' });
  // A unit price stated for an item (often in an order-line table, which is no requirement sentence)
  // is a price term of the order.
  const priced = itemsResult.items.find((i) => i.unitPrice !== null);
  if (priced) facts.push({ ...sentenceAround(norm, priced.span.start), category: 'price' });
  const stated = safe<Requirement[]>([], () =>
    addFactRequirements(
      extractRequirements({
        norm,
        original,
        lines,
        isSupplierLine,
        companies,
        products: itemsResult.entities.filter((e) => e.type === 'product'),
        tableLines: itemsResult.tableLines,
      }),
      facts,
      norm,
      original,
    ),
  );
  const requirements = [
    ...stated,
    ...safe<Requirement[]>([], () => impliedRequirements(norm, original, itemsResult.items.length > 0)),
  ];

  // Certificates and standards the customer only negates (不需要材质证明) are not asked for.
  const requested = (f: Found) => {
    const line = lineAt(lines, f.start);
    if (isSupplierLine(line)) return false;
    let s = f.start;
    while (s > 0 && !/[，,。;；\n!?！？]/.test(norm[s - 1]!)) s--;
    return !/不需要|不需|无需|无须|不用|不必|不要求/.test(norm.slice(s, f.end));
  };

  const inTechnical = overlapIndex(technical);
  const entities: Entity[] = [];
  const addEntity = (f: Found) => {
    if (f.end <= f.start || f.start < 0 || f.end > original.length) return;
    entities.push({
      type: f.type,
      text: original.slice(f.start, f.end),
      start: f.start,
      end: f.end,
      value: f.value,
    });
  };
  for (const d of dates)
    addEntity({
      type: 'date',
      start: d.start,
      end: d.end,
      value: { date: d.date, kind: d.kind, endDate: d.endDate ?? null },
    });
  for (const q of quantities)
    if (!inTechnical(q))
      addEntity({
        type: 'quantity',
        start: q.start,
        end: q.end,
        value: { value: q.value, unit: q.unit, range: q.range ?? null },
      });
  for (const m of money)
    addEntity({
      type: 'money',
      start: m.start,
      end: m.end,
      value: { amount: m.amount, currency: m.currency, per: m.per, taxIncluded: m.taxIncluded },
    });
  for (const p of percentages) addEntity({ type: 'percentage', start: p.start, end: p.end, value: p.value });
  for (const d of durations)
    addEntity({
      type: 'duration',
      start: d.start,
      end: d.end,
      value: { value: d.value, unit: d.unit, seconds: d.seconds },
    });
  const times = safe<Found[]>([], () => findClockTimes(norm));
  const inDate = overlapIndex(dates);
  for (const t of times) if (!inDate(t)) addEntity(t);
  const covered = [
    ...dates,
    ...times,
    ...quantities,
    ...money,
    ...percentages,
    ...durations,
    ...technical,
    ...standards,
    ...orderNumbers,
    ...drawingNumbers,
  ];
  const inCovered = overlapIndex(covered);
  for (const n of numbers) {
    if (!inCovered(n)) addEntity({ type: 'number', start: n.start, end: n.end, value: n.value });
  }
  for (const f of [
    ...technical,
    ...standards,
    ...certifications,
    ...companies,
    ...orderNumbers,
    ...drawingNumbers,
    ...contacts,
    ...people,
    ...itemsResult.entities,
  ]) {
    addEntity(f);
  }
  if (place) addEntity({ type: 'address', start: place.start, end: place.end, value: place.text });
  if (payment)
    addEntity({ type: 'payment_terms', start: payment.start, end: payment.end, value: payment.text });
  entities.sort((a, b) => a.start - b.start || b.end - a.end);

  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    intent,
    sentiment: { label: sentiment.label, score: Math.max(-1, Math.min(1, sentiment.score)) },
    customer,
    items: itemsResult.items,
    delivery,
    paymentTerms: payment?.text ?? null,
    standards: uniq(standards.filter(requested).map((s) => String(s.value))),
    certifications: uniq(certifications.filter(requested).map((c) => String(c.value))),
    requirements,
    entities,
    keywords: safe([], () => extractKeywords(norm)),
    contract: { class: null, reasons: [], totalWeightTonnes: null },
  };
}
