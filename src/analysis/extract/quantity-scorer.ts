// Which quantity of a one-item message is the item's ordered quantity, decided by a trained scorer
// over every goods quantity the message states. The hand rules (items.ts) attach the quantity
// nearest the product with cue words for changes, pack sizes and remainders; a message states many
// other counts — the old quantity of a change, a pack size, a bar length, a defect count, a yearly
// volume, a stock level — and each new wording slipped past some cue. The scorer learns from the
// words around every count, its rank among the others and the intent which count is the order; the
// rules' pick is one of its features. Pure: the model is a parameter.
import { type LinearModel, trainLinear } from '../classify/linear.js';
import type { QuantityMention } from '../entities/index.js';
import type { Line } from '../text/segment.js';
import { lineAt } from '../text/segment.js';
import { decideField, labelProbabilities, placementFeatures, valueBucket } from './candidate-scoring.js';

export const QTY_LABELS = ['ordered', 'other'] as const;
export type QtyLabel = (typeof QTY_LABELS)[number];

export interface QuantityScorer {
  readonly model: LinearModel<QtyLabel>;
  /** Without a rule pick, the least probability of a count taken as the item's quantity. */
  readonly threshold: number;
  /** Another count at least this probable replaces the rules' pick. */
  readonly override: number;
  /** The rules' pick is dropped when the model gives it less than this. */
  readonly keep: number;
}

const GOODS_UNITS =
  /^(?:件|支|米|吨|公斤|千克|kg|KG|Kg|kgs|KGS|pcs|PCS|Pcs|pc|PC|EA|ea|个|套|根|只|台|片|条|m|t|T|千件|万件|卷|箱|tons?|Tons?|tonnes?|Tonnes?|MT|bars?|sets?|段|块|颗|把)$/;

export type QuantityCandidate = QuantityMention;

/** The counts of goods a message states (not ranges: a range is no ordered quantity). */
export function quantityCandidates(quantities: readonly QuantityMention[]): QuantityCandidate[] {
  return quantities.filter((q) => q.value > 0 && q.range === undefined && GOODS_UNITS.test(q.unit.trim()));
}

/** The unit family a count is in, so that 件/pcs/个 and kg/公斤 compare as one. */
export function unitFamily(unit: string | null): string | null {
  if (unit === null) return null;
  const u = unit.trim().toLowerCase();
  if (['件', 'pcs', 'pc', 'ea', '个', '個', 'pieces', 'piece'].includes(u)) return '件';
  if (['kg', 'kgs', '公斤', '千克'].includes(u)) return 'kg';
  if (['吨', 't', 'mt', 'ton', 'tons', 'tonne', 'tonnes'].includes(u)) return '吨';
  if (['米', 'm'].includes(u)) return '米';
  return u;
}

export interface QuantityFeatureContext {
  norm: string;
  lines: readonly Line[];
  intent: string;
  /** Where the item's product is named. */
  item: { start: number; end: number };
  /** Lines of order tables. */
  tableLines: readonly { start: number; end: number }[];
}

/** Sparse features of each candidate, in the candidates' order. */
export function quantityFeatures(
  ctx: QuantityFeatureContext,
  candidates: readonly QuantityCandidate[],
  rulePick: number,
): Map<string, number>[] {
  const { intent } = ctx;
  const families = candidates.map((c) => unitFamily(c.unit));
  const placed = placementFeatures(
    ctx,
    candidates,
    candidates.map((c) => c.value),
    families,
    lineAt,
  );
  return candidates.map((c, i) => {
    const f = new Map<string, number>();
    const family = families[i]!;
    f.set('bias', 1);
    f.set(`intent:${intent}`, 1);
    if (rulePick === i) {
      f.set('pick', 1);
      f.set(`pick:${intent}`, 1);
    } else if (rulePick < 0) f.set('nopick', 1);
    else if (candidates[rulePick]!.value === c.value && families[rulePick] === family) f.set('samePick', 1);
    f.set(`u:${family}`, 1);
    f.set(`v:${valueBucket(c.value)}`, 1);
    if (c.value % 100 === 0) f.set('round100', 1);
    placed(f, i);
    return f;
  });
}

/** Probability of each candidate being the item's ordered quantity. */
export function quantityProbabilities(
  model: LinearModel<QtyLabel>,
  features: readonly Map<string, number>[],
): number[] {
  return labelProbabilities(model, 'ordered', features);
}

/** What the scorer makes of the rules' reading (candidate-scoring.ts `decideField`). */
export const decideQuantity = decideField;

export interface QuantityExample {
  features: Map<string, number>;
  ordered: boolean;
}

export function trainQuantityModel(examples: readonly QuantityExample[]): LinearModel<QtyLabel> {
  return trainLinear(
    QTY_LABELS,
    examples.map((e) => ({ features: e.features, label: e.ordered ? 'ordered' : 'other' })),
    { epochs: 40, learningRate: 0.2, l2: 1e-4, minDocFreq: 2, seed: 20261207 },
  );
}
