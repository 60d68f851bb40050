// The result's entity list: every mention the extractors found, with its text from the original, a
// bare number only where no richer entity (date, quantity, price, standard …) already covers it.
import type {
  DateMention,
  DurationMention,
  MoneyMention,
  NumberMention,
  PercentageMention,
  QuantityMention,
} from './entities/index.js';
import type { DeliveryPlace } from './extract/delivery.js';
import type { Found } from './extract/found.js';
import { overlapIndex } from './extract/found.js';
import type { PaymentTerms } from './extract/payment.js';
import type { Entity } from './result.js';

export interface EntitySources {
  readonly original: string;
  readonly dates: readonly DateMention[];
  readonly quantities: readonly QuantityMention[];
  readonly money: readonly MoneyMention[];
  readonly numbers: readonly NumberMention[];
  readonly percentages: readonly PercentageMention[];
  readonly durations: readonly DurationMention[];
  readonly times: readonly Found[];
  readonly technical: readonly Found[];
  readonly standards: readonly Found[];
  readonly certifications: readonly Found[];
  readonly companies: readonly Found[];
  readonly orderNumbers: readonly Found[];
  readonly drawingNumbers: readonly Found[];
  readonly contacts: readonly Found[];
  readonly people: readonly Found[];
  readonly items: { readonly entities: readonly Found[] };
  readonly place: DeliveryPlace | null;
  readonly payment: PaymentTerms | null;
}

export function assembleEntities(s: EntitySources): Entity[] {
  const { original } = s;
  const entities: Entity[] = [];
  const add = (f: Found) => {
    if (f.end <= f.start || f.start < 0 || f.end > original.length) return;
    entities.push({
      type: f.type,
      text: original.slice(f.start, f.end),
      start: f.start,
      end: f.end,
      value: f.value,
    });
  };
  for (const d of s.dates)
    add({
      type: 'date',
      start: d.start,
      end: d.end,
      value: { date: d.date, kind: d.kind, endDate: d.endDate ?? null },
    });
  const inTechnical = overlapIndex(s.technical);
  for (const q of s.quantities)
    if (!inTechnical(q))
      add({
        type: 'quantity',
        start: q.start,
        end: q.end,
        value: { value: q.value, unit: q.unit, range: q.range ?? null },
      });
  for (const m of s.money)
    add({
      type: 'money',
      start: m.start,
      end: m.end,
      value: { amount: m.amount, currency: m.currency, per: m.per, taxIncluded: m.taxIncluded },
    });
  for (const p of s.percentages) add({ type: 'percentage', start: p.start, end: p.end, value: p.value });
  for (const d of s.durations)
    add({
      type: 'duration',
      start: d.start,
      end: d.end,
      value: { value: d.value, unit: d.unit, seconds: d.seconds },
    });
  const inDate = overlapIndex(s.dates);
  for (const t of s.times) if (!inDate(t)) add(t);
  const inCovered = overlapIndex([
    ...s.dates,
    ...s.times,
    ...s.quantities,
    ...s.money,
    ...s.percentages,
    ...s.durations,
    ...s.technical,
    ...s.standards,
    ...s.orderNumbers,
    ...s.drawingNumbers,
  ]);
  for (const n of s.numbers) {
    if (!inCovered(n)) add({ type: 'number', start: n.start, end: n.end, value: n.value });
  }
  for (const f of [
    ...s.technical,
    ...s.standards,
    ...s.certifications,
    ...s.companies,
    ...s.orderNumbers,
    ...s.drawingNumbers,
    ...s.contacts,
    ...s.people,
    ...s.items.entities,
  ]) {
    add(f);
  }
  if (s.place) add({ type: 'address', start: s.place.start, end: s.place.end, value: s.place.text });
  if (s.payment)
    add({ type: 'payment_terms', start: s.payment.start, end: s.payment.end, value: s.payment.text });
  entities.sort((a, b) => a.start - b.start || b.end - a.end);
  return entities;
}
