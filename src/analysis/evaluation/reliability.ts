// How far each field's confidence can be trusted: for every learnt field, the confidences the
// analysis gave and whether the field was right, binned into a reliability table with its expected
// calibration error (ECE: the gap between stated confidence and observed accuracy, weighted by how
// many readings fall in each bin). Printed by `npm run eval`. Pure.
import type { AnalysisResult } from '../result.js';
import type { GoldCase } from './gold.js';
import { canonicalUnit } from './score.js';

export const CONFIDENCE_FIELDS = ['intent', 'sentiment', 'customer', 'delivery', 'quantity'] as const;
export type ConfidenceField = (typeof CONFIDENCE_FIELDS)[number];

export type Reliability = Record<ConfidenceField, { confidence: number; correct: boolean }[]>;

export function newReliability(): Reliability {
  return { intent: [], sentiment: [], customer: [], delivery: [], quantity: [] };
}

const qtyKey = (q: { value: number; unit: string | null } | null) =>
  q === null ? null : `${q.value}|${canonicalUnit(q.unit)}`;

/** Adds one case's confidences and whether each field was right. */
export function addReliability(rel: Reliability, c: GoldCase, r: AnalysisResult): void {
  const g = c.gold;
  rel.intent.push({ confidence: r.intent.confidence, correct: r.intent.label === g.intent });
  if (r.sentiment.confidence !== undefined)
    rel.sentiment.push({ confidence: r.sentiment.confidence, correct: r.sentiment.label === g.sentiment });
  if (r.customer?.confidence !== undefined)
    rel.customer.push({ confidence: r.customer.confidence, correct: r.customer.name === g.customer });
  if (r.delivery.confidence !== undefined)
    rel.delivery.push({ confidence: r.delivery.confidence, correct: r.delivery.date === g.delivery_date });
  const item = r.items.length === 1 ? r.items[0]! : null;
  if (item?.confidence !== undefined && g.items.length === 1) {
    const gold = g.items[0]!;
    rel.quantity.push({
      confidence: item.confidence,
      correct:
        qtyKey(item.quantity) ===
        qtyKey(gold.quantity === null ? null : { value: gold.quantity, unit: gold.unit }),
    });
  }
}

export interface ReliabilityRow {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** Ten equal-width bins of confidence; the ECE over them. */
export function reliabilityTable(readings: readonly { confidence: number; correct: boolean }[]): {
  rows: ReliabilityRow[];
  ece: number;
} {
  const bins = Array.from({ length: 10 }, (_, i) => ({
    from: i / 10,
    to: (i + 1) / 10,
    sum: 0,
    right: 0,
    n: 0,
  }));
  for (const r of readings) {
    const b = bins[Math.min(9, Math.floor(r.confidence * 10))]!;
    b.n++;
    b.sum += r.confidence;
    if (r.correct) b.right++;
  }
  const total = readings.length;
  let ece = 0;
  const rows: ReliabilityRow[] = [];
  for (const b of bins) {
    if (b.n === 0) continue;
    const meanConfidence = b.sum / b.n;
    const accuracy = b.right / b.n;
    ece += (b.n / total) * Math.abs(meanConfidence - accuracy);
    rows.push({ from: b.from, to: b.to, count: b.n, meanConfidence, accuracy });
  }
  return { rows, ece: Math.round(ece * 1000) / 1000 };
}
